import { describe, expect, it } from 'vitest';
import {
  IndexError,
  ShapeError,
  arange,
  broadcastTo,
  clone,
  contiguous,
  expand,
  flatten,
  narrow,
  permute,
  reshape,
  select,
  squeeze,
  t,
  tensor,
  transpose,
  unsqueeze,
  view,
  zeros,
} from '../src/index.js';
import { elements } from './strided-elements.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('view', () => {
  it('reshapes a contiguous array without copying, inferring -1', () => {
    const a = arange(12);
    const v = a.view(3, -1);
    expect(v.shape).toEqual([3, 4]);
    expect(v.strides).toEqual([4, 1]);
    expect(v.data).toBe(a.data);
    expect(a.view([2, 2, 3]).shape).toEqual([2, 2, 3]);
    expect(view(a, [-1]).shape).toEqual([12]);
    expect(a.view(12, 1, 1).strides).toEqual([1, 1, 1]);
  });

  it('writes through a view show in the source', () => {
    const a = zeros([2, 3]);
    a.view(-1).data[4] = 7;
    expect(elements(a)).toEqual([0, 0, 0, 0, 7, 0]);
  });

  it('splits and merges dims of a sliced (non-contiguous) array when strides allow', () => {
    const a = arange(24).view(4, 6).narrow(1, 0, 4); // shape [4, 4], strides [6, 1]
    const v = a.view(4, 2, 2);
    expect(v.strides).toEqual([6, 2, 1]);
    expect(elements(v)).toEqual(elements(a));
    const b = arange(24).view(2, 3, 4).transpose(0, 1); // [3, 2, 4], strides [4, 12, 1]
    const w = b.view(3, 2, 2, 2);
    expect(w.strides).toEqual([4, 12, 2, 1]);
    expect(elements(w)).toEqual(elements(b));
  });

  it('refuses incompatible strides and wrong sizes', () => {
    const tr = arange(12).view(3, 4).t();
    expect(() => tr.view(-1)).toThrow(ShapeError);
    expect(() => tr.view(-1)).toThrow(/view size is not compatible with input tensor's size and stride.*Use \.reshape\(\.\.\.\) instead\./);
    expect(() => arange(12).view(5, -1)).toThrow(new ShapeError('view: shape [5, -1] is invalid for input of size 12'));
    expect(() => arange(12).view(5, 3)).toThrow('view: shape [5, 3] is invalid for input of size 12');
    expect(() => arange(12).view(-1, -1)).toThrow('only one dimension can be inferred');
  });

  it('0-dim and empty arrays', () => {
    const s = tensor(5);
    expect(s.view(1).shape).toEqual([1]);
    expect(s.view(1, 1).view([]).shape).toEqual([]);
    expect(zeros([0, 3]).view(3, 0, 2).shape).toEqual([3, 0, 2]);
    expect(() => zeros([0, 3]).view(3, 0, -1)).toThrow('the unspecified dimension size -1 can be any value and is ambiguous');
  });
});

describe('reshape and flatten', () => {
  it('reshape is a view when possible, else a copy with the right values', () => {
    const a = arange(6).view(2, 3);
    expect(a.reshape(3, 2).data).toBe(a.data);
    const tr = a.t(); // [[0, 3], [1, 4], [2, 5]]
    const r = reshape(tr, [-1]);
    expect(r.data).not.toBe(a.data);
    expect(elements(r)).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('flatten merges a range of dims', () => {
    const a = zeros([2, 3, 4, 5]);
    expect(a.flatten().shape).toEqual([120]);
    expect(a.flatten(1).shape).toEqual([2, 60]);
    expect(flatten(a, 1, 2).shape).toEqual([2, 12, 5]);
    expect(a.flatten(-2).shape).toEqual([2, 3, 20]);
    expect(a.flatten(2, 2)).toBe(a);
    expect(tensor(1).flatten().shape).toEqual([1]);
    expect(() => a.flatten(2, 1)).toThrow(ShapeError);
    expect(() => a.flatten(4)).toThrow(IndexError);
  });
});

describe('squeeze and unsqueeze', () => {
  it('squeeze removes size-1 dims (all, one, or a list)', () => {
    const a = zeros([2, 1, 3, 1]);
    expect(a.squeeze().shape).toEqual([2, 3]);
    expect(a.squeeze(1).shape).toEqual([2, 3, 1]);
    expect(a.squeeze(-1).shape).toEqual([2, 1, 3]);
    expect(squeeze(a, [1, 3]).shape).toEqual([2, 3]);
    expect(a.squeeze(0)).toBe(a); // not size 1: no-op
    expect(a.squeeze().data).toBe(a.data);
    expect(() => a.squeeze(4)).toThrow(IndexError);
  });

  it('unsqueeze inserts a dim anywhere from -ndim-1 to ndim', () => {
    const a = arange(6).view(2, 3);
    expect(a.unsqueeze(0).shape).toEqual([1, 2, 3]);
    expect(a.unsqueeze(1).shape).toEqual([2, 1, 3]);
    expect(a.unsqueeze(2).shape).toEqual([2, 3, 1]);
    expect(unsqueeze(a, -1).shape).toEqual([2, 3, 1]);
    expect(a.unsqueeze(-3).shape).toEqual([1, 2, 3]);
    expect(a.unsqueeze(1).isContiguous()).toBe(true);
    expect(elements(a.unsqueeze(1))).toEqual(range(6));
    expect(() => a.unsqueeze(3)).toThrow(
      new IndexError('unsqueeze: dimension out of range (expected to be in range of [-3, 2], but got 3)'),
    );
  });
});

describe('transpose, t and permute', () => {
  it('transpose swaps shape and strides and shares storage', () => {
    const a = arange(24).view(2, 3, 4);
    const b = a.transpose(0, 2);
    expect(b.shape).toEqual([4, 3, 2]);
    expect(b.strides).toEqual([1, 4, 12]);
    expect(b.data).toBe(a.data);
    expect(b.isContiguous()).toBe(false);
    // b[i][j][k] = a[k][j][i]
    expect(b.data[b.offset + 3 * b.strides[0]! + 1 * b.strides[1]! + 1 * b.strides[2]!]).toBe(12 + 4 + 3);
    expect(transpose(a, -1, -2).shape).toEqual([2, 4, 3]);
  });

  it('t transposes matrices and leaves vectors alone', () => {
    const m = arange(6).view(2, 3);
    expect(elements(t(m))).toEqual([0, 3, 1, 4, 2, 5]);
    expect(m.t().strides).toEqual([1, 3]);
    const v = arange(3);
    expect(v.t()).toBe(v);
    expect(() => zeros([2, 2, 2]).t()).toThrow(ShapeError);
  });

  it('permute reorders dims', () => {
    const a = arange(24).view(2, 3, 4);
    const p = a.permute(2, 0, 1);
    expect(p.shape).toEqual([4, 2, 3]);
    expect(p.strides).toEqual([1, 12, 4]);
    expect(permute(a, [2, 0, 1]).strides).toEqual([1, 12, 4]);
    expect(elements(p).slice(0, 6)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(() => a.permute(0, 1)).toThrow(ShapeError);
    expect(() => a.permute(0, 1, 1)).toThrow(IndexError);
  });
});

describe('expand and broadcastTo', () => {
  it('repeats size-1 dims with stride 0', () => {
    const col = tensor([[1], [2]]);
    const e = col.expand(2, 3);
    expect(e.shape).toEqual([2, 3]);
    expect(e.strides).toEqual([1, 0]);
    expect(e.data).toBe(col.data);
    expect(elements(e)).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('adds leading dims and keeps -1', () => {
    const a = tensor([1, 2, 3]);
    const e = a.expand(2, 2, -1);
    expect(e.shape).toEqual([2, 2, 3]);
    expect(e.strides).toEqual([0, 0, 1]);
    expect(elements(broadcastTo(a, [2, 3]))).toEqual([1, 2, 3, 1, 2, 3]);
    expect(a.expandAs(zeros([4, 3])).shape).toEqual([4, 3]);
    expect(expand(tensor(5), [2]).strides).toEqual([0]);
  });

  it('rejects non-singleton mismatches', () => {
    expect(() => zeros([2, 3]).expand(2, 5)).toThrow(
      new ShapeError(
        'expand: the expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 1. Target sizes: [2, 5]. Tensor sizes: [2, 3]',
      ),
    );
    expect(() => zeros([2, 3]).expand(3)).toThrow(ShapeError);
    expect(() => zeros([3]).expand(-1, 3)).toThrow(ShapeError);
  });
});

describe('narrow and select', () => {
  it('narrow keeps a range along a dim as a view', () => {
    const a = arange(12).view(3, 4);
    const n = a.narrow(1, 1, 2);
    expect(n.shape).toEqual([3, 2]);
    expect(n.offset).toBe(1);
    expect(n.data).toBe(a.data);
    expect(elements(n)).toEqual([1, 2, 5, 6, 9, 10]);
    expect(elements(narrow(a, 0, -1, 1))).toEqual([8, 9, 10, 11]);
    expect(() => a.narrow(1, 3, 2)).toThrow(IndexError);
    expect(() => a.narrow(1, 3, 2)).toThrow('narrow: start (3) + length (2) exceeds dimension size (4)');
  });

  it('select drops the dim; negative indices count from the end', () => {
    const a = arange(12).view(3, 4);
    expect(elements(a.select(1, 2))).toEqual([2, 6, 10]);
    expect(a.select(1, 2).shape).toEqual([3]);
    expect(elements(select(a, 0, -1))).toEqual([8, 9, 10, 11]);
    expect(a.select(0, 1).select(0, 3).shape).toEqual([]);
    expect(() => a.select(0, 3)).toThrow(new IndexError('select: index 3 is out of bounds for dimension 0 with size 3 (shape [3, 4])'));
  });
});

describe('contiguous and clone', () => {
  it('contiguous returns the array itself when already contiguous', () => {
    const a = arange(6).view(2, 3);
    expect(a.contiguous()).toBe(a);
    const c = contiguous(a.t());
    expect(c.isContiguous()).toBe(true);
    expect(c.strides).toEqual([2, 1]);
    expect(elements(c)).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('clone always copies', () => {
    const a = arange(3);
    const c = clone(a);
    expect(c.data).not.toBe(a.data);
    c.data[0] = 9;
    expect(a.data[0]).toBe(0);
    expect(a.clone().dtype).toBe('int32');
  });
});

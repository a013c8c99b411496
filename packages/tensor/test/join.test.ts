import { describe, expect, it } from 'vitest';
import { IndexError, ShapeError, ValueError, arange, cat, chunk, split, stack, tensor, zeros } from '../src/index.js';
import { elements } from './strided-elements.js';

describe('cat', () => {
  it('joins along dim 0', () => {
    const r = cat([arange(4).view(2, 2), arange(4, 6).view(1, 2)]);
    expect(r.shape).toEqual([3, 2]);
    expect(elements(r)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.dtype).toBe('int32');
  });

  it('joins along inner dims, including long blocks and strided inputs', () => {
    const a = arange(6).view(2, 3);
    const b = arange(10, 12).view(2, 1);
    const c = arange(20, 24).view(2, 2).t(); // [[20, 22], [21, 23]]
    const r = cat([a, b, c], 1);
    expect(r.shape).toEqual([2, 6]);
    expect(elements(r)).toEqual([0, 1, 2, 10, 20, 22, 3, 4, 5, 11, 21, 23]);
    const big = cat([arange(40).view(2, 20), arange(100, 140).view(2, 20)], -1);
    expect(big.shape).toEqual([2, 40]);
    expect(elements(big).slice(18, 22)).toEqual([18, 19, 100, 101]);
    expect(elements(big).slice(38, 42)).toEqual([118, 119, 20, 21]);
  });

  it('3-d along the last dim', () => {
    const r = cat([zeros([2, 2, 1]), arange(4).view(2, 2, 1).float()], -1);
    expect(r.shape).toEqual([2, 2, 2]);
    expect(elements(r)).toEqual([0, 0, 0, 1, 0, 2, 0, 3]);
  });

  it('promotes dtypes like PyTorch', () => {
    const r = cat([tensor([1, 2], { dtype: 'int32' }), tensor([0.5])]);
    expect(r.dtype).toBe('float32');
    expect(elements(r)).toEqual([1, 2, 0.5]);
    expect(cat([tensor([true]), tensor([3], { dtype: 'int32' })]).dtype).toBe('int32');
    expect(cat([tensor([1]), tensor([2], { dtype: 'float64' })]).dtype).toBe('float64');
  });

  it('skips 1-d empty arrays (legacy PyTorch rule)', () => {
    const r = cat([zeros([0]), arange(4).view(2, 2)]);
    expect(r.shape).toEqual([2, 2]);
  });

  it('errors name the op, dim and shapes', () => {
    expect(() => cat([zeros([2, 4]), zeros([3, 5])])).toThrow(
      new ShapeError('cat: sizes of tensors must match except in dimension 0: [2, 4] vs [3, 5] at dim 1'),
    );
    expect(() => cat([zeros([2, 4]), zeros([2])])).toThrow('cat: tensors must have the same number of dimensions: got 2 and 1');
    expect(() => cat([])).toThrow(ValueError);
    expect(() => cat([tensor(1), tensor(2)])).toThrow(ShapeError);
    expect(() => cat([zeros([2])], 1)).toThrow(IndexError);
  });
});

describe('stack', () => {
  it('adds a new dim at 0, 1 or -1', () => {
    const a = arange(6).view(2, 3);
    const b = arange(6, 12).view(2, 3);
    const s0 = stack([a, b]);
    expect(s0.shape).toEqual([2, 2, 3]);
    expect(elements(s0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const s1 = stack([a, b], 1);
    expect(s1.shape).toEqual([2, 2, 3]);
    expect(elements(s1)).toEqual([0, 1, 2, 6, 7, 8, 3, 4, 5, 9, 10, 11]);
    const s2 = stack([a, b], -1);
    expect(s2.shape).toEqual([2, 3, 2]);
    expect(elements(s2)).toEqual([0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11]);
    expect(stack([tensor(1), tensor(2)]).shape).toEqual([2]);
  });

  it('requires equal shapes', () => {
    expect(() => stack([zeros([2, 3]), zeros([2, 4])])).toThrow(
      new ShapeError('stack: expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1'),
    );
    expect(() => stack([zeros([2])], 2)).toThrow(IndexError);
  });
});

describe('split and chunk', () => {
  it('split by chunk size gives views; the last piece may be smaller', () => {
    const a = arange(5);
    const parts = split(a, 2);
    expect(parts.map(elements)).toEqual([[0, 1], [2, 3], [4]]);
    expect(parts[1]!.data).toBe(a.data);
    const m = arange(12).view(3, 4);
    expect(m.split(3, 1).map((p) => p.shape)).toEqual([
      [3, 3],
      [3, 1],
    ]);
  });

  it('split by a list of sizes', () => {
    const parts = arange(10).view(5, 2).split([1, 4]);
    expect(parts.map((p) => p.shape)).toEqual([
      [1, 2],
      [4, 2],
    ]);
    expect(elements(parts[1]!)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => split(arange(4), [1, 2])).toThrow(
      new ShapeError('split: split sizes [1, 2] sum to 3, but dimension 0 has size 4 (shape [4])'),
    );
    expect(() => split(arange(4), 0)).toThrow(ValueError);
  });

  it('chunk uses ceil(size / chunks) per piece', () => {
    expect(chunk(arange(5), 2).map(elements)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    expect(chunk(arange(6), 3).map(elements)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(arange(2).chunk(4).length).toBe(2);
    expect(arange(8).view(2, 4).chunk(2, 1).map((p) => p.shape)).toEqual([
      [2, 2],
      [2, 2],
    ]);
    expect(() => chunk(arange(3), 0)).toThrow(ValueError);
  });

  it('split then cat is the identity', () => {
    const a = arange(24).view(4, 6);
    expect(elements(cat(a.split([2, 1, 3], 1), 1))).toEqual(elements(a));
  });
});

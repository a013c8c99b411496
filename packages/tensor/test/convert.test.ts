import { describe, expect, it } from 'vitest';
import { DTypeError, ValueError, arange, item, tensor, to, toTypedArray, tolist, zeros } from '../src/index.js';

describe('item', () => {
  it('returns the single element, of 0-dim or 1-element arrays and views', () => {
    expect(tensor(2.5).item()).toBe(2.5);
    expect(tensor([[7]], { dtype: 'int32' }).item()).toBe(7);
    expect(arange(10).index(3).item()).toBe(3);
    expect(item(tensor(true))).toBe(1);
    expect(tensor(0.1).item()).toBe(Math.fround(0.1));
  });

  it('throws for more than one element', () => {
    expect(() => zeros([2, 2]).item()).toThrow(new ValueError('item: a Tensor with 4 elements cannot be converted to Scalar'));
    expect(() => zeros([0]).item()).toThrow('a Tensor with 0 elements');
  });
});

describe('tolist', () => {
  it('nests like the shape; bool gives booleans', () => {
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).tolist(),
    ).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor([true, false]).tolist()).toEqual([true, false]);
    expect(tensor(3).tolist()).toBe(3);
    expect(tolist(zeros([2, 0]))).toEqual([[], []]);
  });

  it('reads views in logical order', () => {
    expect(arange(6).view(2, 3).t().tolist()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
  });
});

describe('toTypedArray', () => {
  it('is a fresh contiguous copy of the right type', () => {
    const a = arange(6).view(2, 3);
    const out = toTypedArray(a.t());
    expect(out).toBeInstanceOf(Int32Array);
    expect(Array.from(out)).toEqual([0, 3, 1, 4, 2, 5]);
    const same = a.toTypedArray();
    expect(same).not.toBe(a.data);
    same[0] = 99;
    expect(a.data[0]).toBe(0);
    expect(tensor([true]).toTypedArray()).toBeInstanceOf(Uint8Array);
    expect(tensor([1], { dtype: 'float64' }).toTypedArray()).toBeInstanceOf(Float64Array);
  });
});

describe('to / float / double / int / bool', () => {
  it('returns the array itself for the same dtype', () => {
    const a = tensor([1, 2]);
    expect(a.to('float32')).toBe(a);
    expect(a.float()).toBe(a);
  });

  it('float to int truncates toward zero', () => {
    const r = tensor([1.7, -1.7, 2.5, -0.5]).int();
    expect(r.dtype).toBe('int32');
    expect(Array.from(r.data)).toEqual([1, -1, 2, 0]);
  });

  it('to bool is x != 0 (NaN is true); bool to number is 0/1', () => {
    expect(Array.from(tensor([0, -2, Number.NaN, 0.1]).bool().data)).toEqual([0, 1, 1, 1]);
    expect(Array.from(tensor([true, false]).float().data)).toEqual([1, 0]);
  });

  it('float64 to float32 rounds to nearest; int to float64 is exact', () => {
    const d = tensor([0.1, 16777217], { dtype: 'float64' });
    expect(Array.from(d.float().data)).toEqual([Math.fround(0.1), 16777216]);
    expect(Array.from(arange(3).double().data)).toEqual([0, 1, 2]);
    expect(to(d, 'float32').dtype).toBe('float32');
  });

  it('casts strided views in logical order', () => {
    const r = arange(6).view(2, 3).t().float();
    expect(r.shape).toEqual([3, 2]);
    expect(Array.from(r.data)).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('rejects unknown dtypes', () => {
    expect(() => tensor([1]).to('int64' as never)).toThrow(DTypeError);
  });
});

/**
 * flip, take, scatterAdd and indexAdd_. Expected values are written out by hand or computed here
 * with plain loops over JS arrays (float32 sums rounded with Math.fround after each addition, as
 * PyTorch's CPU loops round once per addition).
 */
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  IndexError,
  NDArray,
  ShapeError,
  arange,
  flip,
  indexAdd_,
  ones,
  scatterAdd,
  take,
  tensor,
  zeros,
} from '../src/index.js';

const int32 = (xs: number[]) => tensor(xs, { dtype: 'int32' });

describe('flip', () => {
  it('reverses one dim, several dims, negative dims', () => {
    const a = arange(6).view(2, 3);
    expect(flip(a, 1).tolist()).toEqual([[2, 1, 0], [5, 4, 3]]);
    expect(a.flip([0]).tolist()).toEqual([[3, 4, 5], [0, 1, 2]]);
    expect(a.flip([0, 1]).tolist()).toEqual([[5, 4, 3], [2, 1, 0]]);
    expect(a.flip(-1).tolist()).toEqual([[2, 1, 0], [5, 4, 3]]);
    expect(a.flip([]).tolist()).toEqual(a.tolist());
    const b = arange(24).view(2, 3, 4);
    const f = b.flip(1);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) expect(f.index(i, j, k).item()).toBe(i * 12 + (2 - j) * 4 + k);
    }
  });

  it('returns a fresh contiguous array with non-negative strides, also from strided views', () => {
    const a = arange(6, { dtype: 'float64' }).view(2, 3);
    const f = a.t().flip(0); // [[2, 5], [1, 4], [0, 3]]
    expect(f.tolist()).toEqual([[2, 5], [1, 4], [0, 3]]);
    expect(f.data).not.toBe(a.data);
    expect(f.strides).toEqual([2, 1]);
    expect(f.offset).toBe(0);
    expect(f.dtype).toBe('float64');
    const narrowed = arange(10).narrow(0, 2, 5).flip(0);
    expect(narrowed.tolist()).toEqual([6, 5, 4, 3, 2]);
    // the result is independent of the input
    f.fill_(-1);
    expect(a.tolist()).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('handles 0-dim, empty and bool arrays', () => {
    expect(flip(tensor(7), 0).tolist()).toBe(7);
    expect(flip(tensor(7), []).shape).toEqual([]);
    expect(flip(zeros([0, 3]), [0, 1]).shape).toEqual([0, 3]);
    expect(tensor([true, false, false]).flip(0).tolist()).toEqual([false, false, true]);
  });

  it('rejects dims out of range and repeated dims', () => {
    const a = zeros([2, 3]);
    expect(() => a.flip(2)).toThrow(IndexError);
    expect(() => a.flip(2)).toThrow('flip: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => a.flip([0, -2])).toThrow('flip: dim 0 appears multiple times in the list of dims');
  });
});

describe('take', () => {
  it('picks by flat position, shaped like the index, negative positions from the end', () => {
    const a = tensor([[4, 3, 5], [6, 7, 8]]);
    expect(take(a, [[0, 2], [-1, 5]]).tolist()).toEqual([[4, 5], [8, 8]]);
    expect(a.take(int32([1, 1, -6])).tolist()).toEqual([3, 3, 4]);
    const scalar = a.take(tensor(4, { dtype: 'int32' }));
    expect(scalar.shape).toEqual([]);
    expect(scalar.item()).toBe(7);
    expect(a.take([]).shape).toEqual([0]);
  });

  it('reads a strided input in row-major order and keeps the dtype', () => {
    const a = arange(6, { dtype: 'float64' }).view(2, 3).t(); // [[0, 3], [1, 4], [2, 5]]
    const r = a.take([0, 1, 2, 3, 4, 5]);
    expect(r.tolist()).toEqual([0, 3, 1, 4, 2, 5]);
    expect(r.dtype).toBe('float64');
    expect(arange(5).take([4]).dtype).toBe('int32');
  });

  it('rejects positions out of range and non-integer indices', () => {
    const a = zeros([2, 2]);
    expect(() => a.take([4])).toThrow(IndexError);
    expect(() => a.take([4])).toThrow('take: out of range: tried to access index 4 on a tensor of 4 elements (shape [2, 2])');
    expect(() => a.take([-5])).toThrow('tried to access index -5 on a tensor of 4 elements');
    expect(() => a.take(tensor([true, false, true, false]))).toThrow(DTypeError);
    expect(() => a.take(tensor([1.0]))).toThrow(DTypeError);
    expect(() => a.take([0.5])).toThrow(DTypeError);
  });
});

/** `out[index[i][j]][j] += src[i][j]` (dim 0) or `out[i][index[i][j]] += src[i][j]` (dim 1) on JS arrays. */
function scatterAddReference(self: number[][], dim: number, index: number[][], src: number[][], round: (x: number) => number): number[][] {
  const out = self.map((row) => row.slice());
  for (let i = 0; i < index.length; i++) {
    for (let j = 0; j < index[i]!.length; j++) {
      const v = index[i]![j]!;
      const [r, c] = dim === 0 ? [v, j] : [i, v];
      out[r]![c] = round(out[r]![c]! + src[i]![j]!);
    }
  }
  return out;
}

describe('scatterAdd', () => {
  it('adds along dim 0 and dim 1, accumulating repeats, out of place', () => {
    const self = [[1, 2, 3], [4, 5, 6]];
    const src = [[10, 20, 30], [40, 50, 60], [70, 80, 90]];
    const a = tensor(self);
    const i0 = [[1, 0, 1], [1, 1, 0]];
    expect(scatterAdd(a, 0, int32(i0.flat()).view(2, 3), tensor(src)).tolist()).toEqual(
      scatterAddReference(self, 0, i0, src, (x) => x),
    );
    expect(scatterAdd(a, 0, i0, tensor(src)).tolist()).toEqual([[1, 22, 63], [54, 55, 36]]);
    const i1 = [[2, 2], [0, 1]];
    expect(a.scatterAdd(1, i1, tensor(src)).tolist()).toEqual(scatterAddReference(self, 1, i1, src, (x) => x));
    expect(a.scatterAdd(-1, i1, tensor(src)).tolist()).toEqual([[1, 2, 33], [44, 55, 6]]);
    expect(a.tolist()).toEqual(self);
  });

  it('rounds to float32 once per addition, in index order', () => {
    // each 4e-8 is below half an ulp of 1 in float32, their sum is not
    const self = [[1]];
    const src = [[4e-8], [4e-8]];
    const index = [[0], [0]];
    const expected = scatterAddReference(self, 0, index, src.map((r) => r.map(Math.fround)), Math.fround);
    const r = scatterAdd(tensor(self), 0, index, tensor(src));
    expect(r.tolist()).toEqual(expected);
    // the float64 sum of the float32 values differs: the test can tell the two apart
    expect(expected[0]![0]).toBe(1);
    expect(Math.fround(1 + Math.fround(4e-8) * 2)).not.toBe(1);
    const r64 = scatterAdd(tensor(self, { dtype: 'float64' }), 0, index, tensor(src, { dtype: 'float64' }));
    expect(r64.tolist()).toEqual(scatterAddReference(self, 0, index, src, (x) => x));
  });

  it('reads strided src and self, int32 wraps, bool ors', () => {
    const src = arange(6, { dtype: 'float32' }).view(2, 3).t(); // [[0, 3], [1, 4], [2, 5]]
    const self = zeros([2, 4]).narrow(1, 1, 2); // a [2, 2] view of a wider array
    expect(scatterAdd(self, 0, [[1, 1], [0, 0]], src).tolist()).toEqual([[1, 4], [0, 3]]);
    expect(scatterAdd(tensor([2147483647], { dtype: 'int32' }), 0, [0], tensor([1], { dtype: 'int32' })).tolist()).toEqual([-2147483648]);
    expect(scatterAdd(tensor([true, false, false]), 0, [0, 1, 1], tensor([true, true, false])).tolist()).toEqual([true, true, false]);
    expect(scatterAdd(tensor(1), 0, tensor(0, { dtype: 'int32' }), tensor(2)).tolist()).toBe(3);
  });

  it('rejects bad shapes, dtypes and indices', () => {
    const a = zeros([2, 3]);
    expect(() => scatterAdd(a, 0, [0, 1], zeros([2, 3]))).toThrow(ShapeError);
    expect(() => scatterAdd(a, 0, [0, 1], zeros([2, 3]))).toThrow(
      'scatterAdd: index and src must have as many dims as self (self [2, 3], index [2], src [2, 3])',
    );
    expect(() => scatterAdd(a, 0, [[0, 0, 0, 0]], zeros([2, 4]))).toThrow(
      'scatterAdd: expected index [1, 4] to be no larger than self [2, 3] apart from dimension 0 and no larger than src [2, 4]',
    );
    expect(() => scatterAdd(a, 0, [[0, 0], [0, 0], [0, 0]], zeros([2, 2]))).toThrow(ShapeError);
    expect(() => scatterAdd(a, 0, [[0, 2]], zeros([2, 3]))).toThrow(IndexError);
    expect(() => scatterAdd(a, 0, [[0, 2]], zeros([2, 3]))).toThrow(
      'scatterAdd: index 2 is out of bounds for dimension 0 with size 2 (self [2, 3])',
    );
    expect(() => scatterAdd(a, 1, [[-1]], zeros([2, 3]))).toThrow('index -1 is out of bounds for dimension 1 with size 3');
    expect(() => scatterAdd(a, 0, [[0]], zeros([2, 3], { dtype: 'float64' }))).toThrow(DTypeError);
    expect(() => scatterAdd(a, 0, [[0]], zeros([2, 3], { dtype: 'float64' }))).toThrow(
      'scatterAdd: expected self and src to have the same dtype, got float32 and float64',
    );
    expect(() => scatterAdd(a, 2, [[0]], zeros([2, 3]))).toThrow(IndexError);
  });
});

describe('indexAdd_', () => {
  it('adds whole slices along dim 0 and dim 1 in place, accumulating repeats', () => {
    const a = zeros([3, 2]);
    const r = indexAdd_(a, 0, [2, 0, 2], tensor([[1, 2], [3, 4], [5, 6]]));
    expect(r).toBe(a);
    expect(a.tolist()).toEqual([[3, 4], [0, 0], [6, 8]]);
    const b = ones([2, 3]);
    expect(b.indexAdd_(1, int32([1, 1]), tensor([[1, 2], [3, 4]])).tolist()).toEqual([[1, 4, 1], [1, 8, 1]]);
    expect(b.indexAdd_(-1, [], zeros([2, 0])).tolist()).toEqual([[1, 4, 1], [1, 8, 1]]);
  });

  it('rounds to float32 once per addition, in index order (the flat 1-d path)', () => {
    const src = [1, 4e-8, 4e-8, 3e-8, -1];
    const index = [0, 0, 0, 1, 0];
    const expected = [0, 0];
    for (let j = 0; j < src.length; j++) expected[index[j]!] = Math.fround(expected[index[j]!]! + Math.fround(src[j]!));
    const a = zeros([2]).indexAdd_(0, index, tensor(src));
    expect(a.tolist()).toEqual(expected);
    expect(expected[0]).toBe(0);
    expect(Math.fround(1 + Math.fround(4e-8) * 2 - 1)).not.toBe(0);
  });

  it('writes through strided views of self and reads strided src', () => {
    const base = zeros([3, 2]);
    const view = base.t(); // [2, 3], strides [1, 2]
    view.indexAdd_(1, [2, 0], arange(4, { dtype: 'float32' }).view(2, 2).t()); // src [[0, 2], [1, 3]]
    expect(view.tolist()).toEqual([[2, 0, 0], [3, 0, 1]]);
    expect(base.tolist()).toEqual([[2, 3], [0, 0], [0, 1]]);
    const strided = zeros([6]).index('::2');
    strided.indexAdd_(0, [1, 2], tensor([5, 7]));
    expect(strided.tolist()).toEqual([0, 5, 7]);
  });

  it('handles 0-dim arrays, int32 and bool', () => {
    const s = tensor(1.5);
    s.indexAdd_(0, [0], tensor(2));
    expect(s.item()).toBe(3.5);
    expect(tensor([1, 2], { dtype: 'int32' }).indexAdd_(0, [1, 1], tensor([5, 6], { dtype: 'int32' })).tolist()).toEqual([1, 13]);
    expect(tensor([[false, true]]).indexAdd_(0, [0], tensor([[true, false]])).tolist()).toEqual([[true, true]]);
  });

  it('rejects bad shapes, dtypes and indices before writing anything', () => {
    const a = zeros([3, 2]);
    expect(() => a.indexAdd_(0, [[0]], zeros([1, 2]))).toThrow(ShapeError);
    expect(() => a.indexAdd_(0, [[0]], zeros([1, 2]))).toThrow('indexAdd_: index is supposed to be a vector, got shape [1, 1]');
    expect(() => a.indexAdd_(0, [0, 1], zeros([3, 2]))).toThrow(
      'indexAdd_: src must have the shape of self except along dim 0, where it must have the 2 indices (self [3, 2], src [3, 2])',
    );
    expect(() => a.indexAdd_(1, [0], zeros([2, 1]))).toThrow(ShapeError);
    expect(() => a.indexAdd_(0, [0], zeros([1, 2, 1]))).toThrow(ShapeError);
    expect(() => a.indexAdd_(0, [0, 3], ones([2, 2]))).toThrow(IndexError);
    expect(() => a.indexAdd_(0, [0, 3], ones([2, 2]))).toThrow('indexAdd_: index 3 is out of bounds for dimension 0 with size 3 (self [3, 2])');
    expect(() => a.indexAdd_(0, [-1], ones([1, 2]))).toThrow(IndexError);
    expect(a.tolist()).toEqual([[0, 0], [0, 0], [0, 0]]);
    expect(() => a.indexAdd_(0, [0], ones([1, 2], { dtype: 'float64' }))).toThrow(DTypeError);
    expect(() => a.indexAdd_(0, tensor([0.0]), ones([1, 2]))).toThrow(DTypeError);
    expect(() => new NDArray(new Float32Array(2), [2]).indexAdd_(1, [0], ones([1]))).toThrow(IndexError);
  });
});

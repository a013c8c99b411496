import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  NDArray,
  ShapeError,
  ValueError,
  arange,
  empty,
  emptyLike,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  tensor,
  zeros,
  zerosLike,
} from '../src/index.js';

const values = (a: NDArray): number[] => Array.from(a.data.subarray(a.offset, a.offset + a.size));

describe('tensor()', () => {
  it('builds from nested arrays (float32 by default)', () => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(a.dtype).toBe('float32');
    expect(a.shape).toEqual([2, 3]);
    expect(a.strides).toEqual([3, 1]);
    expect(a.data).toBeInstanceOf(Float32Array);
    expect(values(a)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rounds doubles to float32 once', () => {
    expect(tensor([0.1]).data[0]).toBe(Math.fround(0.1));
  });

  it('infers bool from booleans; mixing numbers gives float32', () => {
    const b = tensor([true, false, true]);
    expect(b.dtype).toBe('bool');
    expect(values(b)).toEqual([1, 0, 1]);
    const m = tensor([true, 2.5]);
    expect(m.dtype).toBe('float32');
    expect(values(m)).toEqual([1, 2.5]);
  });

  it('casts to a requested dtype (truncating toward zero for int32)', () => {
    const a = tensor([1.7, -1.7, 3], { dtype: 'int32' });
    expect(a.data).toBeInstanceOf(Int32Array);
    expect(values(a)).toEqual([1, -1, 3]);
    expect(values(tensor([0, 2, Number.NaN], { dtype: 'bool' }))).toEqual([0, 1, 1]);
    expect(tensor([1, 2], { dtype: 'float64' }).data).toBeInstanceOf(Float64Array);
  });

  it('makes 0-dim arrays from scalars', () => {
    const a = tensor(3.5);
    expect(a.shape).toEqual([]);
    expect(a.size).toBe(1);
    expect(a.dtype).toBe('float32');
    expect(a.data[0]).toBe(3.5);
    const b = tensor(true);
    expect(b.dtype).toBe('bool');
    expect(b.data[0]).toBe(1);
    expect(tensor(7, { dtype: 'int32' }).data).toEqual(new Int32Array([7]));
  });

  it('handles empty lists', () => {
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([]).dtype).toBe('float32');
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });

  it('takes the dtype of a typed array and copies it', () => {
    const src = new Float64Array([1, 2, 3]);
    const a = tensor(src);
    expect(a.dtype).toBe('float64');
    expect(a.shape).toEqual([3]);
    src[0] = 100;
    expect(a.data[0]).toBe(1);
    expect(tensor(new Float32Array([1])).dtype).toBe('float32');
    expect(tensor(new Int32Array([1])).dtype).toBe('int32');
    const b = tensor(new Uint8Array([0, 1, 5]));
    expect(b.dtype).toBe('bool');
    expect(values(b)).toEqual([0, 1, 1]);
    expect(values(tensor(new Int32Array([1, 2]), { dtype: 'float32' }))).toEqual([1, 2]);
  });

  it('rejects unsupported typed arrays', () => {
    expect(() => tensor(new Int16Array(2) as unknown as Int32Array)).toThrow(DTypeError);
    expect(() => tensor(new Int16Array(2) as unknown as Int32Array)).toThrow('unsupported typed array Int16Array');
  });

  it('copies an NDArray (contiguously, even from a strided view)', () => {
    const base = tensor([
      [1, 2],
      [3, 4],
    ]);
    const t = new NDArray(base.data, [2, 2], [1, 2], 0, 'float32'); // transposed view
    const c = tensor(t);
    expect(c.strides).toEqual([2, 1]);
    expect(values(c)).toEqual([1, 3, 2, 4]);
    expect(c.data).not.toBe(base.data);
    expect(tensor(base, { dtype: 'int32' }).dtype).toBe('int32');
  });

  it('rejects ragged nesting, naming the element path', () => {
    expect(() =>
      tensor([
        [1, 2, 3],
        [4, 5],
      ]),
    ).toThrow(new ShapeError('tensor: ragged nested array: element [1] has length 2, expected 3'));
    expect(() => tensor([[[1], [2, 3]]])).toThrow('element [0][1] has length 2, expected 1');
    expect(() => tensor([[1, 2], 3] as never)).toThrow('element [1] is a number, expected a list of length 2');
    expect(() => tensor([1, [2]] as never)).toThrow(ShapeError);
    expect(() => tensor([1, 'a'] as never)).toThrow(new DTypeError('tensor: element [1] is a string, expected a number or boolean'));
  });
});

describe('zeros, ones, full, empty and *Like', () => {
  it('fills with the value and default dtype float32', () => {
    const z = zeros([2, 3]);
    expect(z.shape).toEqual([2, 3]);
    expect(z.dtype).toBe('float32');
    expect(values(z)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(values(ones(3))).toEqual([1, 1, 1]);
    expect(ones(3).shape).toEqual([3]);
    expect(zeros([]).shape).toEqual([]);
    expect(zeros([]).size).toBe(1);
    expect(values(empty([2], { dtype: 'int32' }))).toEqual([0, 0]);
    expect(empty([2], { dtype: 'int32' }).data).toBeInstanceOf(Int32Array);
  });

  it('full picks bool for booleans and casts to a given dtype', () => {
    expect(values(full([2], 7.25))).toEqual([7.25, 7.25]);
    expect(full([2], 7.25).dtype).toBe('float32');
    expect(full([2], true).dtype).toBe('bool');
    expect(values(full([2], true))).toEqual([1, 1]);
    expect(values(full([2], 7.9, { dtype: 'int32' }))).toEqual([7, 7]);
    expect(values(full([2], 3, { dtype: 'bool' }))).toEqual([1, 1]);
  });

  it('*Like copy shape and dtype unless overridden', () => {
    const a = tensor([[1, 2, 3]], { dtype: 'int32' });
    expect(zerosLike(a).shape).toEqual([1, 3]);
    expect(zerosLike(a).dtype).toBe('int32');
    expect(values(onesLike(a))).toEqual([1, 1, 1]);
    expect(values(fullLike(a, 2.5, { dtype: 'float64' }))).toEqual([2.5, 2.5, 2.5]);
    expect(fullLike(a, 2.5).dtype).toBe('int32');
    expect(values(fullLike(a, 2.5))).toEqual([2, 2, 2]);
    expect(emptyLike(a).shape).toEqual([1, 3]);
  });

  it('validates shapes and dtypes', () => {
    expect(() => zeros([2, -1])).toThrow(new ValueError('zeros: invalid size -1 at dim 1 of shape [2, -1]'));
    expect(() => ones(1.5)).toThrow(ValueError);
    expect(() => zeros([2], { dtype: 'int64' as never })).toThrow(DTypeError);
  });
});

describe('eye', () => {
  it('square and rectangular', () => {
    expect(values(eye(3))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const r = eye(2, 3, { dtype: 'int32' });
    expect(r.shape).toEqual([2, 3]);
    expect(values(r)).toEqual([1, 0, 0, 0, 1, 0]);
    expect(values(eye(3, 2))).toEqual([1, 0, 0, 1, 0, 0]);
  });
});

describe('arange', () => {
  it('integer arguments give int32 (PyTorch: int64)', () => {
    const a = arange(5);
    expect(a.dtype).toBe('int32');
    expect(values(a)).toEqual([0, 1, 2, 3, 4]);
    expect(values(arange(2, 11, 3))).toEqual([2, 5, 8]);
    expect(values(arange(5, 0, -2))).toEqual([5, 3, 1]);
    expect(arange(3, 3).shape).toEqual([0]);
  });

  it('a dtype option overrides; start/end with options', () => {
    const a = arange(1, 4, { dtype: 'float64' });
    expect(a.dtype).toBe('float64');
    expect(values(a)).toEqual([1, 2, 3]);
    expect(arange(3, { dtype: 'float32' }).dtype).toBe('float32');
  });

  it('float32 equals torch.arange(-5, 5, 0.1) bit for bit', () => {
    const a = arange(-5, 5, 0.1);
    expect(a.dtype).toBe('float32');
    expect(a.shape).toEqual([100]);
    // torch 1.13 values; at 10, 11, 17 and 50 the naive f32(start + step*i) differs.
    const expected: Record<number, number> = {
      0: -5,
      10: -3.999999761581421,
      11: -3.8999998569488525,
      17: -3.3000001907348633,
      50: -2.9802322831784522e-9,
      95: 4.5,
      96: 4.599999904632568,
      97: 4.699999809265137,
      99: 4.900000095367432,
    };
    for (const [i, v] of Object.entries(expected)) expect(a.data[Number(i)]).toBe(v);
    expect(Math.fround(-5 + 0.1 * 10)).not.toBe(expected[10]);
    expect(Math.fround(-5 + 0.1 * 50)).not.toBe(expected[50]);
  });

  it('float32 equals torch.arange(0, 10, 0.3), including the scalar tail', () => {
    const a = arange(0, 10, 0.3);
    expect(a.shape).toEqual([34]);
    expect(a.data[11]).toBe(3.3000001907348633);
    expect(Array.from(a.data.subarray(31))).toEqual([9.300000190734863, 9.600000381469727, 9.899999618530273]);
  });

  it('float64 computes in double', () => {
    const a = arange(0, 1, 0.25, { dtype: 'float64' });
    expect(values(a)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(0, 1, 0.1, { dtype: 'float64' }).data[3]).toBe(0.1 * 3);
  });

  it('rejects bad steps', () => {
    expect(() => arange(0, 5, 0)).toThrow(new ValueError('arange: step must be nonzero'));
    expect(() => arange(5, 0, 1)).toThrow('arange: upper bound and larger bound inconsistent with step sign');
    expect(() => arange(0, Infinity)).toThrow(ValueError);
    expect(() => arange(3, { dtype: 'bool' })).toThrow(DTypeError);
  });
});

describe('linspace', () => {
  it('includes both ends', () => {
    expect(values(linspace(0, 1, 5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(0, 1, 5).dtype).toBe('float32');
    expect(values(linspace(2, 3, 1))).toEqual([2]);
    expect(linspace(2, 3, 0).shape).toEqual([0]);
  });

  it('computes the first half from start and the second from end, in float32', () => {
    const a = linspace(-1, 1, 7);
    const step = Math.fround(2 / 6);
    const expected = [0, 1, 2].map((i) => Math.fround(-1 + Math.fround(step * i)));
    expected.push(...[3, 4, 5, 6].map((i) => Math.fround(1 - Math.fround(step * (6 - i)))));
    expect(values(a)).toEqual(expected);
    expect(a.data[6]).toBe(1);
  });

  it('float64 and int32', () => {
    expect(values(linspace(0, 1, 3, { dtype: 'float64' }))).toEqual([0, 0.5, 1]);
    expect(values(linspace(0, 10, 4, { dtype: 'int32' }))).toEqual([0, 3, 6, 10]);
  });

  it('rejects negative steps', () => {
    expect(() => linspace(0, 1, -1)).toThrow(new ValueError('linspace: number of steps must be a non-negative integer, got -1'));
  });
});

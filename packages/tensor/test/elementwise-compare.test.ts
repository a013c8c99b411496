/**
 * Comparisons, logical ops, isnan/isfinite and where: bool results, broadcasting, the cast of
 * number operands to the computation dtype, and the errors.
 */
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  NDArray,
  ShapeError,
  ValueError,
  eq,
  ge,
  gt,
  isfinite,
  isnan,
  le,
  logicalAnd,
  logicalNot,
  logicalOr,
  lt,
  ne,
  where,
} from '../src/index.js';

const f32 = (values: number[], shape = [values.length]): NDArray => new NDArray(Float32Array.from(values), shape);
const f64 = (values: number[], shape = [values.length]): NDArray => new NDArray(Float64Array.from(values), shape);
const i32 = (values: number[], shape = [values.length]): NDArray => new NDArray(Int32Array.from(values), shape);
const bool = (values: number[], shape = [values.length]): NDArray => new NDArray(Uint8Array.from(values), shape);
const vals = (a: NDArray): number[] => Array.from(a.data);
const fr = Math.fround;

describe('comparisons', () => {
  const a = [-1.5, 0, 0.25, 2, NaN];
  const b = [0, 0, 1, 2, NaN];
  it.each([
    ['eq', eq, (x: number, y: number) => x === y],
    ['ne', ne, (x: number, y: number) => x !== y],
    ['lt', lt, (x: number, y: number) => x < y],
    ['le', le, (x: number, y: number) => x <= y],
    ['gt', gt, (x: number, y: number) => x > y],
    ['ge', ge, (x: number, y: number) => x >= y],
  ] as const)('%s gives bool, with IEEE NaN rules', (_name, op, f) => {
    const out = op(f32(a), f32(b));
    expect(out.dtype).toBe('bool');
    expect(vals(out)).toEqual(a.map((x, i) => (f(x, b[i]!) ? 1 : 0)));
    // against a number on either side, and broadcast [5, 1] x [1, 5]
    expect(vals(op(f32(a), 0))).toEqual(a.map((x) => (f(x, 0) ? 1 : 0)));
    expect(vals(op(0, f32(a)))).toEqual(a.map((x) => (f(0, x) ? 1 : 0)));
    const grid = op(f32(a, [5, 1]), f32(b, [1, 5]));
    expect(grid.shape).toEqual([5, 5]);
    expect(vals(grid)).toEqual(a.flatMap((x) => b.map((y) => (f(x, y) ? 1 : 0))));
  });

  it('a number is cast to the array dtype first: float32 0.1 equals 0.1', () => {
    expect(vals(eq(f32([0.1, 0.2]), 0.1))).toEqual([1, 0]);
    expect(vals(eq(f64([fr(0.1), 0.1]), 0.1))).toEqual([0, 1]); // float64 keeps 0.1 exact
    expect(vals(gt(f32([fr(0.1)]), 0.1))).toEqual([0]);
  });

  it('mixed dtypes compare in the promoted dtype', () => {
    expect(vals(lt(i32([2, 3]), 2.5))).toEqual([1, 0]); // int32 vs 2.5 in float32
    expect(vals(eq(i32([16777217]), f32([16777216])))).toEqual([1]); // int32 cast to float32
    expect(vals(eq(i32([16777217]), f64([16777216])))).toEqual([0]); // float64 holds it exactly
    expect(vals(eq(bool([1, 0]), 1))).toEqual([1, 0]);
    expect(vals(ge(f32([1, 2], [2, 1]), f64([1.5], [])))).toEqual([0, 1]);
  });

  it('strided and 0-dim operands', () => {
    const t = new NDArray(Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2], [1, 3]); // [[1,4],[2,5],[3,6]]
    expect(vals(gt(t, f32([2, 4])))).toEqual([0, 0, 0, 1, 1, 1]);
    const z = lt(f32([1], []), f32([2], []));
    expect(z.shape).toEqual([]);
    expect(vals(z)).toEqual([1]);
  });

  it('the methods', () => {
    const x = f32([1, 2, 3]);
    expect(vals(x.eq(2))).toEqual([0, 1, 0]);
    expect(vals(x.ne(2))).toEqual([1, 0, 1]);
    expect(vals(x.lt(2))).toEqual([1, 0, 0]);
    expect(vals(x.le(2))).toEqual([1, 1, 0]);
    expect(vals(x.gt(2))).toEqual([0, 0, 1]);
    expect(vals(x.ge(2))).toEqual([0, 1, 1]);
  });

  it('errors', () => {
    expect(() => eq(f32([1, 2]), f32([1, 2, 3]))).toThrow(ShapeError);
    expect(() => eq(f32([1, 2]), f32([1, 2, 3]))).toThrow('eq: shapes [2] and [3] cannot be broadcast (dim -1: 2 vs 3)');
    expect(() => lt(1, 2)).toThrow(ValueError);
  });
});

describe('logical ops and tests', () => {
  it('logicalNot, logicalAnd, logicalOr read x != 0 (NaN is true)', () => {
    const a = f32([0, 1, NaN, -2]);
    expect(vals(logicalNot(a))).toEqual([1, 0, 0, 0]);
    expect(logicalNot(a).dtype).toBe('bool');
    expect(vals(logicalAnd(a, i32([5, 0, 1, 1])))).toEqual([0, 0, 1, 1]);
    expect(vals(logicalOr(a, bool([0, 0, 0, 0])))).toEqual([0, 1, 1, 1]);
    expect(vals(logicalOr(bool([1, 0], [2, 1]), bool([0, 0, 1], [1, 3])))).toEqual([1, 1, 1, 0, 0, 1]);
    expect(vals(a.logicalNot())).toEqual([1, 0, 0, 0]);
    expect(vals(a.logicalAnd(1))).toEqual([0, 1, 1, 1]);
    expect(vals(a.logicalOr(0))).toEqual([0, 1, 1, 1]);
  });

  it('isnan and isfinite', () => {
    const a = f32([0, NaN, Infinity, -Infinity, 3]);
    expect(vals(isnan(a))).toEqual([0, 1, 0, 0, 0]);
    expect(vals(isfinite(a))).toEqual([1, 0, 0, 0, 1]);
    expect(vals(isnan(i32([1, 2])))).toEqual([0, 0]);
    expect(vals(isfinite(i32([1, 2])))).toEqual([1, 1]);
    expect(vals(a.isnan())).toEqual([0, 1, 0, 0, 0]);
    expect(vals(a.isfinite())).toEqual([1, 0, 0, 0, 1]);
    expect(isnan(a).dtype).toBe('bool');
  });
});

describe('where', () => {
  it('picks from a where cond, b elsewhere; all three broadcast', () => {
    const cond = bool([1, 0, 1], [3, 1]);
    const a = f32([10, 20, 30, 40], [1, 4]);
    const out = where(cond, a, -1);
    expect(out.shape).toEqual([3, 4]);
    expect(out.dtype).toBe('float32');
    expect(vals(out)).toEqual([10, 20, 30, 40, -1, -1, -1, -1, 10, 20, 30, 40]);
  });

  it('same-shape arrays, and relu written with where', () => {
    const x = f32([-1, 2, -3, 4]);
    expect(vals(where(gt(x, 0), x, 0))).toEqual([0, 2, 0, 4]);
    expect(vals(where(bool([1, 0, 0, 1]), x, f32([5, 6, 7, 8])))).toEqual([-1, 6, 7, 4]);
    expect(vals(x.where(bool([1, 0, 0, 1]), 9))).toEqual([-1, 9, 9, 4]);
  });

  it('promotes a and b together', () => {
    const out = where(bool([1, 0]), i32([1, 2]), f32([0.5, 0.5]));
    expect(out.dtype).toBe('float32');
    expect(vals(out)).toEqual([1, 0.5]);
    const ints = where(bool([1, 0]), 1, 0);
    expect(ints.dtype).toBe('int32');
    expect(vals(ints)).toEqual([1, 0]);
    expect(where(bool([1, 0]), 1.5, 0).dtype).toBe('float32');
    expect(vals(where(bool([1]), f32([1]), f64([0.1], [])))).toEqual([1]); // 0-dim float64 does not promote
    expect(where(bool([0]), f32([1]), f64([0.1], [])).dtype).toBe('float32');
    expect(vals(where(bool([0]), f32([1]), f64([0.1], [])))).toEqual([fr(0.1)]);
  });

  it('strided condition and operands', () => {
    const cond = new NDArray(Uint8Array.from([1, 0, 0, 1]), [2, 2], [1, 2]); // transpose: [[1,0],[0,1]]
    const a = new NDArray(Float32Array.from([1, 2, 3, 4]), [2, 2], [1, 2]); // [[1,3],[2,4]]
    expect(vals(where(cond, a, f32([0, 0], [2, 1])))).toEqual([1, 0, 0, 4]);
  });

  it('errors: a non-bool condition, shapes that do not broadcast', () => {
    expect(() => where(f32([1]), 1, 0)).toThrow(DTypeError);
    expect(() => where(f32([1]), 1, 0)).toThrow(
      'where: expected condition to be a boolean tensor, but got a tensor with dtype Float',
    );
    expect(() => where(bool([1, 0]), f32([1, 2, 3]), 0)).toThrow(
      'where: shapes [2] and [3] cannot be broadcast (dim -1: 2 vs 3)',
    );
  });
});

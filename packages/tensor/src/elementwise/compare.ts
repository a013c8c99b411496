/**
 * Comparisons and logical operations; every result is a bool array. Comparisons broadcast and run
 * in the promoted dtype, with number operands cast to it first, as PyTorch does: a float32 array
 * equals `0.1` where it holds `fround(0.1)`. Logical ops read any dtype as `x != 0` (NaN is true).
 */
import { resultType } from '../dtype.js';
import { ValueError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { mapBinary, rowReadable } from './binary.js';
import type { RowKernel } from './broadcast-loop.js';
import { EQ, GE, GT, LE, LT, NE, compareSame, compareScalar, swappedComparison } from './fast-compare.js';
import { type ArrayOrScalar, contiguousAs } from './scalar-operand.js';

const eqFn = (x: number, y: number): number => (x === y ? 1 : 0);
const neFn = (x: number, y: number): number => (x !== y ? 1 : 0);
const ltFn = (x: number, y: number): number => (x < y ? 1 : 0);
const leFn = (x: number, y: number): number => (x <= y ? 1 : 0);
const gtFn = (x: number, y: number): number => (x > y ? 1 : 0);
const geFn = (x: number, y: number): number => (x >= y ? 1 : 0);
const andFn = (x: number, y: number): number => (x !== 0 && y !== 0 ? 1 : 0);
const orFn = (x: number, y: number): number => (x !== 0 || y !== 0 ? 1 : 0);

/** The row kernel of comparison `op`; every typed array is fine, only values matter. */
function compareRows(op: number): RowKernel {
  const rop = swappedComparison(op);
  return (x, xo, xs, y, yo, ys, out, oo, n) => {
    if (xs === 1 && ys === 1) compareSame(op, x, xo, y, yo, out as Uint8Array, oo, n);
    else if (xs === 1) compareScalar(op, x, xo, y[yo]!, out as Uint8Array, oo, n);
    else compareScalar(rop, y, yo, x[xo]!, out as Uint8Array, oo, n);
  };
}

const ROWS = [EQ, NE, LT, LE, GT, GE].map(compareRows);

function compare(
  name: string,
  op: number,
  fn: (x: number, y: number) => number,
  a: ArrayOrScalar,
  b: ArrayOrScalar,
): NDArray {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new ValueError(`${name}: expected at least one NDArray operand, got two numbers`);
  }
  // the row kernels read any dtype, so the computation dtype only decides how operands are cast
  const dtype = resultType(a, b);
  return mapBinary(name, fn, ROWS[op]!, rowReadable(a), rowReadable(b), dtype, 'bool');
}

/**
 * `a == b` elementwise, broadcasting.
 * @example
 * eq(tensor([0.1, 0.2]), 0.1) // [true, false]: 0.1 is rounded to float32 like the array
 */
export function eq(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return compare('eq', EQ, eqFn, a, b);
}
/** `a != b` elementwise, broadcasting (NaN != NaN is true). */
export function ne(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return compare('ne', NE, neFn, a, b);
}
/** `a < b` elementwise, broadcasting. */
export function lt(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return compare('lt', LT, ltFn, a, b);
}
/** `a <= b` elementwise, broadcasting. */
export function le(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return compare('le', LE, leFn, a, b);
}
/** `a > b` elementwise, broadcasting. */
export function gt(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return compare('gt', GT, gtFn, a, b);
}
/** `a >= b` elementwise, broadcasting. */
export function ge(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return compare('ge', GE, geFn, a, b);
}

/** `a && b` of truth values (`x != 0`), broadcasting; any dtypes. */
export function logicalAnd(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new ValueError('logicalAnd: expected at least one NDArray operand, got two numbers');
  }
  // float64 holds every value of every dtype exactly, so nothing is converted on the way
  return mapBinary('logicalAnd', andFn, null, a, b, 'float64', 'bool');
}

/** `a || b` of truth values (`x != 0`), broadcasting; any dtypes. */
export function logicalOr(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  if (typeof a === 'number' && typeof b === 'number') {
    throw new ValueError('logicalOr: expected at least one NDArray operand, got two numbers');
  }
  return mapBinary('logicalOr', orFn, null, a, b, 'float64', 'bool');
}

/** `!a`: true where an element is 0 (NaN counts as true, so its negation is false). */
export function logicalNot(a: NDArray): NDArray {
  const x = contiguousAs(a, a.dtype);
  const n = a.size;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] === 0 ? 1 : 0;
  return new NDArray(out, a.shape, undefined, 0, 'bool');
}

/** True where an element is NaN (never for int32/bool). */
export function isnan(a: NDArray): NDArray {
  const n = a.size;
  const out = new Uint8Array(n);
  if (a.dtype === 'float32' || a.dtype === 'float64') {
    const x = contiguousAs(a, a.dtype);
    for (let i = 0; i < n; i++) out[i] = x[i] !== x[i] ? 1 : 0;
  }
  return new NDArray(out, a.shape, undefined, 0, 'bool');
}

/** True where an element is neither NaN nor infinite (always for int32/bool). */
export function isfinite(a: NDArray): NDArray {
  const n = a.size;
  const out = new Uint8Array(n);
  if (a.dtype === 'float32' || a.dtype === 'float64') {
    const x = contiguousAs(a, a.dtype);
    for (let i = 0; i < n; i++) out[i] = Number.isFinite(x[i]) ? 1 : 0;
  } else {
    out.fill(1);
  }
  return new NDArray(out, a.shape, undefined, 0, 'bool');
}

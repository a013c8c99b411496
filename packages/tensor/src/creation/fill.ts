/**
 * Arrays of a given shape filled with one value (`zeros`, `ones`, `full`, `empty`, their `*Like`
 * forms) and `eye`. A shape is a `number[]` or, for 1-d arrays, a single number.
 */
import { type DType, type TypedArray, DEFAULT_DTYPE, allocate, checkDType } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { type Shape, checkShape } from '../shape.js';
import type { CreationOptions } from './from-data.js';

/** A shape argument: `[2, 3]`, or `5` for `[5]`. */
export type ShapeLike = number | Shape;

/** Normalises and validates a user shape (non-negative integers). */
export function toShape(op: string, shape: ShapeLike): number[] {
  const out = typeof shape === 'number' ? [shape] : Array.from(shape);
  checkShape(op, out);
  return out;
}

/** What `value` is stored as in an array of `dtype` (bool storage holds 0/1; NaN is true). */
export function storageValue(value: number | boolean, dtype: DType): number {
  if (dtype === 'bool') return value !== 0 && value !== false ? 1 : 0;
  return Number(value);
}

function filled(op: string, shape: ShapeLike, value: number | boolean, dtype: DType): NDArray {
  checkDType(op, dtype);
  const s = toShape(op, shape);
  const data: TypedArray = allocate(dtype, s.reduce((a, b) => a * b, 1));
  const v = storageValue(value, dtype);
  if (v !== 0) data.fill(v);
  return new NDArray(data, s, undefined, 0, dtype);
}

/**
 * An array of zeros (dtype float32 unless given).
 * @example
 * zeros([2, 3])                    // shape [2, 3]
 * zeros(4, { dtype: 'int32' })     // tensor([0, 0, 0, 0], dtype=torch.int32)
 */
export function zeros(shape: ShapeLike, { dtype = DEFAULT_DTYPE }: CreationOptions = {}): NDArray {
  return filled('zeros', shape, 0, dtype);
}

/** An array of ones (dtype float32 unless given). */
export function ones(shape: ShapeLike, { dtype = DEFAULT_DTYPE }: CreationOptions = {}): NDArray {
  return filled('ones', shape, 1, dtype);
}

/**
 * An array filled with `value`. The dtype is bool for a boolean value, else float32, unless given
 * (PyTorch would pick int64 for an integer value).
 * @example
 * full([2], 7)                      // tensor([7., 7.])
 * full([2], 7.9, { dtype: 'int32' }) // tensor([7, 7], dtype=torch.int32)
 */
export function full(shape: ShapeLike, value: number | boolean, { dtype }: CreationOptions = {}): NDArray {
  return filled('full', shape, value, dtype ?? (typeof value === 'boolean' ? 'bool' : DEFAULT_DTYPE));
}

/** An array whose values are unspecified (zero-filled here; JS has no uninitialised memory). */
export function empty(shape: ShapeLike, { dtype = DEFAULT_DTYPE }: CreationOptions = {}): NDArray {
  return filled('empty', shape, 0, dtype);
}

/** Zeros with the shape of `a` and its dtype unless given. */
export function zerosLike(a: NDArray, { dtype = a.dtype }: CreationOptions = {}): NDArray {
  return filled('zerosLike', a.shape, 0, dtype);
}

/** Ones with the shape of `a` and its dtype unless given. */
export function onesLike(a: NDArray, { dtype = a.dtype }: CreationOptions = {}): NDArray {
  return filled('onesLike', a.shape, 1, dtype);
}

/** `value` with the shape of `a` and its dtype unless given. */
export function fullLike(a: NDArray, value: number | boolean, { dtype = a.dtype }: CreationOptions = {}): NDArray {
  return filled('fullLike', a.shape, value, dtype);
}

/** An unspecified (zero-filled) array with the shape of `a` and its dtype unless given. */
export function emptyLike(a: NDArray, { dtype = a.dtype }: CreationOptions = {}): NDArray {
  return filled('emptyLike', a.shape, 0, dtype);
}

/**
 * The `n × m` identity matrix (ones on the main diagonal), float32 unless given.
 * @example
 * eye(2)    // tensor([[1., 0.], [0., 1.]])
 * eye(2, 3) // shape [2, 3]
 */
export function eye(n: number, m: number = n, { dtype = DEFAULT_DTYPE }: CreationOptions = {}): NDArray {
  const out = filled('eye', [n, m], 0, dtype);
  const k = Math.min(n, m);
  for (let i = 0; i < k; i++) out.data[i * m + i] = 1;
  return out;
}

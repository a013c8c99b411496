/**
 * Conversions out of an NDArray (`item`, `tolist`, `toTypedArray`) and between dtypes (`to`).
 * Casts follow PyTorch: float → int truncates toward zero, anything → bool is `x != 0` (so NaN is
 * true), bool → number is 0/1. The cast kernel lives here so creation functions share it.
 */
import { type DType, type TypedArray, allocate, checkDType } from './dtype.js';
import { ValueError } from './errors.js';
import { NDArray } from './ndarray.js';
import { copyContiguous, readContiguous } from './strided.js';

/** What `tolist()` returns: nested arrays of numbers (booleans for a bool array). */
export type NestedList = number | boolean | NestedList[];

/**
 * A fresh array of `dtype` holding the values of `src` converted as PyTorch's casts do.
 * `TypedArray.set` already truncates toward zero (ToInt32) and rounds to nearest float32; only
 * the cast to bool needs its own loop, since bool storage must hold exactly 0 or 1.
 */
export function castData(src: TypedArray, dtype: DType): TypedArray {
  const out = allocate(dtype, src.length);
  if (dtype === 'bool') {
    for (let i = 0; i < src.length; i++) out[i] = src[i]! !== 0 ? 1 : 0;
  } else {
    out.set(src);
  }
  return out;
}

/**
 * `a` converted to `dtype` (a contiguous copy), or `a` itself when it already has that dtype,
 * as PyTorch's `Tensor.to(dtype)`.
 * @example
 * to(tensor([1.7, -1.7]), 'int32') // tensor([ 1, -1], dtype=torch.int32)
 */
export function to(a: NDArray, dtype: DType): NDArray {
  checkDType('to', dtype);
  if (a.dtype === dtype) return a;
  return new NDArray(castData(readContiguous(a), dtype), a.shape.slice(), undefined, 0, dtype);
}

/**
 * The single element of `a` as a JS number (a bool array gives 1 or 0, so `loss.item()` is
 * always a `number`; PyTorch returns a Python bool there).
 */
export function item(a: NDArray): number {
  if (a.size !== 1) {
    throw new ValueError(`item: a Tensor with ${a.size} elements cannot be converted to Scalar`);
  }
  // A 1-element view may still carry strides; every index is 0, so only the offset counts.
  return a.data[a.offset]!;
}

/**
 * The elements of `a` as nested JS arrays (a number, or a boolean, for a 0-dim array).
 * @example
 * tolist(tensor([[1, 2], [3, 4]])) // [[1, 2], [3, 4]]
 */
export function tolist(a: NDArray): NestedList {
  const flat = readContiguous(a);
  const isBool = a.dtype === 'bool';
  if (a.shape.length === 0) return isBool ? flat[0] !== 0 : flat[0]!;
  let pos = 0;
  const build = (d: number): NestedList[] => {
    const n = a.shape[d]!;
    const out = new Array<NestedList>(n);
    if (d === a.shape.length - 1) {
      for (let i = 0; i < n; i++) out[i] = isBool ? flat[pos++] !== 0 : flat[pos++]!;
    } else {
      for (let i = 0; i < n; i++) out[i] = build(d + 1);
    }
    return out;
  };
  return build(0);
}

/**
 * A fresh, contiguous typed array of the elements of `a` in row-major order (Float32Array,
 * Float64Array, Int32Array, or Uint8Array of 0/1 for bool). Writing to it never changes `a`.
 */
export function toTypedArray(a: NDArray): TypedArray {
  return copyContiguous(a);
}

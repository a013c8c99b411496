/**
 * How elementwise operations see their operands. A JS number, or an array of one element, is a
 * scalar whose value is cast once to the computation dtype (PyTorch casts a wrapped number to the
 * common dtype before the kernel runs: `float32Tensor.eq(0.1)` compares with `fround(0.1)`). Arrays
 * whose dtype would lose values on the way to the computation dtype are converted once up front,
 * so the kernels only ever read values already exact in it. Also the checks shared by in-place ops.
 */
import { castData } from '../convert.js';
import { type DType, type TypedArray, isFloating, promoteTypes } from '../dtype.js';
import { DTypeError, ShapeError, ValueError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { broadcastShapes, shapesEqual } from '../shape.js';
import { readContiguous } from '../strided.js';

/** An operand of an elementwise operation: an array or a JS number. */
export type ArrayOrScalar = NDArray | number;

/** PyTorch's name for a dtype in its messages ("result type Float can't be cast ..."). */
export function torchTypeName(dtype: DType): string {
  switch (dtype) {
    case 'float32':
      return 'Float';
    case 'float64':
      return 'Double';
    case 'int32':
      return 'Int';
    case 'bool':
      return 'Bool';
  }
}

/** `v` as `dtype` stores it: float32 rounds, int32 truncates (and wraps), bool is `v != 0`. */
export function castScalar(v: number, dtype: DType): number {
  if (dtype === 'float32') return Math.fround(v);
  if (dtype === 'float64') return v;
  if (dtype === 'int32') return v | 0;
  return v !== 0 ? 1 : 0;
}

/** The single element of a size-1 array (whatever its strides, it lives at `offset`). */
export function firstValue(a: NDArray): number {
  return a.data[a.offset]!;
}

/** True when reading `from` values as `to` values would change some (int32 or float64 → float32). */
export function castIsLossy(from: DType, to: DType): boolean {
  return to === 'float32' ? from === 'float64' || from === 'int32' : to === 'int32' && isFloating(from);
}

/**
 * `a` itself when its values are exact in `dtype`, else a contiguous copy cast to `dtype`. Kernels
 * then read plain numbers that already are values of the computation dtype.
 */
export function exactIn(a: NDArray, dtype: DType): NDArray {
  if (!castIsLossy(a.dtype, dtype)) return a;
  return new NDArray(castData(readContiguous(a), dtype), a.shape, undefined, 0, dtype);
}

/** The elements of `a` in row-major order as a typed array of `dtype` (may alias `a.data`: read only). */
export function contiguousAs(a: NDArray, dtype: DType): TypedArray {
  const src = readContiguous(a);
  return a.dtype === dtype ? src : castData(src, dtype);
}

/**
 * `data[offset ... offset + size)` of a contiguous array as its own typed array, without a copy
 * (and without the `subarray` object when the array is its whole storage, the common case).
 */
export function denseData(a: NDArray): TypedArray {
  if (a.offset === 0 && a.data.length === a.size) return a.data;
  return a.data.subarray(a.offset, a.offset + a.size);
}

/**
 * `torch.result_type` of three operands (addcmul, addcdiv, where with promotion): dimensioned
 * arrays first, then 0-dim arrays, then numbers; a lower group matters only when it is of a higher
 * category (bool < int < float), as in {@link resultType}.
 */
export function resultType3(a: ArrayOrScalar, b: ArrayOrScalar, c: ArrayOrScalar): DType {
  let dim: DType | undefined;
  let zero: DType | undefined;
  let scalar: DType | undefined;
  for (const x of [a, b, c]) {
    if (typeof x === 'number') {
      const d: DType = Number.isInteger(x) ? 'int32' : 'float32';
      scalar = scalar === undefined ? d : promoteTypes(scalar, d);
    } else if (x.shape.length === 0) {
      zero = zero === undefined ? x.dtype : promoteTypes(zero, x.dtype);
    } else {
      dim = dim === undefined ? x.dtype : promoteTypes(dim, x.dtype);
    }
  }
  return combineCategories(dim, combineCategories(zero, scalar)) ?? 'float32';
}

function category(d: DType): number {
  return d === 'bool' ? 0 : d === 'int32' ? 1 : 2;
}

function combineCategories(higher: DType | undefined, lower: DType | undefined): DType | undefined {
  if (higher === undefined) return lower;
  if (lower === undefined) return higher;
  return category(lower) > category(higher) ? lower : higher;
}

/**
 * PyTorch's `canCast` for writing a result into an existing array: no float into int32 or bool,
 * no int32 into bool.
 */
export function checkOutputCast(op: string, result: DType, out: DType): void {
  if ((isFloating(result) && !isFloating(out)) || (result !== 'bool' && out === 'bool')) {
    throw new DTypeError(
      `${op}: result type ${torchTypeName(result)} can't be cast to the desired output type ${torchTypeName(out)}`,
    );
  }
}

/** An in-place operand must broadcast to the destination's shape, not the other way round. */
export function checkBroadcastsTo(op: string, shape: readonly number[], other: NDArray): void {
  if (shapesEqual(other.shape, shape)) return;
  const b = broadcastShapes(op, shape, other.shape);
  if (!shapesEqual(b, shape)) {
    throw new ShapeError(
      `${op}: output with shape ${formatShape(shape)} doesn't match the broadcast shape ${formatShape(b)}`,
    );
  }
}

/**
 * Refuses to write into an expanded view (a stride-0 dim of size > 1): several elements would share
 * one storage slot, and the result would depend on the write order.
 */
export function checkWritable(op: string, a: NDArray): void {
  for (let d = 0; d < a.shape.length; d++) {
    if (a.strides[d] === 0 && a.shape[d]! > 1) {
      throw new ValueError(
        `${op}: more than one element of the written-to array (shape ${formatShape(a.shape)}, strides ${formatShape(a.strides)}) refers to a single memory location; clone() it first`,
      );
    }
  }
}

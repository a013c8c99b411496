/**
 * `where(cond, a, b)`: elements of `a` where `cond` is true, of `b` elsewhere. The three operands
 * broadcast together; `a` and `b` may be numbers and are promoted together (PyTorch 1.13 rules).
 */
import { type TypedArray, allocate, resultType } from '../dtype.js';
import { DTypeError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { broadcastShapes, broadcastStrides, shapesEqual } from '../shape.js';
import { stridedOffsets } from '../strided.js';
import { type ArrayOrScalar, castScalar, denseData, exactIn, torchTypeName } from './scalar-operand.js';

/**
 * `cond ? a : b` elementwise. `cond` must be a bool array.
 * @example
 * where(gt(x, 0), x, 0) // relu
 */
export function where(cond: NDArray, a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  if (cond.dtype !== 'bool') {
    throw new DTypeError(`where: expected condition to be a boolean tensor, but got a tensor with dtype ${torchTypeName(cond.dtype)}`);
  }
  const dtype = resultType(a, b);
  let shape = cond.shape;
  if (typeof a !== 'number' && !shapesEqual(a.shape, shape)) shape = broadcastShapes('where', shape, a.shape);
  if (typeof b !== 'number' && !shapesEqual(b.shape, shape)) shape = broadcastShapes('where', shape, b.shape);
  const ndim = shape.length;
  let n = 1;
  for (let d = 0; d < ndim; d++) n *= shape[d]!;
  const out = allocate(dtype, n);
  const x = typeof a === 'number' ? castScalar(a, dtype) : exactIn(a, dtype);
  const y = typeof b === 'number' ? castScalar(b, dtype) : exactIn(b, dtype);

  if (
    cond.isContiguous() &&
    typeof x !== 'number' &&
    typeof y !== 'number' &&
    shape === cond.shape &&
    shapesEqual(x.shape, shape) &&
    shapesEqual(y.shape, shape) &&
    x.isContiguous() &&
    y.isContiguous()
  ) {
    const c = denseData(cond);
    const xd = denseData(x);
    const yd = denseData(y);
    for (let i = 0; i < n; i++) out[i] = c[i] ? xd[i]! : yd[i]!;
    return new NDArray(out, shape, undefined, 0, dtype);
  }

  const c = cond.data;
  const co = offsetsOf(cond, shape);
  if (typeof x === 'number' && typeof y === 'number') {
    for (let i = 0; i < n; i++) out[i] = c[co[i]!] ? x : y;
  } else if (typeof x === 'number') {
    const yd = (y as NDArray).data;
    const yo = offsetsOf(y as NDArray, shape);
    for (let i = 0; i < n; i++) out[i] = c[co[i]!] ? x : yd[yo[i]!]!;
  } else if (typeof y === 'number') {
    const xd = x.data;
    const xo = offsetsOf(x, shape);
    for (let i = 0; i < n; i++) out[i] = c[co[i]!] ? xd[xo[i]!]! : y;
  } else {
    const xd: TypedArray = x.data;
    const yd: TypedArray = y.data;
    const xo = offsetsOf(x, shape);
    const yo = offsetsOf(y, shape);
    for (let i = 0; i < n; i++) out[i] = c[co[i]!] ? xd[xo[i]!]! : yd[yo[i]!]!;
  }
  return new NDArray(out, shape, undefined, 0, dtype);
}

/** Storage index of each element of `a` broadcast to `shape`, in row-major order. */
function offsetsOf(a: NDArray, shape: readonly number[]): Int32Array {
  return stridedOffsets(shape, broadcastStrides('where', a.shape, a.strides, shape), a.offset);
}

/**
 * The one place that walks a strided view in row-major order. Kernels take a contiguous fast path
 * when they can; otherwise they read through the offsets computed here, so no kernel re-implements
 * the multi-index counter.
 */
import { type TypedArray, allocate } from './dtype.js';
import type { NDArray } from './ndarray.js';

/**
 * The storage index of every element of the view `shape`/`strides`/`offset`, in row-major order.
 * The innermost dimension is walked by a plain stride loop; the outer ones by a counter.
 */
export function stridedOffsets(shape: readonly number[], strides: readonly number[], offset: number): Int32Array {
  const ndim = shape.length;
  let n = 1;
  for (let i = 0; i < ndim; i++) n *= shape[i]!;
  const out = new Int32Array(n);
  if (n === 0) return out;
  if (ndim === 0) {
    out[0] = offset;
    return out;
  }
  const inner = shape[ndim - 1]!;
  const innerStride = strides[ndim - 1]!;
  const counter = new Array<number>(ndim).fill(0);
  let base = offset;
  let k = 0;
  for (;;) {
    let o = base;
    for (let j = 0; j < inner; j++) {
      out[k++] = o;
      o += innerStride;
    }
    // advance the outer counter (dims ndim-2 ... 0)
    let d = ndim - 2;
    while (d >= 0) {
      counter[d]!++;
      base += strides[d]!;
      if (counter[d]! < shape[d]!) break;
      base -= strides[d]! * shape[d]!;
      counter[d] = 0;
      d--;
    }
    if (d < 0) return out;
  }
}

/** True when `a` reads `data[a.offset ... a.offset + a.size)` in order. */
export function isDense(a: NDArray): boolean {
  return a.isContiguous();
}

/**
 * The elements of `a` in row-major order, as a typed array of its dtype. Returns `a.data` itself
 * when it is exactly that (contiguous, offset 0, full length), so callers must not write to it.
 */
export function readContiguous(a: NDArray): TypedArray {
  if (a.isContiguous()) {
    if (a.offset === 0 && a.data.length === a.size) return a.data;
    return a.data.subarray(a.offset, a.offset + a.size);
  }
  return copyContiguous(a);
}

/** A fresh row-major copy of the elements of `a`. */
export function copyContiguous(a: NDArray): TypedArray {
  const out = allocate(a.dtype, a.size);
  if (a.isContiguous()) {
    out.set(a.data.subarray(a.offset, a.offset + a.size));
    return out;
  }
  const src = a.data;
  const ndim = a.shape.length;
  const inner = a.shape[ndim - 1]!;
  const innerStride = a.strides[ndim - 1]!;
  if (a.size === 0) return out;
  const counter = new Array<number>(ndim).fill(0);
  let base = a.offset;
  let k = 0;
  for (;;) {
    let o = base;
    for (let j = 0; j < inner; j++) {
      out[k++] = src[o]!;
      o += innerStride;
    }
    let d = ndim - 2;
    while (d >= 0) {
      counter[d]!++;
      base += a.strides[d]!;
      if (counter[d]! < a.shape[d]!) break;
      base -= a.strides[d]! * a.shape[d]!;
      counter[d] = 0;
      d--;
    }
    if (d < 0) return out;
  }
}

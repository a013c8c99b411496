/**
 * `contiguous` and `clone`: the two ways to get row-major storage. `contiguous` copies only when
 * it must (so kernels may call it freely); `clone` always copies (so the result can be written
 * without touching the source).
 */
import { NDArray } from '../ndarray.js';
import { copyContiguous } from '../strided.js';

/** `a` itself when it is row-major contiguous, else a contiguous copy. */
export function contiguous(a: NDArray): NDArray {
  if (a.isContiguous()) return a;
  return new NDArray(copyContiguous(a), a.shape.slice(), undefined, 0, a.dtype);
}

/** A contiguous copy of `a` with its own storage. */
export function clone(a: NDArray): NDArray {
  return new NDArray(copyContiguous(a), a.shape.slice(), undefined, 0, a.dtype);
}

/**
 * Views that add, remove or reorder dims without touching the data: `squeeze`, `unsqueeze`,
 * `transpose`, `t`, `permute`. Each only rearranges `shape` and `strides`, so it is O(ndim).
 */
import { ShapeError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { normalizeDim, normalizeDims } from '../shape.js';

/**
 * Removes size-1 dims: all of them, or only those in `dim` (a dim that is not of size 1 is left
 * alone, as in PyTorch).
 * @example
 * squeeze(zeros([2, 1, 3, 1]))    // shape [2, 3]
 * squeeze(zeros([2, 1, 3, 1]), 1) // shape [2, 3, 1]
 */
export function squeeze(a: NDArray, dim?: number | readonly number[]): NDArray {
  const ndim = a.shape.length;
  const drop = new Array<boolean>(ndim).fill(false);
  if (dim === undefined) {
    for (let d = 0; d < ndim; d++) drop[d] = a.shape[d] === 1;
  } else {
    const dims = normalizeDims('squeeze', typeof dim === 'number' ? [dim] : dim, ndim);
    for (const d of dims) if (d < ndim) drop[d] = a.shape[d] === 1;
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let d = 0; d < ndim; d++) {
    if (drop[d]) continue;
    shape.push(a.shape[d]!);
    strides.push(a.strides[d]!);
  }
  if (shape.length === ndim) return a;
  return new NDArray(a.data, shape, strides, a.offset, a.dtype);
}

/**
 * Inserts a size-1 dim at `dim` (from `-ndim-1` to `ndim`).
 * @example
 * unsqueeze(zeros([2, 3]), 1)  // shape [2, 1, 3]
 * unsqueeze(zeros([2, 3]), -1) // shape [2, 3, 1]
 */
export function unsqueeze(a: NDArray, dim: number): NDArray {
  const d = normalizeDim('unsqueeze', dim, a.shape.length + 1);
  const shape = a.shape.slice();
  const strides = a.strides.slice();
  // The stride a contiguous array would have there, so contiguous inputs stay contiguous.
  const stride = d < a.shape.length ? a.shape[d]! * a.strides[d]! : 1;
  shape.splice(d, 0, 1);
  strides.splice(d, 0, stride);
  return new NDArray(a.data, shape, strides, a.offset, a.dtype);
}

/**
 * Swaps dims `dim0` and `dim1` (a view: the result is not contiguous in general).
 * @example
 * transpose(zeros([2, 3, 4]), 0, 2).shape // [4, 3, 2]
 */
export function transpose(a: NDArray, dim0: number, dim1: number): NDArray {
  const ndim = a.shape.length;
  const d0 = normalizeDim('transpose', dim0, ndim);
  const d1 = normalizeDim('transpose', dim1, ndim);
  if (d0 === d1 || ndim === 0) return a;
  const shape = a.shape.slice();
  const strides = a.strides.slice();
  shape[d0] = a.shape[d1]!;
  shape[d1] = a.shape[d0]!;
  strides[d0] = a.strides[d1]!;
  strides[d1] = a.strides[d0]!;
  return new NDArray(a.data, shape, strides, a.offset, a.dtype);
}

/** The transpose of a matrix; 0-d and 1-d arrays are returned as they are (PyTorch's `t()`). */
export function t(a: NDArray): NDArray {
  if (a.shape.length > 2) {
    throw new ShapeError(`t: expects a tensor with <= 2 dimensions, but got shape ${formatShape(a.shape)} (use transpose or permute)`);
  }
  return a.shape.length < 2 ? a : transpose(a, 0, 1);
}

/**
 * Reorders the dims: result dim `i` is input dim `dims[i]`.
 * @example
 * permute(zeros([2, 3, 4]), [2, 0, 1]).shape // [4, 2, 3]
 */
export function permute(a: NDArray, dims: readonly number[]): NDArray {
  const ndim = a.shape.length;
  if (dims.length !== ndim) {
    throw new ShapeError(
      `permute: number of dims don't match: got ${dims.length} dims [${dims.join(', ')}] for shape ${formatShape(a.shape)}`,
    );
  }
  const ds = normalizeDims('permute', dims, ndim);
  const shape = new Array<number>(ndim);
  const strides = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) {
    shape[i] = a.shape[ds[i]!]!;
    strides[i] = a.strides[ds[i]!]!;
  }
  return new NDArray(a.data, shape, strides, a.offset, a.dtype);
}

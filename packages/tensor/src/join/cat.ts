/**
 * `cat` and `stack`: joining arrays along a dim. The result is laid out as `outer` rows of
 * `sum(inner_i)` elements, where each input contributes a block of `inner_i` per row; blocks are
 * copied with `TypedArray.set` from a contiguous read of each input (cast to the promoted dtype).
 */
import { type DType, type TypedArray, allocate, promoteTypes } from '../dtype.js';
import { castData } from '../convert.js';
import { ShapeError, ValueError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { normalizeDim } from '../shape.js';
import { readContiguous } from '../strided.js';
import { unsqueeze } from '../views/dims.js';

/** Below this many elements per block a plain loop beats `subarray` + `set`. */
const BLOCK_COPY_MIN = 16;

/**
 * Concatenates arrays along `dim` (all other sizes must match). The dtype is the promotion of
 * the inputs' dtypes (`promoteTypes`). As in PyTorch, 1-d empty arrays (shape `[0]`) are skipped.
 * @example
 * cat([zeros([2, 3]), ones([1, 3])]).shape     // [3, 3]
 * cat([zeros([2, 3]), ones([2, 1])], 1).shape  // [2, 4]
 */
export function cat(arrays: readonly NDArray[], dim = 0): NDArray {
  if (arrays.length === 0) throw new ValueError('cat: expected a non-empty list of tensors');
  let dtype: DType = arrays[0]!.dtype;
  for (const x of arrays) dtype = promoteTypes(dtype, x.dtype);
  const parts = arrays.filter((x) => !(x.shape.length === 1 && x.shape[0] === 0));
  if (parts.length === 0) return new NDArray(allocate(dtype, 0), [0], undefined, 0, dtype);
  const first = parts[0]!;
  const ndim = first.shape.length;
  if (ndim === 0) throw new ShapeError('cat: zero-dimensional tensor (at position 0) cannot be concatenated');
  const d = normalizeDim('cat', dim, ndim);
  let joined = 0;
  for (let i = 0; i < parts.length; i++) {
    const x = parts[i]!;
    if (x.shape.length !== ndim) {
      throw new ShapeError(
        `cat: tensors must have the same number of dimensions: got ${ndim} and ${x.shape.length} ` +
          `(${formatShape(first.shape)} vs ${formatShape(x.shape)})`,
      );
    }
    for (let j = 0; j < ndim; j++) {
      if (j !== d && x.shape[j] !== first.shape[j]) {
        throw new ShapeError(
          `cat: sizes of tensors must match except in dimension ${d}: ${formatShape(first.shape)} vs ${formatShape(x.shape)} at dim ${j}`,
        );
      }
    }
    joined += x.shape[d]!;
  }
  const shape = first.shape.slice();
  shape[d] = joined;
  let outer = 1;
  for (let j = 0; j < d; j++) outer *= shape[j]!;
  let innerUnit = 1;
  for (let j = d + 1; j < ndim; j++) innerUnit *= shape[j]!;
  const rowLength = joined * innerUnit;
  const out = allocate(dtype, outer * rowLength);

  let col = 0;
  for (const x of parts) {
    const inner = x.shape[d]! * innerUnit;
    let src: TypedArray = readContiguous(x);
    if (x.dtype !== dtype) src = castData(src, dtype);
    copyBlocks(out, src, outer, inner, rowLength, col);
    col += inner;
  }
  return new NDArray(out, shape, undefined, 0, dtype);
}

/** Copies `outer` blocks of `inner` elements of `src` into `out`, one per row of `rowLength`, at `col`. */
function copyBlocks(out: TypedArray, src: TypedArray, outer: number, inner: number, rowLength: number, col: number): void {
  if (inner === 0) return;
  if (outer === 1 || inner >= BLOCK_COPY_MIN) {
    for (let o = 0; o < outer; o++) out.set(src.subarray(o * inner, (o + 1) * inner), o * rowLength + col);
    return;
  }
  for (let o = 0; o < outer; o++) {
    const s = o * inner;
    const t = o * rowLength + col;
    for (let i = 0; i < inner; i++) out[t + i] = src[s + i]!;
  }
}

/**
 * Joins same-shape arrays along a new dim `dim` (from `-ndim-1` to `ndim`).
 * @example
 * stack([zeros([2, 3]), ones([2, 3])]).shape     // [2, 2, 3]
 * stack([zeros([2, 3]), ones([2, 3])], -1).shape // [2, 3, 2]
 */
export function stack(arrays: readonly NDArray[], dim = 0): NDArray {
  if (arrays.length === 0) throw new ValueError('stack: expected a non-empty list of tensors');
  const first = arrays[0]!;
  for (let i = 1; i < arrays.length; i++) {
    const x = arrays[i]!;
    if (x.shape.length !== first.shape.length || x.shape.some((s, j) => s !== first.shape[j])) {
      throw new ShapeError(
        `stack: expects each tensor to be equal size, but got ${formatShape(first.shape)} at entry 0 and ${formatShape(x.shape)} at entry ${i}`,
      );
    }
  }
  const d = normalizeDim('stack', dim, first.shape.length + 1);
  return cat(
    arrays.map((x) => unsqueeze(x, d)),
    d,
  );
}

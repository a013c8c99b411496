/**
 * The copy kernel of advanced (integer-array) indexing, shared by `index()` and `indexSelect`.
 * Given a view and integer index arrays for some of its dims, it builds the PyTorch result:
 * the index arrays broadcast to one shape B, which replaces the indexed dims where they were when
 * those dims are adjacent, or goes first otherwise (NumPy's rule).
 *
 * Output element = data[offset + pre + bOffset + post]: the three offset tables are computed once,
 * so the copy loop does no index arithmetic, and when the trailing dims are contiguous each
 * (pre, b) pair copies one block with `TypedArray.set` (row gathers for the data loader).
 */
import { allocate } from '../dtype.js';
import { IndexError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { broadcastShapes, broadcastStrides } from '../shape.js';
import { stridedOffsets } from '../strided.js';

/** One advanced index: integer indices for dim `dim` of the view (`inputDim` of the user's array). */
export interface AdvancedIndex {
  dim: number;
  inputDim: number;
  indices: NDArray;
}

/** Below this many elements per block a plain loop beats `subarray` + `set`. */
const BLOCK_COPY_MIN = 16;

/**
 * The result of indexing `view` with the integer arrays `adv` (each for a distinct dim of the
 * view, in increasing dim order). Negative indices wrap when `wrapNegative` (Python indexing;
 * `index_select` and `gather` reject them); out-of-range ones throw an IndexError.
 */
export function takeAdvanced(op: string, view: NDArray, adv: readonly AdvancedIndex[], wrapNegative = true): NDArray {
  let bShape: number[] = adv[0]!.indices.shape.slice();
  for (let j = 1; j < adv.length; j++) {
    bShape = broadcastShapes(`${op} (broadcasting index arrays)`, bShape, adv[j]!.indices.shape);
  }
  let adjacent = true;
  for (let j = 1; j < adv.length; j++) if (adv[j]!.dim !== adv[j - 1]!.dim + 1) adjacent = false;

  const isAdv = new Array<boolean>(view.shape.length).fill(false);
  for (const x of adv) isAdv[x.dim] = true;
  const restShape: number[] = [];
  const restStrides: number[] = [];
  for (let d = 0; d < view.shape.length; d++) {
    if (isAdv[d]) continue;
    restShape.push(view.shape[d]!);
    restStrides.push(view.strides[d]!);
  }
  const q = adjacent ? adv[0]!.dim : 0;
  const preShape = restShape.slice(0, q);
  const postShape = restShape.slice(q);
  const postStrides = restStrides.slice(q);
  const preOff = stridedOffsets(preShape, restStrides.slice(0, q), view.offset);
  const postOff = stridedOffsets(postShape, postStrides, 0);
  const bOff = indexOffsets(op, view, adv, bShape, wrapNegative);

  const outShape = [...preShape, ...bShape, ...postShape];
  const nPre = preOff.length;
  const nB = bOff.length;
  const nPost = postOff.length;
  const out = allocate(view.dtype, nPre * nB * nPost);
  const src = view.data;
  let k = 0;
  if (nPost >= BLOCK_COPY_MIN && isRowMajor(postShape, postStrides)) {
    for (let i = 0; i < nPre; i++) {
      const pi = preOff[i]!;
      for (let j = 0; j < nB; j++) {
        const start = pi + bOff[j]!;
        out.set(src.subarray(start, start + nPost), k);
        k += nPost;
      }
    }
  } else {
    for (let i = 0; i < nPre; i++) {
      const pi = preOff[i]!;
      for (let j = 0; j < nB; j++) {
        const base = pi + bOff[j]!;
        for (let p = 0; p < nPost; p++) out[k++] = src[base + postOff[p]!]!;
      }
    }
  }
  return new NDArray(out, outShape, undefined, 0, view.dtype);
}

/** Storage offset contributed by the advanced dims, for every element of the broadcast shape B. */
function indexOffsets(
  op: string,
  view: NDArray,
  adv: readonly AdvancedIndex[],
  bShape: number[],
  wrapNegative: boolean,
): Float64Array {
  let n = 1;
  for (const s of bShape) n *= s;
  const out = new Float64Array(n);
  for (const { dim, inputDim, indices } of adv) {
    const size = view.shape[dim]!;
    const stride = view.strides[dim]!;
    const strides = broadcastStrides(op, indices.shape, indices.strides, bShape);
    const offs = stridedOffsets(bShape, strides, indices.offset);
    const idx = indices.data;
    for (let j = 0; j < n; j++) {
      let v = idx[offs[j]!]!;
      if (v < 0 && wrapNegative) v += size;
      if (v < 0 || v >= size) {
        throw new IndexError(
          `${op}: index ${idx[offs[j]!]} is out of bounds for dimension ${inputDim} with size ${size} (shape ${formatShape(view.shape)})`,
        );
      }
      out[j] = out[j]! + v * stride;
    }
  }
  return out;
}

/** True when `shape`/`strides` walk storage in order without gaps (offsets 0, 1, 2, ...). */
function isRowMajor(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i]!;
  }
  return true;
}

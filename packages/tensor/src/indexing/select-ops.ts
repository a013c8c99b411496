/**
 * The named gathering ops of PyTorch: `indexSelect` (whole slices along one dim), `gather`
 * (one element per index position) and `maskedSelect` (elements where a mask is true). All copy.
 * Like PyTorch, `indexSelect` and `gather` do not wrap negative indices.
 */
import { allocate } from '../dtype.js';
import { DTypeError, IndexError, ShapeError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { broadcastShapes, normalizeDim } from '../shape.js';
import { readContiguous, stridedOffsets } from '../strided.js';
import { expand } from '../views/expand.js';
import { reshape } from '../views/reshape.js';
import { takeAdvanced } from './advanced.js';
import { type IndexArray, toIndexArray } from './index-arrays.js';

function intIndex(op: string, index: IndexArray): NDArray {
  const idx = toIndexArray(op, index);
  if (idx.dtype !== 'int32') throw new DTypeError(`${op}: index must be an int32 tensor, got ${idx.dtype}`);
  return idx;
}

/**
 * The slices of `a` at positions `index` (1-d) along `dim`; the result has `a`'s rank with
 * `shape[dim] = index.length`. Along dim 0 of a contiguous array each slice is one block copy,
 * which is how a data loader gathers a batch of rows.
 * @example
 * indexSelect(x, 0, [2, 0]) // rows 2 and 0 of x
 */
export function indexSelect(a: NDArray, dim: number, index: IndexArray): NDArray {
  const idx = intIndex('indexSelect', index);
  if (idx.shape.length > 1) {
    throw new ShapeError(`indexSelect: index is supposed to be a vector, got shape ${formatShape(idx.shape)}`);
  }
  const d = normalizeDim('indexSelect', dim, a.shape.length);
  const flat = idx.shape.length === 0 ? reshape(idx, [1]) : idx;
  if (a.shape.length === 0) {
    const r = takeAdvanced('indexSelect', reshape(a, [1]), [{ dim: 0, inputDim: 0, indices: flat }], false);
    return reshape(r, []);
  }
  return takeAdvanced('indexSelect', a, [{ dim: d, inputDim: d, indices: flat }], false);
}

/**
 * `out[i][j][k] = a[i][index[i][j][k]][k]` for `dim = 1` (and likewise for other dims); the
 * result has the shape of `index`, which must have `a`'s rank and be no larger than `a` outside
 * `dim`.
 * @example
 * gather(tensor([[1, 2], [3, 4]]), 1, tensor([[0, 0], [1, 0]], { dtype: 'int32' })) // [[1, 1], [4, 3]]
 */
export function gather(a: NDArray, dim: number, index: IndexArray): NDArray {
  const idx = intIndex('gather', index);
  const ndim = a.shape.length;
  const d = normalizeDim('gather', dim, ndim);
  if (idx.shape.length !== ndim) {
    throw new ShapeError(
      `gather: index tensor must have the same number of dimensions as input tensor (index ${formatShape(idx.shape)}, input ${formatShape(a.shape)})`,
    );
  }
  for (let i = 0; i < ndim; i++) {
    if (i !== d && idx.shape[i]! > a.shape[i]!) {
      throw new ShapeError(
        `gather: size does not match at dimension ${i}: expected index ${formatShape(idx.shape)} to be smaller than self ${formatShape(a.shape)} apart from dimension ${d}`,
      );
    }
  }
  // Offsets of a[i][0][k] for every index position: dim `d` contributes through the index values.
  const baseStrides = a.strides.slice();
  if (ndim > 0) baseStrides[d] = 0;
  const base = stridedOffsets(idx.shape, baseStrides, a.offset);
  const iv = readContiguous(idx);
  const size = ndim === 0 ? 1 : a.shape[d]!;
  const stride = ndim === 0 ? 0 : a.strides[d]!;
  const src = a.data;
  const out = allocate(a.dtype, base.length);
  for (let k = 0; k < base.length; k++) {
    const v = iv[k]!;
    if (v < 0 || v >= size) {
      throw new IndexError(`gather: index ${v} is out of bounds for dimension ${d} with size ${size} (input ${formatShape(a.shape)})`);
    }
    out[k] = src[base[k]! + v * stride]!;
  }
  return new NDArray(out, idx.shape.slice(), undefined, 0, a.dtype);
}

/**
 * The elements of `a` where `mask` is true, as a 1-d array (row-major order); `a` and `mask`
 * broadcast together.
 * @example
 * maskedSelect(x, x.gt(0)) // the positive elements of x
 */
export function maskedSelect(a: NDArray, mask: NDArray): NDArray {
  if (mask.dtype !== 'bool') throw new DTypeError(`maskedSelect: expected a bool mask, got ${mask.dtype}`);
  const shape = broadcastShapes('maskedSelect', a.shape, mask.shape);
  const m = readContiguous(expand(mask, shape));
  let count = 0;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) count++;
  const av = expand(a, shape);
  const out = allocate(a.dtype, count);
  const src = a.data;
  let k = 0;
  if (av.isContiguous()) {
    const o = av.offset;
    for (let i = 0; i < m.length; i++) if (m[i] !== 0) out[k++] = src[o + i]!;
  } else {
    const offs = stridedOffsets(av.shape, av.strides, av.offset);
    for (let i = 0; i < m.length; i++) if (m[i] !== 0) out[k++] = src[offs[i]!]!;
  }
  return new NDArray(out, [count], undefined, 0, a.dtype);
}

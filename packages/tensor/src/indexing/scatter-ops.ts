/**
 * The accumulating writes of PyTorch: `scatterAdd` (out of place, one source element per index
 * position, torch.scatter_add) and `indexAdd_` (in place, whole slices along one dim,
 * Tensor.index_add_). They are the inverses of `gather` and `indexSelect`, and so the backward of
 * every selection. Repeated indices accumulate in index order, one rounding to the dtype per
 * addition as PyTorch's CPU loops do; bool arrays accumulate with logical or. As with `gather`,
 * negative indices are rejected.
 */
import { DTypeError, IndexError, ShapeError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { contiguousStrides, normalizeDim } from '../shape.js';
import { copyContiguous, readContiguous, stridedOffsets } from '../strided.js';
import { reshape } from '../views/reshape.js';
import { type IndexArray, toIndexArray } from './index-arrays.js';

function intIndex(op: string, index: IndexArray): NDArray {
  const idx = toIndexArray(op, index);
  if (idx.dtype !== 'int32') throw new DTypeError(`${op}: index must be an int32 tensor, got ${idx.dtype}`);
  return idx;
}

function checkSameDType(op: string, a: NDArray, src: NDArray): void {
  if (src.dtype !== a.dtype) {
    throw new DTypeError(`${op}: expected self and src to have the same dtype, got ${a.dtype} and ${src.dtype}`);
  }
}

/** Throws unless every index is in [0, size). */
function checkIndices(op: string, indices: ArrayLike<number>, d: number, size: number, shape: readonly number[]): void {
  for (let k = 0; k < indices.length; k++) {
    const v = indices[k]!;
    if (v < 0 || v >= size) {
      throw new IndexError(`${op}: index ${v} is out of bounds for dimension ${d} with size ${size} (self ${formatShape(shape)})`);
    }
  }
}

/**
 * A copy of `a` with each element of `src` added at the position `index` names along `dim`:
 * for `dim = 0`, `out[index[i][j]][j] += src[i][j]`. `index` has `a`'s rank, no larger than `src`
 * in every dim and than `a` outside `dim`; `src` has `a`'s dtype.
 * @example
 * scatterAdd(zeros([3]), 0, [0, 2, 0], tensor([1, 2, 3])) // [4, 0, 2]
 */
export function scatterAdd(a: NDArray, dim: number, index: IndexArray, src: NDArray): NDArray {
  const idx = intIndex('scatterAdd', index);
  const ndim = a.shape.length;
  const d = normalizeDim('scatterAdd', dim, ndim);
  checkSameDType('scatterAdd', a, src);
  if (idx.shape.length !== ndim || src.shape.length !== ndim) {
    throw new ShapeError(
      `scatterAdd: index and src must have as many dims as self (self ${formatShape(a.shape)}, index ${formatShape(idx.shape)}, src ${formatShape(src.shape)})`,
    );
  }
  for (let i = 0; i < ndim; i++) {
    if (idx.shape[i]! > src.shape[i]! || (i !== d && idx.shape[i]! > a.shape[i]!)) {
      throw new ShapeError(
        `scatterAdd: expected index ${formatShape(idx.shape)} to be no larger than self ${formatShape(a.shape)} apart from dimension ${d} and no larger than src ${formatShape(src.shape)}`,
      );
    }
  }
  const size = ndim === 0 ? 1 : a.shape[d]!;
  const iv = readContiguous(idx);
  checkIndices('scatterAdd', iv, d, size, a.shape);
  const out = copyContiguous(a);
  // out[..., 0, ...] for every index position (dim d contributes through the index values), and
  // the src element each position reads
  const outStrides = contiguousStrides(a.shape);
  const stride = ndim === 0 ? 0 : outStrides[d]!;
  if (ndim > 0) outStrides[d] = 0;
  const base = stridedOffsets(idx.shape, outStrides, 0);
  const from = stridedOffsets(idx.shape, src.strides, src.offset);
  const s = src.data;
  if (a.dtype === 'bool') {
    for (let k = 0; k < base.length; k++) {
      const p = base[k]! + iv[k]! * stride;
      out[p] = out[p]! | s[from[k]!]!;
    }
  } else {
    for (let k = 0; k < base.length; k++) {
      const p = base[k]! + iv[k]! * stride;
      out[p] = out[p]! + s[from[k]!]!;
    }
  }
  return new NDArray(out, a.shape.slice(), undefined, 0, a.dtype);
}

/**
 * Adds the slices of `src` along `dim` into `a`, in place, at the positions of `index` (1-d): for
 * `dim = 0`, `a[index[i]] += src[i]`. `src` has `a`'s shape except `src.shape[dim] = index.length`,
 * and `a`'s dtype. All indices are checked before anything is written. Returns `a`.
 * @example
 * indexAdd_(zeros([3, 2]), 0, [2, 0, 2], ones([3, 2])) // [[1, 1], [0, 0], [2, 2]]
 */
export function indexAdd_(a: NDArray, dim: number, index: IndexArray, src: NDArray): NDArray {
  const idx = intIndex('indexAdd_', index);
  if (idx.shape.length > 1) throw new ShapeError(`indexAdd_: index is supposed to be a vector, got shape ${formatShape(idx.shape)}`);
  const d = normalizeDim('indexAdd_', dim, a.shape.length);
  checkSameDType('indexAdd_', a, src);
  // a 0-dim self or src is one element along its (only) dim, as in PyTorch
  const self = a.shape.length === 0 ? reshape(a, [1]) : a;
  const source = src.shape.length === 0 ? reshape(src, [1]) : src;
  const ndim = self.shape.length;
  const n = idx.size;
  let fits = source.shape.length === ndim && source.shape[d] === n;
  for (let i = 0; fits && i < ndim; i++) if (i !== d && source.shape[i] !== self.shape[i]) fits = false;
  if (!fits) {
    throw new ShapeError(
      `indexAdd_: src must have the shape of self except along dim ${d}, where it must have the ${n} indices (self ${formatShape(a.shape)}, src ${formatShape(src.shape)})`,
    );
  }
  const iv = readContiguous(idx);
  checkIndices('indexAdd_', iv, d, self.shape[d]!, a.shape);
  const dst = self.data;
  const s = source.data;
  const dStride = self.strides[d]!;
  const sStride = source.strides[d]!;
  const bool = a.dtype === 'bool';
  // the offsets of self[..., 0, ...] and src[..., 0, ...]: one slice's elements
  const sliceShape = self.shape.slice();
  sliceShape[d] = 1;
  const slice = sliceShape.reduce((x, y) => x * y, 1);
  if (slice === 1 && !bool) {
    // 1-d (the backward of every selection scatters into a flat array): no slice tables
    const o = self.offset;
    const so = source.offset;
    for (let j = 0; j < n; j++) {
      const p = o + iv[j]! * dStride;
      dst[p] = dst[p]! + s[so + j * sStride]!;
    }
    return a;
  }
  const dstBase = stridedOffsets(sliceShape, self.strides, self.offset);
  const srcBase = stridedOffsets(sliceShape, source.strides, source.offset);
  for (let j = 0; j < n; j++) {
    const dj = iv[j]! * dStride;
    const sj = j * sStride;
    if (bool) {
      for (let m = 0; m < slice; m++) {
        const p = dstBase[m]! + dj;
        dst[p] = dst[p]! | s[srcBase[m]! + sj]!;
      }
    } else {
      for (let m = 0; m < slice; m++) {
        const p = dstBase[m]! + dj;
        dst[p] = dst[p]! + s[srcBase[m]! + sj]!;
      }
    }
  }
  return a;
}

/**
 * `NDArray`: an n-d array as a strided view `{ data, shape, strides, offset, dtype }` over a typed
 * array (the scijs/ndarray model). Views (reshape, transpose, expand, slicing) share `data`;
 * element (i, j, ...) lives at `data[offset + i*strides[0] + j*strides[1] + ...]`.
 *
 * The class holds no algorithm: each method delegates to the module that owns the operation, so
 * a PyTorch user can write `a.add(b).sum()` while the kernels stay in small files.
 */
import { type DType, type TypedArray, dtypeOfArray } from './dtype.js';
import { ValueError, formatShape } from './errors.js';
import { type Shape, contiguousStrides, numel } from './shape.js';

export class NDArray {
  /** The storage, shared between views. */
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  /** Index in `data` of the first element. */
  readonly offset: number;
  readonly dtype: DType;
  /** Number of elements. */
  readonly size: number;

  /**
   * Wraps `data` without copying. With no `strides` the view is row-major contiguous.
   * Prefer the creation functions (`tensor`, `zeros`, ...); this is the low-level door.
   */
  constructor(
    data: TypedArray,
    shape: Shape,
    strides?: readonly number[],
    offset = 0,
    dtype: DType = dtypeOfArray(data),
  ) {
    this.data = data;
    this.shape = shape;
    this.strides = strides ?? contiguousStrides(shape);
    this.offset = offset;
    this.dtype = dtype;
    this.size = numel(shape);
  }

  /** Number of dimensions (PyTorch's `dim()`). */
  get ndim(): number {
    return this.shape.length;
  }

  dim(): number {
    return this.shape.length;
  }

  numel(): number {
    return this.size;
  }

  /** The size of one dimension, or the whole shape (PyTorch's `size()`). */
  sizeOf(dim?: number): number {
    if (dim === undefined) return this.size;
    const d = dim < 0 ? dim + this.shape.length : dim;
    const s = this.shape[d];
    if (s === undefined) throw new ValueError(`sizeOf: dim ${dim} out of range for shape ${formatShape(this.shape)}`);
    return s;
  }

  /** True when the elements are laid out row-major without gaps (size-1 dims may have any stride). */
  isContiguous(): boolean {
    let expected = 1;
    for (let i = this.shape.length - 1; i >= 0; i--) {
      const s = this.shape[i]!;
      if (s === 1) continue;
      if (this.strides[i] !== expected) return false;
      expected *= s;
    }
    return true;
  }

  // Methods by family; each region delegates to its module (one owner per region).

  // #region conversion: item, tolist, toTypedArray, toString, inspect, to(dtype), clone, contiguous
  // #endregion conversion

  // #region views and indexing
  // #endregion views and indexing

  // #region elementwise (unary, binary, comparisons, where, in-place)
  // #endregion elementwise

  // #region reductions
  // #endregion reductions

  // #region linear algebra (matmul, mm, bmm, dot, outer)
  // #endregion linear algebra

  // #region random in-place (uniform_, normal_)
  // #endregion random in-place
}

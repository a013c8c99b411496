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
// conversion, views and indexing
import { type NestedList, item, to, tolist, toTypedArray } from './convert.js';
import { INSPECT_CUSTOM, type PrintOptions, formatTensor } from './format.js';
import { type IndexArray } from './indexing/index-arrays.js';
import { gather, indexSelect, maskedSelect } from './indexing/select-ops.js';
import { flip } from './indexing/flip.js';
import { indexAdd_, scatterAdd } from './indexing/scatter-ops.js';
import { take } from './indexing/take.js';
import { type IndexSpec, index } from './indexing/subscript.js';
import { chunk, split } from './join/split.js';
import { clone, contiguous } from './views/contiguous.js';
import { permute, squeeze, t, transpose, unsqueeze } from './views/dims.js';
import { broadcastTo, expand, expandAs } from './views/expand.js';
import { narrow, select } from './views/narrow.js';
import { type SizesArg, flatten, reshape, sizesOf, view } from './views/reshape.js';
// random in-place
import { type GeneratorOptions, type RandomArgs, normal_, random_, uniform_ } from './random/distributions.js';
import { bernoulli_ } from './random/bernoulli.js';
// elementwise
import {
  type AlphaOptions,
  type DivOptions,
  add,
  div,
  maximum,
  minimum,
  mul,
  pow,
  remainder,
  sub,
} from './elementwise/binary.js';
import { eq, ge, gt, isfinite, isnan, le, logicalAnd, logicalNot, logicalOr, lt, ne } from './elementwise/compare.js';
import {
  type ValueOptions,
  add_,
  addcdiv_,
  addcmul_,
  copy_,
  div_,
  fill_,
  mul_,
  sub_,
  zero_,
} from './elementwise/inplace.js';
import {
  abs,
  abs_,
  ceil,
  clamp,
  clamp_,
  cos,
  exp,
  exp_,
  floor,
  log,
  log1p,
  neg,
  neg_,
  relu,
  round,
  rsqrt,
  sigmoid,
  sign,
  sin,
  sqrt,
  sqrt_,
  tanh,
} from './elementwise/unary.js';
import { where } from './elementwise/where.js';
// reductions and linear algebra
import { cumsum } from './reduce/cumsum.js';
import { type ValuesIndices, argmax, argmin, max, min } from './reduce/extrema.js';
import { logsumexp } from './reduce/logsumexp.js';
import { type VarOptions, std, variance } from './reduce/moments.js';
import { norm } from './reduce/norm.js';
import { type Dims } from './reduce/plan.js';
import { logSoftmax, softmax } from './reduce/softmax.js';
import { mean, prod, sum } from './reduce/sum.js';
import { bmm, dot, matmul, mm, outer } from './linalg/matmul.js';

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

  /** The single element as a number (bool gives 1/0); throws unless `numel() === 1`. */
  item(): number {
    return item(this);
  }

  /** Nested JS arrays of the elements (booleans for a bool array). */
  tolist(): NestedList {
    return tolist(this);
  }

  /** A fresh contiguous typed array of the elements in row-major order. */
  toTypedArray(): TypedArray {
    return toTypedArray(this);
  }

  /** This array cast to `dtype` (itself when it already has that dtype). */
  to(dtype: DType): NDArray {
    return to(this, dtype);
  }

  float(): NDArray {
    return to(this, 'float32');
  }

  double(): NDArray {
    return to(this, 'float64');
  }

  /** Cast to int32 (floats truncate toward zero). */
  int(): NDArray {
    return to(this, 'int32');
  }

  bool(): NDArray {
    return to(this, 'bool');
  }

  /** A contiguous copy with its own storage. */
  clone(): NDArray {
    return clone(this);
  }

  /** This array when already row-major contiguous, else a contiguous copy. */
  contiguous(): NDArray {
    return contiguous(this);
  }

  /** PyTorch's printout, e.g. `tensor([1., 2.])`; see {@link formatTensor}. */
  toString(options?: PrintOptions): string {
    return formatTensor(this, options);
  }

  [INSPECT_CUSTOM](): string {
    return formatTensor(this);
  }
  // #endregion conversion

  // #region views and indexing

  /** A view with a new shape (one -1 is inferred): `a.view(2, -1)` or `a.view([2, -1])`. */
  view(...shape: SizesArg): NDArray {
    return view(this, sizesOf(shape));
  }

  /** A new shape: a view when the strides allow, else a copy. */
  reshape(...shape: SizesArg): NDArray {
    return reshape(this, sizesOf(shape));
  }

  flatten(startDim = 0, endDim = -1): NDArray {
    return flatten(this, startDim, endDim);
  }

  squeeze(dim?: number | readonly number[]): NDArray {
    return squeeze(this, dim);
  }

  unsqueeze(dim: number): NDArray {
    return unsqueeze(this, dim);
  }

  transpose(dim0: number, dim1: number): NDArray {
    return transpose(this, dim0, dim1);
  }

  t(): NDArray {
    return t(this);
  }

  /** Reorders dims: `a.permute(2, 0, 1)` or `a.permute([2, 0, 1])`. */
  permute(...dims: SizesArg): NDArray {
    return permute(this, sizesOf(dims));
  }

  /** Repeats size-1 dims without copying (stride 0): `a.expand(4, -1)`. */
  expand(...sizes: SizesArg): NDArray {
    return expand(this, sizesOf(sizes));
  }

  expandAs(other: NDArray): NDArray {
    return expandAs(this, other);
  }

  broadcastTo(shape: Shape): NDArray {
    return broadcastTo(this, shape);
  }

  narrow(dim: number, start: number, length: number): NDArray {
    return narrow(this, dim, start, length);
  }

  select(dim: number, index: number): NDArray {
    return select(this, dim, index);
  }

  /** Python's `a[...]`: `a.index(':', 2)` is `a[:, 2]`; see {@link index}. */
  index(...specs: IndexSpec[]): NDArray {
    return index(this, ...specs);
  }

  indexSelect(dim: number, index: IndexArray): NDArray {
    return indexSelect(this, dim, index);
  }

  gather(dim: number, index: IndexArray): NDArray {
    return gather(this, dim, index);
  }

  maskedSelect(mask: NDArray): NDArray {
    return maskedSelect(this, mask);
  }

  split(sizeOrSections: number | readonly number[], dim = 0): NDArray[] {
    return split(this, sizeOrSections, dim);
  }

  chunk(chunks: number, dim = 0): NDArray[] {
    return chunk(this, chunks, dim);
  }

  /** A copy with the elements reversed along `dims` (torch.flip). */
  flip(dims: number | readonly number[]): NDArray {
    return flip(this, dims);
  }

  /** The elements at flat positions `index` (negative ones count from the end), shaped like `index`. */
  take(index: IndexArray): NDArray {
    return take(this, index);
  }

  /** A copy with `src`'s elements added at the positions `index` names along `dim` (torch.scatter_add). */
  scatterAdd(dim: number, index: IndexArray, src: NDArray): NDArray {
    return scatterAdd(this, dim, index, src);
  }

  /** Adds the slices of `src` along `dim` at the positions `index` (1-d), in place; returns `this`. */
  indexAdd_(dim: number, index: IndexArray, src: NDArray): this {
    indexAdd_(this, dim, index, src);
    return this;
  }
  // #endregion views and indexing

  // #region elementwise (unary, binary, comparisons, where, in-place)
  /** `-this`. */
  neg(): NDArray {
    return neg(this);
  }

  /** `|this|`. */
  abs(): NDArray {
    return abs(this);
  }

  /** `e ** this` (float32 for int arrays). */
  exp(): NDArray {
    return exp(this);
  }

  /** Natural logarithm. */
  log(): NDArray {
    return log(this);
  }

  /** `log(1 + this)`. */
  log1p(): NDArray {
    return log1p(this);
  }

  /** Square root. */
  sqrt(): NDArray {
    return sqrt(this);
  }

  /** `1 / sqrt(this)`. */
  rsqrt(): NDArray {
    return rsqrt(this);
  }

  /** Sine. */
  sin(): NDArray {
    return sin(this);
  }

  /** Cosine. */
  cos(): NDArray {
    return cos(this);
  }

  /** Hyperbolic tangent. */
  tanh(): NDArray {
    return tanh(this);
  }

  /** `1 / (1 + exp(-this))`. */
  sigmoid(): NDArray {
    return sigmoid(this);
  }

  /** `max(this, 0)`. */
  relu(): NDArray {
    return relu(this);
  }

  /** -1, 0 or 1 by sign. */
  sign(): NDArray {
    return sign(this);
  }

  /** Round down. */
  floor(): NDArray {
    return floor(this);
  }

  /** Round up. */
  ceil(): NDArray {
    return ceil(this);
  }

  /** Round half to even. */
  round(): NDArray {
    return round(this);
  }

  /** Clamps into `[min, max]` (either may be omitted), keeping the dtype. */
  clamp(min?: number | null, max?: number | null): NDArray {
    return clamp(this, min, max);
  }

  /** `this ** exponent`, broadcasting (see `pow` for PyTorch's special cases). */
  pow(exponent: NDArray | number): NDArray {
    return pow(this, exponent);
  }

  /** `this + alpha * other`, broadcasting, with PyTorch's type promotion. */
  add(other: NDArray | number, options?: AlphaOptions): NDArray {
    return add(this, other, options);
  }

  /** `this - alpha * other`, broadcasting. */
  sub(other: NDArray | number, options?: AlphaOptions): NDArray {
    return sub(this, other, options);
  }

  /** `this * other`, broadcasting. */
  mul(other: NDArray | number): NDArray {
    return mul(this, other);
  }

  /** `this / other` (true division, or `roundingMode` 'trunc' / 'floor'), broadcasting. */
  div(other: NDArray | number, options?: DivOptions): NDArray {
    return div(this, other, options);
  }

  /** Elementwise maximum with `other` (NaN propagates). */
  maximum(other: NDArray | number): NDArray {
    return maximum(this, other);
  }

  /** Elementwise minimum with `other` (NaN propagates). */
  minimum(other: NDArray | number): NDArray {
    return minimum(this, other);
  }

  /** Python's `this % other` (the result has the divisor's sign). */
  remainder(other: NDArray | number): NDArray {
    return remainder(this, other);
  }

  /** `this == other` as a bool array, broadcasting. */
  eq(other: NDArray | number): NDArray {
    return eq(this, other);
  }

  /** `this != other` as a bool array, broadcasting. */
  ne(other: NDArray | number): NDArray {
    return ne(this, other);
  }

  /** `this < other` as a bool array, broadcasting. */
  lt(other: NDArray | number): NDArray {
    return lt(this, other);
  }

  /** `this <= other` as a bool array, broadcasting. */
  le(other: NDArray | number): NDArray {
    return le(this, other);
  }

  /** `this > other` as a bool array, broadcasting. */
  gt(other: NDArray | number): NDArray {
    return gt(this, other);
  }

  /** `this >= other` as a bool array, broadcasting. */
  ge(other: NDArray | number): NDArray {
    return ge(this, other);
  }

  /** `!this` as a bool array (0 is false, anything else true). */
  logicalNot(): NDArray {
    return logicalNot(this);
  }

  /** `this && other` of truth values, broadcasting. */
  logicalAnd(other: NDArray | number): NDArray {
    return logicalAnd(this, other);
  }

  /** `this || other` of truth values, broadcasting. */
  logicalOr(other: NDArray | number): NDArray {
    return logicalOr(this, other);
  }

  /** `condition ? this : other`, as PyTorch's `Tensor.where`. */
  where(condition: NDArray, other: NDArray | number): NDArray {
    return where(condition, this, other);
  }

  /** True where NaN. */
  isnan(): NDArray {
    return isnan(this);
  }

  /** True where neither NaN nor infinite. */
  isfinite(): NDArray {
    return isfinite(this);
  }

  /** `this += alpha * other` in place (one fused multiply-add for floats); returns `this`. */
  add_(other: NDArray | number, options?: AlphaOptions): this {
    add_(this, other, options);
    return this;
  }

  /** `this -= alpha * other` in place; returns `this`. */
  sub_(other: NDArray | number, options?: AlphaOptions): this {
    sub_(this, other, options);
    return this;
  }

  /** `this *= other` in place; returns `this`. */
  mul_(other: NDArray | number): this {
    mul_(this, other);
    return this;
  }

  /** `this /= other` in place; returns `this`. */
  div_(other: NDArray | number, options?: DivOptions): this {
    div_(this, other, options);
    return this;
  }

  /** `this += value * t1 * t2` in place; returns `this`. */
  addcmul_(t1: NDArray, t2: NDArray, options?: ValueOptions): this {
    addcmul_(this, t1, t2, options);
    return this;
  }

  /** `this += value * t1 / t2` in place; returns `this`. */
  addcdiv_(t1: NDArray, t2: NDArray, options?: ValueOptions): this {
    addcdiv_(this, t1, t2, options);
    return this;
  }

  /** Copies `src` (broadcast, cast to this dtype) into this array's elements; returns `this`. */
  copy_(src: NDArray): this {
    copy_(this, src);
    return this;
  }

  /** Sets every element to 0; returns `this`. */
  zero_(): this {
    zero_(this);
    return this;
  }

  /** Sets every element to `value` (cast to this dtype); returns `this`. */
  fill_(value: number | NDArray): this {
    fill_(this, value);
    return this;
  }

  /** Clamps in place; returns `this`. */
  clamp_(min?: number | null, max?: number | null): this {
    clamp_(this, min, max);
    return this;
  }

  /** Negates in place; returns `this`. */
  neg_(): this {
    neg_(this);
    return this;
  }

  /** Square root in place (float arrays); returns `this`. */
  sqrt_(): this {
    sqrt_(this);
    return this;
  }

  /** Exponential in place (float arrays); returns `this`. */
  exp_(): this {
    exp_(this);
    return this;
  }

  /** Absolute value in place; returns `this`. */
  abs_(): this {
    abs_(this);
    return this;
  }
  // #endregion elementwise

  // #region reductions

  /** Sum over all elements, or over `dim` (a dim or a list): `a.sum()`, `a.sum(0)`, `a.sum([0, 2], true)`. */
  sum(dim?: Dims, keepdim = false): NDArray {
    return sum(this, dim, keepdim);
  }

  /** Mean (floating dtypes only). */
  mean(dim?: Dims, keepdim = false): NDArray {
    return mean(this, dim, keepdim);
  }

  prod(dim?: Dims, keepdim = false): NDArray {
    return prod(this, dim, keepdim);
  }

  /** The largest element (0-dim), or with `dim` `{ values, indices }` along it. */
  max(): NDArray;
  max(dim: number, keepdim?: boolean): ValuesIndices;
  max(dim?: number, keepdim = false): NDArray | ValuesIndices {
    return dim === undefined ? max(this) : max(this, dim, keepdim);
  }

  /** The smallest element (0-dim), or with `dim` `{ values, indices }` along it. */
  min(): NDArray;
  min(dim: number, keepdim?: boolean): ValuesIndices;
  min(dim?: number, keepdim = false): NDArray | ValuesIndices {
    return dim === undefined ? min(this) : min(this, dim, keepdim);
  }

  /** Index of the largest element along `dim`, or the flat index without one (int32). */
  argmax(dim?: number, keepdim = false): NDArray {
    return argmax(this, dim, keepdim);
  }

  argmin(dim?: number, keepdim = false): NDArray {
    return argmin(this, dim, keepdim);
  }

  /** Variance, dividing by n - 1 by default (`{ unbiased: false }` or `{ correction: 0 }`: by n). */
  var(dim?: Dims, keepdim = false, options?: VarOptions): NDArray {
    return variance(this, dim, keepdim, options);
  }

  std(dim?: Dims, keepdim = false, options?: VarOptions): NDArray {
    return std(this, dim, keepdim, options);
  }

  /** The vector p-norm (p = 2 by default; 1, Infinity, -Infinity, 0 or any other p). */
  norm(p = 2, dim?: Dims, keepdim = false): NDArray {
    return norm(this, p, dim, keepdim);
  }

  logsumexp(dim?: Dims, keepdim = false): NDArray {
    return logsumexp(this, dim, keepdim);
  }

  softmax(dim: number): NDArray {
    return softmax(this, dim);
  }

  logSoftmax(dim: number): NDArray {
    return logSoftmax(this, dim);
  }

  cumsum(dim: number): NDArray {
    return cumsum(this, dim);
  }
  // #endregion reductions

  // #region linear algebra (matmul, mm, bmm, dot, outer)

  /** torch.matmul: dot, matrix-vector, matrix and broadcast batched products. */
  matmul(other: NDArray): NDArray {
    return matmul(this, other);
  }

  mm(other: NDArray): NDArray {
    return mm(this, other);
  }

  bmm(other: NDArray): NDArray {
    return bmm(this, other);
  }

  dot(other: NDArray): NDArray {
    return dot(this, other);
  }

  outer(other: NDArray): NDArray {
    return outer(this, other);
  }
  // #endregion linear algebra

  // #region random in-place (uniform_, normal_)
  /**
   * Fills this tensor (float32/float64) with uniform values in [from, to), in place, drawing like
   * PyTorch's `uniform_`. Returns `this`.
   * @example new NDArray(new Float32Array(3), [3]).uniform_(-1, 1, { generator: g })
   */
  uniform_(from = 0, to = 1, opts: GeneratorOptions = {}): this {
    uniform_(this, from, to, opts.generator);
    return this;
  }

  /** Fills this tensor (float32/float64) with normal(mean, std) values, in place, as PyTorch's `normal_`. */
  normal_(mean = 0, std = 1, opts: GeneratorOptions = {}): this {
    normal_(this, mean, std, opts.generator);
    return this;
  }

  /**
   * Fills this tensor with random integers, in place, as PyTorch's `random_`: `random_()` over the
   * dtype's range (int32: [0, 2^31), float32: [0, 2^24], float64: [0, 2^53], bool: {0, 1}),
   * `random_(to)` over [0, to), `random_(from, to)` over [from, to).
   */
  random_(...args: RandomArgs): this {
    random_(this, ...args);
    return this;
  }

  /**
   * Sets each element to 1 with probability `p` (default 0.5), else 0, in place; returns `this`.
   * The draws follow PyTorch's CPU kernel without MKL; see {@link bernoulli_} for the caveat.
   */
  bernoulli_(p = 0.5, opts: GeneratorOptions = {}): this {
    bernoulli_(this, p, opts);
    return this;
  }
  // #endregion random in-place
}

/**
 * `Tensor`: the differentiable tensor, a thin wrapper around an @gd/tensor `NDArray` (its `data`)
 * that remembers how it was computed (`gradFn`) so `backward()` can apply the chain rule. This file
 * holds the state and the autograd methods; every operation method is a one-line call into the
 * module of its family (ops/*.ts), where its forward and backward live side by side.
 *
 * PyTorch's idioms carry over in camelCase: `w.data = w.data.sub(w.grad!.data.mul(0.1))` updates
 * without recording, `w.grad!.zero_()` resets, `x.requiresGrad_()` marks a leaf.
 */
import * as nd from '@gd/tensor';
import { type DType, DTypeError, type IndexArray, type NDArray, type NestedList, type TypedArray, isFloating } from '@gd/tensor';
import { type BackwardOptions, backward } from './backward.js';
import { AutogradError } from './errors.js';
import { AccumulateGrad, type GradHook, type Node, type RemovableHandle } from './node.js';
import type { TensorLike } from './operand.js';
import * as bin from './ops/binary.js';
import * as cmp from './ops/compare.js';
import * as inplace from './ops/inplace.js';
import * as idx from './ops/indexing.js';
import * as join from './ops/join.js';
import * as mm from './ops/matmul.js';
import * as move from './ops/movement.js';
import * as red from './ops/reduce.js';
import * as sm from './ops/softmax.js';
import * as un from './ops/unary.js';
import { versionOf } from './version.js';

/** A shape given as varargs or one array: `view(2, 3)` or `view([2, 3])`. */
export type SizesArg = readonly number[] | [readonly number[]];

function sizesOf(args: SizesArg): readonly number[] {
  return args.length === 1 && Array.isArray(args[0]) ? (args[0] as readonly number[]) : (args as readonly number[]);
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

export class Tensor {
  private _data: NDArray;
  private _requiresGrad: boolean;
  private _gradFn: Node | null = null;
  private _accumulator: AccumulateGrad | null = null;
  private _base: Tensor | null = null;
  /**
   * The accumulated gradient (set by `backward()` on leaves that require grad, and on tensors
   * that called {@link retainGrad}); `null` until then.
   */
  grad: Tensor | null = null;

  /**
   * Wraps `data` without copying. Prefer `tensor(...)` (which copies JS data) and the other
   * creation functions; this is the door for an existing NDArray.
   */
  constructor(data: NDArray, requiresGrad = false) {
    this._data = data;
    this._requiresGrad = false;
    if (requiresGrad) this.requiresGrad = true;
  }

  // ---- state ----------------------------------------------------------------------------------

  /**
   * The underlying NDArray. Reading and writing it is not recorded (PyTorch's `.data`), so
   * `w.data = w.data.sub(w.grad!.data.mul(0.1))` is a plain update.
   */
  get data(): NDArray {
    return this._data;
  }

  set data(value: NDArray) {
    this._data = value;
  }

  /** Whether operations on this tensor are recorded for backward. Only leaves can change it. */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }

  set requiresGrad(flag: boolean) {
    if (this._gradFn !== null) {
      if (flag) return;
      throw new AutogradError(
        'you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a ' +
          'subgraph that doesn\'t require differentiation use var_no_grad = var.detach().',
      );
    }
    if (flag && !isFloating(this._data.dtype)) {
      throw new DTypeError(`only Tensors of floating point dtype can require gradients (got ${this._data.dtype})`);
    }
    this._requiresGrad = flag;
  }

  /** The node that computed this tensor (PyTorch's `grad_fn`), `null` for leaves. */
  get gradFn(): Node | null {
    return this._gradFn;
  }

  /** True for tensors not computed by a recorded operation (inputs, parameters, constants). */
  get isLeaf(): boolean {
    return this._gradFn === null;
  }

  /** True when {@link retainGrad} keeps this non-leaf's gradient. */
  get retainsGrad(): boolean {
    return this._gradFn !== null && this._gradFn.retainer === this;
  }

  /** How many in-place changes its storage has seen (PyTorch's `_version`). */
  get version(): number {
    return versionOf(this._data);
  }

  /** The size of each dim. */
  get shape(): readonly number[] {
    return this._data.shape;
  }

  /** The element type. */
  get dtype(): DType {
    return this._data.dtype;
  }

  /** Number of dims. */
  get ndim(): number {
    return this._data.shape.length;
  }

  /** Number of elements. */
  get size(): number {
    return this._data.size;
  }

  /** Number of dims (PyTorch's `dim()`). */
  dim(): number {
    return this._data.shape.length;
  }

  /** Number of elements. */
  numel(): number {
    return this._data.size;
  }

  /** The size of dim `dim`, or the number of elements without one. */
  sizeOf(dim?: number): number {
    return this._data.sizeOf(dim);
  }

  // ---- autograd -------------------------------------------------------------------------------

  /**
   * Computes the gradient of this tensor with respect to the leaves of its graph and adds it into
   * their `.grad`. A one-element tensor needs no `gradient`; otherwise pass the gradient of this
   * tensor (same shape). The graph is freed afterwards unless `retainGraph`.
   * @example
   * const loss = w.mul(x).add(b).sub(y).pow(2).mean();
   * loss.backward();
   * w.grad!.item();
   */
  backward(gradient?: TensorLike, options?: BackwardOptions): void {
    backward(this, gradient, options);
  }

  /** A tensor sharing this one's storage, cut from the graph (does not require grad). */
  detach(): Tensor {
    return new Tensor(this._data);
  }

  /** Sets {@link requiresGrad} in place (leaves only) and returns this tensor. */
  requiresGrad_(flag = true): Tensor {
    this.requiresGrad = flag;
    return this;
  }

  /** Keeps the gradient of this non-leaf in `.grad` during backward (leaves always keep theirs). */
  retainGrad(): void {
    if (!this._requiresGrad) throw new AutogradError("can't retain_grad on Tensor that has requires_grad=False");
    if (this._gradFn !== null) this._gradFn.retainer = this;
  }

  /**
   * Registers `hook(grad)`, called with this tensor's gradient during backward; it may return a
   * replacement. Returns a handle whose `remove()` unregisters it.
   * @example
   * const h = x.registerHook((g) => g.mul(2)); // doubles x's gradient
   * h.remove();
   */
  registerHook(hook: GradHook): RemovableHandle {
    if (!this._requiresGrad) throw new AutogradError("cannot register a hook on a tensor that doesn't require gradient");
    return (this._gradFn ?? this.gradAccumulator()).addHook(hook);
  }

  /** @internal The AccumulateGrad node of a leaf that requires grad (created on first use). */
  gradAccumulator(): AccumulateGrad {
    return (this._accumulator ??= new AccumulateGrad(this));
  }

  /** @internal Makes this tensor the output of `node` (called by `apply`). */
  setGradFn(node: Node): void {
    this._gradFn = node;
    this._requiresGrad = true;
  }

  /** @internal Records that this tensor is a view sharing the storage of `of`. */
  markView(of: Tensor): void {
    this._base = of._base ?? of;
  }

  /** @internal The tensor whose storage this view shares, or `null`. */
  get viewBase(): Tensor | null {
    return this._base;
  }

  /** @internal A copy of the current value with the current history (the old value of an in-place op). */
  snapshot(): Tensor {
    const copy = new Tensor(nd.clone(this._data));
    copy._requiresGrad = this._requiresGrad;
    copy._gradFn = this._gradFn;
    return copy;
  }

  /** @internal Replaces the history after an in-place operation. */
  rebase(node: Node | null): void {
    this._gradFn = node;
    this._requiresGrad = node !== null;
  }

  // ---- conversion -----------------------------------------------------------------------------

  /** The single element as a number (throws unless the tensor has exactly one element). */
  item(): number {
    return nd.item(this._data);
  }

  /** The elements as nested JS arrays. */
  tolist(): NestedList {
    return nd.tolist(this._data);
  }

  /** A fresh typed array of the elements in row-major order. */
  toTypedArray(): TypedArray {
    return nd.toTypedArray(this._data);
  }

  /** This tensor converted to `dtype`; the gradient is converted back. */
  to(dtype: DType): Tensor {
    return move.to(this, dtype);
  }

  /** This tensor as float32. */
  float(): Tensor {
    return move.to(this, 'float32');
  }

  /** This tensor as float64. */
  double(): Tensor {
    return move.to(this, 'float64');
  }

  /** A copy with its own storage; the gradient passes through. */
  clone(): Tensor {
    return move.clone(this);
  }

  /** Itself when row-major contiguous, else a contiguous copy. */
  contiguous(): Tensor {
    return move.contiguous(this);
  }

  /**
   * PyTorch's printout with the autograd state:
   * `tensor(-10., requires_grad=True)`, `tensor([1., 2.], grad_fn=<MulBackward0>)`.
   */
  toString(): string {
    const text = nd.formatTensor(this._data);
    let suffix = '';
    if (this._gradFn !== null) suffix = `, grad_fn=<${this._gradFn.name}>`;
    else if (this._requiresGrad) suffix = ', requires_grad=True';
    return suffix === '' ? text : `${text.slice(0, -1)}${suffix})`;
  }

  [INSPECT](): string {
    return this.toString();
  }

  // ---- elementwise (ops/unary.ts, ops/binary.ts, ops/compare.ts) -------------------------------

  /** `-this`. */
  neg(): Tensor {
    return un.neg(this);
  }
  /** `e^this`. */
  exp(): Tensor {
    return un.exp(this);
  }
  /** Natural logarithm. */
  log(): Tensor {
    return un.log(this);
  }
  /** `log(1 + this)`, accurate for small values. */
  log1p(): Tensor {
    return un.log1p(this);
  }
  /** Square root. */
  sqrt(): Tensor {
    return un.sqrt(this);
  }
  /** `1 / sqrt(this)`. */
  rsqrt(): Tensor {
    return un.rsqrt(this);
  }
  /** Sine. */
  sin(): Tensor {
    return un.sin(this);
  }
  /** Cosine. */
  cos(): Tensor {
    return un.cos(this);
  }
  /** Hyperbolic tangent. */
  tanh(): Tensor {
    return un.tanh(this);
  }
  /** The logistic function. */
  sigmoid(): Tensor {
    return un.sigmoid(this);
  }
  /** `max(this, 0)` (gradient 0 at 0). */
  relu(): Tensor {
    return un.relu(this);
  }
  /** `|this|` (gradient 0 at 0). */
  abs(): Tensor {
    return un.abs(this);
  }
  /** -1, 0 or 1 (gradient 0). */
  sign(): Tensor {
    return un.sign(this);
  }
  /** Rounds down (gradient 0). */
  floor(): Tensor {
    return un.floor(this);
  }
  /** Rounds up (gradient 0). */
  ceil(): Tensor {
    return un.ceil(this);
  }
  /** Rounds half to even (gradient 0). */
  round(): Tensor {
    return un.round(this);
  }
  /** Clamps into `[min, max]`; the gradient passes inside the bounds. */
  clamp(min?: number | null, max?: number | null): Tensor {
    return un.clamp(this, min, max);
  }

  /** `this + alpha * other`, broadcasting. */
  add(other: TensorLike, options?: { alpha?: number }): Tensor {
    return bin.add(this, other, options);
  }
  /** `this - alpha * other`, broadcasting. */
  sub(other: TensorLike, options?: { alpha?: number }): Tensor {
    return bin.sub(this, other, options);
  }
  /** `other - this`. */
  rsub(other: TensorLike): Tensor {
    return bin.sub(other, this);
  }
  /** `this * other`, broadcasting. */
  mul(other: TensorLike): Tensor {
    return bin.mul(this, other);
  }
  /** `this / other` (true division), broadcasting. */
  div(other: TensorLike): Tensor {
    return bin.div(this, other);
  }
  /** Python's `%` (the sign of the divisor). */
  remainder(other: TensorLike): Tensor {
    return bin.remainder(this, other);
  }
  /** `this ** exponent`. */
  pow(exponent: TensorLike): Tensor {
    return bin.pow(this, exponent);
  }
  /** Elementwise maximum (ties share the gradient). */
  maximum(other: TensorLike): Tensor {
    return bin.maximum(this, other);
  }
  /** Elementwise minimum (ties share the gradient). */
  minimum(other: TensorLike): Tensor {
    return bin.minimum(this, other);
  }
  /** `this` where `condition`, else `other` (PyTorch's `x.where(condition, y)`). */
  where(condition: TensorLike, other: TensorLike): Tensor {
    return bin.where(condition, this, other);
  }

  /** `this == other` (bool, no gradient). */
  eq(other: TensorLike): Tensor {
    return cmp.eq(this, other);
  }
  /** `this != other` (bool). */
  ne(other: TensorLike): Tensor {
    return cmp.ne(this, other);
  }
  /** `this < other` (bool). */
  lt(other: TensorLike): Tensor {
    return cmp.lt(this, other);
  }
  /** `this <= other` (bool). */
  le(other: TensorLike): Tensor {
    return cmp.le(this, other);
  }
  /** `this > other` (bool). */
  gt(other: TensorLike): Tensor {
    return cmp.gt(this, other);
  }
  /** `this >= other` (bool). */
  ge(other: TensorLike): Tensor {
    return cmp.ge(this, other);
  }

  // ---- in place (ops/inplace.ts) ---------------------------------------------------------------

  /** `this += alpha * other`, in place. */
  add_(other: TensorLike, options?: { alpha?: number }): Tensor {
    return inplace.add_(this, other, options);
  }
  /** `this -= alpha * other`, in place. */
  sub_(other: TensorLike, options?: { alpha?: number }): Tensor {
    return inplace.sub_(this, other, options);
  }
  /** `this *= other`, in place. */
  mul_(other: TensorLike): Tensor {
    return inplace.mul_(this, other);
  }
  /** `this /= other`, in place. */
  div_(other: TensorLike): Tensor {
    return inplace.div_(this, other);
  }
  /** `this += value * t1 * t2`, in place. */
  addcmul_(t1: TensorLike, t2: TensorLike, options?: { value?: number }): Tensor {
    return inplace.addcmul_(this, t1, t2, options);
  }
  /** `this += value * t1 / t2`, in place. */
  addcdiv_(t1: TensorLike, t2: TensorLike, options?: { value?: number }): Tensor {
    return inplace.addcdiv_(this, t1, t2, options);
  }
  /** Copies `src` (broadcast) into this tensor. */
  copy_(src: TensorLike): Tensor {
    return inplace.copy_(this, src);
  }
  /** Fills with `value`, in place. */
  fill_(value: number): Tensor {
    return inplace.fill_(this, value);
  }
  /** Fills with zeros, in place (`w.grad.zero_()`). */
  zero_(): Tensor {
    return inplace.zero_(this);
  }
  /** Clamps into `[min, max]`, in place. */
  clamp_(min?: number | null, max?: number | null): Tensor {
    return inplace.clamp_(this, min, max);
  }
  /** Negates in place. */
  neg_(): Tensor {
    return inplace.neg_(this);
  }
  /** Absolute value in place. */
  abs_(): Tensor {
    return inplace.abs_(this);
  }
  /** Square root in place. */
  sqrt_(): Tensor {
    return inplace.sqrt_(this);
  }
  /** `e^this` in place. */
  exp_(): Tensor {
    return inplace.exp_(this);
  }
  /**
   * Fills with values drawn uniformly from [from, to), in place, with PyTorch's draws (see
   * @gd/tensor's `uniform_`). Under `noGrad` for a leaf that requires grad (`nn.init` does).
   * @example noGrad(() => w.uniform_(-0.1, 0.1, { generator: g }));
   */
  uniform_(from = 0, to = 1, options?: { generator?: nd.Generator }): Tensor {
    return inplace.uniform_(this, from, to, options);
  }
  /** Fills with values drawn from N(mean, std²), in place, with PyTorch's draws. */
  normal_(mean = 0, std = 1, options?: { generator?: nd.Generator }): Tensor {
    return inplace.normal_(this, mean, std, options);
  }

  // ---- reductions (ops/reduce.ts, ops/softmax.ts) -----------------------------------------------

  /** Sum over `dim` (all dims when omitted). */
  sum(dim?: number | readonly number[], keepdim = false): Tensor {
    return red.sum(this, dim, keepdim);
  }
  /** Mean over `dim` (all dims when omitted). */
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    return red.mean(this, dim, keepdim);
  }
  /** Product over `dim` (all when omitted). */
  prod(dim?: number, keepdim = false): Tensor {
    return red.prod(this, dim, keepdim);
  }
  /** The largest element, or `{ values, indices }` along `dim`. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): red.ValuesIndices;
  max(dim?: number, keepdim = false): Tensor | red.ValuesIndices {
    return dim === undefined ? red.max(this) : red.max(this, dim, keepdim);
  }
  /** The smallest element, or `{ values, indices }` along `dim`. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): red.ValuesIndices;
  min(dim?: number, keepdim = false): Tensor | red.ValuesIndices {
    return dim === undefined ? red.min(this) : red.min(this, dim, keepdim);
  }
  /** Index of the largest element (no gradient). */
  argmax(dim?: number, keepdim = false): Tensor {
    return red.argmax(this, dim, keepdim);
  }
  /** Index of the smallest element (no gradient). */
  argmin(dim?: number, keepdim = false): Tensor {
    return red.argmin(this, dim, keepdim);
  }
  /** Running sums along `dim`. */
  cumsum(dim: number): Tensor {
    return red.cumsum(this, dim);
  }
  /** `log(sum(exp(this)))` over `dim`, computed stably. */
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return red.logsumexp(this, dim, keepdim);
  }
  /** Variance (unbiased unless `correction: 0`). */
  var(dim?: number | readonly number[], keepdim = false, options?: red.VarOptions): Tensor {
    return red.variance(this, dim, keepdim, options);
  }
  /** Standard deviation (unbiased unless `correction: 0`). */
  std(dim?: number | readonly number[], keepdim = false, options?: red.VarOptions): Tensor {
    return red.std(this, dim, keepdim, options);
  }
  /** The `p`-norm (default 2) over `dim` (all dims when omitted). */
  norm(p = 2, dim?: number | readonly number[], keepdim = false): Tensor {
    return red.norm(this, p, dim, keepdim);
  }
  /** Softmax along `dim`. */
  softmax(dim: number): Tensor {
    return sm.softmax(this, dim);
  }
  /** Log-softmax along `dim`. */
  logSoftmax(dim: number): Tensor {
    return sm.logSoftmax(this, dim);
  }

  // ---- linear algebra (ops/matmul.ts) -------------------------------------------------------------

  /** Matrix product with PyTorch's rules for 1-d and batched operands. */
  matmul(other: TensorLike): Tensor {
    return mm.matmul(this, other);
  }
  /** Product of two matrices. */
  mm(other: TensorLike): Tensor {
    return mm.mm(this, other);
  }
  /** Batched matrix product. */
  bmm(other: TensorLike): Tensor {
    return mm.bmm(this, other);
  }
  /** Inner product of two 1-d tensors. */
  dot(other: TensorLike): Tensor {
    return mm.dot(this, other);
  }
  /** Outer product of two 1-d tensors. */
  outer(other: TensorLike): Tensor {
    return mm.outer(this, other);
  }

  // ---- shape and movement (ops/movement.ts) -------------------------------------------------------

  /** A view with a new shape: `x.view(2, -1)` or `x.view([2, -1])`. */
  view(...shape: SizesArg): Tensor {
    return move.view(this, sizesOf(shape));
  }
  /** A new shape: a view when possible, else a copy. */
  reshape(...shape: SizesArg): Tensor {
    return move.reshape(this, sizesOf(shape));
  }
  /** Merges dims `startDim..endDim`. */
  flatten(startDim = 0, endDim = -1): Tensor {
    return move.flatten(this, startDim, endDim);
  }
  /** Removes size-1 dims (all, or the given ones). */
  squeeze(dim?: number | readonly number[]): Tensor {
    return move.squeeze(this, dim);
  }
  /** Inserts a size-1 dim at `dim`. */
  unsqueeze(dim: number): Tensor {
    return move.unsqueeze(this, dim);
  }
  /** Swaps two dims (a view). */
  transpose(dim0: number, dim1: number): Tensor {
    return move.transpose(this, dim0, dim1);
  }
  /** Transpose of a matrix. */
  t(): Tensor {
    return move.t(this);
  }
  /** A copy with the elements reversed along `dims`. */
  flip(dims: number | readonly number[]): Tensor {
    return move.flip(this, dims);
  }
  /** All dims reversed (PyTorch's `.T`). */
  get T(): Tensor {
    return move.permute(this, this.shape.map((_, i) => this.ndim - 1 - i));
  }
  /** Reorders the dims: `x.permute(2, 0, 1)`. */
  permute(...dims: SizesArg): Tensor {
    return move.permute(this, sizesOf(dims));
  }
  /** Broadcasts size-1 dims without copying: `x.expand(4, -1)`. */
  expand(...sizes: SizesArg): Tensor {
    return move.expand(this, sizesOf(sizes));
  }
  /** {@link expand} to the shape of `other`. */
  expandAs(other: Tensor | NDArray): Tensor {
    return move.expandAs(this, other);
  }
  /** {@link expand} to `shape`. */
  broadcastTo(shape: readonly number[]): Tensor {
    return move.broadcastTo(this, shape);
  }

  // ---- indexing and joins (ops/indexing.ts, ops/join.ts) -----------------------------------------

  /** Python's `x[...]`: `x.index(':', 2)` is `x[:, 2]`. */
  index(...specs: idx.TensorIndex[]): Tensor {
    return idx.index(this, ...specs);
  }
  /** `length` elements of `dim` from `start` (a view). */
  narrow(dim: number, start: number, length: number): Tensor {
    return idx.narrow(this, dim, start, length);
  }
  /** The slice at `index` of `dim`, without that dim. */
  select(dim: number, index: number): Tensor {
    return idx.select(this, dim, index);
  }
  /** The slices at `index` of `dim`. */
  indexSelect(dim: number, index: IndexArray | Tensor): Tensor {
    return idx.indexSelect(this, dim, index);
  }
  /** Picks along `dim` by `index`, as torch.gather. */
  gather(dim: number, index: IndexArray | Tensor): Tensor {
    return idx.gather(this, dim, index);
  }
  /** The elements where `mask` is true, as a 1-d tensor. */
  maskedSelect(mask: Tensor | NDArray): Tensor {
    return idx.maskedSelect(this, mask);
  }
  /** `this.flatten()[positions]`, shaped like `positions`. */
  take(positions: Tensor | NDArray): Tensor {
    return idx.take(this, positions);
  }
  /** Splits `dim` into pieces of `size`, or of the listed sizes. */
  split(sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
    return join.split(this, sizeOrSections, dim);
  }
  /** Splits `dim` into `chunks` nearly equal pieces. */
  chunk(chunks: number, dim = 0): Tensor[] {
    return join.chunk(this, chunks, dim);
  }
}

/**
 * Classification losses over scores with the classes along dim 1 (dim 0 for a single unbatched
 * sample), inputs of shape (C), (N, C) or (N, C, d1, ...):
 * - `nllLoss`: the negative log-likelihood of the target class, `-weight[t]·input[n, t]`, from
 *   log-probabilities; target entries equal to `ignoreIndex` count neither in the sum nor in the
 *   mean's denominator (the sum of the weights of the counted targets).
 * - `crossEntropy`: `nllLoss(logSoftmax(input, 1), target)`, with class-probability targets (a
 *   float target of the input's shape) and label smoothing, as PyTorch 1.13 computes them.
 * Both are compositions of autograd operations (`gather`, `logSoftmax`, `sum`...); the target, the
 * class weights and the ignore mask are constants.
 */
import { type Tensor, type TensorLike, toTensor, where } from '@gd/autograd';
import { IndexError, NDArray, ShapeError, ValueError, formatShape, isFloating, toTypedArray } from '@gd/tensor';
import { indexTarget, toArray } from './operands.js';
import { type Reduction, checkReduction } from './reduction.js';

/** Options of {@link nllLoss}. */
export interface NLLLossOptions {
  /** A weight per class (shape [C]); the mean divides by the total weight of the counted targets. */
  weight?: TensorLike | null;
  /** Target value that is skipped (default -100). */
  ignoreIndex?: number;
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions extends NLLLossOptions {
  /** Mixes the target with the uniform distribution: `(1 - s)·target + s / C` (default 0). */
  labelSmoothing?: number;
}

/** What nllLoss needs from the target: gather indices, per-target weights and the ignore mask. */
interface TargetPlan {
  /** The target with ignored entries replaced by 0 (safe to gather), shaped for `gather`. */
  index: NDArray;
  /** `weight[t]` (1 without weights) per target, 0 where ignored; null when all are 1. */
  weights: NDArray | null;
  /** True where the target counts; null when none is ignored. */
  valid: NDArray | null;
  /** The sum of `weights` (the mean's denominator). */
  totalWeight: number;
}

function classDimOf(input: Tensor): number {
  return input.ndim === 1 ? 0 : 1;
}

/** Checks the target's shape against the input's: (N, d...) for (N, C, d...), () for (C). */
function checkTargetShape(op: string, input: Tensor, target: NDArray): void {
  if (input.ndim === 0) throw new ShapeError(`${op}: expected 1 or more dimensions (got 0)`);
  const expected = input.ndim === 1 ? [] : [input.shape[0]!, ...input.shape.slice(2)];
  if (input.ndim > 1 && target.shape.length > 0 && target.shape[0] !== input.shape[0]) {
    throw new ShapeError(`${op}: expected input batch_size (${input.shape[0]}) to match target batch_size (${target.shape[0]}).`);
  }
  if (target.shape.length !== expected.length || target.shape.some((s, i) => s !== expected[i])) {
    throw new ShapeError(
      `${op}: expected target size ${formatShape(expected)} for input ${formatShape(input.shape)}, got ${formatShape(target.shape)}`,
    );
  }
}

function classWeights(op: string, weight: TensorLike | null | undefined, classes: number): Float64Array | null {
  if (weight === undefined || weight === null) return null;
  const w = toArray(weight);
  if (w.shape.length !== 1 || w.shape[0] !== classes) {
    throw new ShapeError(
      `${op}: weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${formatShape(w.shape)}`,
    );
  }
  return Float64Array.from(toTypedArray(w) as ArrayLike<number>);
}

/** Reads the target once: validates the classes, finds ignored entries, gathers the weights. */
function planTarget(op: string, input: Tensor, target: NDArray, weight: Float64Array | null, ignoreIndex: number): TargetPlan {
  const classes = input.shape[classDimOf(input)]!;
  const t = toTypedArray(target) as Int32Array;
  const n = t.length;
  const safe = new Int32Array(n);
  const w = new Float64Array(n);
  let ignored = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const c = t[i]!;
    if (c === ignoreIndex) {
      ignored++;
      continue;
    }
    if (c < 0 || c >= classes) throw new IndexError(`${op}: Target ${c} is out of bounds (${classes} classes).`);
    safe[i] = c;
    const wc = weight === null ? 1 : weight[c]!;
    w[i] = wc;
    total += wc;
  }
  const indexShape = [...target.shape];
  indexShape.splice(classDimOf(input), 0, 1);
  const index = new NDArray(safe, indexShape);
  const dtype = input.dtype;
  const weights = weight === null && ignored === 0 ? null : new NDArray(dtype === 'float64' ? w : Float32Array.from(w), [...target.shape]);
  let valid: NDArray | null = null;
  if (ignored > 0) {
    const mask = new Uint8Array(n);
    for (let i = 0; i < n; i++) mask[i] = t[i] === ignoreIndex ? 0 : 1;
    valid = new NDArray(mask, [...target.shape], undefined, 0, 'bool');
  }
  // PyTorch accumulates the total weight in the input's dtype
  return { index, weights, valid, totalWeight: dtype === 'float64' ? total : Math.fround(total) };
}

/** `-weight[t]·input[.., t, ..]` per target (0 where ignored), before the reduction. */
function pickedLoss(input: Tensor, plan: TargetPlan): Tensor {
  const dim = classDimOf(input);
  const picked = input.gather(dim, plan.index).squeeze(dim);
  const loss = plan.weights === null ? picked.neg() : picked.mul(plan.weights).neg();
  return plan.valid === null ? loss : where(plan.valid, loss, 0);
}

function reduceWeighted(loss: Tensor, reduction: Reduction, totalWeight: number): Tensor {
  if (reduction === 'none') return loss;
  const sum = loss.sum();
  return reduction === 'sum' ? sum : sum.div(totalWeight);
}

/**
 * The negative log-likelihood loss of log-probabilities `input` ((C), (N, C) or (N, C, d...)) and
 * class indices `target` (int32, shape (), (N) or (N, d...)).
 * @example
 * const logp = logSoftmax(scores, 1);            // [N, C]
 * nllLoss(logp, tensor([0, 2], { dtype: 'int32' }));
 */
export function nllLoss(
  input: TensorLike,
  target: TensorLike,
  { weight, ignoreIndex = -100, reduction = 'mean' }: NLLLossOptions = {},
): Tensor {
  checkReduction('nllLoss', reduction);
  const x = toTensor(input);
  const t = indexTarget('nllLoss', target);
  checkTargetShape('nllLoss', x, t);
  const plan = planTarget('nllLoss', x, t, classWeights('nllLoss', weight, x.shape[classDimOf(x)]!), ignoreIndex);
  return reduceWeighted(pickedLoss(x, plan), reduction, plan.totalWeight);
}

/**
 * The cross-entropy loss of unnormalised scores `input` ((C), (N, C) or (N, C, d...)) and a
 * target of class indices (int32, the input's shape without the class dim) or of class
 * probabilities (float, the input's shape).
 * @example
 * crossEntropy(logits, tensor([1, 0, 3], { dtype: 'int32' }));             // mean over the batch
 * crossEntropy(logits, labels, { ignoreIndex: 0, labelSmoothing: 0.1 });
 */
export function crossEntropy(
  input: TensorLike,
  target: TensorLike,
  { weight, ignoreIndex = -100, reduction = 'mean', labelSmoothing = 0 }: CrossEntropyOptions = {},
): Tensor {
  checkReduction('crossEntropy', reduction);
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new ValueError(`crossEntropy: label_smoothing must be between 0.0 and 1.0. Got: ${labelSmoothing}`);
  }
  const x = toTensor(input);
  if (x.ndim === 0) throw new ShapeError('crossEntropy: expected 1 or more dimensions (got 0)');
  const dim = classDimOf(x);
  const classes = x.shape[dim]!;
  const w = classWeights('crossEntropy', weight, classes);
  const logp = x.logSoftmax(dim);
  if (isProbabilityTarget(x, target)) return probabilityCrossEntropy(logp, toTensor(target), w, reduction, labelSmoothing, ignoreIndex);

  const t = indexTarget('crossEntropy', target);
  checkTargetShape('crossEntropy', x, t);
  const plan = planTarget('crossEntropy', x, t, w, ignoreIndex);
  const nll = reduceWeighted(pickedLoss(logp, plan), reduction, plan.totalWeight);
  if (labelSmoothing === 0) return nll;
  // the smoothing term: the (weighted) sum of -logp over the classes, 0 where ignored
  let smooth = (w === null ? logp : logp.mul(broadcastWeights(w, x))).sum(dim).neg();
  if (plan.valid !== null) smooth = where(plan.valid, smooth, 0);
  return nll.mul(1 - labelSmoothing).add(reduceWeighted(smooth, reduction, plan.totalWeight).mul(labelSmoothing / classes));
}

/** A target of the input's shape holds class probabilities (PyTorch's rule). */
function isProbabilityTarget(input: Tensor, target: TensorLike): boolean {
  if (typeof target === 'number' || typeof target === 'boolean') return false;
  const shape = target instanceof NDArray ? target.shape : 'shape' in target && Array.isArray(target.shape) ? target.shape : null;
  const s = shape ?? toArray(target).shape;
  return s.length === input.ndim && s.every((d, i) => d === input.shape[i]);
}

/** The class weights shaped to broadcast along the class dim: [C] → [1, C, 1, ...]. */
function broadcastWeights(w: Float64Array, input: Tensor): NDArray {
  const shape = input.shape.map(() => 1);
  shape[classDimOf(input)] = w.length;
  return new NDArray(input.dtype === 'float64' ? Float64Array.from(w) : Float32Array.from(w), shape);
}

function probabilityCrossEntropy(
  logp: Tensor,
  target: Tensor,
  w: Float64Array | null,
  reduction: Reduction,
  labelSmoothing: number,
  ignoreIndex: number,
): Tensor {
  if (!isFloating(target.dtype)) {
    throw new ValueError(`crossEntropy: expected floating point type for target with class probabilities, got ${target.dtype}`);
  }
  if (ignoreIndex >= 0) throw new ValueError('crossEntropy: ignore_index is not supported for floating point target');
  const dim = classDimOf(logp);
  const classes = logp.shape[dim]!;
  const t = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / classes) : target;
  let prod = logp.mul(t);
  if (w !== null) prod = prod.mul(broadcastWeights(w, logp));
  if (reduction === 'none') return prod.sum(dim).neg();
  const sum = prod.sum().neg();
  return reduction === 'sum' ? sum : sum.div(logp.numel() / classes);
}

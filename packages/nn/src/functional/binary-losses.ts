/**
 * The binary cross-entropy losses.
 *
 * `binaryCrossEntropy` of probabilities: `-(t·log x + (1 - t)·log(1 - x))` with each log clamped
 * at -100, as PyTorch. The logs are taken of inputs whose 0 (or 1) entries are replaced by 1 (or 0),
 * so the clamped elements get a zero gradient instead of 0 · ∞ = NaN (PyTorch's hand-written
 * backward gives them (x - t) / 1e-12 instead; both are degenerate).
 *
 * `binaryCrossEntropyWithLogits`: the binary cross-entropy of logits, computed stably as PyTorch
 * does, with m = max(-x, 0):
 *
 *   loss = (1 - t)·x + logWeight·(log(exp(-m) + exp(-x - m)) + m),  logWeight = 1 + (posWeight - 1)·t
 *
 * (without `posWeight`, logWeight = 1). It is a composition of autograd operations; its gradient
 * is sigmoid(x) - t (scaled by the weights) for any m, including at x = 0, because m cancels out
 * of the log-sum-exp form.
 */
import { type Tensor, type TensorLike, toTensor, where } from '@gd/autograd';
import { ShapeError, ValueError, formatShape, gt, lt, toTypedArray } from '@gd/tensor';
import { type Reduction, checkReduction, reduce } from './reduction.js';

/** Options of {@link binaryCrossEntropy}. */
export interface BCEOptions {
  /** A weight per element (broadcast to the input). */
  weight?: TensorLike | null;
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (target.shape.length !== input.shape.length || target.shape.some((s, i) => s !== input.shape[i])) {
    throw new ShapeError(`${op}: target size (${formatShape(target.shape)}) must be the same as input size (${formatShape(input.shape)})`);
  }
}

/**
 * Binary cross-entropy between probabilities `input` (in [0, 1]) and targets of the same shape.
 * @example
 * binaryCrossEntropy(sigmoid(logits), labels);
 */
export function binaryCrossEntropy(input: TensorLike, target: TensorLike, { weight, reduction = 'mean' }: BCEOptions = {}): Tensor {
  checkReduction('binaryCrossEntropy', reduction);
  const x = toTensor(input);
  const t = toTensor(target);
  checkSameShape('binaryCrossEntropy', x, t);
  for (const v of toTypedArray(x.data)) {
    if (!(v >= 0 && v <= 1)) throw new ValueError(`binaryCrossEntropy: all elements of input should be between 0 and 1, got ${v}`);
  }
  const positive = gt(x.data, 0);
  const belowOne = lt(x.data, 1);
  const logX = where(positive, where(positive, x, 1).log().clamp(-100), -100);
  const log1mX = where(belowOne, where(belowOne, x, 0).neg().log1p().clamp(-100), -100);
  let loss = t.sub(1).mul(log1mX).sub(t.mul(logX));
  if (weight !== undefined && weight !== null) loss = loss.mul(weight);
  return reduce(loss, reduction);
}

/** Options of {@link binaryCrossEntropyWithLogits}. */
export interface BCEWithLogitsOptions {
  /** A weight per element (broadcast to the input). */
  weight?: TensorLike | null;
  /** A weight of the positive term per class (broadcast along the last dim), e.g. negatives / positives. */
  posWeight?: TensorLike | null;
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

/**
 * Binary cross-entropy between logits `input` and targets `target` in [0, 1] of the same shape.
 * @example
 * binaryCrossEntropyWithLogits(tensor([0, 2]), tensor([0, 1]));       // mean of log 2 and log(1 + e^-2)
 * binaryCrossEntropyWithLogits(logits, labels, { posWeight: tensor([3]) });
 */
export function binaryCrossEntropyWithLogits(
  input: TensorLike,
  target: TensorLike,
  { weight, posWeight, reduction = 'mean' }: BCEWithLogitsOptions = {},
): Tensor {
  checkReduction('binaryCrossEntropyWithLogits', reduction);
  const x = toTensor(input);
  const t = toTensor(target);
  checkSameShape('binaryCrossEntropyWithLogits', x, t);
  const negX = x.neg();
  const m = negX.clamp(0);
  const logSumExp = m.neg().exp().add(negX.sub(m).exp()).log();
  const oneMinusT = t.rsub(1);
  let loss: Tensor;
  if (posWeight !== undefined && posWeight !== null) {
    const logWeight = toTensor(posWeight).sub(1).mul(t).add(1);
    loss = oneMinusT.mul(x).add(logWeight.mul(logSumExp.add(m)));
  } else {
    loss = oneMinusT.mul(x).add(m).add(logSumExp);
  }
  if (weight !== undefined && weight !== null) loss = loss.mul(weight);
  return reduce(loss, reduction);
}

/**
 * Losses between a prediction and a real-valued target, composed from differentiable autograd
 * operations (so gradients need no code here) in PyTorch's order of float32 operations:
 * `mseLoss` (d·d), `l1Loss` (|d|), `huberLoss` and `smoothL1Loss` (quadratic near 0, linear
 * beyond). The target may require grad too; shapes broadcast.
 */
import { type Tensor, type TensorLike, toTensor, where } from '@gd/autograd';
import { ValueError, lt } from '@gd/tensor';
import { type Reduction, checkReduction, reduce } from './reduction.js';

/** The `reduction` option of every loss. */
export interface ReductionOptions {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

/** Options of {@link huberLoss}. */
export interface HuberLossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear (default 1, must be positive). */
  delta?: number;
}

/** Options of {@link smoothL1Loss}. */
export interface SmoothL1LossOptions extends ReductionOptions {
  /** Where the loss turns from quadratic to linear (default 1; 0 gives the L1 loss). */
  beta?: number;
}

/**
 * Mean squared error: `(input - target)²`, reduced.
 * @example
 * mseLoss(tensor([1, 2]), tensor([0, 0]));                      // tensor(2.5)
 * mseLoss(tensor([1, 2]), tensor([0, 0]), { reduction: 'sum' }); // tensor(5.)
 */
export function mseLoss(input: TensorLike, target: TensorLike, { reduction = 'mean' }: ReductionOptions = {}): Tensor {
  checkReduction('mseLoss', reduction);
  const d = toTensor(input).sub(target);
  return reduce(d.mul(d), reduction);
}

/** Mean absolute error: `|input - target|`, reduced. */
export function l1Loss(input: TensorLike, target: TensorLike, { reduction = 'mean' }: ReductionOptions = {}): Tensor {
  checkReduction('l1Loss', reduction);
  return reduce(toTensor(input).sub(target).abs(), reduction);
}

/**
 * Huber loss: with z = |input - target|, `0.5·z²` where z < delta, else `delta·(z - 0.5·delta)`.
 * @example
 * huberLoss(tensor([0.5, 3]), tensor([0, 0]), { reduction: 'none' }); // tensor([0.125, 2.5])
 */
export function huberLoss(input: TensorLike, target: TensorLike, { reduction = 'mean', delta = 1 }: HuberLossOptions = {}): Tensor {
  checkReduction('huberLoss', reduction);
  if (!(delta > 0)) throw new ValueError(`huberLoss: huber_loss does not support non-positive values for delta, got ${delta}`);
  const z = toTensor(input).sub(target).abs();
  const quadratic = z.mul(0.5).mul(z);
  const linear = z.sub(0.5 * delta).mul(delta);
  return reduce(where(lt(z.data, delta), quadratic, linear), reduction);
}

/**
 * Smooth L1 loss: with z = |input - target|, `0.5·z²/beta` where z < beta, else `z - 0.5·beta`
 * (the Huber loss divided by beta).
 */
export function smoothL1Loss(input: TensorLike, target: TensorLike, { reduction = 'mean', beta = 1 }: SmoothL1LossOptions = {}): Tensor {
  checkReduction('smoothL1Loss', reduction);
  if (!(beta >= 0)) throw new ValueError(`smoothL1Loss: smooth_l1_loss does not support negative values for beta, got ${beta}`);
  const z = toTensor(input).sub(target).abs();
  if (beta === 0) return reduce(z, reduction);
  const quadratic = z.mul(0.5).mul(z).div(beta);
  const linear = z.sub(0.5 * beta);
  return reduce(where(lt(z.data, beta), quadratic, linear), reduction);
}

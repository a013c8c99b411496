/**
 * The activation functions, by their torch.nn.functional names. `relu`, `sigmoid`, `tanh`,
 * `softmax` and `logSoftmax` are autograd's operations; the others are compositions in PyTorch's
 * formulas. Where a branch can overflow (exp of a large input), it is evaluated on an input with
 * the other branch's elements replaced by 0, so the branch that `where` drops cannot send NaN
 * (0 · ∞) into the gradient.
 */
import { type Tensor, type TensorLike, toTensor, where } from '@gd/autograd';
import { type NDArray, gt } from '@gd/tensor';

export { relu, sigmoid, tanh, softmax, logSoftmax } from '@gd/autograd';

/** `x` where `mask` is false, 0 where it is true (the overflow-safe input of a branch). */
function zeroWhere(mask: NDArray, x: Tensor): Tensor {
  return where(mask, 0, x);
}

/**
 * `x` for x > 0, `negativeSlope · x` otherwise.
 * @example leakyRelu(tensor([-2, 3]), 0.1) // tensor([-0.2000, 3.0000])
 */
export function leakyRelu(input: TensorLike, negativeSlope = 0.01): Tensor {
  const x = toTensor(input);
  return where(gt(x.data, 0), x, x.mul(negativeSlope));
}

/** `x` for x > 0, `alpha · (eˣ - 1)` otherwise. */
export function elu(input: TensorLike, alpha = 1): Tensor {
  const x = toTensor(input);
  const positive = gt(x.data, 0);
  return where(positive, x, zeroWhere(positive, x).exp().sub(1).mul(alpha));
}

/** `x · sigmoid(x)` (also called swish). */
export function silu(input: TensorLike): Tensor {
  const x = toTensor(input);
  return x.mul(x.sigmoid());
}

/** `log(1 + e^(beta·x)) / beta`, and `x` itself where `beta·x > threshold` (default 20). */
export function softplus(input: TensorLike, beta = 1, threshold = 20): Tensor {
  const x = toTensor(input);
  const scaled = x.mul(beta);
  const linear = gt(scaled.data, threshold);
  return where(linear, x, zeroWhere(linear, scaled).exp().log1p().div(beta));
}

/**
 * `log(sigmoid(x))`, computed stably as `-(m + log(e^-m + e^(-x-m)))` with m = max(-x, 0), whose
 * gradient `1 - sigmoid(x)` does not depend on the choice of m (so it is right at x = 0 too).
 */
export function logsigmoid(input: TensorLike): Tensor {
  const x = toTensor(input);
  const negX = x.neg();
  const m = negX.clamp(0);
  return m.neg().exp().add(negX.sub(m).exp()).log().add(m).neg();
}


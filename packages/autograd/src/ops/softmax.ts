/**
 * softmax and logSoftmax along one dim. Both save only their output: softmax's gradient is
 * `y * (g - sum(g * y))` and logSoftmax's `g - exp(y) * sum(g)` (sums along the dim), PyTorch's
 * `_softmax_backward_data` and `_log_softmax_backward_data`.
 */
import * as nd from '@gd/tensor';
import type { NDArray } from '@gd/tensor';
import { apply1 } from '../apply.js';
import { type TensorLike, toTensor } from '../operand.js';
import type { Rule } from '../rule.js';
import type { Tensor } from '../tensor.js';
import { SAVES_OUTPUT } from './saves.js';

/** The differentiable normalisations. */
export type SoftmaxOp = 'softmax' | 'logSoftmax';

type SoftmaxRule = Rule<number, readonly [NDArray]>;

export const softmaxRules: { [K in SoftmaxOp]: SoftmaxRule } = {
  softmax: {
    name: 'SoftmaxBackward0',
    saves: SAVES_OUTPUT,
    forward: ([x], dim) => nd.softmax(x, dim),
    backward: (c, g) => {
      const y = c.output();
      return [y.mul(g.sub(g.mul(y).sum(c.args, true)))];
    },
  },
  logSoftmax: {
    name: 'LogSoftmaxBackward0',
    saves: SAVES_OUTPUT,
    forward: ([x], dim) => nd.logSoftmax(x, dim),
    backward: (c, g) => [g.sub(c.output().exp().mul(g.sum(c.args, true)))],
  },
};

/** `exp(x) / sum(exp(x))` along `dim`, computed stably. */
export function softmax(input: TensorLike, dim: number): Tensor {
  const x = toTensor(input);
  return apply1(softmaxRules.softmax, x, dim);
}
/** `x - logsumexp(x)` along `dim`: log-probabilities. */
export function logSoftmax(input: TensorLike, dim: number): Tensor {
  const x = toTensor(input);
  return apply1(softmaxRules.logSoftmax, x, dim);
}

/**
 * `functional`: the torch.nn.functional namespace (`import { functional as F } from '@gd/nn'`):
 * losses, `linear`, `dropout` and the activations, as plain functions of tensors.
 */
export { type Reduction } from './reduction.js';
export {
  type ReductionOptions,
  type HuberLossOptions,
  type SmoothL1LossOptions,
  mseLoss,
  l1Loss,
  huberLoss,
  smoothL1Loss,
} from './regression-losses.js';
export { type NLLLossOptions, type CrossEntropyOptions, nllLoss, crossEntropy } from './classification-losses.js';
export { type BCEOptions, type BCEWithLogitsOptions, binaryCrossEntropy, binaryCrossEntropyWithLogits } from './binary-losses.js';
export { linear } from './linear.js';
export { type DropoutOptions, dropout } from './dropout.js';
export { relu, sigmoid, tanh, softmax, logSoftmax, leakyRelu, elu, silu, softplus, logsigmoid } from './activations.js';

/**
 * @gd/nn: neural-network building blocks over @gd/autograd, with PyTorch's names: Module and
 * Parameter, layers, losses (classes and functions), `init` and the `functional` namespace.
 * Explicit named re-exports only; nothing here runs at import time.
 */
export { Parameter } from './parameter.js';
export { type AnyModule, type NamedMembersOptions, Module } from './module.js';
export { type StateDict, type StateDictInput, type LoadStateDictOptions, type LoadStateDictResult } from './state-dict.js';
export { StateDictError } from './errors.js';

// layers
export { type LinearOptions, Linear } from './layers/linear.js';
export { type TensorModule, Sequential } from './layers/sequential.js';
export {
  ReLU,
  Tanh,
  Sigmoid,
  Softmax,
  LogSoftmax,
  LeakyReLU,
  ELU,
  SiLU,
  Softplus,
  LogSigmoid,
  Identity,
} from './layers/activations.js';
export { Flatten } from './layers/flatten.js';
export { Dropout } from './layers/dropout.js';

// losses, as modules and as functions
export {
  Loss,
  MSELoss,
  L1Loss,
  HuberLoss,
  SmoothL1Loss,
  NLLLoss,
  CrossEntropyLoss,
  BCELoss,
  BCEWithLogitsLoss,
} from './losses/loss-modules.js';
export { type Reduction } from './functional/reduction.js';
export {
  type ReductionOptions,
  type HuberLossOptions,
  type SmoothL1LossOptions,
  mseLoss,
  l1Loss,
  huberLoss,
  smoothL1Loss,
} from './functional/regression-losses.js';
export { type NLLLossOptions, type CrossEntropyOptions, nllLoss, crossEntropy } from './functional/classification-losses.js';
export {
  type BCEOptions,
  type BCEWithLogitsOptions,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
} from './functional/binary-losses.js';
export { type DropoutOptions } from './functional/dropout.js';

// namespaces: torch.nn.functional and torch.nn.init
export * as functional from './functional/index.js';
export * as init from './init/index.js';

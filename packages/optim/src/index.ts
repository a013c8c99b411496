/**
 * @gd/optim: optimizers and learning-rate schedules for @gd/autograd parameters, with PyTorch
 * 1.13's semantics and float32 trajectories. Explicit named re-exports only; nothing here runs at
 * import time.
 */

// the base class and its parts
export { Optimizer, type OptimizerSpec, type ParamState, type ZeroGradOptions } from './optimizer.js';
export { type OptimizerOptions, type ParamGroup, type ParamGroupInit, type ParamsInput } from './param-groups.js';
export {
  type EncodedArray,
  type EncodedNumber,
  type EncodedValue,
  type OptimizerStateDict,
  STATE_DICT_VERSION,
} from './state-dict.js';
export { type WarningHandler, defaultWarningHandler } from './warnings.js';

// optimizers, each with its pure update rule
export { Adadelta, type AdadeltaOptions, type AdadeltaState, adadeltaUpdate } from './adadelta.js';
export { Adagrad, type AdagradOptions, type AdagradState, adagradUpdate } from './adagrad.js';
export { Adam, AdamW, type AdamOptions, type AdamState, adamUpdate } from './adam.js';
export { RMSprop, type RMSpropOptions, type RMSpropState, rmspropUpdate } from './rmsprop.js';
export { SGD, type SGDOptions, type SGDState, sgdUpdate } from './sgd.js';

// learning-rate schedules
export {
  type AnyOptimizer,
  LRScheduler,
  ORDER_WARNING,
  type SchedulerOptions,
  type SchedulerStateDict,
} from './schedulers/lr-scheduler.js';
export { ConstantLR, type ConstantLROptions } from './schedulers/constant-lr.js';
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './schedulers/cosine-annealing-lr.js';
export { ExponentialLR, type ExponentialLROptions } from './schedulers/exponential-lr.js';
export { LambdaLR, type LambdaLROptions, type LrLambda } from './schedulers/lambda-lr.js';
export { LinearLR, type LinearLROptions } from './schedulers/linear-lr.js';
export { MultiStepLR, type MultiStepLROptions } from './schedulers/multi-step-lr.js';
export { OneCycleLR, type OneCycleLROptions } from './schedulers/one-cycle-lr.js';
export { type PlateauStateDict, ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './schedulers/reduce-lr-on-plateau.js';
export { SequentialLR, type SequentialLROptions } from './schedulers/sequential-lr.js';
export { StepLR, type StepLROptions } from './schedulers/step-lr.js';

// gradient clipping
export { type ClipGradNormOptions, clipGradNorm_, clipGradValue_ } from './clip-grad.js';

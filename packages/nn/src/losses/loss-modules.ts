/**
 * The losses as Modules (`new CrossEntropyLoss().call(logits, labels)`), each holding its options
 * and calling the function of the same name in functional/. Class weights and `posWeight` are
 * buffers, so they are in the state dict as in PyTorch.
 */
import { type Tensor, type TensorLike, toTensor } from '@gd/autograd';
import {
  type BCEOptions,
  type BCEWithLogitsOptions,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
} from '../functional/binary-losses.js';
import { type CrossEntropyOptions, type NLLLossOptions, crossEntropy, nllLoss } from '../functional/classification-losses.js';
import { type Reduction, checkReduction } from '../functional/reduction.js';
import {
  type HuberLossOptions,
  type ReductionOptions,
  type SmoothL1LossOptions,
  huberLoss,
  l1Loss,
  mseLoss,
  smoothL1Loss,
} from '../functional/regression-losses.js';
import { Module } from '../module.js';

/** The base of the losses: a module of (input, target) holding its `reduction`. */
export abstract class Loss extends Module<[TensorLike, TensorLike], Tensor> {
  readonly reduction: Reduction;
  constructor(reduction: Reduction, name: string) {
    super();
    checkReduction(name, reduction);
    this.reduction = reduction;
  }
}

/** Mean squared error (see `mseLoss`). */
export class MSELoss extends Loss {
  /** @example new MSELoss().call(pred, y) */
  constructor({ reduction = 'mean' }: ReductionOptions = {}) {
    super(reduction, 'MSELoss');
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return mseLoss(input, target, { reduction: this.reduction });
  }
}

/** Mean absolute error (see `l1Loss`). */
export class L1Loss extends Loss {
  constructor({ reduction = 'mean' }: ReductionOptions = {}) {
    super(reduction, 'L1Loss');
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return l1Loss(input, target, { reduction: this.reduction });
  }
}

/** Huber loss (see `huberLoss`). */
export class HuberLoss extends Loss {
  readonly delta: number;
  constructor({ reduction = 'mean', delta = 1 }: HuberLossOptions = {}) {
    super(reduction, 'HuberLoss');
    this.delta = delta;
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return huberLoss(input, target, { reduction: this.reduction, delta: this.delta });
  }
}

/** Smooth L1 loss (see `smoothL1Loss`). */
export class SmoothL1Loss extends Loss {
  readonly beta: number;
  constructor({ reduction = 'mean', beta = 1 }: SmoothL1LossOptions = {}) {
    super(reduction, 'SmoothL1Loss');
    this.beta = beta;
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return smoothL1Loss(input, target, { reduction: this.reduction, beta: this.beta });
  }
}

/** Negative log-likelihood of log-probabilities (see `nllLoss`). */
export class NLLLoss extends Loss {
  /** The class weights (a buffer), or null. */
  declare weight: Tensor | null;
  readonly ignoreIndex: number;
  constructor({ weight = null, ignoreIndex = -100, reduction = 'mean' }: NLLLossOptions = {}) {
    super(reduction, 'NLLLoss');
    this.registerBuffer('weight', weight === null ? null : toTensor(weight));
    this.ignoreIndex = ignoreIndex;
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return nllLoss(input, target, { weight: this.weight, ignoreIndex: this.ignoreIndex, reduction: this.reduction });
  }
}

/** Cross-entropy of scores and class indices or probabilities (see `crossEntropy`). */
export class CrossEntropyLoss extends Loss {
  /** The class weights (a buffer), or null. */
  declare weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  /**
   * @example
   * const criterion = new CrossEntropyLoss({ labelSmoothing: 0.1 });
   * criterion.call(logits, labels);
   */
  constructor({ weight = null, ignoreIndex = -100, reduction = 'mean', labelSmoothing = 0 }: CrossEntropyOptions = {}) {
    super(reduction, 'CrossEntropyLoss');
    this.registerBuffer('weight', weight === null ? null : toTensor(weight));
    this.ignoreIndex = ignoreIndex;
    this.labelSmoothing = labelSmoothing;
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return crossEntropy(input, target, {
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
      reduction: this.reduction,
      labelSmoothing: this.labelSmoothing,
    });
  }
}

/** Binary cross-entropy of probabilities (see `binaryCrossEntropy`). */
export class BCELoss extends Loss {
  /** The element weights (a buffer), or null. */
  declare weight: Tensor | null;
  constructor({ weight = null, reduction = 'mean' }: BCEOptions = {}) {
    super(reduction, 'BCELoss');
    this.registerBuffer('weight', weight === null ? null : toTensor(weight));
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return binaryCrossEntropy(input, target, { weight: this.weight, reduction: this.reduction });
  }
}

/** Binary cross-entropy of logits (see `binaryCrossEntropyWithLogits`). */
export class BCEWithLogitsLoss extends Loss {
  /** The element weights (a buffer), or null. */
  declare weight: Tensor | null;
  /** The positive-class weights (a buffer), or null. */
  declare posWeight: Tensor | null;
  constructor({ weight = null, posWeight = null, reduction = 'mean' }: BCEWithLogitsOptions = {}) {
    super(reduction, 'BCEWithLogitsLoss');
    this.registerBuffer('weight', weight === null ? null : toTensor(weight));
    this.registerBuffer('posWeight', posWeight === null ? null : toTensor(posWeight));
  }
  forward(input: TensorLike, target: TensorLike): Tensor {
    return binaryCrossEntropyWithLogits(input, target, { weight: this.weight, posWeight: this.posWeight, reduction: this.reduction });
  }
}

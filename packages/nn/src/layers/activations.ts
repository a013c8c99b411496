/**
 * Activation layers: `ReLU`, `Tanh`, `Sigmoid`, `Softmax(dim)`, `LogSoftmax(dim)`, `LeakyReLU`,
 * `ELU`, `SiLU`, `Softplus`, `LogSigmoid` and `Identity`, each a Module around the function of the
 * same name (nothing to learn).
 */
import { type Tensor, type TensorLike, logSoftmax, relu, sigmoid, softmax, tanh } from '@gd/autograd';
import { elu, leakyRelu, logsigmoid, silu, softplus } from '../functional/activations.js';
import { Module } from '../module.js';

/** A Python float as PyTorch prints it in a module's options (`1.0`, `0.5`). */
function pyFloat(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

/** `max(x, 0)`, elementwise. */
export class ReLU extends Module<[TensorLike], Tensor> {
  forward(input: TensorLike): Tensor {
    return relu(input);
  }
}

/** The hyperbolic tangent, elementwise. */
export class Tanh extends Module<[TensorLike], Tensor> {
  forward(input: TensorLike): Tensor {
    return tanh(input);
  }
}

/** The logistic function `1 / (1 + e^-x)`, elementwise. */
export class Sigmoid extends Module<[TensorLike], Tensor> {
  forward(input: TensorLike): Tensor {
    return sigmoid(input);
  }
}

/** Softmax along `dim`: each slice becomes a probability distribution. */
export class Softmax extends Module<[TensorLike], Tensor> {
  /** @example new Softmax(1).call(logits) // rows sum to 1 */
  constructor(readonly dim: number) {
    super();
  }
  forward(input: TensorLike): Tensor {
    return softmax(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** Log-softmax along `dim` (log-probabilities, computed stably). */
export class LogSoftmax extends Module<[TensorLike], Tensor> {
  constructor(readonly dim: number) {
    super();
  }
  forward(input: TensorLike): Tensor {
    return logSoftmax(input, this.dim);
  }
  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/** `x` for x > 0, `negativeSlope · x` otherwise. */
export class LeakyReLU extends Module<[TensorLike], Tensor> {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  forward(input: TensorLike): Tensor {
    return leakyRelu(input, this.negativeSlope);
  }
  override extraRepr(): string {
    return `negative_slope=${this.negativeSlope}`;
  }
}

/** `x` for x > 0, `alpha · (eˣ - 1)` otherwise. */
export class ELU extends Module<[TensorLike], Tensor> {
  constructor(readonly alpha = 1) {
    super();
  }
  forward(input: TensorLike): Tensor {
    return elu(input, this.alpha);
  }
  override extraRepr(): string {
    return `alpha=${pyFloat(this.alpha)}`;
  }
}

/** `x · sigmoid(x)`. */
export class SiLU extends Module<[TensorLike], Tensor> {
  forward(input: TensorLike): Tensor {
    return silu(input);
  }
}

/** `log(1 + e^(beta·x)) / beta` (linear above `threshold`). */
export class Softplus extends Module<[TensorLike], Tensor> {
  constructor(
    readonly beta = 1,
    readonly threshold = 20,
  ) {
    super();
  }
  forward(input: TensorLike): Tensor {
    return softplus(input, this.beta, this.threshold);
  }
  override extraRepr(): string {
    return `beta=${this.beta}, threshold=${this.threshold}`;
  }
}

/** `log(sigmoid(x))`, computed stably. */
export class LogSigmoid extends Module<[TensorLike], Tensor> {
  forward(input: TensorLike): Tensor {
    return logsigmoid(input);
  }
}

/** Returns its input (a placeholder layer). */
export class Identity extends Module<[Tensor], Tensor> {
  forward(input: Tensor): Tensor {
    return input;
  }
}

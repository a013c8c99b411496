/**
 * `Dropout(p)`: in training mode zeroes each element with probability p and scales the rest by
 * 1 / (1 - p); in evaluation mode (`eval()`) passes the input through. The mask is drawn from the
 * layer's `generator` (the global one by default), so a seed reproduces it; it is not PyTorch's
 * mask (see functional/dropout.ts).
 */
import type { Tensor, TensorLike } from '@gd/autograd';
import type { Generator } from '@gd/tensor';
import { checkDropoutProbability, dropout } from '../functional/dropout.js';
import { Module } from '../module.js';

export class Dropout extends Module<[TensorLike], Tensor> {
  readonly #generator: Generator | undefined;

  /**
   * @example
   * const drop = new Dropout(0.2, { generator: new Generator().manualSeed(0) });
   * drop.call(x);        // training: some elements 0, the others x / 0.8
   * drop.eval().call(x); // x
   */
  constructor(
    readonly p = 0.5,
    { generator }: { generator?: Generator } = {},
  ) {
    super();
    checkDropoutProbability('Dropout', p);
    this.#generator = generator;
  }

  forward(input: TensorLike): Tensor {
    return dropout(input, { p: this.p, training: this.training, generator: this.#generator });
  }

  override extraRepr(): string {
    return `p=${this.p}, inplace=False`;
  }
}

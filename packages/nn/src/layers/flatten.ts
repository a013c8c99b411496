/**
 * `Flatten`: merges dims `startDim..endDim` (by default all but the batch dim), so an image batch
 * [N, C, H, W] becomes [N, C·H·W] for a Linear layer.
 */
import { type Tensor, type TensorLike, flatten } from '@gd/autograd';
import { Module } from '../module.js';

export class Flatten extends Module<[TensorLike], Tensor> {
  /** @example new Flatten().call(zeros([2, 3, 4])).shape // [2, 12] */
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }
  forward(input: TensorLike): Tensor {
    return flatten(input, this.startDim, this.endDim);
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

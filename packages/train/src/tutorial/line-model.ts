/**
 * The tutorial's model, `forward(x) = w * x + b`, with `w` and `b` one-number parameters, as a
 * Module so that the general training loop (and its checkpoints) can drive it.
 */
import type { Tensor, TensorLike } from '@gd/autograd';
import { Module, Parameter } from '@gd/nn';
import { tensor } from '@gd/tensor';

export class LineModel extends Module<[TensorLike], Tensor> {
  /** The slope, a 0-dim float32 parameter. */
  w: Parameter;
  /** The intercept, a 0-dim float32 parameter. */
  b: Parameter;

  /**
   * @example
   * const model = new LineModel(-10, -20);  // w = torch.tensor(-10.0, requires_grad=True), b likewise
   * model.call(x);                          // w * x + b
   */
  constructor(w0: number, b0: number) {
    super();
    this.w = new Parameter(tensor(w0, { dtype: 'float32' }));
    this.b = new Parameter(tensor(b0, { dtype: 'float32' }));
  }

  forward(x: TensorLike): Tensor {
    return this.w.mul(x).add(this.b);
  }

  override extraRepr(): string {
    return `w=${this.w.item()}, b=${this.b.item()}`;
  }
}

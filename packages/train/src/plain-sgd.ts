/**
 * `PlainSGD`: gradient descent written by hand, as the tutorial writes it,
 *
 * ```py
 * w.data = w.data - step_size * w.grad.data
 * w.grad.data.zero_()
 * ```
 *
 * in float32: `p ← f32(p − f32(f32(lr)·g))`, two roundings. `torch.optim.SGD` (and @gd/optim's
 * `SGD`) computes `p + (−lr)·g` as one fused multiply-add, one rounding; both are "plain SGD", but
 * the chaotic batch-size-1 runs of the tutorial amplify that last-bit difference into different
 * numbers, so reproducing the tutorial needs this form.
 */
import type { Tensor } from '@gd/autograd';
import { ValueError } from '@gd/tensor';
import type { OptimizerLike } from './optimizer-like.js';

/** The state of a {@link PlainSGD}: only its learning rate (it keeps no buffers). */
export interface PlainSGDState {
  optimizer: 'PlainSGD';
  lr: number;
}

export class PlainSGD implements OptimizerLike {
  readonly params: Tensor[];
  readonly paramGroups: { lr: number }[];

  /**
   * @example
   * const opt = new PlainSGD([w, b], { lr: 0.1 });
   * loss.backward();
   * opt.step();      // w.data = w.data - 0.1 * w.grad.data, same for b
   * opt.zeroGrad();  // w.grad.data.zero_()
   */
  constructor(params: Iterable<Tensor>, { lr }: { lr: number }) {
    if (!(lr >= 0) || !Number.isFinite(lr)) throw new ValueError(`PlainSGD: Invalid learning rate: ${lr}`);
    this.params = [...params];
    if (this.params.length === 0) throw new ValueError('PlainSGD: optimizer got an empty parameter list');
    this.paramGroups = [{ lr }];
  }

  /** `p.data = p.data - lr * p.grad.data` for every parameter with a gradient. */
  step(): void {
    const lr = this.paramGroups[0]!.lr;
    for (const p of this.params) {
      if (p.grad !== null) p.data = p.data.sub(p.grad.data.mul(lr));
    }
  }

  /** Fills every gradient with zeros, in place (`p.grad.data.zero_()`). */
  zeroGrad(): void {
    for (const p of this.params) p.grad?.data.zero_();
  }

  stateDict(): PlainSGDState {
    return { optimizer: 'PlainSGD', lr: this.paramGroups[0]!.lr };
  }

  loadStateDict(state: PlainSGDState): void {
    if (state?.optimizer !== 'PlainSGD' || typeof state.lr !== 'number') {
      throw new ValueError('PlainSGD.loadStateDict: not a PlainSGD state');
    }
    this.paramGroups[0]!.lr = state.lr;
  }
}

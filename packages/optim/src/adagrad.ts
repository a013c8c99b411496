/**
 * Adagrad — PyTorch 1.13's `torch.optim.Adagrad` (single-tensor form, dense gradients), float32
 * numbers included: each coordinate's step is divided by the root of its summed squared gradients.
 */
import type { Tensor } from '@gd/autograd';
import { type NDArray, ValueError, fmaF32 } from '@gd/tensor';
import { Optimizer } from './optimizer.js';
import { commit, denseF32, paramBuffers, stateBuffer } from './param-buffers.js';
import type { ParamGroup, ParamsInput } from './param-groups.js';

/** The options of an Adagrad group. */
export interface AdagradOptions {
  /** Learning rate γ (default 1e-2). */
  lr: number;
  /** Learning-rate decay η: step t uses γ / (1 + (t − 1)·η) (default 0). */
  lrDecay: number;
  /** L2 penalty λ (default 0). */
  weightDecay: number;
  /** Starting value of the sum of squares (default 0). */
  initialAccumulatorValue: number;
  /** ε added to the denominator (default 1e-10). */
  eps: number;
  /** Maximise the objective instead of minimising it. */
  maximize: boolean;
}

/** The state of one parameter. */
export interface AdagradState {
  [key: string]: number | NDArray;
  /** Steps taken so far. */
  step: number;
  /** Sum of squared gradients (plus the initial accumulator value). */
  sum: NDArray;
}

const KEYS = ['lr', 'lrDecay', 'weightDecay', 'initialAccumulatorValue', 'eps', 'maximize'] as const;

function validate(o: Partial<AdagradOptions>): void {
  if (o.lr !== undefined && !(o.lr >= 0)) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (o.lrDecay !== undefined && !(o.lrDecay >= 0)) throw new ValueError(`Invalid lr_decay value: ${o.lrDecay}`);
  if (o.weightDecay !== undefined && !(o.weightDecay >= 0)) throw new ValueError(`Invalid weight_decay value: ${o.weightDecay}`);
  if (o.initialAccumulatorValue !== undefined && !(o.initialAccumulatorValue >= 0)) {
    throw new ValueError(`Invalid initial_accumulator_value value: ${o.initialAccumulatorValue}`);
  }
  if (o.eps !== undefined && !(o.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
}

/**
 * One Adagrad step on one parameter, in place on `param` and `sum`.
 *
 * ```text
 * g ← −∇ if maximize else ∇;  if λ ≠ 0: g ← g + λ·θ
 * γₜ ← γ / (1 + (t − 1)·η)
 * s ← s + g²
 * θ ← θ − γₜ · g / (√s + ε)
 * ```
 *
 * float32 as PyTorch: γₜ is a binary64 scalar rounded to float32 where it meets the tensors; each
 * tensor operation rounds once; `addcmul_` is fused.
 * @param step the step number t, already counted (1 on the first step)
 */
export function adagradUpdate(param: Float32Array, grad: Float32Array, sum: Float32Array, step: number, o: AdagradOptions): void {
  const n = param.length;
  const maximize = o.maximize;
  const decay = o.weightDecay !== 0;
  const wd = Math.fround(o.weightDecay);
  const negClr = Math.fround(-(o.lr / (1 + (step - 1) * o.lrDecay)));
  const eps = Math.fround(o.eps);
  for (let i = 0; i < n; i++) {
    const p = param[i]!;
    let g = grad[i]!;
    if (maximize) g = -g;
    if (decay) g = fmaF32(p, wd, g);
    const s = fmaF32(g, g, sum[i]!);
    sum[i] = s;
    const std = Math.fround(Math.fround(Math.sqrt(s)) + eps);
    param[i] = p + Math.fround(Math.fround(negClr * g) / std);
  }
}

/**
 * Adagrad (Duchi et al., 2011), as `torch.optim.Adagrad`.
 * @example
 * const opt = new Adagrad(model.parameters(), { lr: 0.1 });
 */
export class Adagrad extends Optimizer<AdagradOptions, AdagradState> {
  constructor(params: ParamsInput<AdagradOptions>, options: Partial<AdagradOptions> = {}) {
    super(
      params,
      { lr: 1e-2, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false, ...options },
      { name: 'Adagrad', optionKeys: KEYS, validate },
    );
  }

  protected updateParameter(p: Tensor, grad: Tensor, index: number, group: ParamGroup<AdagradOptions>): void {
    const buffers = paramBuffers('Adagrad', index, p, grad);
    let state = this.state.get(p);
    if (state === undefined) {
      // PyTorch fills the sums in the constructor; creating them at the first step is the same
      state = { step: 0, sum: stateBuffer(p, group.initialAccumulatorValue) };
      this.state.set(p, state);
    }
    state.step += 1;
    adagradUpdate(buffers.param, buffers.grad, denseF32(state.sum), state.step, group);
    commit(p, buffers);
  }
}

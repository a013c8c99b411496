/**
 * Adadelta — PyTorch 1.13's `torch.optim.Adadelta` (single-tensor form), float32 numbers included:
 * steps scaled by the ratio of running RMS of past updates to running RMS of gradients.
 */
import type { Tensor } from '@gd/autograd';
import { type NDArray, ValueError, fmaF32 } from '@gd/tensor';
import { Optimizer } from './optimizer.js';
import { commit, denseF32, paramBuffers, stateBuffer } from './param-buffers.js';
import type { ParamGroup, ParamsInput } from './param-groups.js';

/** The options of an Adadelta group. */
export interface AdadeltaOptions {
  /** Coefficient γ that scales the update (default 1.0). */
  lr: number;
  /** Decay ρ of the running averages (default 0.9). */
  rho: number;
  /** ε inside the square roots (default 1e-6). */
  eps: number;
  /** L2 penalty λ (default 0). */
  weightDecay: number;
  /** Maximise the objective instead of minimising it. */
  maximize: boolean;
}

/** The state of one parameter. */
export interface AdadeltaState {
  [key: string]: number | NDArray;
  /** Steps taken so far. */
  step: number;
  /** Running mean of g². */
  squareAvg: NDArray;
  /** Running mean of Δ². */
  accDelta: NDArray;
}

const KEYS = ['lr', 'rho', 'eps', 'weightDecay', 'maximize'] as const;

function validate(o: Partial<AdadeltaOptions>): void {
  if (o.lr !== undefined && !(o.lr >= 0)) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (o.rho !== undefined && !(o.rho >= 0 && o.rho <= 1)) throw new ValueError(`Invalid rho value: ${o.rho}`);
  if (o.eps !== undefined && !(o.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
  if (o.weightDecay !== undefined && !(o.weightDecay >= 0)) throw new ValueError(`Invalid weight_decay value: ${o.weightDecay}`);
}

/**
 * One Adadelta step on one parameter, in place on `param` and the buffers.
 *
 * ```text
 * g ← −∇ if maximize else ∇;  if λ ≠ 0: g ← g + λ·θ
 * v ← ρ·v + (1 − ρ)·g²
 * Δ ← √(u + ε) / √(v + ε) · g
 * u ← ρ·u + (1 − ρ)·Δ²
 * θ ← θ − γ·Δ
 * ```
 *
 * float32 as PyTorch: one rounding per tensor operation, scalars rounded to float32, `add_` with
 * alpha and `addcmul_` fused.
 * @param squareAvg v, the running mean of g²
 * @param accDelta u, the running mean of Δ²
 */
export function adadeltaUpdate(param: Float32Array, grad: Float32Array, squareAvg: Float32Array, accDelta: Float32Array, o: AdadeltaOptions): void {
  const n = param.length;
  const maximize = o.maximize;
  const decay = o.weightDecay !== 0;
  const wd = Math.fround(o.weightDecay);
  const rho = Math.fround(o.rho);
  const keep = Math.fround(1 - o.rho);
  const eps = Math.fround(o.eps);
  const negLr = Math.fround(-o.lr);
  for (let i = 0; i < n; i++) {
    const p = param[i]!;
    let g = grad[i]!;
    if (maximize) g = -g;
    if (decay) g = fmaF32(p, wd, g);
    const v = fmaF32(Math.fround(keep * g), g, Math.fround(squareAvg[i]! * rho));
    squareAvg[i] = v;
    const std = Math.fround(Math.sqrt(Math.fround(v + eps)));
    const rms = Math.fround(Math.sqrt(Math.fround(accDelta[i]! + eps)));
    const delta = Math.fround(Math.fround(rms / std) * g);
    accDelta[i] = fmaF32(Math.fround(keep * delta), delta, Math.fround(accDelta[i]! * rho));
    param[i] = fmaF32(delta, negLr, p);
  }
}

/**
 * Adadelta (Zeiler, 2012), as `torch.optim.Adadelta`.
 * @example
 * const opt = new Adadelta(model.parameters()); // lr 1.0, rho 0.9
 */
export class Adadelta extends Optimizer<AdadeltaOptions, AdadeltaState> {
  constructor(params: ParamsInput<AdadeltaOptions>, options: Partial<AdadeltaOptions> = {}) {
    super(params, { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false, ...options }, { name: 'Adadelta', optionKeys: KEYS, validate });
  }

  protected updateParameter(p: Tensor, grad: Tensor, index: number, group: ParamGroup<AdadeltaOptions>): void {
    const buffers = paramBuffers('Adadelta', index, p, grad);
    let state = this.state.get(p);
    if (state === undefined) {
      state = { step: 0, squareAvg: stateBuffer(p), accDelta: stateBuffer(p) };
      this.state.set(p, state);
    }
    state.step += 1;
    adadeltaUpdate(buffers.param, buffers.grad, denseF32(state.squareAvg), denseF32(state.accDelta), group);
    commit(p, buffers);
  }
}

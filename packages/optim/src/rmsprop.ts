/**
 * RMSprop — PyTorch 1.13's `torch.optim.RMSprop` (single-tensor form), float32 numbers included:
 * the gradient divided by a running root mean square, optionally centred (by the running mean
 * gradient) and with momentum.
 */
import type { Tensor } from '@gd/autograd';
import { type NDArray, ValueError, fmaF32 } from '@gd/tensor';
import { Optimizer } from './optimizer.js';
import { commit, denseF32, paramBuffers, stateBuffer } from './param-buffers.js';
import type { ParamGroup, ParamsInput } from './param-groups.js';

/** The options of an RMSprop group. */
export interface RMSpropOptions {
  /** Learning rate γ (default 1e-2). */
  lr: number;
  /** Smoothing constant α of the running mean square (default 0.99). */
  alpha: number;
  /** ε added to the denominator (default 1e-8). */
  eps: number;
  /** L2 penalty λ (default 0). */
  weightDecay: number;
  /** Momentum factor μ (default 0). */
  momentum: number;
  /** Normalise by the estimated variance instead of the mean square. */
  centered: boolean;
  /** Maximise the objective instead of minimising it. */
  maximize: boolean;
}

/** The state of one parameter. */
export interface RMSpropState {
  [key: string]: number | NDArray | null;
  /** Steps taken so far. */
  step: number;
  /** Running mean of g². */
  squareAvg: NDArray;
  /** Running mean of g (centered only, else null). */
  gradAvg: NDArray | null;
  /** Momentum buffer (momentum > 0 only, else null). */
  momentumBuffer: NDArray | null;
}

const KEYS = ['lr', 'alpha', 'eps', 'weightDecay', 'momentum', 'centered', 'maximize'] as const;

function validate(o: Partial<RMSpropOptions>): void {
  if (o.lr !== undefined && !(o.lr >= 0)) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (o.eps !== undefined && !(o.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
  if (o.momentum !== undefined && !(o.momentum >= 0)) throw new ValueError(`Invalid momentum value: ${o.momentum}`);
  if (o.weightDecay !== undefined && !(o.weightDecay >= 0)) throw new ValueError(`Invalid weight_decay value: ${o.weightDecay}`);
  if (o.alpha !== undefined && !(o.alpha >= 0)) throw new ValueError(`Invalid alpha value: ${o.alpha}`);
}

/**
 * One RMSprop step on one parameter, in place on `param` and the buffers.
 *
 * ```text
 * g ← −∇ if maximize else ∇;  if λ ≠ 0: g ← g + λ·θ
 * s ← α·s + (1 − α)·g²
 * if centered:  ḡ ← α·ḡ + (1 − α)·g;  d ← √(s − ḡ²) + ε
 * else:         d ← √s + ε
 * if μ > 0:  b ← μ·b + g / d;  θ ← θ − γ·b
 * else:      θ ← θ − γ·g / d
 * ```
 *
 * float32 as PyTorch: one rounding per tensor operation, scalars rounded to float32, `add_` with
 * alpha and `addcmul` fused.
 * @param gradAvg ḡ (centered only, else null)
 * @param buf the momentum buffer b (μ > 0 only, else null)
 */
export function rmspropUpdate(
  param: Float32Array,
  grad: Float32Array,
  squareAvg: Float32Array,
  gradAvg: Float32Array | null,
  buf: Float32Array | null,
  o: RMSpropOptions,
): void {
  const n = param.length;
  const maximize = o.maximize;
  const decay = o.weightDecay !== 0;
  const wd = Math.fround(o.weightDecay);
  const a = Math.fround(o.alpha);
  const keep = Math.fround(1 - o.alpha);
  const eps = Math.fround(o.eps);
  const mu = Math.fround(o.momentum);
  const negLr = Math.fround(-o.lr);
  for (let i = 0; i < n; i++) {
    const p = param[i]!;
    let g = grad[i]!;
    if (maximize) g = -g;
    if (decay) g = fmaF32(p, wd, g);
    const s = fmaF32(Math.fround(keep * g), g, Math.fround(squareAvg[i]! * a));
    squareAvg[i] = s;
    let avg: number;
    if (gradAvg !== null) {
      const ga = fmaF32(g, keep, Math.fround(gradAvg[i]! * a));
      gradAvg[i] = ga;
      avg = Math.fround(Math.sqrt(fmaF32(-ga, ga, s)));
    } else {
      avg = Math.fround(Math.sqrt(s));
    }
    avg = Math.fround(avg + eps);
    if (buf !== null) {
      const b = Math.fround(Math.fround(buf[i]! * mu) + Math.fround(g / avg));
      buf[i] = b;
      param[i] = fmaF32(b, negLr, p);
    } else {
      param[i] = p + Math.fround(Math.fround(negLr * g) / avg);
    }
  }
}

/**
 * RMSprop (Hinton's lecture 6e; centred form from Graves, 2013), as `torch.optim.RMSprop`.
 * @example
 * const opt = new RMSprop(model.parameters(), { lr: 0.01, momentum: 0.9 });
 */
export class RMSprop extends Optimizer<RMSpropOptions, RMSpropState> {
  constructor(params: ParamsInput<RMSpropOptions>, options: Partial<RMSpropOptions> = {}) {
    super(
      params,
      { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false, ...options },
      { name: 'RMSprop', optionKeys: KEYS, validate },
    );
  }

  protected updateParameter(p: Tensor, grad: Tensor, index: number, group: ParamGroup<RMSpropOptions>): void {
    const buffers = paramBuffers('RMSprop', index, p, grad);
    let state = this.state.get(p);
    if (state === undefined) {
      state = { step: 0, squareAvg: stateBuffer(p), gradAvg: null, momentumBuffer: null };
      this.state.set(p, state);
    }
    if (group.centered && state.gradAvg === null) state.gradAvg = stateBuffer(p);
    if (group.momentum > 0 && state.momentumBuffer === null) state.momentumBuffer = stateBuffer(p);
    state.step += 1;
    const gradAvg = group.centered ? denseF32(state.gradAvg!) : null;
    const buf = group.momentum > 0 ? denseF32(state.momentumBuffer!) : null;
    rmspropUpdate(buffers.param, buffers.grad, denseF32(state.squareAvg), gradAvg, buf, group);
    commit(p, buffers);
  }
}

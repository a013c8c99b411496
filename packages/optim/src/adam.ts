/**
 * Adam and AdamW — PyTorch 1.13's `torch.optim.Adam` and `torch.optim.AdamW` (single-tensor form),
 * float32 numbers included. They share one rule, `adamUpdate`; AdamW differs only in how it decays
 * the weights: it shrinks the parameter before the step (decoupled) instead of adding λ·θ to the
 * gradient (L2).
 */
import type { Tensor } from '@gd/autograd';
import { type NDArray, ValueError, fmaF32 } from '@gd/tensor';
import { Optimizer } from './optimizer.js';
import { commit, denseF32, paramBuffers, stateBuffer } from './param-buffers.js';
import type { ParamGroup, ParamsInput } from './param-groups.js';

/** The options of an Adam or AdamW group. */
export interface AdamOptions {
  /** Learning rate γ (default 1e-3). */
  lr: number;
  /** Decay rates (β1, β2) of the moment estimates (default [0.9, 0.999]). */
  betas: [number, number];
  /** ε added to the denominator (default 1e-8). */
  eps: number;
  /** Weight decay λ: L2 penalty for Adam (default 0), decoupled decay for AdamW (default 1e-2). */
  weightDecay: number;
  /** Use the maximum of the second moments so far (AMSGrad). */
  amsgrad: boolean;
  /** Maximise the objective instead of minimising it. */
  maximize: boolean;
}

/** The state of one parameter. */
export interface AdamState {
  [key: string]: number | NDArray | null;
  /** Steps taken so far. */
  step: number;
  /** First moment estimate m. */
  expAvg: NDArray;
  /** Second moment estimate v. */
  expAvgSq: NDArray;
  /** Largest v so far (AMSGrad only, else null). */
  maxExpAvgSq: NDArray | null;
}

const KEYS = ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad', 'maximize'] as const;

function validate(o: Partial<AdamOptions>): void {
  if (o.lr !== undefined && !(o.lr >= 0)) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (o.eps !== undefined && !(o.eps >= 0)) throw new ValueError(`Invalid epsilon value: ${o.eps}`);
  if (o.betas !== undefined) {
    if (!Array.isArray(o.betas) || o.betas.length !== 2) throw new ValueError(`Invalid betas: ${String(o.betas)} (expected two numbers)`);
    if (!(o.betas[0] >= 0 && o.betas[0] < 1)) throw new ValueError(`Invalid beta parameter at index 0: ${o.betas[0]}`);
    if (!(o.betas[1] >= 0 && o.betas[1] < 1)) throw new ValueError(`Invalid beta parameter at index 1: ${o.betas[1]}`);
  }
  if (o.weightDecay !== undefined && !(o.weightDecay >= 0)) throw new ValueError(`Invalid weight_decay value: ${o.weightDecay}`);
}

/**
 * One Adam (or AdamW) step on one parameter, in place on `param` and the moment buffers.
 *
 * ```text
 * t ← t + 1;  g ← −∇ if maximize else ∇
 * if decoupled:  θ ← θ·(1 − γλ)          (AdamW)
 * elif λ ≠ 0:    g ← g + λ·θ              (Adam)
 * m ← β1·m + (1 − β1)·g
 * v ← β2·v + (1 − β2)·g²
 * if amsgrad:  v̂ ← max(v̂, v), else v̂ ← v
 * θ ← θ − (γ / (1 − β1ᵗ)) · m / (√v̂ / √(1 − β2ᵗ) + ε)
 * ```
 *
 * float32 as PyTorch: the bias corrections and the step size are binary64 scalars, rounded to
 * float32 where they meet the tensors; each tensor operation rounds once, `add_` with alpha and
 * `addcmul_` are fused multiply-adds, and the update is `addcdiv_(m, denom, value=−step_size)`.
 * @param maxExpAvgSq the AMSGrad buffer, or null without AMSGrad
 * @param step the step number t, already counted (1 on the first step)
 * @param decoupled AdamW's weight decay
 */
export function adamUpdate(
  param: Float32Array,
  grad: Float32Array,
  expAvg: Float32Array,
  expAvgSq: Float32Array,
  maxExpAvgSq: Float32Array | null,
  step: number,
  o: AdamOptions,
  decoupled: boolean,
): void {
  const n = param.length;
  const [beta1, beta2] = o.betas;
  const maximize = o.maximize;
  const l2 = !decoupled && o.weightDecay !== 0;
  const wd = Math.fround(o.weightDecay);
  // AdamW's decay factor; 1 for Adam, and p·1 is p exactly, so the loop needs no branch for it
  const shrink = decoupled ? Math.fround(1 - o.lr * o.weightDecay) : 1;
  const b1 = Math.fround(beta1);
  const keep1 = Math.fround(1 - beta1);
  const b2 = Math.fround(beta2);
  const keep2 = Math.fround(1 - beta2);
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2Sqrt = Math.fround(Math.sqrt(1 - beta2 ** step));
  const negStepSize = Math.fround(-(o.lr / biasCorrection1));
  const eps = Math.fround(o.eps);
  if (!maximize && !l2 && shrink === 1 && maxExpAvgSq === null) {
    adamStep(param, grad, expAvg, expAvgSq, b1, keep1, b2, keep2, biasCorrection2Sqrt, negStepSize, eps);
    return;
  }
  for (let i = 0; i < n; i++) {
    const p = Math.fround(param[i]! * shrink);
    let g = grad[i]!;
    if (maximize) g = -g;
    if (l2) g = fmaF32(p, wd, g);
    const m = fmaF32(g, keep1, Math.fround(expAvg[i]! * b1));
    expAvg[i] = m;
    let v = fmaF32(Math.fround(keep2 * g), g, Math.fround(expAvgSq[i]! * b2));
    expAvgSq[i] = v;
    if (maxExpAvgSq !== null) {
      v = Math.max(maxExpAvgSq[i]!, v);
      maxExpAvgSq[i] = v;
    }
    const denom = Math.fround(Math.fround(Math.fround(Math.sqrt(v)) / biasCorrection2Sqrt) + eps);
    param[i] = p + Math.fround(Math.fround(negStepSize * m) / denom);
  }
}

/**
 * The common case of {@link adamUpdate} (no weight decay, AMSGrad or maximize), without the
 * per-element branches of the general loop and with the same roundings. `fmaF32`'s fast test is
 * inlined for the two fused updates: a product of two float32s is exact in binary64, so rounding
 * the binary64 sum to float32 is already the fused result unless that sum lies on a float32
 * midpoint (`t`, the reflection of the sum about its rounding, is then a float32 other than it),
 * and only then does `fmaF32` settle the tie.
 */
function adamStep(
  param: Float32Array,
  grad: Float32Array,
  expAvg: Float32Array,
  expAvgSq: Float32Array,
  b1: number,
  keep1: number,
  b2: number,
  keep2: number,
  biasCorrection2Sqrt: number,
  negStepSize: number,
  eps: number,
): void {
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const g = grad[i]!;
    const ma = Math.fround(expAvg[i]! * b1);
    let s = g * keep1 + ma;
    let r = Math.fround(s);
    let t = s + (s - r);
    const m = Math.fround(t) !== t || t === r ? r : fmaF32(g, keep1, ma);
    expAvg[i] = m;
    const gk = Math.fround(keep2 * g);
    const va = Math.fround(expAvgSq[i]! * b2);
    s = gk * g + va;
    r = Math.fround(s);
    t = s + (s - r);
    const v = Math.fround(t) !== t || t === r ? r : fmaF32(gk, g, va);
    expAvgSq[i] = v;
    const denom = Math.fround(Math.fround(Math.fround(Math.sqrt(v)) / biasCorrection2Sqrt) + eps);
    param[i] = param[i]! + Math.fround(Math.fround(negStepSize * m) / denom);
  }
}

/** The state of a parameter's first step. */
function initialState(p: Tensor, amsgrad: boolean): AdamState {
  return { step: 0, expAvg: stateBuffer(p), expAvgSq: stateBuffer(p), maxExpAvgSq: amsgrad ? stateBuffer(p) : null };
}

/** The update of one parameter, shared by Adam and AdamW. */
function update(owner: Optimizer<AdamOptions, AdamState>, decoupled: boolean, p: Tensor, grad: Tensor, index: number, group: ParamGroup<AdamOptions>): void {
  const name = decoupled ? 'AdamW' : 'Adam';
  const buffers = paramBuffers(name, index, p, grad);
  let state = owner.state.get(p);
  if (state === undefined) {
    state = initialState(p, group.amsgrad);
    owner.state.set(p, state);
  }
  if (group.amsgrad && state.maxExpAvgSq === null) state.maxExpAvgSq = stateBuffer(p);
  state.step += 1;
  const max = group.amsgrad ? denseF32(state.maxExpAvgSq!) : null;
  adamUpdate(buffers.param, buffers.grad, denseF32(state.expAvg), denseF32(state.expAvgSq), max, state.step, group, decoupled);
  commit(p, buffers);
}

/**
 * Adam (Kingma & Ba, 2014), as `torch.optim.Adam`: weight decay is an L2 term in the gradient.
 * @example
 * const opt = new Adam(model.parameters(), { lr: 1e-3 });
 */
export class Adam extends Optimizer<AdamOptions, AdamState> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, ...options }, {
      name: 'Adam',
      optionKeys: KEYS,
      validate,
    });
  }

  protected updateParameter(p: Tensor, grad: Tensor, index: number, group: ParamGroup<AdamOptions>): void {
    update(this, false, p, grad, index, group);
  }
}

/**
 * AdamW (Loshchilov & Hutter, 2017), as `torch.optim.AdamW`: Adam with decoupled weight decay,
 * `θ ← θ·(1 − γλ)` before each step (default λ = 1e-2).
 * @example
 * const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.05 });
 */
export class AdamW extends Optimizer<AdamOptions, AdamState> {
  constructor(params: ParamsInput<AdamOptions>, options: Partial<AdamOptions> = {}) {
    super(params, { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 1e-2, amsgrad: false, maximize: false, ...options }, {
      name: 'AdamW',
      optionKeys: KEYS,
      validate,
    });
  }

  protected updateParameter(p: Tensor, grad: Tensor, index: number, group: ParamGroup<AdamOptions>): void {
    update(this, true, p, grad, index, group);
  }
}

/**
 * SGD: stochastic gradient descent with optional momentum (heavy ball or Nesterov), dampening,
 * L2 weight decay and maximisation — PyTorch 1.13's `torch.optim.SGD` (single-tensor form), float32
 * numbers included. `sgdUpdate` is the rule, a pure function of the parameter, its gradient and its
 * state; the `SGD` class keeps the groups and the state and calls it for each parameter.
 */
import type { Tensor } from '@gd/autograd';
import { type NDArray, ValueError, fmaF32 } from '@gd/tensor';
import { Optimizer } from './optimizer.js';
import { commit, denseF32, paramBuffers, stateBuffer } from './param-buffers.js';
import type { ParamGroup, ParamsInput } from './param-groups.js';

/** The options of an SGD group. */
export interface SGDOptions {
  /** Learning rate γ (required: no default, as in PyTorch). */
  lr: number;
  /** Momentum factor μ (default 0: plain SGD). */
  momentum: number;
  /** Dampening τ of the gradient in the momentum buffer (default 0). */
  dampening: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay: number;
  /** Nesterov momentum (needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** Maximise the objective instead of minimising it. */
  maximize: boolean;
}

/** The state of one parameter: its momentum buffer (null until the first step with momentum). */
export interface SGDState {
  [key: string]: NDArray | null;
  momentumBuffer: NDArray | null;
}

const DEFAULTS: Omit<SGDOptions, 'lr'> = { momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };
const KEYS = ['lr', 'momentum', 'dampening', 'weightDecay', 'nesterov', 'maximize'] as const;

function validate(o: Partial<SGDOptions>): void {
  if (o.lr !== undefined && o.lr < 0) throw new ValueError(`Invalid learning rate: ${o.lr}`);
  if (o.momentum !== undefined && o.momentum < 0) throw new ValueError(`Invalid momentum value: ${o.momentum}`);
  if (o.weightDecay !== undefined && o.weightDecay < 0) throw new ValueError(`Invalid weight_decay value: ${o.weightDecay}`);
  if (o.nesterov === true && ((o.momentum ?? 0) <= 0 || (o.dampening ?? 0) !== 0)) {
    throw new ValueError('Nesterov momentum requires a momentum and zero dampening');
  }
}

/**
 * One SGD step on one parameter, in place on `param` (and on the momentum buffer `buf`).
 *
 * ```text
 * g ← −∇ if maximize else ∇
 * if λ ≠ 0:  g ← g + λ·θ
 * if μ ≠ 0:  b ← g on the first step, else μ·b + (1 − τ)·g
 *            g ← g + μ·b if nesterov else b
 * θ ← θ − γ·g
 * ```
 *
 * float32 as PyTorch: each operation rounds once, with the scalars rounded to float32 first, and
 * every `x + α·y` (`add_` with alpha) is one fused multiply-add. Unlike Sutskever et al., the
 * learning rate multiplies the buffer, not the gradient inside it.
 * @param param the parameter's elements, updated in place
 * @param grad its gradient's elements
 * @param buf the momentum buffer (ignored when μ = 0), updated in place
 * @param first whether `buf` is new, in which case it must hold −0 everywhere (the class makes it so)
 */
export function sgdUpdate(param: Float32Array, grad: Float32Array, buf: Float32Array | null, first: boolean, o: SGDOptions): void {
  const n = param.length;
  const maximize = o.maximize;
  const wd = Math.fround(o.weightDecay);
  const decay = o.weightDecay !== 0;
  const mu = Math.fround(o.momentum);
  // The first step sets b = g. With b = −0 beforehand, μ·b + 1·g is g exactly (−0 + x = x for
  // every x, zeros and NaN included), so the same loop does it without a branch per element.
  const keep = first ? 1 : Math.fround(1 - o.dampening); // 1 − τ
  const negLr = Math.fround(-o.lr);
  const nesterov = o.nesterov;
  const plain = !maximize && !decay;
  if (o.momentum === 0 || buf === null) {
    if (plain) {
      for (let i = 0; i < n; i++) {
        const p = param[i]!;
        const g = grad[i]!;
        // fmaF32(g, negLr, p) with its common case inline (see momentumStep)
        const s = g * negLr + p;
        const r = Math.fround(s);
        const t = s + (s - r);
        param[i] = Math.fround(t) !== t || t === r ? r : fmaF32(g, negLr, p);
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      const p = param[i]!;
      let g = grad[i]!;
      if (maximize) g = -g;
      if (decay) g = fmaF32(p, wd, g);
      param[i] = fmaF32(g, negLr, p);
    }
    return;
  }
  if (plain && keep === 1 && !nesterov) {
    momentumStep(param, grad, buf, mu, negLr);
    return;
  }
  for (let i = 0; i < n; i++) {
    const p = param[i]!;
    let g = grad[i]!;
    if (maximize) g = -g;
    if (decay) g = fmaF32(p, wd, g);
    const mb = Math.fround(buf[i]! * mu);
    // α = 1 makes the fused form a plain sum, which binary64 then float32 rounds exactly
    const b = keep === 1 ? Math.fround(mb + g) : fmaF32(g, keep, mb);
    buf[i] = b;
    const d = nesterov ? fmaF32(b, mu, g) : b;
    param[i] = fmaF32(d, negLr, p);
  }
}

/**
 * The common case of {@link sgdUpdate} (momentum, no dampening, nesterov, weight decay or
 * maximize), without the per-element branches of the general loop: b ← μ·b + g, θ ← θ − γ·b with
 * the same roundings. `fmaF32`'s fast test is inlined: a product of two float32s is exact in
 * binary64, so rounding the binary64 sum to float32 is already the fused result unless that sum
 * lies on a float32 midpoint (`t`, the reflection of the sum about its rounding, is then a
 * float32 other than it), and only then does `fmaF32` settle the tie.
 */
function momentumStep(param: Float32Array, grad: Float32Array, buf: Float32Array, mu: number, negLr: number): void {
  const n = param.length;
  for (let i = 0; i < n; i++) {
    const b = Math.fround(Math.fround(buf[i]! * mu) + grad[i]!);
    buf[i] = b;
    const p = param[i]!;
    const s = b * negLr + p;
    const r = Math.fround(s);
    const t = s + (s - r);
    param[i] = Math.fround(t) !== t || t === r ? r : fmaF32(b, negLr, p);
  }
}

/** A momentum buffer for `p`'s first step: −0 everywhere, which {@link sgdUpdate} relies on. */
function newMomentumBuffer(p: Tensor): NDArray {
  return stateBuffer(p, -0);
}

/**
 * Stochastic gradient descent (optionally with momentum), as `torch.optim.SGD`.
 * @example
 * const opt = new SGD([w, b], { lr: 0.05, momentum: 0.9 });
 * opt.zeroGrad();
 * loss().backward();
 * opt.step();
 */
export class SGD extends Optimizer<SGDOptions, SGDState> {
  constructor(params: ParamsInput<SGDOptions>, options: Partial<SGDOptions> = {}) {
    super(params, { ...DEFAULTS, ...options }, { name: 'SGD', optionKeys: KEYS, validate });
  }

  protected updateParameter(p: Tensor, grad: Tensor, index: number, group: ParamGroup<SGDOptions>): void {
    const buffers = paramBuffers('SGD', index, p, grad);
    let state = this.state.get(p);
    if (state === undefined) {
      state = { momentumBuffer: null };
      this.state.set(p, state);
    }
    let first = false;
    if (group.momentum !== 0 && state.momentumBuffer === null) {
      state.momentumBuffer = newMomentumBuffer(p);
      first = true;
    }
    const buf = group.momentum !== 0 ? denseF32(state.momentumBuffer!) : null;
    sgdUpdate(buffers.param, buffers.grad, buf, first, group);
    commit(p, buffers);
  }
}

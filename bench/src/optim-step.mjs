/**
 * OPT (issue 6): one optimizer step over a 1,000,000-parameter model. One parameter of 10⁶ float32
 * values with a fixed gradient; each call is one `step()` and reads the parameter's last element
 * back. Two rows, SGD (lr 0.01, momentum 0.9) and Adam (PyTorch's defaults), side by side:
 *
 * - gd: an @gd/nn `Parameter` with its `grad` set, `SGD` / `Adam` from @gd/optim, `step()`;
 * - plain JS: the same update hand-written over Float32Arrays, computed in double with one
 *   rounding per store (the loop a user would write; it does not reproduce PyTorch's float32
 *   rounding step by step, as gd does, so it is the floor, not a like-for-like system);
 * - tfjs-cpu, tfjs-wasm: a `tf.variable` of 10⁶ values, `tf.train.momentum(0.01, 0.9)` /
 *   `tf.train.adam()`, `applyGradients` with a fixed gradient tensor, one element read back.
 *
 * Every system keeps its own copy of the parameter and its state (they all start from the same
 * values), so the steps of one system never disturb another's. Before timing, a few steps of
 * each system are checked against gd's.
 */
import { Tensor } from '@gd/autograd';
import { Parameter } from '@gd/nn';
import { Adam, SGD } from '@gd/optim';
import { NDArray, manualSeed, randn } from '@gd/tensor';
import { tfjsContenders, useBackend } from './tfjs.mjs';
import { measureSideBySide } from './timing.mjs';

const N = 1_000_000;
const SGD_LR = 0.01;
const SGD_MOMENTUM = 0.9;
const ADAM = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };
const CHECK_STEPS = 5;

/** The starting parameter and the (fixed) gradient, the same for every system. */
function makeData() {
  manualSeed(42);
  const param = randn([N]).toTypedArray();
  const grad = randn([N]).toTypedArray();
  return { param: Float32Array.from(param), grad: Float32Array.from(grad) };
}

/** gd: a fresh Parameter (its own copy of the values) with its gradient, and the optimizer. */
function gdSystem(data, kind) {
  const p = new Parameter(new NDArray(Float32Array.from(data.param), [N]));
  p.grad = new Tensor(new NDArray(Float32Array.from(data.grad), [N]));
  const opt = kind === 'sgd' ? new SGD([p], { lr: SGD_LR, momentum: SGD_MOMENTUM }) : new Adam([p]);
  const values = () => p.data.data;
  return {
    step: () => {
      opt.step();
      return values()[N - 1];
    },
    values,
  };
}

/** Plain JS, SGD with momentum: b ← μ·b + g; θ ← θ − γ·b (the first step's b is g, as b starts at 0). */
function sgdLoop(p, g, buf, lr, mu) {
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const b = mu * buf[i] + g[i];
    buf[i] = b;
    p[i] -= lr * b;
  }
}

/** Plain JS, Adam at step t: m, v, then θ ← θ − (γ / (1 − β1ᵗ)) · m / (√v / √(1 − β2ᵗ) + ε). */
function adamLoop(p, g, m, v, t, lr, beta1, beta2, eps) {
  const stepSize = lr / (1 - beta1 ** t);
  const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
  const keep1 = 1 - beta1;
  const keep2 = 1 - beta2;
  const n = p.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = beta1 * m[i] + keep1 * gi;
    const vi = beta2 * v[i] + keep2 * gi * gi;
    m[i] = mi;
    v[i] = vi;
    p[i] -= (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + eps);
  }
}

// The loops are top-level functions taking their arrays as arguments (as gd's kernels do), not
// closures over them: V8 specialises an optimised closure on its context only while a single
// instance exists, so the second instance of a closure loop (this file makes one for the check,
// then one to time) ran about 3x slower than the first, which would flatter gd.

/** Plain JS, SGD with momentum, on its own copy of the data. */
function plainSgd(data) {
  const p = Float32Array.from(data.param);
  const g = Float32Array.from(data.grad);
  const buf = new Float32Array(N);
  return {
    step: () => {
      sgdLoop(p, g, buf, SGD_LR, SGD_MOMENTUM);
      return p[N - 1];
    },
    values: () => p,
  };
}

/** Plain JS, Adam, on its own copy of the data. */
function plainAdam(data) {
  const p = Float32Array.from(data.param);
  const g = Float32Array.from(data.grad);
  const m = new Float32Array(N);
  const v = new Float32Array(N);
  let t = 0;
  return {
    step: () => {
      t++;
      adamLoop(p, g, m, v, t, ADAM.lr, ADAM.beta1, ADAM.beta2, ADAM.eps);
      return p[N - 1];
    },
    values: () => p,
  };
}

/** tfjs (the active backend): a variable, a fixed gradient tensor, and the optimizer. */
function tfjsSystem(tf, data, kind) {
  const v = tf.variable(tf.tensor1d(data.param));
  const g = tf.tensor1d(data.grad);
  const opt = kind === 'sgd' ? tf.train.momentum(SGD_LR, SGD_MOMENTUM) : tf.train.adam();
  const last = () => tf.tidy(() => v.slice([N - 1], [1]).dataSync()[0]);
  return {
    step: () => {
      opt.applyGradients({ [v.name]: g });
      return last();
    },
    values: () => v.dataSync(),
    inputs: [v, g],
    dispose: () => {
      opt.dispose();
      tf.dispose([v, g]);
    },
  };
}

/** Largest |a − b| relative to max(1, |b|) over the arrays. */
function maxRelDiff(a, b) {
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return worst;
}

/** A few steps of every system from the same start must land where gd's do (float32 vs double). */
async function checkAgreement(ctx, data, kind, plain) {
  const gd = gdSystem(data, kind);
  for (let s = 0; s < CHECK_STEPS; s++) gd.step();
  const ref = gd.values();
  const others = {};
  const p = plain(data);
  for (let s = 0; s < CHECK_STEPS; s++) p.step();
  others['plain JS'] = p.values();
  for (const column of ctx.tfjs?.available ?? []) {
    const { tf } = ctx.tfjs;
    await useBackend(tf, column);
    const sys = tfjsSystem(tf, data, kind);
    for (let s = 0; s < CHECK_STEPS; s++) sys.step();
    others[column] = Float32Array.from(sys.values());
    sys.dispose();
  }
  for (const [name, values] of Object.entries(others)) {
    const off = maxRelDiff(values, ref);
    // tfjs's Adam defaults to ε = 1e-7 (PyTorch's is 1e-8), which moves the elements whose
    // gradient is tiny by a few 1e-4 over these steps; a wrong rule (no bias correction, say)
    // is off by about 1e-2.
    const tolerance = kind === 'adam' && name.startsWith('tfjs') ? 1e-3 : 1e-4;
    if (!(off < tolerance)) throw new Error(`OPT ${kind}: after ${CHECK_STEPS} steps ${name} differs from gd by ${off}`);
  }
}

async function stepRow(ctx, data, kind) {
  const plain = kind === 'sgd' ? plainSgd : plainAdam;
  await checkAgreement(ctx, data, kind, plain);
  const disposers = [];
  const tfjs = await tfjsContenders(ctx.tfjs, (tf) => {
    const sys = tfjsSystem(tf, data, kind);
    disposers.push(sys.dispose);
    return { op: sys.step, inputs: [] };
  });
  const gd = gdSystem(data, kind);
  const p = plain(data);
  const results = await measureSideBySide(
    [{ name: 'gd', op: gd.step }, { name: 'plain JS', op: p.step }, ...tfjs.contenders],
    ctx.timing,
  );
  tfjs.dispose();
  // each system's variable must be freed on its own backend
  for (const [i, column] of (ctx.tfjs?.available ?? []).entries()) {
    await useBackend(ctx.tfjs.tf, column);
    disposers[i]();
  }
  const what = kind === 'sgd' ? `SGD (lr ${SGD_LR}, momentum ${SGD_MOMENTUM})` : 'Adam (defaults)';
  return {
    workload: 'OPT optimizer step',
    case: `${what}, one step over 10⁶ float32 parameters`,
    unit: 'ms/step',
    better: 'lower',
    results,
    target: { vs: 'plain JS', atLeast: 1 / 2, text: 'time ≤ 2× plain JS' },
    anchor: 'plain JS is the floor (one hand-written Float32Array loop of the same update)',
  };
}

/** @type {import('./run.mjs').Workload} */
export const optimStep = {
  id: 'OPT',
  title: 'optimizer step (SGD with momentum, Adam) over 10⁶ float32 parameters',
  async run(ctx) {
    const data = makeData();
    const rows = [];
    for (const kind of ['sgd', 'adam']) rows.push(await ctx.step(`OPT ${kind}`, () => stepRow(ctx, data, kind)));
    rows[rows.length - 1].note =
      'OPT: plain JS is the update hand-written over Float32Arrays in double with one rounding per store; gd follows PyTorch\'s ' +
      'float32 rounding per operation (fused multiply-adds included), bit for bit. tfjs steps with applyGradients and a fixed gradient tensor, ' +
      'reading one element back per step.';
    return rows;
  },
};

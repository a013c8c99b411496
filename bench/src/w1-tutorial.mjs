/**
 * W1 (BENCH.md): the seed tutorial, mini-batch gradient descent on `w·x + b`. X = arange(-5, 5,
 * 0.1) (100 float32 values), Y = -5X + 0.4·N(0, 1). For batch sizes 1, 10, 20 in turn: w = -10,
 * b = -20; 20 epochs; each epoch first computes the full-data MSE and reads it back, then walks the
 * pairs in order (no shuffle, last batch kept): `w*x + b`, MSE, backward, `w -= 0.1·grad`,
 * `b -= 0.1·grad`, zero the grads. One call = all three runs (2,300 steps); also the batch-1 run
 * alone, as optimizer steps per second. Side by side:
 *
 * - gd: @gd/autograd, the loop of packages/autograd/examples/tutorial.ts (slices of X and Y per
 *   step, `w.data = w.data.sub(w.grad.data.mul(0.1))`, `w.grad.data.zero_()`);
 * - tfjs-cpu, tfjs-wasm: `tf.variable`s, `tf.variableGrads` and `assign` for the manual update,
 *   one `tf.tidy` per step (tfjs keeps no gradients between steps, so there is nothing to zero);
 * - plain JS: the closed-form gradients of the MSE in a loop over the Float32Arrays, no autograd
 *   (BENCH.md's 0.075 ms anchor): the floor for the arithmetic itself.
 *
 * All four train on the same float32 X and Y (gd's `arange` and `randn` with seed 42, as the
 * tutorial), and before timing their final w and b are checked against each other for the batch
 * sizes 10 and 20 (batch size 1 diverges, w ≈ -9·10⁴: rounding differences grow without bound).
 */
import { arange, manualSeed, randn, slice, tensor } from '@gd/autograd';
import { tfjsContenders, useBackend } from './tfjs.mjs';
import { mapResults, measureSideBySide, toRate } from './timing.mjs';

const BATCH_SIZES = [1, 10, 20];
const EPOCHS = 20;
const LR = 0.1;

function makeData() {
  manualSeed(42);
  const X = arange(-5, 5, 0.1).view(-1, 1);
  const Y = X.mul(-5).add(randn(X.shape).mul(0.4));
  return { X, Y };
}

/** Steps of one run with batch size `bs` over `n` pairs. */
const stepsOf = (bs, n) => EPOCHS * Math.ceil(n / bs);

/** gd: one run of the tutorial's loop; returns the losses' sum and the final w and b. */
function gdRun(X, Y, batchSize) {
  const w = tensor(-10, { requiresGrad: true });
  const b = tensor(-20, { requiresGrad: true });
  const n = X.shape[0];
  let lossSum = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    lossSum += w.mul(X).add(b).sub(Y).pow(2).mean().item();
    for (let start = 0; start < n; start += batchSize) {
      const rows = slice(start, start + batchSize);
      const x = X.index(rows);
      const y = Y.index(rows);
      const loss = w.mul(x).add(b).sub(y).pow(2).mean();
      loss.backward();
      w.data = w.data.sub(w.grad.data.mul(LR));
      b.data = b.data.sub(b.grad.data.mul(LR));
      w.grad.data.zero_();
      b.grad.data.zero_();
    }
  }
  return { lossSum, w: w.item(), b: b.item() };
}

/** tfjs (the active backend): the same loop with variables, variableGrads and assign. */
function tfjsRun(tf, X, Y, batchSize) {
  const w = tf.variable(tf.scalar(-10));
  const b = tf.variable(tf.scalar(-20));
  const n = X.shape[0];
  let lossSum = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    lossSum += tf.tidy(() => w.mul(X).add(b).sub(Y).square().mean().dataSync()[0]);
    for (let start = 0; start < n; start += batchSize) {
      tf.tidy(() => {
        const size = Math.min(batchSize, n - start);
        const x = X.slice(start, size);
        const y = Y.slice(start, size);
        const { grads } = tf.variableGrads(() => w.mul(x).add(b).sub(y).square().mean(), [w, b]);
        w.assign(w.sub(grads[w.name].mul(LR)));
        b.assign(b.sub(grads[b.name].mul(LR)));
      });
    }
  }
  const result = { lossSum, w: w.dataSync()[0], b: b.dataSync()[0] };
  tf.dispose([w, b]);
  return result;
}

/** Plain JS: closed-form gradients of the batch MSE, d/dw = 2·mean(r·x), d/db = 2·mean(r). */
function plainRun(x, y, batchSize) {
  let w = -10;
  let b = -20;
  const n = x.length;
  let lossSum = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    let full = 0;
    for (let i = 0; i < n; i++) {
      const r = w * x[i] + b - y[i];
      full += r * r;
    }
    lossSum += full / n;
    for (let start = 0; start < n; start += batchSize) {
      const end = Math.min(start + batchSize, n);
      let gw = 0;
      let gb = 0;
      for (let i = start; i < end; i++) {
        const r = w * x[i] + b - y[i];
        gw += r * x[i];
        gb += r;
      }
      const scale = 2 / (end - start);
      w -= LR * scale * gw;
      b -= LR * scale * gb;
    }
  }
  return { lossSum, w, b };
}

/** The three runs of one sample, summed into one number for the sink. */
const allRuns = (run) => (batchSizes) => {
  let sink = 0;
  for (const bs of batchSizes) {
    const r = run(bs);
    sink += r.lossSum + r.w + r.b;
  }
  return sink;
};

/** Final w and b of every system for batch sizes 10 and 20 must agree (float32 vs double). */
async function checkAgreement(ctx, gd, x, y) {
  for (const bs of [10, 20]) {
    const ref = gd(bs);
    const others = { 'plain JS': plainRun(x, y, bs) };
    for (const column of ctx.tfjs?.available ?? []) {
      const { tf } = ctx.tfjs;
      await useBackend(tf, column);
      const tX = tf.tensor1d(x);
      const tY = tf.tensor1d(y);
      others[column] = tfjsRun(tf, tX, tY, bs);
      tf.dispose([tX, tY]);
    }
    for (const [name, r] of Object.entries(others)) {
      const off = Math.max(Math.abs(r.w - ref.w), Math.abs(r.b - ref.b));
      if (!(off < 1e-3)) throw new Error(`W1 batch ${bs}: ${name} ends at w ${r.w}, b ${r.b}; gd at w ${ref.w}, b ${ref.b}`);
    }
  }
}

async function tutorialRow(ctx, X, Y, batchSizes) {
  const x = X.toTypedArray();
  const y = Y.toTypedArray();
  const tfjs = await tfjsContenders(ctx.tfjs, (tf) => {
    const tX = tf.tensor1d(x);
    const tY = tf.tensor1d(y);
    return { op: () => allRuns((bs) => tfjsRun(tf, tX, tY, bs))(batchSizes), inputs: [tX, tY] };
  });
  const times = await measureSideBySide(
    [
      { name: 'gd', op: () => allRuns((bs) => gdRun(X, Y, bs))(batchSizes) },
      ...tfjs.contenders,
      { name: 'plain JS', op: () => allRuns((bs) => plainRun(x, y, bs))(batchSizes) },
    ],
    ctx.timing,
  );
  tfjs.dispose();
  return times;
}

/** @type {import('./run.mjs').Workload} */
export const w1Tutorial = {
  id: 'W1',
  title: 'tutorial: w·x + b by mini-batch SGD, batch 1, 10, 20',
  async run(ctx) {
    const { X, Y } = makeData();
    const n = X.shape[0];
    await checkAgreement(ctx, (bs) => gdRun(X, Y, bs), X.toTypedArray(), Y.toTypedArray());

    const total = await ctx.step('W1 three runs', () => tutorialRow(ctx, X, Y, BATCH_SIZES));
    const batch1 = await ctx.step('W1 batch 1', () => tutorialRow(ctx, X, Y, [1]));
    const steps = BATCH_SIZES.reduce((sum, bs) => sum + stepsOf(bs, n), 0);
    return [
      {
        workload: 'W1 tutorial',
        case: `three runs (batch 1, 10, 20), ${EPOCHS} epochs each, ${steps} steps, per-epoch full-data MSE read back`,
        unit: 'ms',
        better: 'lower',
        results: total,
        target: { vs: 'tfjs-cpu', atLeast: 10, text: 'time ≤ 1/10 of tfjs-cpu' },
        anchor: 'PyTorch 659 (DataLoader) / 502 (slicing); tfjs-cpu 402; tfjs-wasm 455; js-pytorch 198; plain JS 0.075 (closed form)',
        note:
          'W1: plain JS computes the MSE gradients in closed form (no autograd, no tensors): the floor for the arithmetic, not a like-for-like system. ' +
          'tfjs uses tf.variable + tf.variableGrads + assign inside one tf.tidy per step (no optimizer object).',
      },
      {
        workload: 'W1 tutorial',
        case: `batch-1 run alone (${stepsOf(1, n)} steps + ${EPOCHS} full-data MSEs)`,
        unit: 'steps/s',
        better: 'higher',
        results: mapResults(batch1, (t) => toRate(t, stepsOf(1, n), 1)),
        anchor: 'PyTorch 3,600; tfjs-cpu 5,800; tfjs-wasm 5,200; js-pytorch 18,600',
      },
    ];
  },
};

/**
 * W2 (BENCH.md): one shuffled epoch over 1,000,000 rows x 16 float32 features + a float32 target,
 * batch 256, last partial batch kept, every batch materialised as contiguous float32 [256, 16] +
 * [256]; samples/s. Side by side, in this process:
 *
 * - gd: `new DataLoader(new TensorDataset(X, Y), { batchSize: 256, shuffle: true })`, iterated with
 *   `for...of` (the getItems fast path: one randperm per epoch, one gather per tensor per batch);
 * - plain JS: the hand-written loop the issue compares against (Fisher–Yates with Math.random, then
 *   a gather into fresh Float32Arrays per batch);
 * - tfjs-cpu: tf.data (`generator(rows).shuffle(10_000).batch(256)`), timed over the first
 *   {@link TFJS_BATCHES} batches only: a whole epoch takes tf.data about a minute.
 *
 * Before timing, gd's first batches are checked against the rows of X and Y they claim to hold,
 * and the epoch must cover every row exactly once. Peak memory (RSS growth over the dataset during
 * gd's epochs) is reported in the row's note.
 */
import { DataLoader, TensorDataset } from '@gd/data';
import { NDArray, manualSeed } from '@gd/tensor';
import { useBackend } from './tfjs.mjs';
import { measure, toRate } from './timing.mjs';

const N = 1_000_000;
const F = 16;
const B = 256;
const TFJS_BATCHES = 200;
const TFJS_SHUFFLE_BUFFER = 10_000;

function makeData() {
  const X = new Float32Array(N * F);
  const Y = new Float32Array(N);
  // Deterministic, distinct values so the check below can tell rows apart: row r holds r + f/32.
  for (let r = 0; r < N; r++) {
    for (let f = 0; f < F; f++) X[r * F + f] = r + f / 32;
    Y[r] = -r;
  }
  return { X, Y };
}

/** The hand-written loop: Fisher–Yates over the row indices, then gather each batch. */
function plainEpoch(X, Y) {
  const perm = new Int32Array(N);
  for (let i = 0; i < N; i++) perm[i] = i;
  for (let i = N - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  let sink = 0;
  for (let s = 0; s < N; s += B) {
    const n = Math.min(B, N - s);
    const xb = new Float32Array(n * F);
    const yb = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      const r = perm[s + k];
      const src = r * F;
      const dst = k * F;
      for (let f = 0; f < F; f++) xb[dst + f] = X[src + f];
      yb[k] = Y[r];
    }
    sink += xb[0] + yb[n - 1];
  }
  return sink;
}

function gdEpoch(loader) {
  let sink = 0;
  for (const [xb, yb] of loader) sink += xb.data[0] + yb.data[yb.size - 1];
  return sink;
}

/** One epoch of gd checked row by row: right shapes, contiguous float32, each row once. */
function checkGd(loader, X, Y) {
  const seen = new Uint8Array(N);
  let batches = 0;
  for (const [xb, yb] of loader) {
    const n = yb.shape[0];
    if (xb.dtype !== 'float32' || yb.dtype !== 'float32' || !xb.isContiguous() || xb.shape[1] !== F || xb.shape[0] !== n) {
      throw new Error(`W2: gd batch ${batches} has the wrong layout (shape [${xb.shape}], dtype ${xb.dtype})`);
    }
    if (n !== B && batches !== Math.floor(N / B)) throw new Error(`W2: gd batch ${batches} has ${n} rows`);
    for (let k = 0; k < n; k++) {
      const r = -yb.data[k];
      if (seen[r]) throw new Error(`W2: row ${r} delivered twice`);
      seen[r] = 1;
      for (let f = 0; f < F; f++) {
        if (xb.data[k * F + f] !== X[r * F + f]) throw new Error(`W2: batch ${batches} row ${k} is not row ${r} of X`);
      }
    }
    batches++;
  }
  if (seen.some((v) => v === 0)) throw new Error('W2: the epoch missed rows');
  if (batches !== Math.ceil(N / B)) throw new Error(`W2: ${batches} batches instead of ${Math.ceil(N / B)}`);
  if (Y.length !== N) throw new Error('W2: bad target');
}

/** tf.data over the same rows, timed on its first TFJS_BATCHES batches (median of 5 runs). */
async function tfjsRate(tf, X, Y) {
  const rows = () =>
    function* () {
      for (let r = 0; r < N; r++) yield { xs: X.subarray(r * F, r * F + F), ys: Y[r] };
    };
  const runOnce = async () => {
    const it = await tf.data.generator(rows()).shuffle(TFJS_SHUFFLE_BUFFER, 'w2').batch(B).iterator();
    const start = performance.now();
    for (let b = 0; b < TFJS_BATCHES; b++) {
      const { value } = await it.next();
      value.xs.dataSync();
      tf.dispose([value.xs, value.ys]);
    }
    return performance.now() - start;
  };
  await runOnce(); // warm-up
  const ms = [];
  for (let i = 0; i < 5; i++) ms.push(await runOnce());
  ms.sort((a, b) => a - b);
  const samples = TFJS_BATCHES * B;
  const rate = (t) => samples / (t * 1e-3);
  return { median: rate(ms[2]), min: rate(ms[4]), max: rate(ms[0]) };
}

/** @type {import('./run.mjs').Workload} */
export const w2DataLoader = {
  id: 'W2',
  title: 'DataLoader epoch, 1M x 16 float32 + target, batch 256, shuffled',
  async run(ctx) {
    const { X, Y } = makeData();
    const rssBefore = process.memoryUsage().rss;
    manualSeed(0);
    const loader = new DataLoader(new TensorDataset(new NDArray(X, [N, F]), new NDArray(Y, [N])), {
      batchSize: B,
      shuffle: true,
    });
    checkGd(loader, X, Y);
    const results = {};
    let peak = 0;
    results.gd = toRate(
      await ctx.step('W2 gd', () =>
        measure(() => {
          const s = gdEpoch(loader);
          peak = Math.max(peak, process.memoryUsage().rss - rssBefore);
          return s;
        }, ctx.timing),
      ),
      N,
      1,
    );
    results['plain JS'] = toRate(await ctx.step('W2 plain JS', () => measure(() => plainEpoch(X, Y), ctx.timing)), N, 1);
    if (ctx.tfjs?.available.includes('tfjs-cpu')) {
      await useBackend(ctx.tfjs.tf, 'tfjs-cpu');
      results['tfjs-cpu'] = await ctx.step('W2 tf.data', () => tfjsRate(ctx.tfjs.tf, X, Y));
    }
    const datasetMiB = (X.byteLength + Y.byteLength) / 2 ** 20;
    return [
      {
        workload: 'W2 DataLoader',
        case: `1M x ${F} f32 + target, batch ${B}, shuffled (tf.data: first ${TFJS_BATCHES} batches, shuffle buffer ${TFJS_SHUFFLE_BUFFER})`,
        unit: 'samples/s',
        better: 'higher',
        results,
        anchor: `PyTorch 180k (DataLoader), 740k (BatchSampler trick); tf.data 19k–32k; plain JS 3.2M. gd peak RSS growth during its epochs ${(peak / 2 ** 20).toFixed(0)} MiB over the ${datasetMiB.toFixed(0)} MiB dataset`,
      },
    ];
  },
};

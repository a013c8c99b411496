/**
 * W2 (BENCH.md): one shuffled epoch over 1,000,000 rows x 16 float32 features + a float32 target,
 * batch 256, last partial batch kept, every batch materialised as contiguous float32 [256, 16] +
 * [256]; samples/s. Side by side, sampled in rotation in this process:
 *
 * - gd: `new DataLoader(new TensorDataset(X, Y), { batchSize: 256, shuffle: true })`, iterated with
 *   `for...of` (one randperm per epoch, one gather per tensor per batch); one call = one epoch;
 * - plain JS: the hand-written loop the target compares against (Fisher–Yates with Math.random,
 *   then a gather into fresh Float32Arrays per batch); one call = one epoch;
 * - tfjs-cpu and tfjs-wasm: tf.data (`generator(rows).shuffle(10_000).batch(256)`), each batch read
 *   back with `dataSync()` and disposed; one call = one epoch too (a few seconds at tf.data's rate).
 *   tf.data has no whole-epoch shuffle: its shuffle draws from a window of 10,000 rows.
 *
 * Before timing, gd's epoch is checked row by row against X and Y, and must cover every row once.
 * Peak memory is measured on one extra, untimed epoch each of gd and the plain loop.
 */
import { DataLoader, TensorDataset } from '@gd/data';
import { NDArray, manualSeed } from '@gd/tensor';
import { tfjsContenders } from './tfjs.mjs';
import { mapResults, measureSideBySide, toRate } from './timing.mjs';

const N = 1_000_000;
const F = 16;
const B = 256;
const TFJS_SHUFFLE_BUFFER = 10_000;
/** Memory is sampled every this many batches during the memory epochs. */
const MEMORY_EVERY = 64;

function makeData() {
  const X = new Float32Array(N * F);
  const Y = new Float32Array(N);
  // Deterministic, distinct values so the check below can tell rows apart: row r holds r + f/32
  // (exact in float32 up to 2^19 rows apart; the check compares whole rows, not single values).
  for (let r = 0; r < N; r++) {
    for (let f = 0; f < F; f++) X[r * F + f] = r + f / 32;
    Y[r] = -r;
  }
  return { X, Y };
}

/**
 * The hand-written loop: Fisher–Yates over the row indices, then gather each batch. `onBatch`
 * (the memory epoch) runs after each batch is built.
 */
function plainEpoch(X, Y, onBatch) {
  const perm = new Int32Array(N);
  for (let i = 0; i < N; i++) perm[i] = i;
  for (let i = N - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  let sink = 0;
  for (let s = 0, batch = 0; s < N; s += B, batch++) {
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
    onBatch?.(batch);
  }
  return sink;
}

function gdEpoch(loader) {
  let sink = 0;
  for (const [xb, yb] of loader) sink += xb.data[0] + yb.data[yb.size - 1];
  return sink;
}

/** One epoch of gd checked row by row: right shapes, contiguous float32, each row once. */
function checkGd(loader, X) {
  const seen = new Uint8Array(N);
  let batches = 0;
  for (const [xb, yb] of loader) {
    const n = yb.shape[0];
    if (xb.dtype !== 'float32' || yb.dtype !== 'float32' || !xb.isContiguous() || xb.shape[1] !== F || xb.shape[0] !== n) {
      throw new Error(`W2: gd batch ${batches} has the wrong layout (shape [${xb.shape}], dtype ${xb.dtype})`);
    }
    if (n !== B && batches !== Math.floor(N / B)) throw new Error(`W2: gd batch ${batches} has ${n} rows`);
    const xs = xb.toTypedArray();
    const ys = yb.toTypedArray();
    for (let k = 0; k < n; k++) {
      const r = -ys[k];
      if (seen[r]) throw new Error(`W2: row ${r} delivered twice`);
      seen[r] = 1;
      for (let f = 0; f < F; f++) {
        if (xs[k * F + f] !== X[r * F + f]) throw new Error(`W2: batch ${batches} row ${k} is not row ${r} of X`);
      }
    }
    batches++;
  }
  if (seen.some((v) => v === 0)) throw new Error('W2: the epoch missed rows');
  if (batches !== Math.ceil(N / B)) throw new Error(`W2: ${batches} batches instead of ${Math.ceil(N / B)}`);
}

/**
 * Peak growth of JS-owned memory (V8 heap + ArrayBuffers: the permutation, the batches, garbage
 * not yet collected) over the level before `epoch(sample)`, which calls `sample()` every few
 * batches, and the process's peak RSS meanwhile. RSS is the whole process (dataset, tfjs, pages
 * freed earlier and reused), so only the JS growth isolates the epoch. Needs --expose-gc.
 */
function peakMemory(epoch) {
  globalThis.gc?.();
  const base = process.memoryUsage();
  const peak = { rss: 0, js: 0 };
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.js = Math.max(peak.js, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers);
  };
  epoch(sample);
  sample();
  return peak;
}

const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** tf.data over the same rows: one call iterates one whole epoch. */
function tfjsSetup(X, Y) {
  return (tf) => {
    const rows = function* () {
      for (let r = 0; r < N; r++) yield { xs: X.subarray(r * F, r * F + F), ys: Y[r] };
    };
    const dataset = tf.data.generator(rows).shuffle(TFJS_SHUFFLE_BUFFER).batch(B);
    const op = async () => {
      let sink = 0;
      let batches = 0;
      const iterator = await dataset.iterator();
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const { xs, ys } = next.value;
        sink += xs.dataSync()[0] + ys.dataSync()[0];
        tf.dispose([xs, ys]);
        batches++;
      }
      if (batches !== Math.ceil(N / B)) throw new Error(`W2: tf.data gave ${batches} batches instead of ${Math.ceil(N / B)}`);
      return sink;
    };
    return { op, inputs: [] };
  };
}

/** @type {import('./run.mjs').Workload} */
export const w2DataLoader = {
  id: 'W2',
  title: 'DataLoader epoch, 1M x 16 float32 + target, batch 256, shuffled',
  async run(ctx) {
    const { X, Y } = makeData();
    manualSeed(0);
    const loader = new DataLoader(new TensorDataset(new NDArray(X, [N, F]), new NDArray(Y, [N])), {
      batchSize: B,
      shuffle: true,
    });
    checkGd(loader, X);

    const tfjs = await tfjsContenders(ctx.tfjs, tfjsSetup(X, Y));
    const contenders = [
      { name: 'gd', op: () => gdEpoch(loader) },
      { name: 'plain JS', op: () => plainEpoch(X, Y) },
      ...tfjs.contenders.map((c) => ({ ...c, async: true })),
    ];
    const times = await ctx.step('W2 epochs', () => measureSideBySide(contenders, ctx.timing));
    tfjs.dispose();
    const results = mapResults(times, (t) => toRate(t, N, 1));

    const gdMemory = peakMemory((sample) => {
      let batch = 0;
      for (const [xb] of loader) if (++batch % MEMORY_EVERY === 0 && xb.size > 0) sample();
    });
    const plainMemory = peakMemory((sample) => plainEpoch(X, Y, (batch) => batch % MEMORY_EVERY === 0 && sample()));
    const dataset = mib(X.byteLength + Y.byteLength);
    return [
      {
        workload: 'W2 DataLoader',
        case: `1M × ${F} f32 + f32 target, batch ${B}, shuffled, one full epoch per call (tfjs: tf.data generator → shuffle(${TFJS_SHUFFLE_BUFFER}) → batch)`,
        unit: 'samples/s',
        better: 'higher',
        results,
        target: { vs: 'plain JS', atLeast: 0.8, text: '≥ 0.8× plain JS' },
        anchor: 'PyTorch 180k DataLoader, 740k BatchSampler trick, 2.5M randperm+index; tf.data 19k–32k; plain JS 3.2M',
        note:
          `W2 peak memory during one epoch over the ${dataset} dataset (sampled every ${MEMORY_EVERY} batches, after a GC): ` +
          `JS heap + ArrayBuffers +${mib(gdMemory.js)} for gd, +${mib(plainMemory.js)} for the plain loop (permutation, batches, uncollected garbage); ` +
          `process RSS at most ${mib(gdMemory.rss)} during gd's epoch, ${mib(plainMemory.rss)} during the plain loop's (whole process: dataset, tfjs, earlier workloads). ` +
          `tf.data: generator over the rows → shuffle(${TFJS_SHUFFLE_BUFFER}) → batch(${B}), full epochs like the others, but its shuffle draws from a ${TFJS_SHUFFLE_BUFFER}-row window (gd and the plain loop permute the whole epoch).`,
      },
    ];
  },
};

/**
 * W4 (BENCH.md): C = A·B for square float32 N×N, N in {128, 256, 512, 1024}, inputs ready before
 * timing, the product read back inside the timed region; GFLOP/s = 2N³ / t. Plus N = 512 with
 * both operands transposed views (gd `a.t()`, tfjs `matMul(a, b, true, true)`): the backward pass
 * of every Linear layer multiplies by transposes, so that path must be as fast as the plain one.
 *
 * Before timing, gd's product is checked against each tfjs backend's on the same inputs: a fast
 * wrong kernel must not make a row.
 */
import { rand } from '@gd/tensor';
import { tfjsContenders, useBackend } from './tfjs.mjs';
import { mapResults, measureSideBySide, toRate } from './timing.mjs';

const SIZES = [128, 256, 512, 1024];
const TRANSPOSED_N = 512;

const anchors = {
  512: 'PyTorch 124 (2 threads), tfjs-cpu 0.57, tfjs-wasm 20, js-pytorch 0.44, plain JS naive 0.6 / 4×4 tiled 2.7',
  1024: 'PyTorch 161 (2 threads), tfjs-cpu 0.51, tfjs-wasm 17.5, js-pytorch 0.15, plain JS 4×4 tiled 2.3',
};

/** Largest |gd - tfjs| relative to the largest |tfjs|: float32 sums of N terms differ by order. */
function relativeDifference(gdValues, tfValues) {
  let maxDiff = 0;
  let maxAbs = 0;
  for (let i = 0; i < tfValues.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(gdValues[i] - tfValues[i]));
    maxAbs = Math.max(maxAbs, Math.abs(tfValues[i]));
  }
  return maxDiff / maxAbs;
}

async function checkAgainstTfjs(tfjs, label, gdProduct, a, b, transposed) {
  for (const column of tfjs?.available ?? []) {
    const { tf } = tfjs;
    await useBackend(tf, column);
    const ta = tf.tensor(a.toTypedArray(), a.shape);
    const tb = tf.tensor(b.toTypedArray(), b.shape);
    const tc = tf.matMul(ta, tb, transposed, transposed);
    const diff = relativeDifference(gdProduct.toTypedArray(), tc.dataSync());
    tf.dispose([ta, tb, tc]);
    if (!(diff < 1e-5)) throw new Error(`W4 ${label}: gd's product differs from ${column}'s by ${diff} (relative)`);
  }
}

async function matmulRow(ctx, n, transposed) {
  const label = transposed ? `N=${n}, Aᵀ·Bᵀ (views)` : `N=${n}`;
  // gd: in the transposed case the storage is A's and B's own, viewed through `.t()`.
  const a = rand([n, n]);
  const b = rand([n, n]);
  const [left, right] = transposed ? [a.t(), b.t()] : [a, b];
  await checkAgainstTfjs(ctx.tfjs, label, left.matmul(right), a, b, transposed);

  const tfjs = await tfjsContenders(ctx.tfjs, (tf) => {
    const ta = tf.randomUniform([n, n]);
    const tb = tf.randomUniform([n, n]);
    const op = () => {
      const c = tf.matMul(ta, tb, transposed, transposed);
      const first = c.dataSync()[0];
      c.dispose();
      return first;
    };
    return { op, inputs: [ta, tb] };
  });
  const times = await measureSideBySide([{ name: 'gd', op: () => left.matmul(right).data[0] }, ...tfjs.contenders], ctx.timing);
  tfjs.dispose();
  return {
    workload: 'W4 matmul',
    case: label,
    unit: 'GFLOP/s',
    better: 'higher',
    results: mapResults(times, (t) => toRate(t, 2 * n ** 3, 1e9)),
    target: n === 512 && !transposed ? { vs: 'tfjs-cpu', atLeast: 5, text: '≥ 5× tfjs-cpu' } : undefined,
    anchor: transposed ? 'tfjs-wasm takes a slow path for transposed operands (BENCH.md, W3 note)' : (anchors[n] ?? ''),
  };
}

/** @type {import('./run.mjs').Workload} */
export const w4Matmul = {
  id: 'W4',
  title: 'matmul, square float32',
  async run(ctx) {
    const rows = [];
    for (const n of SIZES) rows.push(await ctx.step(`W4 N=${n}`, () => matmulRow(ctx, n, false)));
    rows.push(await ctx.step(`W4 N=${TRANSPOSED_N} transposed`, () => matmulRow(ctx, TRANSPOSED_N, true)));
    return rows;
  },
};

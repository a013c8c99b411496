/**
 * Elementwise throughput: `a + b` and `a * b` on contiguous, same-shape float32 arrays of 10⁶
 * elements, against a hand-written Float32Array loop that allocates its output too (the floor a
 * library call can approach: one pass, one allocation). Reported in ms per op; the plain-JS ratio
 * is the interesting figure, since this is the fast path every larger workload leans on.
 */
import { rand } from '@gd/tensor';
import { tfjsContenders } from './tfjs.mjs';
import { measureSideBySide } from './timing.mjs';

const N = 1_000_000;

/** The plain-JS reference: one loop over the typed arrays, fresh output. */
const plain = {
  add(x, y) {
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i] + y[i];
    return out;
  },
  mul(x, y) {
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i] * y[i];
    return out;
  },
};

async function opRow(ctx, op) {
  const a = rand([N]);
  const b = rand([N]);
  const x = a.toTypedArray();
  const y = b.toTypedArray();
  const kernel = plain[op];
  const tfjs = await tfjsContenders(ctx.tfjs, (tf) => {
    const ta = tf.tensor1d(x);
    const tb = tf.tensor1d(y);
    const run = () => {
      const c = tf[op](ta, tb);
      const last = c.dataSync()[N - 1];
      c.dispose();
      return last;
    };
    return { op: run, inputs: [ta, tb] };
  });
  const results = await measureSideBySide(
    [
      { name: 'gd', op: () => a[op](b).data[N - 1] },
      { name: 'plain JS', op: () => kernel(x, y)[N - 1] },
      ...tfjs.contenders,
    ],
    ctx.timing,
  );
  tfjs.dispose();
  return {
    workload: 'elementwise',
    case: `${op}, 10⁶ float32, contiguous`,
    unit: 'ms/op',
    better: 'lower',
    results,
    target: { vs: 'plain JS', atLeast: 1 / 1.5, text: 'time ≤ 1.5× plain JS' },
    anchor: 'plain JS is the floor (one loop, one allocation)',
  };
}

/** @type {import('./run.mjs').Workload} */
export const elementwise = {
  id: 'E',
  title: 'elementwise add and mul, 10⁶ float32',
  async run(ctx) {
    const rows = [];
    for (const op of ['add', 'mul']) rows.push(await ctx.step(`elementwise ${op}`, () => opRow(ctx, op)));
    return rows;
  },
};

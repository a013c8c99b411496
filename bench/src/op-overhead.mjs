/**
 * Per-operation overhead: one add of two 0-dim arrays, its result read back, in µs per op. The
 * arithmetic is nothing, so this is the dispatch cost (argument checks, dtype promotion,
 * broadcasting, allocation) that dominates small-tensor training such as W1, where one SGD step
 * is about 20 op dispatches.
 */
import { tensor } from '@gd/tensor';
import { tfjsContenders } from './tfjs.mjs';
import { mapResults, measureSideBySide, scaleTime } from './timing.mjs';

async function overheadRow(ctx) {
  const a = tensor(1.5);
  const b = tensor(2.25);
  const tfjs = await tfjsContenders(ctx.tfjs, (tf) => {
    const ta = tf.scalar(1.5);
    const tb = tf.scalar(2.25);
    return { op: () => tf.tidy(() => tf.add(ta, tb).dataSync()[0]), inputs: [ta, tb] };
  });
  const times = await measureSideBySide([{ name: 'gd', op: () => a.add(b).item() }, ...tfjs.contenders], ctx.timing);
  tfjs.dispose();
  return {
    workload: 'op overhead',
    case: 'add of two 0-dim arrays + read back',
    unit: 'µs/op',
    better: 'lower',
    results: mapResults(times, (t) => scaleTime(t, 1e3)),
    target: { atMost: 1, text: '≤ 1 µs' },
    anchor: 'PyTorch ≈10 µs/op through Python; tfjs ≈8 µs per kernel in its engine',
  };
}

/** @type {import('./run.mjs').Workload} */
export const opOverhead = {
  id: 'O',
  title: 'overhead of one 0-dim op',
  async run(ctx) {
    return [await ctx.step('op overhead', () => overheadRow(ctx))];
  },
};

/**
 * The tensor tour (`npm start`): builds the data of the tutorial "mini-batch gradient descent"
 * with @gd/tensor, as PyTorch does it:
 *
 *   torch.manual_seed(42)
 *   X = torch.arange(-5, 5, 0.1).view(-1, 1)
 *   Y = -5 * X + 0.4 * torch.randn(X.size())
 *
 * and prints it. gd's random numbers are PyTorch's CPU generator bit for bit, so the same seed
 * gives the same Y; the first values PyTorch 1.13.1 prints are kept below to show it.
 * Imports the built package (dist), as a user of the published @gd/tensor would.
 */
import { arange, manualSeed, randn } from '@gd/tensor';

/** `Y[:5]` from PyTorch 1.13.1 (CPU), seed 42 (the shortest decimals of those float32 values). */
const PYTORCH_Y_HEAD = Float32Array.of(25.770765, 25.094913, 24.360287, 22.657791, 23.271368);

manualSeed(42);
const X = arange(-5, 5, 0.1).view(-1, 1);
const noise = randn([100, 1]);
const Y = X.mul(-5).add(noise.mul(0.4));

const head = (a) => a.index('0:5').tolist().flat();
const fixed = (values) => values.map((v) => v.toFixed(4)).join(', ');
const summary = (name, a) =>
  `${name}: shape [${a.shape.join(', ')}], ${a.dtype}, min ${a.min().item().toFixed(4)}, ` +
  `max ${a.max().item().toFixed(4)}, mean ${a.mean().item().toFixed(4)}`;

console.log('gd tensor tour: the data of the linear-regression tutorial\n');
console.log('manualSeed(42)');
console.log('X = arange(-5, 5, 0.1).view(-1, 1)');
console.log('Y = X.mul(-5).add(randn([100, 1]).mul(0.4))\n');
console.log(`X[:5] =\n${X.index('0:5').toString()}\n`);
console.log(`Y[:5] =\n${Y.index('0:5').toString()}\n`);
console.log(summary('X', X));
console.log(summary('Y', Y));
console.log('');
console.log(`first 5 of X: ${fixed(head(X))}`);
console.log(`first 5 of Y: ${fixed(head(Y))}`);
const same = head(Y).every((v, i) => v === PYTORCH_Y_HEAD[i]);
console.log(`PyTorch 1.13.1 gives Y[:5] = ${fixed(Array.from(PYTORCH_Y_HEAD))}: ${same ? 'identical (bit for bit)' : 'DIFFERENT'}`);
if (!same) process.exitCode = 1;

/**
 * `syntheticLine`: the seed tutorial's data, bit for bit — `X = arange(-5, 5, 0.1).view(-1, 1)`,
 * `f = -5 * X`, `Y = f + 0.4 * randn(X.size())` — with every number adjustable and the noise drawn
 * from an explicit generator. `manualSeed(42); syntheticLine()` gives PyTorch's tensors.
 */
import { type Generator, type NDArray, ValueError, add, arange, defaultGenerator, mul, randn } from '@gd/tensor';
import { TensorDataset } from '../dataset/tensor-dataset.js';

export interface SyntheticLineOptions {
  /** First x (default -5). */
  start?: number;
  /** End of the range, excluded (default 5). */
  end?: number;
  /** Spacing of x (default 0.1); ignored when `n` is given. */
  step?: number;
  /** Number of points: sets step = (end - start) / n (default: whatever `step` gives, 100). */
  n?: number;
  /** Slope of the line (default -5). */
  slope?: number;
  /** Intercept of the line (default 0). */
  bias?: number;
  /** Standard deviation of the noise (default 0.4). */
  noise?: number;
  /** Draws the noise (default: the global generator). */
  generator?: Generator;
}

export interface SyntheticLine {
  /** The inputs, float32 [n, 1]. */
  X: NDArray;
  /** The noise-free line `slope * X + bias`, float32 [n, 1] (the tutorial's `func`). */
  clean: NDArray;
  /** The noisy targets `clean + noise * randn`, float32 [n, 1]. */
  Y: NDArray;
  /** `new TensorDataset(X, Y)`. */
  dataset: TensorDataset;
}

/**
 * @example
 * manualSeed(42);
 * const { X, Y } = syntheticLine();
 * X.shape;          // [100, 1]
 * Y.data[0];        // 25.77076530456543 (PyTorch's value)
 */
export function syntheticLine(options: SyntheticLineOptions = {}): SyntheticLine {
  const { start = -5, end = 5, slope = -5, bias = 0, noise = 0.4, generator = defaultGenerator } = options;
  let step = options.step ?? 0.1;
  if (options.n !== undefined) {
    if (!Number.isInteger(options.n) || options.n <= 0) throw new ValueError(`syntheticLine: n must be a positive integer, got ${options.n}`);
    step = (end - start) / options.n;
  }
  const X = arange(start, end, step, { dtype: 'float32' });
  const x = X.view(-1, 1);
  const scaled = mul(x, slope);
  const clean = bias === 0 ? scaled : add(scaled, bias);
  const Y = add(clean, mul(randn([x.shape[0]!, 1], { generator }), noise));
  return { X: x, clean, Y, dataset: new TensorDataset(x, Y) };
}

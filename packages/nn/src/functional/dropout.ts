/**
 * `dropout(x, { p, training, generator })`: zeroes each element with probability p and scales the
 * others by 1 / (1 - p), in training only.
 *
 * The mask follows the source of PyTorch 1.13's CPU kernel without MKL (`bernoulli_(1 - p)` on an
 * empty tensor of the input's shape, in memory order): one 64-bit draw per element, kept when its
 * low 53 bits · 2⁻⁵³ < 1 - p; the scale is float32(1 / float32(1 - p)). This is NOT checked against
 * PyTorch (the reference files do not cover bernoulli, and builds with MKL draw differently), so
 * treat the mask as seeded and reproducible in gd, not as PyTorch's mask.
 */
import type { Tensor, TensorLike } from '@gd/autograd';
import { type Generator, NDArray, ValueError, defaultGenerator } from '@gd/tensor';
import { toTensor } from './operands.js';

/** Options of {@link dropout}. */
export interface DropoutOptions {
  /** The probability of zeroing an element (default 0.5). */
  p?: number;
  /** Apply dropout (default true); `false` returns the input unchanged (evaluation). */
  training?: boolean;
  /** Draw the mask from this generator instead of the global one. */
  generator?: Generator;
}

/** Throws unless 0 <= p <= 1. */
export function checkDropoutProbability(op: string, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new ValueError(`${op}: dropout probability has to be between 0 and 1, but got ${p}`);
}

/**
 * Randomly zeroes elements of `input` with probability `p`, scaling the rest by 1 / (1 - p).
 * @example
 * dropout(x, { p: 0.2, generator: new Generator().manualSeed(0) });
 * dropout(x, { training: false }); // x itself
 */
export function dropout(input: TensorLike, { p = 0.5, training = true, generator = defaultGenerator }: DropoutOptions = {}): Tensor {
  checkDropoutProbability('dropout', p);
  const x = toTensor(input);
  if (!training || p === 0 || x.numel() === 0) return x;
  if (p === 1) return x.mul(0);
  return x.mul(dropoutMask(x.shape, x.dtype === 'float64' ? 'float64' : 'float32', 1 - p, generator));
}

/** The scaled keep-mask: `scale` with probability `keep`, else 0, one 53-bit draw per element. */
function dropoutMask(shape: readonly number[], dtype: 'float32' | 'float64', keep: number, generator: Generator): NDArray {
  let n = 1;
  for (const s of shape) n *= s;
  const data = dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
  const scale = dtype === 'float64' ? 1 / keep : Math.fround(1 / Math.fround(keep));
  for (let i = 0; i < n; i++) if (generator.nextUniformFloat64() < keep) data[i] = scale;
  return new NDArray(data, [...shape]);
}

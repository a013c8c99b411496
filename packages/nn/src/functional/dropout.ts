/**
 * `dropout(x, { p, training, generator })`: zeroes each element with probability p and scales the
 * others by 1 / (1 - p), in training only.
 *
 * The mask is PyTorch's `_dropout_impl`: `noise = empty_like(input).bernoulli_(1 - p)`, then
 * `noise.div_(1 - p)` (float32(1 / float32(1 - p)) for float32), then `input * noise`. The draws are
 * @gd/tensor's `bernoulli_`, which follows PyTorch 1.13's CPU kernel without MKL and is NOT checked
 * against PyTorch (the reference files do not cover bernoulli, and builds with MKL draw
 * differently): treat the mask as seeded and reproducible in gd, not as PyTorch's mask.
 */
import { type Tensor, type TensorLike, toTensor } from '@gd/autograd';
import { type Generator, ValueError, bernoulli_, empty } from '@gd/tensor';

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
export function dropout(input: TensorLike, { p = 0.5, training = true, generator }: DropoutOptions = {}): Tensor {
  checkDropoutProbability('dropout', p);
  const x = toTensor(input);
  if (!training || p === 0 || x.numel() === 0) return x;
  if (p === 1) return x.mul(0);
  const keep = 1 - p;
  const noise = bernoulli_(empty(x.shape, { dtype: x.dtype === 'float64' ? 'float64' : 'float32' }), keep, { generator });
  return x.mul(noise.div_(keep));
}

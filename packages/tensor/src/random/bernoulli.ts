/**
 * `bernoulli_(a, p)`: fills an array with 1 (probability p) or 0, in place, the draws of PyTorch
 * 1.13's CPU kernel without MKL (`bernoulli_scalar_kernel_default`): one `random64()` per element,
 * in memory order, and the element is 1 when its low 53 bits · 2⁻⁵³ < p.
 *
 * This is NOT checked against PyTorch: the reference files do not cover bernoulli, and builds with
 * MKL (the default x86 wheels) draw differently (MKL's own stream seeded from one draw). Treat the
 * values as seeded and reproducible in gd, not as PyTorch's. A non-contiguous view is filled in
 * row-major order, like the other random fills (see distributions.ts).
 */
import { ValueError } from '../errors.js';
import type { NDArray } from '../ndarray.js';
import { stridedOffsets } from '../strided.js';
import { type GeneratorOptions, defaultGenerator } from './generator.js';

/**
 * Sets each element of `a` (any dtype) to 1 with probability `p`, else 0, in place; returns `a`.
 * @example
 * bernoulli_(zeros([4]), 0.8, { generator: new Generator().manualSeed(0) }) // a seeded 0/1 mask
 */
export function bernoulli_(a: NDArray, p = 0.5, { generator = defaultGenerator }: GeneratorOptions = {}): NDArray {
  if (!(p >= 0 && p <= 1)) throw new ValueError(`bernoulli_: expected p to be in [0, 1], but got p=${p}`);
  const n = a.size;
  const data = a.data;
  if (a.isContiguous()) {
    const off = a.offset;
    for (let k = 0; k < n; k++) data[off + k] = generator.nextUniformFloat64() < p ? 1 : 0;
  } else {
    const idx = stridedOffsets(a.shape, a.strides, a.offset);
    for (let k = 0; k < n; k++) data[idx[k]!] = generator.nextUniformFloat64() < p ? 1 : 0;
  }
  return a;
}

/**
 * PyTorch's CPU normal sampling (`normal_kernel`, RNG.md section 4), which has two paths:
 *
 * - the scalar path (numel < 16, or a non-contiguous tensor): one binary64 Box–Muller value per
 *   element, the second value of each pair cached in the generator for the next scalar-path draw;
 * - `normal_fill` (contiguous, numel >= 16): fill with uniforms, then transform blocks of 16 (8
 *   Box–Muller pairs); a ragged tail redraws 16 uniforms for the last 16 slots. float32 uses the
 *   AVX2 kernel's float32 avx_mathfun log/sincos with fused multiply-adds; float64 uses libm
 *   (`Math.log`/`Math.sin`/`Math.cos` here, which may differ from glibc by an ulp now and then).
 */
import { log256, sincos256 } from './avx-mathfun.js';
import { fmaF32, fmaF64 } from '../fma.js';
import type { Generator } from './generator.js';

const TWO_PI = 2 * Math.PI;
/** `_mm256_set1_ps(2.0f * c10::pi<double>)`: 2π rounded to float32 (bits 0x40C90FDB). */
const TWO_PI_F32 = Math.fround(2 * Math.PI);
/** sin/cos results of `sincos256`, reused across calls. */
const sinCos = new Float64Array(2);

/**
 * A standard normal value from the scalar path (`at::normal_distribution<double>`): the cached value
 * if the generator holds one, else a new pair from two float64 uniforms (4 draws), caching
 * `r * sin(theta)` and returning `r * cos(theta)`.
 */
export function nextStandardNormal(generator: Generator): number {
  const cached = generator.nextDoubleNormal;
  if (cached !== null) {
    generator.nextDoubleNormal = null;
    return cached;
  }
  const u1 = generator.nextUniformFloat64();
  const u2 = generator.nextUniformFloat64();
  const r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
  const theta = TWO_PI * u1;
  generator.nextDoubleNormal = r * Math.sin(theta);
  return r * Math.cos(theta);
}

/**
 * `normal_fill_AVX2`: fills `data[start, start + n)` (n >= 16) with normal(mean, std) float32
 * values; `mean` and `std` must already be float32. Draws n words, plus 16 if n % 16 != 0.
 */
export function normalFillFloat32(
  data: Float32Array,
  start: number,
  n: number,
  mean: number,
  std: number,
  generator: Generator,
): void {
  const end = start + n;
  for (let k = start; k < end; k++) data[k] = generator.nextUniformFloat32();
  for (let i = start; i + 16 <= end; i += 16) transform16Float32(data, i, mean, std);
  if (n % 16 !== 0) {
    // PyTorch redraws the last 16 uniforms and transforms them again, discarding earlier values
    const tail = end - 16;
    for (let k = tail; k < end; k++) data[k] = generator.nextUniformFloat32();
    transform16Float32(data, tail, mean, std);
  }
}

/** `normal_fill_16_AVX2`: 8 Box–Muller pairs from `d[i, i + 8)` (u1) and `d[i + 8, i + 16)` (u2). */
function transform16Float32(d: Float32Array, i: number, mean: number, std: number): void {
  for (let j = i; j < i + 8; j++) {
    const u1 = Math.fround(1 - d[j]!);
    const u2 = d[j + 8]!;
    const radius = Math.fround(Math.sqrt(Math.fround(-2 * log256(u1))));
    const theta = Math.fround(TWO_PI_F32 * u2);
    sincos256(theta, sinCos);
    d[j] = fmaF32(Math.fround(radius * sinCos[1]!), std, mean);
    d[j + 8] = fmaF32(Math.fround(radius * sinCos[0]!), std, mean);
  }
}

/**
 * `normal_fill<double>`: fills `data[start, start + n)` (n >= 16) with normal(mean, std) float64
 * values. Draws 2n words, plus 32 if n % 16 != 0.
 */
export function normalFillFloat64(
  data: Float64Array,
  start: number,
  n: number,
  mean: number,
  std: number,
  generator: Generator,
): void {
  const end = start + n;
  for (let k = start; k < end; k++) data[k] = generator.nextUniformFloat64();
  for (let i = start; i + 16 <= end; i += 16) transform16Float64(data, i, mean, std);
  if (n % 16 !== 0) {
    const tail = end - 16;
    for (let k = tail; k < end; k++) data[k] = generator.nextUniformFloat64();
    transform16Float64(data, tail, mean, std);
  }
}

/** `normal_fill_16<double>`: `d = fma(radius * cos(theta), std, mean)` (the `* std + mean` is fused). */
function transform16Float64(d: Float64Array, i: number, mean: number, std: number): void {
  for (let j = i; j < i + 8; j++) {
    const u1 = 1 - d[j]!;
    const u2 = d[j + 8]!;
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = TWO_PI * u2;
    d[j] = fmaF64(radius * Math.cos(theta), std, mean);
    d[j + 8] = fmaF64(radius * Math.sin(theta), std, mean);
  }
}

/**
 * The in-place random fills behind `NDArray.uniform_`, `normal_` and `random_` (and so behind
 * `rand`, `randn`, `normal`, `randint`), element for element and draw for draw as PyTorch 1.13's
 * CPU kernels (RNG.md sections 2–4).
 *
 * Contiguous tensors are filled in memory order. A non-contiguous view is filled element by element
 * in row-major order with the scalar semantics; that follows the source (PyTorch runs these kernels
 * through a TensorIterator, `cpu_serial_kernel`) but is not covered by the reference files, and
 * TensorIterator may visit a permuted view in memory order rather than row-major order.
 */
import { isFloating } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import type { NDArray } from '../ndarray.js';
import { stridedOffsets } from '../strided.js';
import { fmaF32, fmaF64 } from '../fma.js';
import { type Generator, type GeneratorOptions, defaultGenerator } from './generator.js';
import { nextStandardNormal, normalFillFloat32, normalFillFloat64 } from './normal-fill.js';

export type { GeneratorOptions } from './generator.js';

/** The argument forms of `random_`: `()`, `(to)` for [0, to), `(from, to)` for [from, to). */
export type RandomArgs =
  | [opts?: GeneratorOptions]
  | [to: number, opts?: GeneratorOptions]
  | [from: number, to: number, opts?: GeneratorOptions];

const FLOAT32_MAX = 3.4028234663852886e38;
const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const TWO_POW_24 = 16777216;
const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** The storage index of each element in row-major order, or null when `a` is contiguous. */
function stridedIndex(a: NDArray): Int32Array | null {
  return a.isContiguous() ? null : stridedOffsets(a.shape, a.strides, a.offset);
}

function requireFloating(op: string, a: NDArray): void {
  if (!isFloating(a.dtype)) {
    throw new DTypeError(`${op}: expected a float32 or float64 tensor, got ${a.dtype}`);
  }
}

/**
 * Fills `a` with uniform values in [from, to) (`Tensor.uniform_`). float32: `fma_f32(x, f32(to −
 * from), from)` with x = 24 bits of one draw over 2^24 (one draw per element); float64: 53 bits
 * of two draws, then `fma(x, to − from, from)`.
 * @example uniform_(new NDArray(new Float32Array(3), [3]), -1, 1)
 */
export function uniform_(a: NDArray, from = 0, to = 1, generator: Generator = defaultGenerator): NDArray {
  requireFloating('uniform_', a);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new ValueError(`uniform_: from and to must be finite, got from=${from}, to=${to}`);
  }
  if (from > to) {
    throw new ValueError(`uniform_: expected from <= to for the range [from, to), got from=${from} > to=${to}`);
  }
  const n = a.size;
  const idx = stridedIndex(a);
  const off = a.offset;
  if (a.dtype === 'float32') {
    const lo = Math.fround(from);
    const span = Math.fround(Math.fround(to) - lo);
    if (span > FLOAT32_MAX) {
      throw new ValueError(`uniform_: to - from must fit in float32, got from=${from}, to=${to}`);
    }
    const data = a.data as Float32Array;
    if (idx === null && lo === 0 && span === 1) {
      // rand(): fma(x, 1, 0) is x
      for (let k = 0; k < n; k++) data[off + k] = generator.nextUniformFloat32();
    } else if (idx === null) {
      for (let k = 0; k < n; k++) data[off + k] = fmaF32(generator.nextUniformFloat32(), span, lo);
    } else {
      for (let k = 0; k < n; k++) data[idx[k]!] = fmaF32(generator.nextUniformFloat32(), span, lo);
    }
  } else {
    const span = to - from;
    if (span === Infinity) {
      throw new ValueError(`uniform_: to - from must fit in float64, got from=${from}, to=${to}`);
    }
    const data = a.data as Float64Array;
    if (idx === null) {
      for (let k = 0; k < n; k++) data[off + k] = fmaF64(generator.nextUniformFloat64(), span, from);
    } else {
      for (let k = 0; k < n; k++) data[idx[k]!] = fmaF64(generator.nextUniformFloat64(), span, from);
    }
  }
  return a;
}

/**
 * Fills `a` with normal(mean, std) values (`Tensor.normal_`). A contiguous tensor of 16 or more
 * elements takes PyTorch's `normal_fill` path; anything else the scalar Box–Muller path, whose
 * second value is cached in the generator (RNG.md 4.1).
 */
export function normal_(a: NDArray, mean = 0, std = 1, generator: Generator = defaultGenerator): NDArray {
  requireFloating('normal_', a);
  if (!(std >= 0)) throw new ValueError(`normal_: expected std >= 0, got std=${std}`);
  const n = a.size;
  const contiguous = a.isContiguous();
  if (n >= 16 && contiguous) {
    if (a.dtype === 'float32') {
      normalFillFloat32(a.data as Float32Array, a.offset, n, Math.fround(mean), Math.fround(std), generator);
    } else {
      normalFillFloat64(a.data as Float64Array, a.offset, n, mean, std, generator);
    }
    return a;
  }
  // scalar path: binary64 value, `z * std + mean` fused, then cast by the typed-array store
  const data = a.data;
  if (contiguous) {
    const off = a.offset;
    for (let k = 0; k < n; k++) data[off + k] = fmaF64(nextStandardNormal(generator), std, mean);
  } else {
    const idx = stridedOffsets(a.shape, a.strides, a.offset);
    for (let k = 0; k < n; k++) data[idx[k]!] = fmaF64(nextStandardNormal(generator), std, mean);
  }
  return a;
}

/**
 * Fills `a` with random integers (`Tensor.random_`). Without bounds: int32 `random() % 2^31`,
 * float32 `random() % (2^24 + 1)`, float64 `random64() % (2^53 + 1)`, bool `random() & 1`. With
 * bounds [from, to) (`to` alone means from = 0): `draw % (to − from) + from`, where the draw is
 * `random64()` for a float tensor and a range of 2^32 or more, else `random()`.
 * @example random_(new NDArray(new Int32Array(3), [3]), 0, 10)
 */
export function random_(a: NDArray, ...args: RandomArgs): NDArray {
  let from: number | undefined;
  let to: number | undefined;
  let opts: GeneratorOptions | undefined;
  if (typeof args[0] === 'number') {
    if (typeof args[1] === 'number') {
      from = args[0];
      to = args[1];
      opts = args[2];
    } else {
      from = 0;
      to = args[0];
      opts = args[1];
    }
  } else {
    opts = args[0];
  }
  const generator = opts?.generator ?? defaultGenerator;
  if (from === undefined || to === undefined) randomFull(a, generator);
  else randomFromTo('random_', a, from, to, generator);
  return a;
}

/** `random_()` without bounds: the full range of the dtype (see {@link random_}). */
function randomFull(a: NDArray, generator: Generator): void {
  const n = a.size;
  const idx = stridedIndex(a);
  const off = a.offset;
  const data = a.data;
  switch (a.dtype) {
    case 'int32':
      // random() % 2^31 keeps the low 31 bits
      if (idx === null) for (let k = 0; k < n; k++) data[off + k] = generator.nextUint32() & 0x7fffffff;
      else for (let k = 0; k < n; k++) data[idx[k]!] = generator.nextUint32() & 0x7fffffff;
      break;
    case 'float32':
      if (idx === null) for (let k = 0; k < n; k++) data[off + k] = generator.nextUint32() % (TWO_POW_24 + 1);
      else for (let k = 0; k < n; k++) data[idx[k]!] = generator.nextUint32() % (TWO_POW_24 + 1);
      break;
    case 'float64':
      if (idx === null) for (let k = 0; k < n; k++) data[off + k] = nextUint64ModTwoPow53Plus1(generator);
      else for (let k = 0; k < n; k++) data[idx[k]!] = nextUint64ModTwoPow53Plus1(generator);
      break;
    case 'bool':
      if (idx === null) for (let k = 0; k < n; k++) data[off + k] = generator.nextUint32() & 1;
      else for (let k = 0; k < n; k++) data[idx[k]!] = generator.nextUint32() & 1;
      break;
  }
}

/**
 * `random64() % (2^53 + 1)` without BigInt. 2^53 + 1 is not a binary64 number, but modulo it
 * 2^53 ≡ −1, so with x = q·2^53 + r (q = hi >>> 21, r = the low 53 bits) x mod (2^53 + 1) is r − q,
 * plus 2^53 + 1 when negative.
 */
function nextUint64ModTwoPow53Plus1(generator: Generator): number {
  const hi = generator.nextUint32();
  const lo = generator.nextUint32();
  const q = hi >>> 21;
  const r = (hi & 0x1fffff) * TWO_POW_32 + lo;
  return r >= q ? r - q : r - q + 1 + TWO_POW_53;
}

/**
 * `random_(from, to)`, also the kernel of `randint`: each element is `draw % (to − from) + from`.
 * `op` names the caller in error messages. Bounds must be integers that the dtype holds exactly.
 */
export function randomFromTo(op: string, a: NDArray, from: number, to: number, generator: Generator): void {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) {
    throw new ValueError(`${op}: low and high must be integers within ±(2^53 - 1), got low=${from}, high=${to}`);
  }
  if (from >= to) throw new ValueError(`${op}: expected low < high, got low=${from} >= high=${to}`);
  const range = to - from;
  if (!Number.isSafeInteger(range)) {
    throw new ValueError(`${op}: high - low must be at most 2^53 - 1, got low=${from}, high=${to}`);
  }
  checkBoundsForDType(op, a, from, to);
  // PyTorch draws random64() only for 64-bit-capable dtypes (int64, float, double) and a range of
  // 2^32 or more; an int32 range of exactly 2^32 still uses one 32-bit draw
  const use64 = isFloating(a.dtype) && range >= TWO_POW_32;
  const n = a.size;
  const idx = stridedIndex(a);
  const off = a.offset;
  const data = a.data;
  if (use64) {
    if (idx === null) for (let k = 0; k < n; k++) data[off + k] = generator.nextUint64Mod(range) + from;
    else for (let k = 0; k < n; k++) data[idx[k]!] = generator.nextUint64Mod(range) + from;
  } else if (idx === null) {
    for (let k = 0; k < n; k++) data[off + k] = (generator.nextUint32() % range) + from;
  } else {
    for (let k = 0; k < n; k++) data[idx[k]!] = (generator.nextUint32() % range) + from;
  }
}

function checkBoundsForDType(op: string, a: NDArray, from: number, to: number): void {
  const last = to - 1;
  switch (a.dtype) {
    case 'int32':
      if (from < INT32_MIN || last > INT32_MAX) {
        throw new ValueError(
          `${op}: [${from}, ${to}) does not fit in int32 (need low >= ${INT32_MIN} and high - 1 <= ${INT32_MAX}); use dtype float64 for a wider range`,
        );
      }
      break;
    case 'float32':
      // PyTorch adjusts such bounds to representable ones and warns; gd refuses them
      if (from < -TWO_POW_24 || last > TWO_POW_24) {
        throw new ValueError(
          `${op}: [${from}, ${to}) is not exactly representable in float32 (need |low|, |high - 1| <= 2^24); use dtype float64`,
        );
      }
      break;
    case 'float64':
      break;
    case 'bool':
      if (from < 0 || last > 1) throw new ValueError(`${op}: [${from}, ${to}) does not fit in bool (need 0 <= low < high <= 2)`);
      break;
  }
}

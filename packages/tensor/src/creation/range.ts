/**
 * `arange` and `linspace`, reproducing the arithmetic of PyTorch 1.13's CPU kernels
 * (aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp) so float32 results match bit for bit.
 *
 * arange computes in double. Its vectorised loop handles two vectors per iteration (16 float32
 * lanes, 8 float64 lanes with AVX2) and fills each vector as `base + k*step` from a base rounded
 * to the element type; the tail after the last full block is `start + step*i`. For float32:
 *
 *   i < 16*floor(n/16):  f32(f32(start + step*(i - i%8)) + (i%8)*step)
 *   otherwise:           f32(start + step*i)
 *
 * which differs from a plain `f32(start + step*i)` at 24 of the 100 elements of
 * `arange(-5, 5, 0.1)`. (PyTorch splits ranges above 32768 elements across threads, which moves
 * the block boundaries; gd follows the single-threaded order.)
 */
import { type DType, DEFAULT_DTYPE, allocate, checkDType } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import type { CreationOptions } from './from-data.js';

/**
 * Values from `start` (inclusive) to `end` (exclusive) spaced by `step`, as `torch.arange`.
 * The dtype is int32 when `start`, `end` and `step` are all integers (PyTorch gives int64) and
 * float32 otherwise, unless given.
 * @example
 * arange(4)             // tensor([0, 1, 2, 3], dtype=torch.int32)
 * arange(0, 1, 0.25)    // tensor([0.0000, 0.2500, 0.5000, 0.7500])
 * arange(1, 4, { dtype: 'float64' })
 */
export function arange(end: number, options?: CreationOptions): NDArray;
export function arange(start: number, end: number, options?: CreationOptions): NDArray;
export function arange(start: number, end: number, step?: number, options?: CreationOptions): NDArray;
export function arange(
  a: number,
  b?: number | CreationOptions,
  c?: number | CreationOptions,
  d?: CreationOptions,
): NDArray {
  const { start, end, step, options } = arangeArgs(a, b, c, d);
  const integral = Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step);
  const dtype = options.dtype ?? (integral ? 'int32' : DEFAULT_DTYPE);
  checkDType('arange', dtype);
  if (dtype === 'bool') throw new DTypeError('arange: dtype bool is not supported (as in PyTorch)');
  const n = arangeLength(start, end, step);
  return new NDArray(arangeData(start, step, n, dtype), [n], undefined, 0, dtype);
}

function arangeLength(start: number, end: number, step: number): number {
  if (!Number.isFinite(start) || !Number.isFinite(end) || !Number.isFinite(step)) {
    throw new ValueError(`arange: unsupported range: ${start} -> ${end} (step ${step})`);
  }
  if (step === 0) throw new ValueError('arange: step must be nonzero');
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw new ValueError(`arange: upper bound and larger bound inconsistent with step sign (${start} -> ${end}, step ${step})`);
  }
  const n = Math.ceil((end - start) / step);
  if (n > 2 ** 31 - 1) throw new ValueError(`arange: the range ${start} -> ${end} (step ${step}) has too many elements (${n})`);
  return n;
}

function arangeData(start: number, step: number, n: number, dtype: DType) {
  const out = allocate(dtype, n);
  // Lanes per vector and elements per vectorised iteration (two vectors), per dtype.
  const lanes = dtype === 'float32' ? 8 : dtype === 'float64' ? 4 : 0;
  const blockEnd = lanes === 0 ? 0 : Math.floor(n / (2 * lanes)) * 2 * lanes;
  if (dtype === 'float32') {
    for (let base = 0; base < blockEnd; base += lanes) {
      const b = Math.fround(start + step * base);
      for (let k = 0; k < lanes; k++) out[base + k] = b + k * step;
    }
  } else if (dtype === 'float64') {
    for (let base = 0; base < blockEnd; base += lanes) {
      const b = start + step * base;
      for (let k = 0; k < lanes; k++) out[base + k] = b + k * step;
    }
  }
  for (let i = blockEnd; i < n; i++) out[i] = start + step * i;
  return out;
}

/**
 * `steps` values evenly spaced from `start` to `end` inclusive, float32 unless given, as
 * `torch.linspace`. Like PyTorch 1.13's kernel, the step is `(end - start) / (steps - 1)` computed
 * in the element type (double for int32), the first half is `start + i*step` and the second half
 * `end - (steps - 1 - i)*step`, so both ends are exact.
 * @example
 * linspace(0, 1, 5) // tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
 */
export function linspace(start: number, end: number, steps: number, { dtype = DEFAULT_DTYPE }: CreationOptions = {}): NDArray {
  checkDType('linspace', dtype);
  if (!Number.isInteger(steps) || steps < 0) {
    throw new ValueError(`linspace: number of steps must be a non-negative integer, got ${steps}`);
  }
  const out = allocate(dtype, steps);
  if (steps === 1) {
    out[0] = dtype === 'bool' ? (start !== 0 ? 1 : 0) : start;
  } else if (steps > 1) {
    const halfway = Math.floor(steps / 2);
    if (dtype === 'float32') {
      const s = Math.fround(start);
      const e = Math.fround(end);
      const step = Math.fround(Math.fround(e - s) / (steps - 1));
      for (let i = 0; i < halfway; i++) out[i] = s + Math.fround(step * i);
      for (let i = halfway; i < steps; i++) out[i] = e - Math.fround(step * (steps - i - 1));
    } else {
      // float64 computes in double; int32 (and bool) cast start/end first and step in double.
      const s = dtype === 'float64' ? start : Math.trunc(start);
      const e = dtype === 'float64' ? end : Math.trunc(end);
      const step = (e - s) / (steps - 1);
      for (let i = 0; i < halfway; i++) out[i] = s + step * i;
      for (let i = halfway; i < steps; i++) out[i] = e - step * (steps - i - 1);
      if (dtype === 'bool') for (let i = 0; i < steps; i++) out[i] = out[i] !== 0 ? 1 : 0;
    }
  }
  return new NDArray(out, [steps], undefined, 0, dtype);
}

/**
 * The overloads of `arange` (`(end)`, `(start, end)`, `(start, end, step)`, each with trailing
 * options) resolved to named values; @gd/autograd's `arange` takes the same arguments.
 */
export function arangeArgs<O extends object>(
  a: number,
  b?: number | O,
  c?: number | O,
  d?: O,
): { start: number; end: number; step: number; options: O | Record<string, never> } {
  if (typeof b !== 'number') return { start: 0, end: a, step: 1, options: b ?? {} };
  if (typeof c !== 'number') return { start: a, end: b, step: 1, options: c ?? {} };
  return { start: a, end: b, step: c, options: d ?? {} };
}

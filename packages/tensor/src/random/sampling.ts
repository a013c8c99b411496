/**
 * The random factories `rand`, `randn`, `normal` and `randint`: a new tensor of the requested
 * shape, filled by the in-place kernels of distributions.ts exactly as PyTorch fills its
 * `torch.empty(...)` (so `manualSeed(s); rand(...)` gives PyTorch's numbers for the same seed).
 */
import { type DType, allocate, checkDType, isFloating } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { checkShape } from '../shape.js';
import { normal_, randomFromTo, uniform_ } from './distributions.js';
import { type GeneratorOptions, defaultGenerator } from './generator.js';

/** A shape: an array of sizes, or one number for a 1-D tensor. */
export type ShapeArg = number | readonly number[];

export interface RandomOptions extends GeneratorOptions {
  /** 'float32' (the default) or 'float64'. */
  dtype?: 'float32' | 'float64';
}

export interface RandintOptions extends GeneratorOptions {
  /** 'int32' (the default; PyTorch gives int64), 'float32' or 'float64'. */
  dtype?: 'int32' | 'float32' | 'float64';
}

function toShape(op: string, shape: unknown): number[] {
  const dims = typeof shape === 'number' ? [shape] : shape;
  if (!Array.isArray(dims)) {
    throw new ValueError(`${op}: shape must be a number or an array of numbers, got ${String(shape)}`);
  }
  checkShape(op, dims as number[]);
  return [...(dims as number[])];
}

function emptyFloat(op: string, shape: ShapeArg, dtype: unknown): NDArray {
  const dt = checkDType(op, dtype ?? 'float32');
  if (!isFloating(dt)) throw new DTypeError(`${op}: dtype ${dt} is not supported (expected float32 or float64)`);
  const dims = toShape(op, shape);
  return new NDArray(allocate(dt, dims.reduce((a, b) => a * b, 1)), dims);
}

/**
 * Uniform values in [0, 1) (`torch.rand`): one draw per float32, two per float64.
 * @example manualSeed(0); rand([2]) // [0.49625658988952637, 0.7682217955589294]
 */
export function rand(shape: ShapeArg, opts: RandomOptions = {}): NDArray {
  return uniform_(emptyFloat('rand', shape, opts.dtype), 0, 1, opts.generator ?? defaultGenerator);
}

/**
 * Standard normal values (`torch.randn`). Fewer than 16 elements use the scalar Box–Muller path
 * (with the generator's cached value), 16 or more PyTorch's vectorised `normal_fill`.
 * @example manualSeed(0); randn(1) // [1.5409960746765137]
 */
export function randn(shape: ShapeArg, opts: RandomOptions = {}): NDArray {
  return normal_(emptyFloat('randn', shape, opts.dtype), 0, 1, opts.generator ?? defaultGenerator);
}

/**
 * Normal values with the given mean and standard deviation (`torch.normal(mean, std, size)`).
 * @example manualSeed(0); normal(2, 0.5, [2]) // [2.770498037338257, 1.853285551071167]
 */
export function normal(mean: number, std: number, shape: ShapeArg, opts: RandomOptions = {}): NDArray {
  if (!(std >= 0)) throw new ValueError(`normal: expected std >= 0, got std=${std}`);
  return normal_(emptyFloat('normal', shape, opts.dtype), mean, std, opts.generator ?? defaultGenerator);
}

/**
 * Random integers in [low, high) (`torch.randint`): `draw % (high − low) + low` with one 32-bit
 * draw per element, or two (`random64`) for a float dtype and a range of 2^32 or more. Also
 * `randint(high, shape)` for [0, high). The result is int32 by default (PyTorch: int64, same
 * values); pass `{ dtype: 'float64' }` for bounds beyond int32 (exact up to 2^53).
 * @example manualSeed(0); randint(0, 10, [3]) // [4, 9, 3]
 */
export function randint(high: number, shape: ShapeArg, opts?: RandintOptions): NDArray;
export function randint(low: number, high: number, shape: ShapeArg, opts?: RandintOptions): NDArray;
export function randint(
  a: number,
  b: number | ShapeArg,
  c?: ShapeArg | RandintOptions,
  d?: RandintOptions,
): NDArray {
  const highForm = c === undefined || (typeof c === 'object' && !Array.isArray(c));
  const low = highForm ? 0 : a;
  const high = highForm ? a : (b as number);
  const shape = highForm ? b : c;
  const opts = (highForm ? c : d) as RandintOptions | undefined;
  if (typeof low !== 'number' || typeof high !== 'number') {
    throw new ValueError(`randint: low and high must be numbers, got low=${String(low)}, high=${String(high)}`);
  }
  const dtype: DType = checkDType('randint', opts?.dtype ?? 'int32');
  if (dtype === 'bool') throw new DTypeError(`randint: dtype bool is not supported (expected int32, float32 or float64)`);
  const dims = toShape('randint', shape);
  const out = new NDArray(allocate(dtype, dims.reduce((x, y) => x * y, 1)), dims);
  randomFromTo('randint', out, low, high, opts?.generator ?? defaultGenerator);
  return out;
}

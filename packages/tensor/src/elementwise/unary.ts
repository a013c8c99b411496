/**
 * Unary elementwise operations. Floating functions (exp, log, sqrt, sigmoid, ...) of int32 or
 * bool arrays return float32, as PyTorch's do; neg, abs, relu, sign, floor, ceil, round and clamp
 * keep the dtype. Each op reads its input as a contiguous array (copying a strided view once) and
 * runs its explicit loop from unary-kernels.ts. The `_` variants write into their argument.
 */
import { type DType, type TypedArray, allocate, isFloating, resultType } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { checkOutputCast, checkWritable, contiguousAs, denseData } from './scalar-operand.js';
import {
  ABS,
  CEIL,
  CLAMP,
  COS,
  CUBE,
  EXP,
  FLOOR,
  LOG,
  LOG1P,
  NEG,
  POW_SCALAR,
  RECIPROCAL,
  RECIPROCAL_SQUARE,
  RELU,
  ROUND,
  RSQRT,
  SIGMOID,
  SIGN,
  SIN,
  SQRT,
  SQUARE,
  TANH,
  unaryF32,
  unaryF64,
  unaryInt,
} from './unary-kernels.js';
import { writeInto } from './write-back.js';

/** `-a`. Bool arrays are refused, as in PyTorch (use logicalNot). */
export function neg(a: NDArray): NDArray {
  return unary('neg', NEG, a, true, 0, 0);
}
/** `|a|`. */
export function abs(a: NDArray): NDArray {
  return unary('abs', ABS, a, true, 0, 0);
}
/** `e ** a`. */
export function exp(a: NDArray): NDArray {
  return unary('exp', EXP, a, false, 0, 0);
}
/** Natural logarithm (NaN below 0, -Infinity at 0). */
export function log(a: NDArray): NDArray {
  return unary('log', LOG, a, false, 0, 0);
}
/** `log(1 + a)`, accurate near 0. */
export function log1p(a: NDArray): NDArray {
  return unary('log1p', LOG1P, a, false, 0, 0);
}
/** Square root. */
export function sqrt(a: NDArray): NDArray {
  return unary('sqrt', SQRT, a, false, 0, 0);
}
/** `1 / sqrt(a)` (for float32 two roundings, as PyTorch's `1 / sqrtf(x)`). */
export function rsqrt(a: NDArray): NDArray {
  return unary('rsqrt', RSQRT, a, false, 0, 0);
}
/** Sine (radians). */
export function sin(a: NDArray): NDArray {
  return unary('sin', SIN, a, false, 0, 0);
}
/** Cosine (radians). */
export function cos(a: NDArray): NDArray {
  return unary('cos', COS, a, false, 0, 0);
}
/** Hyperbolic tangent. */
export function tanh(a: NDArray): NDArray {
  return unary('tanh', TANH, a, false, 0, 0);
}
/** The logistic function `1 / (1 + exp(-a))` (for float32 rounded after each step, as PyTorch). */
export function sigmoid(a: NDArray): NDArray {
  return unary('sigmoid', SIGMOID, a, false, 0, 0);
}
/** `max(a, 0)`; NaN stays NaN. */
export function relu(a: NDArray): NDArray {
  return unary('relu', RELU, a, true, 0, 0);
}
/** -1, 0 or 1 by the sign of each element (0 for NaN, as torch.sign). */
export function sign(a: NDArray): NDArray {
  return unary('sign', SIGN, a, true, 0, 0);
}
/** Round down; integer arrays are returned as a copy. */
export function floor(a: NDArray): NDArray {
  return unary('floor', FLOOR, a, true, 0, 0);
}
/** Round up; integer arrays are returned as a copy. */
export function ceil(a: NDArray): NDArray {
  return unary('ceil', CEIL, a, true, 0, 0);
}
/**
 * Round to the nearest integer, halves to even, as torch.round.
 * @example
 * round(tensor([0.5, 1.5, 2.5, -0.5])) // [0, 2, 2, -0]
 */
export function round(a: NDArray): NDArray {
  return unary('round', ROUND, a, true, 0, 0);
}

/**
 * Clamps every element into `[min, max]` (either bound may be left out), keeping the dtype. NaN
 * stays NaN; when `min > max` every element becomes `max`, as torch.clamp.
 * @example
 * clamp(tensor([-2, 0.5, 3]), -1, 1) // [-1, 0.5, 1]
 */
export function clamp(a: NDArray, min?: number | null, max?: number | null): NDArray {
  const [lo, hi] = clampBounds('clamp', a.dtype, min, max);
  return unary('clamp', CLAMP, a, true, lo, hi);
}

/**
 * `a ** exponent` for a number exponent, with PyTorch's special cases for float results:
 * 2 → `x*x`, 3 → `x*x*x`, 0.5 → sqrt, -0.5 → rsqrt, -1 → `1/x`, -2 → `1/(x*x)`, else `Math.pow`
 * rounded once. (The public entry point is `pow` in binary.ts.)
 */
export function powScalar(a: NDArray, exponent: number): NDArray {
  const dtype = resultType(a, exponent);
  if (!isFloating(dtype)) {
    if (exponent < 0) throw new ValueError('pow: Integers to negative integer powers are not allowed.');
    return run(POW_SCALAR, a, dtype, exponent, 0);
  }
  return run(powCode(exponent), a, dtype, exponent, 0);
}

function powCode(exponent: number): number {
  switch (exponent) {
    case 0.5:
      return SQRT;
    case -0.5:
      return RSQRT;
    case -1:
      return RECIPROCAL;
    case 2:
      return SQUARE;
    case 3:
      return CUBE;
    case -2:
      return RECIPROCAL_SQUARE;
    default:
      return POW_SCALAR;
  }
}

/** The result dtype of a unary op: its input's, or float32 for a floating function of integers. */
function unaryDType(name: string, op: number, a: NDArray, keepsDType: boolean): DType {
  if (op === NEG && a.dtype === 'bool') {
    throw new DTypeError(
      `${name}: negation, the \`-\` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the \`~\` or \`logical_not()\` operator instead.`,
    );
  }
  if (keepsDType || isFloating(a.dtype)) return a.dtype;
  return 'float32';
}

function unary(name: string, op: number, a: NDArray, keepsDType: boolean, p: number, q: number): NDArray {
  return run(op, a, unaryDType(name, op, a, keepsDType), p, q);
}

/** Runs kernel `op` over `a` read as `dtype`, into a fresh contiguous array of `dtype`. */
function run(op: number, a: NDArray, dtype: DType, p: number, q: number): NDArray {
  const n = a.size;
  const x = contiguousAs(a, dtype);
  const out = allocate(dtype, n);
  kernel(op, dtype, x, out, n, p, q);
  return new NDArray(out, a.shape, undefined, 0, dtype);
}

function kernel(
  op: number,
  dtype: DType,
  x: TypedArray,
  out: TypedArray,
  n: number,
  p: number,
  q: number,
): void {
  if (dtype === 'float32') unaryF32(op, x as Float32Array, out as Float32Array, n, p, q);
  else if (dtype === 'float64') unaryF64(op, x as Float64Array, out as Float64Array, n, p, q);
  else unaryInt(op, x as Int32Array | Uint8Array, out as Int32Array | Uint8Array, n, p, q);
}

/** Clamp bounds as the kernels compare them: float32 bounds rounded, missing ones infinite. */
function clampBounds(
  name: string,
  dtype: DType,
  min: number | null | undefined,
  max: number | null | undefined,
): [number, number] {
  const noMin = min === undefined || min === null;
  const noMax = max === undefined || max === null;
  if (noMin && noMax) throw new ValueError(`${name}: at least one of 'min' or 'max' must not be None`);
  const lo = noMin ? -Infinity : min;
  const hi = noMax ? Infinity : max;
  return dtype === 'float32' ? [Math.fround(lo), Math.fround(hi)] : [lo, hi];
}

/**
 * Applies `op` to `a` in place and returns `a`: straight on its storage when it is contiguous,
 * otherwise computed aside and written back through the view.
 */
function unaryInPlace(name: string, op: number, a: NDArray, keepsDType: boolean, p: number, q: number): NDArray {
  const dtype = unaryDType(name, op, a, keepsDType);
  checkOutputCast(name, dtype, a.dtype);
  checkWritable(name, a);
  if (a.isContiguous()) {
    const d = denseData(a);
    kernel(op, dtype, d, d, a.size, p, q);
    return a;
  }
  const n = a.size;
  const out = allocate(dtype, n);
  kernel(op, dtype, contiguousAs(a, dtype), out, n, p, q);
  writeInto(a, out);
  return a;
}

/** `a = -a`, in place; returns `a`. */
export function neg_(a: NDArray): NDArray {
  return unaryInPlace('neg_', NEG, a, true, 0, 0);
}
/** `a = |a|`, in place; returns `a`. */
export function abs_(a: NDArray): NDArray {
  return unaryInPlace('abs_', ABS, a, true, 0, 0);
}
/** `a = sqrt(a)`, in place (float arrays only); returns `a`. */
export function sqrt_(a: NDArray): NDArray {
  return unaryInPlace('sqrt_', SQRT, a, false, 0, 0);
}
/** `a = exp(a)`, in place (float arrays only); returns `a`. */
export function exp_(a: NDArray): NDArray {
  return unaryInPlace('exp_', EXP, a, false, 0, 0);
}
/** {@link clamp} in place; returns `a`. */
export function clamp_(a: NDArray, min?: number | null, max?: number | null): NDArray {
  const [lo, hi] = clampBounds('clamp_', a.dtype, min, max);
  return unaryInPlace('clamp_', CLAMP, a, true, lo, hi);
}

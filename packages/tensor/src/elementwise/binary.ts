/**
 * Arithmetic binary operations with PyTorch's broadcasting and type promotion: add, sub, mul, div,
 * pow, maximum, minimum, remainder. Either operand may be a JS number (`sub(1.5, a)` is PyTorch's
 * `1.5 - a`). The result dtype is `resultType(a, b)` (true division and fractional powers of
 * integers give float32); the computation runs in that dtype, with scalar operands cast to it first.
 *
 * Dispatch order, shortest first: contiguous float operands of the result dtype, same shape or with
 * a scalar, go to the explicit kernels of fast-binary.ts; everything else to the strided template.
 */
import { type DType, allocate, isFloating, resultType } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { broadcastShapes, broadcastStrides, shapesEqual } from '../shape.js';
import { copyContiguous } from '../strided.js';
import { type BinaryScalarFn, type RowKernel, broadcastLoop } from './broadcast-loop.js';
import {
  ADD,
  ADD_ALPHA,
  DIV,
  DIV_FLOOR,
  DIV_TRUNC,
  MAXIMUM,
  MINIMUM,
  MUL,
  POW,
  REMAINDER,
  SUB,
  binaryScalarFn,
  swapped,
} from './binary-ops.js';
import { sameF32, sameF64, scalarF32, scalarF64 } from './fast-binary.js';
import { type ArrayOrScalar, castIsLossy, castScalar, exactIn, firstValue } from './scalar-operand.js';
import { powScalar } from './unary.js';

/** Options of {@link add} and {@link sub}. */
export interface AlphaOptions {
  /** Multiplier of the second operand: `a + alpha * b`, computed as one fused multiply-add. */
  alpha?: number;
}

/** Options of {@link div}. */
export interface DivOptions {
  /** `'trunc'` rounds the quotient toward zero, `'floor'` down (Python's `//`); both keep int dtypes. */
  roundingMode?: 'trunc' | 'floor' | null;
}

/**
 * `a + alpha * b`, broadcasting. For floats PyTorch computes this as one fused multiply-add
 * (`fma(b, alpha, a)`, alpha cast to the result dtype); bool + bool is logical or.
 * @example
 * add(tensor([[1], [2]]), tensor([10, 20])) // [[11, 21], [12, 22]]
 * add(a, b, { alpha: -0.5 })                // a - 0.5 * b, rounded once
 */
export function add(a: ArrayOrScalar, b: ArrayOrScalar, options?: AlphaOptions): NDArray {
  const alpha = options === undefined || options.alpha === undefined ? 1 : options.alpha;
  if (alpha === 1) return arithmetic('add', ADD, a, b, 1);
  return arithmetic('add', ADD_ALPHA, a, b, alpha);
}

/**
 * `a - alpha * b`, broadcasting. Bool operands are refused, as in PyTorch (use logicalNot).
 * @example
 * sub(1.5, a) // PyTorch's 1.5 - a
 */
export function sub(a: ArrayOrScalar, b: ArrayOrScalar, options?: AlphaOptions): NDArray {
  const alpha = options === undefined || options.alpha === undefined ? 1 : options.alpha;
  if (alpha === 1) return arithmetic('sub', SUB, a, b, 1);
  return arithmetic('sub', ADD_ALPHA, a, b, -alpha);
}

/** `a * b`, broadcasting (bool * bool is logical and). */
export function mul(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return arithmetic('mul', MUL, a, b, 1);
}

/**
 * `a / b`, broadcasting. True division by default, so integer operands give float32; with
 * `roundingMode` the quotient is truncated or floored and integer dtypes are kept (an integer
 * division by zero throws, as PyTorch's ZeroDivisionError).
 * @example
 * div(tensor([7, -7]), 2)                           // float32 [3.5, -3.5]
 * div(tensor([7, -7]), 2, { roundingMode: 'floor' }) // int32 [3, -4]
 */
export function div(a: ArrayOrScalar, b: ArrayOrScalar, options?: DivOptions): NDArray {
  const mode = options === undefined ? undefined : options.roundingMode;
  if (mode === undefined || mode === null) return arithmetic('div', DIV, a, b, 1);
  if (mode === 'trunc') return arithmetic('div', DIV_TRUNC, a, b, 1);
  if (mode === 'floor') return arithmetic('div', DIV_FLOOR, a, b, 1);
  throw new ValueError(
    `div: expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`,
  );
}

/**
 * `a ** b`, broadcasting. With a number exponent PyTorch's special cases apply (2 is `x*x`, 3 is
 * `x*x*x`, 0.5 is sqrt, -0.5 rsqrt, -1 reciprocal, -2 `1/(x*x)`), otherwise `Math.pow` rounded
 * once. Integer arrays to a negative integer number power throw, as in PyTorch.
 * @example
 * pow(tensor([1, 2, 3]), 2)   // int32 [1, 4, 9]
 * pow(2, tensor([0.5, 1]))    // float32 [1.4142135, 2]
 */
export function pow(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  if (typeof b === 'number' && typeof a !== 'number') return powScalar(a, b);
  return arithmetic('pow', POW, a, b, 1);
}

/** Elementwise maximum, broadcasting; NaN propagates (PyTorch's `torch.maximum`). */
export function maximum(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return arithmetic('maximum', MAXIMUM, a, b, 1);
}

/** Elementwise minimum, broadcasting; NaN propagates (PyTorch's `torch.minimum`). */
export function minimum(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return arithmetic('minimum', MINIMUM, a, b, 1);
}

/**
 * Python's `%`: the remainder has the sign of the divisor (`remainder(-3, 2)` is 1).
 * @example
 * remainder(tensor([-3, 3]), 2) // int32 [1, 1]
 */
export function remainder(a: ArrayOrScalar, b: ArrayOrScalar): NDArray {
  return arithmetic('remainder', REMAINDER, a, b, 1);
}

/**
 * The dtype an arithmetic op computes and returns, after PyTorch's checks of its operands:
 * `resultType`, except that true division and pow with a fractional exponent give float for ints.
 */
export function arithmeticDType(name: string, op: number, a: ArrayOrScalar, b: ArrayOrScalar, p: number): DType {
  let dtype: DType;
  if (typeof a === 'number') {
    if (typeof b === 'number') throw new ValueError(`${name}: expected at least one NDArray operand, got two numbers`);
    dtype = resultType(a, b);
  } else if (typeof b !== 'number' && a.dtype === b.dtype) {
    dtype = a.dtype;
  } else {
    dtype = resultType(a, b);
  }
  if (op === DIV) return isFloating(dtype) ? dtype : 'float32';
  if (op === SUB && ((typeof a !== 'number' && a.dtype === 'bool') || (typeof b !== 'number' && b.dtype === 'bool'))) {
    throw new DTypeError(
      'sub: subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
  if (op === ADD_ALPHA && !isFloating(dtype) && !Number.isInteger(p)) {
    throw new DTypeError(`${name}: for integral input tensors, argument alpha must not be a floating point number`);
  }
  return dtype;
}

/** Alpha as the kernels use it: cast to the computation dtype, as PyTorch casts the Scalar. */
export function castAlpha(op: number, p: number, dtype: DType): number {
  return op === ADD_ALPHA && dtype === 'float32' ? Math.fround(p) : p;
}

/** The shared body of the arithmetic ops: result dtype, then the fastest kernel that applies. */
function arithmetic(name: string, op: number, a: ArrayOrScalar, b: ArrayOrScalar, alpha: number): NDArray {
  const dtype = arithmeticDType(name, op, a, b, alpha);
  const p = castAlpha(op, alpha, dtype);
  if (dtype === 'float32' || dtype === 'float64') {
    const fast = fastFloat(op, a, b, p, dtype);
    if (fast !== null) return fast;
  }
  return binaryGeneric(name, op, a, b, p, dtype, dtype);
}

/**
 * The explicit-kernel path: both operands contiguous arrays of `dtype` with one shape, or one of
 * them a scalar (a number or a size-1 array not of higher rank). Null when it does not apply.
 */
function fastFloat(op: number, a: ArrayOrScalar, b: ArrayOrScalar, p: number, dtype: DType): NDArray | null {
  let t: NDArray; // the array operand
  let s: number; // the scalar operand, cast to dtype
  let code = op;
  if (typeof b === 'number' || (b.size === 1 && typeof a !== 'number' && b.shape.length <= a.shape.length)) {
    t = a as NDArray;
    s = castScalar(typeof b === 'number' ? b : firstValue(b), dtype);
  } else if (typeof a === 'number' || (a.size === 1 && a.shape.length <= b.shape.length)) {
    t = b;
    s = castScalar(typeof a === 'number' ? a : firstValue(a), dtype);
    code = swapped(op);
  } else {
    if (a.dtype !== dtype || b.dtype !== dtype || !shapesEqual(a.shape, b.shape)) return null;
    if (!a.isContiguous() || !b.isContiguous()) return null;
    const n = a.size;
    if (dtype === 'float32') {
      const out = new Float32Array(n);
      sameF32(op, a.data as Float32Array, a.offset, b.data as Float32Array, b.offset, out, 0, n, p);
      return new NDArray(out, a.shape, undefined, 0, dtype);
    }
    const out = new Float64Array(n);
    sameF64(op, a.data as Float64Array, a.offset, b.data as Float64Array, b.offset, out, 0, n, p);
    return new NDArray(out, a.shape, undefined, 0, dtype);
  }
  if (t.dtype !== dtype || !t.isContiguous()) return null;
  const n = t.size;
  if (dtype === 'float32') {
    const out = new Float32Array(n);
    scalarF32(code, t.data as Float32Array, t.offset, s, out, 0, n, p);
    return new NDArray(out, t.shape, undefined, 0, dtype);
  }
  const out = new Float64Array(n);
  scalarF64(code, t.data as Float64Array, t.offset, s, out, 0, n, p);
  return new NDArray(out, t.shape, undefined, 0, dtype);
}

/** The row kernel of a float op (see broadcast-loop.ts), calling the explicit kernels. */
function floatRows(op: number, p: number, dtype: DType): RowKernel {
  const rop = swapped(op);
  if (dtype === 'float32') {
    return (x, xo, xs, y, yo, ys, out, oo, n) => {
      const o = out as Float32Array;
      if (xs === 1 && ys === 1) sameF32(op, x as Float32Array, xo, y as Float32Array, yo, o, oo, n, p);
      else if (xs === 1) scalarF32(op, x as Float32Array, xo, y[yo]!, o, oo, n, p);
      else scalarF32(rop, y as Float32Array, yo, x[xo]!, o, oo, n, p);
    };
  }
  return (x, xo, xs, y, yo, ys, out, oo, n) => {
    const o = out as Float64Array;
    if (xs === 1 && ys === 1) sameF64(op, x as Float64Array, xo, y as Float64Array, yo, o, oo, n, p);
    else if (xs === 1) scalarF64(op, x as Float64Array, xo, y[yo]!, o, oo, n, p);
    else scalarF64(rop, y as Float64Array, yo, x[xo]!, o, oo, n, p);
  };
}

/**
 * Any binary op through the strided template: broadcasts, reads each operand as values of
 * `computeDType` (converting up front only where values would change), stores into `outDType`.
 */
export function binaryGeneric(
  name: string,
  op: number,
  a: ArrayOrScalar,
  b: ArrayOrScalar,
  p: number,
  computeDType: DType,
  outDType: DType,
): NDArray {
  const fn = binaryScalarFn(name, op, computeDType, p);
  const float = computeDType === 'float32' || computeDType === 'float64';
  // the float row kernels are typed: both array operands must reach them stored in computeDType
  const typed = storedAs(a, computeDType) && storedAs(b, computeDType);
  if (float && typed && outDType === computeDType) {
    return mapBinary(name, fn, floatRows(op, p, computeDType), rowReadable(a), rowReadable(b), computeDType, outDType);
  }
  return mapBinary(name, fn, null, a, b, computeDType, outDType);
}

/**
 * `a`, or a contiguous copy of it when its innermost dim is strided (a transpose, a step slice):
 * copying costs one tight loop, while the template would fall back to a scalar-function call per
 * element, several times slower. Expanded (stride 0) and contiguous operands are kept as they are.
 */
export function rowReadable(a: ArrayOrScalar): ArrayOrScalar {
  if (typeof a === 'number') return a;
  for (let d = a.shape.length - 1; d >= 0; d--) {
    if (a.shape[d] === 1) continue;
    const s = a.strides[d];
    return s === 0 || s === 1 ? a : new NDArray(copyContiguous(a), a.shape, undefined, 0, a.dtype);
  }
  return a;
}

/** True when `exactIn(a, dtype)` is an array of `dtype` (or `a` is a number). */
function storedAs(a: ArrayOrScalar, dtype: DType): boolean {
  return typeof a === 'number' || a.dtype === dtype || castIsLossy(a.dtype, dtype);
}

/**
 * `fn` (or `rows`) over the broadcast of `a` and `b`: the driver of the template, shared with
 * the comparisons. Array operands are read through `exactIn(_, computeDType)`, numbers are cast
 * to `computeDType` and reach the row kernels as scalars.
 */
export function mapBinary(
  name: string,
  fn: BinaryScalarFn,
  rows: RowKernel | null,
  a: ArrayOrScalar,
  b: ArrayOrScalar,
  computeDType: DType,
  outDType: DType,
): NDArray {
  let aShape: readonly number[];
  let bShape: readonly number[];
  if (typeof a === 'number') {
    if (typeof b === 'number') throw new ValueError(`${name}: expected at least one NDArray operand, got two numbers`);
    aShape = bShape = b.shape;
  } else {
    aShape = a.shape;
    bShape = typeof b === 'number' ? aShape : b.shape;
  }
  const shape = aShape === bShape || shapesEqual(aShape, bShape) ? aShape : broadcastShapes(name, aShape, bShape);
  const ndim = shape.length;
  let n = 1;
  for (let d = 0; d < ndim; d++) n *= shape[d]!;
  const out = allocate(outDType, n);
  const zeros = new Array<number>(ndim).fill(0);
  let xData;
  let xStrides: readonly number[] = zeros;
  let xOffset = 0;
  if (typeof a === 'number') {
    xData = Float64Array.of(castScalar(a, computeDType));
  } else {
    const x = exactIn(a, computeDType);
    xData = x.data;
    xStrides = x.shape === shape ? x.strides : broadcastStrides(name, x.shape, x.strides, shape);
    xOffset = x.offset;
  }
  let yData;
  let yStrides: readonly number[] = zeros;
  let yOffset = 0;
  if (typeof b === 'number') {
    yData = Float64Array.of(castScalar(b, computeDType));
  } else {
    const y = exactIn(b, computeDType);
    yData = y.data;
    yStrides = y.shape === shape ? y.strides : broadcastStrides(name, y.shape, y.strides, shape);
    yOffset = y.offset;
  }
  broadcastLoop(fn, rows, shape, out, xData, xStrides, xOffset, yData, yStrides, yOffset);
  return new NDArray(out, shape, undefined, 0, outDType);
}

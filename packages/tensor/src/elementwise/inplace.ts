/**
 * In-place operations for optimizers and buffers: they write into their first argument's storage,
 * through its view (a transposed or sliced array is updated where it lives), and return it. The
 * other operands broadcast to the destination's shape, never the reverse, and the result dtype must
 * be castable to the destination's (PyTorch: "result type Float can't be cast to the desired output
 * type Int"). Contiguous float destinations run the explicit kernels directly on their storage.
 */
import { type DType, type TypedArray, allocate, isFloating } from '../dtype.js';
import { DTypeError, ShapeError } from '../errors.js';
import type { NDArray } from '../ndarray.js';
import { broadcastStrides, shapesEqual } from '../shape.js';
import { copyContiguous, readContiguous, stridedOffsets } from '../strided.js';
import { type AlphaOptions, type DivOptions, arithmeticDType, binaryGeneric, castAlpha } from './binary.js';
import { ADD, ADD_ALPHA, DIV, DIV_FLOOR, DIV_TRUNC, MUL, SUB } from './binary-ops.js';
import { sameF32, sameF64, scalarF32, scalarF64 } from './fast-binary.js';
import { fmaF32 } from '../fma.js';
import { fmaF64 } from '../fma.js';
import {
  type ArrayOrScalar,
  castScalar,
  checkBroadcastsTo,
  checkOutputCast,
  checkWritable,
  denseData,
  exactIn,
  firstValue,
  resultType3,
} from './scalar-operand.js';
import { writeInto } from './write-back.js';

/** Options of {@link addcmul_} and {@link addcdiv_}. */
export interface ValueOptions {
  /** Multiplier of the product or quotient (default 1). */
  value?: number;
}

/**
 * `self += alpha * other`, in place; returns `self`. For float32 this is one fused multiply-add per
 * element, as PyTorch's `param.add_(grad, alpha=-lr)`.
 * @example
 * w.add_(grad, { alpha: -0.1 }) // an SGD step
 */
export function add_(self: NDArray, other: ArrayOrScalar, options?: AlphaOptions): NDArray {
  const alpha = options === undefined || options.alpha === undefined ? 1 : options.alpha;
  if (alpha === 1) return binaryInPlace('add_', ADD, self, other, 1);
  return binaryInPlace('add_', ADD_ALPHA, self, other, alpha);
}

/** `self -= alpha * other`, in place; returns `self`. */
export function sub_(self: NDArray, other: ArrayOrScalar, options?: AlphaOptions): NDArray {
  const alpha = options === undefined || options.alpha === undefined ? 1 : options.alpha;
  if (alpha === 1) return binaryInPlace('sub_', SUB, self, other, 1);
  return binaryInPlace('sub_', ADD_ALPHA, self, other, -alpha);
}

/** `self *= other`, in place; returns `self`. */
export function mul_(self: NDArray, other: ArrayOrScalar): NDArray {
  return binaryInPlace('mul_', MUL, self, other, 1);
}

/** `self /= other`, in place (true division unless `roundingMode`); returns `self`. */
export function div_(self: NDArray, other: ArrayOrScalar, options?: DivOptions): NDArray {
  const mode = options === undefined ? undefined : options.roundingMode;
  const op = mode === 'trunc' ? DIV_TRUNC : mode === 'floor' ? DIV_FLOOR : DIV;
  return binaryInPlace('div_', op, self, other, 1);
}

function binaryInPlace(name: string, op: number, self: NDArray, other: ArrayOrScalar, alpha: number): NDArray {
  const dtype = arithmeticDType(name, op, self, other, alpha);
  const p = castAlpha(op, alpha, dtype);
  checkOutputCast(name, dtype, self.dtype);
  if (typeof other !== 'number') checkBroadcastsTo(name, self.shape, other);
  checkWritable(name, self);
  if (dtype === self.dtype && (dtype === 'float32' || dtype === 'float64') && self.isContiguous()) {
    const d = self.data;
    const o = self.offset;
    const n = self.size;
    if (typeof other === 'number' || other.size === 1) {
      const s = castScalar(typeof other === 'number' ? other : firstValue(other), dtype);
      if (dtype === 'float32') scalarF32(op, d as Float32Array, o, s, d as Float32Array, o, n, p);
      else scalarF64(op, d as Float64Array, o, s, d as Float64Array, o, n, p);
      return self;
    }
    if (
      other.dtype === dtype &&
      other.isContiguous() &&
      shapesEqual(other.shape, self.shape) &&
      (other.data !== self.data || other.offset === self.offset)
    ) {
      const y = other.data;
      const yo = other.offset;
      if (dtype === 'float32') sameF32(op, d as Float32Array, o, y as Float32Array, yo, d as Float32Array, o, n, p);
      else sameF64(op, d as Float64Array, o, y as Float64Array, yo, d as Float64Array, o, n, p);
      return self;
    }
  }
  // Computed aside (so an operand overlapping `self` is read before it is overwritten), then stored.
  writeInto(self, binaryGeneric(name, op, self, other, p, dtype, dtype).data);
  return self;
}

/**
 * `self += value * t1 * t2`, in place; returns `self` (Adam's second moment). float32 follows
 * PyTorch's AVX2 kernel, where GCC fuses the last multiply with the add:
 * `fma(fround(value * t1), t2, self)`.
 */
export function addcmul_(self: NDArray, t1: NDArray, t2: NDArray, options?: ValueOptions): NDArray {
  return addcInPlace('addcmul_', false, self, t1, t2, options);
}

/**
 * `self += value * t1 / t2`, in place; returns `self` (Adam's update). float32 rounds after the
 * product, the quotient and the sum, as PyTorch's kernel does. Integer arrays are refused.
 */
export function addcdiv_(self: NDArray, t1: NDArray, t2: NDArray, options?: ValueOptions): NDArray {
  return addcInPlace('addcdiv_', true, self, t1, t2, options);
}

function addcInPlace(
  name: string,
  divide: boolean,
  self: NDArray,
  t1: NDArray,
  t2: NDArray,
  options: ValueOptions | undefined,
): NDArray {
  const dtype = resultType3(self, t1, t2);
  if (divide && !isFloating(dtype)) {
    throw new DTypeError(
      `${name}: integer division with addcdiv is not supported; use add_(self, mul(value, div(t1, t2, { roundingMode: 'trunc' })))`,
    );
  }
  checkOutputCast(name, dtype, self.dtype);
  checkBroadcastsTo(name, self.shape, t1);
  checkBroadcastsTo(name, self.shape, t2);
  checkWritable(name, self);
  const v = castScalar(options === undefined || options.value === undefined ? 1 : options.value, dtype);
  const n = self.size;
  const sameShape = shapesEqual(t1.shape, self.shape) && shapesEqual(t2.shape, self.shape);
  if (
    dtype === 'float32' &&
    self.dtype === dtype &&
    t1.dtype === dtype &&
    t2.dtype === dtype &&
    sameShape &&
    self.isContiguous() &&
    t1.isContiguous() &&
    t2.isContiguous() &&
    !overlapsShifted(self, t1) &&
    !overlapsShifted(self, t2)
  ) {
    const s = denseData(self) as Float32Array;
    const x = denseData(t1) as Float32Array;
    const y = denseData(t2) as Float32Array;
    if (divide) for (let i = 0; i < n; i++) s[i] = s[i]! + Math.fround(Math.fround(v * x[i]!) / y[i]!);
    else for (let i = 0; i < n; i++) s[i] = fmaF32(Math.fround(v * x[i]!), y[i]!, s[i]!);
    return self;
  }
  // General path: every operand read through its (broadcast) view in the computation dtype.
  const a = exactIn(t1, dtype);
  const b = exactIn(t2, dtype);
  const sd = self.data;
  const so = stridedOffsets(self.shape, self.strides, self.offset);
  const x = gather(a, self.shape);
  const y = gather(b, self.shape);
  const out = allocate(dtype, n);
  for (let i = 0; i < n; i++) out[i] = addc(dtype, divide, sd[so[i]!]!, v, x[i]!, y[i]!);
  writeInto(self, out);
  return self;
}

/** One element of addcmul/addcdiv in `dtype` (the caller stores it, which does the last rounding). */
function addc(dtype: DType, divide: boolean, s: number, v: number, x: number, y: number): number {
  if (dtype === 'float32') {
    return divide ? s + Math.fround(Math.fround(v * x) / y) : fmaF32(Math.fround(v * x), y, s);
  }
  if (dtype === 'float64') return divide ? s + (v * x) / y : fmaF64(v * x, y, s);
  return s + Math.imul(Math.imul(v, x), y);
}

/** True when `b` reads `a`'s storage at a different offset (an in-place loop would see its own writes). */
function overlapsShifted(a: NDArray, b: NDArray): boolean {
  return a.data === b.data && a.offset !== b.offset;
}

/** The elements of `a` broadcast to `shape`, in row-major order (a fresh array). */
function gather(a: NDArray, shape: readonly number[]): TypedArray {
  if (shapesEqual(a.shape, shape)) return copyContiguous(a);
  const offsets = stridedOffsets(shape, broadcastStrides('gather', a.shape, a.strides, shape), a.offset);
  const out = allocate(a.dtype, offsets.length);
  const d = a.data;
  for (let i = 0; i < offsets.length; i++) out[i] = d[offsets[i]!]!;
  return out;
}

/**
 * Copies `src` into `self` (broadcasting `src` to `self`'s shape and casting to its dtype, as
 * PyTorch's `copy_`: float → int truncates, anything → bool is `x != 0`); returns `self`.
 */
export function copy_(self: NDArray, src: NDArray): NDArray {
  checkBroadcastsTo('copy_', self.shape, src);
  checkWritable('copy_', self);
  if (src.dtype === self.dtype && self.isContiguous() && src.isContiguous() && shapesEqual(src.shape, self.shape)) {
    self.data.set(denseData(src), self.offset); // set() copies correctly even between overlapping views
    return self;
  }
  const values = shapesEqual(src.shape, self.shape)
    ? src.data === self.data
      ? copyContiguous(src)
      : readContiguous(src)
    : gather(src, self.shape);
  writeInto(self, values);
  return self;
}

/**
 * Sets every element of `self` to `value` (cast to its dtype); returns `self`. A 0-dim array is
 * accepted as the value, as PyTorch's `fill_(tensor)`.
 */
export function fill_(self: NDArray, value: number | NDArray): NDArray {
  const v = castScalar(typeof value === 'number' ? value : scalarOf('fill_', value), self.dtype);
  if (self.isContiguous()) {
    self.data.fill(v, self.offset, self.offset + self.size);
    return self;
  }
  const offsets = stridedOffsets(self.shape, self.strides, self.offset);
  const d = self.data;
  for (let i = 0; i < offsets.length; i++) d[offsets[i]!] = v;
  return self;
}

/** Sets every element of `self` to 0; returns `self`. */
export function zero_(self: NDArray): NDArray {
  return fill_(self, 0);
}

function scalarOf(name: string, a: NDArray): number {
  if (a.shape.length !== 0) {
    throw new ShapeError(`${name}: only supports 0-dimension value tensor but got tensor with ${a.shape.length} dimensions`);
  }
  return firstValue(a);
}

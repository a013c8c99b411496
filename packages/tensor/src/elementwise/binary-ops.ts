/**
 * The binary operations as op codes, and the per-element scalar function of each op for each
 * computation dtype, which the generic strided loop (broadcast-loop.ts) calls. The contiguous float
 * kernels (fast-binary.ts) switch on the same op codes. Every function receives values that are
 * already exact in the computation dtype and returns the exact value to store (one rounding,
 * done by the store into the output typed array, unless PyTorch rounds several times).
 */
import type { DType } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import type { BinaryScalarFn } from './broadcast-loop.js';
import { fmaF32 } from '../fma.js';
import { fmaF64 } from '../fma.js';

export const ADD = 0;
export const SUB = 1;
export const MUL = 2;
export const DIV = 3;
export const POW = 4;
export const MAXIMUM = 5;
export const MINIMUM = 6;
export const REMAINDER = 7;
export const DIV_TRUNC = 8;
export const DIV_FLOOR = 9;
/** `x + p*y` fused (PyTorch's vec::fmadd(y, alpha, x)); sub is this with `p = -alpha`. */
export const ADD_ALPHA = 10;
// Swapped forms, `y OP x`, for the scalar kernels whose scalar is always the second argument.
export const RSUB = 11;
export const RDIV = 12;
export const RPOW = 13;
export const RREMAINDER = 14;
export const RDIV_TRUNC = 15;
export const RDIV_FLOOR = 16;
export const RADD_ALPHA = 17;

/** The op code computing `y OP x` from `x OP' y`. */
export function swapped(op: number): number {
  switch (op) {
    case SUB:
      return RSUB;
    case DIV:
      return RDIV;
    case POW:
      return RPOW;
    case REMAINDER:
      return RREMAINDER;
    case DIV_TRUNC:
      return RDIV_TRUNC;
    case DIV_FLOOR:
      return RDIV_FLOOR;
    case ADD_ALPHA:
      return RADD_ALPHA;
    default:
      return op; // commutative
  }
}

// torch.maximum/minimum: NaN wins; between equal values (+0/-0) the second operand, as vmaxps does.
export const maxF = (x: number, y: number): number => (x > y ? x : x === x ? y : x);
export const minF = (x: number, y: number): number => (x < y ? x : x === x ? y : x);

/** Python's sign rule: the remainder takes the divisor's sign (PyTorch: fmod, then `+ b` once). */
export function remainderF(a: number, b: number): number {
  const mod = a % b;
  return mod !== 0 && b < 0 !== mod < 0 ? mod + b : mod;
}

/**
 * PyTorch's `div_floor_floating` (Python's `//` for floats), with the float32 roundings of each
 * step when `f32` is set.
 */
function divFloor(a: number, b: number, f32: boolean): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = f32 ? Math.fround(Math.fround(a - mod) / b) : (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div = f32 ? Math.fround(div - 1) : div - 1;
  if (div === 0) {
    const q = a / b;
    return q < 0 || (q === 0 && 1 / q < 0) ? -0 : 0;
  }
  let fd = Math.floor(div);
  if (div - fd > 0.5) fd += 1;
  return fd;
}
export const divFloorF32 = (a: number, b: number): number => divFloor(a, b, true);
export const divFloorF64 = (a: number, b: number): number => divFloor(a, b, false);

function intZeroDivision(op: string): never {
  throw new ValueError(`${op}: ZeroDivisionError (integer division by zero)`);
}

/** `a ** b` for integers, wrapping like C's int32 arithmetic; negative powers as PyTorch's powi. */
export function powInt(base: number, exp: number): number {
  if (exp < 0) {
    if (base === 1) return 1;
    if (base === -1) return exp % 2 === 0 ? 1 : -1;
    return 0;
  }
  let result = 1;
  let b = base;
  let e = exp;
  while (e > 0) {
    if (e & 1) result = Math.imul(result, b);
    b = Math.imul(b, b);
    e = Math.floor(e / 2);
  }
  return result;
}

const add = (x: number, y: number): number => x + y;
const sub = (x: number, y: number): number => x - y;
const mul = (x: number, y: number): number => x * y;
const div = (x: number, y: number): number => x / y;
const pow = (x: number, y: number): number => Math.pow(x, y);
const divTruncF32 = (x: number, y: number): number => Math.trunc(Math.fround(x / y));
const divTruncF64 = (x: number, y: number): number => Math.trunc(x / y);
const imul = (x: number, y: number): number => Math.imul(x, y);
const maxI = (x: number, y: number): number => (x > y ? x : y);
const minI = (x: number, y: number): number => (x < y ? x : y);
const or = (x: number, y: number): number => x | y;
const and = (x: number, y: number): number => x & y;
function remainderI(x: number, y: number): number {
  if (y === 0) intZeroDivision('remainder');
  const r = x % y;
  return r !== 0 && r < 0 !== y < 0 ? r + y : r;
}
function divTruncI(x: number, y: number): number {
  if (y === 0) intZeroDivision('div');
  return Math.trunc(x / y);
}
function divFloorI(x: number, y: number): number {
  if (y === 0) intZeroDivision('div');
  return Math.floor(x / y);
}

/**
 * The scalar function of `op` computing in `dtype` (its result is stored into an array of the
 * output dtype). `p` is alpha for ADD_ALPHA. Throws DTypeError for ops PyTorch has no kernel for.
 */
export function binaryScalarFn(name: string, op: number, dtype: DType, p: number): BinaryScalarFn {
  if (dtype === 'float32' || dtype === 'float64') {
    const f32 = dtype === 'float32';
    switch (op) {
      case ADD:
        return add;
      case SUB:
        return sub;
      case MUL:
        return mul;
      case DIV:
        return div;
      case POW:
        return pow;
      case MAXIMUM:
        return maxF;
      case MINIMUM:
        return minF;
      case REMAINDER:
        return remainderF;
      case DIV_TRUNC:
        return f32 ? divTruncF32 : divTruncF64;
      case DIV_FLOOR:
        return f32 ? divFloorF32 : divFloorF64;
      case ADD_ALPHA:
        return f32 ? (x, y) => fmaF32(y, p, x) : (x, y) => fmaF64(y, p, x);
    }
  } else if (dtype === 'int32') {
    switch (op) {
      case ADD:
        return add; // the int32 store wraps the exact double sum
      case SUB:
        return sub;
      case MUL:
        return imul;
      case POW:
        return powInt;
      case MAXIMUM:
        return maxI;
      case MINIMUM:
        return minI;
      case REMAINDER:
        return remainderI;
      case DIV_TRUNC:
        return divTruncI;
      case DIV_FLOOR:
        return divFloorI;
      case ADD_ALPHA:
        return (x, y) => x + Math.imul(p, y);
    }
  } else {
    switch (op) {
      case ADD:
        return or; // bool + bool is logical or in PyTorch
      case MUL:
      case MINIMUM:
        return and;
      case MAXIMUM:
        return or;
      case ADD_ALPHA: {
        const a = p !== 0 ? 1 : 0;
        return (x, y) => x | (a & y);
      }
    }
  }
  throw new DTypeError(`${name}: dtype ${dtype} is not supported`);
}

/**
 * Explicit contiguous kernels of the unary ops, one loop per op (see fast-binary.ts for why), for
 * float32, float64 and the integer dtypes. Floating functions are evaluated in binary64 and rounded
 * once by the float32 store; `Math.fround` marks where PyTorch's float32 kernel rounds in between
 * (x*x*x is two float32 products, rsqrt is 1 / sqrtf(x)). PyTorch's vectorised exp/log/sin/cos/tanh
 * come from SLEEF (within 1 ulp); binary64-then-round is the correctly rounded value they approximate.
 */
import { powInt } from './binary-ops.js';

export const NEG = 0;
export const ABS = 1;
export const EXP = 2;
export const LOG = 3;
export const LOG1P = 4;
export const SQRT = 5;
export const RSQRT = 6;
export const SIN = 7;
export const COS = 8;
export const TANH = 9;
export const SIGMOID = 10;
export const RELU = 11;
export const SIGN = 12;
export const FLOOR = 13;
export const CEIL = 14;
export const ROUND = 15;
/** `min(max(x, p), q)`: NaN stays NaN, and `p > q` gives `q` everywhere, as torch.clamp. */
export const CLAMP = 16;
/** `x ** p` for a number `p` without a special case. */
export const POW_SCALAR = 17;
export const SQUARE = 18;
export const CUBE = 19;
export const RECIPROCAL = 20;
export const RECIPROCAL_SQUARE = 21;

/** Round half to even, as torch.round (nearbyint); `Math.round` rounds halves up. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** `out[i] = OP(x[i])` for float32; `p`, `q` are the op's parameters (clamp bounds, exponent). */
export function unaryF32(op: number, x: Float32Array, out: Float32Array, n: number, p: number, q: number): void {
  switch (op) {
    case NEG:
      for (let i = 0; i < n; i++) out[i] = -x[i]!;
      return;
    case ABS:
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!);
      return;
    case EXP:
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      return;
    case LOG:
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
      return;
    case LOG1P:
      for (let i = 0; i < n; i++) out[i] = Math.log1p(x[i]!);
      return;
    case SQRT:
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]!);
      return;
    case RSQRT:
      for (let i = 0; i < n; i++) out[i] = 1 / Math.fround(Math.sqrt(x[i]!));
      return;
    case SIN:
      for (let i = 0; i < n; i++) out[i] = Math.sin(x[i]!);
      return;
    case COS:
      for (let i = 0; i < n; i++) out[i] = Math.cos(x[i]!);
      return;
    case TANH:
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      return;
    case SIGMOID:
      // float32 steps, as PyTorch's `1 / (1 + std::exp(-a))` on floats: matches 23 of 24 values of
      // the sigmoid case in ops.json, where rounding once from binary64 matches 20
      for (let i = 0; i < n; i++) out[i] = 1 / Math.fround(1 + Math.fround(Math.exp(-x[i]!)));
      return;
    case RELU:
      // vmaxps(0, x) semantics: NaN and -0 pass through
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v < 0 ? 0 : v;
      }
      return;
    case SIGN:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v > 0 ? 1 : v < 0 ? -1 : 0;
      }
      return;
    case FLOOR:
      for (let i = 0; i < n; i++) out[i] = Math.floor(x[i]!);
      return;
    case CEIL:
      for (let i = 0; i < n; i++) out[i] = Math.ceil(x[i]!);
      return;
    case ROUND:
      for (let i = 0; i < n; i++) out[i] = roundHalfEven(x[i]!);
      return;
    case CLAMP:
      for (let i = 0; i < n; i++) {
        let v = x[i]!;
        if (v < p) v = p;
        out[i] = v > q ? q : v;
      }
      return;
    case POW_SCALAR:
      for (let i = 0; i < n; i++) out[i] = Math.pow(x[i]!, p);
      return;
    case SQUARE:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v * v;
      }
      return;
    case CUBE:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = Math.fround(v * v) * v;
      }
      return;
    case RECIPROCAL:
      for (let i = 0; i < n; i++) out[i] = 1 / x[i]!;
      return;
    case RECIPROCAL_SQUARE:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = 1 / Math.fround(v * v);
      }
      return;
  }
  throw new Error(`unaryF32: unknown op ${op}`);
}

/** {@link unaryF32} for float64. */
export function unaryF64(op: number, x: Float64Array, out: Float64Array, n: number, p: number, q: number): void {
  switch (op) {
    case NEG:
      for (let i = 0; i < n; i++) out[i] = -x[i]!;
      return;
    case ABS:
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!);
      return;
    case EXP:
      for (let i = 0; i < n; i++) out[i] = Math.exp(x[i]!);
      return;
    case LOG:
      for (let i = 0; i < n; i++) out[i] = Math.log(x[i]!);
      return;
    case LOG1P:
      for (let i = 0; i < n; i++) out[i] = Math.log1p(x[i]!);
      return;
    case SQRT:
      for (let i = 0; i < n; i++) out[i] = Math.sqrt(x[i]!);
      return;
    case RSQRT:
      for (let i = 0; i < n; i++) out[i] = 1 / Math.sqrt(x[i]!);
      return;
    case SIN:
      for (let i = 0; i < n; i++) out[i] = Math.sin(x[i]!);
      return;
    case COS:
      for (let i = 0; i < n; i++) out[i] = Math.cos(x[i]!);
      return;
    case TANH:
      for (let i = 0; i < n; i++) out[i] = Math.tanh(x[i]!);
      return;
    case SIGMOID:
      for (let i = 0; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]!));
      return;
    case RELU:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v < 0 ? 0 : v;
      }
      return;
    case SIGN:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v > 0 ? 1 : v < 0 ? -1 : 0;
      }
      return;
    case FLOOR:
      for (let i = 0; i < n; i++) out[i] = Math.floor(x[i]!);
      return;
    case CEIL:
      for (let i = 0; i < n; i++) out[i] = Math.ceil(x[i]!);
      return;
    case ROUND:
      for (let i = 0; i < n; i++) out[i] = roundHalfEven(x[i]!);
      return;
    case CLAMP:
      for (let i = 0; i < n; i++) {
        let v = x[i]!;
        if (v < p) v = p;
        out[i] = v > q ? q : v;
      }
      return;
    case POW_SCALAR:
      for (let i = 0; i < n; i++) out[i] = Math.pow(x[i]!, p);
      return;
    case SQUARE:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v * v;
      }
      return;
    case CUBE:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v * v * v;
      }
      return;
    case RECIPROCAL:
      for (let i = 0; i < n; i++) out[i] = 1 / x[i]!;
      return;
    case RECIPROCAL_SQUARE:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = 1 / (v * v);
      }
      return;
  }
  throw new Error(`unaryF64: unknown op ${op}`);
}

/**
 * The dtype-keeping ops on int32 or bool storage (`out` of the same dtype as `x`). Results are
 * stored through the int32 array, which wraps like C; bool results are normalised to 0/1.
 */
export function unaryInt(
  op: number,
  x: Int32Array | Uint8Array,
  out: Int32Array | Uint8Array,
  n: number,
  p: number,
  q: number,
): void {
  switch (op) {
    case NEG:
      for (let i = 0; i < n; i++) out[i] = -x[i]!;
      return;
    case ABS:
      for (let i = 0; i < n; i++) out[i] = Math.abs(x[i]!);
      return;
    case RELU:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v < 0 ? 0 : v;
      }
      return;
    case SIGN:
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        out[i] = v > 0 ? 1 : v < 0 ? -1 : 0;
      }
      return;
    case FLOOR:
    case CEIL:
    case ROUND:
      out.set(x.subarray(0, n));
      return;
    case CLAMP: {
      const bool = out instanceof Uint8Array;
      for (let i = 0; i < n; i++) {
        let v = x[i]!;
        if (v < p) v = p;
        if (v > q) v = q;
        out[i] = bool ? (v !== 0 ? 1 : 0) : v;
      }
      return;
    }
    case POW_SCALAR:
      for (let i = 0; i < n; i++) out[i] = powInt(x[i]!, p);
      return;
  }
  throw new Error(`unaryInt: unknown op ${op}`);
}

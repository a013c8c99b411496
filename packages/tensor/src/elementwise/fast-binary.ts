/**
 * Explicit contiguous kernels for float32 and float64 binary ops: same-shape operands, and an
 * array with a scalar. One loop per op, so every loop body is monomorphic and V8 compiles it to a
 * plain typed-array loop (a shared loop calling a per-op function runs several times slower).
 * The float32 and float64 versions are the same code on different array types, kept apart on
 * purpose: one function seeing both array types would go polymorphic.
 * Stores into a Float32Array round once; where PyTorch rounds in between, `Math.fround` says so.
 */
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
  RADD_ALPHA,
  RDIV,
  RDIV_FLOOR,
  RDIV_TRUNC,
  REMAINDER,
  RPOW,
  RREMAINDER,
  RSUB,
  SUB,
  divFloorF32,
  divFloorF64,
  maxF,
  minF,
  remainderF,
} from './binary-ops.js';
import { fmaF32 } from '../fma.js';
import { fmaF64 } from '../fma.js';

/**
 * `out[oo + i] = x[xo + i] OP y[yo + i]` for `i < n`; `p` is alpha for ADD_ALPHA. `out` may be `x`
 * or `y` at the same offset (in-place ops). The offsets let one kernel serve whole arrays and the
 * contiguous rows of a broadcast alike.
 */
export function sameF32(
  op: number,
  x: Float32Array,
  xo: number,
  y: Float32Array,
  yo: number,
  out: Float32Array,
  oo: number,
  n: number,
  p: number,
): void {
  switch (op) {
    case ADD:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! + y[yo + i]!;
      return;
    case SUB:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! - y[yo + i]!;
      return;
    case MUL:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! * y[yo + i]!;
      return;
    case DIV:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! / y[yo + i]!;
      return;
    case ADD_ALPHA:
      fmaSameF32(x, xo, y, yo, out, oo, n, p);
      return;
    case POW:
      for (let i = 0; i < n; i++) out[oo + i] = Math.pow(x[xo + i]!, y[yo + i]!);
      return;
    case MAXIMUM:
      for (let i = 0; i < n; i++) out[oo + i] = maxF(x[xo + i]!, y[yo + i]!);
      return;
    case MINIMUM:
      for (let i = 0; i < n; i++) out[oo + i] = minF(x[xo + i]!, y[yo + i]!);
      return;
    case REMAINDER:
      for (let i = 0; i < n; i++) out[oo + i] = remainderF(x[xo + i]!, y[yo + i]!);
      return;
    case DIV_TRUNC:
      for (let i = 0; i < n; i++) out[oo + i] = Math.trunc(Math.fround(x[xo + i]! / y[yo + i]!));
      return;
    case DIV_FLOOR:
      for (let i = 0; i < n; i++) out[oo + i] = divFloorF32(x[xo + i]!, y[yo + i]!);
      return;
  }
  throw new Error(`sameF32: unknown op ${op}`);
}

/** `out[oo + i] = x[xo + i] OP s` (or `s OP x[xo + i]` for the swapped codes) for `i < n`. */
export function scalarF32(
  op: number,
  x: Float32Array,
  xo: number,
  s: number,
  out: Float32Array,
  oo: number,
  n: number,
  p: number,
): void {
  switch (op) {
    case ADD:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! + s;
      return;
    case SUB:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! - s;
      return;
    case RSUB:
      for (let i = 0; i < n; i++) out[oo + i] = s - x[xo + i]!;
      return;
    case MUL:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! * s;
      return;
    case DIV:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! / s;
      return;
    case RDIV:
      for (let i = 0; i < n; i++) out[oo + i] = s / x[xo + i]!;
      return;
    case ADD_ALPHA:
      fmaScalarF32(x, xo, s, out, oo, n, p);
      return;
    case RADD_ALPHA:
      for (let i = 0; i < n; i++) out[oo + i] = fmaF32(x[xo + i]!, p, s);
      return;
    case POW:
      for (let i = 0; i < n; i++) out[oo + i] = Math.pow(x[xo + i]!, s);
      return;
    case RPOW:
      for (let i = 0; i < n; i++) out[oo + i] = Math.pow(s, x[xo + i]!);
      return;
    case MAXIMUM:
      for (let i = 0; i < n; i++) out[oo + i] = maxF(x[xo + i]!, s);
      return;
    case MINIMUM:
      for (let i = 0; i < n; i++) out[oo + i] = minF(x[xo + i]!, s);
      return;
    case REMAINDER:
      for (let i = 0; i < n; i++) out[oo + i] = remainderF(x[xo + i]!, s);
      return;
    case RREMAINDER:
      for (let i = 0; i < n; i++) out[oo + i] = remainderF(s, x[xo + i]!);
      return;
    case DIV_TRUNC:
      for (let i = 0; i < n; i++) out[oo + i] = Math.trunc(Math.fround(x[xo + i]! / s));
      return;
    case RDIV_TRUNC:
      for (let i = 0; i < n; i++) out[oo + i] = Math.trunc(Math.fround(s / x[xo + i]!));
      return;
    case DIV_FLOOR:
      for (let i = 0; i < n; i++) out[oo + i] = divFloorF32(x[xo + i]!, s);
      return;
    case RDIV_FLOOR:
      for (let i = 0; i < n; i++) out[oo + i] = divFloorF32(s, x[xo + i]!);
      return;
  }
  throw new Error(`scalarF32: unknown op ${op}`);
}

/**
 * `x + p*y` fused, the SGD update. The fma is compute-bound enough that the offset arithmetic costs
 * about 40 % (bounds checks on `oo + i`), so whole arrays, the common case, get an offset-free loop.
 */
function fmaSameF32(
  x: Float32Array,
  xo: number,
  y: Float32Array,
  yo: number,
  out: Float32Array,
  oo: number,
  n: number,
  p: number,
): void {
  if (xo === 0 && yo === 0 && oo === 0) {
    for (let i = 0; i < n; i++) out[i] = fmaF32(y[i]!, p, x[i]!);
  } else {
    for (let i = 0; i < n; i++) out[oo + i] = fmaF32(y[yo + i]!, p, x[xo + i]!);
  }
}

/** `x + p*s` fused (see {@link fmaSameF32}). */
function fmaScalarF32(
  x: Float32Array,
  xo: number,
  s: number,
  out: Float32Array,
  oo: number,
  n: number,
  p: number,
): void {
  if (xo === 0 && oo === 0) {
    for (let i = 0; i < n; i++) out[i] = fmaF32(s, p, x[i]!);
  } else {
    for (let i = 0; i < n; i++) out[oo + i] = fmaF32(s, p, x[xo + i]!);
  }
}

/** {@link sameF32} for float64. */
export function sameF64(
  op: number,
  x: Float64Array,
  xo: number,
  y: Float64Array,
  yo: number,
  out: Float64Array,
  oo: number,
  n: number,
  p: number,
): void {
  switch (op) {
    case ADD:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! + y[yo + i]!;
      return;
    case SUB:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! - y[yo + i]!;
      return;
    case MUL:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! * y[yo + i]!;
      return;
    case DIV:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! / y[yo + i]!;
      return;
    case ADD_ALPHA:
      for (let i = 0; i < n; i++) out[oo + i] = fmaF64(y[yo + i]!, p, x[xo + i]!);
      return;
    case POW:
      for (let i = 0; i < n; i++) out[oo + i] = Math.pow(x[xo + i]!, y[yo + i]!);
      return;
    case MAXIMUM:
      for (let i = 0; i < n; i++) out[oo + i] = maxF(x[xo + i]!, y[yo + i]!);
      return;
    case MINIMUM:
      for (let i = 0; i < n; i++) out[oo + i] = minF(x[xo + i]!, y[yo + i]!);
      return;
    case REMAINDER:
      for (let i = 0; i < n; i++) out[oo + i] = remainderF(x[xo + i]!, y[yo + i]!);
      return;
    case DIV_TRUNC:
      for (let i = 0; i < n; i++) out[oo + i] = Math.trunc(x[xo + i]! / y[yo + i]!);
      return;
    case DIV_FLOOR:
      for (let i = 0; i < n; i++) out[oo + i] = divFloorF64(x[xo + i]!, y[yo + i]!);
      return;
  }
  throw new Error(`sameF64: unknown op ${op}`);
}

/** {@link scalarF32} for float64. */
export function scalarF64(
  op: number,
  x: Float64Array,
  xo: number,
  s: number,
  out: Float64Array,
  oo: number,
  n: number,
  p: number,
): void {
  switch (op) {
    case ADD:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! + s;
      return;
    case SUB:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! - s;
      return;
    case RSUB:
      for (let i = 0; i < n; i++) out[oo + i] = s - x[xo + i]!;
      return;
    case MUL:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! * s;
      return;
    case DIV:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! / s;
      return;
    case RDIV:
      for (let i = 0; i < n; i++) out[oo + i] = s / x[xo + i]!;
      return;
    case ADD_ALPHA:
      for (let i = 0; i < n; i++) out[oo + i] = fmaF64(s, p, x[xo + i]!);
      return;
    case RADD_ALPHA:
      for (let i = 0; i < n; i++) out[oo + i] = fmaF64(x[xo + i]!, p, s);
      return;
    case POW:
      for (let i = 0; i < n; i++) out[oo + i] = Math.pow(x[xo + i]!, s);
      return;
    case RPOW:
      for (let i = 0; i < n; i++) out[oo + i] = Math.pow(s, x[xo + i]!);
      return;
    case MAXIMUM:
      for (let i = 0; i < n; i++) out[oo + i] = maxF(x[xo + i]!, s);
      return;
    case MINIMUM:
      for (let i = 0; i < n; i++) out[oo + i] = minF(x[xo + i]!, s);
      return;
    case REMAINDER:
      for (let i = 0; i < n; i++) out[oo + i] = remainderF(x[xo + i]!, s);
      return;
    case RREMAINDER:
      for (let i = 0; i < n; i++) out[oo + i] = remainderF(s, x[xo + i]!);
      return;
    case DIV_TRUNC:
      for (let i = 0; i < n; i++) out[oo + i] = Math.trunc(x[xo + i]! / s);
      return;
    case RDIV_TRUNC:
      for (let i = 0; i < n; i++) out[oo + i] = Math.trunc(s / x[xo + i]!);
      return;
    case DIV_FLOOR:
      for (let i = 0; i < n; i++) out[oo + i] = divFloorF64(x[xo + i]!, s);
      return;
    case RDIV_FLOOR:
      for (let i = 0; i < n; i++) out[oo + i] = divFloorF64(s, x[xo + i]!);
      return;
  }
  throw new Error(`scalarF64: unknown op ${op}`);
}

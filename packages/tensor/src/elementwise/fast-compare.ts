/**
 * Explicit contiguous kernels of the comparisons (bool results), for same-shape rows and for a row
 * against a scalar. One loop per comparison; the operands may be any typed arrays whose values are
 * already exact in the computation dtype (see scalar-operand.ts), so these serve every dtype.
 */
import type { TypedArray } from '../dtype.js';

export const EQ = 0;
export const NE = 1;
export const LT = 2;
export const LE = 3;
export const GT = 4;
export const GE = 5;

/** The comparison computing `y OP x` from `x OP' y`. */
export function swappedComparison(op: number): number {
  return op === LT ? GT : op === GT ? LT : op === LE ? GE : op === GE ? LE : op;
}

/** `out[oo + i] = x[xo + i] OP y[yo + i] ? 1 : 0` for `i < n`. */
export function compareSame(
  op: number,
  x: TypedArray,
  xo: number,
  y: TypedArray,
  yo: number,
  out: Uint8Array,
  oo: number,
  n: number,
): void {
  switch (op) {
    case EQ:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! === y[yo + i]! ? 1 : 0;
      return;
    case NE:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! !== y[yo + i]! ? 1 : 0;
      return;
    case LT:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! < y[yo + i]! ? 1 : 0;
      return;
    case LE:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! <= y[yo + i]! ? 1 : 0;
      return;
    case GT:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! > y[yo + i]! ? 1 : 0;
      return;
    case GE:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! >= y[yo + i]! ? 1 : 0;
      return;
  }
  throw new Error(`compareSame: unknown op ${op}`);
}

/** `out[oo + i] = x[xo + i] OP s ? 1 : 0` for `i < n`. */
export function compareScalar(
  op: number,
  x: TypedArray,
  xo: number,
  s: number,
  out: Uint8Array,
  oo: number,
  n: number,
): void {
  switch (op) {
    case EQ:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! === s ? 1 : 0;
      return;
    case NE:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! !== s ? 1 : 0;
      return;
    case LT:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! < s ? 1 : 0;
      return;
    case LE:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! <= s ? 1 : 0;
      return;
    case GT:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! > s ? 1 : 0;
      return;
    case GE:
      for (let i = 0; i < n; i++) out[oo + i] = x[xo + i]! >= s ? 1 : 0;
      return;
  }
  throw new Error(`compareScalar: unknown op ${op}`);
}

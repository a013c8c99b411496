/** Elementwise comparison with `|actual - expected| <= abs + rel * |expected|` (NaN matches NaN). */

export interface Tolerance {
  abs: number;
  rel: number;
}

/** Bit-for-bit equality (values PyTorch computes exactly the same way, such as seeded draws). */
export const EXACT: Tolerance = { abs: 0, rel: 0 };

export interface Comparison {
  ok: boolean;
  /** Largest |actual - expected| seen (Infinity for a NaN or infinity mismatch). */
  maxDiff: number;
  /** First index outside the tolerance, or -1. */
  firstBad: number;
  message: string;
}

export function compareValues(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance,
): Comparison {
  if (actual.length !== expected.length) {
    return {
      ok: false,
      maxDiff: Infinity,
      firstBad: 0,
      message: `length ${actual.length} instead of ${expected.length}`,
    };
  }
  let maxDiff = 0;
  let firstBad = -1;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    let diff: number;
    if (Number.isNaN(e) || Number.isNaN(a)) diff = Number.isNaN(e) && Number.isNaN(a) ? 0 : Infinity;
    else if (!Number.isFinite(e) || !Number.isFinite(a)) diff = a === e ? 0 : Infinity;
    else diff = Math.abs(a - e);
    if (diff > maxDiff) maxDiff = diff;
    if (firstBad < 0 && !(diff <= tol.abs + tol.rel * Math.abs(e))) firstBad = i;
  }
  const ok = firstBad < 0;
  const message = ok
    ? `max |diff| ${maxDiff}`
    : `element ${firstBad}: got ${actual[firstBad]}, expected ${expected[firstBad]} (abs ${tol.abs}, rel ${tol.rel}; max |diff| ${maxDiff})`;
  return { ok, maxDiff, firstBad, message };
}

/** Throws an Error naming the case when any value is outside the tolerance. */
export function expectClose(
  what: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance,
): void {
  const r = compareValues(actual, expected, tol);
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
}

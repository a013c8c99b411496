/**
 * fmaF32 against exact arithmetic: every float32 is an integer multiple of 2^-149, so a·b + c is
 * an exact BigInt multiple of 2^-298, rounded here to float32 (ties to even) by hand.
 */
import { describe, expect, it } from 'vitest';
import { fmaF32 } from '../src/fma.js';

const F32_MAX = 2 ** 128 - 2 ** 104;

/** round_f32(a·b + c) computed exactly. */
function exactFma(a: number, b: number, c: number): number {
  const scale = 2 ** 149;
  const n = BigInt(a * scale) * BigInt(b * scale) + BigInt(c * scale) * (1n << 149n); // units of 2^-298
  if (n === 0n) return 0;
  const neg = n < 0n;
  const mag = neg ? -n : n;
  const exponent = mag.toString(2).length - 1 - 298; // ⌊log2 |value|⌋
  const quantum = Math.max(exponent - 23, -149);
  const shift = BigInt(quantum + 298);
  let q = mag >> shift;
  const rem = mag - (q << shift);
  const half = 1n << (shift - 1n);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  const v = Number(q) * 2 ** quantum;
  const r = v > F32_MAX ? Infinity : v;
  return neg ? -r : r;
}

/** A float32 with a random significand and a binary exponent in [lo, hi]. */
function randomF32(rand: () => number, lo: number, hi: number): number {
  const e = lo + Math.floor(rand() * (hi - lo + 1));
  const sig = 1 + Math.floor(rand() * 2 ** 23) / 2 ** 23;
  return Math.fround((rand() < 0.5 ? -1 : 1) * sig * 2 ** e);
}

function mulberry32(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fmaF32', () => {
  it('rounds once where the binary64 sum lands exactly halfway between two float32s', () => {
    // 10610063 · 13264529 = 2^47 − 1: the product is half an ulp of x minus 2^-71 relative, which
    // binary64 rounds up to exactly half an ulp; x's odd significand then makes ties-to-even go up
    const a = 10610063 * 2 ** -36;
    const b = 13264529 * 2 ** -35;
    const x = 1 + 2 ** -23;
    expect(Math.fround(a * b + x)).toBe(1 + 2 ** -22); // two roundings
    expect(fmaF32(a, b, x)).toBe(x);
    expect(fmaF32(-a, b, -x)).toBe(-x);
    // just above the midpoint with an even significand: the exact value rounds up
    const y = 1 + 2 ** -22;
    expect(fmaF32(a, b, y)).toBe(exactFma(a, b, y));
    expect(fmaF32(2 ** -24, 1 + 2 ** -23, 1)).toBe(1 + 2 ** -23);
  });

  it('matches exact arithmetic on random operands across magnitudes, including subnormal results', () => {
    const rand = mulberry32(7);
    let checked = 0;
    for (let i = 0; i < 20000; i++) {
      const ea = -70 + Math.floor(rand() * 140);
      const a = randomF32(rand, ea, ea);
      const b = randomF32(rand, -60 + Math.floor(rand() * 120), 60);
      const c = randomF32(rand, -149 + 23, 120);
      if (!Number.isFinite(a * b)) continue;
      const expected = exactFma(a, b, c);
      const got = fmaF32(a, b, c);
      if (got !== expected) throw new Error(`fmaF32(${a}, ${b}, ${c}) = ${got}, expected ${expected}`);
      checked++;
    }
    expect(checked).toBeGreaterThan(15000);
  });

  it('is exact for sums that cancel, exact results and subnormal results', () => {
    expect(fmaF32(0.5, 0.5, -0.25)).toBe(0);
    expect(fmaF32(3, 0.5, 0.25)).toBe(1.75);
    expect(Object.is(fmaF32(-0, 1, -0), -0)).toBe(true);
    expect(fmaF32(2 ** -75, 2 ** -75, 0)).toBe(0); // 2^-150 is half the smallest subnormal: ties to even
    expect(fmaF32(2 ** -75, 2 ** -74 * 1.5, 0)).toBe(2 ** -148); // 1.5 quanta: ties to even
    expect(fmaF32(2 ** -75, 2 ** -74 * 1.25, 0)).toBe(2 ** -149);
    expect(fmaF32(2 ** -100, 2 ** -49, 2 ** -149)).toBe(exactFma(2 ** -100, 2 ** -49, 2 ** -149));
  });

  it('keeps infinities and NaN, and rounds the overflow midpoint by the exact value', () => {
    expect(fmaF32(Infinity, 1, 0)).toBe(Infinity);
    expect(fmaF32(1, 1, -Infinity)).toBe(-Infinity);
    expect(fmaF32(NaN, 1, 1)).toBeNaN();
    expect(fmaF32(Infinity, 0, 1)).toBeNaN();
    expect(fmaF32(2 ** 64, 2 ** 64, 0)).toBe(Infinity);
    // 14329 · 599479 = 2^33 − 1: F32_MAX + 2^103 − 2^70 is just below the overflow midpoint, which
    // binary64 rounds it to (and that midpoint alone would round to infinity)
    const a = 14329 * 2 ** 35;
    const b = 599479 * 2 ** 35;
    expect(a * b + F32_MAX).toBe(2 ** 128 - 2 ** 103);
    expect(Math.fround(a * b + F32_MAX)).toBe(Infinity);
    expect(fmaF32(a, b, F32_MAX)).toBe(F32_MAX);
    expect(fmaF32(-a, b, -F32_MAX)).toBe(-F32_MAX);
    expect(fmaF32(2 ** 103, 1, F32_MAX)).toBe(Infinity); // exactly the midpoint: ties to even
  });
});

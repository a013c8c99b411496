/**
 * The emulated fused multiply-adds and the avx_mathfun lanes. `fmaF32` and `fmaF64` are checked
 * against exact rational arithmetic (BigInt mantissas and power-of-two exponents, rounded to
 * nearest-even by hand) on thousands of triples, including constructed halfway cases where the
 * unfused `round(round(a*b) + c)` and plain `Math.fround(a*b + c)` both go wrong. log256/sincos256
 * are checked for accuracy against Math.log/sin/cos (their exact bits are pinned by the golden
 * randn values in random-sampling.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { log256, sincos256 } from '../src/random/avx-mathfun.js';
import { fmaF32, fmaF64 } from '../src/fma.js';
import { MT19937 } from '../src/random/mt19937.js';

/** x = m * 2^e exactly (m a signed BigInt). */
function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return [hi >>> 31 ? -m : m, e];
}

/** The exact a*b + c, as mantissa and exponent. */
function exactFma(a: number, b: number, c: number): [bigint, number] {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  return [((ma * mb) << BigInt(ep - e)) + (mc << BigInt(ec - e)), e];
}

/** Rounds m * 2^e to `prec` significant bits (ties to even), with subnormals down to 2^emin. */
function roundExact(m: bigint, e: number, prec: number, emin: number, overflowAt: number): number {
  if (m === 0n) return 0;
  const neg = m < 0n;
  const mag = neg ? -m : m;
  const msb = e + mag.toString(2).length - 1;
  const lsb = Math.max(msb - (prec - 1), emin);
  let q: bigint;
  if (lsb <= e) {
    q = mag << BigInt(e - lsb);
  } else {
    const shift = BigInt(lsb - e);
    q = mag >> shift;
    const rem = mag - (q << shift);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  let v = Number(q) * 2 ** lsb;
  if (v >= overflowAt) v = Infinity;
  return neg ? -v : v;
}

const refF32 = (a: number, b: number, c: number) => roundExact(...exactFma(a, b, c), 24, -149, 2 ** 128);
const refF64 = (a: number, b: number, c: number) => roundExact(...exactFma(a, b, c), 53, -1074, Infinity);

/** A float with `bits` significant bits, exponent in [emin, emax], random sign. */
function randomFloat(mt: MT19937, bits: number, emin: number, emax: number): number {
  const mant = bits <= 26 ? (mt.next() >>> (32 - bits)) | (1 << (bits - 1)) : ((mt.next() >>> 5) | (1 << 26)) * 2 ** (bits - 27) + (mt.next() >>> (59 - bits));
  const e = emin + (mt.next() % (emax - emin + 1));
  const s = mt.next() & 1 ? -1 : 1;
  return s * mant * 2 ** (e - bits + 1);
}

describe('fmaF32', () => {
  it('rounds the halfway cases by the exact value, not to even', () => {
    // (1 + 2^-23)(1 - 2^-23) = 1 - 2^-46; + (2^24 + 2) = 2^24 + 3 - 2^-46: binary64 rounds the sum to
    // 2^24 + 3, halfway between 2^24 + 2 and 2^24 + 4; the exact value is below it
    const a = 1 + 2 ** -23;
    const b = 1 - 2 ** -23;
    expect(fmaF32(a, b, 2 ** 24 + 2)).toBe(2 ** 24 + 2);
    expect(Math.fround(a * b + (2 ** 24 + 2))).toBe(2 ** 24 + 4);
    expect(fmaF32(-a, b, -(2 ** 24 + 2))).toBe(-(2 ** 24 + 2));
    // and above it: -(1 - 2^-46) + 2^24 + 4 = 2^24 + 3 + 2^-46
    expect(fmaF32(-a, b, 2 ** 24 + 4)).toBe(2 ** 24 + 4);
    expect(fmaF32(a, -b, 2 ** 24 + 6)).toBe(2 ** 24 + 6);
    expect(Math.fround(-a * b + (2 ** 24 + 6))).toBe(2 ** 24 + 4);
  });

  it('keeps the product unrounded', () => {
    const x = 1 + 2 ** -12;
    expect(fmaF32(x, x, -1)).toBe(2 ** -11 + 2 ** -24);
    expect(Math.fround(Math.fround(x * x) - 1)).toBe(2 ** -11);
  });

  it('handles exact results, zeros, infinities and NaN', () => {
    expect(fmaF32(2, 3, 4)).toBe(10);
    expect(fmaF32(0, 5, 0)).toBe(0);
    expect(fmaF32(2 ** 100, 2 ** 100, 0)).toBe(Infinity);
    expect(fmaF32(-(2 ** 100), 2 ** 100, 0)).toBe(-Infinity);
    expect(fmaF32(Infinity, 0, 1)).toBeNaN();
    expect(fmaF32(NaN, 1, 1)).toBeNaN();
    const max = 2 ** 128 - 2 ** 104;
    expect(fmaF32(max, 1, 2 ** 103)).toBe(Infinity); // exactly the overflow midpoint: ties to even
    expect(fmaF32(max, 1, 2 ** 102)).toBe(max);
  });

  it('equals exact rational rounding on 6000 random triples, with ties exercised', () => {
    const mt = new MT19937(2024);
    let ties = 0;
    let naiveWrong = 0;
    for (let i = 0; i < 6000; i++) {
      let a: number;
      let b: number;
      let c: number;
      const kind = i % 3;
      if (kind === 0) {
        // general operands
        a = randomFloat(mt, 24, -20, 20);
        b = randomFloat(mt, 24, -20, 20);
        c = randomFloat(mt, 24, -40, 40);
      } else if (kind === 1) {
        // short mantissas and cancellation: c near -a*b
        a = randomFloat(mt, 1 + (mt.next() % 24), -10, 10);
        b = randomFloat(mt, 1 + (mt.next() % 24), -10, 10);
        c = Math.fround(-a * b * (1 + ((mt.next() % 64) - 32) * 2 ** -20));
      } else {
        // constructed ties: (1 + k 2^-23)(1 - k 2^-23) = 1 - k^2 2^-46, c = ±(2^24 + 2j)
        const k = 1 + (mt.next() % 255);
        const j = mt.next() % (1 << 22);
        const sa = mt.next() & 1 ? 1 : -1;
        a = sa * (1 + k * 2 ** -23);
        b = 1 - k * 2 ** -23;
        c = (mt.next() & 1 ? 1 : -1) * (2 ** 24 + 2 * j);
      }
      expect([a, b, c].every((v) => Math.fround(v) === v)).toBe(true);
      const want = refF32(a, b, c);
      const got = fmaF32(a, b, c);
      if (got !== want) throw new Error(`fmaF32(${a}, ${b}, ${c}) = ${got}, exact rounding gives ${want}`);
      const s = a * b + c;
      if (Math.fround(s) !== s && Math.fround(2 * s - Math.fround(s)) === 2 * s - Math.fround(s)) ties++;
      if (Math.fround(s) !== want) naiveWrong++;
    }
    expect(ties).toBeGreaterThan(500);
    expect(naiveWrong).toBeGreaterThan(200);
  });
});

describe('fmaF64', () => {
  it('keeps the product unrounded', () => {
    expect(fmaF64(0.1, 10, -1)).toBe(2 ** -54);
    expect(0.1 * 10 - 1).toBe(0);
  });

  it('passes infinities and NaN through', () => {
    expect(fmaF64(Infinity, 2, 1)).toBe(Infinity);
    expect(fmaF64(1, 2, -Infinity)).toBe(-Infinity);
    expect(fmaF64(NaN, 2, 1)).toBeNaN();
  });

  it('equals exact rational rounding on 6000 random triples', () => {
    const mt = new MT19937(77);
    let naiveWrong = 0;
    for (let i = 0; i < 6000; i++) {
      const a = randomFloat(mt, i % 2 ? 53 : 1 + (mt.next() % 53), -30, 30);
      const b = randomFloat(mt, 53, -30, 30);
      const c = i % 3 === 0 ? -a * b * (1 + ((mt.next() % 64) - 32) * 2 ** -45) : randomFloat(mt, 53, -70, 70);
      const want = refF64(a, b, c);
      const got = fmaF64(a, b, c);
      if (got !== want) throw new Error(`fmaF64(${a}, ${b}, ${c}) = ${got}, exact rounding gives ${want}`);
      if (a * b + c !== want) naiveWrong++;
    }
    expect(naiveWrong).toBeGreaterThan(1000);
  });
});

describe('avx_mathfun lanes', () => {
  const ulp32 = (v: number) => 2 ** (Math.floor(Math.log2(Math.abs(v))) - 23);

  it('log256 is within 2 float32 ulps of log on (0, 1]', () => {
    const mt = new MT19937(5);
    for (let i = 0; i < 5000; i++) {
      const x = i === 0 ? 2 ** -24 : Math.fround(1 - (mt.next() & 0xffffff) * 2 ** -24);
      const want = Math.log(x);
      const got = log256(x);
      expect(Math.fround(got)).toBe(got);
      if (want !== 0) expect(Math.abs(got - want)).toBeLessThanOrEqual(2 * ulp32(want));
    }
    expect(log256(1)).toBe(0);
    expect(log256(0.5)).toBe(Math.fround(-Math.LN2));
  });

  it('sincos256 is within 2^-22 of sin and cos on [0, 2π)', () => {
    const mt = new MT19937(6);
    const out = new Float64Array(2);
    for (let i = 0; i < 5000; i++) {
      const x = Math.fround(Math.fround(2 * Math.PI) * (mt.next() & 0xffffff) * 2 ** -24);
      sincos256(x, out);
      expect(Math.fround(out[0]!)).toBe(out[0]);
      expect(Math.fround(out[1]!)).toBe(out[1]);
      expect(Math.abs(out[0]! - Math.sin(x))).toBeLessThanOrEqual(2 ** -22);
      expect(Math.abs(out[1]! - Math.cos(x))).toBeLessThanOrEqual(2 ** -22);
    }
    sincos256(0, out);
    expect(Object.is(out[0], 0)).toBe(true);
    expect(out[1]).toBe(1);
  });
});

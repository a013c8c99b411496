/**
 * Correctly rounded fused multiply-add, emulated with binary64 arithmetic. PyTorch's AVX2 kernels
 * (and GCC's contraction of `x * y + z` in its C++ code) compute `round(a * b + c)` with one
 * rounding; JavaScript has no FMA instruction, so reproducing those numbers bit for bit needs these.
 *
 * - `fmaF32`: for float32 operands the product is exact in binary64 (24 + 24 bits), TwoSum gives
 *   the exact error of the sum, and only a sum landing exactly halfway between two float32s needs
 *   the error to pick the side (RNG.md 4.3).
 * - `fmaF64`: Boldo & Melquiond's emulation ("Emulation of FMA and correctly rounded sums: proved
 *   algorithms using rounding to odd", IEEE TC 2008): exact product by Dekker/Veltkamp splitting,
 *   TwoSum, one addition rounded to odd, one final addition.
 */

const f64Buf = new Float64Array(1);
const f64Words = new Uint32Array(f64Buf.buffer);
// Word order of a float64 in memory: little-endian platforms keep the low word first.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = LITTLE_ENDIAN ? 1 : 0;

/** The midpoint between the largest float32 and 2^128: sums at or beyond it round to infinity. */
const F32_OVERFLOW_MIDPOINT = 2 ** 128 - 2 ** 103;
const FLOAT32_MAX = 2 ** 128 - 2 ** 104;
/** Veltkamp's splitter for binary64: 2^27 + 1. */
const SPLITTER = 134217729;

/**
 * `round_f32(a * b + c)` with a single rounding, for float32 values `a`, `b`, `c` (numbers that
 * `Math.fround` leaves unchanged). Ties round to even, as the hardware does.
 * @example fmaF32(1 + 2 ** -12, 1 + 2 ** -12, -1) // 2 ** -11 + 2 ** -24 (the unfused form loses 2 ** -24)
 */
export function fmaF32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  // o = 2s - r is exact for finite r; it is a float32 other than r only when s is a midpoint
  // between two float32s, the one case where the second rounding can be wrong. Testing that first
  // keeps the common path to a few flops: this runs for every element of SGD's `add_(g, alpha)`.
  const o = s + (s - r); // ±infinity when r overflowed, NaN when s is NaN or infinite
  if (Math.fround(o) !== o || o === r) return r;
  // TwoSum (Knuth): the exact error of s = p + c says which side the exact sum is on.
  const z = s - p;
  const e = p - (s - z) + (c - z);
  if (r === Infinity || r === -Infinity) {
    return Math.abs(s) === F32_OVERFLOW_MIDPOINT && e !== 0 && e > 0 !== s > 0 ? Math.sign(s) * FLOAT32_MAX : r;
  }
  return e !== 0 && e > 0 === o > r ? o : r;
}

/**
 * `round(a * b + c)` with a single rounding in binary64. Exact for finite operands unless the
 * product's splitting overflows or its error underflows (|a|, |b| or |a*b| beyond about 2^995, or
 * |a*b| below about 2^-969): far outside what the random kernels feed it.
 * @example fmaF64(0.1, 10, -1) // 5.551115123125783e-17 (the unfused 0.1 * 10 - 1 gives 0)
 */
export function fmaF64(a: number, b: number, c: number): number {
  const p = a * b;
  if (!Number.isFinite(p) || !Number.isFinite(c)) return p + c;
  // Dekker: p + pe === a * b exactly
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pe = ah * bh - p + ah * bl + al * bh + al * bl;
  if (pe === 0) return p + c;
  // TwoSum: th + tl === p + c exactly
  const th = p + c;
  const tz = th - p;
  const tl = p - (th - tz) + (c - tz);
  // v = round_to_odd(tl + pe)
  const v0 = tl + pe;
  const vz = v0 - tl;
  const ve = tl - (v0 - vz) + (pe - vz);
  let v = v0;
  if (ve !== 0) {
    f64Buf[0] = v0;
    if ((f64Words[LO]! & 1) === 0) v = stepMagnitude(v0, ve > 0 === v0 > 0);
  }
  return th + v;
}

/** The binary64 next to `x` (nonzero, finite) away from zero when `away`, else toward zero. */
function stepMagnitude(x: number, away: boolean): number {
  f64Buf[0] = x;
  let lo = f64Words[LO]!;
  let hi = f64Words[HI]!;
  if (away) {
    lo = (lo + 1) >>> 0;
    if (lo === 0) hi++;
  } else {
    if (lo === 0) hi--;
    lo = (lo - 1) >>> 0;
  }
  f64Words[LO] = lo;
  f64Words[HI] = hi;
  return f64Buf[0];
}

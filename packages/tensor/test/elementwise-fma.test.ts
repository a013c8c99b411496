/**
 * The float32 fused multiply-add of elementwise ops and where PyTorch uses it: add/sub with alpha
 * (vec::fmadd(b, alpha, a)), add_ (SGD's step) and addcmul_ (GCC's contraction of
 * `self + value*t1*t2`). `fmaF32` is checked against exact rational arithmetic written here
 * (integer mantissas as BigInt, rounded to float32 by hand), including constructed cases where the
 * binary64 sum lands exactly on a float32 midpoint, which plain `Math.fround(a*b + c)` gets wrong.
 */
import { describe, expect, it } from 'vitest';
import { fmaF32 } from '../src/fma.js';
import { NDArray, add, add_, addcmul_, sub } from '../src/index.js';

const TWO_149 = 2 ** 149;

/** The exact float32 result of a*b + c for float32 a, b, c (round to nearest, ties to even). */
function exactFmaF32(a: number, b: number, c: number): number {
  // every float32 is an integer multiple of 2^-149, so a*b + c is one of 2^-298
  const x = BigInt(a * TWO_149) * BigInt(b * TWO_149) + BigInt(c * TWO_149) * BigInt(TWO_149);
  if (x === 0n) return a * b + c; // keeps IEEE's sign of zero
  const negative = x < 0n;
  const mag = negative ? -x : x;
  const top = mag.toString(2).length - 1 - 298; // exponent of the leading bit
  const q = Math.max(top - 23, -149); // exponent of the float32 ulp there
  const shift = BigInt(q + 298);
  let m = mag >> shift;
  const rest = mag - (m << shift);
  const half = 1n << (shift - 1n);
  if (rest > half || (rest === half && (m & 1n) === 1n)) m += 1n;
  const r = Math.fround(Number(m) * 2 ** q);
  return negative ? -r : r;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random float32 with a random sign and binary exponent in [lo, hi). */
function randomF32(r: () => number, lo: number, hi: number): number {
  const e = lo + Math.floor(r() * (hi - lo));
  return Math.fround((r() < 0.5 ? -1 : 1) * (1 + r()) * 2 ** e);
}

// a = 2^30 + 2^7 has an odd last bit; alpha*b = 64 - 2^-40 puts the binary64 sum exactly on the
// midpoint a + 64, which ties to the even neighbour 2^30 + 2^8, though the exact sum is below it.
const MID_A = 2 ** 30 + 128;
const MID_B = 1 + 2 ** -23;
const MID_ALPHA = 64 * (1 - 2 ** -23);

describe('fmaF32', () => {
  it('matches exact rounding on random triples of mixed magnitudes', () => {
    const r = rng(7);
    for (let i = 0; i < 20000; i++) {
      const a = randomF32(r, -20, 20);
      const b = randomF32(r, -20, 20);
      const c = randomF32(r, -40, 40);
      expect(fmaF32(a, b, c)).toBe(exactFmaF32(a, b, c));
    }
  });

  it('matches exact rounding where the binary64 sum is a float32 midpoint', () => {
    const r = rng(11);
    let fooled = 0;
    for (let i = 0; i < 2000; i++) {
      // b = 1 + k u, alpha = 2^e (1 - k u): the product is 2^e - k^2 2^(e-46), just under a power of 2
      const k = 1 + Math.floor(r() * 60);
      const e = Math.floor(r() * 20) - 10;
      const b = Math.fround(1 + k * 2 ** -23);
      const alpha = Math.fround(2 ** e * (1 - k * 2 ** -23));
      const j = 1 + Math.floor(r() * 2 ** 22);
      const c = Math.fround((r() < 0.5 ? -1 : 1) * (2 ** (e + 24) + j * 2 ** (e + 1)));
      const s = r() < 0.5 ? 1 : -1;
      const expected = exactFmaF32(s * b, alpha, c);
      expect(fmaF32(s * b, alpha, c)).toBe(expected);
      if (Math.fround(s * b * alpha + c) !== expected) fooled++;
    }
    expect(fooled).toBeGreaterThan(500); // the cases really are the hard ones
  });

  it('handles the constructed midpoint case', () => {
    expect(exactFmaF32(MID_B, MID_ALPHA, MID_A)).toBe(MID_A);
    expect(Math.fround(MID_B * MID_ALPHA + MID_A)).toBe(MID_A + 128);
    expect(fmaF32(MID_B, MID_ALPHA, MID_A)).toBe(MID_A);
  });

  it('keeps infinities, NaN and signed zeros', () => {
    expect(fmaF32(Infinity, 1, 1)).toBe(Infinity);
    expect(fmaF32(Infinity, 0, 1)).toBeNaN();
    expect(fmaF32(NaN, 1, 1)).toBeNaN();
    expect(Object.is(fmaF32(-0, 1, -0), -0)).toBe(true);
    expect(Object.is(fmaF32(1, -1, 1), 0)).toBe(true);
  });
});

describe('alpha is one fused multiply-add', () => {
  const f32 = (values: number[], shape = [values.length]): NDArray =>
    new NDArray(Float32Array.from(values), shape);

  it('add(a, b, { alpha }) rounds a + alpha*b once (the midpoint case)', () => {
    const out = add(f32([MID_A, 1]), f32([MID_B, 1]), { alpha: MID_ALPHA });
    expect(out.dtype).toBe('float32');
    expect(Array.from(out.data)).toEqual([MID_A, exactFmaF32(1, Math.fround(MID_ALPHA), 1)]);
  });

  it('sub(a, b, { alpha }) is a + (-alpha)*b, rounded once', () => {
    const out = sub(f32([MID_A]), f32([MID_B]), { alpha: -MID_ALPHA });
    expect(out.data[0]).toBe(MID_A);
  });

  it('alpha is cast to float32 first, as PyTorch casts the Scalar to the dtype', () => {
    const r = rng(3);
    const a = Array.from({ length: 64 }, () => randomF32(r, -3, 3));
    const b = Array.from({ length: 64 }, () => randomF32(r, -3, 3));
    const out = add(f32(a), f32(b), { alpha: 0.1 });
    const alpha = Math.fround(0.1);
    const expected = a.map((ai, i) => exactFmaF32(b[i]!, alpha, ai));
    expect(Array.from(out.data)).toEqual(expected);
    // and unfused rounding would differ somewhere in these 64 values
    expect(a.some((ai, i) => Math.fround(ai + Math.fround(alpha * b[i]!)) !== expected[i])).toBe(true);
  });

  it('broadcast, scalar and reversed-scalar operands use the same fma', () => {
    const a = f32([1.5, -2.25, 3.125, 0.1, 7, -0.3], [2, 3]);
    const row = f32([0.7, -1.3, 2.9]);
    const alpha = Math.fround(-0.37);
    const got = add(a, row, { alpha: -0.37 });
    const av = Array.from(a.data);
    const rv = Array.from(row.data);
    expect(Array.from(got.data)).toEqual(av.map((x, i) => exactFmaF32(rv[i % 3]!, alpha, x)));
    // 1.5 - alpha * a, the scalar on the left
    const rev = sub(1.5, a, { alpha: 0.37 });
    expect(Array.from(rev.data)).toEqual(av.map((x) => exactFmaF32(x, Math.fround(-0.37), 1.5)));
    // a + alpha * 0.3, the scalar (cast to float32) on the right
    const sc = add(a, 0.3, { alpha: -0.37 });
    expect(Array.from(sc.data)).toEqual(av.map((x) => exactFmaF32(Math.fround(0.3), alpha, x)));
  });

  it('matches PyTorch 1.13 on ops.json add/alpha (torch.add(a, b, alpha=-0.5), [3, 4] + [4])', () => {
    const a = f32(
      [
        -0.4929250478744507, 1.505028486251831, -2.32635498046875, 1.61688995361328125, -0.9026237726211548,
        0.17366823554039001, 0.07721547037363052, -0.9338904023170471, 0.09143101423978806, 1.3939611911773682,
        -0.6876787543296814, -0.5058491826057434,
      ],
      [3, 4],
    );
    const b = f32([0.1924314945936203, 0.7161179780960083, -0.811964750289917, -1.4616636037826538]);
    const torch = [
      -0.589140772819519, 1.1469695568084717, -1.9203726053237915, 2.347721815109253, -0.9988394975662231,
      -0.18439075350761414, 0.4831978380680084, -0.20305860042572021, -0.004784733057022095, 1.0359022617340088,
      -0.2816963791847229, 0.2249826192855835,
    ];
    expect(Array.from(add(a, b, { alpha: -0.5 }).data)).toEqual(torch);
  });

  it('add_ with alpha (an SGD step) writes the fused result into the array', () => {
    const r = rng(5);
    const w = Array.from({ length: 100 }, () => randomF32(r, -2, 2));
    const g = Array.from({ length: 100 }, () => randomF32(r, -8, 2));
    const param = f32(w);
    const lr = Math.fround(0.01);
    expect(add_(param, f32(g), { alpha: -0.01 })).toBe(param);
    expect(Array.from(param.data)).toEqual(w.map((wi, i) => exactFmaF32(g[i]!, -lr, wi)));
    const mid = f32([MID_A]);
    mid.add_(f32([MID_B]), { alpha: MID_ALPHA });
    expect(mid.data[0]).toBe(MID_A);
  });

  it('add_ with alpha through a strided view uses the fma too', () => {
    const base = f32([MID_A, 0, 0, 0], [2, 2]);
    const view = new NDArray(base.data, [2, 2], [1, 2]); // the transpose
    view.add_(f32([MID_B, 0, 0, 0], [2, 2]), { alpha: MID_ALPHA });
    expect(Array.from(base.data)).toEqual([MID_A, 0, 0, 0]);
  });

  it('addcmul_ fuses the last multiply with the add: fma(fround(value*t1), t2, self)', () => {
    const r = rng(9);
    const n = 200;
    const s = Array.from({ length: n }, () => randomF32(r, -4, 4));
    const t1 = Array.from({ length: n }, () => randomF32(r, -4, 4));
    const t2 = Array.from({ length: n }, () => randomF32(r, -4, 4));
    const v = Math.fround(0.001);
    const self = f32(s);
    expect(addcmul_(self, f32(t1), f32(t2), { value: 0.001 })).toBe(self);
    const expected = s.map((si, i) => exactFmaF32(Math.fround(v * t1[i]!), t2[i]!, si));
    expect(Array.from(self.data)).toEqual(expected);
    // the broadcast (generic) path agrees with the contiguous one
    const self2 = f32(s, [n / 4, 4]);
    addcmul_(self2, f32(t1, [n / 4, 4]), f32(t2.slice(0, 4)), { value: 0.001 });
    const expected2 = s.map((si, i) => exactFmaF32(Math.fround(v * t1[i]!), t2[i % 4]!, si));
    expect(Array.from(self2.data)).toEqual(expected2);
  });
});

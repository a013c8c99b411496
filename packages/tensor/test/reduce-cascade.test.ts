/**
 * PyTorch's float32 summation order (shared/conformance/RNG.md section 7). The expected values come
 * from two independent sources: the hand-derived orders of tutorial.json's float32_recipe for small
 * N, and a literal transcription of the RNG.md pseudo-code below (nested arrays of lanes, nothing
 * shared with src/reduce/cascade-sum.ts).
 */
import { describe, expect, it } from 'vitest';
import { NDArray, cascadeSumF32, cascadeSumF64, mean, sum, transpose } from '../src/index.js';

const f = Math.fround;

/** Deterministic float32 test data: a small LCG, values spread over several binades. */
function randomF32(n: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const u = s / 2 ** 32;
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const scale = 10 ** ((s / 2 ** 32) * 6 - 3);
    out[i] = (u - 0.5) * scale;
  }
  return out;
}

// ---- RNG.md section 7, transcribed literally -------------------------------------------------

function addLanes(a: number[], b: number[]): number[] {
  return a.map((x, i) => f(x + b[i]!));
}

function ceilLog2(n: number): number {
  let e = 0;
  while (2 ** e < n) e++;
  return e;
}

/** row_sum(items): items are vectors (arrays of lanes); scalars are 1-lane vectors. */
function rowSumRef(items: number[][], lanes: number): number[] {
  const zero = () => new Array<number>(lanes).fill(0);
  const rows = Math.floor(items.length / 4);
  const P = Math.max(4, Math.floor(ceilLog2(rows) / 4));
  const step = 2 ** P;
  const mask = step - 1;
  const acc = [0, 1, 2, 3].map(() => [0, 1, 2, 3].map(zero));
  let i = 0;
  while (i + step <= rows) {
    for (let r = 0; r < step; r++) {
      for (let k = 0; k < 4; k++) acc[0]![k] = addLanes(acc[0]![k]!, items[4 * i + k]!);
      i += 1;
    }
    for (let L = 1; L <= 3; L++) {
      for (let k = 0; k < 4; k++) {
        acc[L]![k] = addLanes(acc[L]![k]!, acc[L - 1]![k]!);
        acc[L - 1]![k] = zero();
      }
      if (i & (mask << (L * P))) break;
    }
  }
  while (i < rows) {
    for (let k = 0; k < 4; k++) acc[0]![k] = addLanes(acc[0]![k]!, items[4 * i + k]!);
    i += 1;
  }
  for (let L = 1; L <= 3; L++) for (let k = 0; k < 4; k++) acc[0]![k] = addLanes(acc[0]![k]!, acc[L]![k]!);
  const p = acc[0]!;
  for (let t = 4 * rows; t < items.length; t++) p[0] = addLanes(p[0]!, items[t]!);
  return addLanes(addLanes(addLanes(p[0]!, p[1]!), p[2]!), p[3]!);
}

function sumRef(x: Float32Array): number {
  const n = x.length;
  if (n < 8) return f(0 + rowSumRef(Array.from(x, (v) => [v]), 1)[0]!);
  const vectors: number[][] = [];
  for (let t = 0; t + 8 <= n; t += 8) vectors.push(Array.from(x.subarray(t, t + 8)));
  const v = rowSumRef(vectors, 8);
  let s = 0;
  for (let t = 8 * Math.floor(n / 8); t < n; t++) s = f(s + x[t]!);
  for (let lane = 0; lane < 8; lane++) s = f(s + v[lane]!);
  return f(0 + s);
}

function leftToRight(x: Float32Array): number {
  let s = 0;
  for (const v of x) s = f(s + v);
  return s;
}

// ---- the recipe's hand-derived orders (tutorial.json float32_recipe) -------------------------

function recipeOrder(x: Float32Array): number {
  const n = x.length;
  if (n < 4) return leftToRight(x);
  if (n < 8) {
    const p = [x[0]!, x[1]!, x[2]!, x[3]!];
    for (let t = 4; t < n; t++) p[0] = f(p[0]! + x[t]!);
    return f(f(f(p[0]! + p[1]!) + p[2]!) + p[3]!);
  }
  if (n < 16) {
    let s = 0;
    for (let t = 8; t < n; t++) s = f(s + x[t]!);
    for (let t = 0; t < 8; t++) s = f(s + x[t]!);
    return s;
  }
  if (n === 20) {
    const v = Array.from({ length: 8 }, (_, k) => f(x[k]! + x[8 + k]!));
    let s = f(f(f(x[16]! + x[17]!) + x[18]!) + x[19]!);
    for (const lane of v) s = f(s + lane);
    return s;
  }
  if (n === 100) {
    // 8-lane vectors V_0..V_11; acc_k = (V_k + V_{4+k}) + V_{8+k}; v = ((acc_0 + acc_1) + acc_2) + acc_3
    const V = (j: number, lane: number) => x[8 * j + lane]!;
    const v = Array.from({ length: 8 }, (_, lane) => {
      const acc = [0, 1, 2, 3].map((k) => f(f(V(k, lane) + V(4 + k, lane)) + V(8 + k, lane)));
      return f(f(f(acc[0]! + acc[1]!) + acc[2]!) + acc[3]!);
    });
    let s = f(f(f(x[96]! + x[97]!) + x[98]!) + x[99]!);
    for (const lane of v) s = f(s + lane);
    return s;
  }
  throw new Error(`no hand-derived order for n = ${n}`);
}

describe('cascadeSumF32', () => {
  const recipeSizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 20, 100];

  it.each(recipeSizes)('follows the recipe order for n = %i', (n) => {
    for (let seed = 1; seed <= 50; seed++) {
      const x = randomF32(n, seed * 7919 + n);
      const expected = recipeOrder(x);
      expect(sumRef(x)).toBe(expected); // the transcription agrees with the hand-derived order
      expect(cascadeSumF32(x, 0, n)).toBe(expected);
    }
  });

  it.each([0, 16, 31, 32, 33, 63, 64, 65, 127, 128, 129, 511, 512, 513, 1000, 2048, 4099, 8192, 8200, 20000, 32767])(
    'matches the RNG.md algorithm for n = %i',
    (n) => {
      const x = randomF32(n, 12345 + n);
      expect(cascadeSumF32(x, 0, n)).toBe(sumRef(x));
    },
  );

  it('matches the algorithm where the third cascade level is used (n = 140,000)', () => {
    const n = 140_000;
    const x = randomF32(n, 99);
    expect(cascadeSumF32(x, 0, n)).toBe(sumRef(x));
  });

  it('reads from an offset', () => {
    const x = randomF32(300, 5);
    expect(cascadeSumF32(x, 37, 200)).toBe(sumRef(x.slice(37, 237)));
  });

  it('differs from naive left-to-right summation where PyTorch does', () => {
    // Eight 1s then 2^24: left to right keeps the 8; the cascade starts from the tail (2^24), and
    // each 1 added to 2^24 rounds back to 2^24 (ties to even).
    const x = Float32Array.from([1, 1, 1, 1, 1, 1, 1, 1, 2 ** 24]);
    expect(leftToRight(x)).toBe(2 ** 24 + 8);
    expect(sumRef(x)).toBe(2 ** 24);
    expect(cascadeSumF32(x, 0, x.length)).toBe(2 ** 24);
    expect(sum(new NDArray(x, [9])).item()).toBe(2 ** 24);
  });

  it('differs from naive summation on random data too, and agrees with the reference', () => {
    let differing = 0;
    for (let seed = 0; seed < 40; seed++) {
      const x = randomF32(777, seed);
      const c = cascadeSumF32(x, 0, x.length);
      expect(c).toBe(sumRef(x));
      if (c !== leftToRight(x)) differing++;
    }
    expect(differing).toBeGreaterThan(0);
  });

  it('stays within float32 accuracy of the float64 sum for large n', () => {
    const n = 1_000_000;
    const x = new Float32Array(n);
    let exact = 0;
    for (let i = 0; i < n; i++) {
      x[i] = f(Math.sin(i) * 0.5 + 0.5);
      exact += x[i]!;
    }
    expect(Math.abs(cascadeSumF32(x, 0, n) - exact) / exact).toBeLessThan(1e-6);
    // a constant 0.1 drifts by about 1% in a naive float32 loop, not in the cascade
    const tenth = new Float32Array(n).fill(0.1);
    const exactTenth = n * f(0.1);
    expect(Math.abs(cascadeSumF32(tenth, 0, n) - exactTenth) / exactTenth).toBeLessThan(1e-6);
    expect(Math.abs(leftToRight(tenth) - exactTenth) / exactTenth).toBeGreaterThan(1e-3);
  });
});

describe('cascadeSumF64', () => {
  it('sums float64 data accurately', () => {
    const n = 100_003;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = 1 / (i + 1);
    // Kahan-compensated reference
    let s = 0;
    let comp = 0;
    for (const v of x) {
      const y = v - comp;
      const t = s + y;
      comp = t - s - y;
      s = t;
    }
    expect(Math.abs(cascadeSumF64(x, 0, n) - s)).toBeLessThan(1e-12);
    expect(cascadeSumF64(x, 0, 3)).toBe(1 + 1 / 2 + 1 / 3);
    expect(cascadeSumF64(x, 0, 0)).toBe(0);
  });
});

describe('sum and mean use the cascade', () => {
  it('full sum and mean of a float32 array are PyTorch-exact', () => {
    const x = randomF32(100, 3);
    const a = new NDArray(x, [4, 25]);
    expect(sum(a).item()).toBe(recipeOrder(x));
    expect(mean(a).item()).toBe(f(recipeOrder(x) / 100));
  });

  it('a non-contiguous input is summed in the order of its contiguous copy', () => {
    const x = randomF32(20 * 30, 8);
    const a = transpose(new NDArray(x, [20, 30]), 0, 1); // [30, 20], strides [1, 30]
    const copy = new Float32Array(600);
    for (let i = 0; i < 30; i++) for (let j = 0; j < 20; j++) copy[i * 20 + j] = x[j * 30 + i]!;
    expect(sum(a).item()).toBe(sumRef(copy));
  });

  it('sums over the last dim of a contiguous array row by row in the cascade order', () => {
    const x = randomF32(3 * 100, 11);
    const rows = sum(new NDArray(x, [3, 100]), -1).toTypedArray();
    for (let r = 0; r < 3; r++) expect(rows[r]).toBe(recipeOrder(x.slice(r * 100, r * 100 + 100)));
  });
});

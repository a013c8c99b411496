/**
 * The WebAssembly float32 gemm kernel: the committed bytes are the committed WAT assembled; its
 * products stay within float32's summation error bound of a float64 reference at tile edges,
 * k-block and chunk boundaries, for transposed, strided, offset and broadcast operands; the memory
 * grows between calls; and without WebAssembly (or SIMD) float32 products fall back to the JS
 * kernel.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NDArray, bmm, expand, matmul, transpose } from '../src/index.js';
import type { MatrixOperand } from '../src/linalg/gemm.js';
import { gemmF32 } from '../src/linalg/wasm/gemm-f32.js';
import { GEMM_WASM_BYTES } from '../src/linalg/wasm/gemm-wasm-bytes.js';
import { gemmKernel } from '../src/linalg/wasm/kernel.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomData(n: number, seed: number): Float32Array {
  const next = seeded(seed);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = next() * 2 - 1;
  return data;
}

/** A row-major M x K operand over fresh random data. */
function rowMajor(rows: number, cols: number, seed: number): MatrixOperand {
  return { data: randomData(rows * cols, seed), offset: 0, rowStride: cols, colStride: 1 };
}

/**
 * Checks c (row-major M x N at cOffset) against the float64 product: each entry within the
 * float32 recursive-summation bound (K + 1) * 2^-24 * sum_k |a_ik b_kj| (K roundings of partial
 * sums and products, one of the result). `step` > 1 checks every step-th row and column only.
 */
function expectWithinBound(
  M: number,
  N: number,
  K: number,
  a: MatrixOperand,
  b: MatrixOperand,
  c: Float32Array,
  { cOffset = 0, step = 1 } = {},
): void {
  const u = 2 ** -24;
  let worst = 0;
  for (let i = 0; i < M; i += step) {
    for (let j = 0; j < N; j += step) {
      let s = 0;
      let abs = 0;
      for (let k = 0; k < K; k++) {
        const p = a.data[a.offset + i * a.rowStride + k * a.colStride]! * b.data[b.offset + k * b.rowStride + j * b.colStride]!;
        s += p;
        abs += Math.abs(p);
      }
      const err = Math.abs(c[cOffset + i * N + j]! - s);
      worst = Math.max(worst, err / ((K + 1) * u * abs + Number.MIN_VALUE));
    }
  }
  expect(worst).toBeLessThanOrEqual(1);
}

describe('the WebAssembly module', () => {
  it('is gemm.wat assembled (run node scripts/build-wasm.mjs after editing the WAT)', async () => {
    const wabt = await wabtInit();
    const wat = readFileSync(fileURLToPath(new URL('../src/linalg/wasm/gemm.wat', import.meta.url)), 'utf8');
    const module = wabt.parseWat('gemm.wat', wat, { simd: true });
    const bytes = module.toBinary({}).buffer;
    module.destroy();
    expect(Array.from(GEMM_WASM_BYTES)).toEqual(Array.from(bytes));
  });

  it('is small enough for a synchronous compile on a browser main thread (< 4 KB)', () => {
    expect(GEMM_WASM_BYTES.length).toBeLessThan(4096);
  });

  it('instantiates in Node 20 (SIMD128 available), so the tests below run the wasm kernel', () => {
    expect(gemmKernel()).not.toBeNull();
  });
});

describe('gemmF32 against a float64 reference', () => {
  // M and N on both sides of the 4 x 8 tile, K on both sides of a k block (256)
  const cases: [number, number, number][] = [];
  for (const m of [2, 4, 5, 67]) for (const n of [3, 8, 9, 130]) for (const k of [1, 7, 256, 257, 600]) cases.push([m, n, k]);

  it.each(cases)('M=%i N=%i K=%i', (M, N, K) => {
    const a = rowMajor(M, K, M * 31 + K);
    const b = rowMajor(K, N, N * 17 + K);
    const c = new Float32Array(M * N);
    expect(gemmF32(M, N, K, a, b, c, 0)).toBe(true);
    expectWithinBound(M, N, K, a, b, c);
  });

  it('more columns than one chunk (2048) and more rows than one chunk (2^20 entries)', () => {
    const wide: [number, number, number] = [6, 2057, 3];
    const tall: [number, number, number] = [515, 2048, 2];
    for (const [M, N, K] of [wide, tall]) {
      const a = rowMajor(M, K, 1);
      const b = rowMajor(K, N, 2);
      const c = new Float32Array(M * N);
      expect(gemmF32(M, N, K, a, b, c, 0)).toBe(true);
      expectWithinBound(M, N, K, a, b, c);
    }
  });

  it('transposed, strided, offset and broadcast operands', () => {
    const [M, N, K] = [37, 21, 300];
    const aT: MatrixOperand = { data: randomData(K * M, 3), offset: 0, rowStride: 1, colStride: M }; // (K x M).t()
    const bT: MatrixOperand = { data: randomData(N * K, 4), offset: 0, rowStride: 1, colStride: K };
    // every other row and third column of a larger array, from an offset
    const aS: MatrixOperand = { data: randomData(2 * M * 3 * K + 10, 5), offset: 7, rowStride: 6 * K, colStride: 3 };
    const bS: MatrixOperand = { data: randomData(2 * K * 2 * N + 10, 6), offset: 5, rowStride: 4 * N, colStride: 2 };
    const aB: MatrixOperand = { data: randomData(K, 7), offset: 0, rowStride: 0, colStride: 1 }; // one row, repeated
    for (const [a, b] of [[aT, bT], [aS, bS], [aB, bT], [aT, bS]] as const) {
      const c = new Float32Array(M * N);
      expect(gemmF32(M, N, K, a, b, c, 0)).toBe(true);
      expectWithinBound(M, N, K, a, b, c);
    }
  });

  it('writes only its M x N block at cOffset', () => {
    const [M, N, K] = [9, 10, 50];
    const a = rowMajor(M, K, 8);
    const b = rowMajor(K, N, 9);
    const c = new Float32Array(M * N + 20).fill(-7);
    expect(gemmF32(M, N, K, a, b, c, 10)).toBe(true);
    expectWithinBound(M, N, K, a, b, c, { cOffset: 10 });
    expect(Array.from(c.subarray(0, 10))).toEqual(new Array(10).fill(-7));
    expect(Array.from(c.subarray(10 + M * N))).toEqual(new Array(10).fill(-7));
  });

  it('keeps working after its memory grows (the old views are detached)', () => {
    const sizes: [number, number, number][] = [[8, 8, 8], [700, 900, 300], [8, 8, 8]];
    for (const [M, N, K] of sizes) {
      const a = rowMajor(M, K, M + N);
      const b = rowMajor(K, N, K + 1);
      const c = new Float32Array(M * N);
      expect(gemmF32(M, N, K, a, b, c, 0)).toBe(true);
      expectWithinBound(M, N, K, a, b, c, { step: M === 8 ? 1 : 13 });
    }
  });

  it('propagates NaN and Infinity like the reference, only into the rows they reach', () => {
    const [M, N, K] = [6, 9, 40];
    const a = rowMajor(M, K, 10);
    const b = rowMajor(K, N, 11);
    a.data[1 * K + 3] = NaN;
    a.data[4 * K + 5] = Infinity;
    b.data[5 * N + 2] = 0;
    const c = new Float32Array(M * N);
    gemmF32(M, N, K, a, b, c, 0);
    for (let j = 0; j < N; j++) {
      expect(c[1 * N + j]).toBeNaN();
      expect(Math.abs(c[4 * N + j]!)).toBe(j === 2 ? NaN : Infinity); // Inf * 0 = NaN
      expect(Number.isFinite(c[0 * N + j]!)).toBe(true);
    }
  });
});

describe('matmul on float32 takes the wasm kernel', () => {
  it('for the shapes of an MLP step, with the transposes autograd passes', () => {
    const x = new NDArray(randomData(64 * 784, 12), [64, 784]);
    const w = new NDArray(randomData(128 * 784, 13), [128, 784]);
    const g = new NDArray(randomData(64 * 128, 14), [64, 128]);
    const check = (left: NDArray, right: NDArray): void => {
      const [M, K] = left.shape as [number, number];
      const N = right.shape[1]!;
      const op = (t: NDArray): MatrixOperand => ({ data: t.data, offset: t.offset, rowStride: t.strides[0]!, colStride: t.strides[1]! });
      expectWithinBound(M, N, K, op(left), op(right), matmul(left, right).data as Float32Array);
    };
    check(x, transpose(w, 0, 1)); // forward: x @ W^T
    check(transpose(x, 0, 1), g); // weight gradient: x^T @ dY
    check(g, w); // input gradient: dY @ W
  });

  it('for batches (bmm writes each product at its offset) and broadcast rows', () => {
    const a = new NDArray(randomData(3 * 20 * 30, 15), [3, 20, 30]);
    const b = new NDArray(randomData(3 * 30 * 17, 16), [3, 30, 17]);
    const c = bmm(a, b);
    for (let t = 0; t < 3; t++) {
      const opA: MatrixOperand = { data: a.data, offset: t * 600, rowStride: 30, colStride: 1 };
      const opB: MatrixOperand = { data: b.data, offset: t * 510, rowStride: 17, colStride: 1 };
      expectWithinBound(20, 17, 30, opA, opB, c.data as Float32Array, { cOffset: t * 340 });
    }
    const row = new NDArray(randomData(40, 17), [1, 40]);
    const m = new NDArray(randomData(40 * 45, 18), [40, 45]);
    const r = matmul(expand(row, [50, 40]), m).data as Float32Array;
    expectWithinBound(50, 45, 40, { data: row.data, offset: 0, rowStride: 0, colStride: 1 }, { data: m.data, offset: 0, rowStride: 45, colStride: 1 }, r);
  });
});

describe('without WebAssembly SIMD', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  /** Fresh copies of the modules, so the kernel is instantiated (or not) anew. */
  async function freshModules(): Promise<{ gemmF32: typeof gemmF32; index: typeof import('../src/index.js') }> {
    vi.resetModules();
    const wasm = await import('../src/linalg/wasm/gemm-f32.js');
    return { gemmF32: wasm.gemmF32, index: await import('../src/index.js') };
  }

  /** float32 product via the JS kernel: the float64 sums, each rounded once. */
  function expectJsKernel(product: NDArray, a: NDArray, b: NDArray): void {
    const [M, K] = a.shape as [number, number];
    const N = b.shape[1]!;
    const expected: number[] = [];
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a.data[i * K + k]! * b.data[k * N + j]!;
        expected.push(Math.fround(s));
      }
    }
    expect(Array.from(product.data)).toEqual(expected);
  }

  it.each([
    ['no WebAssembly global', undefined],
    ['a WebAssembly that refuses SIMD', { validate: () => false }],
  ])('%s: gemmF32 declines and matmul runs the JS kernel', async (_, stub) => {
    vi.stubGlobal('WebAssembly', stub);
    const fresh = await freshModules();
    const a = new fresh.index.NDArray(randomData(40 * 50, 19), [40, 50]);
    const b = new fresh.index.NDArray(randomData(50 * 45, 20), [50, 45]);
    const c = new Float32Array(40 * 45);
    const op = (t: NDArray, n: number): MatrixOperand => ({ data: t.data, offset: 0, rowStride: n, colStride: 1 });
    expect(fresh.gemmF32(40, 45, 50, op(a, 50), op(b, 45), c, 0)).toBe(false);
    expect(Array.from(c)).toEqual(new Array(40 * 45).fill(0));
    expectJsKernel(fresh.index.matmul(a, b), a, b);
  });
});

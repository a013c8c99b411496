/**
 * float32 C = A B on the WebAssembly SIMD128 kernel (gemm.wat): pack blocks of A and B into the
 * kernel's memory (pack-f32.ts, which also takes care of strides), run the kernel over them, copy
 * the valid part of C out. gemm.ts calls this for float32 operands and keeps its JS kernel when
 * it returns false (no WebAssembly SIMD here, or memory cannot grow).
 *
 * Sums are float32 (each product and partial sum rounded), as in PyTorch's CPU BLAS, rather than
 * the JS kernel's float64: each entry is within (K + 1) * 2^-24 * sum_k |a_ik b_kj| of the exact
 * product (test/linalg-wasm.test.ts checks that bound).
 *
 * The output is computed in chunks of at most CHUNK_COLS columns and CHUNK_FLOATS entries, with
 * every k block of a chunk accumulated in wasm memory before it is copied out, so the memory one
 * product needs is bounded (about 8 MB) whatever the shapes.
 */
import type { MatrixOperand } from '../gemm.js';
import { gemmKernel, reserve } from './kernel.js';
import { MR, NR, packA, packB } from './pack-f32.js';

/** Largest depth of a packed block (K is cut into equal blocks): a B panel, KC x 8 floats, fits L1. */
const KC = 256;
/** Rows of A per L2 block in the kernel's outer loop (MCB x KC floats = 64 KB). */
const MCB = 64;
/** Most columns of C per chunk (a multiple of NR). */
const CHUNK_COLS = 2048;
/** Most entries of C per chunk, and most rows (so the packed A chunk stays within 2 MB). */
const CHUNK_FLOATS = 1 << 20;
const CHUNK_ROWS = 2048;

/**
 * Writes A (M x K) times B (K x N), float32 operands, into `c[cOffset ..]` (row-major, row length
 * N) and returns true; returns false, having written nothing, where the wasm kernel is unavailable.
 * Needs M, N, K >= 1.
 */
export function gemmF32(M: number, N: number, K: number, a: MatrixOperand, b: MatrixOperand, c: Float32Array, cOffset: number): boolean {
  const kernel = gemmKernel();
  if (kernel === null) return false;
  // Equal k blocks (784 = 4 x 196, not 3 x 256 + 16): a thin last block would cost a full pass.
  const kcMax = Math.ceil(K / Math.ceil(K / KC));
  const colsMax = roundUp(Math.min(N, CHUNK_COLS), NR);
  const rowsMax = Math.min(roundUp(M, MR), CHUNK_ROWS, Math.max(MR, Math.floor(CHUNK_FLOATS / colsMax / MR) * MR));
  const aBase = 0;
  const bBase = rowsMax * kcMax;
  const cBase = bBase + kcMax * colsMax;
  const mem = reserve(kernel, cBase + rowsMax * colsMax);
  if (mem === null) return false;

  for (let j0 = 0; j0 < N; j0 += colsMax) {
    const cols = Math.min(colsMax, N - j0);
    const ldc = roundUp(cols, NR);
    for (let i0 = 0; i0 < M; i0 += rowsMax) {
      const rows = Math.min(rowsMax, M - i0);
      const mp = roundUp(rows, MR);
      for (let k0 = 0; k0 < K; k0 += kcMax) {
        const kc = Math.min(kcMax, K - k0);
        packB(b, k0, kc, j0, cols, mem, bBase);
        packA(a, i0, rows, k0, kc, mem, aBase);
        kernel.gemm(aBase * 4, bBase * 4, cBase * 4, mp, ldc, kc, ldc, MCB, k0 === 0 ? 0 : 1);
      }
      copyOut(mem, cBase, ldc, rows, cols, c, cOffset + i0 * N + j0, N);
    }
  }
  return true;
}

/** Copies the valid rows x cols of the padded C chunk (row length ldc) into c (row length n). */
function copyOut(mem: Float32Array, cBase: number, ldc: number, rows: number, cols: number, c: Float32Array, cOffset: number, n: number): void {
  if (ldc === n) {
    c.set(mem.subarray(cBase, cBase + rows * n), cOffset);
    return;
  }
  for (let i = 0; i < rows; i++) c.set(mem.subarray(cBase + i * ldc, cBase + i * ldc + cols), cOffset + i * n);
}

function roundUp(n: number, multiple: number): number {
  return Math.ceil(n / multiple) * multiple;
}

/**
 * The matrix product kernel behind matmul, mm, bmm: C = A B for strided A (M x K) and B (K x N),
 * written row-major into C. float32 products of at least WASM_MIN multiply-adds go to the
 * WebAssembly SIMD128 kernel (wasm/gemm-f32.ts, about 10x faster); everything else, and float32
 * where WebAssembly SIMD is unavailable, runs the plain JS kernel below.
 *
 * The JS kernel follows the GotoBLAS plan: copy ("pack") a block of B and a block of A into
 * contiguous Float64Array panels, then run a 4x4 register-tiled micro-kernel whose 16
 * accumulators live in locals. Packing is also how strides are handled (in both kernels): a
 * transposed view (`a.t()`, strides [1, m]) costs one strided copy of O(MK + KN) and then runs at
 * the same speed as a contiguous one, with no slow path.
 *
 * Accuracy: the JS kernel accumulates in float64 (products of float32 values are exact in
 * float64) and rounds each result once when stored into C. The wasm kernel accumulates in
 * float32, like PyTorch's CPU BLAS: its error is within (K + 1) * 2^-24 * sum_k |a_ik b_kj|.
 * int32 products are exact while partial sums stay below 2^53, then wrap to 32 bits on store.
 *
 * Measured on a 2-vCPU EPYC (Node 20): the wasm kernel about 45-60 GFLOP/s from N = 128 to 1024
 * (transposed or not) and 35-50 on an MLP's 64x784x128 products; the JS kernel about 6-7;
 * plain loops about 0.6 and a 4x4 register tile without packing about 2.7. JS register tiles of
 * 3x4 or 4x3 are within noise of 4x4; unrolling the k loop made TurboFan spill and run slower.
 */
import type { TypedArray } from '../dtype.js';
import { gemmF32 } from './wasm/gemm-f32.js';

/** Micro-tile: MR rows of A times NR columns of B per kernel call (the kernel is written for 4x4). */
const MR = 4;
const NR = 4;
/**
 * Largest depth of a packed block (K is cut into equal blocks), so that a B micro-panel of
 * KC x NR doubles (8 KB) stays in L1.
 */
const KC = 256;
/** Rows of A per packed block (MC x KC doubles, 128 KB) so the A block stays in L2. */
const MC = 64;
/** Below this many multiply-adds the packing does not pay for itself. */
const SMALL = 32 * 32 * 32;
/**
 * From this many multiply-adds float32 products take the WebAssembly kernel: at 16^3 it is about
 * 3x faster than `naive`, at 8^3 even (measured), and below that padding tiles to 4x8 wastes most of it.
 */
const WASM_MIN = 16 * 16 * 16;
/** Scratch buffers up to this many doubles are kept between calls; larger ones are not retained. */
const KEEP = 1 << 20;

/** A strided matrix operand: element (i, j) is `data[offset + i * rowStride + j * colStride]`. */
export interface MatrixOperand {
  data: TypedArray;
  offset: number;
  rowStride: number;
  colStride: number;
}

/**
 * Writes A (M x K) times B (K x N) into `c[cOffset ..]`, row-major with row length N.
 * `c` must not overlap A or B.
 */
export function gemm(M: number, N: number, K: number, a: MatrixOperand, b: MatrixOperand, c: TypedArray, cOffset: number): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    c.fill(0, cOffset, cOffset + M * N);
  } else if (N === 1) {
    matrixVector(M, K, a, b, c, cOffset);
  } else if (M === 1) {
    vectorMatrix(N, K, a, b, c, cOffset);
  } else if (M * N * K >= WASM_MIN && isFloat32(a, b, c) && gemmF32(M, N, K, a, b, c, cOffset)) {
    // done by the WebAssembly kernel
  } else if (M * N * K < SMALL) {
    naive(M, N, K, a, b, c, cOffset);
  } else {
    packed(M, N, K, a, b, c, cOffset);
  }
}

/** float32 operands and result: the case the WebAssembly kernel takes. */
function isFloat32(a: MatrixOperand, b: MatrixOperand, c: TypedArray): c is Float32Array {
  return c instanceof Float32Array && a.data instanceof Float32Array && b.data instanceof Float32Array;
}

/** One dot product per row of A (B is a single column). */
function matrixVector(M: number, K: number, a: MatrixOperand, b: MatrixOperand, c: TypedArray, cOffset: number): void {
  const { data: A, rowStride: sa0, colStride: sa1 } = a;
  const { data: B, offset: bOff, rowStride: sb0 } = b;
  for (let i = 0; i < M; i++) {
    let s = 0;
    for (let k = 0, p = a.offset + i * sa0, q = bOff; k < K; k++, p += sa1, q += sb0) s += A[p]! * B[q]!;
    c[cOffset + i] = s;
  }
}

/** A single row of A: accumulate rows of B scaled by A's entries (B read row by row). */
function vectorMatrix(N: number, K: number, a: MatrixOperand, b: MatrixOperand, c: TypedArray, cOffset: number): void {
  const { data: A, colStride: sa1 } = a;
  const { data: B, rowStride: sb0, colStride: sb1 } = b;
  const acc = new Float64Array(N);
  for (let k = 0; k < K; k++) {
    const x = A[a.offset + k * sa1]!;
    for (let j = 0, q = b.offset + k * sb0; j < N; j++, q += sb1) acc[j] = acc[j]! + x * B[q]!;
  }
  c.set(acc, cOffset);
}

/** Small products: a dot product per output. */
function naive(M: number, N: number, K: number, a: MatrixOperand, b: MatrixOperand, c: TypedArray, cOffset: number): void {
  const { data: A, rowStride: sa0, colStride: sa1 } = a;
  const { data: B, rowStride: sb0, colStride: sb1 } = b;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, p = a.offset + i * sa0, q = b.offset + j * sb1; k < K; k++, p += sa1, q += sb0) s += A[p]! * B[q]!;
      c[cOffset + i * N + j] = s;
    }
  }
}

let keptA = new Float64Array(0);
let keptB = new Float64Array(0);
let keptC = new Float64Array(0);

/**
 * A scratch buffer of at least `n` doubles (zeroed when `zero`); `which` picks one of three slots.
 * Reusing them saves an allocation per call; gemm never re-enters, so sharing is safe.
 */
function scratch(which: 0 | 1 | 2, n: number, zero: boolean): Float64Array {
  const kept = which === 0 ? keptA : which === 1 ? keptB : keptC;
  if (kept.length >= n) {
    if (zero) kept.fill(0, 0, n);
    return kept;
  }
  const fresh = new Float64Array(n);
  if (n <= KEEP) {
    if (which === 0) keptA = fresh;
    else if (which === 1) keptB = fresh;
    else keptC = fresh;
  }
  return fresh;
}

/**
 * The blocked product. C is accumulated in a float64 scratch padded to multiples of the tile
 * (so the micro-kernel never checks bounds), then copied into `c` with one rounding per element.
 */
function packed(M: number, N: number, K: number, a: MatrixOperand, b: MatrixOperand, c: TypedArray, cOffset: number): void {
  const Mp = (M + MR - 1) & ~(MR - 1);
  const Np = (N + NR - 1) & ~(NR - 1);
  // Equal k blocks (784 = 4 x 196, not 3 x 256 + 16): a thin last block would cost a full pass.
  const kcMax = Math.ceil(K / Math.ceil(K / KC));
  const mcMax = Math.min(MC, Mp);
  const Cs = scratch(2, Mp * Np, true);
  const Bp = scratch(1, kcMax * Np, false);
  const Ap = scratch(0, mcMax * kcMax, false);
  for (let k0 = 0; k0 < K; k0 += kcMax) {
    const kc = Math.min(kcMax, K - k0);
    packB(b, k0, kc, N, Np, Bp);
    for (let i0 = 0; i0 < Mp; i0 += MC) {
      const mc = Math.min(MC, Mp - i0);
      packA(a, i0, mc, k0, kc, M, Ap);
      for (let jp = 0; jp < Np; jp += NR) {
        const pb = jp * kc;
        for (let ip = 0; ip < mc; ip += MR) kernel4x4(Ap, ip * kc, Bp, pb, kc, Cs, (i0 + ip) * Np + jp, Np);
      }
    }
  }
  for (let i = 0; i < M; i++) {
    const row = i * Np;
    c.set(Cs.subarray(row, row + N), cOffset + i * N);
  }
}

/**
 * Packs rows k0 .. k0+kc of B into NR-wide panels: panel jp holds, for each k, the NR entries
 * B[k, jp .. jp+NR) next to each other (zeros past column N).
 */
function packB(b: MatrixOperand, k0: number, kc: number, N: number, Np: number, Bp: Float64Array): void {
  const { data: B, rowStride: sb0, colStride: sb1 } = b;
  for (let jp = 0; jp < Np; jp += NR) {
    let q = jp * kc;
    const width = Math.min(NR, N - jp);
    for (let k = 0; k < kc; k++, q += NR) {
      const p = b.offset + (k0 + k) * sb0 + jp * sb1;
      for (let j = 0; j < width; j++) Bp[q + j] = B[p + j * sb1]!;
      for (let j = width; j < NR; j++) Bp[q + j] = 0;
    }
  }
}

/**
 * Packs rows i0 .. i0+mc, columns k0 .. k0+kc of A into MR-tall panels: for each k, the MR
 * entries A[ip .. ip+MR, k] next to each other (zeros past row M).
 */
function packA(a: MatrixOperand, i0: number, mc: number, k0: number, kc: number, M: number, Ap: Float64Array): void {
  const { data: A, rowStride: sa0, colStride: sa1 } = a;
  for (let ip = 0; ip < mc; ip += MR) {
    let q = ip * kc;
    const height = Math.min(MR, M - i0 - ip);
    for (let k = 0; k < kc; k++, q += MR) {
      const p = a.offset + (i0 + ip) * sa0 + (k0 + k) * sa1;
      for (let i = 0; i < height; i++) Ap[q + i] = A[p + i * sa0]!;
      for (let i = Math.max(height, 0); i < MR; i++) Ap[q + i] = 0;
    }
  }
}

/**
 * C[pc ..] (a 4x4 tile, row length ldc) += the product of a packed A panel (4 x kc) and a packed
 * B panel (kc x 4). The 16 sums stay in locals for the whole k loop.
 */
function kernel4x4(Ap: Float64Array, pa: number, Bp: Float64Array, pb: number, kc: number, C: Float64Array, pc: number, ldc: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let k = 0; k < kc; k++, pa += 4, pb += 4) {
    const a0 = Ap[pa]!;
    const a1 = Ap[pa + 1]!;
    const a2 = Ap[pa + 2]!;
    const a3 = Ap[pa + 3]!;
    const b0 = Bp[pb]!;
    const b1 = Bp[pb + 1]!;
    const b2 = Bp[pb + 2]!;
    const b3 = Bp[pb + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  addRow(C, pc, c00, c01, c02, c03);
  addRow(C, pc + ldc, c10, c11, c12, c13);
  addRow(C, pc + 2 * ldc, c20, c21, c22, c23);
  addRow(C, pc + 3 * ldc, c30, c31, c32, c33);
}

/** C[p .. p+4) += (x0, x1, x2, x3). */
function addRow(C: Float64Array, p: number, x0: number, x1: number, x2: number, x3: number): void {
  C[p] = C[p]! + x0;
  C[p + 1] = C[p + 1]! + x1;
  C[p + 2] = C[p + 2]! + x2;
  C[p + 3] = C[p + 3]! + x3;
}

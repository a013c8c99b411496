/**
 * Packing for the WebAssembly gemm kernel: copies a block of a strided float32 operand into the
 * panel layout gemm.wat reads (4-row panels of A, 8-column panels of B, zero-padded at the
 * edges). Strides are handled here and only here, so a transposed or sliced view costs one
 * strided copy and then runs as fast as a contiguous operand. Each panel is copied by one loop
 * over k that reads the panel's 4 (or 8) entries of that k: for a row-major A those are 4
 * sequential streams, for a transposed A one contiguous run, so neither layout needs its own path.
 */
import type { MatrixOperand } from '../gemm.js';

/** Rows per A panel and columns per B panel (the kernel's register tile). */
export const MR = 4;
export const NR = 8;

/**
 * Packs rows i0 .. i0+rows, columns k0 .. k0+kc of A into `dst[base ..]` as 4-row panels: for
 * each k, A[4p .. 4p+4, k] next to each other; rows past `rows` (up to a multiple of 4) are zeros.
 */
export function packA(a: MatrixOperand, i0: number, rows: number, k0: number, kc: number, dst: Float32Array, base: number): void {
  const A = a.data as Float32Array;
  const { rowStride: rs, colStride: cs } = a;
  for (let p = 0; p < rows; p += MR) {
    let q = base + p * kc;
    let s = a.offset + (i0 + p) * rs + k0 * cs;
    const height = rows - p;
    if (height >= MR) {
      const rs2 = 2 * rs;
      const rs3 = 3 * rs;
      for (let k = 0; k < kc; k++, q += MR, s += cs) {
        dst[q] = A[s]!;
        dst[q + 1] = A[s + rs]!;
        dst[q + 2] = A[s + rs2]!;
        dst[q + 3] = A[s + rs3]!;
      }
    } else {
      dst.fill(0, q, q + MR * kc);
      for (let k = 0; k < kc; k++, q += MR, s += cs) {
        for (let i = 0; i < height; i++) dst[q + i] = A[s + i * rs]!;
      }
    }
  }
}

/**
 * Packs rows k0 .. k0+kc, columns j0 .. j0+cols of B into `dst[base ..]` as 8-column panels: for
 * each k, B[k, 8q .. 8q+8] next to each other; columns past `cols` (up to a multiple of 8) are
 * zeros.
 */
export function packB(b: MatrixOperand, k0: number, kc: number, j0: number, cols: number, dst: Float32Array, base: number): void {
  const B = b.data as Float32Array;
  const { rowStride: rs, colStride: cs } = b;
  for (let p = 0; p < cols; p += NR) {
    let q = base + p * kc;
    let s = b.offset + k0 * rs + (j0 + p) * cs;
    const width = cols - p;
    if (width >= NR) {
      if (cs === 1) {
        for (let k = 0; k < kc; k++, q += NR, s += rs) {
          dst[q] = B[s]!;
          dst[q + 1] = B[s + 1]!;
          dst[q + 2] = B[s + 2]!;
          dst[q + 3] = B[s + 3]!;
          dst[q + 4] = B[s + 4]!;
          dst[q + 5] = B[s + 5]!;
          dst[q + 6] = B[s + 6]!;
          dst[q + 7] = B[s + 7]!;
        }
      } else {
        const [cs2, cs3, cs4, cs5, cs6, cs7] = [2 * cs, 3 * cs, 4 * cs, 5 * cs, 6 * cs, 7 * cs];
        for (let k = 0; k < kc; k++, q += NR, s += rs) {
          dst[q] = B[s]!;
          dst[q + 1] = B[s + cs]!;
          dst[q + 2] = B[s + cs2]!;
          dst[q + 3] = B[s + cs3]!;
          dst[q + 4] = B[s + cs4]!;
          dst[q + 5] = B[s + cs5]!;
          dst[q + 6] = B[s + cs6]!;
          dst[q + 7] = B[s + cs7]!;
        }
      }
    } else {
      dst.fill(0, q, q + NR * kc);
      for (let k = 0; k < kc; k++, q += NR, s += rs) {
        for (let j = 0, t = s; j < width; j++, t += cs) dst[q + j] = B[t]!;
      }
    }
  }
}

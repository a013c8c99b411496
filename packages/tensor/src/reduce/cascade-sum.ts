/**
 * PyTorch's summation order for a contiguous run of floats (`cascade_sum` in ATen's SumKernel.cpp,
 * AVX2 build, one thread). Reproducing the order, with every partial sum rounded to float32, is
 * what makes gd's float32 `sum`/`mean` equal PyTorch's bit for bit (the tutorial's loss and its
 * gradients for `w` and `b` depend on it). The algorithm is written out in
 * shared/conformance/RNG.md section 7; this file is that text in code.
 *
 * Sums of more than 32,767 floats are split across threads by PyTorch (so the order then depends
 * on the thread count); gd always runs the single-thread order.
 */

/** float32 vectors on AVX2 hold 8 lanes; float64 vectors hold 4. */
const F32_LANES = 8;
const F64_LANES = 4;

// Scratch for the 4 levels x 4 columns of `lanes`-wide accumulators, reused across calls (sums
// are synchronous, so nothing can interleave). Float32Array storage rounds every partial sum to
// float32 on store, which is exactly a float32 addition.
const accF32 = new Float32Array(16 * F32_LANES);
const laneF32 = new Float32Array(F32_LANES);
const accF64 = new Float64Array(16 * F64_LANES);
const laneF64 = new Float64Array(F64_LANES);

/**
 * The float32 sum of `data[offset .. offset + n)` in PyTorch's order, every partial sum rounded to
 * float32. With `n < 8` it is a left-to-right sum (4 columns from `n = 4` on); from 8 on, the
 * floor(n/8) 8-lane vectors go through the 4-level cascade, then the scalar tail is summed from 0
 * and the 8 lanes are added to it one by one.
 * @example
 * // n = 20: v_k = x_k + x_{8+k}; s = ((x16 + x17) + x18) + x19; then s += v_0, ..., v_7
 * cascadeSumF32(Float32Array.from({ length: 20 }, (_, i) => i), 0, 20) // 190
 */
export function cascadeSumF32(data: Float32Array, offset: number, n: number): number {
  return cascadeSum(data, offset, n, F32_LANES, accF32, laneF32);
}

/**
 * The float64 sum of `data[offset .. offset + n)` in the same cascade order, with 4-lane vectors
 * (the width of an AVX2 double vector). This mirrors PyTorch's kernel by analogy; float64 results
 * have not been compared bit for bit with PyTorch, and a float64 sum is accurate either way.
 */
export function cascadeSumF64(data: Float64Array, offset: number, n: number): number {
  return cascadeSum(data, offset, n, F64_LANES, accF64, laneF64);
}

/**
 * The shared algorithm. The accumulator type decides the precision: Float32Array storage rounds
 * each partial sum to float32, Float64Array storage does not. `acc` holds 16 * width entries (4
 * levels x 4 columns x width lanes), `lanes` the width lanes of the vector result.
 */
function cascadeSum(
  data: Float32Array | Float64Array,
  offset: number,
  n: number,
  width: number,
  acc: Float32Array | Float64Array,
  lanes: Float32Array | Float64Array,
): number {
  if (n < width) {
    // Scalars are 1-lane items; the result lands in lanes[0] and is added to a 0 start.
    rowSum(data, offset, n, 1, acc, lanes);
    return 0 + lanes[0]!;
  }
  const vectors = Math.floor(n / width);
  rowSum(data, offset, vectors, width, acc, lanes);
  // acc[0] is free again: it accumulates the scalar tail from 0, then the lanes one by one.
  acc[0] = 0;
  addRows(data, offset + vectors * width, n - vectors * width, 1, acc);
  addRows(lanes, 0, width, 1, acc);
  return 0 + acc[0];
}

/**
 * PyTorch's `row_sum` over `items` items of `w` lanes each (`w = 1`: scalars), stored back to back
 * from `offset`, into `out[0 .. w)`. The items are read as rows of 4; level 0 accumulates `step`
 * rows at a time, then each level is folded into the next until the row counter has a non-zero
 * digit (base `step`) at that level, which keeps every partial sum over a bounded number of terms.
 */
function rowSum(
  x: Float32Array | Float64Array,
  offset: number,
  items: number,
  w: number,
  acc: Float32Array | Float64Array,
  out: Float32Array | Float64Array,
): void {
  const W = 4 * w; // one row: 4 items of w lanes
  const rows = Math.floor(items / 4);
  const P = Math.max(4, Math.floor(ceilLog2(rows) / 4));
  const step = 1 << P;
  const mask = step - 1;
  // Until a first block of `step` rows completes, levels 1-3 stay zero and folding them into level 0
  // changes nothing (a zero only flips the sign of a -0, which the final `0 +` erases anyway).
  const folded = rows >= step;
  acc.fill(0, 0, folded ? 4 * W : W);
  let i = 0;
  while (i + step <= rows) {
    addRows(x, offset + i * W, step, W, acc);
    i += step;
    for (let L = 1; L < 4; L++) {
      moveLevel(acc, (L - 1) * W, L * W, W);
      if ((i & (mask << (L * P))) !== 0) break;
    }
  }
  addRows(x, offset + i * W, rows - i, W, acc);
  if (folded) for (let L = 1; L < 4; L++) addRows(acc, L * W, 1, W, acc);
  // Leftover items (fewer than a row) go into column 0, then the 4 columns are added in order.
  addRows(x, offset + rows * W, items - 4 * rows, w, acc);
  for (let l = 0; l < w; l++) {
    out[l] = acc[l]!;
    out[l] = out[l]! + acc[w + l]!;
    out[l] = out[l]! + acc[2 * w + l]!;
    out[l] = out[l]! + acc[3 * w + l]!;
  }
}

/** Adds level `acc[from ..)` into level `acc[to ..)` and clears it (`W` entries). */
function moveLevel(acc: Float32Array | Float64Array, from: number, to: number, W: number): void {
  for (let c = 0; c < W; c++) {
    acc[to + c] = acc[to + c]! + acc[from + c]!;
    acc[from + c] = 0;
  }
}

/**
 * Adds `count` rows of `W` values, stored back to back from `p`, into `acc[0 .. W)` column-wise.
 * Every add of the algorithm goes through here (or moveLevel), so rarely taken branches share the
 * type feedback of hot ones and V8 does not deoptimise when one is first reached.
 */
function addRows(
  x: Float32Array | Float64Array,
  p: number,
  count: number,
  W: number,
  acc: Float32Array | Float64Array,
): void {
  if (count <= 0) return;
  if (W === 32 && x instanceof Float32Array && acc instanceof Float32Array) {
    addRowsF32x32(x, p, count, acc);
    return;
  }
  for (let r = 0; r < count; r++, p += W) {
    for (let c = 0; c < W; c++) acc[c] = acc[c]! + x[p + c]!;
  }
}

/**
 * `addRows` for the hot case, rows of 4 float32 vectors: 8 columns at a time in float32-rounded
 * locals, so the adds of different columns overlap instead of waiting on memory (about 2x).
 */
function addRowsF32x32(x: Float32Array, p0: number, count: number, acc: Float32Array): void {
  const fround = Math.fround;
  for (let c = 0; c < 32; c += 8) {
    let a0 = acc[c]!;
    let a1 = acc[c + 1]!;
    let a2 = acc[c + 2]!;
    let a3 = acc[c + 3]!;
    let a4 = acc[c + 4]!;
    let a5 = acc[c + 5]!;
    let a6 = acc[c + 6]!;
    let a7 = acc[c + 7]!;
    for (let r = 0, p = p0 + c; r < count; r++, p += 32) {
      a0 = fround(a0 + x[p]!);
      a1 = fround(a1 + x[p + 1]!);
      a2 = fround(a2 + x[p + 2]!);
      a3 = fround(a3 + x[p + 3]!);
      a4 = fround(a4 + x[p + 4]!);
      a5 = fround(a5 + x[p + 5]!);
      a6 = fround(a6 + x[p + 6]!);
      a7 = fround(a7 + x[p + 7]!);
    }
    acc[c] = a0;
    acc[c + 1] = a1;
    acc[c + 2] = a2;
    acc[c + 3] = a3;
    acc[c + 4] = a4;
    acc[c + 5] = a5;
    acc[c + 6] = a6;
    acc[c + 7] = a7;
  }
}

/** The smallest e with 2^e >= n (0 for n <= 1). */
function ceilLog2(n: number): number {
  return n <= 1 ? 0 : 32 - Math.clz32(n - 1);
}

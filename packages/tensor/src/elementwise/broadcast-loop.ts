/**
 * The one generic strided binary loop: `out[k] = x[i] OP y[j]` over a broadcast shape, for any
 * strides, offsets and dtypes. Dims are coalesced first (size-1 dims dropped, neighbours that both
 * operands walk as one merged), so `[2, 3, 4] + [2, 3, 4]` is one row of 24 and `[64, 128] + [128]`
 * 64 rows of 128. Each row then goes to the op's explicit row kernel when it has one and the row is
 * contiguous (or a scalar) in both operands; otherwise the loop calls the op's scalar function per
 * element. That call site is shared by every op, so V8 cannot inline it: correct for any layout and
 * dtype, but several times slower than the kernels, which is why they take every row they can.
 */
import type { TypedArray } from '../dtype.js';

/** One element of a binary op: the operands are values of the computation dtype. */
export type BinaryScalarFn = (x: number, y: number) => number;

/**
 * One contiguous row of a binary op: `out[oo + i] = x[xo + i*xs] OP y[yo + i*ys]` for `i < n`,
 * where each of `xs`, `ys` is 1 (a contiguous row) or 0 (a scalar), never both 0.
 */
export type RowKernel = (
  x: TypedArray,
  xo: number,
  xs: number,
  y: TypedArray,
  yo: number,
  ys: number,
  out: TypedArray,
  oo: number,
  n: number,
) => void;

/**
 * Fills the contiguous `out` (row-major over `shape`) with `fn` of the elements of two strided
 * operands, through `row` where it applies. `xStrides`/`yStrides` are already broadcast to `shape`
 * (0 on broadcast dims), e.g. by `broadcastStrides`.
 */
export function broadcastLoop(
  fn: BinaryScalarFn,
  row: RowKernel | null,
  shape: readonly number[],
  out: TypedArray,
  x: TypedArray,
  xStrides: readonly number[],
  xOffset: number,
  y: TypedArray,
  yStrides: readonly number[],
  yOffset: number,
): void {
  if (out.length === 0) return;
  const dims: number[] = [];
  const sx: number[] = [];
  const sy: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const k = dims.length - 1;
    if (k >= 0 && sx[k] === xStrides[d]! * size && sy[k] === yStrides[d]! * size) {
      dims[k] = dims[k]! * size;
      sx[k] = xStrides[d]!;
      sy[k] = yStrides[d]!;
    } else {
      dims.push(size);
      sx.push(xStrides[d]!);
      sy.push(yStrides[d]!);
    }
  }
  const nd = dims.length;
  if (nd === 0) {
    out[0] = fn(x[xOffset]!, y[yOffset]!);
    return;
  }
  const inner = dims[nd - 1]!;
  const ix = sx[nd - 1]!;
  const iy = sy[nd - 1]!;
  const byRow = row !== null && (ix === 1 || ix === 0) && (iy === 1 || iy === 0) && ix + iy > 0;
  const counter = new Array<number>(nd).fill(0);
  let bx = xOffset;
  let by = yOffset;
  let k = 0;
  for (;;) {
    if (byRow) {
      row(x, bx, ix, y, by, iy, out, k, inner);
      k += inner;
    } else {
      let ox = bx;
      let oy = by;
      for (let j = 0; j < inner; j++) {
        out[k++] = fn(x[ox]!, y[oy]!);
        ox += ix;
        oy += iy;
      }
    }
    // advance the outer counter (dims nd-2 ... 0)
    let d = nd - 2;
    while (d >= 0) {
      counter[d]!++;
      bx += sx[d]!;
      by += sy[d]!;
      if (counter[d]! < dims[d]!) break;
      bx -= sx[d]! * dims[d]!;
      by -= sy[d]! * dims[d]!;
      counter[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

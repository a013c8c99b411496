/**
 * `gatherRows`: the one kernel behind every fast batch. Rows `indices` of an array viewed as
 * [n, rowSize] are copied into one fresh buffer of shape [indices.length, ...rest]. This is the
 * "Fisher–Yates plus gather" inner loop a hand-written loader would have; the loader's speed is
 * this loop's speed (it is bound by the memory latency of the random rows).
 */
import { IndexError, NDArray, type TypedArray, allocate } from '@gd/tensor';

/** Rows at or below this many elements are copied element by element: a subarray costs more. */
const SMALL_ROW = 32;

/**
 * The rows `indices` (negative ones count from the end) of `source` along dim 0, as a new
 * contiguous array. `source` must be contiguous (TensorDataset makes its tensors so once).
 * @example
 * gatherRows('op', tensor([[1, 2], [3, 4], [5, 6]]), [2, 0]).tolist() // [[5, 6], [1, 2]]
 */
export function gatherRows(op: string, source: NDArray, indices: ArrayLike<number>): NDArray {
  const n = source.shape[0]!;
  const rowShape = source.shape.slice(1);
  let rowSize = 1;
  for (const s of rowShape) rowSize *= s;
  const count = indices.length;
  const out = allocate(source.dtype, count * rowSize);
  const src = source.data;
  const base = source.offset;
  if (rowSize === 1) gatherScalars(op, src, base, n, indices, out);
  else if (rowSize <= SMALL_ROW) gatherSmallRows(op, src, base, n, rowSize, indices, out);
  else gatherLargeRows(op, src, base, n, rowSize, indices, out);
  return new NDArray(out, [count, ...rowShape], undefined, 0, source.dtype);
}

function outOfRange(op: string, index: number, n: number): IndexError {
  return new IndexError(`${op}: index ${index} is out of bounds for dimension 0 with size ${n}`);
}

function rowOf(op: string, index: number, n: number): number {
  const r = index < 0 ? index + n : index;
  if (!(r >= 0 && r < n) || (r | 0) !== r) throw outOfRange(op, index, n);
  return r;
}

function gatherScalars(op: string, src: TypedArray, base: number, n: number, indices: ArrayLike<number>, out: TypedArray): void {
  for (let j = 0; j < indices.length; j++) {
    let r = indices[j]!;
    if (!(r >= 0 && r < n) || (r | 0) !== r) r = rowOf(op, r, n);
    out[j] = src[base + r]!;
  }
}

function gatherSmallRows(
  op: string,
  src: TypedArray,
  base: number,
  n: number,
  rowSize: number,
  indices: ArrayLike<number>,
  out: TypedArray,
): void {
  let o = 0;
  for (let j = 0; j < indices.length; j++) {
    let r = indices[j]!;
    if (!(r >= 0 && r < n) || (r | 0) !== r) r = rowOf(op, r, n);
    const s = base + r * rowSize;
    const end = s + rowSize;
    for (let k = s; k < end; k++) out[o++] = src[k]!;
  }
}

function gatherLargeRows(
  op: string,
  src: TypedArray,
  base: number,
  n: number,
  rowSize: number,
  indices: ArrayLike<number>,
  out: TypedArray,
): void {
  for (let j = 0; j < indices.length; j++) {
    let r = indices[j]!;
    if (!(r >= 0 && r < n) || (r | 0) !== r) r = rowOf(op, r, n);
    const s = base + r * rowSize;
    out.set(src.subarray(s, s + rowSize), j * rowSize);
  }
}


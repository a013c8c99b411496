/**
 * `softmax` and `logSoftmax` along one dim, numerically stable: each slice has its maximum
 * subtracted before `exp`. Computed in float64 per slice and rounded once, which stays within a
 * float32 ulp or two of PyTorch's float32 kernels. Floating dtypes only, as in PyTorch.
 */
import { type TypedArray, allocate, isFloating } from '../dtype.js';
import { DTypeError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { type Layout, planAlongDim } from './plan.js';

/**
 * exp(x) / sum(exp(x)) along `dim`: each slice along `dim` sums to 1.
 * @example
 * softmax(tensor([[1, 2, 3]]), -1) // [[0.0900, 0.2447, 0.6652]]
 */
export function softmax(a: NDArray, dim: number): NDArray {
  return softmaxOf('softmax', a, dim, false);
}

/**
 * log(softmax(x)) along `dim`, computed as x - max - log(sum(exp(x - max))) so that large or very
 * negative inputs neither overflow nor give -Infinity where the true value is finite.
 */
export function logSoftmax(a: NDArray, dim: number): NDArray {
  return softmaxOf('logSoftmax', a, dim, true);
}

function softmaxOf(op: string, a: NDArray, dim: number, log: boolean): NDArray {
  if (!isFloating(a.dtype)) throw new DTypeError(`${op}: expected a floating dtype, got ${a.dtype}`);
  const layout = planAlongDim(op, a, dim);
  const out = allocate(a.dtype, a.size);
  if (layout.inner === 1) softmaxRows(layout, out, log);
  else softmaxAcrossRows(layout, out, log);
  return new NDArray(out, a.shape.slice());
}

/** Slices along the last dim: each a contiguous row. `exp` runs once per element (kept in float64). */
function softmaxRows(L: Layout, out: TypedArray, log: boolean): void {
  const { data, offset, outer, size } = L;
  const e = new Float64Array(size);
  for (let o = 0; o < outer; o++) {
    const p = offset + o * size;
    const q = o * size;
    let m = -Infinity;
    for (let k = 0; k < size; k++) {
      const v = data[p + k]!;
      if (!(v <= m)) m = v;
    }
    let s = 0;
    for (let k = 0; k < size; k++) {
      const x = Math.exp(data[p + k]! - m);
      e[k] = x;
      s += x;
    }
    if (log) {
      const logS = Math.log(s);
      for (let k = 0; k < size; k++) out[q + k] = data[p + k]! - m - logS;
    } else {
      for (let k = 0; k < size; k++) out[q + k] = e[k]! / s;
    }
  }
}

/** Slices across rows (`inner` interleaved slices per block): per-slice maxima and sums in arrays. */
function softmaxAcrossRows(L: Layout, out: TypedArray, log: boolean): void {
  const { data, offset, outer, size, inner } = L;
  const maxima = new Float64Array(inner);
  const sums = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const start = offset + o * size * inner;
    const end = start + size * inner;
    maxima.fill(-Infinity);
    sums.fill(0);
    for (let p = start; p < end; p += inner) {
      for (let j = 0; j < inner; j++) {
        const v = data[p + j]!;
        if (!(v <= maxima[j]!)) maxima[j] = v;
      }
    }
    for (let p = start; p < end; p += inner) {
      for (let j = 0; j < inner; j++) sums[j] = sums[j]! + Math.exp(data[p + j]! - maxima[j]!);
    }
    if (log) for (let j = 0; j < inner; j++) sums[j] = Math.log(sums[j]!);
    for (let p = start, q = o * size * inner; p < end; p += inner, q += inner) {
      for (let j = 0; j < inner; j++) {
        const x = data[p + j]! - maxima[j]!;
        out[q + j] = log ? x - sums[j]! : Math.exp(x) / sums[j]!;
      }
    }
  }
}

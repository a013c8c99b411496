/**
 * `logsumexp`: log(sum(exp(x))) computed stably as m + log(sum(exp(x - m))) with m the maximum,
 * in float64, rounded once. As in PyTorch an infinite maximum is not subtracted (so a +Infinity
 * element gives +Infinity, and all -Infinity gives -Infinity), and an empty reduction is -Infinity.
 * int32 and bool inputs give float32 (integers promote to the default float dtype).
 */
import { DEFAULT_DTYPE, allocate, isFloating } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { type Dims, type Layout, planReduction } from './plan.js';

/**
 * The log of the sum of exponentials over all elements or over `dim`, without overflow.
 * @example
 * logsumexp(tensor([1000, 1000]))  // 1000.6931
 * logsumexp(m, 1, true)            // shape [rows, 1]
 */
export function logsumexp(a: NDArray, dim?: Dims, keepdim = false): NDArray {
  const plan = planReduction('logsumexp', a, dim, keepdim);
  const result = logSumExps(plan);
  const out = allocate(isFloating(a.dtype) ? a.dtype : DEFAULT_DTYPE, result.length);
  out.set(result);
  return new NDArray(out, plan.outShape);
}

function logSumExps(L: Layout): Float64Array {
  const { data, offset, outer, size, inner } = L;
  const n = outer * inner;
  const maxima = new Float64Array(n).fill(-Infinity);
  const sums = new Float64Array(n);
  for (let o = 0; o < outer; o++) {
    const q = o * inner;
    const start = offset + o * size * inner;
    const end = start + size * inner;
    for (let base = start; base < end; base += inner) {
      for (let j = 0; j < inner; j++) {
        const v = data[base + j]!;
        // (a NaN element makes its sum NaN whatever the maximum ends up being)
        if (!(v <= maxima[q + j]!)) maxima[q + j] = v;
      }
    }
    for (let j = 0; j < inner; j++) {
      const m = maxima[q + j]!;
      if (m === Infinity || m === -Infinity) maxima[q + j] = 0;
    }
    for (let base = start; base < end; base += inner) {
      for (let j = 0; j < inner; j++) sums[q + j] = sums[q + j]! + Math.exp(data[base + j]! - maxima[q + j]!);
    }
  }
  for (let i = 0; i < n; i++) sums[i] = Math.log(sums[i]!) + maxima[i]!;
  return sums;
}

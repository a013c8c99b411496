/**
 * `cumsum`: running sums along one dim. Like PyTorch's CPU kernel, floats accumulate in float64
 * and each output is rounded to the input dtype; int32 and bool give int32 (PyTorch: int64), with
 * 32-bit wrap-around.
 */
import { type TypedArray, allocate, isFloating } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { type Layout, planAlongDim } from './plan.js';

/**
 * The cumulative sum along `dim`: `out[..., i, ...] = sum(a[..., 0..i, ...])`.
 * @example
 * cumsum(tensor([1, 2, 3, 4]), 0) // [1, 3, 6, 10]
 */
export function cumsum(a: NDArray, dim: number): NDArray {
  const layout = planAlongDim('cumsum', a, dim);
  const floating = isFloating(a.dtype);
  const out = allocate(floating ? a.dtype : 'int32', a.size);
  runningSums(layout, out, floating);
  return new NDArray(out, a.shape.slice());
}

function runningSums(L: Layout, out: TypedArray, floating: boolean): void {
  const { data, offset, outer, size, inner } = L;
  if (inner === 1) {
    for (let o = 0, q = 0; o < outer; o++) {
      let s = 0;
      if (floating) for (let p = offset + q, end = p + size; p < end; p++, q++) out[q] = s += data[p]!;
      else for (let p = offset + q, end = p + size; p < end; p++, q++) out[q] = s = (s + data[p]!) | 0;
    }
    return;
  }
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    const start = o * size * inner;
    for (let q = start, end = start + size * inner; q < end; q += inner) {
      const p = offset + q;
      if (floating) {
        for (let j = 0; j < inner; j++) out[q + j] = acc[j] = acc[j]! + data[p + j]!;
      } else {
        for (let j = 0; j < inner; j++) out[q + j] = acc[j] = (acc[j]! + data[p + j]!) | 0;
      }
    }
  }
}

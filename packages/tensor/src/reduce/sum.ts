/**
 * `sum`, `mean` and `prod` over all elements, one dim or several. float32 rows (the full sum, and
 * sums over the last dim of a contiguous array) follow PyTorch's cascade order with float32
 * partial sums (cascade-sum.ts), so `a.sum()` and `a.mean()` equal PyTorch's bit for bit. Sums
 * across rows (e.g. over dim 0) accumulate in float64 and round once, within 1e-5 of PyTorch.
 * int32 and bool sums and products are int32 (PyTorch gives int64) and wrap around on overflow.
 */
import { type DType, type TypedArray, allocate, isFloating } from '../dtype.js';
import { DTypeError } from '../errors.js';
import { torchTypeName } from '../elementwise/scalar-operand.js';
import { NDArray } from '../ndarray.js';
import { cascadeSumF32, cascadeSumF64 } from './cascade-sum.js';
import { type Dims, type Layout, planReduction } from './plan.js';

/**
 * The sum of the elements, over all dims or over `dim` (a dim or a list; negative dims count from
 * the end). `keepdim` keeps the reduced dims as size 1. An empty sum is 0.
 * @example
 * sum(a)              // 0-dim
 * sum(a, 0)           // column sums of a 2-D array
 * sum(a, [0, 2], true)
 */
export function sum(a: NDArray, dim?: Dims, keepdim = false): NDArray {
  const plan = planReduction('sum', a, dim, keepdim);
  const out = allocate(accumulatingDType(a.dtype), plan.outer * plan.inner);
  sumInto(plan, out);
  return new NDArray(out, plan.outShape);
}

/**
 * The mean, as PyTorch computes it: the (float32) sum divided by the element count. Only for
 * floating dtypes; the mean of an empty reduction is NaN.
 * @example
 * mean(a, -1, true) // shape [..., 1]
 */
export function mean(a: NDArray, dim?: Dims, keepdim = false): NDArray {
  if (!isFloating(a.dtype)) {
    throw new DTypeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${torchTypeName(a.dtype)}`,
    );
  }
  const plan = planReduction('mean', a, dim, keepdim);
  const out = allocate(a.dtype, plan.outer * plan.inner);
  sumInto(plan, out);
  const n = plan.size;
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / n;
  return new NDArray(out, plan.outShape);
}

/**
 * The product of the elements (1 for an empty reduction). Floats multiply in float64 and round
 * once; int32 and bool give int32, multiplied with 32-bit wrap-around.
 */
export function prod(a: NDArray, dim?: Dims, keepdim = false): NDArray {
  const plan = planReduction('prod', a, dim, keepdim);
  const out = allocate(accumulatingDType(a.dtype), plan.outer * plan.inner);
  if (isFloating(a.dtype)) prodFloat(plan, out);
  else prodInt(plan, out as Int32Array);
  return new NDArray(out, plan.outShape);
}

/** The dtype of a sum or product: floats keep theirs, int32 and bool count in int32. */
function accumulatingDType(dtype: DType): DType {
  return isFloating(dtype) ? dtype : 'int32';
}

/** Sums each output's elements into `out` (rounded to `out`'s dtype on store). */
export function sumInto(L: Layout, out: TypedArray): void {
  const { data, offset, outer, size, inner } = L;
  if (inner !== 1) {
    sumAcrossRows(L, out);
    return;
  }
  if (data instanceof Float32Array) {
    for (let o = 0; o < outer; o++) out[o] = cascadeSumF32(data, offset + o * size, size);
  } else if (data instanceof Float64Array) {
    for (let o = 0; o < outer; o++) out[o] = cascadeSumF64(data, offset + o * size, size);
  } else {
    // int32 and bool: a float64 total is exact below 2^53; the int32 store wraps like int arithmetic
    for (let o = 0; o < outer; o++) {
      let s = 0;
      for (let p = offset + o * size, end = p + size; p < end; p++) s += data[p]!;
      out[o] = s;
    }
  }
}

/**
 * Sums with `inner > 1` (e.g. column sums): one float64 accumulator per output of a block. Four
 * rows are added per pass over the accumulators, which halves the accumulator traffic.
 */
function sumAcrossRows(L: Layout, out: TypedArray): void {
  const { data, offset, outer, size, inner } = L;
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(0);
    let p = offset + o * size * inner;
    let k = 0;
    for (; k + 4 <= size; k += 4, p += 4 * inner) {
      const p1 = p + inner;
      const p2 = p1 + inner;
      const p3 = p2 + inner;
      for (let j = 0; j < inner; j++) acc[j] = acc[j]! + (data[p + j]! + data[p1 + j]! + data[p2 + j]! + data[p3 + j]!);
    }
    for (; k < size; k++, p += inner) {
      for (let j = 0; j < inner; j++) acc[j] = acc[j]! + data[p + j]!;
    }
    out.set(acc, o * inner);
  }
}

function prodFloat(L: Layout, out: TypedArray): void {
  const { data, offset, outer, size, inner } = L;
  const acc = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    acc.fill(1);
    for (let k = 0, p = offset + o * size * inner; k < size; k++, p += inner) {
      for (let j = 0; j < inner; j++) acc[j] = acc[j]! * data[p + j]!;
    }
    out.set(acc, o * inner);
  }
}

function prodInt(L: Layout, out: Int32Array): void {
  const { data, offset, outer, size, inner } = L;
  out.fill(1);
  for (let o = 0; o < outer; o++) {
    const q = o * inner;
    for (let k = 0, p = offset + o * size * inner; k < size; k++, p += inner) {
      for (let j = 0; j < inner; j++) out[q + j] = Math.imul(out[q + j]!, data[p + j]!);
    }
  }
}

/**
 * Variance and standard deviation. The function is `variance` because `var` is a JS keyword; the
 * method is `a.var()`. As in PyTorch 1.13 the default divides by n - 1 (`unbiased: true`, i.e.
 * `correction: 1`); `{ unbiased: false }` or `{ correction: 0 }` divides by n. Computed in float64
 * with two passes (mean, then squared deviations) and rounded once, so float32 results are within
 * an ulp or two of PyTorch's. With n <= correction the result is Infinity or NaN, as in PyTorch.
 */
import { allocate, isFloating } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { type Dims, type Layout, planReduction } from './plan.js';

/** Bessel's correction: divide by `n - correction`; `unbiased` is PyTorch's older boolean form. */
export interface VarOptions {
  /** Subtracted from the element count in the divisor (default 1). */
  correction?: number;
  /** `true` means correction 1, `false` correction 0. Give this or `correction`, not both. */
  unbiased?: boolean;
}

/**
 * The variance over all elements or over `dim` (dims as for `sum`).
 * @example
 * variance(tensor([1, 2, 3, 4]))                        // 1.6667 (divides by n - 1)
 * variance(tensor([1, 2, 3, 4]), undefined, false, { unbiased: false }) // 1.25
 */
export function variance(a: NDArray, dim?: Dims, keepdim = false, options: VarOptions = {}): NDArray {
  return moment('var', a, dim, keepdim, options, false);
}

/** The standard deviation: the square root of {@link variance}, with the same options. */
export function std(a: NDArray, dim?: Dims, keepdim = false, options: VarOptions = {}): NDArray {
  return moment('std', a, dim, keepdim, options, true);
}

function moment(op: string, a: NDArray, dim: Dims | undefined, keepdim: boolean, options: VarOptions, root: boolean): NDArray {
  const correction = correctionOf(op, options);
  if (!isFloating(a.dtype)) {
    throw new DTypeError(`${op}(): std and var only support floating point dtypes, got ${a.dtype}`);
  }
  const plan = planReduction(op, a, dim, keepdim);
  const result = squaredDeviations(plan);
  const divisor = Math.max(0, plan.size - correction);
  for (let i = 0; i < result.length; i++) {
    const v = result[i]! / divisor;
    result[i] = root ? Math.sqrt(v) : v;
  }
  const out = allocate(a.dtype, result.length);
  out.set(result);
  return new NDArray(out, plan.outShape);
}

function correctionOf(op: string, { correction, unbiased }: VarOptions): number {
  if (correction !== undefined && unbiased !== undefined) {
    throw new ValueError(`${op}(): pass either correction (${correction}) or unbiased (${unbiased}), not both`);
  }
  if (unbiased !== undefined) return unbiased ? 1 : 0;
  if (correction === undefined) return 1;
  if (!Number.isFinite(correction)) throw new ValueError(`${op}(): correction must be a finite number, got ${correction}`);
  return correction;
}

/** The sum of squared deviations from the mean of each output's elements, in float64. */
function squaredDeviations(L: Layout): Float64Array {
  const { data, offset, outer, size, inner } = L;
  const out = new Float64Array(outer * inner);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const start = offset + o * size;
      const end = start + size;
      let s = 0;
      for (let p = start; p < end; p++) s += data[p]!;
      const m = s / size;
      let ss = 0;
      for (let p = start; p < end; p++) {
        const d = data[p]! - m;
        ss += d * d;
      }
      out[o] = ss;
    }
    return out;
  }
  const mean = new Float64Array(inner);
  for (let o = 0; o < outer; o++) {
    const base = offset + o * size * inner;
    const q = o * inner;
    mean.fill(0);
    for (let k = 0, p = base; k < size; k++, p += inner) {
      for (let j = 0; j < inner; j++) mean[j] = mean[j]! + data[p + j]!;
    }
    for (let j = 0; j < inner; j++) mean[j] = mean[j]! / size;
    for (let k = 0, p = base; k < size; k++, p += inner) {
      for (let j = 0; j < inner; j++) {
        const d = data[p + j]! - mean[j]!;
        out[q + j] = out[q + j]! + d * d;
      }
    }
  }
  return out;
}

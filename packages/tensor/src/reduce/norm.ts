/**
 * `norm`: the vector p-norm over all elements or over dims (PyTorch's `torch.norm` with a numeric
 * `p`, i.e. `linalg.vector_norm`): p = 2 (default), 1, Infinity (max |x|), -Infinity (min |x|),
 * 0 (number of non-zeros) and any other p as (sum |x|^p)^(1/p). Computed in float64 and rounded
 * once; floating dtypes only.
 */
import { type TypedArray, allocate, isFloating } from '../dtype.js';
import { DTypeError, IndexError, ValueError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { type Dims, type Layout, planReduction } from './plan.js';

/**
 * The p-norm of `a` over all elements, or over `dim`.
 * @example
 * norm(tensor([3, 4]))           // 5
 * norm(tensor([3, -4]), 1)       // 7
 * norm(tensor([3, -4]), Infinity) // 4
 * norm(m, 2, 1, true)            // row norms, shape [rows, 1]
 */
export function norm(a: NDArray, p = 2, dim?: Dims, keepdim = false): NDArray {
  if (typeof p !== 'number' || Number.isNaN(p)) throw new ValueError(`norm(): p must be a number, got ${String(p)}`);
  if (!isFloating(a.dtype)) {
    throw new DTypeError(`norm(): input dtype should be either floating point or complex, got ${a.dtype}`);
  }
  const plan = planReduction('norm', a, dim, keepdim);
  if (plan.size === 0 && !Number.isFinite(p) && plan.outer * plan.inner > 0) {
    throw new IndexError(
      `norm(): cannot compute the ${p > 0 ? '' : '-'}inf norm of an empty reduction: the operation has no identity`,
    );
  }
  const result = pNorms(plan, p);
  const out = allocate(a.dtype, result.length);
  out.set(result);
  return new NDArray(out, plan.outShape);
}

/** Each output's p-norm in float64: one accumulator per output, then the final power. */
function pNorms(L: Layout, p: number): Float64Array {
  const { data, offset, outer, size, inner } = L;
  const out = new Float64Array(outer * inner);
  if (p === Infinity || p === -Infinity) out.fill(p === Infinity ? 0 : Infinity);
  if (inner === 1) {
    for (let o = 0; o < outer; o++) out[o] = rowNorm(data, offset + o * size, size, p);
    return out;
  }
  // The p dispatch sits outside the loops over one output block (size x inner elements).
  for (let o = 0; o < outer; o++) {
    const q = o * inner;
    const start = offset + o * size * inner;
    const end = start + size * inner;
    if (p === 2) {
      for (let base = start; base < end; base += inner) {
        for (let j = 0; j < inner; j++) {
          const v = data[base + j]!;
          out[q + j] = out[q + j]! + v * v;
        }
      }
    } else if (p === 1) {
      for (let base = start; base < end; base += inner) {
        for (let j = 0; j < inner; j++) out[q + j] = out[q + j]! + Math.abs(data[base + j]!);
      }
    } else if (p === Infinity) {
      // A NaN must win: `!(v <= m)` holds for a NaN v, and a NaN m is never replaced.
      for (let base = start; base < end; base += inner) {
        for (let j = 0; j < inner; j++) {
          const v = Math.abs(data[base + j]!);
          const m = out[q + j]!;
          if (!(v <= m) && m === m) out[q + j] = v;
        }
      }
    } else if (p === -Infinity) {
      for (let base = start; base < end; base += inner) {
        for (let j = 0; j < inner; j++) {
          const v = Math.abs(data[base + j]!);
          const m = out[q + j]!;
          if (!(v >= m) && m === m) out[q + j] = v;
        }
      }
    } else if (p === 0) {
      for (let base = start; base < end; base += inner) {
        for (let j = 0; j < inner; j++) out[q + j] = out[q + j]! + (data[base + j] !== 0 ? 1 : 0);
      }
    } else {
      for (let base = start; base < end; base += inner) {
        for (let j = 0; j < inner; j++) out[q + j] = out[q + j]! + Math.abs(data[base + j]!) ** p;
      }
    }
  }
  for (let i = 0; i < out.length; i++) out[i] = finish(out[i]!, p);
  return out;
}

/** The p-norm of one contiguous row `data[start .. start + n)`. */
function rowNorm(data: TypedArray, start: number, n: number, p: number): number {
  const end = start + n;
  let s = 0;
  if (p === 2) {
    for (let i = start; i < end; i++) s += data[i]! * data[i]!;
  } else if (p === 1) {
    for (let i = start; i < end; i++) s += Math.abs(data[i]!);
  } else if (p === Infinity) {
    for (let i = start; i < end; i++) {
      const v = Math.abs(data[i]!);
      if (!(v <= s)) s = v;
      if (v !== v) break;
    }
  } else if (p === -Infinity) {
    s = Infinity;
    for (let i = start; i < end; i++) {
      const v = Math.abs(data[i]!);
      if (!(v >= s)) s = v;
      if (v !== v) break;
    }
  } else if (p === 0) {
    for (let i = start; i < end; i++) s += data[i] !== 0 ? 1 : 0;
  } else {
    for (let i = start; i < end; i++) s += Math.abs(data[i]!) ** p;
  }
  return finish(s, p);
}

/** The final root: sqrt for p = 2, the 1/p power for other finite p except 0 and 1. */
function finish(s: number, p: number): number {
  if (p === 2) return Math.sqrt(s);
  if (!Number.isFinite(p) || p === 1 || p === 0) return s;
  return s ** (1 / p);
}

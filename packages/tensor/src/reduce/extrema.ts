/**
 * `max`, `min`, `argmax`, `argmin`. With a dim, `max`/`min` return `{ values, indices }` as
 * PyTorch's named tuple; without one they return the 0-dim extreme and `argmax`/`argmin` the flat
 * (row-major) index. Ties go to the first occurrence and a NaN wins (the first NaN), as on PyTorch's
 * CPU. Indices are int32 (PyTorch: int64). An empty reduction has no identity: IndexError.
 */
import { type TypedArray, allocate } from '../dtype.js';
import { IndexError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { type Layout, type ReductionPlan, planReduction } from './plan.js';

/** PyTorch's `torch.return_types.max` / `min`: the extreme values and where they are. */
export interface ValuesIndices {
  values: NDArray;
  indices: NDArray;
}

/**
 * The largest element (0-dim), or with `dim` the largest along it and its index.
 * @example
 * max(a)                       // 0-dim
 * const { values, indices } = max(a, 1)
 */
export function max(a: NDArray): NDArray;
export function max(a: NDArray, dim: number, keepdim?: boolean): ValuesIndices;
export function max(a: NDArray, dim?: number, keepdim = false): NDArray | ValuesIndices {
  return extremeOf('max', true, a, dim, keepdim);
}

/** The smallest element (0-dim), or with `dim` the smallest along it and its index. */
export function min(a: NDArray): NDArray;
export function min(a: NDArray, dim: number, keepdim?: boolean): ValuesIndices;
export function min(a: NDArray, dim?: number, keepdim = false): NDArray | ValuesIndices {
  return extremeOf('min', false, a, dim, keepdim);
}

/**
 * The index of the largest element: along `dim`, or (no dim) the flat index in row-major order.
 * @example
 * argmax(tensor([[1, 5], [7, 2]]))    // 2 (0-dim int32)
 * argmax(tensor([[1, 5], [7, 2]]), 1) // [1, 0]
 */
export function argmax(a: NDArray, dim?: number, keepdim = false): NDArray {
  return argExtremeOf('argmax', true, a, dim, keepdim);
}

/** The index of the smallest element: along `dim`, or (no dim) the flat row-major index. */
export function argmin(a: NDArray, dim?: number, keepdim = false): NDArray {
  return argExtremeOf('argmin', false, a, dim, keepdim);
}

function extremeOf(
  op: string,
  isMax: boolean,
  a: NDArray,
  dim: number | undefined,
  keepdim: boolean,
): NDArray | ValuesIndices {
  const plan = planReduction(op, a, dim, keepdim);
  checkNonEmpty(op, a, dim, plan);
  const n = plan.outer * plan.inner;
  const values = allocate(a.dtype, n);
  const indices = new Int32Array(n);
  extremes(plan, isMax, values, indices);
  if (dim === undefined) return new NDArray(values, plan.outShape);
  return { values: new NDArray(values, plan.outShape), indices: new NDArray(indices, plan.outShape.slice()) };
}

function argExtremeOf(op: string, isMax: boolean, a: NDArray, dim: number | undefined, keepdim: boolean): NDArray {
  const plan = planReduction(op, a, dim, keepdim);
  checkNonEmpty(op, a, dim, plan);
  const n = plan.outer * plan.inner;
  const indices = new Int32Array(n);
  extremes(plan, isMax, allocate(a.dtype, n), indices);
  return new NDArray(indices, plan.outShape);
}

/** PyTorch's errors: a max over nothing has no value to return. */
function checkNonEmpty(op: string, a: NDArray, dim: number | undefined, plan: ReductionPlan): void {
  if (plan.size > 0) return;
  if (dim === undefined) {
    throw new IndexError(
      `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  }
  const d = dim < 0 ? dim + a.shape.length : dim;
  throw new IndexError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
}

/** Writes each output's extreme into `values` and its index along the reduced axis into `indices`. */
function extremes(L: Layout, isMax: boolean, values: TypedArray, indices: Int32Array): void {
  const { data, offset, outer, size, inner } = L;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      const p = offset + o * size;
      const k = isMax ? argmaxRow(data, p, size) : argminRow(data, p, size);
      values[o] = data[p + k]!;
      indices[o] = k;
    }
    return;
  }
  for (let o = 0; o < outer; o++) {
    const q = o * inner;
    const base = offset + o * size * inner;
    for (let j = 0; j < inner; j++) values[q + j] = data[base + j]!;
    if (isMax) maxAcrossRows(data, base, size, inner, values, indices, q);
    else minAcrossRows(data, base, size, inner, values, indices, q);
  }
}

/** Index of the first maximum of `data[p .. p + n)`, or of the first NaN. */
function argmaxRow(data: TypedArray, p: number, n: number): number {
  let best = data[p]!;
  let at = 0;
  if (best !== best) return 0;
  for (let k = 1; k < n; k++) {
    const v = data[p + k]!;
    if (v > best) {
      best = v;
      at = k;
    } else if (v !== v) return k;
  }
  return at;
}

function argminRow(data: TypedArray, p: number, n: number): number {
  let best = data[p]!;
  let at = 0;
  if (best !== best) return 0;
  for (let k = 1; k < n; k++) {
    const v = data[p + k]!;
    if (v < best) {
      best = v;
      at = k;
    } else if (v !== v) return k;
  }
  return at;
}

/** Running maxima of `inner` columns over rows 1 .. size-1 (row 0 is already in `values`). */
function maxAcrossRows(
  data: TypedArray,
  base: number,
  size: number,
  inner: number,
  values: TypedArray,
  indices: Int32Array,
  q: number,
): void {
  for (let k = 1, p = base + inner; k < size; k++, p += inner) {
    for (let j = 0; j < inner; j++) {
      const v = data[p + j]!;
      const b = values[q + j]!;
      // a NaN replaces a number but not an earlier NaN
      if (v > b || (v !== v && b === b)) {
        values[q + j] = v;
        indices[q + j] = k;
      }
    }
  }
}

function minAcrossRows(
  data: TypedArray,
  base: number,
  size: number,
  inner: number,
  values: TypedArray,
  indices: Int32Array,
  q: number,
): void {
  for (let k = 1, p = base + inner; k < size; k++, p += inner) {
    for (let j = 0; j < inner; j++) {
      const v = data[p + j]!;
      const b = values[q + j]!;
      if (v < b || (v !== v && b === b)) {
        values[q + j] = v;
        indices[q + j] = k;
      }
    }
  }
}

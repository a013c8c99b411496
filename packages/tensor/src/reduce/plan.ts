/**
 * How every reduction sees its input: as a contiguous block of `outer x size x inner` elements,
 * where the `size` axis is the one being reduced (all reduced dims merged). Each kernel then needs
 * only two loops: `inner === 1` (reduce along contiguous rows, e.g. the last dim) and `inner > 1`
 * (reduce across rows, e.g. column sums over dim 0). A contiguous input whose reduced dims are
 * adjacent is used in place; anything else is copied once, kept dims first, reduced dims last.
 */
import { type TypedArray } from '../dtype.js';
import { NDArray } from '../ndarray.js';
import { normalizeDim, normalizeDims } from '../shape.js';
import { copyContiguous } from '../strided.js';

/** The dims argument of a reduction: one dim, several, or (omitted) all of them. */
export type Dims = number | readonly number[];

/**
 * Element `(o, k, j)` of the reduction (outer index, reduced index, inner index) is
 * `data[offset + (o * size + k) * inner + j]`; output element `(o, j)` is `out[o * inner + j]`.
 */
export interface Layout {
  data: TypedArray;
  offset: number;
  outer: number;
  size: number;
  inner: number;
}

export interface ReductionPlan extends Layout {
  /** The result's shape: reduced dims dropped, or kept as 1 with `keepdim`. */
  outShape: number[];
  /** True when every dim is reduced (the full reduction, e.g. `a.sum()`). */
  all: boolean;
}

/**
 * Plans the reduction of `a` over `dim` (a dim, a list of dims, or undefined for all dims; an
 * empty list also means all dims, as in PyTorch 1.13). Negative dims count from the end.
 * @example
 * planReduction('sum', zeros([2, 3, 4]), 1, false) // outer 2, size 3, inner 4, outShape [2, 4]
 */
export function planReduction(op: string, a: NDArray, dim: Dims | undefined, keepdim: boolean): ReductionPlan {
  const ndim = a.shape.length;
  const reduced = new Array<boolean>(ndim).fill(dim === undefined);
  if (typeof dim === 'number') {
    const d = normalizeDim(op, dim, ndim);
    if (ndim > 0) reduced[d] = true;
  } else if (dim !== undefined) {
    const dims = normalizeDims(op, dim, ndim);
    if (dims.length === 0) reduced.fill(true);
    for (const d of dims) if (d < ndim) reduced[d] = true;
  }
  const outShape: number[] = [];
  let size = 1;
  let kept = 1;
  for (let d = 0; d < ndim; d++) {
    if (!reduced[d]) {
      kept *= a.shape[d]!;
      outShape.push(a.shape[d]!);
    } else {
      size *= a.shape[d]!;
      if (keepdim) outShape.push(1);
    }
  }
  const all = reduced.every((r) => r);
  const block = a.isContiguous() ? reducedBlock(a.shape, reduced) : null;
  if (block !== null) {
    const [lo, hi] = block;
    let outer = 1;
    for (let d = 0; d < lo; d++) outer *= a.shape[d]!;
    let inner = 1;
    for (let d = hi + 1; d < ndim; d++) inner *= a.shape[d]!;
    return { data: a.data, offset: a.offset, outer, size, inner, outShape, all };
  }
  // Copy with the kept dims first and the reduced dims last: every output owns one contiguous row.
  const perm: number[] = [];
  for (let d = 0; d < ndim; d++) if (!reduced[d]) perm.push(d);
  for (let d = 0; d < ndim; d++) if (reduced[d]) perm.push(d);
  const view = new NDArray(
    a.data,
    perm.map((d) => a.shape[d]!),
    perm.map((d) => a.strides[d]!),
    a.offset,
    a.dtype,
  );
  return { data: copyContiguous(view), offset: 0, outer: kept, size, inner: 1, outShape, all };
}

/**
 * The first and last reduced dims when the reduced dims form one block of a row-major layout (only
 * kept size-1 dims may sit between them), else null. A 0-dim array is the empty block [0, -1].
 */
function reducedBlock(shape: readonly number[], reduced: readonly boolean[]): [number, number] | null {
  const lo = reduced.indexOf(true);
  if (lo < 0) return shape.length === 0 ? [0, -1] : null;
  const hi = reduced.lastIndexOf(true);
  for (let d = lo + 1; d < hi; d++) if (!reduced[d] && shape[d] !== 1) return null;
  return [lo, hi];
}

/**
 * The layout of `a` around one dim, for operations that keep the shape (softmax, cumsum): rows of
 * `size` elements along `dim`, `inner` apart. A non-contiguous input is copied once, row-major.
 */
export function planAlongDim(op: string, a: NDArray, dim: number): Layout {
  const ndim = a.shape.length;
  const d = normalizeDim(op, dim, ndim);
  const data = a.isContiguous() ? a.data : copyContiguous(a);
  const offset = a.isContiguous() ? a.offset : 0;
  if (ndim === 0) return { data, offset, outer: 1, size: 1, inner: 1 };
  let outer = 1;
  for (let i = 0; i < d; i++) outer *= a.shape[i]!;
  let inner = 1;
  for (let i = d + 1; i < ndim; i++) inner *= a.shape[i]!;
  return { data, offset, outer, size: a.shape[d]!, inner };
}

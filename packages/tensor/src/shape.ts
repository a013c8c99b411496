/**
 * Shape arithmetic shared by every operation: element counts, row-major strides, dimension
 * normalisation and broadcasting. All shape checks go through here so messages stay consistent.
 */
import { IndexError, ShapeError, ValueError, formatShape } from './errors.js';

export type Shape = readonly number[];

/** Number of elements of a shape (1 for the 0-dim shape `[]`). */
export function numel(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/** Row-major (C-order) strides: `[3, 4]` → `[4, 1]`. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/**
 * Turns a possibly negative dimension into `0 <= d < ndim`, as PyTorch's `maybe_wrap_dim`.
 * A 0-dim tensor accepts dims 0 and -1, as PyTorch does.
 */
export function normalizeDim(op: string, dim: number, ndim: number): number {
  const n = ndim === 0 ? 1 : ndim;
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new IndexError(
      `${op}: dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`,
    );
  }
  return dim < 0 ? dim + n : dim;
}

/** Normalises a list of dims and rejects repeats. */
export function normalizeDims(op: string, dims: readonly number[], ndim: number): number[] {
  const out = dims.map((d) => normalizeDim(op, d, ndim));
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) throw new IndexError(`${op}: dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return out;
}

/** Validates a shape given by a user: non-negative integers. */
export function checkShape(op: string, shape: Shape): void {
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i]!;
    if (!Number.isInteger(s) || s < 0) {
      throw new ValueError(`${op}: invalid size ${s} at dim ${i} of shape ${formatShape(shape)}`);
    }
  }
}

/**
 * The broadcast shape of two shapes, aligned on the right.
 * `[8, 1, 6, 1]` and `[7, 1, 5]` → `[8, 7, 6, 5]`; `[3, 4]` and `[5]` throws
 * `add: shapes [3, 4] and [5] cannot be broadcast (dim -1: 4 vs 5)`.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 1; i <= n; i++) {
    const da = i <= a.length ? a[a.length - i]! : 1;
    const db = i <= b.length ? b[b.length - i]! : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: shapes ${formatShape(a)} and ${formatShape(b)} cannot be broadcast (dim ${-i}: ${da} vs ${db})`,
      );
    }
    out[n - i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Strides that read an array of `shape`/`strides` as if it had the (broadcast) shape `target`:
 * new leading dims and size-1 dims get stride 0.
 */
export function broadcastStrides(
  op: string,
  shape: Shape,
  strides: readonly number[],
  target: Shape,
): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  if (lead < 0) {
    throw new ShapeError(`${op}: cannot broadcast shape ${formatShape(shape)} to ${formatShape(target)}`);
  }
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i]!;
    const t = target[lead + i]!;
    if (s === t) out[lead + i] = t === 1 ? 0 : strides[i]!;
    else if (s === 1) out[lead + i] = 0;
    else {
      throw new ShapeError(
        `${op}: cannot broadcast shape ${formatShape(shape)} to ${formatShape(target)} (dim ${i - shape.length}: ${s} vs ${t})`,
      );
    }
  }
  return out;
}

export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

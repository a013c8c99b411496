/**
 * `split` and `chunk`: the inverse of `cat`, as views (each piece is a `narrow` of the input, so
 * nothing is copied).
 */
import { ShapeError, ValueError, formatShape } from '../errors.js';
import type { NDArray } from '../ndarray.js';
import { normalizeDim } from '../shape.js';
import { narrow } from '../views/narrow.js';

/**
 * Splits `a` along `dim` into pieces of `sizeOrSections` elements (the last may be smaller) or,
 * given a list, into pieces of those sizes (which must sum to the dim's size), as `torch.split`.
 * @example
 * split(arange(5), 2)        // [tensor([0, 1]), tensor([2, 3]), tensor([4])]
 * split(arange(5), [1, 4])   // [tensor([0]), tensor([1, 2, 3, 4])]
 */
export function split(a: NDArray, sizeOrSections: number | readonly number[], dim = 0): NDArray[] {
  if (a.shape.length === 0) throw new ShapeError('split: expected at least a 1-dimensional tensor');
  const d = normalizeDim('split', dim, a.shape.length);
  const size = a.shape[d]!;
  const out: NDArray[] = [];
  if (typeof sizeOrSections === 'number') {
    const step = sizeOrSections;
    if (!Number.isInteger(step) || step < 0 || (step === 0 && size > 0)) {
      throw new ValueError(`split: split size must be a positive integer, got ${step} (dim ${d} has size ${size})`);
    }
    if (size === 0) return [a];
    for (let start = 0; start < size; start += step) out.push(narrow(a, d, start, Math.min(step, size - start)));
    return out;
  }
  let total = 0;
  for (const s of sizeOrSections) {
    if (!Number.isInteger(s) || s < 0) {
      throw new ValueError(`split: split sizes must be non-negative integers, got [${sizeOrSections.join(', ')}]`);
    }
    total += s;
  }
  if (total !== size) {
    throw new ShapeError(
      `split: split sizes [${sizeOrSections.join(', ')}] sum to ${total}, but dimension ${d} has size ${size} (shape ${formatShape(a.shape)})`,
    );
  }
  let start = 0;
  for (const s of sizeOrSections) {
    out.push(narrow(a, d, start, s));
    start += s;
  }
  return out;
}

/**
 * Splits `a` into `chunks` pieces of `ceil(size / chunks)` elements along `dim` (the last may be
 * smaller, and there may be fewer pieces than asked), as `torch.chunk`.
 * @example
 * chunk(arange(5), 2) // [tensor([0, 1, 2]), tensor([3, 4])]
 */
export function chunk(a: NDArray, chunks: number, dim = 0): NDArray[] {
  if (!Number.isInteger(chunks) || chunks <= 0) throw new ValueError(`chunk: number of chunks must be a positive integer, got ${chunks}`);
  if (a.shape.length === 0) throw new ShapeError('chunk: expected at least a 1-dimensional tensor');
  const d = normalizeDim('chunk', dim, a.shape.length);
  const size = a.shape[d]!;
  return split(a, Math.max(Math.ceil(size / chunks), size === 0 ? 0 : 1), d);
}

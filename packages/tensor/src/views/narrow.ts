/**
 * Sub-range views along one dim: `narrow` keeps a range, `select` picks one index and drops
 * the dim. Both only move the offset and edit one entry of shape/strides.
 */
import { IndexError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { normalizeDim } from '../shape.js';

/**
 * Elements `start .. start+length-1` along `dim` (a negative `start` counts from the end).
 * @example
 * narrow(arange(10), 0, 2, 3) // tensor([2, 3, 4], dtype=torch.int32), shares storage
 */
export function narrow(a: NDArray, dim: number, start: number, length: number): NDArray {
  if (a.shape.length === 0) throw new IndexError('narrow: cannot be applied to a 0-dim tensor');
  const d = normalizeDim('narrow', dim, a.shape.length);
  const size = a.shape[d]!;
  if (!Number.isInteger(start) || start < -size || start > size) {
    throw new IndexError(`narrow: start ${start} out of range for dimension ${d} of size ${size} (shape ${formatShape(a.shape)})`);
  }
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(length) || length < 0 || s + length > size) {
    throw new IndexError(
      `narrow: start (${s}) + length (${length}) exceeds dimension size (${size}) of dim ${d} (shape ${formatShape(a.shape)})`,
    );
  }
  const shape = a.shape.slice();
  shape[d] = length;
  return new NDArray(a.data, shape, a.strides, a.offset + s * a.strides[d]!, a.dtype);
}

/**
 * The slice at `index` along `dim`, with that dim removed (`a[:, 2]` is `select(a, 1, 2)`);
 * a negative index counts from the end.
 */
export function select(a: NDArray, dim: number, index: number): NDArray {
  if (a.shape.length === 0) throw new IndexError('select: cannot be applied to a 0-dim tensor');
  const d = normalizeDim('select', dim, a.shape.length);
  const size = a.shape[d]!;
  if (!Number.isInteger(index) || index < -size || index >= size) {
    throw new IndexError(`select: index ${index} is out of bounds for dimension ${d} with size ${size} (shape ${formatShape(a.shape)})`);
  }
  const i = index < 0 ? index + size : index;
  const shape = a.shape.slice();
  const strides = a.strides.slice();
  shape.splice(d, 1);
  strides.splice(d, 1);
  return new NDArray(a.data, shape, strides, a.offset + i * a.strides[d]!, a.dtype);
}

/**
 * Normalises the index arrays users pass (an int32 or bool NDArray, or JS arrays of integers or
 * booleans) and turns bool masks into integer indices (one array per mask dim, PyTorch's
 * `nonzero`). PyTorch uses int64 indices; gd uses int32 and rejects floating index arrays.
 */
import { castData } from '../convert.js';
import { tensor } from '../creation/from-data.js';
import type { NestedArray } from '../creation/from-data.js';
import { DTypeError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { readContiguous } from '../strided.js';

/** An index array: an int32/bool NDArray, or (nested) JS arrays of integers or booleans. */
export type IndexArray = NDArray | readonly NestedArray[];

/** The int32 or bool NDArray for an index array; throws a DTypeError for anything else. */
export function toIndexArray(op: string, spec: IndexArray): NDArray {
  if (spec instanceof NDArray) {
    if (spec.dtype === 'int32' || spec.dtype === 'bool') return spec;
    throw new DTypeError(`${op}: tensors used as indices must be long, int, byte or bool tensors (got ${spec.dtype})`);
  }
  const t = tensor(spec);
  if (t.dtype === 'bool') return t;
  if (t.size === 0) return new NDArray(new Int32Array(0), t.shape, undefined, 0, 'int32');
  // Values were parsed as float32; re-read them in double so large indices are checked exactly.
  const exact = tensor(spec, { dtype: 'float64' }).data;
  for (let i = 0; i < exact.length; i++) {
    if (!Number.isInteger(exact[i])) {
      throw new DTypeError(`${op}: tensors used as indices must be long, int, byte or bool tensors (got the non-integer ${exact[i]})`);
    }
  }
  return new NDArray(castData(exact, 'int32'), t.shape, undefined, 0, 'int32');
}

/**
 * The positions of the true elements of `mask`, as one 1-d int32 array per dim of the mask
 * (row-major order, like `mask.nonzero(as_tuple=True)`).
 */
export function maskToIndices(mask: NDArray): NDArray[] {
  const m = readContiguous(mask);
  let count = 0;
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) count++;
  const ndim = mask.shape.length;
  const cols = Array.from({ length: ndim }, () => new Int32Array(count));
  const counter = new Array<number>(ndim).fill(0);
  let k = 0;
  for (let i = 0; i < m.length; i++) {
    if (m[i] !== 0) {
      for (let d = 0; d < ndim; d++) cols[d]![k] = counter[d]!;
      k++;
    }
    // advance the multi-index in row-major order
    for (let d = ndim - 1; d >= 0; d--) {
      if (++counter[d]! < mask.shape[d]!) break;
      counter[d] = 0;
    }
  }
  return cols.map((c) => new NDArray(c, [count], undefined, 0, 'int32'));
}

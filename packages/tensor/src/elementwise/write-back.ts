/**
 * Writing a row-major buffer of results into an existing array, through its view: the last step
 * of every in-place operation that could not run its kernel directly on the destination's storage.
 */
import type { TypedArray } from '../dtype.js';
import type { NDArray } from '../ndarray.js';
import { stridedOffsets } from '../strided.js';

/**
 * `dst[i] = values[i]` in row-major order, writing through `dst`'s strides and offset. The store
 * casts like PyTorch's copy (float32 rounds, int32 truncates); bool is normalised to 0/1.
 */
export function writeInto(dst: NDArray, values: TypedArray): void {
  const data = dst.data;
  const n = dst.size;
  const bool = dst.dtype === 'bool';
  if (dst.isContiguous()) {
    const o = dst.offset;
    if (!bool) {
      data.set(values.length === n ? values : values.subarray(0, n), o);
      return;
    }
    for (let i = 0; i < n; i++) data[o + i] = values[i]! !== 0 ? 1 : 0;
    return;
  }
  const offsets = stridedOffsets(dst.shape, dst.strides, dst.offset);
  if (bool) {
    for (let i = 0; i < n; i++) data[offsets[i]!] = values[i]! !== 0 ? 1 : 0;
  } else {
    for (let i = 0; i < n; i++) data[offsets[i]!] = values[i]!;
  }
}

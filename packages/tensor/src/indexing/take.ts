/**
 * `take`: elements picked by flat (row-major) position, as torch.take. The input is read as if
 * flattened, whatever its strides; the result has the shape of the index. Unlike `gather` and
 * `indexSelect`, negative positions count from the end, as PyTorch's take does.
 */
import { allocate } from '../dtype.js';
import { DTypeError, IndexError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { readContiguous } from '../strided.js';
import { type IndexArray, toIndexArray } from './index-arrays.js';

/**
 * `a.flatten()[index]`, shaped like `index` (int32 positions in [-numel, numel)).
 * @example
 * take(tensor([[4, 3, 5], [6, 7, 8]]), [[0, 2], [-1, 5]]) // [[4, 5], [8, 8]]
 */
export function take(a: NDArray, index: IndexArray): NDArray {
  const idx = toIndexArray('take', index);
  if (idx.dtype !== 'int32') throw new DTypeError(`take: expected an int32 index tensor, got ${idx.dtype}`);
  const positions = readContiguous(idx);
  const n = a.size;
  // aliases the storage when `a` is contiguous: only strided inputs are copied
  const src = readContiguous(a);
  const out = allocate(a.dtype, positions.length);
  for (let k = 0; k < positions.length; k++) {
    const p = positions[k]!;
    if (p < -n || p >= n) {
      throw new IndexError(`take: out of range: tried to access index ${p} on a tensor of ${n} elements (shape ${formatShape(a.shape)})`);
    }
    out[k] = src[p < 0 ? p + n : p]!;
  }
  return new NDArray(out, idx.shape.slice(), undefined, 0, a.dtype);
}

/**
 * `flip`: the elements reversed along some dims, as a fresh contiguous copy (torch.flip also
 * copies). The copy reads through a reversed view (negative strides, offset at the last element)
 * that never leaves this module: `copyContiguous` walks any integer strides, while other kernels
 * and `isContiguous` callers assume non-negative ones, so no NDArray with a negative stride escapes.
 */
import { NDArray } from '../ndarray.js';
import { normalizeDims } from '../shape.js';
import { copyContiguous } from '../strided.js';

/**
 * `a` with the order of its elements reversed along each dim of `dims` (a copy).
 * @example
 * flip(tensor([[1, 2], [3, 4]]), 1)      // [[2, 1], [4, 3]]
 * flip(tensor([[1, 2], [3, 4]]), [0, 1]) // [[4, 3], [2, 1]]
 */
export function flip(a: NDArray, dims: number | readonly number[]): NDArray {
  const ndim = a.shape.length;
  const flipped = normalizeDims('flip', typeof dims === 'number' ? [dims] : dims, ndim);
  const strides = a.strides.slice();
  let offset = a.offset;
  // a 0-dim array (whose dim 0 or -1 is accepted, as in PyTorch) and an empty one have nothing to reverse
  if (ndim > 0 && a.size > 0) {
    for (const d of flipped) {
      offset += (a.shape[d]! - 1) * strides[d]!;
      strides[d] = -strides[d]!;
    }
  }
  const out = copyContiguous(new NDArray(a.data, a.shape, strides, offset, a.dtype));
  return new NDArray(out, a.shape.slice(), undefined, 0, a.dtype);
}

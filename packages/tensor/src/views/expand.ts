/**
 * Broadcasting views: `expand`, `expandAs`, `broadcastTo`. A size-1 (or new leading) dim is
 * repeated by giving it stride 0, so nothing is copied; writing through such a view would write
 * one element many times, which is why in-place ops refuse them.
 */
import { ShapeError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import type { Shape } from '../shape.js';

/**
 * `a` repeated along its size-1 dims (and new leading dims) to `sizes`; `-1` keeps a size.
 * @example
 * expand(tensor([[1], [2]]), [2, 3])     // [[1, 1, 1], [2, 2, 2]], strides [1, 0]
 * expand(zeros([3, 1]), [4, -1, 5]).shape // [4, 3, 5]
 */
export function expand(a: NDArray, sizes: Shape): NDArray {
  const ndim = a.shape.length;
  const n = sizes.length;
  if (n < ndim) {
    throw new ShapeError(
      `expand: the number of sizes provided (${n}) must be greater or equal to the number of dimensions in the tensor (${ndim}); ` +
        `target ${formatShape(sizes)}, tensor ${formatShape(a.shape)}`,
    );
  }
  const shape = new Array<number>(n);
  const strides = new Array<number>(n);
  const lead = n - ndim;
  for (let i = n - 1; i >= 0; i--) {
    const want = sizes[i]!;
    if (i < lead) {
      if (want === -1) {
        throw new ShapeError(`expand: -1 is not allowed in a leading, non-existing dimension (dim ${i} of ${formatShape(sizes)})`);
      }
      if (!Number.isInteger(want) || want < 0) throw new ShapeError(`expand: invalid size ${want} at dim ${i} of ${formatShape(sizes)}`);
      shape[i] = want;
      strides[i] = 0;
      continue;
    }
    const have = a.shape[i - lead]!;
    if (want === -1 || want === have) {
      shape[i] = have;
      strides[i] = a.strides[i - lead]!;
    } else if (have === 1) {
      if (!Number.isInteger(want) || want < 0) throw new ShapeError(`expand: invalid size ${want} at dim ${i} of ${formatShape(sizes)}`);
      shape[i] = want;
      strides[i] = 0;
    } else {
      throw new ShapeError(
        `expand: the expanded size of the tensor (${want}) must match the existing size (${have}) at non-singleton dimension ${i}. ` +
          `Target sizes: ${formatShape(sizes)}. Tensor sizes: ${formatShape(a.shape)}`,
      );
    }
  }
  return new NDArray(a.data, shape, strides, a.offset, a.dtype);
}

/** `expand(a, other.shape)`. */
export function expandAs(a: NDArray, other: NDArray): NDArray {
  return expand(a, other.shape);
}

/** `a` broadcast to `shape` (NumPy/PyTorch broadcasting rules; a view with stride-0 dims). */
export function broadcastTo(a: NDArray, shape: Shape): NDArray {
  return expand(a, shape);
}

/**
 * `view`, `reshape` and `flatten`: a new shape over the same elements. A view needs strides that
 * express the new shape over the old storage (PyTorch's `computeStride`: each run of old dims that
 * is contiguous in memory may be re-split freely); `reshape` falls back to a contiguous copy when
 * that is impossible, `view` throws.
 */
import { ShapeError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { type Shape, contiguousStrides, normalizeDim } from '../shape.js';
import { copyContiguous } from '../strided.js';

/** A shape argument given as varargs or as one array: `view(2, 3)` or `view([2, 3])`. */
export type SizesArg = readonly number[] | [readonly number[]];

/** Flattens the two spellings of a varargs shape into one array. */
export function sizesOf(args: SizesArg): readonly number[] {
  return args.length === 1 && Array.isArray(args[0]) ? (args[0] as readonly number[]) : (args as readonly number[]);
}

/**
 * Resolves a requested shape against `numel` elements: at most one `-1`, which is inferred.
 * `[2, -1]` for 12 elements → `[2, 6]`.
 */
export function inferSize(op: string, shape: Shape, numel: number): number[] {
  const out = Array.from(shape);
  let infer = -1;
  let known = 1;
  for (let i = 0; i < out.length; i++) {
    const s = out[i]!;
    if (s === -1) {
      if (infer >= 0) throw new ShapeError(`${op}: only one dimension can be inferred (shape ${formatShape(shape)})`);
      infer = i;
    } else if (!Number.isInteger(s) || s < 0) {
      throw new ShapeError(`${op}: invalid shape dimension ${s} in ${formatShape(shape)}`);
    } else {
      known *= s;
    }
  }
  if (infer >= 0) {
    if (known === 0) {
      throw new ShapeError(
        `${op}: cannot reshape tensor of 0 elements into shape ${formatShape(shape)} because the unspecified dimension size -1 can be any value and is ambiguous`,
      );
    }
    if (numel % known !== 0) {
      throw new ShapeError(`${op}: shape ${formatShape(shape)} is invalid for input of size ${numel}`);
    }
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw new ShapeError(`${op}: shape ${formatShape(shape)} is invalid for input of size ${numel}`);
  }
  return out;
}

/**
 * Strides that read `newShape` out of a view `oldShape`/`oldStrides`, or `null` when some new dim
 * would span two non-contiguous chunks of the old layout (PyTorch's `computeStride`).
 */
export function viewStrides(oldShape: Shape, oldStrides: readonly number[], newShape: Shape): number[] | null {
  const newStrides = new Array<number>(newShape.length);
  if (oldShape.length === 0) return newStrides.fill(1);
  let numel = 1;
  for (const s of oldShape) numel *= s;
  if (numel === 0) {
    // Any strides are valid for an empty array; use contiguous ones.
    return contiguousStrides(newShape.map((s) => Math.max(s, 1)));
  }
  let viewD = newShape.length - 1;
  // Stride of the innermost dim of the current contiguous chunk of old dims.
  let chunkBase = oldStrides[oldStrides.length - 1]!;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = oldShape.length - 1; d >= 0; d--) {
    tensorNumel *= oldShape[d]!;
    // A chunk ends where the next outer dim does not continue it in memory.
    if (d === 0 || (oldShape[d - 1] !== 1 && oldStrides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBase;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = oldStrides[d - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  return viewD === -1 ? newStrides : null;
}

/**
 * The elements of `a` seen with a new shape, sharing storage (one `-1` is inferred). Throws
 * when the strides of `a` cannot express it (after `transpose`, say): use `reshape` then.
 * @example
 * view(arange(6), [2, -1]) // shape [2, 3], same data
 */
export function view(a: NDArray, shape: Shape): NDArray {
  const target = inferSize('view', shape, a.size);
  const strides = viewStrides(a.shape, a.strides, target);
  if (strides === null) {
    throw new ShapeError(
      `view: view size is not compatible with input tensor's size and stride (shape ${formatShape(a.shape)}, ` +
        `strides ${formatShape(a.strides)}, requested ${formatShape(target)}; at least one dimension spans ` +
        `across two contiguous subspaces). Use .reshape(...) instead.`,
    );
  }
  return new NDArray(a.data, target, strides, a.offset, a.dtype);
}

/**
 * `a` with a new shape: a view when the strides allow it, else a contiguous copy.
 * @example
 * reshape(transpose(x, 0, 1), [-1]) // copies: the transposed elements are not in memory order
 */
export function reshape(a: NDArray, shape: Shape): NDArray {
  const target = inferSize('reshape', shape, a.size);
  const strides = viewStrides(a.shape, a.strides, target);
  if (strides !== null) return new NDArray(a.data, target, strides, a.offset, a.dtype);
  return new NDArray(copyContiguous(a), target, undefined, 0, a.dtype);
}

/**
 * Merges dims `startDim..endDim` (inclusive) into one, as `torch.flatten` (a 0-dim array becomes
 * shape `[1]`). A view when possible, like `reshape`.
 * @example
 * flatten(zeros([2, 3, 4]), 1) // shape [2, 12]
 */
export function flatten(a: NDArray, startDim = 0, endDim = -1): NDArray {
  if (a.shape.length === 0) return reshape(a, [1]);
  const s = normalizeDim('flatten', startDim, a.shape.length);
  const e = normalizeDim('flatten', endDim, a.shape.length);
  if (s > e) throw new ShapeError(`flatten: startDim (${startDim}) cannot come after endDim (${endDim})`);
  if (s === e) return a;
  let merged = 1;
  for (let d = s; d <= e; d++) merged *= a.shape[d]!;
  return reshape(a, [...a.shape.slice(0, s), merged, ...a.shape.slice(e + 1)]);
}

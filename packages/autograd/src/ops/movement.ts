/**
 * Operations that move elements without changing them: new shapes (view, reshape, flatten,
 * squeeze, unsqueeze), reorderings (transpose, permute, flip), broadcasting (expand) and copies
 * (clone, contiguous, to). Their backward moves the gradient back: a reshape back to the input's
 * shape, the inverse permutation, the same flip, and for expand a sum over the broadcast dims
 * (sum-to-shape.ts). Views of the
 * input stay views, sharing its storage (and so its version counter).
 */
import * as nd from '@gd/tensor';
import type { DType, NDArray } from '@gd/tensor';
import { apply1 } from '../apply.js';
import { type TensorLike, toTensor } from '../operand.js';
import type { Rule } from '../rule.js';
import { sumToShape } from '../sum-to-shape.js';
import type { Tensor } from '../tensor.js';

/** The differentiable data-movement operations. */
export type MovementOp =
  | 'view'
  | 'reshape'
  | 'flatten'
  | 'squeeze'
  | 'unsqueeze'
  | 'transpose'
  | 't'
  | 'permute'
  | 'flip'
  | 'expand'
  | 'clone'
  | 'to';

type MoveRule<A> = Rule<A, readonly [NDArray]>;

/** Every shape-only operation has the same backward: the gradient reshaped to the input's shape. */
function reshapeRule<A>(name: string, forward: (x: NDArray, args: A) => NDArray): MoveRule<A> {
  return { name, forward: ([x], args) => forward(x, args), backward: (c, g) => [g.reshape(c.inputShape(0))] };
}

export const movementRules: {
  view: MoveRule<readonly number[]>;
  reshape: MoveRule<readonly number[]>;
  flatten: MoveRule<readonly [number, number]>;
  squeeze: MoveRule<number | readonly number[] | undefined>;
  unsqueeze: MoveRule<number>;
  transpose: MoveRule<readonly [number, number]>;
  t: MoveRule<undefined>;
  permute: MoveRule<readonly number[]>;
  flip: MoveRule<readonly number[]>;
  expand: MoveRule<readonly number[]>;
  clone: MoveRule<undefined>;
  to: MoveRule<{ readonly from: DType; readonly to: DType }>;
} = {
  view: reshapeRule('ViewBackward0', (x, shape) => nd.view(x, shape)),
  reshape: reshapeRule('ViewBackward0', (x, shape) => nd.reshape(x, shape)),
  flatten: reshapeRule('ViewBackward0', (x, [start, end]) => nd.flatten(x, start, end)),
  squeeze: reshapeRule('SqueezeBackward0', (x, dim) => nd.squeeze(x, dim)),
  unsqueeze: reshapeRule('UnsqueezeBackward0', (x, dim) => nd.unsqueeze(x, dim)),
  transpose: {
    name: 'TransposeBackward0',
    forward: ([x], [d0, d1]) => nd.transpose(x, d0, d1),
    backward: (c, g) => [g.transpose(c.args[0], c.args[1])],
  },
  t: {
    name: 'TBackward0',
    forward: ([x]) => nd.t(x),
    backward: (_, g) => [g.t()],
  },
  permute: {
    name: 'PermuteBackward0',
    forward: ([x], dims) => nd.permute(x, dims),
    backward: (c, g) => {
      const dims = c.args;
      const n = dims.length;
      const inverse = new Array<number>(n);
      for (let i = 0; i < n; i++) inverse[((dims[i]! % n) + n) % n] = i;
      return [g.permute(inverse)];
    },
  },
  flip: {
    name: 'FlipBackward0',
    forward: ([x], dims) => nd.flip(x, dims),
    backward: (c, g) => [g.flip(c.args)],
  },
  expand: {
    name: 'ExpandBackward0',
    forward: ([x], shape) => nd.expand(x, shape),
    backward: (c, g) => [sumToShape(g, c.inputShape(0))],
  },
  clone: {
    name: 'CloneBackward0',
    forward: ([x]) => nd.clone(x),
    backward: (_, g) => [g],
  },
  to: {
    name: 'ToCopyBackward0',
    forward: ([x], { to }) => nd.to(x, to),
    backward: (c, g) => [g.to(c.args.from)],
  },
};

/** A view with a new shape (one `-1` is inferred); throws when the strides do not allow a view. */
export function view(input: TensorLike, shape: readonly number[]): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.view, x, shape);
}
/** A new shape: a view when possible, else a copy. */
export function reshape(input: TensorLike, shape: readonly number[]): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.reshape, x, shape);
}
/** Merges dims `startDim..endDim` into one. */
export function flatten(input: TensorLike, startDim = 0, endDim = -1): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.flatten, x, [startDim, endDim]);
}
/** Removes size-1 dims (all, or the given ones). */
export function squeeze(input: TensorLike, dim?: number | readonly number[]): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.squeeze, x, dim);
}
/** Inserts a size-1 dim at `dim`. */
export function unsqueeze(input: TensorLike, dim: number): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.unsqueeze, x, dim);
}
/** Swaps two dims (a view). */
export function transpose(input: TensorLike, dim0: number, dim1: number): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.transpose, x, [dim0, dim1]);
}
/** Transpose of a matrix (0-d and 1-d tensors are returned as they are, as in PyTorch). */
export function t(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.t, x, undefined);
}
/** Reorders the dims (a view). */
export function permute(input: TensorLike, dims: readonly number[]): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.permute, x, dims);
}
/** A copy with the elements reversed along `dims` (torch.flip); the gradient is flipped back. */
export function flip(input: TensorLike, dims: number | readonly number[]): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.flip, x, typeof dims === 'number' ? [dims] : dims);
}
/** Broadcasts size-1 dims to `shape` without copying (`-1` keeps a dim). */
export function expand(input: TensorLike, shape: readonly number[]): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.expand, x, shape);
}
/** {@link expand} to the shape of `other`. */
export function expandAs(input: TensorLike, other: Tensor | NDArray): Tensor {
  const x = toTensor(input);
  return expand(x, other.shape);
}
/** {@link expand} to `shape`. */
export function broadcastTo(input: TensorLike, shape: readonly number[]): Tensor {
  const x = toTensor(input);
  return expand(x, shape);
}
/** A copy with its own storage; the gradient passes through. */
export function clone(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(movementRules.clone, x, undefined);
}
/** `x` itself when row-major contiguous, else a contiguous copy. */
export function contiguous(input: TensorLike): Tensor {
  const x = toTensor(input);
  return x.data.isContiguous() ? x : clone(x);
}
/** `x` converted to `dtype` (itself when it already has it); the gradient is converted back. */
export function to(input: TensorLike, dtype: DType): Tensor {
  const x = toTensor(input);
  return x.dtype === dtype ? x : apply1(movementRules.to, x, { from: x.dtype, to: dtype });
}

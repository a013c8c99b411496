/**
 * What operations accept as operands: a Tensor, a raw NDArray (a DataLoader batch, say), nested JS
 * arrays, a typed array, or a JS number. Numbers stay numbers, so @gd/tensor applies PyTorch's rules
 * for Python scalars (cast to the tensor's dtype, no promotion of float32 to float64); everything
 * else becomes a constant Tensor, wrapping an NDArray without copying it.
 */
import { NDArray, type NestedArray, type TypedArray, tensor as ndTensor } from '@gd/tensor';
import type { Operand } from './rule.js';
import { Tensor } from './tensor.js';

/** Anything an operation accepts as an operand. */
export type TensorLike = Tensor | NDArray | NestedArray | TypedArray;

/** `x` as a recorded operand: a Tensor, or a number for a JS scalar. */
export function toOperand(x: TensorLike): Operand {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  return toTensor(x);
}

/**
 * `x` as a Tensor: itself, a wrapper around an NDArray (no copy, does not require grad), or a new
 * constant for JS data (numbers become 0-dim float32 tensors).
 */
export function toTensor(x: TensorLike): Tensor {
  if (x instanceof Tensor) return x;
  if (x instanceof NDArray) return new Tensor(x);
  return new Tensor(ndTensor(x));
}

/**
 * Operations without a gradient: comparisons, logical operations and index results. They take the
 * same operands as the differentiable ones and return constant (bool or int32) Tensors, never
 * recorded, as in PyTorch.
 */
import * as nd from '@gd/tensor';
import type { NDArray } from '@gd/tensor';
import { type TensorLike, toOperand, toTensor } from '../operand.js';
import { Tensor } from '../tensor.js';

function raw(x: TensorLike): NDArray | number {
  const o = toOperand(x);
  return typeof o === 'number' ? o : o.data;
}

/** `a == b`, elementwise (bool). */
export function eq(a: TensorLike, b: TensorLike): Tensor {
  return new Tensor(nd.eq(raw(a), raw(b)));
}
/** `a != b`, elementwise (bool). */
export function ne(a: TensorLike, b: TensorLike): Tensor {
  return new Tensor(nd.ne(raw(a), raw(b)));
}
/** `a < b`, elementwise (bool). */
export function lt(a: TensorLike, b: TensorLike): Tensor {
  return new Tensor(nd.lt(raw(a), raw(b)));
}
/** `a <= b`, elementwise (bool). */
export function le(a: TensorLike, b: TensorLike): Tensor {
  return new Tensor(nd.le(raw(a), raw(b)));
}
/** `a > b`, elementwise (bool). */
export function gt(a: TensorLike, b: TensorLike): Tensor {
  return new Tensor(nd.gt(raw(a), raw(b)));
}
/** `a >= b`, elementwise (bool). */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  return new Tensor(nd.ge(raw(a), raw(b)));
}
/** Elementwise logical and (bool). */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return new Tensor(nd.logicalAnd(raw(a), raw(b)));
}
/** Elementwise logical or (bool). */
export function logicalOr(a: TensorLike, b: TensorLike): Tensor {
  return new Tensor(nd.logicalOr(raw(a), raw(b)));
}
/** Elementwise logical not (bool). */
export function logicalNot(x: TensorLike): Tensor {
  return new Tensor(nd.logicalNot(toTensor(x).data));
}
/** Where `x` is NaN (bool). */
export function isnan(x: TensorLike): Tensor {
  return new Tensor(nd.isnan(toTensor(x).data));
}
/** Where `x` is finite (bool). */
export function isfinite(x: TensorLike): Tensor {
  return new Tensor(nd.isfinite(toTensor(x).data));
}

/**
 * Joining and splitting: `cat` and `stack` take many inputs (each input's gradient is its slice of
 * the output's gradient); `split` and `chunk` are `narrow`s, so they need no rule of their own.
 */
import * as nd from '@gd/tensor';
import type { NDArray } from '@gd/tensor';
import { apply } from '../apply.js';
import { type TensorLike, toTensor } from '../operand.js';
import type { Rule } from '../rule.js';
import type { Tensor } from '../tensor.js';
import { narrow } from './indexing.js';

/** The differentiable joins. */
export type JoinOp = 'cat' | 'stack';

type JoinRule = Rule<number, readonly NDArray[]>;

export const joinRules: { cat: JoinRule; stack: JoinRule } = {
  cat: {
    name: 'CatBackward0',
    forward: (xs, dim) => nd.cat(xs, dim),
    backward: (c, g) => {
      const n = c.args;
      const count = c.inputCount;
      const grads: (Tensor | null)[] = [];
      const d = n < 0 ? n + g.ndim : n;
      let offset = 0;
      for (let i = 0; i < count; i++) {
        const shape = c.inputShape(i);
        // PyTorch's legacy rule: a 1-d empty input takes no part in cat
        const size = shape.length === 1 && shape[0] === 0 && g.ndim !== 1 ? 0 : shape[d]!;
        grads.push(c.needsGrad(i) ? g.narrow(d, offset, size) : null);
        offset += size;
      }
      return grads;
    },
  },
  stack: {
    name: 'StackBackward0',
    forward: (xs, dim) => nd.stack(xs, dim),
    backward: (c, g) => {
      const count = c.inputCount;
      const d = c.args < 0 ? c.args + g.ndim : c.args;
      const grads: (Tensor | null)[] = [];
      for (let i = 0; i < count; i++) grads.push(c.needsGrad(i) ? g.select(d, i) : null);
      return grads;
    },
  },
};

/**
 * Concatenates along `dim` (default 0).
 * @example
 * cat([a, b], 1)
 */
export function cat(tensors: readonly TensorLike[], dim = 0): Tensor {
  return apply(joinRules.cat, tensors.map(toTensor), dim);
}

/** Stacks along a new dim `dim` (default 0); all inputs have the same shape. */
export function stack(tensors: readonly TensorLike[], dim = 0): Tensor {
  return apply(joinRules.stack, tensors.map(toTensor), dim);
}

/** Splits `dim` into pieces of `size` (the last may be smaller) or of the listed sizes. */
export function split(input: TensorLike, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  const x = toTensor(input);
  const pieces = nd.split(x.data, sizeOrSections, dim);
  const d = dim < 0 ? dim + x.ndim : dim;
  let start = 0;
  return pieces.map((p) => {
    const piece = narrow(x, d, start, p.shape[d]!);
    start += p.shape[d]!;
    return piece;
  });
}

/** Splits `dim` into `chunks` nearly equal pieces (torch.chunk's sizes). */
export function chunk(input: TensorLike, chunks: number, dim = 0): Tensor[] {
  const x = toTensor(input);
  const pieces = nd.chunk(x.data, chunks, dim);
  const d = dim < 0 ? dim + x.ndim : dim;
  let start = 0;
  return pieces.map((p) => {
    const piece = narrow(x, d, start, p.shape[d]!);
    start += p.shape[d]!;
    return piece;
  });
}

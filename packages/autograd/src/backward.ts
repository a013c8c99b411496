/**
 * The public entry points of reverse mode: `backward(tensors, grads)` accumulates into the leaves'
 * `.grad` (what `loss.backward()` calls), and `grad(outputs, inputs)` returns the gradients
 * without touching any `.grad`. Both check their arguments with PyTorch's messages, build the seed
 * gradients, and hand over to the engine.
 */
import * as nd from '@gd/tensor';
import { ShapeError } from '@gd/tensor';
import { runBackward } from './engine.js';
import { AutogradError } from './errors.js';
import type { Node } from './node.js';
import { type TensorLike, toTensor } from './operand.js';
import { Tensor } from './tensor.js';

/** Options of {@link backward} and `Tensor.backward`. */
export interface BackwardOptions {
  /** Keep the graph's saved tensors so a second backward can run (default: `createGraph`). */
  retainGraph?: boolean;
  /** Record the backward itself, so the gradients can be differentiated again (default false). */
  createGraph?: boolean;
}

/** Options of {@link grad}. */
export interface GradOptions extends BackwardOptions {
  /** The gradients of the outputs (required for non-scalar outputs). */
  gradOutputs?: TensorLike | readonly (TensorLike | null | undefined)[];
  /** Return `null` for an input the outputs do not depend on, instead of throwing. */
  allowUnused?: boolean;
}

function list<T>(x: T | readonly T[]): readonly T[] {
  return Array.isArray(x) ? (x as readonly T[]) : [x as T];
}

function torchSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/** The given seed gradients as a list: one per output when the outputs came as a list. */
function seedList(
  outputs: Tensor | readonly Tensor[],
  grads: TensorLike | readonly (TensorLike | null | undefined)[] | undefined,
): readonly (TensorLike | null | undefined)[] {
  if (grads === undefined) return [];
  return Array.isArray(outputs) ? (grads as readonly (TensorLike | null | undefined)[]) : [grads as TensorLike];
}

/** The gradient that starts the backward of `out`: `given`, or 1 for a one-element output. */
function seed(i: number, out: Tensor, given: TensorLike | null | undefined): Tensor {
  if (given === undefined || given === null) {
    if (out.size !== 1) throw new AutogradError('grad can be implicitly created only for scalar outputs');
    return new Tensor(nd.onesLike(out.data));
  }
  let g = toTensor(given);
  const a = g.shape;
  const b = out.shape;
  if (a.length !== b.length || a.some((s, d) => s !== b[d])) {
    throw new ShapeError(
      `Mismatch in shape: grad_output[${i}] has a shape of ${torchSize(a)} and output[${i}] has a shape of ${torchSize(b)}.`,
    );
  }
  if (g.dtype !== out.dtype) g = g.to(out.dtype);
  return g;
}

/** The node a backward starts from for `out`. */
function rootNode(i: number, out: Tensor): Node {
  const node = out.gradFn ?? (out.requiresGrad ? out.gradAccumulator() : null);
  if (node === null) throw new AutogradError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
  return node;
}

/**
 * Computes the gradients of `tensors` with respect to the graph's leaves and adds them into each
 * leaf's `.grad` (PyTorch's `torch.autograd.backward`).
 * @example
 * backward(loss)                         // same as loss.backward()
 * backward([y1, y2], [g1, g2])
 */
export function backward(
  tensors: Tensor | readonly Tensor[],
  gradTensors?: TensorLike | readonly (TensorLike | null | undefined)[],
  { retainGraph, createGraph = false }: BackwardOptions = {},
): void {
  const outs = list(tensors);
  const given = seedList(tensors, gradTensors);
  const roots = outs.map((t, i) => rootNode(i, t));
  const seeds = outs.map((t, i) => seed(i, t, given[i]));
  runBackward(roots, seeds, { retainGraph: retainGraph ?? createGraph, createGraph, accumulate: true });
}

/**
 * The gradients of `outputs` with respect to `inputs`, returned instead of accumulated (PyTorch's
 * `torch.autograd.grad`). With `createGraph` they can be differentiated again.
 * @example
 * const [dx] = grad(x.pow(3).sum(), [x], { createGraph: true }); // 3x²
 * const [ddx] = grad(dx!.sum(), [x]);                              // 6x
 */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  { gradOutputs, retainGraph, createGraph = false, allowUnused = false }: GradOptions = {},
): (Tensor | null)[] {
  const outs = list(outputs);
  const ins = list(inputs);
  const given = seedList(outputs, gradOutputs);
  const targets = ins.map((t) => {
    if (!t.requiresGrad) throw new AutogradError('One of the differentiated Tensors does not require grad');
    return t.gradFn ?? t.gradAccumulator();
  });
  const roots = outs.map((t, i) => rootNode(i, t));
  const seeds = outs.map((t, i) => seed(i, t, given[i]));
  const found = runBackward(roots, seeds, { retainGraph: retainGraph ?? createGraph, createGraph, accumulate: false }, targets);
  if (!allowUnused && found.some((g) => g === null)) {
    throw new AutogradError(
      'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True (allowUnused: true) if this is the desired behavior.',
    );
  }
  return found;
}

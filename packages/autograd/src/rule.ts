/**
 * What a differentiable operation is to autograd: a forward over raw NDArrays and a backward over
 * Tensors, side by side in one object (tinygrad's `Function`, jax-js's rule table). The backward
 * is written with Tensor operations, so the engine can run it without recording (a plain backward)
 * or recording (`createGraph`, which gives gradients of gradients) with the same code.
 */
import type { NDArray } from '@gd/tensor';
import type { Tensor } from './tensor.js';

/** A forward operand: an NDArray, or a JS number kept as a scalar (PyTorch's Python scalars). */
export type Raw = NDArray | number;

/** A recorded operand as its backward sees it: the Tensor, or the scalar. */
export type Operand = Tensor | number;

/** What a backward rule can ask of the node that recorded its forward. */
export interface BackwardContext<A> {
  /** The non-tensor arguments of the forward call (dims, shapes, exponents...). */
  readonly args: A;
  /** How many inputs the forward had. */
  readonly inputCount: number;
  /** Whether input `i` needs a gradient; a rule returns `null` for inputs that do not. */
  needsGrad(i: number): boolean;
  /**
   * Input `i` as it was at the forward call. The rule must list `i` in `saves.inputs`; if the
   * tensor was changed in place since, this throws PyTorch's "modified by an inplace operation".
   */
  input(i: number): Operand;
  /** The forward's result, under the same conditions (`saves.output`). */
  output(): Tensor;
  /** The shape of input `i` (always available, even for unsaved inputs). */
  inputShape(i: number): readonly number[];
}

/** The inputs and output a backward reads; the node keeps them and checks their versions. */
export interface Saves {
  readonly inputs?: readonly number[];
  readonly output?: boolean;
}

/**
 * One differentiable operation. `forward` computes the result from raw operands; `backward` maps
 * the gradient of the result to one gradient (or `null`) per input. A gradient may have the shape
 * of the result where its input was broadcast: the engine sums it back (sum-to-shape.ts), so no
 * rule un-broadcasts.
 */
export interface Rule<A = undefined, I extends readonly Raw[] = readonly Raw[]> {
  /** The node's name, as PyTorch prints `grad_fn` (`MulBackward0`). */
  readonly name: string;
  readonly saves?: Saves;
  forward(inputs: I, args: A): NDArray;
  backward(ctx: BackwardContext<A>, grad: Tensor): readonly (Tensor | null)[];
}

/** A rule of any arguments, as the engine and the rule table see it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any, any>;

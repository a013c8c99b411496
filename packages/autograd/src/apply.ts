/**
 * The one bridge from an operation to the graph (tinygrad's `Function.apply`): run the rule's
 * forward on the raw operands, wrap the result, and record a node only when grad mode is on, some
 * operand requires grad and the result is floating point. When nothing is recorded the cost over
 * the @gd/tensor call is one Tensor object. A result sharing its first input's storage is marked
 * as a view of it, so in-place changes of views can be checked.
 */
import { isFloating } from '@gd/tensor';
import { isGradEnabled } from './grad-mode.js';
import { OpNode } from './node.js';
import type { Operand, Raw, Rule } from './rule.js';
import { Tensor } from './tensor.js';

/** Runs `rule` on `inputs` (Tensors or scalars) and records it if a gradient may be needed. */
export function apply<A, I extends readonly Raw[]>(rule: Rule<A, I>, inputs: readonly Operand[], args: A): Tensor {
  const n = inputs.length;
  const raw = new Array<Raw>(n);
  let record = false;
  for (let i = 0; i < n; i++) {
    const x = inputs[i]!;
    if (typeof x === 'number') {
      raw[i] = x;
    } else {
      raw[i] = x.data;
      if (x.requiresGrad) record = true;
    }
  }
  const out = new Tensor(rule.forward(raw as unknown as I, args));
  const first = inputs[0];
  if (first !== undefined && typeof first !== 'number' && out.data.data === first.data.data) out.markView(first);
  if (record && isGradEnabled() && isFloating(out.dtype)) out.setGradFn(new OpNode(rule, args, inputs, out));
  return out;
}

/** {@link apply} for the common one-input case, without building an operand array twice. */
export function apply1<A>(rule: Rule<A, readonly [Raw]>, x: Tensor, args: A): Tensor {
  const out = new Tensor(rule.forward([x.data], args));
  if (out.data.data === x.data.data) out.markView(x);
  if (x.requiresGrad && isGradEnabled() && isFloating(out.dtype)) out.setGradFn(new OpNode(rule, args, [x], out));
  return out;
}

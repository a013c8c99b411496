/**
 * Un-broadcasting, in exactly one place. An operation that broadcast an input of shape `[m, 1]` to
 * `[b, m, n]` receives a gradient of shape `[b, m, n]`; the input's gradient is that summed over
 * the broadcast dims (`b` and `n`) and reshaped to `[m, 1]`. The engine applies this to every
 * gradient whose shape differs from its input's (PyTorch's `validate_outputs` → `sum_to`), and
 * `expand`'s backward calls it directly, so no backward rule repeats it.
 *
 * A reduction to one element (a 0-dim parameter such as the tutorial's `w` and `b`) is a full
 * `sum()`, which @gd/tensor computes in PyTorch's float32 cascade order.
 */
import { ShapeError, formatShape } from '@gd/tensor';
import type { Tensor } from './tensor.js';

/** Whether a tensor of shape `from` broadcasts to `to` (so a gradient of `to` sums back to `from`). */
export function expandableTo(from: readonly number[], to: readonly number[]): boolean {
  if (from.length > to.length) return false;
  const lead = to.length - from.length;
  for (let i = 0; i < from.length; i++) {
    const f = from[i]!;
    if (f !== 1 && f !== to[lead + i]) return false;
  }
  return true;
}

/**
 * `grad` summed over the dims that broadcasting added or stretched, with shape `shape`.
 * @example
 * sumToShape(ones([2, 3, 4]), [3, 1]) // shape [3, 1], every element 8
 * sumToShape(ones([5, 1]), [])        // 0-dim, 5
 */
export function sumToShape(grad: Tensor, shape: readonly number[]): Tensor {
  const gshape = grad.shape;
  if (!expandableTo(shape, gshape)) {
    throw new ShapeError(`sumToShape: shape ${formatShape(shape)} does not broadcast to ${formatShape(gshape)}`);
  }
  const lead = gshape.length - shape.length;
  const dims: number[] = [];
  for (let i = 0; i < gshape.length; i++) {
    if (i < lead ? true : shape[i - lead] === 1 && gshape[i] !== 1) dims.push(i);
  }
  if (dims.length === 0) return gshape.length === shape.length ? grad : grad.reshape(shape);
  // A one-element target is one full sum (PyTorch's cascade order), then the target's 1-sized dims.
  let targetSize = 1;
  for (let i = 0; i < shape.length; i++) targetSize *= shape[i]!;
  if (targetSize === 1) {
    const total = grad.sum();
    return shape.length === 0 ? total : total.reshape(shape);
  }
  const summed = grad.sum(dims, true);
  return lead === 0 ? summed : summed.reshape(shape);
}

/**
 * How a gradient is added into a tensor's `.grad` (for leaves and for `retainGrad()`), following
 * PyTorch's AccumulateGrad: the first gradient is stored as a fresh contiguous copy (so `.grad`
 * never aliases another tensor, and `w.grad.data.zero_()` touches nothing else); later ones are
 * added in place, or out of place while building a graph of the gradient (`createGraph`).
 */
import * as nd from '@gd/tensor';
import { Tensor } from './tensor.js';

/** Adds `grad` into `t.grad`. */
export function accumulateGradient(t: Tensor, grad: Tensor, createGraph: boolean): void {
  const current = t.grad;
  if (createGraph) {
    t.grad = current === null ? grad : current.add(grad);
    return;
  }
  if (current === null) {
    t.grad = new Tensor(nd.clone(grad.data));
    return;
  }
  if (current.requiresGrad) {
    // a gradient built by an earlier createGraph backward: keep it out of place, as PyTorch does
    t.grad = new Tensor(nd.add(current.data, grad.data));
    return;
  }
  current.data.add_(grad.data);
}

/**
 * The `reduction` option every loss takes, checked once and applied in one place: `'mean'`
 * (default) averages the per-element losses, `'sum'` adds them, `'none'` returns them.
 */
import type { Tensor } from '@gd/autograd';
import { ValueError } from '@gd/tensor';

/** How a loss combines its per-element values. */
export type Reduction = 'mean' | 'sum' | 'none';

/** Throws PyTorch's error for an unknown reduction. */
export function checkReduction(op: string, reduction: string): asserts reduction is Reduction {
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new ValueError(`${op}: ${String(reduction)} is not a valid value for reduction (use 'mean', 'sum' or 'none')`);
  }
}

/** `loss.mean()`, `loss.sum()` or `loss` itself. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  return loss;
}

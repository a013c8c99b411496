/**
 * The error autograd throws when a gradient cannot be computed as asked: a second backward through
 * a freed graph, a saved tensor changed in place, a non-scalar backward without a gradient, an
 * in-place change of a leaf that requires grad. PyTorch raises these as `RuntimeError`; the
 * messages are PyTorch's, so its documentation and forum answers apply.
 */
import { GdError } from '@gd/tensor';

/** A misuse of autograd (the graph, saved tensors, grad mode), not a bad shape or dtype. */
export class AutogradError extends GdError {
  override name = 'AutogradError';
}

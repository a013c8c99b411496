/**
 * The errors of @gd/nn that are not bad shapes or values: a state dict that does not fit a model.
 * Bad arguments throw @gd/tensor's `ValueError` / `ShapeError` like the rest of gd.
 */
import { GdError } from '@gd/tensor';

/**
 * `loadStateDict` could not load a state dict: missing or unexpected keys (when strict), or a
 * tensor whose shape differs from the model's. The message lists every problem, as PyTorch's
 * `Error(s) in loading state_dict for Sequential: ...`.
 */
export class StateDictError extends GdError {
  override name = 'StateDictError';
}

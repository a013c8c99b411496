/**
 * Gradient clipping (PyTorch 1.13's `torch.nn.utils.clip_grad_norm_` and `clip_grad_value_`):
 * run between `backward()` and `optimizer.step()`, they rescale or clamp the `.grad` of each
 * parameter in place. Parameters without a gradient are skipped.
 */
import { Tensor } from '@gd/autograd';
import { GdError, NDArray, clamp_, mul_, norm } from '@gd/tensor';

/** Options of {@link clipGradNorm_}. */
export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite instead of scaling by it (default false). */
  errorIfNonfinite?: boolean;
}

/** The gradients of the parameters that have one. */
function gradsOf(parameters: Tensor | Iterable<Tensor>): NDArray[] {
  const list = parameters instanceof Tensor ? [parameters] : Array.from(parameters);
  const grads: NDArray[] = [];
  for (const p of list) if (p.grad !== null) grads.push(p.grad.data);
  return grads;
}

/**
 * Scales the gradients so that their joint `normType`-norm (the norm of the vector of every
 * gradient element) is at most `maxNorm`, and returns that norm as it was before clipping.
 *
 * As PyTorch, in float32: the norm of each gradient, then the norm of those norms; the factor is
 * `min(maxNorm / (total + 1e-6), 1)` and every gradient is multiplied by it (by 1 when the norm is
 * already small enough).
 * @example
 * loss.backward();
 * const norm = clipGradNorm_(model.parameters(), 1.0);
 * opt.step();
 */
export function clipGradNorm_(
  parameters: Tensor | Iterable<Tensor>,
  maxNorm: number,
  normType = 2,
  { errorIfNonfinite = false }: ClipGradNormOptions = {},
): number {
  const grads = gradsOf(parameters);
  if (grads.length === 0) return 0;
  const norms = new Float32Array(grads.length);
  for (let i = 0; i < grads.length; i++) norms[i] = norm(grads[i]!, normType).data[0]!;
  let total: number;
  if (normType === Infinity) {
    total = -Infinity;
    for (let i = 0; i < norms.length; i++) total = Math.max(total, norms[i]!);
  } else {
    total = norm(new NDArray(norms, [norms.length]), normType).data[0]!;
  }
  if (errorIfNonfinite && !Number.isFinite(total)) {
    throw new GdError(
      `The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set \`error_if_nonfinite=False\``,
    );
  }
  const coef = Math.fround(Math.fround(maxNorm) / Math.fround(total + Math.fround(1e-6)));
  const clamped = coef > 1 ? 1 : coef; // clamp(max=1) keeps NaN
  for (const g of grads) mul_(g, clamped);
  return total;
}

/**
 * Clamps every gradient element into `[−clipValue, clipValue]`, in place.
 * @example
 * loss.backward();
 * clipGradValue_(model.parameters(), 0.5);
 * opt.step();
 */
export function clipGradValue_(parameters: Tensor | Iterable<Tensor>, clipValue: number): void {
  const c = Number(clipValue);
  for (const g of gradsOf(parameters)) clamp_(g, -c, c);
}

/**
 * Grad mode: whether operations record the graph. It is on by default; `noGrad(fn)` turns it off
 * and `enableGrad(fn)` on for the duration of `fn` only, restoring the previous mode even when `fn`
 * throws, so the switch can never leak out of its scope (PyTorch's `torch.no_grad()` context).
 */

let enabled = true;

/** True when operations on tensors that require grad record the graph (PyTorch's `is_grad_enabled`). */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Runs `fn` with gradient recording off and returns its result. Use it for parameter updates and
 * evaluation: results of operations inside do not require grad.
 * @example
 * noGrad(() => w.sub_(w.grad!.mul(0.1)));
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** Runs `fn` with gradient recording on (inside a {@link noGrad} scope, for example). */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

/**
 * @internal Sets grad mode and returns the previous one; the caller restores it in a `finally`
 * (the engine uses this instead of {@link withGradMode} to avoid a closure per backward).
 */
export function setGradEnabled(mode: boolean): boolean {
  const previous = enabled;
  enabled = mode;
  return previous;
}

/** Runs `fn` with grad mode set to `mode`, restoring the previous mode afterwards. */
export function withGradMode<T>(mode: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = mode;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

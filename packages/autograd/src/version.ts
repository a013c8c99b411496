/**
 * Version counters, one per storage (the typed array under an NDArray), as PyTorch keeps one per
 * tensor and shares it between views. Every in-place operation of a Tensor bumps the counter of
 * its storage; a node that saved a tensor for its backward remembers the version it saw, and the
 * backward refuses to run on a tensor that changed since (see `OpNode.saved`). Keying on the storage
 * makes views, `detach()` and re-wrapped arrays share a counter without any bookkeeping. Writes
 * through `t.data` (a raw NDArray) are not counted, exactly like PyTorch's `.data`, unless the
 * writer calls {@link bumpVersion} (PyTorch's `torch.autograd.graph.increment_version`), as an
 * optimizer that updates parameters in their storage does.
 */
import type { NDArray } from '@gd/tensor';

const versions = new WeakMap<object, number>();

/** The number of in-place changes made (through Tensors) to the storage of `a`. */
export function versionOf(a: NDArray): number {
  return versions.get(a.data) ?? 0;
}

/**
 * Records one more in-place change of the storage of `a` (and so of every Tensor over it). Call it
 * after writing into `t.data` directly, so a backward that saved `t` refuses to run on the new
 * values instead of silently using them.
 * @example
 * denseKernel(p.data.data); // an update written straight into the parameter's storage
 * bumpVersion(p.data);
 */
export function bumpVersion(a: NDArray): void {
  versions.set(a.data, (versions.get(a.data) ?? 0) + 1);
}

/**
 * Version counters, one per storage (the typed array under an NDArray), as PyTorch keeps one per
 * tensor and shares it between views. Every in-place operation of a Tensor bumps the counter of
 * its storage; a node that saved a tensor for its backward remembers the version it saw, and the
 * backward refuses to run on a tensor that changed since (see `OpNode.saved`). Keying on the storage
 * makes views, `detach()` and re-wrapped arrays share a counter without any bookkeeping. Writes
 * through `t.data` (a raw NDArray) are not counted, exactly like PyTorch's `.data`.
 */
import type { NDArray } from '@gd/tensor';

const versions = new WeakMap<object, number>();

/** The number of in-place changes made (through Tensors) to the storage of `a`. */
export function versionOf(a: NDArray): number {
  return versions.get(a.data) ?? 0;
}

/** Records one more in-place change of the storage of `a`. */
export function bumpVersion(a: NDArray): void {
  versions.set(a.data, (versions.get(a.data) ?? 0) + 1);
}

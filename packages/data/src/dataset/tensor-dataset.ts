/**
 * `TensorDataset`: samples are rows of tensors that share their first dimension (PyTorch's
 * `TensorDataset(X, Y)`). Sample i is `[X[i], Y[i], ...]` as views; a batch is gathered with one
 * copy per tensor into a fresh contiguous buffer (`getItems`), which is what makes the loader fast.
 */
import { IndexError, NDArray, ShapeError, ValueError, formatShape } from '@gd/tensor';
import { gatherRows } from '../collate/gather-rows.js';
import type { MapDataset } from './types.js';

/**
 * @example
 * const ds = new TensorDataset(arange(6).reshape(3, 2), arange(3));
 * ds.length;                                  // 3
 * ds.getItem(1).map((t) => t.tolist());       // [[2, 3], 1]
 * ds.getItems([2, 0]).map((t) => t.tolist()); // [[[4, 5], [0, 1]], [2, 0]]
 */
export class TensorDataset implements MapDataset<NDArray[]> {
  /** The tensors as given. */
  readonly tensors: readonly NDArray[];
  /** Contiguous versions of `tensors` (the same arrays when already contiguous): the gather's source. */
  private readonly sources: readonly NDArray[];

  constructor(...tensors: NDArray[]) {
    if (tensors.length === 0) throw new ValueError('TensorDataset: expected at least one tensor');
    tensors.forEach((t, i) => {
      if (!(t instanceof NDArray)) throw new ValueError(`TensorDataset: argument ${i} is not an NDArray`);
      if (t.shape.length === 0) {
        throw new ShapeError(`TensorDataset: tensor ${i} is 0-dim (shape []); every tensor needs a first dimension`);
      }
    });
    const first = tensors[0]!;
    for (let i = 1; i < tensors.length; i++) {
      const t = tensors[i]!;
      if (t.shape[0] !== first.shape[0]) {
        throw new ShapeError(
          `TensorDataset: Size mismatch between tensors: tensor 0 has shape ${formatShape(first.shape)} ` +
            `and tensor ${i} has shape ${formatShape(t.shape)} (first dimensions ${first.shape[0]} and ${t.shape[0]})`,
        );
      }
    }
    this.tensors = tensors;
    this.sources = tensors.map((t) => t.contiguous());
  }

  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }

  /** `[t[index] for t in tensors]`: views, no copy. A negative index counts from the end. */
  getItem(index: number): NDArray[] {
    const n = this.length;
    if (!Number.isInteger(index) || index < -n || index >= n) {
      throw new IndexError(`TensorDataset: index ${index} is out of bounds for dimension 0 with size ${n}`);
    }
    return this.tensors.map((t) => t.select(0, index));
  }

  /** The batch `[stack(t[i] for i in indices) for t in tensors]`, one gather per tensor. */
  getItems(indices: ArrayLike<number>): NDArray[] {
    return this.sources.map((s) => gatherRows('TensorDataset', s, indices));
  }
}

/**
 * `Subset`: a dataset restricted to (and reordered by) a list of indices, as PyTorch's `Subset`
 * and what `randomSplit` returns. Indexing follows the Python list of indices: `sub.getItem(-1)`
 * is the sample at the last index.
 */
import { defaultCollate } from '../collate/default-collate.js';
import { pyListIndex } from '../util/py-index.js';
import { type MapDataset, type MapDatasetLike, toMapDataset } from './types.js';

/**
 * @example
 * const sub = new Subset(new TensorDataset(arange(10).mul(10)), [5, 2, 8]);
 * sub.length;                 // 3
 * sub.getItem(-1)[0].item();  // 80
 */
export class Subset<T = unknown> implements MapDataset<T> {
  readonly dataset: MapDataset<T>;
  readonly indices: readonly number[];

  constructor(dataset: MapDatasetLike<T>, indices: Iterable<number> | ArrayLike<number>) {
    this.dataset = toMapDataset('Subset', dataset);
    this.indices = Array.from(indices as ArrayLike<number>);
  }

  get length(): number {
    return this.indices.length;
  }

  getItem(index: number): T {
    return this.dataset.getItem(this.indices[pyListIndex('Subset', index, this.indices.length)]!);
  }

  /**
   * The batch for `indices`: mapped through this subset's indices and gathered by the underlying
   * dataset's fast path when it has one (else collated sample by sample, with the same result).
   */
  getItems(indices: ArrayLike<number>): unknown {
    const own = this.indices;
    const mapped = new Int32Array(indices.length);
    for (let j = 0; j < indices.length; j++) mapped[j] = own[pyListIndex('Subset', indices[j]!, own.length)]!;
    const base = this.dataset;
    if (typeof base.getItems === 'function') return base.getItems(mapped);
    const samples = new Array<T>(mapped.length);
    for (let j = 0; j < mapped.length; j++) samples[j] = base.getItem(mapped[j]!);
    return defaultCollate(samples);
  }
}

/**
 * `ConcatDataset`: several map-style datasets one after another (PyTorch's `ConcatDataset`).
 * Index i goes to the dataset found by a binary search over the cumulative sizes (empty parts are
 * skipped); negative indices count from the end.
 */
import { IndexError, ValueError } from '@gd/tensor';
import { type MapDataset, type MapDatasetLike, isIterableSource, toMapDataset } from './types.js';

/** Where a ConcatDataset index lands. */
export interface ConcatLocation {
  datasetIdx: number;
  sampleIdx: number;
}

/**
 * @example
 * const cat = new ConcatDataset([[1, 2, 3], [], [10, 20]]);
 * cat.cumulativeSizes; // [3, 3, 5]
 * cat.getItem(3);      // 10
 * cat.locate(-1);      // { datasetIdx: 2, sampleIdx: 1 }
 */
export class ConcatDataset<T = unknown> implements MapDataset<T> {
  readonly datasets: readonly MapDataset<T>[];
  /** Running totals of the datasets' lengths (PyTorch's `cumulative_sizes`). */
  readonly cumulativeSizes: readonly number[];

  constructor(datasets: Iterable<MapDatasetLike<T>>) {
    const list = Array.from(datasets);
    if (list.length === 0) throw new ValueError('ConcatDataset: datasets should not be an empty iterable');
    list.forEach((d, i) => {
      if (isIterableSource(d)) throw new ValueError(`ConcatDataset does not support IterableDataset (dataset ${i})`);
    });
    this.datasets = list.map((d) => toMapDataset('ConcatDataset', d));
    const sizes: number[] = [];
    let total = 0;
    for (const d of this.datasets) sizes.push((total += d.length));
    this.cumulativeSizes = sizes;
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1]!;
  }

  /** The dataset and the index inside it that `index` refers to. */
  locate(index: number): ConcatLocation {
    const n = this.length;
    if (!Number.isInteger(index)) throw new ValueError(`ConcatDataset: indices must be integers, got ${index}`);
    let idx = index;
    if (idx < 0) {
      if (-idx > n) {
        throw new ValueError(`ConcatDataset: absolute value of index should not exceed dataset length (index ${index}, length ${n})`);
      }
      idx += n;
    }
    if (idx >= n) throw new IndexError(`ConcatDataset: list index out of range (index ${index}, length ${n})`);
    const datasetIdx = bisectRight(this.cumulativeSizes, idx);
    const sampleIdx = datasetIdx === 0 ? idx : idx - this.cumulativeSizes[datasetIdx - 1]!;
    return { datasetIdx, sampleIdx };
  }

  getItem(index: number): T {
    const { datasetIdx, sampleIdx } = this.locate(index);
    return this.datasets[datasetIdx]!.getItem(sampleIdx);
  }
}

/** The first position whose value is greater than `x` (Python's `bisect.bisect_right`). */
function bisectRight(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < sorted[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

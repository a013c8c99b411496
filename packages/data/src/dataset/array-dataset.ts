/**
 * `ArrayDataset`: a plain JS array as a map-style dataset, so `new DataLoader([...samples])` and
 * `randomSplit(items, ...)` work as PyTorch's do on a list.
 */
import { pyListIndex } from '../util/py-index.js';
import type { MapDataset } from './types.js';

/**
 * A plain array viewed as a map-style dataset (PyTorch accepts a list, or `range(n)`, wherever a
 * dataset is expected). Negative indices count from the end, as Python lists do.
 */
export class ArrayDataset<T> implements MapDataset<T> {
  constructor(readonly items: readonly T[]) {}

  get length(): number {
    return this.items.length;
  }

  getItem(index: number): T {
    return this.items[pyListIndex('ArrayDataset', index, this.items.length)]!;
  }
}


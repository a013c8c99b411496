/**
 * The two kinds of dataset a DataLoader reads, as in PyTorch: map-style (a length and random
 * access by index) and iterable (a stream, sync or async). Everything the loader accepts is
 * normalised once, here, into one of these shapes, so the rest of the package never branches on
 * "is it an array or a class".
 */
import { ValueError } from '@gd/tensor';
import { describe } from '../util/py-format.js';
import { ArrayDataset } from './array-dataset.js';

/**
 * A map-style dataset: `length` samples, sample `i` from `getItem(i)` (PyTorch's `__len__` and
 * `__getitem__`). Negative indices count from the end where the dataset allows it.
 */
export interface MapDataset<T = unknown> {
  readonly length: number;
  getItem(index: number): T;
  /**
   * Optional fast path: the whole batch for `indices` at once, equal to what
   * `defaultCollate(indices.map((i) => getItem(i)))` would build but gathered straight into one
   * buffer per field. The DataLoader uses it whenever it collates with `defaultCollate`.
   */
  getItems?(indices: ArrayLike<number>): unknown;
}

/** A stream of samples: anything iterable, sync or async (PyTorch's `IterableDataset.__iter__`). */
export type IterableSource<T = unknown> = Iterable<T> | AsyncIterable<T>;

/** What a DataLoader, `Subset` or `randomSplit` accepts as a map-style dataset: a dataset or a plain array. */
export type MapDatasetLike<T = unknown> = MapDataset<T> | readonly T[];

/** True for an object with a numeric `length` and a `getItem` method. */
export function isMapDataset(x: unknown): x is MapDataset {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as MapDataset).getItem === 'function' &&
    typeof (x as MapDataset).length === 'number'
  );
}

/** True for something iterable that is not a map-style dataset or an array. */
export function isIterableSource(x: unknown): x is IterableSource {
  if (typeof x !== 'object' || x === null || Array.isArray(x) || isMapDataset(x)) return false;
  return (
    typeof (x as Iterable<unknown>)[Symbol.iterator] === 'function' ||
    typeof (x as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
  );
}

/** A map-style dataset for `x`; arrays are wrapped in {@link ArrayDataset}. */
export function toMapDataset<T>(op: string, x: MapDatasetLike<T>): MapDataset<T> {
  if (Array.isArray(x)) return new ArrayDataset<T>(x as readonly T[]);
  if (isMapDataset(x)) return x;
  throw new ValueError(`${op}: expected a map-style dataset (length and getItem) or an array, got ${describe(x)}`);
}

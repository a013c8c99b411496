/**
 * `Dataset`: the base class of map-style datasets, for code written the PyTorch way
 * (`class MyData extends Dataset<Sample> { get length() {...}; getItem(i) {...} }`). The loader
 * only needs the {@link MapDataset} shape, so extending this class is optional.
 */
import type { MapDataset } from './types.js';

/**
 * @example
 * class Squares extends Dataset<number> {
 *   get length() { return 4; }
 *   getItem(i: number) { return i * i; }
 * }
 */
export abstract class Dataset<T = unknown> implements MapDataset<T> {
  /** Number of samples (PyTorch's `__len__`). */
  abstract get length(): number;

  /** Sample `index` (PyTorch's `__getitem__`). */
  abstract getItem(index: number): T;
}

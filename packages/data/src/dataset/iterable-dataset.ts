/**
 * `IterableDataset`: a stream of samples read in order, sync or async (PyTorch's
 * `IterableDataset`). Subclass it with `*[Symbol.iterator]()` or `async *[Symbol.asyncIterator]()`,
 * or wrap a function that returns a fresh iterable with {@link iterableDataset} (an epoch
 * re-iterates the dataset, so a one-shot generator object is not enough).
 *
 * With workers, every worker iterates its own copy of the dataset: use {@link getWorkerInfo} in
 * the iterator to take a shard, or wrap the source with {@link shardByWorker}, so that no sample
 * is seen twice.
 */
import { ValueError } from '@gd/tensor';
import { getWorkerInfo } from '../worker/worker-info.js';
import type { IterableSource } from './types.js';

/**
 * Base class of iterable datasets. A subclass defines `[Symbol.iterator]` or
 * `[Symbol.asyncIterator]`, and may define `length` (used only for `loader.length`).
 * @example
 * class Squares extends IterableDataset<number> {
 *   *[Symbol.iterator]() { for (let i = 0; i < 5; i++) yield i * i; }
 * }
 */
export abstract class IterableDataset<T = unknown> {
  /** Number of samples, when known (optional, as PyTorch's `__len__` on an IterableDataset). */
  declare readonly length?: number;
  /** Marks the element type; never read. */
  declare readonly __sample?: T;
}

class FunctionIterableDataset<T> extends IterableDataset<T> {
  private readonly make: () => IterableSource<T>;
  declare readonly length?: number;

  constructor(make: () => IterableSource<T>, length?: number) {
    super();
    this.make = make;
    if (length !== undefined) Object.defineProperty(this, 'length', { value: length });
  }

  [Symbol.iterator](): Iterator<T> {
    const source = this.make();
    const it = (source as Iterable<T>)[Symbol.iterator];
    if (typeof it !== 'function') {
      throw new ValueError('iterableDataset: the source is async; iterate the DataLoader with for await');
    }
    return it.call(source);
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    const source = this.make();
    const asyncIt = (source as AsyncIterable<T>)[Symbol.asyncIterator];
    if (typeof asyncIt === 'function') return asyncIt.call(source);
    const it = (source as Iterable<T>)[Symbol.iterator].call(source);
    return {
      next: () => Promise.resolve(it.next()),
      return: (value?: unknown) => Promise.resolve(it.return?.(value) ?? { done: true, value: undefined }),
    };
  }
}

/**
 * An iterable dataset whose every iteration calls `make()` for a fresh source (a generator
 * function, an array, an async generator, a stream reader...).
 * @example
 * const ds = iterableDataset(function* () { yield* [1, 2, 3]; });
 * [...new DataLoader(ds, { batchSize: 2 })] // [tensor([1, 2]), tensor([3])]
 */
export function iterableDataset<T>(make: () => IterableSource<T>, options: { length?: number } = {}): IterableDataset<T> {
  return new FunctionIterableDataset(make, options.length);
}

/**
 * The samples of `source` that belong to the current worker: sample i goes to worker
 * `i % numWorkers` (all of them in the main process). Every worker iterates the whole source and
 * keeps its share, so together they see each sample exactly once.
 * @example
 * iterableDataset(() => shardByWorker(readLines()))
 */
export function shardByWorker<T>(source: Iterable<T>): IterableIterator<T>;
export function shardByWorker<T>(source: AsyncIterable<T>): AsyncIterableIterator<T>;
export function shardByWorker<T>(source: IterableSource<T>): IterableIterator<T> | AsyncIterableIterator<T> {
  const info = getWorkerInfo();
  const numShards = info?.numWorkers ?? 1;
  const shard = info?.id ?? 0;
  return shardIterable(source as Iterable<T>, numShards, shard);
}

/**
 * Every `numShards`-th sample of `source`, starting at sample `shard` (a deterministic split of a
 * stream into disjoint parts; {@link shardByWorker} uses it with the worker's id).
 */
export function shardIterable<T>(source: Iterable<T>, numShards: number, shard: number): IterableIterator<T>;
export function shardIterable<T>(source: AsyncIterable<T>, numShards: number, shard: number): AsyncIterableIterator<T>;
export function shardIterable<T>(
  source: IterableSource<T>,
  numShards: number,
  shard: number,
): IterableIterator<T> | AsyncIterableIterator<T> {
  if (!Number.isInteger(numShards) || numShards <= 0) {
    throw new ValueError(`shardIterable: numShards should be a positive integer, got ${numShards}`);
  }
  if (!Number.isInteger(shard) || shard < 0 || shard >= numShards) {
    throw new ValueError(`shardIterable: shard should be in [0, ${numShards - 1}], got ${shard}`);
  }
  if (typeof (source as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') {
    return shardAsync(source as AsyncIterable<T>, numShards, shard);
  }
  return shardSync(source as Iterable<T>, numShards, shard);
}

function* shardSync<T>(source: Iterable<T>, numShards: number, shard: number): IterableIterator<T> {
  let i = 0;
  for (const x of source) {
    if (i === shard) yield x;
    i = i + 1 === numShards ? 0 : i + 1;
  }
}

async function* shardAsync<T>(source: AsyncIterable<T>, numShards: number, shard: number): AsyncIterableIterator<T> {
  let i = 0;
  for await (const x of source) {
    if (i === shard) yield x;
    i = i + 1 === numShards ? 0 : i + 1;
  }
}

/**
 * `DataLoader`: batches of a dataset, PyTorch's way. It only validates options and wires the
 * pieces (sampler → batch sampler → fetcher → collate); see options.ts for the defaults.
 *
 * Random draws are PyTorch 1.13's: every epoch (every `iter(loader)`) first draws a 64-bit base
 * seed from the loader's generator (or the global one), even without shuffling; a shuffling
 * RandomSampler then draws its own seed from the global generator when the first index is
 * needed (or uses the loader's generator directly). So `manualSeed(s)` followed by the same loop
 * gives PyTorch's batches.
 *
 * Iterate with `for (const b of loader)` (no workers) or `for await (const b of loader)` (always).
 */
import { type Generator, type NDArray, ValueError, defaultGenerator, randomInt64 } from '@gd/tensor';
import { type IterableSource, type MapDataset, isIterableSource, toMapDataset } from '../dataset/types.js';
import type { TensorDataset } from '../dataset/tensor-dataset.js';
import type { BatchSamplerLike, Sampler } from '../sampler/sampler.js';
import { AsyncIterableFetcher, IterableFetcher, MapFetcher } from './fetcher.js';
import { AsyncDataLoaderIterator, DataLoaderIterator, type EpochRecord } from './loader-iterator.js';
import { type DataLoaderState, checkLoaderState } from './loader-state.js';
import { type DataLoaderOptions, type LoaderConfig, resolveOptions } from './options.js';
import { type WorkerState, workerEpoch } from './worker-epoch.js';
import type { WorkerSpawner } from '../worker/spawner.js';

/** The batch type of the default collation for a dataset type (NDArray[] for a TensorDataset). */
export type DefaultBatch<D> = D extends TensorDataset ? NDArray[] : unknown;

const DONE: IteratorResult<never> = { done: true, value: undefined };

/**
 * @example
 * const loader = new DataLoader(new TensorDataset(x, y), { batchSize: 64, shuffle: true });
 * for (const [xb, yb] of loader) { ... }          // xb: [64, ...], yb: [64]
 * loader.length;                                   // ceil(n / 64)
 */
export class DataLoader<D = unknown, B = DefaultBatch<D>> implements Iterable<B>, AsyncIterable<B> {
  /** The dataset as given. */
  readonly dataset: D;
  readonly batchSize: number | null;
  readonly dropLast: boolean;
  /** The index sampler (null for an iterable dataset). */
  readonly sampler: Sampler | Iterable<number> | null;
  /** The batch sampler (null when batching is off or the dataset is iterable). */
  readonly batchSampler: BatchSamplerLike | null;
  readonly generator: Generator | null;
  readonly numWorkers: number;
  readonly prefetchFactor: number;
  readonly persistentWorkers: boolean;
  readonly timeout: number;
  readonly collateFn: (samples: never) => unknown;
  /** @internal the validated options. */
  readonly config: LoaderConfig;
  /** @internal the dataset normalised to a map-style dataset or a stream. */
  readonly source: MapDataset | IterableSource;
  /** Starts the workers (null: Web Workers in browsers, worker_threads in Node). */
  readonly workerSpawner: WorkerSpawner | null;
  /** @internal the workers kept between epochs (persistentWorkers) and the epoch counter. */
  readonly workerState: WorkerState = { spawner: null, pool: null, epochs: 0 };
  private current: EpochRecord | null = null;
  private pendingResume: DataLoaderState | null = null;

  constructor(dataset: D, options: DataLoaderOptions = {}) {
    const kind = isIterableSource(dataset) ? 'iterable' : 'map';
    this.source = kind === 'iterable' ? (dataset as IterableSource) : toMapDataset('DataLoader', dataset as MapDataset);
    this.config = resolveOptions(this.source, kind, options);
    this.dataset = dataset;
    this.batchSize = this.config.batchSize;
    this.dropLast = this.config.dropLast;
    this.sampler = this.config.sampler;
    this.batchSampler = this.config.batchSampler;
    this.generator = this.config.generator;
    this.numWorkers = this.config.numWorkers;
    this.prefetchFactor = this.config.prefetchFactor;
    this.persistentWorkers = this.config.persistentWorkers;
    this.timeout = this.config.timeout;
    this.collateFn = this.config.collateFn;
    this.workerSpawner = this.config.workerSpawner;
  }

  /** True when batches are built from lists of samples (batchSize or batchSampler given). */
  get autoCollation(): boolean {
    return this.config.batchSampler !== null || (this.config.kind === 'iterable' && this.config.batchSize !== null);
  }

  /** The sampler the epoch reads from: the batch sampler when batching, else the sampler. */
  get indexSampler(): Sampler | BatchSamplerLike | Iterable<number> | null {
    return this.config.batchSampler ?? this.config.sampler;
  }

  /**
   * Batches per epoch (PyTorch's `len(loader)`): ⌈n / batchSize⌉, or ⌊n / batchSize⌋ with
   * dropLast; for an iterable dataset, computed from its `length` when it has one.
   */
  get length(): number {
    if (this.config.kind === 'iterable') {
      const n = (this.source as { length?: unknown }).length;
      if (typeof n !== 'number') throw new ValueError('DataLoader: the IterableDataset has no length');
      if (this.batchSize === null) return n;
      return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
    }
    const n = (this.indexSampler as { length?: unknown }).length;
    if (typeof n !== 'number') throw new ValueError('DataLoader: the sampler has no length');
    return n;
  }

  /** One epoch, in the calling thread (numWorkers must be 0; use `for await` with workers). */
  [Symbol.iterator](): DataLoaderIterator<B> {
    if (this.numWorkers > 0) {
      throw new ValueError('DataLoader: with numWorkers > 0 batches arrive asynchronously; iterate with for await');
    }
    if (this.config.kind === 'iterable' && typeof (this.source as Iterable<unknown>)[Symbol.iterator] !== 'function') {
      throw new ValueError('DataLoader: the dataset is async; iterate with for await');
    }
    return this.syncEpoch();
  }

  /** One epoch; with workers, batches are fetched in worker threads and delivered in sampler order. */
  [Symbol.asyncIterator](): AsyncDataLoaderIterator<B> {
    if (this.numWorkers > 0) return workerEpoch<B>(this, this.beginEpoch());
    if (this.config.kind === 'iterable' && typeof (this.source as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      return this.asyncIterableEpoch();
    }
    return this.syncEpoch().toAsync();
  }

  /**
   * The position in the epoch in progress, to resume it later with `loadStateDict`: the batches
   * already delivered, the epoch's base seed, and the random state its shuffle started from.
   * Between epochs it holds only the loader generator's state.
   */
  stateDict(): DataLoaderState {
    const c = this.current;
    if (c !== null && !c.finished) {
      const s = this.indexSampler as Sampler | null;
      return {
        numYielded: c.numYielded,
        baseSeed: c.baseSeed.toString(),
        generatorState: c.generatorStart,
        samplerState: typeof s?.stateDict === 'function' ? s.stateDict() : null,
      };
    }
    return { numYielded: 0, baseSeed: null, generatorState: this.generator?.getState() ?? null, samplerState: null };
  }

  /**
   * Makes the next epoch resume the one `state` was saved in: it yields the batches an
   * uninterrupted run would have yielded after the first `numYielded`. With a loader generator the
   * generator is rewound, so later epochs match too; without one, restore the global generator
   * yourself (`setRngState`) if later epochs must match.
   */
  loadStateDict(state: DataLoaderState): void {
    const s = checkLoaderState(state);
    if (s.baseSeed === null) {
      if (s.generatorState !== null && this.generator !== null) this.generator.setState(s.generatorState);
      this.pendingResume = null;
      return;
    }
    this.pendingResume = s;
  }

  /** Stops persistent workers (they also stop when the process exits). */
  async shutdown(): Promise<void> {
    const pool = this.workerState.pool;
    this.workerState.pool = null;
    await pool?.terminate();
  }

  /** @internal Starts an epoch: draws (or restores) the base seed and applies a pending resume. */
  beginEpoch(): { record: EpochRecord; skip: number } {
    const pending = this.pendingResume;
    this.pendingResume = null;
    const g = this.generator;
    if (pending !== null && pending.generatorState !== null && g !== null) g.setState(pending.generatorState);
    const generatorStart = g !== null ? g.getState() : null;
    if (pending?.samplerState) {
      const s = this.indexSampler as Sampler | null;
      if (typeof s?.loadStateDict === 'function') s.loadStateDict(pending.samplerState);
    }
    const baseSeed =
      pending !== null && g === null && pending.baseSeed !== null
        ? BigInt(pending.baseSeed)
        : randomInt64(g ?? defaultGenerator);
    const record: EpochRecord = { baseSeed, generatorStart, numYielded: 0, finished: false };
    this.current = record;
    return { record, skip: pending?.numYielded ?? 0 };
  }

  /** @internal A fresh iterator over the index sampler (batches as Int32Arrays when it can). */
  indexIterator(): Iterator<ArrayLike<number> | number> {
    const s = this.indexSampler as BatchSamplerLike;
    if (typeof s.indexBatches === 'function') return s.indexBatches();
    return (s as Iterable<ArrayLike<number> | number>)[Symbol.iterator]();
  }

  private syncEpoch(): DataLoaderIterator<B> {
    if (this.config.kind === 'map') {
      // PyTorch creates the sampler iterator before drawing the base seed; neither draws yet.
      const indexIter = this.indexIterator();
      const { record, skip } = this.beginEpoch();
      const fetcher = new MapFetcher(this.source as MapDataset, this.autoCollation, this.collateFn);
      skipIndices(indexIter, skip, record);
      const it = new DataLoaderIterator<B>(
        record,
        () => {
          const r = indexIter.next();
          return r.done === true ? DONE : { done: false, value: fetcher.fetch(r.value) };
        },
        () => void indexIter.return?.(),
      );
      return it;
    }
    const { record, skip } = this.beginEpoch();
    const stream = (this.source as Iterable<unknown>)[Symbol.iterator]();
    const fetcher = new IterableFetcher(stream, this.batchSize, this.dropLast, this.collateFn);
    for (let k = 0; k < skip && fetcher.fetch().done !== true; k++) record.numYielded++;
    return new DataLoaderIterator<B>(record, () => fetcher.fetch(), () => fetcher.close());
  }

  private asyncIterableEpoch(): AsyncDataLoaderIterator<B> {
    const { record, skip } = this.beginEpoch();
    const stream = (this.source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const fetcher = new AsyncIterableFetcher(stream, this.batchSize, this.dropLast, this.collateFn);
    let toSkip = skip;
    return new AsyncDataLoaderIterator<B>(
      record,
      async () => {
        for (; toSkip > 0; toSkip--) {
          if ((await fetcher.fetch()).done === true) return DONE;
          record.numYielded++;
        }
        return fetcher.fetch();
      },
      () => fetcher.close(),
    );
  }
}

/** Pulls `count` index batches without fetching them (resume), counting them as delivered. */
export function skipIndices(indexIter: Iterator<unknown>, count: number, record: EpochRecord): void {
  for (let k = 0; k < count; k++) {
    if (indexIter.next().done === true) break;
    record.numYielded++;
  }
}


/**
 * The DataLoader's options and their validation, in PyTorch 1.13's order and with its messages
 * (option names in camelCase). Validation also picks the defaults, as PyTorch's `__init__` does:
 * a shuffling or sequential sampler, and a BatchSampler unless batching is off.
 */
import { type Generator, ValueError } from '@gd/tensor';
import { defaultCollate } from '../collate/default-collate.js';
import { defaultConvert } from '../collate/default-convert.js';
import { type IterableSource, type MapDataset } from '../dataset/types.js';
import { BatchSampler } from '../sampler/batch-sampler.js';
import { RandomSampler } from '../sampler/random-sampler.js';
import type { BatchSamplerLike, Sampler } from '../sampler/sampler.js';
import type { WorkerSpawner } from '../worker/spawner.js';
import { SequentialSampler } from '../sampler/sequential-sampler.js';
import { pyStr } from '../util/py-format.js';

/** An export of an ES module, loaded by a worker (functions cannot be sent to a worker). */
export interface ModuleExport {
  /** The module's URL or path (resolved by the worker, e.g. `new URL('./init.js', import.meta.url)`). */
  module: string | URL;
  /** The export's name (default `'default'`). */
  name?: string;
}

/** Called in each worker before its first fetch, with the worker's id. */
export type WorkerInitFn = (workerId: number) => void | Promise<void>;

export interface DataLoaderOptions {
  /** Samples per batch (default 1); `null` turns batching off (each sample goes through `collateFn` alone). */
  batchSize?: number | null;
  /** Reshuffle the indices every epoch (map-style datasets only). */
  shuffle?: boolean | null;
  /** Where indices come from (mutually exclusive with `shuffle`). */
  sampler?: Sampler | Iterable<number> | null;
  /** Where whole index lists come from (mutually exclusive with batchSize, shuffle, sampler, dropLast). */
  batchSampler?: BatchSamplerLike | null;
  /** Worker threads fetching batches (0: in the calling thread). */
  numWorkers?: number;
  /** Builds a batch from samples (default `defaultCollate`; `defaultConvert` when batchSize is null). */
  collateFn?: ((samples: never) => unknown) | null;
  /** Drop the last batch when it is short. */
  dropLast?: boolean;
  /** Seconds to wait for a worker's batch before failing (0: wait forever). */
  timeout?: number;
  /** Runs in each worker first: a module export (a function is accepted only without workers, where it is unused). */
  workerInitFn?: WorkerInitFn | ModuleExport | null;
  /** Draws each epoch's base seed and, with `shuffle`, the permutation (default: the global generator). */
  generator?: Generator | null;
  /** Batches each worker works ahead (default 2; only with workers). */
  prefetchFactor?: number;
  /** Keep the workers between epochs. */
  persistentWorkers?: boolean;
  /** Starts worker threads (default: Web Workers in browsers, worker_threads in Node). */
  workerSpawner?: WorkerSpawner | null;
}

/** The options after validation, with PyTorch's defaults filled in. */
export interface LoaderConfig {
  kind: 'map' | 'iterable';
  batchSize: number | null;
  dropLast: boolean;
  sampler: Sampler | Iterable<number> | null;
  batchSampler: BatchSamplerLike | null;
  collateFn: (samples: never) => unknown;
  numWorkers: number;
  timeout: number;
  workerInitFn: WorkerInitFn | ModuleExport | null;
  generator: Generator | null;
  prefetchFactor: number;
  persistentWorkers: boolean;
  workerSpawner: WorkerSpawner | null;
}

const DEFAULT_PREFETCH = 2;

function isNonNegativeInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

/**
 * Validates `options` for `dataset` (kind already known) and builds the samplers, as PyTorch's
 * `DataLoader.__init__`.
 */
export function resolveOptions(
  dataset: MapDataset | IterableSource,
  kind: 'map' | 'iterable',
  options: DataLoaderOptions,
): LoaderConfig {
  const known = new Set([
    'batchSize', 'shuffle', 'sampler', 'batchSampler', 'numWorkers', 'collateFn', 'dropLast', 'timeout',
    'workerInitFn', 'generator', 'prefetchFactor', 'persistentWorkers', 'workerSpawner',
  ]);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new ValueError(`DataLoader: unknown option ${key}`);
  }
  const numWorkers = options.numWorkers ?? 0;
  const timeout = options.timeout ?? 0;
  const persistentWorkers = options.persistentWorkers ?? false;
  const prefetchGiven = options.prefetchFactor !== undefined;
  const prefetchFactor = options.prefetchFactor ?? DEFAULT_PREFETCH;
  const shuffle = options.shuffle ?? null;
  let sampler = options.sampler ?? null;
  let batchSampler = options.batchSampler ?? null;
  let batchSize = options.batchSize === undefined ? 1 : options.batchSize;
  let dropLast = options.dropLast ?? false;

  if (!isNonNegativeInt(numWorkers)) {
    throw new ValueError('DataLoader: numWorkers option should be non-negative; use numWorkers=0 to disable multiprocessing.');
  }
  if (typeof timeout !== 'number' || !(timeout >= 0)) throw new ValueError('DataLoader: timeout option should be non-negative');
  if (numWorkers === 0 && prefetchGiven && prefetchFactor !== DEFAULT_PREFETCH) {
    throw new ValueError(
      'DataLoader: prefetchFactor option could only be specified in multiprocessing.let numWorkers > 0 to enable multiprocessing.',
    );
  }
  if (typeof prefetchFactor !== 'number' || !Number.isInteger(prefetchFactor) || prefetchFactor <= 0) {
    throw new ValueError(`DataLoader: prefetchFactor should be a positive integer, got ${pyStr(prefetchFactor)}`);
  }
  if (persistentWorkers && numWorkers === 0) throw new ValueError('DataLoader: persistentWorkers option needs numWorkers > 0');
  if (typeof options.workerInitFn === 'function' && numWorkers > 0) {
    throw new ValueError(
      'DataLoader: workerInitFn runs inside the workers, where a function cannot be sent; ' +
        'pass { module, name } naming an exported function instead',
    );
  }

  if (kind === 'iterable') {
    if (shuffle !== null && shuffle !== false) {
      throw new ValueError(`DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=${pyStr(shuffle)}`);
    }
    if (sampler !== null) {
      throw new ValueError(`DataLoader with IterableDataset: expected unspecified sampler option, but got sampler=${pyStr(sampler)}`);
    }
    if (batchSampler !== null) {
      throw new ValueError(
        `DataLoader with IterableDataset: expected unspecified batchSampler option, but got batchSampler=${pyStr(batchSampler)}`,
      );
    }
  }
  const doShuffle = shuffle === true;
  if (sampler !== null && doShuffle) throw new ValueError('DataLoader: sampler option is mutually exclusive with shuffle');

  if (batchSampler !== null) {
    if (batchSize !== 1 || doShuffle || sampler !== null || dropLast) {
      throw new ValueError('DataLoader: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast');
    }
    batchSize = null;
    dropLast = false;
  } else if (batchSize === null && dropLast) {
    throw new ValueError('DataLoader: batchSize=None option disables auto-batching and is mutually exclusive with dropLast');
  }

  const generator = options.generator ?? null;
  if (kind === 'map' && sampler === null) {
    const source = dataset as MapDataset;
    sampler = doShuffle ? new RandomSampler(source, { generator: generator ?? undefined }) : new SequentialSampler(source);
  }
  if (kind === 'map' && batchSize !== null && batchSampler === null) {
    batchSampler = new BatchSampler(sampler!, batchSize, dropLast);
  } else if (kind === 'iterable' && batchSize !== null) {
    // Validates batchSize and dropLast as PyTorch's BatchSampler over its infinite sampler does.
    new BatchSampler([], batchSize, dropLast);
  }

  const autoCollation = batchSampler !== null || (kind === 'iterable' && batchSize !== null);
  const collateFn = options.collateFn ?? (autoCollation ? defaultCollate : defaultConvert);
  if (typeof collateFn !== 'function') throw new ValueError('DataLoader: collateFn should be a function');
  return {
    kind,
    batchSize,
    dropLast,
    sampler,
    batchSampler,
    collateFn,
    numWorkers,
    timeout,
    workerInitFn: options.workerInitFn ?? null,
    generator,
    prefetchFactor,
    persistentWorkers,
    workerSpawner: options.workerSpawner ?? null,
  };
}

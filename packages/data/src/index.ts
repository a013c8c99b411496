/**
 * @gd/data: datasets, samplers and a DataLoader with PyTorch 1.13's semantics and random draws,
 * plus streaming CSV/NDJSON readers. This entry is browser-safe (no node: imports); file paths,
 * fs streams and worker_threads are in `@gd/data/node`. Nothing here runs at import time.
 */
// datasets
export { type MapDataset, type MapDatasetLike, type IterableSource, isMapDataset, isIterableSource } from './dataset/types.js';
export { Dataset } from './dataset/dataset.js';
export { ArrayDataset } from './dataset/array-dataset.js';
export { TensorDataset } from './dataset/tensor-dataset.js';
export { Subset } from './dataset/subset.js';
export { ConcatDataset, type ConcatLocation } from './dataset/concat-dataset.js';
export { randomSplit, type RandomSplitOptions } from './dataset/random-split.js';
export { IterableDataset, iterableDataset, shardByWorker, shardIterable } from './dataset/iterable-dataset.js';

// samplers
export { type Sampler, type BatchSamplerLike, type SamplerState } from './sampler/sampler.js';
export { SequentialSampler } from './sampler/sequential-sampler.js';
export { RandomSampler, type RandomSamplerOptions } from './sampler/random-sampler.js';
export { SubsetRandomSampler, type SubsetRandomSamplerOptions } from './sampler/subset-random-sampler.js';
export { WeightedRandomSampler, type WeightedRandomSamplerOptions } from './sampler/weighted-random-sampler.js';
export { DistributedSampler, type DistributedSamplerOptions } from './sampler/distributed-sampler.js';
export { BatchSampler } from './sampler/batch-sampler.js';

// collation
export { defaultCollate } from './collate/default-collate.js';
export { defaultConvert } from './collate/default-convert.js';

// loader
export { DataLoader, type DefaultBatch } from './loader/data-loader.js';
export { type DataLoaderOptions, type ModuleExport, type WorkerInitFn } from './loader/options.js';
export { DataLoaderIterator, AsyncDataLoaderIterator } from './loader/loader-iterator.js';
export { type DataLoaderState } from './loader/loader-state.js';

// workers
export { getWorkerInfo, type WorkerInfo } from './worker/worker-info.js';
export { datasetFromModule, withWorkerModule } from './worker/dataset-spec.js';
export { DataLoaderWorkerError, DataLoaderTimeoutError } from './worker/errors.js';
export { type WorkerSpawner, type WorkerHandle, webWorkerSpawner } from './worker/spawner.js';

// streaming readers and bundled data
export { type TextSource, type NamedTextSource, textChunks } from './io/text-source.js';
export { DataFormatError } from './io/format-error.js';
export { type CsvOptions, type CsvTable, csvRows, readCsv, csvDataset } from './io/csv.js';
export { type NdjsonOptions, ndjsonRows, ndjsonDataset } from './io/ndjson.js';
export { type SyntheticLineOptions, type SyntheticLine, syntheticLine } from './synthetic/synthetic-line.js';

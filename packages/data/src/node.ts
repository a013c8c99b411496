/**
 * @gd/data/node: the Node-only half of @gd/data (file paths, fs streams, worker_threads); import
 * everything else from `@gd/data`.
 */
export {
  type FileSourceOptions,
  fileSource,
  readCsvFile,
  csvFileRows,
  csvFileDataset,
  ndjsonFileRows,
  ndjsonFileDataset,
} from './node/file-source.js';
export { type NodeWorkerSpawnerOptions, nodeWorkerSpawner } from './node/worker-spawner.js';

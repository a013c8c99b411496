/**
 * The messages between a DataLoader and its workers. One worker handles its messages strictly in
 * order, so a fetch sent before the worker finished starting waits for it.
 */
import type { ModuleExport } from '../loader/options.js';
import type { DatasetSpec } from './dataset-spec.js';

/** How a worker turns fetched samples into what it sends back. */
export type CollateMode = 'default' | 'convert' | 'none';

export interface InitMessage {
  type: 'init';
  workerId: number;
  numWorkers: number;
  /** The worker's seed (base seed + id), decimal. */
  seed: string;
  dataset: DatasetSpec;
  kind: 'map' | 'iterable';
  autoCollation: boolean;
  batchSize: number | null;
  dropLast: boolean;
  collate: CollateMode;
  workerInitFn: ModuleExport | null;
}

export interface FetchMessage {
  type: 'fetch';
  epoch: number;
  task: number;
  /** Map-style: the batch's indices (or one index without batching); iterable: null. */
  indices: Int32Array | number | null;
}

/** Starts a new epoch on a persistent worker (an iterable dataset restarts its iterator). */
export interface EpochMessage {
  type: 'epoch';
  epoch: number;
}

export type ToWorker = InitMessage | FetchMessage | EpochMessage;

export type FromWorker =
  | { type: 'ready'; workerId: number }
  | { type: 'batch'; epoch: number; task: number; data: unknown }
  | { type: 'exhausted'; epoch: number; task: number }
  | {
      type: 'error';
      epoch: number;
      task: number;
      workerId: number;
      name: string;
      message: string;
      stack: string | undefined;
    };

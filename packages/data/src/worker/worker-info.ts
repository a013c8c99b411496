/**
 * `getWorkerInfo()`: inside a DataLoader worker, which worker this is (PyTorch's
 * `torch.utils.data.get_worker_info`); null in the main thread. Set by the worker runtime
 * before the dataset is used, so an IterableDataset can read it when iteration starts.
 */

/** What a worker knows about itself. */
export interface WorkerInfo {
  /** This worker's index in [0, numWorkers). */
  readonly id: number;
  readonly numWorkers: number;
  /** The worker's seed: the epoch's base seed + id (as PyTorch). */
  readonly seed: bigint;
  /** This worker's copy of the dataset. */
  readonly dataset: unknown;
}

// Kept on globalThis under a registered symbol: the package's two entries (and a CJS and an ESM
// copy of it) must all see the one worker state of this thread.
const KEY = Symbol.for('@gd/data.workerInfo');
const slot = globalThis as { [KEY]?: WorkerInfo | null };

/**
 * The current worker's info, or null outside a worker.
 * @example
 * const info = getWorkerInfo();
 * const [start, step] = info ? [info.id, info.numWorkers] : [0, 1];
 */
export function getWorkerInfo(): WorkerInfo | null {
  return slot[KEY] ?? null;
}

/** Installs the worker info (worker runtime only). */
export function setWorkerInfo(info: WorkerInfo | null): void {
  slot[KEY] = info;
}

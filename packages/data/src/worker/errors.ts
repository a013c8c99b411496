/**
 * Errors of the worker path: a worker that failed (its own exception, or the thread dying) and a
 * fetch that took longer than the loader's `timeout`. Both name the worker; a failed fetch also
 * names the indices it was fetching and the worker-side error's class and stack.
 */
import { GdError } from '@gd/tensor';

/** A worker's exception, or a worker that could not start or died; names the worker and the indices. */
export class DataLoaderWorkerError extends GdError {
  override name = 'DataLoaderWorkerError';

  constructor(
    message: string,
    /** The worker's id in [0, numWorkers). */
    readonly workerId: number,
    /** The indices being fetched (null for an iterable dataset or a crash between fetches). */
    readonly indices: readonly number[] | number | null,
    /** The class name of the error raised in the worker (e.g. "IndexError"). */
    readonly workerErrorName: string,
    /** The stack trace inside the worker, when there is one. */
    readonly workerStack: string | undefined,
  ) {
    super(message);
  }
}

/** No batch within the loader's `timeout` (PyTorch: "DataLoader timed out after N seconds"). */
export class DataLoaderTimeoutError extends GdError {
  override name = 'DataLoaderTimeoutError';

  constructor(
    message: string,
    readonly workerId: number,
  ) {
    super(message);
  }
}

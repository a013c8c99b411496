/**
 * `WorkerPool`: the worker threads of one DataLoader epoch (or of all epochs, with
 * persistentWorkers). It starts them with their init message, routes their replies to the epoch
 * in progress, and turns a worker that fails to start or dies into a {@link DataLoaderWorkerError}.
 */
import { DataLoaderWorkerError } from '../worker/errors.js';
import type { FromWorker, InitMessage, ToWorker } from '../worker/protocol.js';
import type { WorkerHandle, WorkerSpawner } from '../worker/spawner.js';

/** The workers of a loader: started with their init messages, shut down by `terminate`. */
export class WorkerPool {
  private readonly handles: WorkerHandle[];
  private onMessage: ((msg: FromWorker, workerId: number) => void) | null = null;
  private onFailure: ((error: DataLoaderWorkerError) => void) | null = null;
  /** Set once a worker failed to start or died: the pool is unusable. */
  failure: DataLoaderWorkerError | null = null;
  private terminated = false;

  constructor(spawner: WorkerSpawner, inits: readonly InitMessage[]) {
    this.handles = inits.map((init, id) => {
      const handle = spawner(id);
      handle.listen(
        (msg) => this.receive(id, msg),
        (err) => this.fail(new DataLoaderWorkerError(`DataLoader worker ${id} exited unexpectedly: ${err.message}`, id, null, err.name, err.stack)),
      );
      handle.post(init);
      return handle;
    });
  }

  get size(): number {
    return this.handles.length;
  }

  /** Routes replies (and failures) to the epoch in progress. */
  attach(onMessage: (msg: FromWorker, workerId: number) => void, onFailure: (error: DataLoaderWorkerError) => void): void {
    this.onMessage = onMessage;
    this.onFailure = onFailure;
  }

  detach(): void {
    this.onMessage = null;
    this.onFailure = null;
  }

  post(workerId: number, msg: ToWorker): void {
    this.handles[workerId]!.post(msg);
  }

  broadcast(msg: ToWorker): void {
    for (const h of this.handles) h.post(msg);
  }

  /** Busy workers keep the process alive; idle persistent ones must not. */
  setActive(active: boolean): void {
    for (const h of this.handles) h.setActive?.(active);
  }

  async terminate(): Promise<void> {
    if (this.terminated) return;
    this.terminated = true;
    this.detach();
    await Promise.all(this.handles.map((h) => h.terminate()));
  }

  private receive(workerId: number, msg: FromWorker): void {
    if (msg.type === 'ready') return;
    if (msg.type === 'error' && msg.task === -1) {
      this.fail(
        new DataLoaderWorkerError(
          `DataLoader worker ${workerId} failed to start: ${msg.name}: ${msg.message}`,
          workerId,
          null,
          msg.name,
          msg.stack,
        ),
      );
      return;
    }
    this.onMessage?.(msg, workerId);
  }

  private fail(error: DataLoaderWorkerError): void {
    if (this.terminated) return;
    this.failure ??= error;
    this.onFailure?.(error);
  }
}

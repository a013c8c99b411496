/**
 * One DataLoader epoch with numWorkers > 0 (PyTorch's `_MultiProcessingDataLoaderIter`). Index
 * batches come from the sampler in the main thread and go round-robin to the workers, keeping
 * `prefetchFactor` tasks per worker in flight; results are delivered in task order, whatever
 * order they arrive in, so the batches equal those of numWorkers 0. For an iterable dataset each
 * worker reads its own copy of the stream (shard it with getWorkerInfo) and a worker that runs dry
 * is skipped from then on. Worker i is seeded with baseSeed + i. A worker's exception, a dead
 * worker and a `timeout` end the epoch with an error naming the worker; the workers are shut down
 * when the epoch ends, fails or is left early (unless persistentWorkers).
 */
import { defaultCollate } from '../collate/default-collate.js';
import { defaultConvert } from '../collate/default-convert.js';
import { DataLoaderTimeoutError, DataLoaderWorkerError } from '../worker/errors.js';
import { datasetSpec } from '../worker/dataset-spec.js';
import type { CollateMode, FromWorker, InitMessage } from '../worker/protocol.js';
import { type WorkerSpawner, defaultWorkerSpawner } from '../worker/spawner.js';
import { decodeValue } from '../worker/wire.js';
import type { DataLoader } from './data-loader.js';
import { AsyncDataLoaderIterator, type EpochRecord } from './loader-iterator.js';
import type { ModuleExport } from './options.js';
import { WorkerPool } from './worker-pool.js';

const DONE: IteratorResult<never> = { done: true, value: undefined };

/** Where the epoch's workers come from and what they keep between epochs (owned by the loader). */
export interface WorkerState {
  spawner: WorkerSpawner | null;
  pool: WorkerPool | null;
  epochs: number;
}

interface Task {
  workerId: number;
  indices: Int32Array | number | null;
}

function collateMode(loader: DataLoader<unknown, unknown>): CollateMode {
  const fn = loader.collateFn as unknown;
  if (loader.autoCollation) return fn === defaultCollate ? 'default' : 'none';
  return fn === defaultConvert ? 'convert' : 'none';
}

function describeIndices(indices: Int32Array | number | null): string {
  if (indices === null) return 'its next batch';
  if (typeof indices === 'number') return `index ${indices}`;
  return `indices [${Array.from(indices).join(', ')}]`;
}

/** The iterator of `for await (const batch of loader)` with workers. */
export function workerEpoch<B>(loader: DataLoader<unknown, B>, start: { record: EpochRecord; skip: number }): AsyncDataLoaderIterator<B> {
  const { record, skip } = start;
  const state = loader.workerState;
  const epoch = state.epochs++;
  const numWorkers = loader.numWorkers;
  const mode = collateMode(loader);
  const isMap = loader.config.kind === 'map';
  const indexIter = isMap ? (loader.indexIterator()) : null;
  let toDiscard = 0;
  if (isMap) {
    for (let k = 0; k < skip && indexIter!.next().done !== true; k++) record.numYielded++;
  } else {
    toDiscard = skip;
  }

  let pool: WorkerPool | null = null;
  const tasks = new Map<number, Task>();
  const results = new Map<number, FromWorker>();
  const active = Array.from({ length: numWorkers }, () => true);
  let activeCount = numWorkers;
  let nextWorker = 0;
  let sent = 0;
  let received = 0;
  let indicesDone = false;
  let failure: Error | null = null;
  /** Set when the epoch ended in an error: its workers are gone, later calls end the loop. */
  let broken = false;
  let wake: (() => void) | null = null;

  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };

  const startPool = async (): Promise<WorkerPool> => {
    if (state.pool !== null && state.pool.failure === null) return state.pool;
    state.spawner ??= loader.workerSpawner ?? (await defaultWorkerSpawner());
    const spec = datasetSpec(loader.source);
    // URLs do not survive postMessage: the module goes as a string.
    const initFn = loader.config.workerInitFn as ModuleExport | null;
    const inits: InitMessage[] = Array.from({ length: numWorkers }, (_, id) => ({
      type: 'init',
      workerId: id,
      numWorkers,
      seed: (record.baseSeed + BigInt(id)).toString(),
      dataset: spec,
      kind: loader.config.kind,
      autoCollation: loader.autoCollation,
      batchSize: loader.batchSize,
      dropLast: loader.dropLast,
      collate: mode,
      workerInitFn: initFn === null ? null : { module: String(initFn.module), name: initFn.name ?? 'default' },
    }));
    const created = new WorkerPool(state.spawner, inits);
    if (loader.persistentWorkers) state.pool = created;
    return created;
  };

  const dispatch = (p: WorkerPool): void => {
    if (isMap) {
      if (indicesDone) return;
      const r = indexIter!.next();
      if (r.done === true) {
        indicesDone = true;
        return;
      }
      const v = r.value;
      const indices = typeof v === 'number' ? v : v instanceof Int32Array ? v : Int32Array.from(v);
      const workerId = nextWorker;
      nextWorker = (nextWorker + 1) % numWorkers;
      tasks.set(sent, { workerId, indices });
      p.post(workerId, { type: 'fetch', epoch, task: sent++, indices });
      return;
    }
    if (activeCount === 0) return;
    while (!active[nextWorker]) nextWorker = (nextWorker + 1) % numWorkers;
    const workerId = nextWorker;
    nextWorker = (nextWorker + 1) % numWorkers;
    tasks.set(sent, { workerId, indices: null });
    p.post(workerId, { type: 'fetch', epoch, task: sent++, indices: null });
  };

  const onMessage = (msg: FromWorker): void => {
    if (msg.type === 'ready' || msg.epoch !== epoch) return; // a reply to an abandoned epoch
    results.set(msg.task, msg);
    if (msg.task === received) notify();
  };

  const onFailure = (error: DataLoaderWorkerError): void => {
    failure ??= error;
    notify();
  };

  const shutdown = async (): Promise<void> => {
    const p = pool;
    if (p === null) return;
    p.detach();
    if (loader.persistentWorkers && p.failure === null && failure === null) p.setActive(false);
    else {
      if (state.pool === p) state.pool = null;
      await p.terminate();
    }
  };

  /** Waits for task `received`'s reply (or a failure, or the timeout). */
  const nextReply = async (): Promise<FromWorker> => {
    const timeoutMs = loader.timeout * 1000;
    let timer: ReturnType<typeof setTimeout> | null = null;
    try {
      while (!results.has(received)) {
        if (failure !== null) throw failure;
        await new Promise<void>((resolve, reject) => {
          wake = resolve;
          if (timeoutMs > 0 && timer === null) {
            timer = setTimeout(() => {
              const workerId = tasks.get(received)?.workerId ?? -1;
              reject(new DataLoaderTimeoutError(`DataLoader timed out after ${loader.timeout} seconds (waiting for worker ${workerId})`, workerId));
            }, timeoutMs);
          }
        });
      }
    } finally {
      if (timer !== null) clearTimeout(timer);
    }
    const reply = results.get(received)!;
    results.delete(received);
    return reply;
  };

  const fail = async (err: unknown): Promise<never> => {
    broken = true;
    await shutdown();
    throw err;
  };

  const step = async (): Promise<IteratorResult<unknown>> => {
    if (broken) return DONE;
    if (pool === null) {
      try {
        pool = await startPool();
      } catch (err) {
        broken = true;
        throw err;
      }
      if (pool.failure !== null) return fail(pool.failure);
      pool.attach(onMessage, onFailure);
      pool.setActive(true);
      if (epoch > 0 && loader.persistentWorkers) pool.broadcast({ type: 'epoch', epoch });
      for (let i = 0; i < loader.prefetchFactor * numWorkers; i++) dispatch(pool);
    }
    const p = pool;
    for (;;) {
      if (received === sent) return DONE;
      let reply: FromWorker;
      try {
        reply = await nextReply();
      } catch (err) {
        return fail(err);
      }
      const task = tasks.get(received)!;
      tasks.delete(received);
      received++;
      if (reply.type === 'exhausted') {
        if (active[task.workerId]) {
          active[task.workerId] = false;
          activeCount--;
        }
        dispatch(p);
        continue;
      }
      if (reply.type === 'error') {
        const error = new DataLoaderWorkerError(
          `DataLoader worker ${task.workerId} failed on ${describeIndices(task.indices)}: ${reply.name}: ${reply.message}`,
          task.workerId,
          task.indices === null ? null : typeof task.indices === 'number' ? task.indices : Array.from(task.indices),
          reply.name,
          reply.stack,
        );
        return fail(error);
      }
      dispatch(p);
      if (reply.type !== 'batch') continue;
      const data = decodeValue(reply.data);
      if (toDiscard > 0) {
        toDiscard--;
        record.numYielded++;
        continue;
      }
      return { done: false, value: mode === 'none' ? (loader.collateFn as (x: unknown) => unknown)(data) : data };
    }
  };

  return new AsyncDataLoaderIterator<B>(record, step, shutdown);
}

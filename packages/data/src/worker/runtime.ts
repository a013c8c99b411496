/**
 * What runs inside a DataLoader worker (Node worker thread or Web Worker): it rebuilds the
 * dataset, seeds the thread's global generator with its seed (base seed + worker id, as PyTorch),
 * runs `workerInitFn`, then answers fetch requests one at a time, in order. A fetch that throws is
 * reported with the worker id and indices; the worker carries on.
 */
import { manualSeed } from '@gd/tensor';
import { defaultCollate } from '../collate/default-collate.js';
import { defaultConvert } from '../collate/default-convert.js';
import type { MapDataset } from '../dataset/types.js';
import { buildDataset, importExport } from './dataset-spec.js';
import type { FetchMessage, FromWorker, InitMessage, ToWorker } from './protocol.js';
import { encodeValue } from './wire.js';
import { setWorkerInfo } from './worker-info.js';

type SampleIterator = { next(): IteratorResult<unknown> | Promise<IteratorResult<unknown>> };

/** The worker's message handler; `post` sends to the main thread. */
export function createWorkerRuntime(post: (msg: FromWorker) => void): (msg: ToWorker) => void {
  let init: InitMessage | null = null;
  let dataset: unknown = null;
  let stream: SampleIterator | null = null;
  let streamEpoch = -1;
  let queue: Promise<void> = Promise.resolve();

  const collate = (samples: unknown): unknown => {
    if (init!.collate === 'default') return defaultCollate(samples as unknown[]);
    if (init!.collate === 'convert') return defaultConvert(samples);
    return samples;
  };

  const openStream = (epoch: number): SampleIterator => {
    if (stream === null || streamEpoch !== epoch) {
      const src = dataset as AsyncIterable<unknown> & Iterable<unknown>;
      stream =
        typeof src[Symbol.asyncIterator] === 'function' ? src[Symbol.asyncIterator]() : src[Symbol.iterator]();
      streamEpoch = epoch;
    }
    return stream;
  };

  const fetchMap = (indices: Int32Array | number): unknown => {
    const ds = dataset as MapDataset;
    if (!init!.autoCollation) return collate(ds.getItem(indices as number));
    const idx = indices as Int32Array;
    if (init!.collate === 'default' && typeof ds.getItems === 'function') return ds.getItems(idx);
    return collate(Array.from(idx, (i) => ds.getItem(i)));
  };

  /** The next batch of the stream, or null when it cannot fill one. */
  const fetchIterable = async (epoch: number): Promise<{ value: unknown } | null> => {
    const it = openStream(epoch);
    if (init!.batchSize === null) {
      const r = await it.next();
      return r.done === true ? null : { value: collate(r.value) };
    }
    const samples: unknown[] = [];
    while (samples.length < init!.batchSize) {
      const r = await it.next();
      if (r.done === true) break;
      samples.push(r.value);
    }
    if (samples.length === 0 || (init!.dropLast && samples.length < init!.batchSize)) return null;
    return { value: collate(samples) };
  };

  const fetch = async (msg: FetchMessage): Promise<void> => {
    try {
      if (init!.kind === 'map') {
        post({ type: 'batch', epoch: msg.epoch, task: msg.task, data: encodeValue(fetchMap(msg.indices!)) });
        return;
      }
      const r = await fetchIterable(msg.epoch);
      if (r === null) post({ type: 'exhausted', epoch: msg.epoch, task: msg.task });
      else post({ type: 'batch', epoch: msg.epoch, task: msg.task, data: encodeValue(r.value) });
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      post({ type: 'error', epoch: msg.epoch, task: msg.task, workerId: init!.workerId, name: e.name, message: e.message, stack: e.stack });
    }
  };

  const start = async (msg: InitMessage): Promise<void> => {
    init = msg;
    const seed = BigInt(msg.seed);
    manualSeed(seed);
    dataset = await buildDataset(msg.dataset);
    setWorkerInfo({ id: msg.workerId, numWorkers: msg.numWorkers, seed, dataset });
    if (msg.workerInitFn !== null) {
      const fn = await importExport(msg.workerInitFn);
      if (typeof fn !== 'function') throw new TypeError(`workerInitFn export ${msg.workerInitFn.name ?? 'default'} is not a function`);
      await (fn as (id: number) => unknown)(msg.workerId);
    }
    post({ type: 'ready', workerId: msg.workerId });
  };

  const handle = async (msg: ToWorker): Promise<void> => {
    switch (msg.type) {
      case 'init':
        try {
          await start(msg);
        } catch (err) {
          const e = err instanceof Error ? err : new Error(String(err));
          post({ type: 'error', epoch: -1, task: -1, workerId: msg.workerId, name: e.name, message: e.message, stack: e.stack });
        }
        return;
      case 'epoch':
        stream = null;
        return;
      case 'fetch':
        if (init === null || dataset === null) return; // init failed: the main thread already knows
        return fetch(msg);
    }
  };

  return (msg) => {
    queue = queue.then(() => handle(msg));
  };
}

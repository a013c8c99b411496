/**
 * Starting worker threads, abstracted so the loader runs the same in Node (worker_threads, from
 * `@gd/data/node`) and in browsers (module Web Workers). A spawner returns a handle per worker.
 */
import { ValueError } from '@gd/tensor';
import type { FromWorker, ToWorker } from './protocol.js';

/** One started worker, as the loader sees it. */
export interface WorkerHandle {
  post(msg: ToWorker): void;
  /** `onMessage` for every message; `onExit` once if the worker dies or cannot start. */
  listen(onMessage: (msg: FromWorker) => void, onExit: (error: Error) => void): void;
  terminate(): Promise<void>;
  /** Whether the worker keeps the process alive (Node); idle persistent workers must not. */
  setActive?(active: boolean): void;
}

/** The part of the DOM's Worker this module uses (the package compiles without the DOM lib). */
interface WebWorker {
  postMessage(msg: unknown): void;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: { message?: string }) => void) | null;
  terminate(): void;
}
declare const Worker: new (script: string | URL, options: { type: 'module' }) => WebWorker;

/** Starts worker `workerId`. */
export type WorkerSpawner = (workerId: number) => WorkerHandle;

/**
 * Module Web Workers running this package's worker entry (`web-worker-main.js` next to the
 * bundle), or `script` if given.
 */
export function webWorkerSpawner(script?: string | URL): WorkerSpawner {
  return () => {
    const worker =
      script === undefined
        ? new Worker(new URL('./web-worker-main.js', import.meta.url), { type: 'module' })
        : new Worker(script, { type: 'module' });
    let exited = false;
    return {
      post: (msg) => worker.postMessage(msg),
      listen(onMessage, onExit) {
        worker.onmessage = (ev) => onMessage(ev.data as FromWorker);
        worker.onerror = (ev) => {
          if (exited) return;
          exited = true;
          onExit(new Error(ev.message ?? 'the worker failed to load or threw outside a fetch'));
        };
      },
      terminate() {
        exited = true;
        worker.terminate();
        return Promise.resolve();
      },
    };
  };
}

/** The entry that provides Node's spawner; imported only when running in Node. */
const NODE_ENTRY = '@gd/data/node';

/**
 * The spawner to use when the loader was given none: Web Workers where the platform has them,
 * worker_threads in Node (from `@gd/data/node`, imported on first use so browser bundles never
 * see it).
 */
export async function defaultWorkerSpawner(): Promise<WorkerSpawner> {
  const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';
  if (isNode) {
    const mod = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_ENTRY)) as { nodeWorkerSpawner(): WorkerSpawner };
    return mod.nodeWorkerSpawner();
  }
  if (typeof (globalThis as { Worker?: unknown }).Worker === 'function') return webWorkerSpawner();
  throw new ValueError('DataLoader: numWorkers > 0 needs Web Workers or Node worker_threads; pass workerSpawner');
}

/**
 * Node-only: DataLoader workers as worker_threads running the package's built worker entry
 * (`node-worker-main.js` next to this bundle). The sources cannot run in a worker thread as they
 * are (TypeScript), so a source checkout passes `script`: a bundle of `node-worker-main.ts`.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ValueError } from '@gd/tensor';
import type { FromWorker } from '../worker/protocol.js';
import type { WorkerSpawner } from '../worker/spawner.js';

export interface NodeWorkerSpawnerOptions {
  /** The worker entry to run (default: the built `node-worker-main` next to this module). */
  script?: string | URL;
}

/** The worker entry of the same module format, next to this bundle (the CJS build is `.cjs`). */
function defaultScript(): URL {
  const here = import.meta.url;
  return new URL(here.endsWith('.cjs') ? './node-worker-main.cjs' : './node-worker-main.js', here);
}

/**
 * A spawner of worker_threads for `new DataLoader(ds, { numWorkers, workerSpawner })` (also the
 * default in Node).
 * @example
 * new DataLoader(ds, { batchSize: 64, numWorkers: 4, workerSpawner: nodeWorkerSpawner() });
 */
export function nodeWorkerSpawner({ script }: NodeWorkerSpawnerOptions = {}): WorkerSpawner {
  const url = script === undefined ? defaultScript() : typeof script === 'string' ? pathToFileURL(script) : script;
  if (url.protocol === 'file:' && !existsSync(fileURLToPath(url))) {
    throw new ValueError(
      `nodeWorkerSpawner: worker script ${fileURLToPath(url)} not found (build @gd/data, or from sources pass ` +
        `nodeWorkerSpawner({ script }) with a bundle of src/node/node-worker-main.ts in ${dirname(fileURLToPath(url))})`,
    );
  }
  return () => {
    const worker = new Worker(url);
    let exited = false;
    return {
      post: (msg) => worker.postMessage(msg),
      listen(onMessage, onExit) {
        worker.on('message', (msg: FromWorker) => onMessage(msg));
        worker.on('error', (err: Error) => {
          if (exited) return;
          exited = true;
          onExit(err);
        });
        worker.on('exit', (code: number) => {
          if (exited) return;
          exited = true;
          onExit(new Error(`the worker thread exited with code ${code}`));
        });
      },
      async terminate() {
        exited = true;
        await worker.terminate();
      },
      setActive(active) {
        if (active) worker.ref();
        else worker.unref();
      },
    };
  };
}

/**
 * numWorkers > 0 with Node worker threads. The sources are TypeScript, which a worker thread
 * cannot run, so the worker entry is bundled first (as the package build does) and handed to
 * `nodeWorkerSpawner({ script })`; test datasets come from a plain-JS fixture module.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type NDArray, arange, manualSeed } from '@gd/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DataLoader,
  DataLoaderTimeoutError,
  DataLoaderWorkerError,
  TensorDataset,
  datasetFromModule,
  iterableDataset,
  withWorkerModule,
} from '../src/index.js';
import { nodeWorkerSpawner } from '../src/node.js';
import type { WorkerSpawner } from '../src/worker/spawner.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const fixtures = pathToFileURL(join(here, 'fixtures/worker-datasets.mjs'));
const dir = mkdtempSync(join(tmpdir(), 'gd-data-workers-'));
const script = join(dir, 'node-worker-main.mjs');
let spawner: WorkerSpawner;

/** Counts live workers, to check that every epoch shuts its workers down. */
let live = 0;
let started = 0;
function counting(inner: WorkerSpawner): WorkerSpawner {
  return (id) => {
    const h = inner(id);
    live++;
    started++;
    let ended = false;
    const end = (): void => {
      if (!ended) {
        ended = true;
        live--;
      }
    };
    return {
      ...h,
      listen: (onMessage, onExit) =>
        h.listen(onMessage, (err) => {
          end();
          onExit(err);
        }),
      async terminate() {
        await h.terminate();
        end();
      },
    };
  };
}

beforeAll(() => {
  execFileSync(join(root, 'node_modules/.bin/esbuild'), [
    join(root, 'packages/data/src/node/node-worker-main.ts'),
    '--bundle',
    '--platform=node',
    '--format=esm',
    '--conditions=@gd/source',
    `--outfile=${script}`,
    '--log-level=warning',
  ]);
  spawner = counting(nodeWorkerSpawner({ script }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const mod = (name: string): { module: URL; name: string } => ({ module: fixtures, name });

async function collect<T>(loader: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const b of loader) out.push(b);
  return out;
}

describe('DataLoader with worker threads', () => {
  it('gives the same shuffled batches with 0, 1 and 4 workers, and shuts its workers down', async () => {
    const ds = new TensorDataset(arange(60, { dtype: 'float32' }).reshape([30, 2]), arange(30, { dtype: 'int32' }));
    const run = async (numWorkers: number): Promise<unknown[]> => {
      manualSeed(3);
      const loader = new DataLoader(ds, { batchSize: 4, shuffle: true, numWorkers, workerSpawner: numWorkers ? spawner : null });
      return (await collect(loader)).map((b) => (b).map((t) => [t.dtype, t.shape, t.tolist()]));
    };
    const reference = await run(0);
    expect(reference).toHaveLength(8);
    expect(await run(1)).toEqual(reference);
    expect(await run(4)).toEqual(reference);
    expect(live).toBe(0);
  });

  it('seeds worker i with baseSeed + i and runs workerInitFn in each worker first', async () => {
    const ds = await datasetFromModule(mod('tagged'));
    const loader = new DataLoader(ds, { batchSize: 5, numWorkers: 2, workerSpawner: spawner, workerInitFn: mod('init') });
    const it = loader[Symbol.asyncIterator]();
    const batches: { i: NDArray; worker: NDArray; seed: string[]; init: NDArray }[] = [];
    for (let r = await it.next(); r.done !== true; r = await it.next()) batches.push(r.value as (typeof batches)[number]);
    expect(batches.map((b) => b.i.tolist())).toEqual([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9], [10, 11, 12, 13, 14], [15, 16, 17, 18, 19]]);
    expect(batches.map((b) => (b.worker.tolist() as number[])[0])).toEqual([0, 1, 0, 1]);
    for (const b of batches) {
      const w = (b.worker.tolist() as number[])[0]!;
      expect(b.seed[0]).toBe((it.baseSeed + BigInt(w)).toString());
      expect((b.init.tolist() as number[])[0]).toBe(w * 10);
    }
  });

  it('loads a dataset from a factory export, collating in the main thread with a custom collateFn', async () => {
    const ds = await datasetFromModule<{ length: number }>(mod('squares'));
    expect(ds.length).toBe(10);
    const loader = new DataLoader(ds, { batchSize: 4, numWorkers: 2, workerSpawner: spawner, collateFn: (s: number[]) => s.join(' ') });
    expect(await collect(loader)).toEqual(['0 1 4 9', '16 25 36 49', '64 81']);
  });

  it('reports an exception in a worker with the worker id and the indices', async () => {
    const ds = await datasetFromModule(mod('faulty'));
    const loader = new DataLoader(ds, { batchSize: 3, numWorkers: 2, workerSpawner: spawner });
    let err: unknown = null;
    const seen: unknown[] = [];
    try {
      for await (const b of loader) seen.push((b as NDArray).tolist());
    } catch (e) {
      err = e;
    }
    expect(seen).toEqual([[0, 1, 2, 3, 4, 5].slice(0, 3), [3, 4, 5]]);
    expect(err).toBeInstanceOf(DataLoaderWorkerError);
    const e = err as DataLoaderWorkerError;
    expect(e.message).toBe('DataLoader worker 0 failed on indices [6, 7, 8]: RangeError: no sample 7');
    expect([e.workerId, e.indices, e.workerErrorName]).toEqual([0, [6, 7, 8], 'RangeError']);
    expect(e.workerStack).toContain('getItem');
    await new Promise((r) => setTimeout(r, 50));
    expect(live).toBe(0);
  });

  it('ends a stuck fetch after `timeout` seconds and stops the workers', async () => {
    const ds = await datasetFromModule(mod('stuck'));
    const loader = new DataLoader(ds, { batchSize: 1, numWorkers: 2, timeout: 0.3, workerSpawner: spawner });
    const t0 = performance.now();
    await expect(collect(loader)).rejects.toThrow(DataLoaderTimeoutError);
    expect(performance.now() - t0).toBeLessThan(2500);
    expect(live).toBe(0);
  });

  it('shuts the workers down when the loop is left early', async () => {
    const ds = new TensorDataset(arange(100, { dtype: 'int32' }));
    const loader = new DataLoader(ds, { batchSize: 2, numWorkers: 3, workerSpawner: spawner });
    for await (const b of loader) {
      expect((b)[0]!.tolist()).toEqual([0, 1]);
      break;
    }
    expect(live).toBe(0);
  });

  it('keeps persistent workers between epochs, until shutdown', async () => {
    const before = started;
    const ds = new TensorDataset(arange(10, { dtype: 'int32' }));
    const loader = new DataLoader(ds, { batchSize: 4, numWorkers: 2, persistentWorkers: true, workerSpawner: spawner });
    for (let epoch = 0; epoch < 3; epoch++) {
      expect((await collect(loader)).map((b) => (b)[0]!.tolist())).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    }
    expect(started - before).toBe(2);
    expect(live).toBe(2);
    await loader.shutdown();
    expect(live).toBe(0);
  });

  it('reads an iterable dataset in every worker, round-robin, each sample once', async () => {
    const ds = withWorkerModule(iterableDataset(() => []), mod('stream'));
    const loader = new DataLoader(ds, { batchSize: 4, numWorkers: 2, workerSpawner: spawner });
    const batches = (await collect(loader)).map((b) => (b as NDArray).tolist() as number[]);
    // worker 0 has 0, 2, 4, …, 22 (12 samples), worker 1 has 1, 3, …, 21 (11)
    expect(batches).toEqual([[0, 2, 4, 6], [1, 3, 5, 7], [8, 10, 12, 14], [9, 11, 13, 15], [16, 18, 20, 22], [17, 19, 21]]);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  it('explains what to do with a dataset that cannot travel, and a worker that dies', async () => {
    const plain = { length: 3, getItem: (i: number) => i };
    await expect(collect(new DataLoader(plain, { numWorkers: 1, workerSpawner: spawner }))).rejects.toThrow(
      'DataLoader: a Object cannot be sent to worker threads; load it with datasetFromModule',
    );
    const dying = await datasetFromModule(mod('crashOnLoad'));
    await expect(collect(new DataLoader(dying, { numWorkers: 1, workerSpawner: spawner }))).rejects.toThrow(
      'DataLoader worker 0 exited unexpectedly: the worker thread exited with code 3',
    );
    expect(live).toBe(0);
  });

  it('refuses a synchronous loop with workers', () => {
    const loader = new DataLoader([1, 2], { numWorkers: 1, workerSpawner: spawner });
    expect(() => [...loader]).toThrow('DataLoader: with numWorkers > 0 batches arrive asynchronously; iterate with for await');
  });
});

import { describe, expect, it } from 'vitest';
import { getWorkerInfo, iterableDataset, shardByWorker, shardIterable } from '../src/index.js';
import { setWorkerInfo } from '../src/worker/worker-info.js';

describe('shardIterable / shardByWorker', () => {
  it('splits a stream into disjoint round-robin shards that cover it', () => {
    const shards = [0, 1, 2].map((k) => [...shardIterable([0, 1, 2, 3, 4, 5, 6], 3, k)]);
    expect(shards).toEqual([[0, 3, 6], [1, 4], [2, 5]]);
    expect(() => shardIterable([], 2, 2)).toThrow('shardIterable: shard should be in [0, 1], got 2');
    expect(() => shardIterable([], 0, 0)).toThrow('numShards should be a positive integer');
  });

  it('shards async streams too', async () => {
    async function* gen(): AsyncIterableIterator<number> {
      for (let i = 0; i < 5; i++) {
        await Promise.resolve();
        yield i;
      }
    }
    const out: number[] = [];
    for await (const x of shardIterable(gen(), 2, 1)) out.push(x);
    expect(out).toEqual([1, 3]);
  });

  it('uses the worker info: everything in the main thread, its share in a worker', () => {
    expect(getWorkerInfo()).toBeNull();
    expect([...shardByWorker([1, 2, 3])]).toEqual([1, 2, 3]);
    setWorkerInfo({ id: 1, numWorkers: 2, seed: 5n, dataset: null });
    try {
      expect(getWorkerInfo()?.id).toBe(1);
      expect([...shardByWorker([10, 11, 12, 13])]).toEqual([11, 13]);
    } finally {
      setWorkerInfo(null);
    }
  });

  it('iterableDataset re-runs its factory every pass', () => {
    let calls = 0;
    const ds = iterableDataset(() => {
      calls++;
      return [1, 2];
    });
    expect([...(ds as unknown as Iterable<number>)]).toEqual([1, 2]);
    expect([...(ds as unknown as Iterable<number>)]).toEqual([1, 2]);
    expect(calls).toBe(2);
  });
});

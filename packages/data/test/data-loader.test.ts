import { Generator, NDArray, ValueError, arange, getRngState, manualSeed, randomInt64, randn, randperm, tensor } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import {
  ArrayDataset,
  BatchSampler,
  DataLoader,
  IterableDataset,
  SequentialSampler,
  TensorDataset,
  defaultCollate,
  iterableDataset,
} from '../src/index.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const lists = (batches: Iterable<NDArray[]>, k = 0): unknown[] => [...batches].map((b) => b[k]!.tolist());

describe('DataLoader option validation (PyTorch 1.13 order and messages)', () => {
  const ds = range(4);
  const cases: [Record<string, unknown>, string][] = [
    [{ numWorkers: -1 }, 'DataLoader: numWorkers option should be non-negative; use numWorkers=0 to disable multiprocessing.'],
    [{ timeout: -1 }, 'DataLoader: timeout option should be non-negative'],
    [
      { prefetchFactor: 3 },
      'DataLoader: prefetchFactor option could only be specified in multiprocessing.let numWorkers > 0 to enable multiprocessing.',
    ],
    [{ persistentWorkers: true }, 'DataLoader: persistentWorkers option needs numWorkers > 0'],
    [{ sampler: [0, 1], shuffle: true }, 'DataLoader: sampler option is mutually exclusive with shuffle'],
    [
      { batchSampler: [[0, 1]], batchSize: 2 },
      'DataLoader: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast',
    ],
    [
      { batchSampler: [[0, 1]], dropLast: true },
      'DataLoader: batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast',
    ],
    [{ batchSize: null, dropLast: true }, 'DataLoader: batchSize=None option disables auto-batching and is mutually exclusive with dropLast'],
    [{ batchSize: 0 }, 'BatchSampler: batchSize should be a positive integer value, but got batchSize=0'],
    [{ dropLast: 'yes' }, 'BatchSampler: dropLast should be a boolean value, but got dropLast=yes'],
    [{ batchsize: 4 }, 'DataLoader: unknown option batchsize'],
    [{ workerInitFn: () => undefined, numWorkers: 1 }, 'DataLoader: workerInitFn runs inside the workers'],
  ];

  it.each(cases)('%j', (options, message) => {
    expect(() => new DataLoader(ds, options)).toThrow(ValueError);
    expect(() => new DataLoader(ds, options)).toThrow(message);
  });

  it('rejects shuffle, sampler and batchSampler for an iterable dataset', () => {
    const stream = iterableDataset(() => range(3));
    expect(() => new DataLoader(stream, { shuffle: true })).toThrow(
      'DataLoader with IterableDataset: expected unspecified shuffle option, but got shuffle=True',
    );
    expect(() => new DataLoader(stream, { sampler: [0] })).toThrow('expected unspecified sampler option');
    expect(() => new DataLoader(stream, { batchSampler: [[0]] })).toThrow('expected unspecified batchSampler option');
  });

  it('rejects shuffling an empty dataset as RandomSampler does', () => {
    expect(() => new DataLoader([], { shuffle: true })).toThrow(
      'RandomSampler: numSamples should be a positive integer value, but got numSamples=0',
    );
  });
});

describe('DataLoader batching', () => {
  const x = arange(20, { dtype: 'float32' }).reshape([10, 2]);
  const y = arange(10, { dtype: 'int32' });
  const ds = new TensorDataset(x, y);

  it('batches in order with ⌈n/b⌉ or ⌊n/b⌋ batches', () => {
    const loader = new DataLoader(ds, { batchSize: 4 });
    expect(loader.length).toBe(3);
    expect(lists(loader, 1)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(lists(loader, 0)[2]).toEqual([[16, 17], [18, 19]]);
    const dropping = new DataLoader(ds, { batchSize: 4, dropLast: true });
    expect(dropping.length).toBe(2);
    expect(lists(dropping, 1)).toEqual([[0, 1, 2, 3], [4, 5, 6, 7]]);
  });

  it('gives identical batches through the getItems fast path and the per-sample collate path', () => {
    manualSeed(1);
    const fast = [...new DataLoader(ds, { batchSize: 3, shuffle: true })];
    manualSeed(1);
    const slow = [...new DataLoader(ds, { batchSize: 3, shuffle: true, collateFn: (s: NDArray[][]) => defaultCollate(s) })];
    expect(slow.length).toBe(fast.length);
    fast.forEach((b, i) => {
      const s = slow[i] as NDArray[];
      expect(s.map((t) => [t.dtype, t.shape, t.tolist()])).toEqual(b.map((t) => [t.dtype, t.shape, t.tolist()]));
    });
  });

  it('shuffles with the permutation of a generator seeded from the global one', () => {
    manualSeed(5);
    const got = lists(new DataLoader(ds, { batchSize: 10, shuffle: true }), 1)[0];
    const g = new Generator().manualSeed(5);
    randomInt64(g); // the epoch's base seed
    const expected = Array.from(randperm(10, { generator: new Generator().manualSeed(randomInt64(g)) }).data);
    expect(got).toEqual(expected);
  });

  it('with batchSize null passes each sample through defaultConvert', () => {
    const loader = new DataLoader([[new Float32Array([1, 2]), 3]], { batchSize: null });
    const [only] = [...loader] as [NDArray, number][];
    expect(only![0]).toBeInstanceOf(NDArray);
    expect(only![0].tolist()).toEqual([1, 2]);
    expect(only![1]).toBe(3);
    expect(loader.length).toBe(1);
  });

  it('takes a custom sampler, batch sampler and collateFn', () => {
    const bySampler = new DataLoader(ds, { batchSize: 2, sampler: [9, 0, 5] });
    expect(lists(bySampler, 1)).toEqual([[9, 0], [5]]);
    const byBatch = new DataLoader(ds, { batchSampler: [[1, 3], [2]] });
    expect(lists(byBatch, 1)).toEqual([[1, 3], [2]]);
    const custom = new DataLoader(['a', 'b', 'c'], { batchSize: 2, collateFn: (s: string[]) => s.join('+') });
    expect([...custom]).toEqual(['a+b', 'c']);
    const withSampler = new DataLoader(ds, { batchSampler: new BatchSampler(new SequentialSampler(ds), 4, true) });
    expect(withSampler.length).toBe(2);
  });

  it('draws a base seed per epoch from the global generator even without shuffle', () => {
    manualSeed(0);
    const loader = new DataLoader(ds, { batchSize: 5 });
    const it = loader[Symbol.iterator]();
    expect(it.baseSeed).toBe(900450186894289455n);
    expect([...it]).toHaveLength(2);
    const g = new Generator().manualSeed(0);
    randomInt64(g);
    expect(randomInt64()).toBe(randomInt64(g));
  });

  it('with a loader generator leaves the global generator alone', () => {
    manualSeed(3);
    const before = getRngState();
    const loader = new DataLoader(ds, { batchSize: 4, shuffle: true, generator: new Generator().manualSeed(3) });
    expect([...loader]).toHaveLength(3);
    expect([...loader]).toHaveLength(3);
    expect(getRngState()).toEqual(before);
  });

  it('iterates with for await too, with the same batches', async () => {
    manualSeed(2);
    const sync = lists(new DataLoader(ds, { batchSize: 4, shuffle: true }), 1);
    manualSeed(2);
    const out: unknown[] = [];
    for await (const b of new DataLoader(ds, { batchSize: 4, shuffle: true })) out.push(b[1]!.tolist());
    expect(out).toEqual(sync);
  });

  it('stops cleanly on break and starts a new epoch on the next loop', () => {
    const loader = new DataLoader(ds, { batchSize: 3 });
    for (const b of loader) {
      expect(b[1]!.tolist()).toEqual([0, 1, 2]);
      break;
    }
    expect(lists(loader, 1)).toHaveLength(4);
  });

  it('infers NDArray[] batches for a TensorDataset', () => {
    const loader = new DataLoader(ds, { batchSize: 2 });
    for (const [xb, yb] of loader) {
      expect(xb!.shape).toEqual([2, 2]);
      expect(yb!.shape).toEqual([2]);
      break;
    }
  });
});

describe('DataLoader over iterable datasets', () => {
  class Counter extends IterableDataset<number> {
    *[Symbol.iterator](): Iterator<number> {
      for (let i = 0; i < 7; i++) yield i;
    }
  }

  it('batches a sync stream; length comes from the dataset when known', () => {
    const loader = new DataLoader(new Counter(), { batchSize: 3 });
    expect([...loader].map((b) => (b as NDArray).tolist())).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    expect(() => loader.length).toThrow('DataLoader: the IterableDataset has no length');
    const sized = new DataLoader(iterableDataset(() => range(7), { length: 7 }), { batchSize: 3, dropLast: true });
    expect(sized.length).toBe(2);
    expect([...sized].map((b) => (b as NDArray).tolist())).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it('reads async streams with for await and refuses a sync loop over them', async () => {
    const ds = iterableDataset(async function* () {
      for (let i = 0; i < 5; i++) {
        await Promise.resolve();
        yield { v: i };
      }
    });
    const loader = new DataLoader(ds, { batchSize: 2 });
    const out: unknown[] = [];
    for await (const b of loader) out.push((b as { v: NDArray }).v.tolist());
    expect(out).toEqual([[0, 1], [2, 3], [4]]);
    expect(() => [...loader]).toThrow('is async; iterate the DataLoader with for await');
  });

  it('with batchSize null yields samples one by one', () => {
    expect([...new DataLoader(new Counter(), { batchSize: null })]).toEqual(range(7));
  });
});

describe('DataLoader over plain arrays and custom datasets', () => {
  it('collates dict samples from an array', () => {
    const samples = range(5).map((i) => ({ x: randn([2]), label: i % 2 === 0 }));
    const [first] = [...new DataLoader(new ArrayDataset(samples), { batchSize: 5 })] as { x: NDArray; label: NDArray }[];
    expect(first!.x.shape).toEqual([5, 2]);
    expect(first!.label.tolist()).toEqual([true, false, true, false, true]);
    expect(Array.from(first!.x.data.subarray(2, 4))).toEqual(Array.from(samples[1]!.x.data));
  });

  it('works on a tensor without a dataset wrapper via TensorDataset of one tensor', () => {
    const [b] = [...new DataLoader(new TensorDataset(tensor([[1, 2], [3, 4]])), { batchSize: 2 })];
    expect(b![0]!.tolist()).toEqual([[1, 2], [3, 4]]);
  });
});

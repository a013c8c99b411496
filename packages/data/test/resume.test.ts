import { Generator, type NDArray, ValueError, arange, manualSeed } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader, type DataLoaderState, TensorDataset, iterableDataset } from '../src/index.js';

const ds = new TensorDataset(arange(23, { dtype: 'int32' }));
const ids = (b: NDArray[]): number[] => b[0]!.tolist() as number[];
const take = <T>(it: Iterator<T>, k: number): T[] => Array.from({ length: k }, () => it.next().value as T);
/** What a checkpoint file would hold. */
const roundTrip = (s: DataLoaderState): DataLoaderState => JSON.parse(JSON.stringify(s)) as DataLoaderState;

describe('DataLoader.stateDict / loadStateDict', () => {
  it('resumes a shuffled epoch on the global generator at batch k', () => {
    manualSeed(7);
    const whole = [...new DataLoader(ds, { batchSize: 4, shuffle: true })].map(ids);

    manualSeed(7);
    const first = new DataLoader(ds, { batchSize: 4, shuffle: true });
    const it = first[Symbol.iterator]();
    const head = take(it, 3).map(ids);
    const state = roundTrip(first.stateDict());
    expect(state.numYielded).toBe(3);

    manualSeed(12345); // a different process: the global generator is elsewhere
    const resumed = new DataLoader(ds, { batchSize: 4, shuffle: true });
    resumed.loadStateDict(state);
    const tail = [...resumed].map(ids);
    expect([...head, ...tail]).toEqual(whole);
    // the next epoch draws afresh
    expect([...resumed].map(ids)).not.toEqual(whole);
  });

  it('with a loader generator, resumes the epoch and the epochs after it', () => {
    const run = (g: Generator): number[][][] => {
      const loader = new DataLoader(ds, { batchSize: 5, shuffle: true, generator: g });
      return [[...loader].map(ids), [...loader].map(ids)];
    };
    const whole = run(new Generator().manualSeed(99));

    const loader = new DataLoader(ds, { batchSize: 5, shuffle: true, generator: new Generator().manualSeed(99) });
    const head = take(loader[Symbol.iterator](), 2).map(ids);
    const state = roundTrip(loader.stateDict());

    const resumed = new DataLoader(ds, { batchSize: 5, shuffle: true, generator: new Generator().manualSeed(1) });
    resumed.loadStateDict(state);
    const it = resumed[Symbol.iterator]();
    expect(it.numYielded).toBe(2);
    const rest = [...it].map(ids);
    expect([...head, ...rest]).toEqual(whole[0]);
    expect([...resumed].map(ids)).toEqual(whole[1]);
  });

  it('can be interrupted twice', () => {
    const g = (): Generator => new Generator().manualSeed(4);
    const whole = [...new DataLoader(ds, { batchSize: 3, shuffle: true, generator: g() })].map(ids);
    const a = new DataLoader(ds, { batchSize: 3, shuffle: true, generator: g() });
    const part1 = take(a[Symbol.iterator](), 2).map(ids);
    const b = new DataLoader(ds, { batchSize: 3, shuffle: true, generator: g() });
    b.loadStateDict(roundTrip(a.stateDict()));
    const part2 = take(b[Symbol.iterator](), 3).map(ids);
    const c = new DataLoader(ds, { batchSize: 3, shuffle: true, generator: g() });
    c.loadStateDict(roundTrip(b.stateDict()));
    expect([...part1, ...part2, ...[...c].map(ids)]).toEqual(whole);
  });

  it('between epochs saves the generator, so the next epoch matches', () => {
    const a = new DataLoader(ds, { batchSize: 6, shuffle: true, generator: new Generator().manualSeed(8) });
    expect([...a]).toHaveLength(4);
    const state = roundTrip(a.stateDict());
    expect(state.numYielded).toBe(0);
    expect(state.baseSeed).toBeNull();
    const next = [...a].map(ids);
    const b = new DataLoader(ds, { batchSize: 6, shuffle: true, generator: new Generator().manualSeed(0) });
    b.loadStateDict(state);
    expect([...b].map(ids)).toEqual(next);
  });

  it('resumes an iterable dataset by skipping what was delivered', async () => {
    const stream = iterableDataset(() => Array.from({ length: 10 }, (_, i) => i));
    const loader = new DataLoader(stream, { batchSize: 3 });
    const it = loader[Symbol.asyncIterator]();
    await it.next();
    const state = roundTrip(loader.stateDict());
    const resumed = new DataLoader(stream, { batchSize: 3 });
    resumed.loadStateDict(state);
    const out: unknown[] = [];
    for await (const b of resumed) out.push((b as NDArray).tolist());
    expect(out).toEqual([[3, 4, 5], [6, 7, 8], [9]]);
  });

  it('rejects a malformed state naming the field', () => {
    const loader = new DataLoader(ds);
    expect(() => loader.loadStateDict({ numYielded: -1 } as unknown as DataLoaderState)).toThrow(ValueError);
    expect(() => loader.loadStateDict({ numYielded: 1, baseSeed: 'x', generatorState: null, samplerState: null })).toThrow(
      'baseSeed must be a decimal string or null',
    );
  });
});

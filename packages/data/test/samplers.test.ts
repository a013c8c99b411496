import { Generator, ValueError, getRngState, manualSeed, randint, randomInt64, randperm } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import {
  BatchSampler,
  DistributedSampler,
  RandomSampler,
  SequentialSampler,
  SubsetRandomSampler,
  WeightedRandomSampler,
} from '../src/index.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const perm = (n: number, g: Generator): number[] => Array.from(randperm(n, { generator: g }).data);

describe('SequentialSampler', () => {
  it('yields 0 … n−1 and has length n', () => {
    const s = new SequentialSampler(range(5));
    expect([...s]).toEqual([0, 1, 2, 3, 4]);
    expect(s.length).toBe(5);
    expect([...new SequentialSampler([])]).toEqual([]);
  });

  it('yields blocks that cover a large range in order', () => {
    const s = new SequentialSampler({ length: 70000 });
    const blocks = [...(s.indexBlocks() as Iterable<Int32Array>)];
    expect(blocks.map((b) => b.length)).toEqual([65536, 4464]);
    expect(blocks[1]![0]).toBe(65536);
    expect(blocks[1]![4463]).toBe(69999);
  });
});

describe('RandomSampler', () => {
  it('with a generator yields randperm(n) of that generator, then evaluates one more (discarded) randperm', () => {
    const g = new Generator().manualSeed(7);
    const out = [...new RandomSampler(range(6), { generator: g })];
    const ref = new Generator().manualSeed(7);
    expect(out).toEqual(perm(6, ref));
    perm(6, ref); // the quirk: the discarded permutation
    expect(g.nextUint32()).toBe(ref.nextUint32());
  });

  it('without a generator seeds a fresh generator from the global one (two words) at the first index', () => {
    manualSeed(3);
    const s = new RandomSampler(range(8));
    const it = s[Symbol.iterator]();
    const before = new Generator().manualSeed(3);
    const first = it.next().value as number;
    const seed = randomInt64(before);
    const expected = perm(8, new Generator().manualSeed(seed));
    expect([first, ...Array.from({ length: 7 }, () => it.next().value as number)]).toEqual(expected);
    // the global generator moved by exactly the seed's two words
    expect(randomInt64()).toBe(randomInt64(before));
  });

  it('with numSamples > n concatenates full permutations and cuts the last', () => {
    const out = [...new RandomSampler(range(4), { numSamples: 10, generator: new Generator().manualSeed(1) })];
    const ref = new Generator().manualSeed(1);
    expect(out).toEqual([...perm(4, ref), ...perm(4, ref), ...perm(4, ref).slice(0, 2)]);
  });

  it('with replacement draws randint(0, n) in chunks of 32', () => {
    const out = [...new RandomSampler(range(5), { replacement: true, numSamples: 40, generator: new Generator().manualSeed(2) })];
    const ref = new Generator().manualSeed(2);
    const expected = [
      ...Array.from(randint(0, 5, [32], { generator: ref }).data),
      ...Array.from(randint(0, 5, [8], { generator: ref }).data),
    ];
    expect(out).toEqual(expected);
    expect(out.every((i) => i >= 0 && i < 5)).toBe(true);
  });

  it('validates replacement and numSamples with PyTorch messages', () => {
    expect(() => new RandomSampler([])).toThrow(new ValueError('RandomSampler: numSamples should be a positive integer value, but got numSamples=0'));
    expect(() => new RandomSampler(range(3), { numSamples: 2.5 })).toThrow('numSamples should be a positive integer value, but got numSamples=2.5');
    expect(() => new RandomSampler(range(3), { replacement: 1 as unknown as boolean })).toThrow(
      'replacement should be a boolean value, but got replacement=1',
    );
  });

  it('replays an iteration after loadStateDict without touching the global generator', () => {
    manualSeed(11);
    const s = new RandomSampler(range(9));
    const first = [...s];
    const state = s.stateDict();
    const globalAfter = getRngState();
    s.loadStateDict(state);
    expect([...s]).toEqual(first);
    expect(getRngState()).toEqual(globalAfter);
    // and the iteration after that draws afresh from the global generator
    expect([...s]).not.toEqual(first);
  });

  it('with its own generator, replay rewinds that generator', () => {
    const g = new Generator().manualSeed(5);
    const s = new RandomSampler(range(7), { generator: g });
    const first = [...s];
    const after = g.getState();
    s.loadStateDict(s.stateDict());
    expect([...s]).toEqual(first);
    expect(g.getState()).toEqual(after);
  });
});

describe('SubsetRandomSampler', () => {
  it('yields indices[randperm(k)] from its generator', () => {
    const out = [...new SubsetRandomSampler([10, 20, 30, 40], { generator: new Generator().manualSeed(4) })];
    const p = perm(4, new Generator().manualSeed(4));
    expect(out).toEqual(p.map((j) => [10, 20, 30, 40][j]));
  });

  it('draws from the global generator directly when it has none', () => {
    manualSeed(9);
    const out = [...new SubsetRandomSampler([5, 6, 7])];
    const p = perm(3, new Generator().manualSeed(9));
    expect(out).toEqual(p.map((j) => [5, 6, 7][j]));
  });
});

describe('WeightedRandomSampler', () => {
  it('with replacement inverts the normalised cumulative weights with one float64 uniform per sample', () => {
    const weights = [1, 0, 3];
    const out = [...new WeightedRandomSampler(weights, 6, { generator: new Generator().manualSeed(8) })];
    const ref = new Generator().manualSeed(8);
    const expected = Array.from({ length: 6 }, () => {
      const u = ref.nextUniformFloat64();
      return u <= 0.25 ? 0 : 2; // cumulative [0.25, 0.25, 1]; weight 0 is never picked
    });
    expect(out).toEqual(expected);
  });

  it('follows the weights over many draws', () => {
    const out = [...new WeightedRandomSampler([0.1, 0.9], 20000, { generator: new Generator().manualSeed(1) })];
    const ones = out.filter((i) => i === 1).length / out.length;
    expect(ones).toBeGreaterThan(0.88);
    expect(ones).toBeLessThan(0.92);
  });

  it('without replacement yields distinct indices, never one of weight 0', () => {
    const out = [...new WeightedRandomSampler([1, 0, 2, 5, 1], 4, { replacement: false, generator: new Generator().manualSeed(3) })];
    expect(new Set(out).size).toBe(4);
    expect(out).not.toContain(1);
  });

  it('validates its arguments', () => {
    expect(() => new WeightedRandomSampler([1, 2], 0)).toThrow('numSamples should be a positive integer value, but got numSamples=0');
    expect(() => new WeightedRandomSampler([1, -2], 3)).toThrow(ValueError);
    expect(() => new WeightedRandomSampler([1, 2], 3, { replacement: false })).toThrow('cannot sample numSamples=3 > 2');
  });
});

describe('DistributedSampler', () => {
  it('without shuffle pads by wrapping around and strides by numReplicas', () => {
    const parts = [0, 1, 2].map((rank) => [...new DistributedSampler(range(10), { numReplicas: 3, rank, shuffle: false })]);
    expect(parts).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7, 0],
      [2, 5, 8, 1],
    ]);
    expect(new DistributedSampler(range(10), { numReplicas: 3, rank: 0 }).length).toBe(4);
  });

  it('with dropLast cuts the tail to a multiple of numReplicas', () => {
    const s = new DistributedSampler(range(10), { numReplicas: 3, rank: 2, shuffle: false, dropLast: true });
    expect(s.length).toBe(3);
    expect([...s]).toEqual([2, 5, 8]);
  });

  it('shuffles with randperm seeded seed + epoch, the same on every replica', () => {
    const s0 = new DistributedSampler(range(8), { numReplicas: 2, rank: 0, seed: 5 });
    const s1 = new DistributedSampler(range(8), { numReplicas: 2, rank: 1, seed: 5 });
    s0.setEpoch(3);
    s1.setEpoch(3);
    const p = perm(8, new Generator().manualSeed(8));
    expect([...s0]).toEqual([p[0], p[2], p[4], p[6]]);
    expect([...s1]).toEqual([p[1], p[3], p[5], p[7]]);
  });

  it('rejects a rank outside [0, numReplicas)', () => {
    expect(() => new DistributedSampler(range(4), { numReplicas: 2, rank: 2 })).toThrow(
      'Invalid rank 2, rank should be in the interval [0, 1]',
    );
  });
});

describe('BatchSampler', () => {
  it('groups consecutive indices; the short tail is kept or dropped', () => {
    expect([...new BatchSampler(new SequentialSampler(range(10)), 3, false)]).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect([...new BatchSampler(new SequentialSampler(range(10)), 3, true)]).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8]]);
    expect(new BatchSampler(new SequentialSampler(range(10)), 3, false).length).toBe(4);
    expect(new BatchSampler(new SequentialSampler(range(10)), 3, true).length).toBe(3);
  });

  it('reads any iterable of indices (no blocks) the same way', () => {
    expect([...new BatchSampler([5, 4, 3, 2, 1], 2, false)]).toEqual([[5, 4], [3, 2], [1]]);
    expect([...new BatchSampler(new Set([5, 4, 3, 2, 1]), 2, true)]).toEqual([[5, 4], [3, 2]]);
  });

  it('batches across block boundaries (numSamples > n)', () => {
    const g = new Generator().manualSeed(2);
    const batches = [...new BatchSampler(new RandomSampler(range(3), { numSamples: 7, generator: g }), 2, false)];
    const ref = new Generator().manualSeed(2);
    const flat = [...perm(3, ref), ...perm(3, ref), ...perm(3, ref).slice(0, 1)];
    expect(batches).toEqual([flat.slice(0, 2), flat.slice(2, 4), flat.slice(4, 6), flat.slice(6)]);
  });

  it('validates batchSize and dropLast with PyTorch messages', () => {
    expect(() => new BatchSampler([], 0, false)).toThrow('BatchSampler: batchSize should be a positive integer value, but got batchSize=0');
    expect(() => new BatchSampler([], true as unknown as number, false)).toThrow('but got batchSize=True');
    expect(() => new BatchSampler([], 2, 0 as unknown as boolean)).toThrow('dropLast should be a boolean value, but got dropLast=0');
  });
});

/**
 * `RandomSampler`: PyTorch 1.13's shuffling sampler, draw for draw (RNG.md section 6).
 *
 * Without a generator, each iteration draws a seed from the global generator
 * (`torch.empty((), dtype=torch.int64).random_()`, two words) when its first index is needed,
 * and shuffles with a fresh generator seeded with it; with a generator it draws from that one
 * directly. Without replacement it yields `randperm(n)` `numSamples / n` times and then always
 * evaluates one more `randperm(n)` cut to `numSamples % n` (with the default numSamples = n that
 * is a discarded permutation, drawn when the sampler is exhausted: it moves a shared generator).
 * With replacement it yields `randint(0, n)` in chunks of 32.
 */
import { Generator, ValueError, randomInt64, randperm } from '@gd/tensor';
import { pyStr } from '../util/py-format.js';
import { IterationRng, type Sampler, type SamplerState, indicesOfBlocks } from './sampler.js';

export interface RandomSamplerOptions {
  /** Sample with replacement (default false). */
  replacement?: boolean;
  /** Indices per iteration (default: the dataset's length). */
  numSamples?: number;
  /** Draws the permutation; by default a fresh generator seeded from the global one per iteration. */
  generator?: Generator;
}

/** randint chunk size of PyTorch's replacement branch. */
const REPLACEMENT_CHUNK = 32;

/**
 * @example
 * [...new RandomSampler(range10, { generator: new Generator().manualSeed(0) })]
 * // [4, 1, 7, 5, 3, 9, 0, 8, 6, 2]
 */
export class RandomSampler implements Sampler {
  readonly dataSource: { readonly length: number };
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly requestedNumSamples: number | undefined;
  private readonly rng: IterationRng;

  constructor(dataSource: { readonly length: number }, options: RandomSamplerOptions = {}) {
    const { replacement = false, numSamples, generator } = options;
    this.dataSource = dataSource;
    this.replacement = replacement;
    this.requestedNumSamples = numSamples;
    this.generator = generator;
    this.rng = new IterationRng(generator);
    if (typeof replacement !== 'boolean') {
      throw new ValueError(`RandomSampler: replacement should be a boolean value, but got replacement=${pyStr(replacement)}`);
    }
    const n = this.numSamples;
    if (!Number.isInteger(n) || n <= 0) {
      throw new ValueError(`RandomSampler: numSamples should be a positive integer value, but got numSamples=${pyStr(n)}`);
    }
  }

  /** Indices per iteration: `numSamples` if given, else the dataset's current length. */
  get numSamples(): number {
    return this.requestedNumSamples ?? this.dataSource.length;
  }

  get length(): number {
    return this.numSamples;
  }

  *indexBlocks(): IterableIterator<Int32Array> {
    const n = this.dataSource.length;
    const numSamples = this.numSamples;
    if (n === 0) throw new ValueError(`RandomSampler: cannot draw numSamples=${numSamples} indices from an empty dataset`);
    const source = this.rng.begin();
    const g = this.generator ? source : new Generator().manualSeed(randomInt64(source));
    if (this.replacement) {
      for (let c = 0; c < Math.floor(numSamples / REPLACEMENT_CHUNK); c++) yield randintBlock(g, n, REPLACEMENT_CHUNK);
      yield randintBlock(g, n, numSamples % REPLACEMENT_CHUNK);
      return;
    }
    for (let c = 0; c < Math.floor(numSamples / n); c++) yield randperm(n, { generator: g }).data as Int32Array;
    yield (randperm(n, { generator: g }).data as Int32Array).subarray(0, numSamples % n);
  }

  [Symbol.iterator](): Iterator<number> {
    return indicesOfBlocks(this.indexBlocks());
  }

  /** The random state the current (or last) iteration started from. */
  stateDict(): SamplerState {
    return { generatorState: this.rng.state() };
  }

  /** The next iteration replays the one `state` was taken from. */
  loadStateDict(state: SamplerState): void {
    this.rng.replay(state.generatorState);
  }
}

/** `torch.randint(0, n, (count,), generator=g)`: `random() % n` per element (n < 2^32). */
function randintBlock(g: Generator, n: number, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = g.nextUint32() % n;
  return out;
}

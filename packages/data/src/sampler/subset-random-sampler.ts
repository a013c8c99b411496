/**
 * `SubsetRandomSampler`: the given indices in a random order, `indices[randperm(k)[j]]`, drawn
 * from the sampler's generator or (unlike RandomSampler) straight from the global one.
 */
import { type Generator, randperm } from '@gd/tensor';
import { IterationRng, type Sampler, type SamplerState, indicesOfBlocks } from './sampler.js';

export interface SubsetRandomSamplerOptions {
  generator?: Generator;
}

/**
 * @example
 * [...new SubsetRandomSampler([10, 11, 12], { generator: g })] // a permutation of [10, 11, 12]
 */
export class SubsetRandomSampler implements Sampler {
  readonly indices: readonly number[];
  readonly generator: Generator | undefined;
  private readonly rng: IterationRng;

  constructor(indices: Iterable<number> | ArrayLike<number>, { generator }: SubsetRandomSamplerOptions = {}) {
    this.indices = Array.from(indices as ArrayLike<number>);
    this.generator = generator;
    this.rng = new IterationRng(generator);
  }

  get length(): number {
    return this.indices.length;
  }

  *indexBlocks(): IterableIterator<Int32Array> {
    const g = this.rng.begin();
    const k = this.indices.length;
    const perm = randperm(k, { generator: g }).data as Int32Array;
    for (let i = 0; i < k; i++) perm[i] = this.indices[perm[i]!]!;
    yield perm;
  }

  [Symbol.iterator](): Iterator<number> {
    return indicesOfBlocks(this.indexBlocks());
  }

  stateDict(): SamplerState {
    return { generatorState: this.rng.state() };
  }

  loadStateDict(state: SamplerState): void {
    this.rng.replay(state.generatorState);
  }
}

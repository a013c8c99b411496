/**
 * `DistributedSampler`: each of `numReplicas` processes sees its own 1/numReplicas of the
 * dataset, as PyTorch's: the (optionally shuffled, seeded with `seed + epoch`) index list is
 * padded by wrapping around (or cut with `dropLast`) to a multiple of numReplicas, and replica
 * `rank` takes every numReplicas-th index from position `rank`. Call `setEpoch(e)` before each
 * epoch so the shuffle changes between epochs and agrees across replicas.
 */
import { Generator, ValueError, randperm } from '@gd/tensor';
import type { Sampler, SamplerState } from './sampler.js';
import { indicesOfBlocks } from './sampler.js';

export interface DistributedSamplerOptions {
  /** Number of processes (required: there is no process group to ask). */
  numReplicas: number;
  /** This process's index in [0, numReplicas). */
  rank: number;
  /** Shuffle (default true). */
  shuffle?: boolean;
  /** Base seed of the shuffle, the same on every replica (default 0). */
  seed?: number;
  /** Drop the tail instead of padding (default false). */
  dropLast?: boolean;
}

/**
 * @example
 * const s = new DistributedSampler(range10, { numReplicas: 3, rank: 1, shuffle: false });
 * [...s]; // [1, 4, 7, 0]   (padded with index 0 to 12 = 3 x 4)
 */
export class DistributedSampler implements Sampler {
  readonly dataset: { readonly length: number };
  readonly numReplicas: number;
  readonly rank: number;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly dropLast: boolean;
  epoch = 0;

  constructor(dataset: { readonly length: number }, options: DistributedSamplerOptions) {
    const { numReplicas, rank, shuffle = true, seed = 0, dropLast = false } = options;
    if (!Number.isInteger(numReplicas) || numReplicas <= 0) {
      throw new ValueError(`DistributedSampler: numReplicas should be a positive integer, got ${numReplicas}`);
    }
    if (!Number.isInteger(rank) || rank >= numReplicas || rank < 0) {
      throw new ValueError(`DistributedSampler: Invalid rank ${rank}, rank should be in the interval [0, ${numReplicas - 1}]`);
    }
    this.dataset = dataset;
    this.numReplicas = numReplicas;
    this.rank = rank;
    this.shuffle = shuffle;
    this.seed = seed;
    this.dropLast = dropLast;
  }

  /** Indices this replica yields per epoch. */
  get numSamples(): number {
    const n = this.dataset.length;
    if (this.dropLast && n % this.numReplicas !== 0) return Math.ceil((n - this.numReplicas) / this.numReplicas);
    return Math.ceil(n / this.numReplicas);
  }

  get length(): number {
    return this.numSamples;
  }

  /** Sets the epoch, which changes the shuffle (`seed + epoch` seeds it). */
  setEpoch(epoch: number): void {
    this.epoch = epoch;
  }

  *indexBlocks(): IterableIterator<Int32Array> {
    const n = this.dataset.length;
    const numSamples = this.numSamples;
    let indices: Int32Array;
    if (this.shuffle) {
      indices = randperm(n, { generator: new Generator().manualSeed(this.seed + this.epoch) }).data as Int32Array;
    } else {
      indices = new Int32Array(n);
      for (let i = 0; i < n; i++) indices[i] = i;
    }
    const out = new Int32Array(numSamples);
    // Position p of the padded (or cut) list is indices[p % n]: padding repeats the list from its start.
    for (let j = 0, p = this.rank; j < numSamples; j++, p += this.numReplicas) out[j] = indices[p % n]!;
    yield out;
  }

  [Symbol.iterator](): Iterator<number> {
    return indicesOfBlocks(this.indexBlocks());
  }

  /** The epoch (the shuffle depends on nothing else). */
  stateDict(): SamplerState {
    return { generatorState: null, epoch: this.epoch };
  }

  loadStateDict(state: SamplerState): void {
    if (typeof state.epoch === 'number') this.epoch = state.epoch;
  }
}

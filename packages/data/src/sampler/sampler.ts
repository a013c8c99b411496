/**
 * The sampler protocol. A sampler is anything iterable over dataset indices (PyTorch's `Sampler`);
 * gd's samplers add two optional, faster or resumable, views of the same sequence:
 *
 * - `indexBlocks()` yields the same indices in runs (Int32Array blocks), drawing random numbers at
 *   exactly the moments per-index iteration would (a block is produced when its first index is
 *   needed). `BatchSampler` reads blocks when it can, so a shuffled epoch costs one `randperm` and
 *   one copy per batch instead of a generator step per index.
 * - `stateDict()` / `loadStateDict()` capture the random state an iteration started from, so
 *   that the next iteration after `loadStateDict` replays it (DataLoader resume).
 */
import { Generator, type GeneratorState, defaultGenerator } from '@gd/tensor';

/** What a sampler's `stateDict` returns: the RNG state its current iteration started from. */
export interface SamplerState {
  /** The state of the generator the iteration drew from first (null: it had not started). */
  generatorState: GeneratorState | null;
  /** Extra fields of a particular sampler (e.g. DistributedSampler's epoch). */
  [key: string]: unknown;
}

/** An iterable of dataset indices with the optional gd extensions described above. */
export interface Sampler extends Iterable<number> {
  /** Number of indices one iteration yields, when known (PyTorch's `__len__`). */
  readonly length?: number;
  indexBlocks?(): Iterator<Int32Array>;
  stateDict?(): SamplerState;
  loadStateDict?(state: SamplerState): void;
}

/** A sampler of index lists (what `BatchSampler` is, or any iterable of arrays of indices). */
export interface BatchSamplerLike extends Iterable<ArrayLike<number>> {
  readonly length?: number;
  /** The same batches as Int32Arrays (the loader reads this when present; see BatchSampler). */
  indexBatches?(): Iterator<Int32Array>;
  stateDict?(): SamplerState;
  loadStateDict?(state: SamplerState): void;
}

/** True when `s` offers {@link Sampler.indexBlocks}. */
export function hasIndexBlocks(s: unknown): s is Sampler & { indexBlocks(): Iterator<Int32Array> } {
  return typeof (s as Sampler | null)?.indexBlocks === 'function';
}

/** The indices of `blocks` one at a time: how a block sampler implements `[Symbol.iterator]`. */
export function* indicesOfBlocks(blocks: Iterator<Int32Array>): IterableIterator<number> {
  for (let r = blocks.next(); r.done !== true; r = blocks.next()) {
    const block = r.value;
    for (let i = 0; i < block.length; i++) yield block[i]!;
  }
}

/**
 * Remembers which random state each iteration of a sampler starts from, and replays one after
 * `loadStateDict`. With its own generator the sampler's generator is rewound (so it ends the
 * epoch where an uninterrupted run would); with the global generator a private copy is used, so
 * resuming never rewinds the caller's global random stream.
 */
export class IterationRng {
  private started: GeneratorState | null = null;
  private pending: GeneratorState | null = null;

  constructor(private readonly own: Generator | undefined) {}

  /** The generator this iteration draws from; call once, when the iteration's first draw is due. */
  begin(): Generator {
    const replay = this.pending;
    this.pending = null;
    if (replay !== null) {
      this.started = replay;
      if (this.own) return this.own.setState(replay);
      return new Generator().setState(replay);
    }
    const source = this.own ?? defaultGenerator;
    this.started = source.getState();
    return source;
  }

  state(): GeneratorState | null {
    return this.started;
  }

  replay(state: GeneratorState | null): void {
    this.pending = state;
  }
}

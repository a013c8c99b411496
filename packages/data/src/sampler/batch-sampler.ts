/**
 * `BatchSampler`: consecutive runs of `batchSize` indices from a sampler (PyTorch's
 * `BatchSampler`); the last short run is dropped iff `dropLast`. Indices are pulled from the
 * sampler only when a batch needs them, as PyTorch does, so a shuffling sampler draws its random
 * numbers at the same moments. Samplers with `indexBlocks()` are read a block at a time.
 */
import { ValueError } from '@gd/tensor';
import { pyStr } from '../util/py-format.js';
import { type BatchSamplerLike, type Sampler, type SamplerState, hasIndexBlocks } from './sampler.js';

const EMPTY: Int32Array = new Int32Array(0);

/**
 * @example
 * [...new BatchSampler(new SequentialSampler(range10), 3, false)]
 * // [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
 * [...new BatchSampler(new SequentialSampler(range10), 3, true)]
 * // [[0, 1, 2], [3, 4, 5], [6, 7, 8]]
 */
export class BatchSampler implements BatchSamplerLike {
  readonly sampler: Sampler | Iterable<number>;
  readonly batchSize: number;
  readonly dropLast: boolean;

  constructor(sampler: Sampler | Iterable<number>, batchSize: number, dropLast: boolean) {
    if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize <= 0) {
      throw new ValueError(`BatchSampler: batchSize should be a positive integer value, but got batchSize=${pyStr(batchSize)}`);
    }
    if (typeof dropLast !== 'boolean') {
      throw new ValueError(`BatchSampler: dropLast should be a boolean value, but got dropLast=${pyStr(dropLast)}`);
    }
    this.sampler = sampler;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
  }

  /** ⌈n / batchSize⌉ batches, or ⌊n / batchSize⌋ with dropLast (n: the sampler's length). */
  get length(): number {
    const n = (this.sampler as Sampler).length;
    if (typeof n !== 'number') throw new ValueError('BatchSampler: the sampler has no length');
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  [Symbol.iterator](): Iterator<number[]> {
    return mapIterator(this.indexBatches(), (batch) => Array.from(batch));
  }

  /**
   * The same batches as Int32Arrays: a batch that lies inside one block of the sampler is a
   * view of it (no copy). This is what the DataLoader reads.
   */
  indexBatches(): Iterator<Int32Array> {
    return hasIndexBlocks(this.sampler) ? this.fromBlocks(this.sampler.indexBlocks()) : this.fromIndices();
  }

  stateDict(): SamplerState {
    const s = this.sampler as Sampler;
    return typeof s.stateDict === 'function' ? s.stateDict() : { generatorState: null };
  }

  loadStateDict(state: SamplerState): void {
    const s = this.sampler as Sampler;
    if (typeof s.loadStateDict === 'function') s.loadStateDict(state);
  }

  private *fromBlocks(blocks: Iterator<Int32Array>): IterableIterator<Int32Array> {
    const bs = this.batchSize;
    let block = EMPTY;
    let pos = 0;
    for (;;) {
      // Common case: the whole batch is in the current block, so it is a view of it.
      if (block.length - pos >= bs) {
        yield block.subarray(pos, (pos += bs));
        continue;
      }
      const batch = new Int32Array(bs);
      let filled = 0;
      while (filled < bs) {
        if (pos === block.length) {
          const r = blocks.next();
          if (r.done === true) break;
          block = r.value;
          pos = 0;
          continue;
        }
        const end = Math.min(block.length, pos + bs - filled);
        batch.set(block.subarray(pos, end), filled);
        filled += end - pos;
        pos = end;
      }
      if (filled === bs) yield batch;
      else {
        if (filled > 0 && !this.dropLast) yield batch.subarray(0, filled);
        return;
      }
    }
  }

  private *fromIndices(): IterableIterator<Int32Array> {
    const bs = this.batchSize;
    const it = this.sampler[Symbol.iterator]();
    for (;;) {
      const batch = new Int32Array(bs);
      let filled = 0;
      while (filled < bs) {
        const r = it.next();
        if (r.done === true) break;
        batch[filled++] = r.value;
      }
      if (filled === bs) yield batch;
      else {
        if (filled > 0 && !this.dropLast) yield batch.subarray(0, filled);
        return;
      }
    }
  }
}

function* mapIterator<A, B>(it: Iterator<A>, f: (a: A) => B): IterableIterator<B> {
  for (let r = it.next(); r.done !== true; r = it.next()) yield f(r.value);
}

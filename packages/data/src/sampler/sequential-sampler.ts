/** `SequentialSampler`: the indices 0 … n−1 in order (the loader's default without shuffle). */
import type { Sampler } from './sampler.js';
import { indicesOfBlocks } from './sampler.js';

/** Indices per block: large enough to amortise, small enough not to allocate the whole range. */
const BLOCK = 65536;

/**
 * @example
 * [...new SequentialSampler([10, 20, 30])] // [0, 1, 2]
 */
export class SequentialSampler implements Sampler {
  constructor(readonly dataSource: { readonly length: number }) {}

  get length(): number {
    return this.dataSource.length;
  }

  *indexBlocks(): IterableIterator<Int32Array> {
    const n = this.dataSource.length;
    for (let start = 0; start < n; start += BLOCK) {
      const block = new Int32Array(Math.min(BLOCK, n - start));
      for (let i = 0; i < block.length; i++) block[i] = start + i;
      yield block;
    }
  }

  [Symbol.iterator](): Iterator<number> {
    return indicesOfBlocks(this.indexBlocks());
  }
}

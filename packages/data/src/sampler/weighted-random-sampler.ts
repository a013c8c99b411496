/**
 * `WeightedRandomSampler`: indices 0 … len(weights)−1 drawn with probabilities proportional to
 * `weights` (PyTorch's `torch.multinomial`). With replacement it follows PyTorch's CPU kernel: a
 * normalised cumulative distribution and one float64 uniform (53 bits of two draws) per sample,
 * located by binary search. Without replacement it uses PyTorch's exponential-race method
 * (`argsort(weights / Exp(1))`, largest first). Not checked against PyTorch's output (RNG.md does
 * not cover multinomial): expect the same distribution, not necessarily the same indices.
 */
import { type Generator, ValueError } from '@gd/tensor';
import { pyStr } from '../util/py-format.js';
import { IterationRng, type Sampler, type SamplerState, indicesOfBlocks } from './sampler.js';

export interface WeightedRandomSamplerOptions {
  /** Draw with replacement (default true, as in PyTorch). */
  replacement?: boolean;
  generator?: Generator;
}

/**
 * @example
 * const s = new WeightedRandomSampler([0.1, 0.9], 100, { generator: g });
 * [...s].filter((i) => i === 1).length; // about 90
 */
export class WeightedRandomSampler implements Sampler {
  readonly weights: Float64Array;
  readonly numSamples: number;
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly rng: IterationRng;

  constructor(weights: ArrayLike<number> | Iterable<number>, numSamples: number, options: WeightedRandomSamplerOptions = {}) {
    const { replacement = true, generator } = options;
    if (!Number.isInteger(numSamples) || numSamples <= 0) {
      throw new ValueError(
        `WeightedRandomSampler: numSamples should be a positive integer value, but got numSamples=${pyStr(numSamples)}`,
      );
    }
    if (typeof replacement !== 'boolean') {
      throw new ValueError(
        `WeightedRandomSampler: replacement should be a boolean value, but got replacement=${pyStr(replacement)}`,
      );
    }
    const w = Float64Array.from(weights as ArrayLike<number>);
    for (let i = 0; i < w.length; i++) {
      if (!(w[i]! >= 0) || !Number.isFinite(w[i]!)) {
        throw new ValueError(`WeightedRandomSampler: invalid multinomial distribution (weight ${i} is ${w[i]})`);
      }
    }
    if (!replacement && numSamples > w.length) {
      throw new ValueError(
        `WeightedRandomSampler: cannot sample numSamples=${numSamples} > ${w.length} categories without replacement`,
      );
    }
    this.weights = w;
    this.numSamples = numSamples;
    this.replacement = replacement;
    this.generator = generator;
    this.rng = new IterationRng(generator);
  }

  get length(): number {
    return this.numSamples;
  }

  *indexBlocks(): IterableIterator<Int32Array> {
    const g = this.rng.begin();
    yield this.replacement ? this.withReplacement(g) : this.withoutReplacement(g);
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

  private withReplacement(g: Generator): Int32Array {
    const w = this.weights;
    const k = w.length;
    const cum = new Float64Array(k);
    let sum = 0;
    for (let j = 0; j < k; j++) cum[j] = sum += w[j]!;
    if (!(sum > 0)) throw new ValueError('WeightedRandomSampler: invalid multinomial distribution (sum of weights <= 0)');
    for (let j = 0; j < k; j++) cum[j]! /= sum;
    cum[k - 1] = 1;
    const out = new Int32Array(this.numSamples);
    for (let s = 0; s < out.length; s++) {
      const u = g.nextUniformFloat64();
      let lo = 0;
      let hi = k;
      while (hi - lo > 0) {
        const mid = lo + ((hi - lo) >> 1);
        if (cum[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      out[s] = lo;
    }
    return out;
  }

  private withoutReplacement(g: Generator): Int32Array {
    const w = this.weights;
    const keys = new Float64Array(w.length);
    // q ~ Exp(1) = -log(1 - u); the largest w / q win (the Gumbel / exponential race).
    for (let j = 0; j < w.length; j++) keys[j] = w[j]! / -Math.log(1 - g.nextUniformFloat64());
    const order = Array.from({ length: w.length }, (_, j) => j).sort((a, b) => keys[b]! - keys[a]! || a - b);
    return Int32Array.from(order.slice(0, this.numSamples));
  }
}

/**
 * `randomSplit`: non-overlapping random subsets of a dataset with PyTorch's indices for the same
 * seed: fractions become `floor(n * f)` each with the remainder handed out round-robin from the
 * first split, then `randperm(sum(lengths), generator)` is cut in order.
 */
import { type Generator, ValueError, defaultGenerator, randperm } from '@gd/tensor';
import { pyRepr } from '../util/py-format.js';
import { Subset } from './subset.js';
import { type MapDatasetLike, toMapDataset } from './types.js';

export interface RandomSplitOptions {
  /** Draws the permutation; the global generator by default, as in PyTorch. */
  generator?: Generator;
}

/**
 * Splits `dataset` into subsets of the given `lengths` (integers summing to the dataset's length)
 * or fractions (summing to 1).
 * @example
 * randomSplit(range10, [3, 7], { generator: new Generator().manualSeed(42) }).map((s) => s.indices)
 * // [[2, 6, 1], [8, 4, 5, 0, 9, 3, 7]]
 */
export function randomSplit<T>(
  dataset: MapDatasetLike<T>,
  lengths: readonly number[],
  { generator = defaultGenerator }: RandomSplitOptions = {},
): Subset<T>[] {
  const ds = toMapDataset('randomSplit', dataset);
  const n = ds.length;
  let sizes = lengths.slice();
  const total = pySum(sizes);
  if (isClose(total, 1) && total <= 1) sizes = fractionLengths(lengths, n);
  const sum = pySum(sizes);
  if (sum !== n) {
    throw new ValueError(
      `randomSplit: Sum of input lengths does not equal the length of the input dataset! ` +
        `(lengths ${pyRepr(lengths.slice())} sum to ${total}, the dataset has ${n} samples)`,
    );
  }
  if (!sizes.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new ValueError(
      `randomSplit: lengths must be non-negative integers or fractions summing to 1, got ${pyRepr(lengths.slice())}`,
    );
  }
  const perm = randperm(sum, { generator }).data as Int32Array;
  const out: Subset<T>[] = [];
  let offset = 0;
  for (const size of sizes) {
    out.push(new Subset(ds, perm.subarray(offset, offset + size)));
    offset += size;
  }
  return out;
}

/** Python's `sum` of floats: left to right. */
function pySum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** Python's `math.isclose(a, b)` with its default rel_tol = 1e-9, abs_tol = 0. */
function isClose(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

function fractionLengths(fractions: readonly number[], n: number): number[] {
  const sizes = fractions.map((f, i) => {
    if (!(f >= 0 && f <= 1)) throw new ValueError(`randomSplit: Fraction at index ${i} is not between 0 and 1 (got ${f})`);
    return Math.floor(n * f);
  });
  const remainder = n - pySum(sizes);
  for (let i = 0; i < remainder; i++) sizes[i % sizes.length]! += 1;
  return sizes;
}

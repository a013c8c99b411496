/**
 * `randperm`: PyTorch's `randperm_cpu` (RNG.md section 3), the permutation behind DataLoader
 * shuffling and `random_split`. For n < 2^32 / 20 it is a forward Fisher–Yates shuffle of
 * [0, n) with `random() % (n − i)` (n − 1 draws); for larger n PyTorch switches to an
 * "inside-out" Fisher–Yates with `random64() % (i + 1)` (2n draws), implemented here as the source
 * describes but not checked against PyTorch (the reference files stop far below that size).
 */
import { checkDType } from '../dtype.js';
import { DTypeError, ValueError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { type Generator, type GeneratorOptions, defaultGenerator } from './generator.js';

/** `std::numeric_limits<uint32_t>::max() / 20`: from this n on PyTorch uses `random64`. */
export const RANDPERM_SMALL_LIMIT = Math.floor(0xffffffff / 20);

export interface RandpermOptions extends GeneratorOptions {
  /** 'int32' (the default; PyTorch gives int64), 'float32' (n <= 2^24) or 'float64'. */
  dtype?: 'int32' | 'float32' | 'float64';
}

type PermArray = Int32Array | Float32Array | Float64Array;

/**
 * A random permutation of 0 … n−1, as `torch.randperm(n, generator=g)`. Returns int32 (PyTorch:
 * int64), with the same values.
 * @example manualSeed(0); randperm(5) // [4, 2, 1, 0, 3]
 */
export function randperm(n: number, opts: RandpermOptions = {}): NDArray {
  if (!Number.isInteger(n) || n < 0) throw new ValueError(`randperm: n must be a non-negative integer, got ${n}`);
  const dtype = checkDType('randperm', opts.dtype ?? 'int32');
  let out: PermArray;
  if (dtype === 'int32') {
    if (n > 2 ** 31) throw new ValueError(`randperm: n must be at most 2^31 for int32, got ${n}`);
    out = new Int32Array(n);
  } else if (dtype === 'float32') {
    if (n > 2 ** 24) throw new ValueError(`randperm: n must be at most 2^24 for float32, got ${n}`);
    out = new Float32Array(n);
  } else if (dtype === 'float64') {
    out = new Float64Array(n);
  } else {
    throw new DTypeError(`randperm: dtype ${dtype} is not supported (expected int32, float32 or float64)`);
  }
  randpermFill(out, n, opts.generator ?? defaultGenerator);
  return new NDArray(out, [n]);
}

/** Writes a random permutation of [0, n) into `out[0, n)` with PyTorch's algorithm for that n. */
export function randpermFill(out: PermArray, n: number, generator: Generator): void {
  if (n >= RANDPERM_SMALL_LIMIT) {
    randpermInsideOut(out, n, generator);
    return;
  }
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const z = i + uint32Mod(generator.nextUint32(), n - i);
    const save = out[i]!;
    out[i] = out[z]!;
    out[z] = save;
  }
}

/**
 * `y % m` for 0 <= y < 2^32, 0 < m < 2^32. V8 compiles `%` on values above 2^31 to a floating-point
 * fmod call; a division, a floor and one correction step give the same integer about 3x faster
 * (q * m is exact below 2^53, and the rounded quotient is off by at most one).
 */
function uint32Mod(y: number, m: number): number {
  const r = y - Math.floor(y / m) * m;
  return r < 0 ? r + m : r >= m ? r - m : r;
}

/**
 * The large-n branch of `randperm_cpu`: `for i in 0…n−1: z = random64() % (i + 1); r[i] = i;
 * r[i] = r[z]; r[z] = i`. Exported so it can be tested on small n.
 */
export function randpermInsideOut(out: PermArray, n: number, generator: Generator): void {
  for (let i = 0; i < n; i++) {
    const z = generator.nextUint64Mod(i + 1);
    out[i] = i;
    out[i] = out[z]!;
    out[z] = i;
  }
}

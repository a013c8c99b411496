/**
 * `Generator`: PyTorch's CPU generator (`at::CPUGeneratorImpl`), i.e. an mt19937 engine plus the
 * 64-bit seed it was given and the cached second value of the last Box–Muller pair. The global
 * `defaultGenerator` plays the part of `torch.default_generator`; every sampling function takes an
 * optional `generator` so a seed fully determines a run.
 *
 * Draw primitives (`nextUint32`, the two-word `random64` forms, the uniform floats) live here so
 * the kernels share one definition of "which words, in which order": `random64` is two draws with
 * the FIRST as the high word. None of them uses BigInt except `nextUint64` and `randomInt64`,
 * whose results exceed 2^53.
 */
import { ValueError } from '../errors.js';
import { MT19937, MT_N } from './mt19937.js';

/** `c10::default_rng_seed_val`: the seed of a fresh `Generator()` and of the default generator. */
export const DEFAULT_SEED = 67280421310721n;

const TWO_POW_32 = 4294967296;
const TWO_POW_NEG_24 = 2 ** -24;
const TWO_POW_NEG_53 = 2 ** -53;
const UINT64_MASK = (1n << 64n) - 1n;
const INT63_MASK = (1n << 63n) - 1n;

/**
 * A generator's full state as a plain JSON-serialisable object. `setState(getState())` restores the
 * exact stream, cached normal value included.
 */
export interface GeneratorState {
  /** The 624 mt19937 state words, as unsigned integers. */
  mt: number[];
  /** Index (0…624) of the next word to temper; 624 means the next draw regenerates the state. */
  index: number;
  /** The seed last given to `manualSeed` (0 … 2^64 − 1), as a decimal string. */
  initialSeed: string;
  /** The cached second Box–Muller value (PyTorch's `next_double_normal_sample`), or null. */
  nextDoubleNormal: number | null;
}

/** Options of every sampling function: which generator to draw from (the global one by default). */
export interface GeneratorOptions {
  generator?: Generator;
}

export class Generator {
  private readonly engine = new MT19937();
  private seedValue = DEFAULT_SEED;
  /**
   * The second value of the last scalar-path Box–Muller pair, consumed by the next scalar-path
   * normal draw (PyTorch's `next_double_normal_sample`). Read and written by the normal kernels;
   * `manualSeed` clears it.
   */
  nextDoubleNormal: number | null = null;

  /** A generator seeded with 67280421310721, as `torch.Generator()`. */
  constructor() {
    this.manualSeed(DEFAULT_SEED);
  }

  /**
   * Seeds the generator (PyTorch's `manual_seed`). The seed is taken modulo 2^64 (so -1 is
   * 2^64 − 1) and only its low 32 bits seed mt19937: `manualSeed(2 ** 32 + 42)` gives the stream of
   * `manualSeed(42)`, while `initialSeed()` reports the full value. Clears the cached normal value.
   * @example new Generator().manualSeed(0).nextUint32() // 2357136044
   */
  manualSeed(seed: number | bigint): this {
    if (typeof seed === 'number' && !Number.isInteger(seed)) {
      throw new ValueError(`manualSeed: the seed must be an integer, got ${seed}`);
    }
    if (typeof seed !== 'number' && typeof seed !== 'bigint') {
      throw new ValueError(`manualSeed: the seed must be a number or a bigint, got ${typeof seed}`);
    }
    const s = BigInt.asUintN(64, BigInt(seed));
    this.seedValue = s;
    this.engine.seed(Number(s & 0xffffffffn));
    this.nextDoubleNormal = null;
    return this;
  }

  /**
   * Seeds the generator from a non-deterministic source (the platform's crypto random numbers) and
   * returns the 64-bit seed used, as `Generator.seed()`.
   */
  seed(): bigint {
    const words = new Uint32Array(2);
    const cryptoApi = (globalThis as { crypto?: { getRandomValues(a: Uint32Array): Uint32Array } }).crypto;
    if (cryptoApi) cryptoApi.getRandomValues(words);
    else for (let i = 0; i < 2; i++) words[i] = Math.floor(Math.random() * TWO_POW_32);
    const s = (BigInt(words[0]!) << 32n) | BigInt(words[1]!);
    this.manualSeed(s);
    return s;
  }

  /** The seed last given to `manualSeed` (or by `seed()`), modulo 2^64. */
  initialSeed(): bigint {
    return this.seedValue;
  }

  /** Number of 32-bit words drawn from this generator since it was created (never reset). */
  get drawn(): number {
    return this.engine.drawn;
  }

  /** A copy of the full state; see {@link GeneratorState}. */
  getState(): GeneratorState {
    const mt = new Array<number>(MT_N);
    const s = this.engine.state;
    for (let i = 0; i < MT_N; i++) mt[i] = s[i]! >>> 0;
    return {
      mt,
      index: this.engine.index,
      initialSeed: this.seedValue.toString(),
      nextDoubleNormal: this.nextDoubleNormal,
    };
  }

  /** Restores a state from `getState()` (validated first; a bad state leaves the generator as it was). */
  setState(state: GeneratorState): this {
    const { mt, index, initialSeed, nextDoubleNormal } = state;
    if (!Array.isArray(mt) || mt.length !== MT_N) {
      throw new ValueError(`setState: mt must be an array of ${MT_N} words, got ${describe(mt)}`);
    }
    for (let i = 0; i < MT_N; i++) {
      const w = mt[i];
      if (!Number.isInteger(w) || (w as number) < 0 || (w as number) >= TWO_POW_32) {
        throw new ValueError(`setState: mt[${i}] must be an integer in [0, 2^32), got ${String(w)}`);
      }
    }
    if (!Number.isInteger(index) || index < 0 || index > MT_N) {
      throw new ValueError(`setState: index must be an integer in [0, ${MT_N}], got ${String(index)}`);
    }
    if (typeof initialSeed !== 'string' || !/^\d+$/.test(initialSeed) || BigInt(initialSeed) > UINT64_MASK) {
      throw new ValueError(`setState: initialSeed must be a decimal string in [0, 2^64), got ${describe(initialSeed)}`);
    }
    if (nextDoubleNormal !== null && !Number.isFinite(nextDoubleNormal)) {
      throw new ValueError(`setState: nextDoubleNormal must be a finite number or null, got ${String(nextDoubleNormal)}`);
    }
    const s = this.engine.state;
    for (let i = 0; i < MT_N; i++) s[i] = mt[i]! | 0;
    this.engine.index = index;
    this.seedValue = BigInt(initialSeed);
    this.nextDoubleNormal = nextDoubleNormal;
    return this;
  }

  /** One 32-bit draw (PyTorch's `random()`), in [0, 2^32). */
  nextUint32(): number {
    return this.engine.next();
  }

  /** Two draws as a 64-bit integer, the first draw being the high word (PyTorch's `random64()`). */
  nextUint64(): bigint {
    const hi = this.engine.next();
    const lo = this.engine.next();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /**
   * `random64() % m`, exactly, for an integer 1 <= m <= 2^53, without BigInt: `hi * 2^32` is exact
   * in binary64 and `%` (fmod) is always exact, so only the final addition needs care.
   */
  nextUint64Mod(m: number): number {
    const hi = this.engine.next();
    const lo = this.engine.next();
    return addMod((hi * TWO_POW_32) % m, lo % m, m);
  }

  /** A float32 uniform in [0, 1): the low 24 bits of one draw times 2^-24. */
  nextUniformFloat32(): number {
    return (this.engine.next() & 0xffffff) * TWO_POW_NEG_24;
  }

  /** A float64 uniform in [0, 1): the low 53 bits of `random64()` times 2^-53. */
  nextUniformFloat64(): number {
    const hi = this.engine.next();
    const lo = this.engine.next();
    return ((hi & 0x1fffff) * TWO_POW_32 + lo) * TWO_POW_NEG_53;
  }
}

/** `(a + b) mod m` for integers 0 <= a, b < m <= 2^53, with no intermediate above 2^53. */
export function addMod(a: number, b: number, m: number): number {
  const gap = m - b;
  return a >= gap ? a - gap : a + b;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** The global generator (`torch.default_generator`), seeded with 67280421310721 until reseeded. */
export const defaultGenerator = new Generator();

/**
 * Seeds the global generator (`torch.manual_seed`) and returns it.
 * @example manualSeed(0); rand(1) // [0.4962566]
 */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** The seed of the global generator (`torch.initial_seed`). */
export function initialSeed(): bigint {
  return defaultGenerator.initialSeed();
}

/** Seeds the global generator non-deterministically and returns the seed (`torch.seed`). */
export function seed(): bigint {
  return defaultGenerator.seed();
}

/** The global generator's state (`torch.get_rng_state`, as a plain object). */
export function getRngState(): GeneratorState {
  return defaultGenerator.getState();
}

/** Restores the global generator's state (`torch.set_rng_state`). */
export function setRngState(state: GeneratorState): void {
  defaultGenerator.setState(state);
}

/**
 * `torch.empty((), dtype=torch.int64).random_(generator=g).item()`: `random64() % 2^63`, two draws.
 * This is how PyTorch's DataLoader and RandomSampler draw their seeds.
 * @example manualSeed(0); randomInt64() // 900450186894289455n
 */
export function randomInt64(generator: Generator = defaultGenerator): bigint {
  return generator.nextUint64() & INT63_MASK;
}

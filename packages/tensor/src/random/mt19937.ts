/**
 * The mt19937 engine (Matsumoto–Nishimura 2002) exactly as PyTorch's `at::mt19937`: 624 words of
 * state, the reference seeding recurrence and tempering. Every random number gd makes comes from
 * here, so this file is written for speed: the state is an Int32Array updated with 32-bit integer
 * operations only (`Math.imul`, shifts), and a draw allocates nothing.
 */

/** Words of state. */
export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MT19937 {
  /** The state words, as signed int32 (read them with `>>> 0` for the unsigned value). */
  readonly state = new Int32Array(MT_N);
  /** Index of the next state word to temper; `MT_N` means the next draw twists first. */
  index = MT_N;
  /** 32-bit outputs produced since construction (a diagnostic counter, not part of the state). */
  drawn = 0;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /**
   * The reference `init_genrand`: only the low 32 bits of `seed` are used, as in PyTorch.
   * @example new MT19937(5489).next() // 3499211612
   */
  seed(seed: number): void {
    const s = this.state;
    let prev = seed | 0;
    s[0] = prev;
    for (let j = 1; j < MT_N; j++) {
      // (1812433253 * (prev ^ (prev >>> 30)) + j) mod 2^32; Math.imul keeps the low 32 bits exactly
      prev = (Math.imul(1812433253, prev ^ (prev >>> 30)) + j) | 0;
      s[j] = prev;
    }
    this.index = MT_N;
  }

  /** The next 32-bit output, as an unsigned integer in [0, 2^32). */
  next(): number {
    if (this.index >= MT_N) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    this.drawn++;
    return y >>> 0;
  }

  /** Regenerates all 624 words at once (the reference `genrand` block update). */
  private twist(): void {
    const s = this.state;
    let k = 0;
    for (; k < MT_N - MT_M; k++) {
      const y = (s[k]! & UPPER_MASK) | (s[k + 1]! & LOWER_MASK);
      s[k] = s[k + MT_M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    for (; k < MT_N - 1; k++) {
      const y = (s[k]! & UPPER_MASK) | (s[k + 1]! & LOWER_MASK);
      s[k] = s[k + MT_M - MT_N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    }
    const y = (s[MT_N - 1]! & UPPER_MASK) | (s[0]! & LOWER_MASK);
    s[MT_N - 1] = s[MT_M - 1]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
    this.index = 0;
  }
}

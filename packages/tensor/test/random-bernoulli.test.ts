/**
 * bernoulli_: the expected masks are computed here from the generator's raw 64-bit draws with the
 * formula of PyTorch's non-MKL CPU kernel (low 53 bits · 2⁻⁵³ < p), not from the implementation.
 */
import { describe, expect, it } from 'vitest';
import { Generator, NDArray, ValueError, bernoulli_, manualSeed, zeros } from '../src/index.js';

/** The next `n` values of the formula, drawn from a generator seeded with `seed`. */
function expectedMask(seed: number, n: number, p: number): number[] {
  const g = new Generator().manualSeed(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Number(g.nextUint64() & ((1n << 53n) - 1n)) / 2 ** 53 < p ? 1 : 0);
  return out;
}

describe('bernoulli_', () => {
  it('draws one random64() per element, 1 when its low 53 bits · 2^-53 < p', () => {
    const a = zeros([3, 4]);
    const r = bernoulli_(a, 0.3, { generator: new Generator().manualSeed(7) });
    expect(r).toBe(a);
    expect(Array.from(a.data)).toEqual(expectedMask(7, 12, 0.3));
    const b = new NDArray(new Float64Array(40), [40]).bernoulli_(0.5, { generator: new Generator().manualSeed(3) });
    expect(Array.from(b.data)).toEqual(expectedMask(3, 40, 0.5));
    // both outcomes occur, so the comparison can fail
    expect(new Set(Array.from(b.data))).toEqual(new Set([0, 1]));
  });

  it('uses the global generator by default and p = 0.5', () => {
    manualSeed(11);
    const a = zeros([20]).bernoulli_();
    expect(Array.from(a.data)).toEqual(expectedMask(11, 20, 0.5));
  });

  it('overwrites every element, for every dtype, and still draws at p = 0 and p = 1', () => {
    const g = new Generator().manualSeed(5);
    const a = new NDArray(new Int32Array([7, 7, 7]), [3]).bernoulli_(0, { generator: g });
    expect(Array.from(a.data)).toEqual([0, 0, 0]);
    const b = new NDArray(new Uint8Array(3), [3], undefined, 0, 'bool').bernoulli_(1, { generator: g });
    expect(b.tolist()).toEqual([true, true, true]);
    const c = zeros([4]).bernoulli_(0.6, { generator: g });
    expect(Array.from(c.data)).toEqual(expectedMask(5, 10, 0.6).slice(6));
  });

  it('fills a strided view in row-major order and leaves the other elements alone', () => {
    const base = zeros([3, 4]).fill_(9);
    const view = base.narrow(1, 1, 2).t(); // [2, 3]
    view.bernoulli_(0.5, { generator: new Generator().manualSeed(2) });
    expect(view.tolist()).toEqual([expectedMask(2, 6, 0.5).slice(0, 3), expectedMask(2, 6, 0.5).slice(3)]);
    expect(base.index(':', 0).tolist()).toEqual([9, 9, 9]);
    expect(base.index(':', 3).tolist()).toEqual([9, 9, 9]);
  });

  it('keeps about a fraction p', () => {
    const a = zeros([20000]).bernoulli_(0.25, { generator: new Generator().manualSeed(0) });
    const mean = a.sum().item() / 20000;
    expect(Math.abs(mean - 0.25)).toBeLessThan(0.01);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => zeros([2]).bernoulli_(1.5)).toThrow(ValueError);
    expect(() => zeros([2]).bernoulli_(-0.1)).toThrow('bernoulli_: expected p to be in [0, 1], but got p=-0.1');
    expect(() => zeros([2]).bernoulli_(Number.NaN)).toThrow(ValueError);
  });
});

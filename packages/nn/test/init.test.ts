/** init: gains, fans, and each initialiser's draws, bounds, in-place semantics and errors. */
import { type Tensor, tensor, zeros } from '@gd/autograd';
import { Generator, ValueError, defaultGenerator, empty, manualSeed } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { Parameter, init } from '../src/index.js';

/** The same draws from a fresh generator with @gd/tensor's fills, for comparison. */
function uniformFrom(seed: number, shape: number[], lo: number, hi: number): number[] {
  return Array.from(empty(shape).uniform_(lo, hi, { generator: new Generator().manualSeed(seed) }).data as Float32Array);
}

function values(t: Tensor): number[] {
  return Array.from(t.toTypedArray(), Number);
}

describe('calculateGain and fans', () => {
  it('gives PyTorch gains', () => {
    expect(init.calculateGain('linear')).toBe(1);
    expect(init.calculateGain('conv2d')).toBe(1);
    expect(init.calculateGain('sigmoid')).toBe(1);
    expect(init.calculateGain('tanh')).toBe(5 / 3);
    expect(init.calculateGain('relu')).toBe(Math.SQRT2);
    expect(init.calculateGain('leaky_relu')).toBe(Math.sqrt(2 / (1 + 0.01 ** 2)));
    expect(init.calculateGain('leaky_relu', 0.2)).toBe(Math.sqrt(2 / 1.04));
    expect(init.calculateGain('leaky_relu', Math.sqrt(5))).toBe(Math.sqrt(1 / 3.0000000000000004));
    expect(init.calculateGain('selu')).toBe(0.75);
    expect(() => init.calculateGain('gelu' as never)).toThrow(new ValueError('calculateGain: unsupported nonlinearity gelu'));
  });

  it('computes fan in and fan out with the receptive field', () => {
    expect(init.calculateFanInAndFanOut(zeros([5, 3]))).toEqual([3, 5]);
    expect(init.calculateFanInAndFanOut(zeros([8, 4, 3, 3]))).toEqual([36, 72]);
    expect(init.calculateCorrectFan(zeros([8, 4, 3]), 'fan_out')).toBe(24);
    expect(() => init.calculateFanInAndFanOut(zeros([5]))).toThrow(
      'calculateFanInAndFanOut: fan in and fan out can not be computed for tensor with fewer than 2 dimensions (shape [5])',
    );
    expect(() => init.calculateCorrectFan(zeros([2, 2]), 'fan_avg' as never)).toThrow(
      'calculateCorrectFan: mode fan_avg not supported, please use one of fan_in, fan_out',
    );
  });
});

describe('initialisers', () => {
  it('uniform_ and normal_ draw as @gd/tensor does, from the given generator', () => {
    const w = new Parameter(zeros([3, 4]));
    expect(init.uniform_(w, -2, 3, { generator: new Generator().manualSeed(1) })).toBe(w);
    expect(values(w)).toEqual(uniformFrom(1, [3, 4], -2, 3));
    const n = zeros([20]);
    init.normal_(n, 1, 0.5, { generator: new Generator().manualSeed(2) });
    expect(values(n)).toEqual(Array.from(empty([20]).normal_(1, 0.5, { generator: new Generator().manualSeed(2) }).data as Float32Array));
    manualSeed(4);
    init.uniform_(w);
    expect(values(w)).toEqual(uniformFrom(4, [3, 4], 0, 1));
  });

  it('kaimingUniform_ uses bound √3·gain/√fan', () => {
    const w = zeros([6, 10]);
    init.kaimingUniform_(w, { nonlinearity: 'relu', generator: new Generator().manualSeed(3) });
    const bound = Math.sqrt(3) * (Math.SQRT2 / Math.sqrt(10));
    expect(values(w)).toEqual(uniformFrom(3, [6, 10], -bound, bound));
    init.kaimingUniform_(w, { mode: 'fan_out', a: 0.1, generator: new Generator().manualSeed(3) });
    const boundOut = Math.sqrt(3) * (Math.sqrt(2 / 1.01) / Math.sqrt(6));
    expect(values(w)).toEqual(uniformFrom(3, [6, 10], -boundOut, boundOut));
  });

  it('kaimingNormal_, xavierUniform_ and xavierNormal_ use their standard deviations', () => {
    const w = zeros([40, 10]);
    const normalFrom = (std: number): number[] =>
      Array.from(empty([40, 10]).normal_(0, std, { generator: new Generator().manualSeed(9) }).data as Float32Array);
    init.kaimingNormal_(w, { generator: new Generator().manualSeed(9) });
    expect(values(w)).toEqual(normalFrom(Math.sqrt(2 / 1) / Math.sqrt(10)));
    init.xavierNormal_(w, { gain: 2, generator: new Generator().manualSeed(9) });
    expect(values(w)).toEqual(normalFrom(2 * Math.sqrt(2 / 50)));
    init.xavierUniform_(w, { generator: new Generator().manualSeed(9) });
    const a = Math.sqrt(3) * Math.sqrt(2 / 50);
    expect(values(w)).toEqual(uniformFrom(9, [40, 10], -a, a));
  });

  it('constant_, zeros_ and ones_ fill in place', () => {
    const p = new Parameter(tensor([[1, 2], [3, 4]]));
    expect(init.constant_(p, 0.5)).toBe(p);
    expect(p.tolist()).toEqual([[0.5, 0.5], [0.5, 0.5]]);
    init.ones_(p);
    expect(p.tolist()).toEqual([[1, 1], [1, 1]]);
    init.zeros_(p);
    expect(p.tolist()).toEqual([[0, 0], [0, 0]]);
  });

  it('is not recorded, keeps the storage and counts as an in-place change', () => {
    const p = new Parameter(tensor([1, 2]));
    const storage = p.data.data;
    const y = p.mul(p).sum();
    init.uniform_(p, 0, 1, { generator: new Generator().manualSeed(0) });
    expect(p.isLeaf).toBe(true);
    expect(p.gradFn).toBeNull();
    expect(p.data.data).toBe(storage);
    expect(() => y.backward()).toThrow(/modified by an inplace operation/);
  });

  it('leaves an empty tensor alone without drawing', () => {
    const drawn = defaultGenerator.drawn;
    const w = zeros([0, 3]);
    expect(init.kaimingUniform_(w)).toBe(w);
    expect(init.kaimingNormal_(w)).toBe(w);
    expect(defaultGenerator.drawn).toBe(drawn);
  });
});

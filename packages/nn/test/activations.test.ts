/** The composed activations (leakyRelu, elu, silu, softplus, logsigmoid): values, gradients, stability. */
import { type Tensor, gradcheck, randn, tensor } from '@gd/autograd';
import { Generator } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { ELU, LeakyReLU, LogSigmoid, SiLU, Softplus, functional as F } from '../src/index.js';

const xs = [-30, -2, -0.5, 0, 0.5, 2, 30];
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

function closeTo(actual: Tensor | null, expected: number[], digits = 5): void {
  const a = Array.from(actual!.toTypedArray(), Number);
  expect(a.length).toBe(expected.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, digits));
}

/** Value and gradient of f at xs against the float64 formulas f and df. */
function check(f: (x: Tensor) => Tensor, value: (v: number) => number, slope: (v: number) => number): void {
  const x = tensor(xs, { requiresGrad: true });
  const y = f(x);
  closeTo(y, xs.map(value));
  y.sum().backward();
  closeTo(x.grad, xs.map(slope));
}

describe('composed activations', () => {
  it('leakyRelu: slope below 0 (also at 0)', () => {
    check((x) => F.leakyRelu(x, 0.1), (v) => (v > 0 ? v : 0.1 * v), (v) => (v > 0 ? 1 : 0.1));
    expect(new LeakyReLU().call(tensor([-100])).item()).toBeCloseTo(-1, 6);
  });

  it('elu: alpha·(eˣ - 1) below 0, with no NaN from large inputs', () => {
    check((x) => F.elu(x, 1.5), (v) => (v > 0 ? v : 1.5 * Math.expm1(v)), (v) => (v > 0 ? 1 : 1.5 * Math.exp(v)));
    const big = tensor([200], { requiresGrad: true });
    F.elu(big).backward();
    expect(big.grad!.item()).toBe(1);
  });

  it('silu: x·sigmoid(x)', () => {
    check(F.silu, (v) => v * sigmoid(v), (v) => sigmoid(v) * (1 + v * (1 - sigmoid(v))));
  });

  it('softplus: log(1 + e^(βx))/β, linear above the threshold, with no NaN from large inputs', () => {
    check((x) => F.softplus(x, 2, 20), (v) => (2 * v > 20 ? v : Math.log1p(Math.exp(2 * v)) / 2), (v) => (2 * v > 20 ? 1 : sigmoid(2 * v)));
    const big = tensor([1000], { requiresGrad: true });
    F.softplus(big).backward();
    expect(big.grad!.item()).toBe(1);
  });

  it('logsigmoid: stable on both sides, gradient 1 - sigmoid(x) (1/2 at 0)', () => {
    check(F.logsigmoid, (v) => -Math.log1p(Math.exp(-v)), (v) => 1 - sigmoid(v));
  });

  it('pass gradcheck in float64 and print as PyTorch', () => {
    const x = randn([6], { dtype: 'float64', requiresGrad: true, generator: new Generator().manualSeed(2) });
    for (const f of [(t: Tensor) => F.elu(t, 0.7), F.silu, (t: Tensor) => F.softplus(t, 3), F.logsigmoid, (t: Tensor) => F.leakyRelu(t, 0.2)]) {
      expect(gradcheck((t) => f(t), [x])).toBe(true);
    }
    expect([new LeakyReLU(), new ELU(), new ELU(0.5), new SiLU(), new Softplus(), new LogSigmoid()].map(String)).toEqual([
      'LeakyReLU(negative_slope=0.01)',
      'ELU(alpha=1.0)',
      'ELU(alpha=0.5)',
      'SiLU()',
      'Softplus(beta=1, threshold=20)',
      'LogSigmoid()',
    ]);
  });
});

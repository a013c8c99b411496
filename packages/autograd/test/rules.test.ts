/**
 * Every rule of the table against finite differences (one line per op, tinygrad's helper_test_op
 * style; the map's type makes a missing op a compile error), then random compositions of ops
 * (a seeded property test) against gradcheck.
 */
import { Generator } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import {
  type OpName,
  type Tensor,
  add,
  addmm,
  cat,
  gradcheck,
  matmul,
  maximum,
  minimum,
  pow,
  randn,
  rules,
  stack,
  tensor,
  where,
} from '../src/index.js';

const gen = new Generator().manualSeed(1234);

/** A float64 leaf of `shape` with standard normal values (shifted by `shift`). */
function input(shape: number[], shift = 0): Tensor {
  return randn(shape, { dtype: 'float64', generator: gen }).add(shift).detach().requiresGrad_();
}

/** Values away from 0 (for log, sqrt, division). */
function positive(shape: number[]): Tensor {
  return randn(shape, { dtype: 'float64', generator: gen }).abs().add(0.5).detach().requiresGrad_();
}

function check(fn: (...xs: Tensor[]) => Tensor | Tensor[], ...xs: Tensor[]): void {
  expect(gradcheck(fn, xs, { eps: 1e-6, atol: 1e-5, rtol: 1e-3 })).toBe(true);
}

const opChecks: { [K in OpName]: () => void } = {
  neg: () => check((x) => x.neg(), input([3, 2])),
  exp: () => check((x) => x.exp(), input([3, 2])),
  log: () => check((x) => x.log(), positive([3, 2])),
  log1p: () => check((x) => x.log1p(), positive([4])),
  sqrt: () => check((x) => x.sqrt(), positive([4])),
  rsqrt: () => check((x) => x.rsqrt(), positive([4])),
  sin: () => check((x) => x.sin(), input([4])),
  cos: () => check((x) => x.cos(), input([4])),
  tanh: () => check((x) => x.tanh(), input([4])),
  sigmoid: () => check((x) => x.sigmoid(), input([4])),
  relu: () => check((x) => x.relu(), tensor([-1.5, 0.7, 2, -0.2], { dtype: 'float64', requiresGrad: true })),
  abs: () => check((x) => x.abs(), tensor([-1.5, 0.7, 2, -0.2], { dtype: 'float64', requiresGrad: true })),
  sign: () => check((x) => x.sign().add(x), input([4])),
  floor: () => check((x) => x.floor().add(x), tensor([0.3, 1.6, -2.2], { dtype: 'float64', requiresGrad: true })),
  ceil: () => check((x) => x.ceil().add(x), tensor([0.3, 1.6, -2.2], { dtype: 'float64', requiresGrad: true })),
  round: () => check((x) => x.round().add(x), tensor([0.3, 1.6, -2.2], { dtype: 'float64', requiresGrad: true })),
  clamp: () => check((x) => x.clamp(-0.5, 0.5), tensor([-1.5, 0.2, 0.9, -0.3], { dtype: 'float64', requiresGrad: true })),
  add: () => check((a, b) => add(a, b, { alpha: -0.5 }), input([3, 1]), input([4])),
  sub: () => check((a, b) => a.sub(b, { alpha: 2 }), input([2, 3]), input([3])),
  mul: () => check((a, b) => a.mul(b), input([2, 3]), input([2, 1])),
  div: () => check((a, b) => a.div(b), input([2, 3]), positive([3])),
  remainder: () => check((a, b) => a.remainder(b), input([2, 3]), positive([3])),
  pow: () => check((a, b) => pow(a, b), positive([2, 3]), input([3])),
  powScalar: () => check((a) => a.pow(2.5), positive([3])),
  rpow: () => check((a) => pow(1.7, a), input([3])),
  maximum: () => check((a, b) => maximum(a, b), input([3, 2]), input([2])),
  minimum: () => check((a, b) => minimum(a, b), input([3, 2]), input([2])),
  where: () => check((a, b) => where(a.data.gt(0), a, b), input([4]), input([4])),
  sum: () => check((x) => x.sum([0, 2]), input([2, 3, 2])),
  mean: () => check((x) => x.mean(1, true), input([2, 3])),
  prod: () => check((x) => [x.prod(1), x.prod()], input([2, 3])),
  cumsum: () => check((x) => x.cumsum(1), input([2, 4])),
  amax: () => check((x) => x.max(), input([3, 3])),
  amin: () => check((x) => x.min(), input([3, 3])),
  maxDim: () => check((x) => x.max(1).values, input([3, 4])),
  minDim: () => check((x) => x.min(0, true).values, input([3, 4])),
  logsumexp: () => check((x) => x.logsumexp(1), input([3, 4])),
  var: () => check((x) => [x.var(), x.var(1, false, { correction: 0 })], input([3, 4])),
  std: () => check((x) => [x.std(), x.std(0, true)], input([3, 4])),
  norm: () => check((x) => [x.norm(), x.norm(1, 1), x.norm(3, 0)], input([3, 4])),
  softmax: () => check((x) => x.softmax(1), input([2, 4])),
  logSoftmax: () => check((x) => x.logSoftmax(0), input([3, 2])),
  view: () => check((x) => x.view(3, 2).mul(x.view(-1).sum()), input([2, 3])),
  reshape: () => check((x) => x.t().reshape(6), input([2, 3])),
  flatten: () => check((x) => x.flatten(1), input([2, 2, 2])),
  squeeze: () => check((x) => x.squeeze(1), input([3, 1, 2])),
  unsqueeze: () => check((x) => x.unsqueeze(0), input([3])),
  transpose: () => check((x) => x.transpose(0, 2), input([2, 3, 2])),
  t: () => check((x) => x.t(), input([2, 3])),
  permute: () => check((x) => x.permute(2, 0, 1), input([2, 3, 2])),
  flip: () => check((x) => x.flip([0, 2]).mul(x.flip(-2)), input([2, 3, 2])),
  expand: () => check((x) => x.expand(2, 3, 4), input([3, 1])),
  clone: () => check((x) => x.clone(), input([3])),
  to: () => {
    // a float32 round trip is too coarse for finite differences: check the cast's gradient directly
    const x = tensor([1, 2], { requiresGrad: true });
    x.to('float64').mul(tensor([3, 4], { dtype: 'float64' })).sum().backward();
    expect(x.grad!.dtype).toBe('float32');
    expect(Array.from(x.grad!.toTypedArray())).toEqual([3, 4]);
    check((a) => a.to('float64'), input([3]));
  },
  index: () => check((x) => x.index(tensor([2, 0, 2], { dtype: 'int32' }), '1:'), input([3, 3])),
  narrow: () => check((x) => x.narrow(1, 1, 2), input([2, 4])),
  select: () => check((x) => x.select(0, 1), input([2, 3])),
  indexSelect: () => check((x) => x.indexSelect(1, [0, 0, 2]), input([2, 3])),
  gather: () => check((x) => x.gather(1, tensor([[0, 0], [1, 0]], { dtype: 'int32' })), input([2, 2])),
  maskedSelect: () => check((x) => x.maskedSelect(x.data.gt(0)), input([3, 3])),
  take: () => check((x) => x.take(tensor([5, 0, 5], { dtype: 'int32' }).data), input([2, 3])),
  putAdd: () => check((x) => x.take(tensor([[1, 1]], { dtype: 'int32' }).data).mul(x.sum()), input([3])),
  cat: () => check((a, b) => cat([a, b], 1), input([2, 1]), input([2, 3])),
  stack: () => check((a, b) => stack([a, b], -1), input([2, 3]), input([2, 3])),
  matmul: () => check((a, b) => matmul(a, b), input([2, 3, 4]), input([4, 2])),
  mm: () => check((a, b) => a.mm(b), input([3, 4]), input([4, 2])),
  bmm: () => check((a, b) => a.bmm(b), input([2, 3, 4]), input([2, 4, 2])),
  dot: () => check((a, b) => a.dot(b), input([4]), input([4])),
  addmm: () => {
    check((b, x, w) => addmm(b, x, w), input([3]), input([2, 4]), input([4, 3]));
    check((b, x, w) => addmm(b, x, w.t()), input([2, 1]), input([2, 4]), input([3, 4]));
  },
};

describe('every rule against finite differences', () => {
  it('covers the whole rule table', () => {
    expect(Object.keys(opChecks).sort()).toEqual(Object.keys(rules).sort());
  });
  it.each(Object.entries(opChecks))('%s', (_name, run) => run());
  it('matmul with 1-d operands', () => {
    check((a, b) => matmul(a, b), input([3]), input([3, 2]));
    check((a, b) => matmul(a, b), input([2, 3]), input([3]));
  });
  it('prod with zeros', () => {
    check((x) => [x.prod(), x.prod(0)], tensor([[0, 2], [3, 0.5], [0, 1.5]], { dtype: 'float64', requiresGrad: true }));
  });
});

/** Random unary steps that keep values finite and differentiable almost everywhere. */
const steps: ((x: Tensor, y: Tensor) => Tensor)[] = [
  (x) => x.tanh(),
  (x) => x.sin(),
  (x) => x.mul(x).add(1).log(),
  (x, y) => x.mul(y),
  (x, y) => x.sub(y.exp()),
  (x, y) => x.div(y.mul(y).add(1)),
  (x) => x.sigmoid().mul(2),
  (x) => x.softmax(-1),
  (x) => x.logSoftmax(0),
  (x, y) => x.add(y.mean(0, true)),
  (x) => x.t().matmul(x).narrow(0, 0, 2).narrow(1, 0, 3),
  (x) => x.pow(2).add(1).sqrt(),
  (x, y) => x.mul(y.sum(1, true)),
  (x, y) => cat([x.narrow(1, 0, 1), y.narrow(1, 1, 2)], 1),
  (x) => x.index(':', tensor([2, 0, 1], { dtype: 'int32' })).cos(),
];

describe('random compositions against gradcheck (seeded)', () => {
  it.each(Array.from({ length: 30 }, (_, i) => [i]))('composition %i', (i) => {
    const rng = new Generator().manualSeed(100 + i);
    const picks = Array.from({ length: 4 }, () => rng.nextUint64Mod(steps.length));
    const fn = (x: Tensor, y: Tensor) => {
      let h = x;
      for (const p of picks) h = steps[p]!(h, y);
      return h.mul(h).sum();
    };
    check(fn, input([2, 3]), input([2, 3]));
  });
});

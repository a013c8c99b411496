/**
 * The fused update rules against PyTorch 1.13's single-tensor code written out with @gd/tensor's
 * in-place operations, one tensor operation per line as in torch/optim/*.py: over several steps of
 * random gradients the parameters and every state buffer must agree bit for bit. This pins the
 * rounding order of each fused loop to the operation order of PyTorch's code (and to @gd/tensor's
 * kernels, which follow PyTorch's float32 rounding).
 */
import { Tensor } from '@gd/autograd';
import * as nd from '@gd/tensor';
import { type NDArray, Generator } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import {
  Adadelta,
  type AdadeltaOptions,
  Adagrad,
  type AdagradOptions,
  Adam,
  type AdamOptions,
  AdamW,
  type Optimizer,
  RMSprop,
  type RMSpropOptions,
  SGD,
  type SGDOptions,
} from '../src/index.js';

const N = 2000;
const STEPS = 6;

/** Random float32 arrays of N elements, reproducible. */
function randoms(seed: number, count: number, scale = 1): NDArray[] {
  const gen = new Generator().manualSeed(seed);
  return Array.from({ length: count }, () => nd.mul(nd.randn([N], { generator: gen }), scale));
}

function bits(a: NDArray): number[] {
  return Array.from(new Int32Array(new Float32Array(nd.toTypedArray(a)).buffer));
}

/** Runs `opt` on one parameter with the given gradients; returns the parameter after each step. */
function runOptimizer(make: (p: Tensor) => Optimizer, start: NDArray, grads: NDArray[]): NDArray[] {
  const p = new Tensor(nd.clone(start), true);
  const opt = make(p);
  return grads.map((g) => {
    p.grad = new Tensor(nd.clone(g));
    opt.step();
    return nd.clone(p.data);
  });
}

function expectSameBits(actual: NDArray[], expected: NDArray[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => expect(bits(a), `step ${i}`).toEqual(bits(expected[i]!)));
}

// ---- PyTorch's single-tensor code, one tensor operation per line --------------------------------

function referenceSGD(start: NDArray, grads: NDArray[], o: SGDOptions): NDArray[] {
  const param = nd.clone(start);
  let buf: NDArray | null = null;
  return grads.map((grad) => {
    let d = o.maximize ? nd.neg(grad) : grad;
    if (o.weightDecay !== 0) d = nd.add(d, param, { alpha: o.weightDecay });
    if (o.momentum !== 0) {
      if (buf === null) buf = nd.clone(d);
      else nd.add_(nd.mul_(buf, o.momentum), d, { alpha: 1 - o.dampening });
      d = o.nesterov ? nd.add(d, buf, { alpha: o.momentum }) : buf;
    }
    nd.add_(param, d, { alpha: -o.lr });
    return nd.clone(param);
  });
}

function referenceAdam(start: NDArray, grads: NDArray[], o: AdamOptions, decoupled: boolean): NDArray[] {
  const param = nd.clone(start);
  const expAvg = nd.zeros([N]);
  const expAvgSq = nd.zeros([N]);
  const maxExpAvgSq = nd.zeros([N]);
  const [beta1, beta2] = o.betas;
  let step = 0;
  return grads.map((g0) => {
    let grad = o.maximize ? nd.neg(g0) : g0;
    step += 1;
    if (decoupled) nd.mul_(param, 1 - o.lr * o.weightDecay);
    else if (o.weightDecay !== 0) grad = nd.add(grad, param, { alpha: o.weightDecay });
    nd.add_(nd.mul_(expAvg, beta1), grad, { alpha: 1 - beta1 });
    nd.addcmul_(nd.mul_(expAvgSq, beta2), grad, grad, { value: 1 - beta2 });
    const biasCorrection1 = 1 - beta1 ** step;
    const biasCorrection2 = 1 - beta2 ** step;
    const stepSize = o.lr / biasCorrection1;
    const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
    let denom: NDArray;
    if (o.amsgrad) {
      nd.copy_(maxExpAvgSq, nd.maximum(maxExpAvgSq, expAvgSq));
      denom = nd.add_(nd.div(nd.sqrt(maxExpAvgSq), biasCorrection2Sqrt), o.eps);
    } else {
      denom = nd.add_(nd.div(nd.sqrt(expAvgSq), biasCorrection2Sqrt), o.eps);
    }
    nd.addcdiv_(param, expAvg, denom, { value: -stepSize });
    return nd.clone(param);
  });
}

function referenceRMSprop(start: NDArray, grads: NDArray[], o: RMSpropOptions): NDArray[] {
  const param = nd.clone(start);
  const squareAvg = nd.zeros([N]);
  const gradAvg = nd.zeros([N]);
  const buf = nd.zeros([N]);
  return grads.map((g0) => {
    let grad = o.maximize ? nd.neg(g0) : g0;
    if (o.weightDecay !== 0) grad = nd.add(grad, param, { alpha: o.weightDecay });
    nd.addcmul_(nd.mul_(squareAvg, o.alpha), grad, grad, { value: 1 - o.alpha });
    let avg: NDArray;
    if (o.centered) {
      nd.add_(nd.mul_(gradAvg, o.alpha), grad, { alpha: 1 - o.alpha });
      avg = nd.sqrt_(nd.addcmul_(nd.clone(squareAvg), gradAvg, gradAvg, { value: -1 }));
    } else {
      avg = nd.sqrt(squareAvg);
    }
    avg = nd.add_(avg, o.eps);
    if (o.momentum > 0) {
      nd.addcdiv_(nd.mul_(buf, o.momentum), grad, avg);
      nd.add_(param, buf, { alpha: -o.lr });
    } else {
      nd.addcdiv_(param, grad, avg, { value: -o.lr });
    }
    return nd.clone(param);
  });
}

function referenceAdagrad(start: NDArray, grads: NDArray[], o: AdagradOptions): NDArray[] {
  const param = nd.clone(start);
  const sum = nd.full([N], o.initialAccumulatorValue);
  let step = 0;
  return grads.map((g0) => {
    step += 1;
    let grad = o.maximize ? nd.neg(g0) : g0;
    if (o.weightDecay !== 0) grad = nd.add(grad, param, { alpha: o.weightDecay });
    const clr = o.lr / (1 + (step - 1) * o.lrDecay);
    nd.addcmul_(sum, grad, grad, { value: 1 });
    const std = nd.add_(nd.sqrt(sum), o.eps);
    nd.addcdiv_(param, grad, std, { value: -clr });
    return nd.clone(param);
  });
}

function referenceAdadelta(start: NDArray, grads: NDArray[], o: AdadeltaOptions): NDArray[] {
  const param = nd.clone(start);
  const squareAvg = nd.zeros([N]);
  const accDelta = nd.zeros([N]);
  return grads.map((g0) => {
    let grad = o.maximize ? nd.neg(g0) : g0;
    if (o.weightDecay !== 0) grad = nd.add(grad, param, { alpha: o.weightDecay });
    nd.addcmul_(nd.mul_(squareAvg, o.rho), grad, grad, { value: 1 - o.rho });
    const std = nd.sqrt_(nd.add(squareAvg, o.eps));
    const delta = nd.sqrt_(nd.add(accDelta, o.eps));
    nd.mul_(nd.div_(delta, std), grad);
    nd.addcmul_(nd.mul_(accDelta, o.rho), delta, delta, { value: 1 - o.rho });
    nd.add_(param, delta, { alpha: -o.lr });
    return nd.clone(param);
  });
}

// ---- the comparisons ----------------------------------------------------------------------------

const [start] = randoms(1, 1);
const grads = randoms(2, STEPS);

describe('sgdUpdate matches PyTorch operation by operation', () => {
  const base: SGDOptions = { lr: 0.05, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false };
  const variants: [string, Partial<SGDOptions>][] = [
    ['plain', {}],
    ['momentum', { momentum: 0.9 }],
    ['momentum + dampening', { momentum: 0.9, dampening: 0.1 }],
    ['nesterov', { momentum: 0.9, nesterov: true }],
    ['weight decay + momentum', { momentum: 0.8, weightDecay: 0.01 }],
    ['maximize', { maximize: true, momentum: 0.5 }],
  ];
  it.each(variants)('%s', (_name, v) => {
    const o = { ...base, ...v };
    expectSameBits(
      runOptimizer((p) => new SGD([p], o), start!, grads),
      referenceSGD(start!, grads, o),
    );
  });
});

describe('adamUpdate matches PyTorch operation by operation', () => {
  const base: AdamOptions = { lr: 0.01, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false };
  const variants: [string, Partial<AdamOptions>][] = [
    ['default', {}],
    ['amsgrad', { amsgrad: true }],
    ['weight decay', { weightDecay: 0.1 }],
    ['betas and eps', { betas: [0.8, 0.99], eps: 1e-3 }],
    ['maximize', { maximize: true }],
  ];
  it.each(variants)('Adam %s', (_name, v) => {
    const o = { ...base, ...v };
    expectSameBits(runOptimizer((p) => new Adam([p], o), start!, grads), referenceAdam(start!, grads, o, false));
  });
  it.each(variants)('AdamW %s', (_name, v) => {
    const o = { ...base, weightDecay: 0.01, ...v };
    expectSameBits(runOptimizer((p) => new AdamW([p], o), start!, grads), referenceAdam(start!, grads, o, true));
  });
});

describe('rmspropUpdate matches PyTorch operation by operation', () => {
  const base: RMSpropOptions = { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false, maximize: false };
  const variants: [string, Partial<RMSpropOptions>][] = [
    ['default', {}],
    ['centered', { centered: true }],
    ['momentum', { momentum: 0.9 }],
    ['centered + momentum + weight decay', { centered: true, momentum: 0.5, weightDecay: 0.1, alpha: 0.9 }],
    ['maximize', { maximize: true }],
  ];
  it.each(variants)('%s', (_name, v) => {
    const o = { ...base, ...v };
    expectSameBits(runOptimizer((p) => new RMSprop([p], o), start!, grads), referenceRMSprop(start!, grads, o));
  });
});

describe('adagradUpdate matches PyTorch operation by operation', () => {
  const base: AdagradOptions = { lr: 0.1, lrDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, eps: 1e-10, maximize: false };
  const variants: [string, Partial<AdagradOptions>][] = [
    ['default', {}],
    ['lr decay + initial accumulator', { lrDecay: 0.01, initialAccumulatorValue: 0.1 }],
    ['weight decay + maximize', { weightDecay: 0.1, maximize: true }],
  ];
  it.each(variants)('%s', (_name, v) => {
    const o = { ...base, ...v };
    expectSameBits(runOptimizer((p) => new Adagrad([p], o), start!, grads), referenceAdagrad(start!, grads, o));
  });
});

describe('adadeltaUpdate matches PyTorch operation by operation', () => {
  const base: AdadeltaOptions = { lr: 1, rho: 0.9, eps: 1e-6, weightDecay: 0, maximize: false };
  const variants: [string, Partial<AdadeltaOptions>][] = [
    ['default', {}],
    ['rho + weight decay', { lr: 0.5, rho: 0.7, weightDecay: 0.01 }],
    ['maximize', { maximize: true }],
  ];
  it.each(variants)('%s', (_name, v) => {
    const o = { ...base, ...v };
    expectSameBits(runOptimizer((p) => new Adadelta([p], o), start!, grads), referenceAdadelta(start!, grads, o));
  });
});

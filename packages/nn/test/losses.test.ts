/**
 * The losses, functions and modules: values and gradients against float64 formulas worked out
 * here, the options (reduction, weights, ignoreIndex, label smoothing, posWeight), gradcheck in
 * float64, and the errors.
 */
import { type Tensor, gradcheck, randn, tensor } from '@gd/autograd';
import { DTypeError, Generator, IndexError, ShapeError, ValueError } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import {
  BCELoss,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  HuberLoss,
  L1Loss,
  MSELoss,
  NLLLoss,
  SmoothL1Loss,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  crossEntropy,
  functional as F,
  huberLoss,
  l1Loss,
  mseLoss,
  nllLoss,
  smoothL1Loss,
} from '../src/index.js';

const int = (v: number[] | number[][]): Tensor => tensor(v, { dtype: 'int32' });
const g64 = new Generator().manualSeed(7);
const rand64 = (shape: number[]): Tensor => randn(shape, { dtype: 'float64', generator: g64, requiresGrad: true });

function closeTo(actual: Tensor | null, expected: number[] | number, digits = 6): void {
  expect(actual).not.toBeNull();
  const a = Array.from(actual!.toTypedArray(), Number);
  const e = typeof expected === 'number' ? [expected] : expected;
  expect(a.length).toBe(e.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(e[i]!, digits));
}

const logSumExp = (row: number[]): number => Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
const softplus = (v: number): number => Math.log1p(Math.exp(v));
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

describe('regression losses', () => {
  it('mseLoss: mean, sum, none and the gradient 2·d/N', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = tensor([0, 2, 5]);
    const loss = mseLoss(x, y);
    closeTo(loss, 5 / 3);
    loss.backward();
    closeTo(x.grad, [2 / 3, 0, -4 / 3]);
    expect(mseLoss(x, y, { reduction: 'sum' }).item()).toBe(5);
    expect(mseLoss(x, y, { reduction: 'none' }).tolist()).toEqual([1, 0, 4]);
    expect(new MSELoss().call(x, y).item()).toBe(loss.item());
    expect(mseLoss(x, 1, { reduction: 'sum' }).item()).toBe(5);
  });

  it('l1Loss: |d| with gradient sign(d)/N (0 at 0)', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const loss = l1Loss(x, tensor([0, 2, 5]));
    expect(loss.item()).toBe(1);
    loss.backward();
    closeTo(x.grad, [1 / 3, 0, -1 / 3]);
    expect(new L1Loss({ reduction: 'sum' }).call(x, tensor([0, 0, 0])).item()).toBe(6);
  });

  it('huberLoss: quadratic below delta, linear above, gradient clamp(d, ±delta)/N', () => {
    const x = tensor([0.5, -3, 1], { requiresGrad: true });
    const zero = tensor([0, 0, 0]);
    expect(huberLoss(x, zero, { reduction: 'none' }).tolist()).toEqual([0.125, 2.5, 0.5]);
    expect(huberLoss(x, zero, { reduction: 'none', delta: 2 }).tolist()).toEqual([0.125, 4, 0.5]);
    const loss = new HuberLoss({ delta: 2 }).call(x, zero);
    closeTo(loss, (0.125 + 4 + 0.5) / 3);
    loss.backward();
    closeTo(x.grad, [0.5 / 3, -2 / 3, 1 / 3]);
    expect(() => huberLoss(x, zero, { delta: 0 })).toThrow(
      new ValueError('huberLoss: huber_loss does not support non-positive values for delta, got 0'),
    );
  });

  it('smoothL1Loss: 0.5·z²/beta below beta, z - 0.5·beta above; beta 0 is L1', () => {
    const x = tensor([0.5, -3, 1]);
    const zero = tensor([0, 0, 0]);
    expect(smoothL1Loss(x, zero, { reduction: 'none', beta: 2 }).tolist()).toEqual([0.0625, 2, 0.25]);
    expect(smoothL1Loss(x, zero, { reduction: 'none' }).tolist()).toEqual([0.125, 2.5, 0.5]);
    expect(new SmoothL1Loss({ beta: 0, reduction: 'sum' }).call(x, zero).item()).toBe(4.5);
  });

  it('pass gradcheck in float64, for the input and the target', () => {
    const a = rand64([3, 4]);
    const b = rand64([3, 4]);
    expect(gradcheck((p, q) => mseLoss(p, q), [a, b])).toBe(true);
    expect(gradcheck((p, q) => huberLoss(p, q, { delta: 0.7, reduction: 'sum' }), [a, b])).toBe(true);
    expect(gradcheck((p, q) => smoothL1Loss(p, q, { beta: 0.5 }), [a, b])).toBe(true);
  });
});

describe('nllLoss', () => {
  const logp = [
    [-1, -2, -3],
    [-0.5, -1.5, -2.5],
  ];

  it('picks -input[n, target[n]], averaged over the targets', () => {
    const x = tensor(logp, { requiresGrad: true });
    const loss = nllLoss(x, int([1, 2]));
    expect(loss.item()).toBe(2.25);
    loss.backward();
    expect(x.grad!.tolist()).toEqual([[0, -0.5, 0], [0, 0, -0.5]]);
    expect(nllLoss(x, int([1, 2]), { reduction: 'sum' }).item()).toBe(4.5);
    expect(nllLoss(x, int([1, 2]), { reduction: 'none' }).tolist()).toEqual([2, 2.5]);
    expect(nllLoss(x, [0, 0]).item()).toBe(0.75);
  });

  it('weights the classes and divides the mean by the total weight of the counted targets', () => {
    const w = tensor([1, 2, 4]);
    closeTo(nllLoss(tensor(logp), int([1, 2]), { weight: w }), (2 * 2 + 4 * 2.5) / 6);
    expect(nllLoss(tensor(logp), int([1, 2]), { weight: w, reduction: 'none' }).tolist()).toEqual([4, 10]);
    expect(new NLLLoss({ weight: w, reduction: 'sum' }).call(tensor(logp), int([1, 2])).item()).toBe(14);
  });

  it('skips targets equal to ignoreIndex, giving 0 in "none" and NaN when all are skipped', () => {
    const x = tensor(logp, { requiresGrad: true });
    const loss = nllLoss(x, int([-100, 2]));
    expect(loss.item()).toBe(2.5);
    loss.backward();
    expect(x.grad!.tolist()).toEqual([[0, 0, 0], [0, 0, -1]]);
    expect(nllLoss(x, int([0, 2]), { ignoreIndex: 0, reduction: 'none' }).tolist()).toEqual([0, 2.5]);
    expect(nllLoss(x, int([-100, -100])).item()).toBeNaN();
    expect(nllLoss(x, int([-100, -100]), { reduction: 'sum' }).item()).toBe(0);
  });

  it('handles (C) with a 0-d target and (N, C, d) with (N, d)', () => {
    expect(nllLoss(tensor([-1, -2, -3]), int(2 as never)).item()).toBe(3);
    // [1, 3, 2]: two positions, classes along dim 1
    const x = tensor([[[-1, -4], [-2, -5], [-3, -6]]]);
    expect(nllLoss(x, int([[0, 2]]), { reduction: 'none' }).tolist()).toEqual([[1, 6]]);
    expect(nllLoss(x, int([[0, 2]])).item()).toBe(3.5);
  });

  it('throws on a bad target or weight', () => {
    const x = tensor(logp);
    expect(() => nllLoss(x, int([1, 3]))).toThrow(new IndexError('nllLoss: Target 3 is out of bounds (3 classes).'));
    expect(() => nllLoss(x, int([-1, 0]))).toThrow(IndexError);
    expect(() => nllLoss(x, tensor([1, 2]))).toThrow(
      new DTypeError(
        'nllLoss: expected a target of class indices (int32), got float32; for class probabilities the target must have the shape of the input',
      ),
    );
    expect(() => nllLoss(x, int([1, 2, 0]))).toThrow(new ShapeError('nllLoss: expected input batch_size (2) to match target batch_size (3).'));
    expect(() => nllLoss(tensor([[[1]]]), int([[1, 2]]))).toThrow('nllLoss: expected target size [1, 1] for input [1, 1, 1], got [1, 2]');
    expect(() => nllLoss(x, int([1, 2]), { weight: tensor([1, 2]) })).toThrow(
      'nllLoss: weight tensor should be defined either for all 3 classes or no classes but got weight tensor of shape: [2]',
    );
    expect(() => nllLoss(x, int([1, 2]), { reduction: 'avg' as never })).toThrow(
      new ValueError("nllLoss: avg is not a valid value for reduction (use 'mean', 'sum' or 'none')"),
    );
  });
});

describe('crossEntropy', () => {
  const rows = [
    [1, 2, 3],
    [1, 1, 1],
  ];
  const l0 = logSumExp(rows[0]!) - 3;
  const l1 = Math.log(3); // logsumexp([1, 1, 1]) - 1

  it('is logsumexp - x[target], with gradient (softmax - onehot) / N', () => {
    const x = tensor(rows, { requiresGrad: true });
    const loss = crossEntropy(x, int([2, 0]));
    closeTo(loss, (l0 + l1) / 2);
    loss.backward();
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    closeTo(x.grad, [Math.exp(1) / z / 2, Math.exp(2) / z / 2, (Math.exp(3) / z - 1) / 2, (1 / 3 - 1) / 2, 1 / 6, 1 / 6]);
    closeTo(crossEntropy(x, int([2, 0]), { reduction: 'none' }), [l0, l1]);
    closeTo(crossEntropy(x, [2, 0], { reduction: 'sum' }), l0 + l1);
    closeTo(new CrossEntropyLoss().call(x, int([2, 0])), (l0 + l1) / 2);
  });

  it('weights, ignoreIndex, and an unbatched (C) input', () => {
    const x = tensor(rows);
    closeTo(crossEntropy(x, int([2, 0]), { weight: tensor([1, 2, 3]) }), (3 * l0 + 1 * l1) / 4);
    closeTo(crossEntropy(x, int([2, -100])), l0);
    closeTo(crossEntropy(x, int([2, 0]), { ignoreIndex: 0, reduction: 'none' }), [l0, 0]);
    closeTo(crossEntropy(tensor([1, 2, 3]), int(2 as never)), l0);
  });

  it('treats (N, C, d) like (N·d, C) with the classes moved last', () => {
    const x = randn([2, 4, 3], { generator: new Generator().manualSeed(3) });
    const t = int([[0, 3, 1], [2, 2, -100]]);
    const flat = x.permute(0, 2, 1).reshape(-1, 4);
    closeTo(crossEntropy(x, t), crossEntropy(flat, t.reshape(-1)).item());
    closeTo(crossEntropy(x, t, { reduction: 'none' }).reshape(-1), Array.from(crossEntropy(flat, t.reshape(-1), { reduction: 'none' }).toTypedArray()));
  });

  it('label smoothing mixes in the mean of -log p over the classes', () => {
    const eps = 0.1;
    const x = tensor(rows);
    const sumNegLogp = (row: number[]): number => row.reduce((s, v) => s + (logSumExp(row) - v), 0);
    const s0 = (1 - eps) * l0 + (eps / 3) * sumNegLogp(rows[0]!);
    const s1 = (1 - eps) * l1 + (eps / 3) * sumNegLogp(rows[1]!);
    closeTo(crossEntropy(x, int([2, 0]), { labelSmoothing: eps }), (s0 + s1) / 2, 5);
    closeTo(crossEntropy(x, int([2, 0]), { labelSmoothing: eps, reduction: 'none' }), [s0, s1], 5);
    closeTo(crossEntropy(x, int([2, -100]), { labelSmoothing: eps }), s0, 5);
    // with class weights both terms divide by the total weight of the targets
    const w = [1, 2, 3];
    const weightedNegLogp = (row: number[]): number => row.reduce((s, v, c) => s + w[c]! * (logSumExp(row) - v), 0);
    const expected = ((1 - eps) * (3 * l0 + 1 * l1)) / 4 + ((eps / 3) * (weightedNegLogp(rows[0]!) + weightedNegLogp(rows[1]!))) / 4;
    closeTo(crossEntropy(x, int([2, 0]), { labelSmoothing: eps, weight: tensor(w) }), expected, 5);
  });

  it('class-probability targets of the input shape', () => {
    const x = tensor(rows);
    const p = [
      [0.2, 0.3, 0.5],
      [1, 0, 0],
    ];
    const loss = (row: number[], q: number[]): number => q.reduce((s, v, c) => s + v * (logSumExp(row) - row[c]!), 0);
    closeTo(crossEntropy(x, tensor(p)), (loss(rows[0]!, p[0]!) + loss(rows[1]!, p[1]!)) / 2);
    closeTo(crossEntropy(x, p, { reduction: 'none' }), [loss(rows[0]!, p[0]!), loss(rows[1]!, p[1]!)]);
    const smoothed = p.map((q) => q.map((v) => v * 0.8 + 0.2 / 3));
    closeTo(crossEntropy(x, tensor(p), { labelSmoothing: 0.2, reduction: 'sum' }), loss(rows[0]!, smoothed[0]!) + loss(rows[1]!, smoothed[1]!), 5);
    expect(() => crossEntropy(x, int(p as never))).toThrow('crossEntropy: expected floating point type for target with class probabilities, got int32');
    expect(() => crossEntropy(x, tensor(p), { ignoreIndex: 1 })).toThrow('ignore_index is not supported for floating point target');
  });

  it('passes gradcheck in float64 with weights, ignored targets and smoothing', () => {
    const x = rand64([3, 4]);
    const t = int([1, -100, 3]);
    expect(gradcheck((v) => crossEntropy(v, t, { weight: tensor([1, 2, 0.5, 3]), labelSmoothing: 0.2 }), [x])).toBe(true);
    const x3 = rand64([2, 3, 2]);
    expect(gradcheck((v) => crossEntropy(v, int([[0, 2], [1, 1]]), { reduction: 'sum' }), [x3])).toBe(true);
    const probs = tensor([[0.1, 0.2, 0.3, 0.4], [1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]], { dtype: 'float64' });
    expect(gradcheck((v) => crossEntropy(v, probs, { weight: tensor([1, 2, 0.5, 3]) }), [x])).toBe(true);
  });

  it('rejects a bad label smoothing and a 0-d input', () => {
    expect(() => crossEntropy(tensor(rows), int([0, 0]), { labelSmoothing: 1.5 })).toThrow(
      new ValueError('crossEntropy: label_smoothing must be between 0.0 and 1.0. Got: 1.5'),
    );
    expect(() => crossEntropy(tensor(1), int(0 as never))).toThrow(ShapeError);
  });
});

describe('binaryCrossEntropyWithLogits', () => {
  const xs = [0, 2, -3];
  const ts = [0, 1, 1];

  it('is softplus(x) - t·x, with gradient (sigmoid(x) - t) / N for both x and t', () => {
    const x = tensor(xs, { requiresGrad: true });
    const t = tensor(ts, { requiresGrad: true });
    const each = xs.map((v, i) => softplus(v) - ts[i]! * v);
    const loss = binaryCrossEntropyWithLogits(x, t);
    closeTo(loss, (each[0]! + each[1]! + each[2]!) / 3);
    loss.backward();
    closeTo(x.grad, xs.map((v, i) => (sigmoid(v) - ts[i]!) / 3));
    closeTo(t.grad, xs.map((v) => -v / 3));
    closeTo(binaryCrossEntropyWithLogits(x, t, { reduction: 'none' }), each);
    closeTo(new BCEWithLogitsLoss({ reduction: 'sum' }).call(x, t), each[0]! + each[1]! + each[2]!);
  });

  it('posWeight scales the positive term, weight each element', () => {
    const x = tensor(xs, { requiresGrad: true });
    const t = tensor(ts);
    const each = xs.map((v, i) => (1 - ts[i]!) * v + (1 + 2 * ts[i]!) * softplus(-v));
    closeTo(binaryCrossEntropyWithLogits(x, t, { posWeight: tensor([3]), reduction: 'none' }), each, 5);
    const loss = new BCEWithLogitsLoss({ posWeight: tensor([3]), weight: tensor([1, 2, 0.5]) }).call(x, t);
    closeTo(loss, (each[0]! + 2 * each[1]! + 0.5 * each[2]!) / 3, 5);
    loss.backward();
    // d/dx = w · ((1 + (p - 1)t)·sigmoid(x) - p·t) / N
    closeTo(x.grad, xs.map((v, i) => ([1, 2, 0.5][i]! * ((1 + 2 * ts[i]!) * sigmoid(v) - 3 * ts[i]!)) / 3), 5);
  });

  it('stays finite for large logits, with the right gradient at 0', () => {
    const x = tensor([100, -100, 0], { requiresGrad: true });
    const loss = binaryCrossEntropyWithLogits(x, tensor([0, 1, 1]), { reduction: 'sum' });
    closeTo(loss, 200 + Math.log(2), 4);
    loss.backward();
    closeTo(x.grad, [1, -1, -0.5]);
  });

  it('passes gradcheck in float64 and rejects a target of another shape', () => {
    const x = rand64([2, 3]);
    const t = tensor([[0, 1, 0.3], [1, 1, 0]], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((a, b) => binaryCrossEntropyWithLogits(a, b, { posWeight: tensor([2, 0.5, 1], { dtype: 'float64' }) }), [x, t])).toBe(
      true,
    );
    expect(() => binaryCrossEntropyWithLogits(x, tensor([1, 0]))).toThrow(
      new ShapeError('binaryCrossEntropyWithLogits: target size ([2]) must be the same as input size ([2, 3])'),
    );
  });
});

describe('binaryCrossEntropy', () => {
  it('is -(t·log x + (1 - t)·log(1 - x)), gradient (x - t) / (x(1 - x)) / N', () => {
    const p = [0.1, 0.5, 0.9];
    const q = [0, 1, 0.3];
    const x = tensor(p, { requiresGrad: true });
    const each = p.map((v, i) => -(q[i]! * Math.log(v) + (1 - q[i]!) * Math.log(1 - v)));
    const loss = binaryCrossEntropy(x, tensor(q));
    closeTo(loss, (each[0]! + each[1]! + each[2]!) / 3);
    loss.backward();
    closeTo(x.grad, p.map((v, i) => (v - q[i]!) / (v * (1 - v)) / 3), 5);
    closeTo(new BCELoss({ weight: tensor([1, 0, 2]), reduction: 'sum' }).call(x, tensor(q)), each[0]! + 2 * each[2]!);
  });

  it('clamps the logs at -100 and keeps the gradient finite at 0 and 1', () => {
    const x = tensor([0, 1, 1e-45], { requiresGrad: true });
    const loss = binaryCrossEntropy(x, tensor([1, 0, 1]), { reduction: 'none' });
    expect(loss.tolist()).toEqual([100, 100, 100]);
    loss.sum().backward();
    expect(x.grad!.tolist()).toEqual([0, 0, 0]);
    expect(() => binaryCrossEntropy(tensor([1.5]), tensor([1]))).toThrow(
      new ValueError('binaryCrossEntropy: all elements of input should be between 0 and 1, got 1.5'),
    );
    expect(gradcheck((v) => binaryCrossEntropy(v.sigmoid(), tensor([[0, 1, 0.5]], { dtype: 'float64' })), [rand64([1, 3])])).toBe(true);
  });
});

describe('the functional namespace', () => {
  it('holds the same functions and the activations', () => {
    expect(F.crossEntropy).toBe(crossEntropy);
    expect(F.mseLoss).toBe(mseLoss);
    expect(F.relu(tensor([-1, 2])).tolist()).toEqual([0, 2]);
    expect(F.softmax(tensor([0, 0]), 0).tolist()).toEqual([0.5, 0.5]);
    expect(() => new MSELoss({ reduction: 'max' as never })).toThrow('MSELoss: max is not a valid value for reduction');
  });
});

/** Linear, Sequential and the activation layers: values, gradients, shapes, options and errors. */
import { Tensor, manualSeed, randn, tensor } from '@gd/autograd';
import { Generator, IndexError, NDArray, ShapeError, ValueError, defaultGenerator, empty } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import {
  Dropout,
  Flatten,
  Identity,
  Linear,
  LogSoftmax,
  Parameter,
  ReLU,
  Sequential,
  Sigmoid,
  Softmax,
  Tanh,
  functional as F,
} from '../src/index.js';

function setLinear(lin: Linear, w: number[][], b: number[] | null): Linear {
  lin.weight = new Parameter(tensor(w));
  lin.bias = b === null ? null : new Parameter(tensor(b));
  return lin;
}

function closeTo(actual: Tensor, expected: number[], digits = 6): void {
  const a = Array.from(actual.toTypedArray(), Number);
  expect(a.length).toBe(expected.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, digits));
}

describe('Linear', () => {
  it('computes x Wᵀ + b and its gradients', () => {
    const lin = setLinear(new Linear(3, 2), [[1, 2, 3], [4, 5, 6]], [0.5, -1]);
    const x = tensor([[1, 0, -1], [2, 1, 0]], { requiresGrad: true });
    const out = lin.call(x);
    expect(out.tolist()).toEqual([[-1.5, -3], [4.5, 12]]);
    const up = tensor([[1, 2], [3, -1]]);
    out.mul(up).sum().backward();
    // dW = upᵀ x, db = Σ up, dx = up W
    expect(lin.weight.grad!.tolist()).toEqual([[7, 3, -1], [0, -1, -2]]);
    expect(lin.bias!.grad!.tolist()).toEqual([4, 1]);
    expect(x.grad!.tolist()).toEqual([[9, 12, 15], [-1, 1, 3]]);
  });

  it('accepts 1-d and 3-d inputs (any leading dims) and NDArray batches', () => {
    const lin = setLinear(new Linear(2, 3), [[1, 0], [0, 1], [1, 1]], [0, 0, 1]);
    expect(lin.call(tensor([2, 3])).tolist()).toEqual([2, 3, 6]);
    const x = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
    const out = lin.call(x);
    expect(out.shape).toEqual([2, 2, 3]);
    expect(out.tolist()).toEqual([[[1, 2, 4], [3, 4, 8]], [[5, 6, 12], [7, 8, 16]]]);
    expect(lin.call(new NDArray(new Float32Array([1, 1]), [1, 2])).tolist()).toEqual([[1, 1, 3]]);
    const noBias = setLinear(new Linear(2, 1, { bias: false }), [[2, -1]], null);
    expect(noBias.call(tensor([[3, 4]])).tolist()).toEqual([[2]]);
  });

  it('draws its initial values from the given generator, leaving the global one alone', () => {
    manualSeed(0);
    const fromGlobal = new Linear(3, 5);
    const drawn = defaultGenerator.drawn;
    const fromOwn = new Linear(3, 5, { generator: new Generator().manualSeed(0) });
    expect(defaultGenerator.drawn).toBe(drawn);
    expect(fromOwn.weight.tolist()).toEqual(fromGlobal.weight.tolist());
    expect(fromOwn.bias!.tolist()).toEqual(fromGlobal.bias!.tolist());
  });

  it('initialises weight then bias with U(±1/√in) bounds, float64 with two draws per value', () => {
    const g = new Generator().manualSeed(5);
    const lin = new Linear(4, 3, { generator: g, dtype: 'float64' });
    expect(lin.weight.dtype).toBe('float64');
    // kaiming_uniform_(a=√5) gives bound √3·√(2/6)/√4 = 1/√4 in exact arithmetic
    const ref = new Generator().manualSeed(5);
    const bound = Math.sqrt(3) * (Math.sqrt(2 / (1 + Math.sqrt(5) ** 2)) / Math.sqrt(4));
    const w = empty([3, 4], { dtype: 'float64' }).uniform_(-bound, bound, { generator: ref });
    const b = empty([3], { dtype: 'float64' }).uniform_(-0.5, 0.5, { generator: ref });
    expect(lin.weight.tolist()).toEqual(w.tolist());
    expect(lin.bias!.tolist()).toEqual(b.tolist());
    expect(g.drawn).toBe(2 * 15);
    lin.resetParameters({ generator: new Generator().manualSeed(5) });
    expect(lin.weight.tolist()).toEqual(w.tolist());
  });

  it('validates sizes and inputs', () => {
    expect(() => new Linear(3, -1)).toThrow(new ValueError('Linear: outFeatures must be a non-negative integer, got -1'));
    expect(() => new Linear(2.5, 1)).toThrow(ValueError);
    expect(() => new Linear(3, 2).call(tensor([[1, 2]]))).toThrow(
      new ShapeError('linear: input of shape [1, 2] does not fit weight [2, 3]: the last dim must be in_features = 3'),
    );
    expect(() => F.linear(tensor([1]), tensor([[1]]), tensor([1, 2]))).toThrow('linear: bias must have shape [1], got [2]');
  });
});

describe('Sequential', () => {
  it('chains its modules, a module listed twice running twice', () => {
    const double = setLinear(new Linear(1, 1), [[2]], [0]);
    const model = new Sequential(double, new ReLU(), double);
    expect(model.call(tensor([[3], [-1]])).tolist()).toEqual([[12], [0]]);
    expect(model.length).toBe(3);
    expect(model.at(-1)).toBe(double);
    expect([...model].map((m) => m.constructor.name)).toEqual(['Linear', 'ReLU', 'Linear']);
    expect(() => model.at(3)).toThrow(new IndexError('Sequential.at: index 3 is out of range for 3 modules'));
  });

  it('takes named modules and grows with append', () => {
    const model = new Sequential({ fc: new Linear(2, 2), act: new Tanh() });
    expect(model.namedParameters().map(([n]) => n)).toEqual(['fc.weight', 'fc.bias']);
    const empty = new Sequential();
    expect(empty.call(tensor([1])).tolist()).toEqual([1]);
    empty.append(new Linear(1, 2)).append(new Sigmoid());
    expect(empty.namedChildren().map(([n]) => n)).toEqual(['0', '1']);
    expect(empty.call(tensor([[1]])).shape).toEqual([1, 2]);
  });
});

describe('activation layers', () => {
  const x = tensor([[-1, 0, 2], [1, 1, 1]]);

  it('ReLU, Tanh, Sigmoid and Identity apply elementwise', () => {
    expect(new ReLU().call(x).tolist()).toEqual([[0, 0, 2], [1, 1, 1]]);
    closeTo(new Tanh().call(x), [-1, 0, 2, 1, 1, 1].map(Math.tanh));
    closeTo(new Sigmoid().call(x), [-1, 0, 2, 1, 1, 1].map((v) => 1 / (1 + Math.exp(-v))));
    expect(new Identity().call(x)).toBe(x);
  });

  it('Softmax and LogSoftmax normalise along their dim', () => {
    const e = [Math.exp(-1), 1, Math.exp(2)];
    const z = e[0]! + e[1]! + e[2]!;
    closeTo(new Softmax(1).call(x), [...e.map((v) => v / z), 1 / 3, 1 / 3, 1 / 3]);
    closeTo(new LogSoftmax(1).call(x), [...e.map((v) => Math.log(v / z)), -Math.log(3), -Math.log(3), -Math.log(3)], 5);
    closeTo(new Softmax(0).call(x), [
      Math.exp(-1) / (Math.exp(-1) + Math.E),
      1 / (1 + Math.E),
      Math.exp(2) / (Math.exp(2) + Math.E),
      Math.E / (Math.exp(-1) + Math.E),
      Math.E / (1 + Math.E),
      Math.E / (Math.exp(2) + Math.E),
    ]);
  });

  it('Flatten merges startDim..endDim', () => {
    const t = randn([2, 3, 4]);
    expect(new Flatten().call(t).shape).toEqual([2, 12]);
    expect(new Flatten(0).call(t).shape).toEqual([24]);
    expect(new Flatten(0, 1).call(t).shape).toEqual([6, 4]);
    expect((new Flatten().call(t).tolist() as number[][])[1]).toEqual((t.tolist() as number[][][])[1]!.flat());
  });

  it('print their options as PyTorch does', () => {
    expect(
      [new ReLU(), new Softmax(1), new LogSoftmax(-1), new Flatten(), new Dropout(), new Dropout(0.25), new Identity()].map(String),
    ).toEqual(['ReLU()', 'Softmax(dim=1)', 'LogSoftmax(dim=-1)', 'Flatten(start_dim=1, end_dim=-1)', 'Dropout(p=0.5, inplace=False)', 'Dropout(p=0.25, inplace=False)', 'Identity()']);
  });

  it('have no parameters and pass gradients through', () => {
    const input = tensor([[-1, 2]], { requiresGrad: true });
    new Sequential(new ReLU(), new Flatten(0)).call(input).sum().backward();
    expect(input.grad!.tolist()).toEqual([[0, 1]]);
    expect(new Sequential(new ReLU(), new Tanh(), new Softmax(0)).parameters()).toEqual([]);
    expect(input).toBeInstanceOf(Tensor);
  });
});

/**
 * Operations as functions and methods, with constants of every kind, checked against values worked
 * out by hand (float32 ones with Math.fround in PyTorch's operation order).
 */
import * as nd from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { type Tensor, add, cat, chunk, exp, matmul, mul, split, sum, tensor, where } from '../src/index.js';

const vals = (t: Tensor | null) => Array.from(t!.toTypedArray());
const f = Math.fround;

describe('operations', () => {
  it('take NDArrays, nested arrays and numbers as constants', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = add(mul(w, nd.tensor([3, 4])), [10, 20]).mul(2);
    expect(vals(y)).toEqual([26, 56]);
    y.sum().backward();
    expect(vals(w.grad)).toEqual([6, 8]);
    expect(vals(exp([0]))).toEqual([1]);
    expect(sum([[1, 2], [3, 4]]).item()).toBe(10);
  });

  it("follow PyTorch's float32 order for the tutorial's loss and gradients", () => {
    const x = [0.1, -2.3, 4.7];
    const y = [-0.5, 11.2, -23.9];
    const w = tensor(-10, { requiresGrad: true });
    const b = tensor(-20, { requiresGrad: true });
    const loss = w.mul(tensor(x).view(-1, 1)).add(b).sub(tensor(y).view(-1, 1)).pow(2).mean();
    loss.backward();
    // float32_recipe: pred = f32(f32(w x) + b), d = f32(pred - y), mean = f32(sum(f32(d d)) / N)
    const d = x.map((xi, i) => f(f(f(-10 * f(xi)) + -20) - f(y[i]!)));
    const sq = d.map((di) => f(di * di));
    expect(loss.item()).toBe(f(f(f(sq[0]! + sq[1]!) + sq[2]!) / 3));
    // g0 = f32(1/N); g_i = f32(g0 * 2 d_i); grad_b = Σ g_i; grad_w = Σ f32(g_i x_i), left to right for N < 4
    const g0 = f(1 / 3);
    const g = d.map((di) => f(g0 * f(2 * di)));
    expect(b.grad!.item()).toBe(f(f(g[0]! + g[1]!) + g[2]!));
    const gx = g.map((gi, i) => f(gi * f(x[i]!)));
    expect(w.grad!.item()).toBe(f(f(gx[0]! + gx[1]!) + gx[2]!));
  });

  it('route gradients through where, with broadcasting', () => {
    const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const b = tensor([10, 20], { requiresGrad: true });
    where(tensor([[true, false], [false, true]]), a, b).sum().backward();
    expect(vals(a.grad)).toEqual([1, 0, 0, 1]);
    expect(vals(b.grad)).toEqual([1, 1]);
  });

  it('give max over a dim its values and int32 indices, the gradient to the index only', () => {
    const x = tensor([[1, 5, 5], [7, 2, 0]], { requiresGrad: true });
    const { values, indices } = x.max(1);
    expect(vals(values)).toEqual([5, 7]);
    expect(indices.dtype).toBe('int32');
    expect(vals(indices)).toEqual([1, 0]);
    values.sum().backward();
    expect(vals(x.grad)).toEqual([0, 1, 0, 1, 0, 0]);
    const y = tensor([1, 5, 5], { requiresGrad: true });
    y.max().backward(); // ties over everything share the gradient evenly
    expect(vals(y.grad)).toEqual([0, 0.5, 0.5]);
  });

  it('split, chunk and cat pass each slice its part of the gradient', () => {
    const x = tensor([1, 2, 3, 4, 5], { requiresGrad: true });
    const [p, q] = split(x, [2, 3]);
    const [r, , s] = chunk(x, 3);
    cat([p!.mul(10), q!.mul(100)]).sum().add(r!.sum()).add(s!.sum().mul(-1)).backward();
    expect(vals(x.grad)).toEqual([11, 11, 100, 100, 99]);
  });

  it('matmul of a batch by a broadcast matrix sums the weight gradient over the batch', () => {
    const a = tensor([[[1, 2]], [[3, 4]]], { requiresGrad: true }); // [2, 1, 2]
    const w = tensor([[1], [1]], { requiresGrad: true }); // [2, 1]
    matmul(a, w).sum().backward();
    expect(w.grad!.shape).toEqual([2, 1]);
    expect(vals(w.grad)).toEqual([4, 6]);
    expect(vals(a.grad)).toEqual([1, 1, 1, 1]);
  });

  it('transpose with .T and permute back in the gradient', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const y = x.T;
    expect(y.shape).toEqual([3, 2]);
    y.mul(tensor([[1, 0], [2, 0], [3, 0]])).sum().backward();
    expect(x.grad!.tolist()).toEqual([[1, 2, 3], [0, 0, 0]]);
  });

  it('index with tensors, slices and masks', () => {
    const x = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
    x.index(tensor([2, 0, 2], { dtype: 'int32' }), 1).sum().backward();
    expect(x.grad!.tolist()).toEqual([[0, 1], [0, 0], [0, 2]]);
    x.grad = null;
    x.index(x.gt(2)).sum().backward();
    expect(x.grad!.tolist()).toEqual([[0, 0], [1, 1], [1, 1]]);
  });
});

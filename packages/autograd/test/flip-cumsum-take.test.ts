/**
 * flip, cumsum's backward (PyTorch's flip-cumsum-flip, checked for its float32 rounding against a
 * reversed running sum computed here in binary64), take's and the selections' scatter backward
 * (@gd/tensor's take and indexAdd_), and the public toTensor.
 */
import { NDArray } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { Tensor, grad, take, tensor, toTensor } from '../src/index.js';

const vals = (t: Tensor | null) => Array.from(t!.toTypedArray());

describe('flip', () => {
  it('copies reversed along dims and flips the gradient back', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const y = x.flip(1);
    expect(y.tolist()).toEqual([[3, 2, 1], [6, 5, 4]]);
    expect(y.gradFn!.name).toBe('FlipBackward0');
    y.mul(tensor([[1, 10, 100], [1000, 10000, 100000]])).sum().backward();
    expect(x.grad!.tolist()).toEqual([[100, 10, 1], [100000, 10000, 1000]]);
    expect(x.flip([0, -1]).tolist()).toEqual([[6, 5, 4], [3, 2, 1]]);
  });
});

describe('cumsum backward', () => {
  it('is the reversed running sum of the gradient, rounded as PyTorch rounds it', () => {
    // float32 gradients whose reversed running sums need every bit: sum(g) - cumsum(g) + g (the
    // algebraically equal form) rounds differently, which the last expectation checks
    const g = [0.1, 1e8, 0.3, -1e8, 0.7, 3.3];
    const x = tensor([1, 2, 3, 4, 5, 6], { requiresGrad: true });
    x.cumsum(0).backward(tensor(g));
    const g32 = g.map(Math.fround);
    const expected: number[] = [];
    let acc = 0;
    for (let i = g32.length - 1; i >= 0; i--) expected[i] = Math.fround((acc += g32[i]!));
    expect(vals(x.grad)).toEqual(expected);
    const gt = tensor(g);
    expect(vals(gt.sum(0, true).sub(gt.cumsum(0)).add(gt))).not.toEqual(expected);
  });

  it('runs along the given dim, and passes a size-1 dim through', () => {
    const x = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
    x.cumsum(0).backward(tensor([[1, 2], [3, 4], [5, 6]]));
    expect(x.grad!.tolist()).toEqual([[9, 12], [8, 10], [5, 6]]);
    const [gy] = grad(x.cumsum(-1).mul(tensor([[1, 10]])).sum(), [x]);
    expect(gy!.tolist()).toEqual([[11, 10], [11, 10], [11, 10]]);
    const z = tensor([[7], [8]], { requiresGrad: true });
    const [gz] = grad(z.cumsum(1).sum(), [z]);
    expect(gz!.tolist()).toEqual([[1], [1]]);
  });

  it('records its backward (gradients of gradients)', () => {
    const x = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const [gx] = grad(x.cumsum(0).pow(2).sum(), [x], { createGraph: true });
    // d/dx_i sum_k (c_k)^2 = 2 sum_{k >= i} c_k, with c = [1, 3, 6]
    expect(gx!.tolist()).toEqual([20, 18, 12]);
    gx!.sum().backward();
    // d/dx_j of 2 sum_i sum_{k >= i} c_k = 2 sum_k (k + 1) [j <= k]
    expect(x.grad!.tolist()).toEqual([12, 10, 6]);
  });
});

describe('take and the scatter backward of selections', () => {
  it('take accepts negative positions; repeated ones accumulate in float32, in order', () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const y = take(x, new NDArray(new Int32Array([-1, 0, 3, 3]), [2, 2]));
    expect(y.tolist()).toEqual([[4, 1], [4, 4]]);
    y.backward(tensor([[1, 2], [4e-8, 4e-8]]));
    // 1 + 4e-8 + 4e-8 one float32 addition at a time stays 1
    expect(vals(x.grad)).toEqual([2, 0, 0, 1]);
    expect(Math.fround(1 + 2 * Math.fround(4e-8))).not.toBe(1);
  });

  it('index and gather scatter their gradient back through indexAdd_', () => {
    const x = tensor([10, 20, 30], { requiresGrad: true });
    x.index(tensor([2, 0, 2], { dtype: 'int32' })).backward(tensor([1, 2, 3]));
    expect(vals(x.grad)).toEqual([2, 0, 4]);
    const m = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    m.gather(1, tensor([[1, 1], [0, 1]], { dtype: 'int32' })).sum().backward();
    expect(m.grad!.tolist()).toEqual([[0, 2], [1, 1]]);
  });

  it('take refuses a bool mask (positions are integers, as in torch.take)', () => {
    expect(() => tensor([1, 2]).take(tensor([true, false]).data)).toThrow('take: expected an int32 index tensor, got bool');
  });
});

describe('toTensor', () => {
  it('returns a Tensor as is, wraps an NDArray without copying, builds float32 from JS data', () => {
    const t = tensor([1]);
    expect(toTensor(t)).toBe(t);
    const a = new NDArray(new Float64Array([1, 2]), [2]);
    const w = toTensor(a);
    expect(w.data).toBe(a);
    expect(w.requiresGrad).toBe(false);
    const c = toTensor([[1, 2]]);
    expect(c.dtype).toBe('float32');
    expect(c.tolist()).toEqual([[1, 2]]);
    expect(toTensor(new Int32Array([3])).dtype).toBe('int32');
  });
});

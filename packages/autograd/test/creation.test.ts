/** Creation functions: @gd/tensor's values, wrapped as Tensors, with the requiresGrad option. */
import * as nd from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import {
  arange,
  eye,
  full,
  fullLike,
  linspace,
  manualSeed,
  ones,
  onesLike,
  rand,
  randint,
  randn,
  randperm,
  tensor,
  zeros,
  zerosLike,
} from '../src/index.js';

describe('creation', () => {
  it('builds leaves, requiring grad on request', () => {
    const w = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    expect(w.requiresGrad).toBe(true);
    expect(w.isLeaf).toBe(true);
    expect(zeros([2, 3]).tolist()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(ones(2, { dtype: 'float64' }).dtype).toBe('float64');
    expect(full([2], 7, { requiresGrad: true }).toString()).toBe('tensor([7., 7.], requires_grad=True)');
    expect(zerosLike(w).shape).toEqual([2, 2]);
    expect(onesLike(w).requiresGrad).toBe(false);
    expect(fullLike(w, 3).tolist()).toEqual([[3, 3], [3, 3]]);
    expect(eye(2).tolist()).toEqual([[1, 0], [0, 1]]);
    expect(linspace(0, 1, 3).tolist()).toEqual([0, 0.5, 1]);
  });

  it("gives @gd/tensor's values for arange and the random functions", () => {
    expect(Array.from(arange(-5, 5, 0.1).toTypedArray())).toEqual(Array.from(nd.arange(-5, 5, 0.1).toTypedArray()));
    expect(arange(3).tolist()).toEqual([0, 1, 2]);
    manualSeed(7);
    const a = [randn([3]).tolist(), rand(2).tolist(), randint(10, [4]).tolist(), randint(5, 8, 2).tolist(), randperm(4).tolist()];
    manualSeed(7);
    const b = [nd.randn([3]).tolist(), nd.rand(2).tolist(), nd.randint(10, [4]).tolist(), nd.randint(5, 8, 2).tolist(), nd.randperm(4).tolist()];
    expect(a).toEqual(b);
    expect(randn([2], { requiresGrad: true }).requiresGrad).toBe(true);
  });

  it('copies data given as a Tensor', () => {
    const x = tensor([1, 2]);
    const y = tensor(x);
    y.data.fill_(0);
    expect(x.tolist()).toEqual([1, 2]);
  });
});

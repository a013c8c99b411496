/** The Tensor's state and autograd methods: printing, leaves, detach, requiresGrad_, hooks. */
import { DTypeError, NDArray, tensor as ndTensor } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { AutogradError, Tensor, asTensor, tensor } from '../src/index.js';

const vals = (t: Tensor | null) => Array.from(t!.toTypedArray());

describe('Tensor', () => {
  it('prints as PyTorch does, with requires_grad or grad_fn', () => {
    const w = tensor(-10.0, { requiresGrad: true });
    expect(w.toString()).toBe('tensor(-10., requires_grad=True)');
    expect(w.mul(2).toString()).toBe('tensor(-20., grad_fn=<MulBackward0>)');
    expect(tensor([1, 2]).toString()).toBe('tensor([1., 2.])');
    expect(String(w.mul(2).gradFn)).toBe('<MulBackward0>');
  });

  it('knows its leaves, grad_fn and next functions', () => {
    const w = tensor(2, { requiresGrad: true });
    const x = tensor(3);
    const y = w.mul(x);
    expect(w.isLeaf).toBe(true);
    expect(x.isLeaf).toBe(true);
    expect(y.isLeaf).toBe(false);
    expect(y.gradFn!.name).toBe('MulBackward0');
    const next = y.gradFn!.nextFunctions;
    expect(next[0]![0]!.name).toBe('AccumulateGrad');
    expect(next[1]![0]).toBe(null);
    expect(y.add(1).gradFn!.nextFunctions[0]![0]).toBe(y.gradFn);
  });

  it('exposes shape, dtype and sizes of its data', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect([t.ndim, t.dim(), t.size, t.numel(), t.sizeOf(1)]).toEqual([2, 2, 6, 6, 3]);
    expect(t.tolist()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(tensor(2.5).item()).toBe(2.5);
  });

  it('reads and replaces .data without recording', () => {
    const w = tensor(-10, { requiresGrad: true });
    w.mul(3).backward();
    w.data = w.data.sub(w.grad!.data.mul(0.1));
    expect(w.item()).toBeCloseTo(-10.3, 5);
    expect(w.isLeaf).toBe(true);
    expect(w.requiresGrad).toBe(true);
    w.grad!.data.zero_();
    expect(w.grad!.item()).toBe(0);
  });

  it('wraps NDArrays without copying (asTensor, new Tensor) and copies in tensor()', () => {
    const a = ndTensor([1, 2]);
    expect(asTensor(a).data).toBe(a);
    expect(new Tensor(a).data).toBe(a);
    expect(tensor(a).data).not.toBe(a);
  });

  it('detach shares storage and leaves the graph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const d = y.detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBe(null);
    expect(d.data.data).toBe(y.data.data);
  });

  it('lets only leaves change requiresGrad, and only floating ones require it', () => {
    const x = tensor([1, 2]);
    expect(x.requiresGrad_()).toBe(x);
    expect(x.requiresGrad).toBe(true);
    const y = x.mul(2);
    expect(() => y.requiresGrad_(false)).toThrow(/^you can only change requires_grad flags of leaf variables/);
    expect(() => tensor([1, 2], { dtype: 'int32', requiresGrad: true })).toThrow(DTypeError);
    expect(() => new Tensor(ndTensor([1], { dtype: 'int32' })).requiresGrad_()).toThrow(
      'only Tensors of floating point dtype can require gradients (got int32)',
    );
  });

  it('keeps a non-leaf gradient with retainGrad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    y.retainGrad();
    expect(y.retainsGrad).toBe(true);
    y.mul(y).sum().backward(); // d/dy y^2 = 2y
    expect(vals(y.grad)).toEqual([6, 12]);
    expect(vals(x.grad)).toEqual([18, 36]);
    expect(x.mul(2).grad).toBe(null);
    expect(() => tensor([1]).retainGrad()).toThrow(AutogradError);
  });

  it('runs hooks on the gradient, which may replace it, until removed', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const seen: number[][] = [];
    const h1 = x.registerHook((g) => {
      seen.push(Array.from(g.toTypedArray()));
    });
    const h2 = x.registerHook((g) => g.mul(10));
    x.mul(2).sum().backward();
    expect(seen).toEqual([[2, 2]]);
    expect(vals(x.grad)).toEqual([20, 20]);
    h1.remove();
    h2.remove();
    h2.remove();
    x.mul(2).sum().backward();
    expect(seen.length).toBe(1);
    expect(vals(x.grad)).toEqual([22, 22]);
  });

  it('runs hooks on non-leaf gradients before they flow on', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    y.registerHook((g) => g.neg());
    y.sum().backward();
    expect(vals(x.grad)).toEqual([-2, -2]);
    expect(() => tensor([1]).registerHook(() => undefined)).toThrow(
      "cannot register a hook on a tensor that doesn't require gradient",
    );
  });

  it('is an NDArray wrapper, never an NDArray', () => {
    expect(tensor([1]).data).toBeInstanceOf(NDArray);
  });
});

/** In-place operations: version counters, PyTorch's errors, and history rebasing. */
import { describe, expect, it } from 'vitest';
import { AutogradError, type Tensor, noGrad, tensor } from '../src/index.js';

const vals = (t: Tensor | null) => Array.from(t!.toTypedArray());

describe('in-place operations', () => {
  it('bump the version of the storage (shared by views)', () => {
    const x = tensor([1, 2, 3]);
    const v = x.index('1:');
    expect(x.version).toBe(0);
    x.add_(1);
    v.mul_(2);
    expect(x.version).toBe(2);
    expect(v.version).toBe(2);
    expect(vals(x)).toEqual([2, 6, 8]);
  });

  it('refuse a leaf that requires grad unless under noGrad', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(() => w.add_(1)).toThrow(
      new AutogradError('add_: a leaf Variable that requires grad is being used in an in-place operation.'),
    );
    expect(() => w.index(0).zero_()).toThrow(
      'zero_: a view of a leaf Variable that requires grad is being used in an in-place operation.',
    );
    noGrad(() => w.sub_(tensor([0.5, 0.5])));
    expect(vals(w)).toEqual([0.5, 1.5]);
    expect(w.isLeaf).toBe(true);
  });

  it('make a backward that needs the old value fail, naming the node and versions', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const b = tensor([4, 5, 6]);
    const y = a.mul(b);
    b.mul_(2);
    expect(() => y.sum().backward()).toThrow(
      'one of the variables needed for gradient computation has been modified by an inplace operation: ' +
        '[torch.FloatTensor [3]], which is input 1 of MulBackward0, is at version 1; expected version 0 instead.',
    );
  });

  it('name the producing node of a saved output', () => {
    const x = tensor([0, 1], { requiresGrad: true });
    const y = x.exp();
    y.add_(1);
    expect(() => y.sum().backward()).toThrow(/which is output 0 of ExpBackward0, is at version 1; expected version 0 instead/);
  });

  it('leave backward alone when the changed tensor was not saved', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4]);
    const y = a.add(b);
    b.zero_();
    y.sum().backward();
    expect(vals(a.grad)).toEqual([1, 1]);
  });

  it('rebase the history of a non-leaf (gradients flow through the in-place op)', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(3);
    y.mul_(y.detach().add(0)); // y = 3x * 3x (the factor is a constant)
    expect(y.gradFn!.name).toBe('MulBackward0');
    expect(vals(y)).toEqual([9, 36]);
    y.sum().backward();
    expect(vals(x.grad)).toEqual([9, 18]); // d/dx (3x * c) = 3c
  });

  it('record a constant tensor changed by a tensor that requires grad', () => {
    const w = tensor([2, 3], { requiresGrad: true });
    const acc = tensor([1, 1]);
    acc.addcmul_(w, w, { value: 0.5 }); // acc = 1 + 0.5 w^2
    expect(vals(acc)).toEqual([3, 5.5]);
    acc.sum().backward();
    expect(vals(w.grad)).toEqual([2, 3]);
  });

  it('reset gradients in place', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    w.mul(2).sum().backward();
    w.grad!.zero_();
    expect(vals(w.grad)).toEqual([0, 0]);
    w.mul(2).sum().backward();
    expect(vals(w.grad)).toEqual([2, 2]);
  });
});

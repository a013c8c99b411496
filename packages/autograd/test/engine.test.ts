/**
 * The engine's contract, checked on hand-computed values: the chain rule, accumulation of shared
 * subexpressions and of repeated backward calls, un-broadcasting, seed gradients, the graph being
 * freed after backward (PyTorch's messages), and the shape check on every gradient.
 */
import { ShapeError } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { AutogradError, Tensor, backward, tensor } from '../src/index.js';

const vals = (t: Tensor | null) => Array.from(t!.toTypedArray());

describe('backward', () => {
  it('applies the chain rule (micrograd test_sanity_check)', () => {
    const x = tensor(-4.0, { requiresGrad: true, dtype: 'float64' });
    const z = x.mul(2).add(2).add(x);
    const q = z.relu().add(z.mul(x));
    const h = z.mul(z).relu();
    const y = h.add(q).add(q.mul(x));
    y.backward();
    // y = h + q + q*x with z = 3x + 2 = -10: h = 100, q = 0 + z*x = 40, y = 100 + 40 - 160 = -20
    expect(y.item()).toBe(-20);
    // dy/dx = 46 (as micrograd's reference, checked against PyTorch there)
    expect(x.grad!.item()).toBe(46);
  });

  it('sums the gradients of a tensor used several times', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    x.mul(x).add(x).sum().backward(); // d(x^2 + x) = 2x + 1
    expect(vals(x.grad)).toEqual([3, 5, 7]);
  });

  it('accumulates into .grad across backward calls', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    x.mul(3).sum().backward();
    x.mul(3).sum().backward();
    expect(vals(x.grad)).toEqual([6, 6]);
  });

  it('sums broadcast gradients back to each operand', () => {
    const a = tensor([[1], [2], [3]], { requiresGrad: true }); // [3, 1]
    const b = tensor([10, 20, 30, 40], { requiresGrad: true }); // [4]
    a.mul(b).sum().backward();
    expect(a.grad!.shape).toEqual([3, 1]);
    expect(vals(a.grad)).toEqual([100, 100, 100]);
    expect(b.grad!.shape).toEqual([4]);
    expect(vals(b.grad)).toEqual([6, 6, 6, 6]);
  });

  it('needs a gradient for non-scalar outputs, of the output shape', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    expect(() => y.backward()).toThrow(new AutogradError('grad can be implicitly created only for scalar outputs'));
    expect(() => y.backward(tensor([1, 1]), { retainGraph: true })).toThrow(ShapeError);
    expect(() => y.backward(tensor([1, 1]), { retainGraph: true })).toThrow(
      'Mismatch in shape: grad_output[0] has a shape of torch.Size([2]) and output[0] has a shape of torch.Size([3]).',
    );
    y.backward(tensor([1, 0.5, -1]));
    expect(vals(x.grad)).toEqual([2, 1, -2]);
  });

  it('refuses a tensor outside any graph', () => {
    expect(() => tensor([1, 2]).sum().backward()).toThrow(
      'element 0 of tensors does not require grad and does not have a grad_fn',
    );
  });

  it('frees the graph after backward; a second backward needs retainGraph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.mul(x).sum();
    y.backward();
    expect(() => y.backward()).toThrow(AutogradError);
    expect(() => y.backward()).toThrow(/^Trying to backward through the graph a second time .* Specify retain_graph=True/);

    const z = x.mul(x).sum();
    x.grad = null;
    z.backward(undefined, { retainGraph: true });
    z.backward();
    expect(vals(x.grad)).toEqual([4, 8]);
  });

  it('runs a second backward through nodes that saved nothing, as PyTorch does', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.add(1).sum();
    y.backward();
    y.backward();
    expect(vals(x.grad)).toEqual([2, 2]);
  });

  it('checks the shape of every gradient and names the node', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const y = x.mul(2);
    y.registerHook(() => tensor([1, 2]));
    expect(() => y.sum().backward()).toThrow(
      'Function MulBackward0 returned an invalid gradient at index 0 - got [2] but expected shape compatible with [3]',
    );
  });

  it('differentiates several outputs at once (functional backward)', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    backward([x.mul(2).sum(), x.mul(x)], [tensor(1), tensor([1, 1])]);
    expect(vals(x.grad)).toEqual([4, 6]);
  });

  it('stores a detached contiguous copy as the first gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = tensor([3, 4], { requiresGrad: true });
    x.add(y).sum().backward();
    // both got the same incoming gradient, but zeroing one must not touch the other
    x.grad!.data.zero_();
    expect(vals(y.grad)).toEqual([1, 1]);
    expect(y.grad!.requiresGrad).toBe(false);
  });

  it('handles deep graphs without recursion limits', () => {
    const x = tensor(1, { requiresGrad: true, dtype: 'float64' });
    let y = x;
    for (let i = 0; i < 20000; i++) y = y.mul(1.0001);
    y.backward();
    expect(x.grad!.item()).toBeCloseTo(1.0001 ** 20000, 6);
  });
});

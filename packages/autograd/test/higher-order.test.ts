/** Functional grad(), createGraph (gradients of gradients) and allowUnused. */
import { describe, expect, it } from 'vitest';
import { AutogradError, type Tensor, grad, tensor } from '../src/index.js';

const vals = (t: Tensor | null) => Array.from(t!.toTypedArray());

describe('grad and createGraph', () => {
  it('returns gradients without touching .grad', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const [g] = grad(x.pow(2).sum(), [x]);
    expect(vals(g!)).toEqual([2, 4, 6]);
    expect(x.grad).toBe(null);
  });

  it('differentiates twice with createGraph: d²(x³)/dx² = 6x', () => {
    const x = tensor([1, 2, -1], { requiresGrad: true, dtype: 'float64' });
    const [dx] = grad(x.pow(3).sum(), [x], { createGraph: true });
    expect(vals(dx!)).toEqual([3, 12, 3]);
    expect(dx!.requiresGrad).toBe(true);
    const [ddx] = grad(dx!.sum(), [x]);
    expect(vals(ddx!)).toEqual([6, 12, -6]);
  });

  it('builds a differentiable .grad with backward(createGraph)', () => {
    const x = tensor(0.5, { requiresGrad: true, dtype: 'float64' });
    x.sin().backward(undefined, { createGraph: true }); // x.grad = cos(x)
    const g = x.grad!;
    expect(g.item()).toBeCloseTo(Math.cos(0.5), 15);
    x.grad = null;
    g.backward(); // d cos = -sin
    expect(x.grad!.item()).toBeCloseTo(-Math.sin(0.5), 15);
  });

  it('computes a Hessian-vector product through mul, sum and exp', () => {
    const x = tensor([0.1, 0.2], { requiresGrad: true, dtype: 'float64' });
    const f = x.exp().mul(x).sum(); // f = Σ x e^x, f'' = (x + 2) e^x
    const [g] = grad(f, [x], { createGraph: true });
    const v = tensor([1, -1], { dtype: 'float64' });
    const [hv] = grad(g!.mul(v).sum(), [x]);
    expect(vals(hv!)[0]).toBeCloseTo(2.1 * Math.exp(0.1), 14);
    expect(vals(hv!)[1]).toBeCloseTo(-2.2 * Math.exp(0.2), 14);
  });

  it('reports inputs the outputs do not depend on, unless allowUnused', () => {
    const x = tensor([1], { requiresGrad: true });
    const y = tensor([2], { requiresGrad: true });
    const out = x.mul(2).sum();
    expect(() => grad(out, [x, y], { retainGraph: true })).toThrow(
      /^One of the differentiated Tensors appears to not have been used in the graph/,
    );
    const [gx, gy] = grad(out, [x, y], { allowUnused: true });
    expect(vals(gx!)).toEqual([2]);
    expect(gy).toBe(null);
    expect(() => grad(out, [tensor([1])])).toThrow(new AutogradError('One of the differentiated Tensors does not require grad'));
  });

  it('takes the gradient with respect to an intermediate tensor', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = x.mul(3);
    const [gh, gx] = grad(h.mul(h).sum(), [h, x]);
    expect(vals(gh!)).toEqual([6, 12]);
    expect(vals(gx!)).toEqual([18, 36]);
  });
});

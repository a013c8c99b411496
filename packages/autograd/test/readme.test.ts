/** The README's examples, run as written, with the values the README shows. */
import { describe, expect, it } from 'vitest';
import { arange, grad, gradcheck, manualSeed, noGrad, randn, tensor } from '../src/index.js';

describe('README examples', () => {
  it('full-batch training prints the shown w and b', () => {
    manualSeed(42);
    const X = arange(-5, 5, 0.1).view(-1, 1);
    const Y = X.mul(-5).add(randn(X.shape).mul(0.4));
    const w = tensor(-10.0, { requiresGrad: true });
    const b = tensor(-20.0, { requiresGrad: true });
    for (let epoch = 0; epoch < 20; epoch++) {
      const loss = w.mul(X).add(b).sub(Y).pow(2).mean();
      loss.backward();
      w.data = w.data.sub(w.grad!.data.mul(0.1));
      b.data = b.data.sub(b.grad!.data.mul(0.1));
      w.grad!.data.zero_();
      b.grad!.data.zero_();
    }
    expect(w.toString()).toBe('tensor(-5.0054, requires_grad=True)');
    expect(b.toString()).toBe('tensor(-0.2078, requires_grad=True)');
  });

  it('second derivatives, gradcheck and a noGrad update', () => {
    const x = tensor([1, 2, -1], { requiresGrad: true, dtype: 'float64' });
    const [dx] = grad(x.pow(3).sum(), [x], { createGraph: true });
    const [ddx] = grad(dx!.sum(), [x]);
    expect(ddx!.tolist()).toEqual([6, 12, -6]);
    expect(gradcheck((t) => t.sin().mul(t).sum(), [x])).toBe(true);
    noGrad(() => x.sub_(ddx!.mul(0.01)));
    expect(x.tolist()).toEqual([0.94, 1.88, -0.94]);
  });
});

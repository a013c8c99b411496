/** gradcheck itself: it passes correct gradients and catches wrong ones. */
import { describe, expect, it } from 'vitest';
import { GradcheckError, gradcheck, tensor } from '../src/index.js';

describe('gradcheck', () => {
  it('accepts correct gradients (float32 inputs are checked in float64)', () => {
    const x = tensor([0.3, -1.2, 2.0], { requiresGrad: true });
    const y = tensor([1.5, 0.5, -0.7], { requiresGrad: true });
    expect(gradcheck((a, b) => a.mul(b).sin().add(a.pow(3)).sum(), [x, y])).toBe(true);
  });

  it('checks every output of a multi-output function', () => {
    const x = tensor([0.3, -1.2], { requiresGrad: true });
    expect(gradcheck((a) => [a.exp(), a.tanh().sum()], [x])).toBe(true);
  });

  it('catches a wrong gradient and names the elements', () => {
    const x = tensor([0.3, -1.2], { requiresGrad: true });
    // a hook that doubles the gradient makes the analytical Jacobian wrong
    const wrong = (a: typeof x) => {
      const y = a.mul(3);
      if (y.requiresGrad) y.registerHook((g) => g.mul(2)); // not under gradcheck's noGrad evaluations
      return y;
    };
    expect(() => gradcheck(wrong, [x])).toThrow(GradcheckError);
    expect(() => gradcheck(wrong, [x])).toThrow(/^Jacobian mismatch for output 0 with respect to input 0: d out\[0\] \/ d in\[0\] is 6 \(analytical\) but 2\.99999/);
    expect(gradcheck(wrong, [x], { raiseException: false })).toBe(false);
  });

  it('needs an input that requires grad', () => {
    expect(() => gradcheck((a) => a.sum(), [tensor([1])])).toThrow('gradcheck expects at least one input tensor to require gradient');
  });
});

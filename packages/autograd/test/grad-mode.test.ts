/** noGrad / enableGrad scoping and what recording means for results. */
import { describe, expect, it } from 'vitest';
import { enableGrad, isGradEnabled, noGrad, tensor } from '../src/index.js';

describe('grad mode', () => {
  it('is on by default and off inside noGrad', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(isGradEnabled()).toBe(true);
    const y = noGrad(() => {
      expect(isGradEnabled()).toBe(false);
      return w.mul(2);
    });
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBe(null);
    expect(isGradEnabled()).toBe(true);
  });

  it('is restored when the scope throws', () => {
    expect(() =>
      noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('can be re-enabled inside noGrad', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => enableGrad(() => w.mul(2)));
    expect(y.requiresGrad).toBe(true);
    expect(y.gradFn!.name).toBe('MulBackward0');
    expect(isGradEnabled()).toBe(true);
  });

  it('records nothing when no operand requires grad, or for non-float results', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    expect(tensor([1, 2]).mul(2).gradFn).toBe(null);
    expect(w.gt(1).requiresGrad).toBe(false);
    expect(w.argmax().requiresGrad).toBe(false);
  });
});

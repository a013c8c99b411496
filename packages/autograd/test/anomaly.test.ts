/** detectAnomaly names the node whose backward produced NaN or infinity and its forward call. */
import { describe, expect, it } from 'vitest';
import { AutogradError, detectAnomaly, tensor } from '../src/index.js';

describe('detectAnomaly', () => {
  it("names the node and shows the forward call's stack", () => {
    const x = tensor([0, 1], { requiresGrad: true });
    let error: unknown;
    try {
      detectAnomaly(() => {
        const y = x.sqrt(); // sqrt'(0) = inf
        y.sum().backward();
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AutogradError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Function 'SqrtBackward0' returned inf values in its 0th output\./);
    expect(message).toContain('anomaly.test.ts');
  });

  it('names the first gradient that is not finite', () => {
    const x = tensor([0], { requiresGrad: true });
    expect(() =>
      detectAnomaly(() => {
        x.div(x).sum().backward(); // d(a/b)/da = 1/0, d/db = -(0/0)/0
      }),
    ).toThrow(/^Function 'DivBackward0' returned (nan|inf) values in its \d+th output/);
  });

  it('is off outside its scope', () => {
    const x = tensor([0], { requiresGrad: true });
    x.sqrt().sum().backward();
    expect(x.grad!.item()).toBe(Infinity);
  });
});

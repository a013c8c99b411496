/** clipGradNorm_ and clipGradValue_: PyTorch's total norm, scale factor and in-place clipping. */
import { type Tensor, tensor } from '@gd/autograd';
import { GdError } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { clipGradNorm_, clipGradValue_ } from '../src/index.js';

function withGrad(value: number[], grad: number[] | null): Tensor {
  const p = tensor(value, { requiresGrad: true });
  if (grad !== null) p.grad = tensor(grad);
  return p;
}

function grads(ps: Tensor[]): number[][] {
  return ps.map((p) => (p.grad === null ? [] : Array.from(p.grad.toTypedArray(), Number)));
}

describe('clipGradNorm_', () => {
  it('returns the norm of all gradients together and scales them to maxNorm', () => {
    const ps = [withGrad([0, 0], [3, 4]), withGrad([0], [12]), withGrad([0], null)];
    expect(clipGradNorm_(ps, 6.5)).toBe(13); // √(3² + 4² + 12²)
    // PyTorch's factor, in float32: maxNorm / (total + 1e-6)
    const coef = Math.fround(6.5 / Math.fround(13 + Math.fround(1e-6)));
    expect(coef).toBeLessThan(0.5);
    expect(grads(ps)).toEqual([[Math.fround(3 * coef), Math.fround(4 * coef)], [Math.fround(12 * coef)], []]);
  });

  it('leaves gradients under the limit as they are', () => {
    const ps = [withGrad([0, 0], [3, 4])];
    expect(clipGradNorm_(ps, 100)).toBe(5);
    expect(grads(ps)).toEqual([[3, 4]]);
  });

  it('supports other norms: 1 and infinity', () => {
    expect(clipGradNorm_([withGrad([0, 0], [3, -4]), withGrad([0], [-12])], 1000, 1)).toBe(19);
    const ps = [withGrad([0, 0], [3, -4]), withGrad([0], [-12])];
    expect(clipGradNorm_(ps, 6, Infinity)).toBe(12);
    const coef = Math.fround(6 / Math.fround(12 + Math.fround(1e-6)));
    expect(grads(ps)[1]).toEqual([Math.fround(-12 * coef)]);
  });

  it('accepts a single tensor, returns 0 without gradients, and can refuse a non-finite norm', () => {
    expect(clipGradNorm_(withGrad([0, 0], [6, 8]), 1)).toBe(10);
    expect(clipGradNorm_([withGrad([0], null)], 1)).toBe(0);
    const bad = [withGrad([0], [Infinity])];
    expect(clipGradNorm_(bad, 1)).toBe(Infinity);
    expect(() => clipGradNorm_([withGrad([0], [NaN])], 1, 2, { errorIfNonfinite: true })).toThrow(GdError);
    expect(() => clipGradNorm_([withGrad([0], [NaN])], 1, 2, { errorIfNonfinite: true })).toThrow(
      /The total norm of order 2 for gradients from `parameters` is non-finite/,
    );
  });
});

describe('clipGradValue_', () => {
  it('clamps every gradient element into [−clipValue, clipValue]', () => {
    const ps = [withGrad([0, 0, 0], [-3, 0.5, 2]), withGrad([0], null)];
    clipGradValue_(ps, 1);
    expect(grads(ps)).toEqual([[-1, 0.5, 1], []]);
  });
});

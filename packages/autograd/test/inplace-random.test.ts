/**
 * Tensor.uniform_ / normal_ (in place, version bumps, PyTorch's refusals) and the public
 * bumpVersion for writes made directly on `t.data`. Drawn values are compared with @gd/tensor's
 * fills from an identically seeded generator.
 */
import { Generator, NDArray } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { AutogradError, type Tensor, bumpVersion, noGrad, normal_, tensor, uniform_, zeros } from '../src/index.js';

const vals = (t: Tensor | NDArray | null) => Array.from(t!.toTypedArray());
const seeded = (s: number) => new Generator().manualSeed(s);

describe('Tensor.uniform_ and normal_', () => {
  it('draw as @gd/tensor does and bump the version', () => {
    const u = zeros([3, 4]);
    expect(u.uniform_(-2, 3, { generator: seeded(1) })).toBe(u);
    expect(vals(u)).toEqual(vals(new NDArray(new Float32Array(12), [3, 4]).uniform_(-2, 3, { generator: seeded(1) })));
    expect(u.version).toBe(1);
    const n = zeros([20], { dtype: 'float64' });
    normal_(n, 1, 0.5, { generator: seeded(2) });
    expect(vals(n)).toEqual(vals(new NDArray(new Float64Array(20), [20]).normal_(1, 0.5, { generator: seeded(2) })));
    expect(n.version).toBe(1);
    const v = uniform_(zeros([2]), 0, 1, { generator: seeded(3) });
    expect(vals(v)).toEqual(vals(new NDArray(new Float32Array(2), [2]).uniform_(0, 1, { generator: seeded(3) })));
  });

  it('refuse a leaf that requires grad unless under noGrad', () => {
    const w = zeros([2], { requiresGrad: true });
    expect(() => w.uniform_()).toThrow(new AutogradError('uniform_: a leaf Variable that requires grad is being used in an in-place operation.'));
    expect(() => w.normal_()).toThrow('normal_: a leaf Variable that requires grad is being used in an in-place operation.');
    noGrad(() => w.normal_(0, 1, { generator: seeded(4) }));
    expect(vals(w)).toEqual(vals(new NDArray(new Float32Array(2), [2]).normal_(0, 1, { generator: seeded(4) })));
    expect(w.isLeaf).toBe(true);
    expect(w.version).toBe(1);
  });

  it('make a backward that saved the old value fail', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4]);
    const y = a.mul(b);
    b.uniform_();
    expect(() => y.sum().backward()).toThrow(/modified by an inplace operation: .*is at version 1; expected version 0 instead/);
  });

  it('on a recorded non-leaf, draw the same values and pass no gradient to the old ones', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.mul(2);
    h.uniform_(5, 6, { generator: seeded(9) });
    expect(vals(h)).toEqual(vals(new NDArray(new Float32Array(3), [3]).uniform_(5, 6, { generator: seeded(9) })));
    expect(h.requiresGrad).toBe(true);
    h.add(x).sum().backward();
    expect(vals(x.grad)).toEqual([1, 1, 1]);
  });

  it('reject bad arguments as @gd/tensor does', () => {
    expect(() => zeros([2]).uniform_(1, 0)).toThrow('uniform_: expected from <= to');
    expect(() => zeros([2]).normal_(0, -1)).toThrow('normal_: expected std >= 0');
    expect(() => zeros([2], { dtype: 'int32' }).uniform_()).toThrow('uniform_: expected a float32 or float64 tensor, got int32');
  });
});

describe('bumpVersion', () => {
  it('counts a write made through t.data, for every Tensor over the storage', () => {
    const p = tensor([1, 2], { requiresGrad: true });
    const y = p.mul(p);
    const view = p.detach();
    p.data.data[0] = 5;
    expect(p.version).toBe(0);
    bumpVersion(p.data);
    expect(p.version).toBe(1);
    expect(view.version).toBe(1);
    expect(() => y.sum().backward()).toThrow(/is at version 1; expected version 0 instead/);
  });
});

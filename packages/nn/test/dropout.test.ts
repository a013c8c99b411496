/** Dropout and F.dropout: modes, the mask's values and draws, reproducibility, gradients, errors. */
import { ones, tensor } from '@gd/autograd';
import { Generator, ValueError } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { Dropout, Sequential, functional as F } from '../src/index.js';

describe('dropout', () => {
  it('keeps an element when its 53-bit uniform draw is below 1 - p, scaling it by f32(1 / f32(1 - p))', () => {
    const x = ones([1000]);
    const out = F.dropout(x, { p: 0.3, generator: new Generator().manualSeed(0) });
    const ref = new Generator().manualSeed(0);
    const scale = Math.fround(1 / Math.fround(0.7));
    const expected = Array.from({ length: 1000 }, () => (ref.nextUniformFloat64() < 0.7 ? scale : 0));
    expect(Array.from(out.toTypedArray())).toEqual(expected);
    const kept = expected.filter((v) => v !== 0).length;
    expect(kept).toBeGreaterThan(640);
    expect(kept).toBeLessThan(760);
  });

  it('is the identity in evaluation mode, for p = 0 and for an empty input; p = 1 gives zeros', () => {
    const x = tensor([1, 2, 3]);
    expect(F.dropout(x, { training: false })).toBe(x);
    expect(F.dropout(x, { p: 0 })).toBe(x);
    const drop = new Dropout(0.5);
    expect(drop.eval().call(x)).toBe(x);
    expect(F.dropout(x, { p: 1 }).tolist()).toEqual([0, 0, 0]);
    const e = tensor([]);
    expect(F.dropout(e).shape).toEqual([0]);
  });

  it('reproduces its mask from a seeded generator and passes the gradient through the mask', () => {
    const a = new Dropout(0.5, { generator: new Generator().manualSeed(11) });
    const b = new Dropout(0.5, { generator: new Generator().manualSeed(11) });
    const x = tensor([[1, 2, 3, 4], [5, 6, 7, 8]], { requiresGrad: true });
    const ya = a.call(x);
    expect(ya.tolist()).toEqual(b.call(x).tolist());
    ya.sum().backward();
    const mask = (ya.tolist() as number[][]).map((row, i) => row.map((v, j) => v / (i * 4 + j + 1)));
    expect(x.grad!.tolist()).toEqual(mask);
    expect(mask.flat().every((v) => v === 0 || v === 2)).toBe(true);
  });

  it('follows train() / eval() inside a container', () => {
    const model = new Sequential(new Dropout(0.9, { generator: new Generator().manualSeed(1) }));
    const x = ones([50]);
    expect(model.call(x).tolist()).not.toEqual(x.tolist());
    model.eval();
    expect(model.call(x)).toBe(x);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => new Dropout(1.5)).toThrow(new ValueError('Dropout: dropout probability has to be between 0 and 1, but got 1.5'));
    expect(() => F.dropout(tensor([1]), { p: -0.1 })).toThrow('dropout: dropout probability has to be between 0 and 1, but got -0.1');
  });
});

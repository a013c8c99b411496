/**
 * addmm: one recorded operation whose values and gradients are those of `mm` then `add` (the
 * float32 roundings included), for row, scalar and column biases.
 */
import { Generator, ShapeError } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { type Tensor, addmm, randn, tensor } from '../src/index.js';

const gen = new Generator().manualSeed(5);
const leaf = (shape: number[]) => randn(shape, { generator: gen }).requiresGrad_();
const vals = (t: Tensor | null) => Array.from(t!.toTypedArray());

describe('addmm', () => {
  it('equals mm then add, bit for bit, values and gradients', () => {
    for (const biasShape of [[5], [], [3, 1], [3, 5]]) {
      const b = leaf(biasShape);
      const x = leaf([3, 7]);
      const w = leaf([5, 7]);
      const y = addmm(b, x, w.t());
      expect(y.gradFn!.name).toBe('AddmmBackward0');
      const ref = x.mm(w.t()).add(b);
      expect(y.shape).toEqual([3, 5]);
      expect(vals(y)).toEqual(vals(ref));
      const g = randn([3, 5], { generator: gen });
      y.backward(g);
      const grads = [b, x, w].map((t) => vals(t.grad));
      for (const t of [b, x, w]) t.grad = null;
      ref.backward(g);
      expect([b, x, w].map((t) => vals(t.grad))).toEqual(grads);
    }
  });

  it('adds the bias once per element: [[1, 2], [3, 4]] @ I + [10, 20]', () => {
    const y = addmm(tensor([10, 20]), tensor([[1, 2], [3, 4]]), tensor([[1, 0], [0, 1]]));
    expect(y.tolist()).toEqual([[11, 22], [13, 24]]);
    expect(y.requiresGrad).toBe(false);
  });

  it('rejects a bias that does not expand to the product and non-matrix operands', () => {
    expect(() => addmm(tensor([1, 2, 3]), tensor([[1, 2]]), tensor([[1], [2]]))).toThrow(
      new ShapeError("addmm: the bias [3] does not expand to the product's shape [1, 1]"),
    );
    expect(() => addmm(tensor([[[1]]]), tensor([[1, 2]]), tensor([[1], [2]]))).toThrow(ShapeError);
    expect(() => addmm(tensor([[1], [2]]), tensor([[1, 2]]), tensor([[1], [2]]))).toThrow(ShapeError);
    expect(() => addmm(tensor([1]), tensor([1, 2]), tensor([[1], [2]]))).toThrow('mm: expected 2-D operands');
  });
});

import { Generator, IndexError, NDArray, ShapeError, ValueError, arange, tensor, zeros } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { ArrayDataset, ConcatDataset, Dataset, Subset, TensorDataset, randomSplit } from '../src/index.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('TensorDataset', () => {
  const x = arange(12, { dtype: 'float32' }).reshape([4, 3]);
  const y = tensor([10, 11, 12, 13], { dtype: 'int32' });
  const ds = new TensorDataset(x, y);

  it('gives row views per index, negative from the end', () => {
    expect(ds.length).toBe(4);
    const [xi, yi] = ds.getItem(1);
    expect(xi!.tolist()).toEqual([3, 4, 5]);
    expect(yi!.shape).toEqual([]);
    expect(yi!.item()).toBe(11);
    expect(xi!.data).toBe(x.data); // a view, not a copy
    expect(ds.getItem(-1)[1]!.item()).toBe(13);
  });

  it('gathers a batch into fresh contiguous buffers', () => {
    const [xb, yb] = ds.getItems([3, 0, 3]);
    expect(xb!.shape).toEqual([3, 3]);
    expect(Array.from(xb!.data)).toEqual([9, 10, 11, 0, 1, 2, 9, 10, 11]);
    expect(xb!.dtype).toBe('float32');
    expect(Array.from(yb!.data)).toEqual([13, 10, 13]);
    expect(yb!.dtype).toBe('int32');
    expect(xb!.data).not.toBe(x.data);
  });

  it('gathers from non-contiguous tensors and rows longer than the small-row loop', () => {
    const wide = arange(200, { dtype: 'float64' }).reshape([4, 50]);
    const t = arange(8, { dtype: 'int32' }).reshape([2, 4]).t(); // [4, 2], not contiguous
    const d = new TensorDataset(wide, t);
    const [w, tt] = d.getItems([2, -4]);
    expect(Array.from(w!.data)).toEqual([...range(50).map((i) => 100 + i), ...range(50)]);
    expect(tt!.tolist()).toEqual([[2, 6], [0, 4]]);
  });

  it('rejects out-of-range indices naming the index and size', () => {
    expect(() => ds.getItem(4)).toThrow(new IndexError('TensorDataset: index 4 is out of bounds for dimension 0 with size 4'));
    expect(() => ds.getItems([0, 4])).toThrow(new IndexError('TensorDataset: index 4 is out of bounds for dimension 0 with size 4'));
    expect(() => ds.getItems([-5])).toThrow(IndexError);
    expect(() => ds.getItems([1.5])).toThrow(IndexError);
  });

  it('requires matching first dimensions and names the shapes', () => {
    expect(() => new TensorDataset(zeros([3, 2]), zeros([4]))).toThrow(
      new ShapeError(
        'TensorDataset: Size mismatch between tensors: tensor 0 has shape [3, 2] and tensor 1 has shape [4] (first dimensions 3 and 4)',
      ),
    );
    expect(() => new TensorDataset(tensor(1))).toThrow('TensorDataset: tensor 0 is 0-dim');
    expect(() => new TensorDataset()).toThrow(ValueError);
  });
});

describe('Subset', () => {
  const base = new TensorDataset(arange(10, { dtype: 'int32' }).reshape([5, 2]));

  it('indexes through its indices like a Python list', () => {
    const sub = new Subset(base, [4, 1, 1]);
    expect(sub.length).toBe(3);
    expect(sub.getItem(0)[0]!.tolist()).toEqual([8, 9]);
    expect(sub.getItem(-1)[0]!.tolist()).toEqual([2, 3]);
    expect(() => sub.getItem(3)).toThrow(new IndexError('Subset: list index out of range (index 3, length 3)'));
    expect(() => sub.getItem(-4)).toThrow(IndexError);
  });

  it('gathers batches through the base dataset fast path', () => {
    const sub = new Subset(base, [4, 1, 3]);
    const [b] = sub.getItems([2, 0]) as NDArray[];
    expect(b!.tolist()).toEqual([[6, 7], [8, 9]]);
  });

  it('collates sample by sample when the base has no fast path', () => {
    const sub = new Subset([{ a: 1 }, { a: 2 }, { a: 3 }], [2, 0]);
    const out = sub.getItems([0, 1]) as { a: NDArray };
    expect(out.a.tolist()).toEqual([3, 1]);
  });
});

describe('ConcatDataset', () => {
  const cat = new ConcatDataset<number>([[1, 2, 3], [], new ArrayDataset([10, 20])]);

  it('maps indices to parts by the cumulative sizes, skipping empty parts', () => {
    expect(cat.length).toBe(5);
    expect(cat.cumulativeSizes).toEqual([3, 3, 5]);
    expect(range(5).map((i) => cat.getItem(i))).toEqual([1, 2, 3, 10, 20]);
    expect(cat.getItem(-2)).toBe(10);
    expect(cat.locate(3)).toEqual({ datasetIdx: 2, sampleIdx: 0 });
  });

  it('errors like PyTorch outside the range', () => {
    expect(() => cat.getItem(5)).toThrow(new IndexError('ConcatDataset: list index out of range (index 5, length 5)'));
    expect(() => cat.getItem(-6)).toThrow(
      new ValueError('ConcatDataset: absolute value of index should not exceed dataset length (index -6, length 5)'),
    );
    expect(() => new ConcatDataset([])).toThrow('datasets should not be an empty iterable');
  });
});

describe('randomSplit', () => {
  it('cuts randperm(n) of the generator in order', () => {
    const [a, b] = randomSplit(range(10), [3, 7], { generator: new Generator().manualSeed(42) });
    expect(a!.indices).toEqual([2, 6, 1]);
    expect(b!.indices).toEqual([8, 4, 5, 0, 9, 3, 7]);
    expect(b!.getItem(0)).toBe(8);
  });

  it('turns fractions into floor(n f) plus a round-robin remainder', () => {
    const parts = randomSplit(range(7), [0.2, 0.8], { generator: new Generator().manualSeed(0) });
    expect(parts.map((p) => p.length)).toEqual([2, 5]);
    const three = randomSplit(range(10), [1 / 3, 1 / 3, 1 / 3], { generator: new Generator().manualSeed(0) });
    expect(three.map((p) => p.length)).toEqual([4, 3, 3]);
  });

  it('rejects lengths that do not add up, with the numbers', () => {
    expect(() => randomSplit(range(10), [3, 4])).toThrow(
      new ValueError(
        'randomSplit: Sum of input lengths does not equal the length of the input dataset! (lengths [3, 4] sum to 7, the dataset has 10 samples)',
      ),
    );
    expect(() => randomSplit(range(10), [1.5, -0.5])).toThrow('Fraction at index 0 is not between 0 and 1');
    expect(() => randomSplit(range(4), [2.5, 1.5])).toThrow('lengths must be non-negative integers');
  });
});

describe('Dataset base class', () => {
  class Squares extends Dataset<number> {
    get length(): number {
      return 4;
    }
    getItem(i: number): number {
      return i * i;
    }
  }

  it('is a map-style dataset for Subset and friends', () => {
    const sub = new Subset(new Squares(), [3, 1]);
    expect([sub.getItem(0), sub.getItem(1)]).toEqual([9, 1]);
  });
});

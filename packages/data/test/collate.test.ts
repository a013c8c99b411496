import { DTypeError, NDArray, ShapeError, ValueError, arange, tensor } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { defaultCollate, defaultConvert } from '../src/index.js';

describe('defaultCollate', () => {
  it('stacks NDArrays along a new first dim, promoting dtypes', () => {
    const out = defaultCollate([tensor([1, 2]), tensor([3, 4], { dtype: 'float64' })]) as NDArray;
    expect(out.shape).toEqual([2, 2]);
    expect(out.dtype).toBe('float64');
    expect(out.tolist()).toEqual([[1, 2], [3, 4]]);
  });

  it('stacks strided views and 0-dim tensors', () => {
    const m = arange(6, { dtype: 'int32' }).reshape([2, 3]);
    const cols = defaultCollate([m.select(1, 0), m.select(1, 2)]) as NDArray;
    expect(cols.tolist()).toEqual([[0, 3], [2, 5]]);
    const scalars = defaultCollate([m.select(0, 1).select(0, 2), tensor(7, { dtype: 'int32' })]) as NDArray;
    expect(scalars.tolist()).toEqual([5, 7]);
  });

  it('turns integers into int32, other numbers into float64, booleans into bool', () => {
    const ints = defaultCollate([3, -1, 4]) as NDArray;
    expect([ints.dtype, ints.tolist()]).toEqual(['int32', [3, -1, 4]]);
    const floats = defaultCollate([0, 0.5]) as NDArray;
    expect([floats.dtype, floats.tolist()]).toEqual(['float64', [0, 0.5]]);
    const big = defaultCollate([1, 2 ** 40]) as NDArray;
    expect(big.dtype).toBe('float64');
    const bools = defaultCollate([true, false]) as NDArray;
    expect([bools.dtype, bools.tolist()]).toEqual(['bool', [true, false]]);
  });

  it('recurses into arrays, plain objects and Maps; strings stay a list', () => {
    const out = defaultCollate([
      { x: [1, 'a'], y: new Map([['k', 0.5]]) },
      { x: [2, 'b'], y: new Map([['k', 1.5]]) },
    ]) as { x: [NDArray, string[]]; y: Map<string, NDArray> };
    expect(out.x[0].tolist()).toEqual([1, 2]);
    expect(out.x[1]).toEqual(['a', 'b']);
    expect(out.y.get('k')!.tolist()).toEqual([0.5, 1.5]);
  });

  it('stacks typed arrays as 1-D tensors of their dtype', () => {
    const out = defaultCollate([new Float32Array([1, 2]), new Float32Array([3, 4])]) as NDArray;
    expect([out.dtype, out.shape, out.tolist()]).toEqual(['float32', [2, 2], [[1, 2], [3, 4]]]);
  });

  it("gives PyTorch's errors for unequal shapes and lengths, and names unsupported types", () => {
    expect(() => defaultCollate([tensor([0, 0]), tensor([0, 0, 0])])).toThrow(
      new ShapeError('defaultCollate: stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1'),
    );
    expect(() => defaultCollate([[1, 2], [3]])).toThrow(
      new ShapeError('defaultCollate: each element in list of batch should be of equal size (element 0 has 2 items, element 1 has 1)'),
    );
    expect(() => defaultCollate([null])).toThrow(DTypeError);
    expect(() => defaultCollate([null])).toThrow(
      "defaultCollate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class 'NoneType'> (gd collates",
    );
    expect(() => defaultCollate([new Date(0)])).toThrow("found <class 'Date'>");
    expect(() => defaultCollate([1, 'a'])).toThrow('element 1 of the batch is string, expected number like element 0');
    expect(() => defaultCollate([{ a: 1 }, { b: 2 }])).toThrow("element 1 of the batch has no key 'a'");
    expect(() => defaultCollate([])).toThrow(ValueError);
  });
});

describe('defaultConvert', () => {
  it('wraps typed arrays and leaves the rest, recursing into containers', () => {
    const out = defaultConvert({ a: [new Int32Array([1, 2]), 3], b: 'x' }) as { a: [NDArray, number]; b: string };
    expect(out.a[0].dtype).toBe('int32');
    expect(out.a[0].tolist()).toEqual([1, 2]);
    expect(out.a[1]).toBe(3);
    expect(out.b).toBe('x');
  });
});

/**
 * Reductions against independent float64 computations: a reference reducer that buckets the
 * elements of each output by multi-index, then applies a plain formula. Shapes, negative dims,
 * several dims, keepdim, strided/offset views, dtypes, ties, NaN, empty reductions and errors.
 */
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  IndexError,
  NDArray,
  ValueError,
  argmax,
  argmin,
  cumsum,
  logSoftmax,
  logsumexp,
  max,
  mean,
  min,
  narrow,
  norm,
  permute,
  prod,
  softmax,
  std,
  sum,
  tensor,
  transpose,
  variance,
} from '../src/index.js';
import { elements } from './strided-elements.js';

const f = Math.fround;

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomArray(shape: number[], seed: number, dtype: 'float32' | 'float64' = 'float32'): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const next = seeded(seed);
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = next() * 4 - 2;
  return new NDArray(data, shape);
}

/** Groups the elements of `a` by output position, for a reduction over `dims` (undefined: all). */
function buckets(a: NDArray, dims: number | number[] | undefined, keepdim: boolean): { shape: number[]; groups: number[][] } {
  const ndim = a.shape.length;
  const list = dims === undefined ? [...a.shape.keys()] : (Array.isArray(dims) ? dims : [dims]).map((d) => (d < 0 ? d + ndim : d));
  const reduced = new Set(list.length === 0 ? [...a.shape.keys()] : list);
  const shape: number[] = [];
  a.shape.forEach((s, d) => {
    if (!reduced.has(d)) shape.push(s);
    else if (keepdim) shape.push(1);
  });
  const outShape = a.shape.filter((_, d) => !reduced.has(d));
  const groups: number[][] = Array.from({ length: outShape.reduce((x, y) => x * y, 1) }, () => []);
  const values = elements(a);
  values.forEach((v, flat) => {
    // multi-index of `flat`, then the flat index of the kept coordinates
    let rest = flat;
    const idx = new Array<number>(ndim);
    for (let d = ndim - 1; d >= 0; d--) {
      idx[d] = rest % a.shape[d]!;
      rest = Math.floor(rest / a.shape[d]!);
    }
    let o = 0;
    for (let d = 0; d < ndim; d++) if (!reduced.has(d)) o = o * a.shape[d]! + idx[d]!;
    groups[o]!.push(v);
  });
  return { shape, groups };
}

function expectClose(actual: NDArray, shape: number[], expected: number[], tol = 1e-5): void {
  expect(actual.shape).toEqual(shape);
  const got = elements(actual);
  expect(got.length).toBe(expected.length);
  got.forEach((v, i) => {
    const e = expected[i]!;
    if (Number.isNaN(e)) expect(v).toBeNaN();
    else if (!Number.isFinite(e)) expect(v).toBe(e);
    else expect(Math.abs(v - e)).toBeLessThanOrEqual(tol + tol * Math.abs(e));
  });
}

const total = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const average = (xs: number[]) => total(xs) / xs.length;

/** Views of one [2, 3, 4] float32 array: contiguous, permuted, transposed, offset. */
function views(): [string, NDArray][] {
  const base = randomArray([2, 3, 4], 1);
  const big = randomArray([3, 3, 5], 2);
  return [
    ['contiguous', base],
    ['permuted', permute(randomArray([4, 2, 3], 3), [1, 2, 0])],
    ['transposed', transpose(randomArray([4, 3, 2], 4), 0, 2)],
    ['offset slice', narrow(narrow(big, 0, 1, 2), 2, 1, 4)],
  ];
}

const dimCases: [number | number[] | undefined, boolean][] = [
  [undefined, false],
  [undefined, true],
  [0, false],
  [1, true],
  [2, false],
  [-1, false],
  [-1, true],
  [-2, false],
  [-3, true],
  [[0, 2], false],
  [[0, 2], true],
  [[1, 2], false],
  [[-1, 0], false],
  [[0, 1, 2], false],
  [[], false],
];

describe('sum, mean, prod', () => {
  for (const [name, a] of views()) {
    it.each(dimCases)(`${name}: dim %j keepdim %s`, (dim, keepdim) => {
      const { shape, groups } = buckets(a, dim, keepdim);
      expectClose(sum(a, dim, keepdim), shape, groups.map(total));
      expectClose(mean(a, dim, keepdim), shape, groups.map(average));
      expectClose(prod(a, dim, keepdim), shape, groups.map((g) => g.reduce((p, x) => p * x, 1)));
      expectClose(a.sum(dim, keepdim), shape, groups.map(total));
    });
  }

  it('reduces over dim 0 of a large contiguous array (column sums) and the last dim (row sums)', () => {
    const a = randomArray([300, 70], 7);
    for (const dim of [0, 1]) {
      const { shape, groups } = buckets(a, dim, false);
      expectClose(sum(a, dim), shape, groups.map(total), 1e-4);
      expectClose(mean(a, dim), shape, groups.map(average));
    }
  });

  it('float64 sums are float64 and accurate', () => {
    const a = randomArray([5, 40], 9, 'float64');
    const { shape, groups } = buckets(a, 1, false);
    const s = sum(a, 1);
    expect(s.dtype).toBe('float64');
    expectClose(s, shape, groups.map(total), 1e-13);
    expect(sum(a).dtype).toBe('float64');
    expect(Math.abs(sum(a).item() - total(elements(a)))).toBeLessThan(1e-12);
  });

  it('int32 and bool sums are int32 (PyTorch: int64) and exact', () => {
    const i = tensor([[1, -2, 3], [4, 5, -6]], { dtype: 'int32' });
    expect(sum(i).dtype).toBe('int32');
    expect(sum(i).item()).toBe(5);
    expect(Array.from(sum(i, 0).toTypedArray())).toEqual([5, 3, -3]);
    expect(Array.from(prod(i, 1).toTypedArray())).toEqual([-6, -120]);
    const b = tensor([[true, false, true], [true, true, true]]);
    expect(sum(b).dtype).toBe('int32');
    expect(Array.from(sum(b, 1).toTypedArray())).toEqual([2, 3]);
    expect(prod(b).item()).toBe(0);
  });

  it('int32 overflow wraps around like 32-bit arithmetic', () => {
    const i = tensor([2 ** 31 - 1, 1], { dtype: 'int32' });
    expect(sum(i).item()).toBe(-(2 ** 31));
    expect(prod(tensor([65536, 65536], { dtype: 'int32' })).item()).toBe(0);
  });

  it('mean is the float32 sum divided by the count, rounded once', () => {
    const a = new NDArray(Float32Array.from([0.1, 0.2, 0.3]), [3]);
    const s = f(f(f(0 + f(0.1)) + f(0.2)) + f(0.3));
    expect(mean(a).item()).toBe(f(s / 3));
  });

  it('mean of an integer array is a DTypeError like PyTorch', () => {
    const i = tensor([1, 2], { dtype: 'int32' });
    expect(() => mean(i)).toThrow(DTypeError);
    expect(() => mean(i)).toThrow(
      'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Int',
    );
    expect(() => tensor([true]).mean()).toThrow('Got: Bool');
  });

  it('empty reductions: sum 0, prod 1, mean NaN', () => {
    const e = new NDArray(new Float32Array(0), [0, 3]);
    expect(sum(e).item()).toBe(0);
    expect(prod(e).item()).toBe(1);
    expect(mean(e).item()).toBeNaN();
    expectClose(sum(e, 0), [3], [0, 0, 0]);
    expectClose(prod(e, 0, true), [1, 3], [1, 1, 1]);
    expect(sum(e, 1).shape).toEqual([0]);
  });

  it('0-dim arrays reduce over dim 0 or -1 to themselves', () => {
    const s = new NDArray(Float32Array.from([2.5]), []);
    expect(sum(s).item()).toBe(2.5);
    expect(sum(s, 0).shape).toEqual([]);
    expect(sum(s, -1, true).shape).toEqual([]);
    expect(() => sum(s, 1)).toThrow(IndexError);
  });

  it('rejects out-of-range and repeated dims', () => {
    const a = randomArray([2, 3], 1);
    expect(() => sum(a, 2)).toThrow(IndexError);
    expect(() => sum(a, 2)).toThrow('sum: dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => sum(a, [0, -2])).toThrow('sum: dim 0 appears multiple times in the list of dims');
  });
});

describe('max, min, argmax, argmin', () => {
  for (const [name, a] of views()) {
    it.each([0, 1, 2, -1, -3])(`${name}: dim %i`, (dim) => {
      for (const keepdim of [false, true]) {
        const { shape, groups } = buckets(a, dim, keepdim);
        const mx = max(a, dim, keepdim);
        const mn = a.min(dim, keepdim);
        expectClose(mx.values, shape, groups.map((g) => Math.max(...g)), 0);
        expectClose(mn.values, shape, groups.map((g) => Math.min(...g)), 0);
        expect(mx.indices.dtype).toBe('int32');
        expectClose(mx.indices, shape, groups.map((g) => g.indexOf(Math.max(...g))), 0);
        expectClose(mn.indices, shape, groups.map((g) => g.indexOf(Math.min(...g))), 0);
        expectClose(argmax(a, dim, keepdim), shape, groups.map((g) => g.indexOf(Math.max(...g))), 0);
        expectClose(argmin(a, dim, keepdim), shape, groups.map((g) => g.indexOf(Math.min(...g))), 0);
      }
    });

    it(`${name}: over all elements`, () => {
      const values = elements(a);
      expect(max(a).shape).toEqual([]);
      expect(max(a).item()).toBe(Math.max(...values));
      expect(a.min().item()).toBe(Math.min(...values));
      expect(argmax(a).item()).toBe(values.indexOf(Math.max(...values)));
      expect(a.argmin().item()).toBe(values.indexOf(Math.min(...values)));
    });
  }

  it('ties go to the first occurrence, along rows and across rows', () => {
    const a = tensor([
      [1, 3, 3, 0],
      [3, 1, 0, 0],
      [3, 3, 0, 2],
    ]);
    expect(Array.from(max(a, 1).indices.toTypedArray())).toEqual([1, 0, 0]);
    expect(Array.from(min(a, 1).indices.toTypedArray())).toEqual([3, 2, 2]);
    expect(Array.from(max(a, 0).indices.toTypedArray())).toEqual([1, 0, 0, 2]);
    expect(Array.from(min(a, 0).indices.toTypedArray())).toEqual([0, 1, 1, 0]);
    expect(argmax(a).item()).toBe(1);
    expect(argmin(a).item()).toBe(3);
  });

  it('NaN wins, at its first occurrence', () => {
    const a = new NDArray(Float32Array.from([1, NaN, 5, NaN, 2, 7]), [2, 3]);
    expect(max(a).item()).toBeNaN();
    expect(min(a).item()).toBeNaN();
    expect(argmax(a).item()).toBe(1);
    const rows = max(a, 1);
    expect(Array.from(rows.values.toTypedArray())).toEqual([NaN, NaN]);
    expect(Array.from(rows.indices.toTypedArray())).toEqual([1, 0]);
    const cols = min(a, 0);
    expect(Array.from(cols.values.toTypedArray())).toEqual([NaN, NaN, 5]);
    expect(Array.from(cols.indices.toTypedArray())).toEqual([1, 0, 0]);
  });

  it('keeps int32 and bool dtypes for values', () => {
    const i = tensor([[4, -9], [7, 7]], { dtype: 'int32' });
    const m = max(i, 1);
    expect(m.values.dtype).toBe('int32');
    expect(Array.from(m.values.toTypedArray())).toEqual([4, 7]);
    expect(max(tensor([false, true, true])).dtype).toBe('bool');
    expect(argmax(tensor([false, true, true])).item()).toBe(1);
  });

  it('empty reductions are IndexErrors like PyTorch', () => {
    const e = new NDArray(new Float32Array(0), [0, 3]);
    expect(() => max(e)).toThrow(IndexError);
    expect(() => max(e)).toThrow(
      "max(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
    );
    expect(() => argmax(e)).toThrow('argmax(): Expected reduction dim to be specified');
    expect(() => min(e, 0)).toThrow('min(): Expected reduction dim 0 to have non-zero size.');
    expect(() => argmin(e, -2)).toThrow('argmin(): Expected reduction dim 0 to have non-zero size.');
    // reducing a non-empty dim of an empty array is fine
    const r = max(e, 1);
    expect(r.values.shape).toEqual([0]);
    expect(r.indices.shape).toEqual([0]);
  });
});

describe('var and std', () => {
  const sampleVar = (g: number[], c: number) => {
    const m = average(g);
    return total(g.map((x) => (x - m) ** 2)) / Math.max(0, g.length - c);
  };

  for (const [name, a] of views()) {
    it.each(dimCases)(`${name}: dim %j keepdim %s`, (dim, keepdim) => {
      const { shape, groups } = buckets(a, dim, keepdim);
      expectClose(variance(a, dim, keepdim), shape, groups.map((g) => sampleVar(g, 1)));
      expectClose(std(a, dim, keepdim), shape, groups.map((g) => Math.sqrt(sampleVar(g, 1))));
      expectClose(a.var(dim, keepdim, { unbiased: false }), shape, groups.map((g) => sampleVar(g, 0)));
      expectClose(a.std(dim, keepdim, { correction: 2 }), shape, groups.map((g) => Math.sqrt(sampleVar(g, 2))));
    });
  }

  it('divides by n - 1 by default (PyTorch 1.13 unbiased=True)', () => {
    const a = tensor([1, 2, 3, 4]);
    expect(variance(a).item()).toBe(f(5 / 3));
    expect(variance(a, undefined, false, { unbiased: false }).item()).toBe(1.25);
    expect(std(a, 0, false, { correction: 0 }).item()).toBe(f(Math.sqrt(1.25)));
  });

  it('gives NaN for a single element and for an empty reduction', () => {
    expect(variance(tensor([3])).item()).toBeNaN();
    expect(variance(tensor([3]), 0, false, { unbiased: false }).item()).toBe(0);
    expect(std(new NDArray(new Float32Array(0), [0])).item()).toBeNaN();
  });

  it('rejects integers and contradictory options', () => {
    expect(() => variance(tensor([1, 2], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => std(tensor([1, 2]), 0, false, { correction: 1, unbiased: true })).toThrow(ValueError);
    expect(() => std(tensor([1, 2]), 0, false, { correction: 1, unbiased: true })).toThrow(
      'std(): pass either correction (1) or unbiased (true), not both',
    );
  });
});

describe('norm', () => {
  const pNorm = (g: number[], p: number) => {
    if (p === Infinity) return Math.max(...g.map(Math.abs));
    if (p === -Infinity) return Math.min(...g.map(Math.abs));
    if (p === 0) return g.filter((x) => x !== 0).length;
    return total(g.map((x) => Math.abs(x) ** p)) ** (1 / p);
  };

  for (const [name, a] of views()) {
    it.each([2, 1, Infinity, -Infinity, 0, 3, 0.5])(`${name}: p = %s`, (p) => {
      for (const [dim, keepdim] of dimCases) {
        const { shape, groups } = buckets(a, dim, keepdim);
        expectClose(norm(a, p, dim, keepdim), shape, groups.map((g) => pNorm(g, p)));
      }
    });
  }

  it('defaults to the 2-norm of all elements', () => {
    expect(norm(tensor([3, 4])).item()).toBe(5);
    expect(tensor([[3, 4], [0, 0]]).norm().item()).toBe(5);
    expect(tensor([3, -4]).norm(1).item()).toBe(7);
    expect(tensor([3, -4]).norm(Infinity).item()).toBe(4);
  });

  it('propagates NaN in the max norm', () => {
    expect(norm(new NDArray(Float32Array.from([1, NaN, 9]), [3]), Infinity).item()).toBeNaN();
  });

  it('errors: integer input, NaN p, inf norm of an empty reduction', () => {
    expect(() => norm(tensor([1], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => norm(tensor([1]), NaN)).toThrow(ValueError);
    const e = new NDArray(new Float32Array(0), [0]);
    expect(norm(e).item()).toBe(0);
    expect(() => norm(e, Infinity)).toThrow(IndexError);
  });
});

describe('logsumexp', () => {
  const lse = (g: number[]) => {
    const m = Math.max(...g);
    return m + Math.log(total(g.map((x) => Math.exp(x - m))));
  };

  for (const [name, a] of views()) {
    it.each(dimCases)(`${name}: dim %j keepdim %s`, (dim, keepdim) => {
      const { shape, groups } = buckets(a, dim, keepdim);
      expectClose(logsumexp(a, dim, keepdim), shape, groups.map(lse));
      expectClose(a.logsumexp(dim, keepdim), shape, groups.map(lse));
    });
  }

  it('does not overflow, and handles infinities like PyTorch', () => {
    expect(logsumexp(tensor([1000, 1000])).item()).toBe(f(1000 + Math.log(2)));
    expect(logsumexp(tensor([-1000, -1000])).item()).toBe(f(-1000 + Math.log(2)));
    expect(logsumexp(tensor([Infinity, 1])).item()).toBe(Infinity);
    expect(logsumexp(tensor([-Infinity, -Infinity])).item()).toBe(-Infinity);
    expect(logsumexp(new NDArray(new Float32Array(0), [0])).item()).toBe(-Infinity);
  });

  it('promotes integers to float32', () => {
    const r = logsumexp(tensor([0, 0], { dtype: 'int32' }));
    expect(r.dtype).toBe('float32');
    expect(r.item()).toBe(f(Math.log(2)));
  });
});

describe('softmax and logSoftmax', () => {
  for (const [name, a] of views()) {
    it.each([0, 1, 2, -1])(`${name}: dim %i`, (dim) => {
      const d = dim < 0 ? dim + 3 : dim;
      // independent float64 softmax, computed per slice by walking the multi-index
      const values = elements(a);
      const [s0, s1, s2] = a.shape as [number, number, number];
      const at = (i: number, j: number, k: number) => values[(i * s1 + j) * s2 + k]!;
      const expected: number[] = [];
      const expectedLog: number[] = [];
      for (let i = 0; i < s0; i++) {
        for (let j = 0; j < s1; j++) {
          for (let k = 0; k < s2; k++) {
            const slice: number[] = [];
            for (let t = 0; t < a.shape[d]!; t++) slice.push(d === 0 ? at(t, j, k) : d === 1 ? at(i, t, k) : at(i, j, t));
            const z = total(slice.map(Math.exp));
            expected.push(Math.exp(at(i, j, k)) / z);
            expectedLog.push(at(i, j, k) - Math.log(z));
          }
        }
      }
      expectClose(softmax(a, dim), [...a.shape], expected, 1e-6);
      expectClose(logSoftmax(a, dim), [...a.shape], expectedLog, 1e-6);
      expectClose(a.softmax(dim), [...a.shape], expected, 1e-6);
      expectClose(a.logSoftmax(dim), [...a.shape], expectedLog, 1e-6);
    });
  }

  it('is stable for large inputs', () => {
    const s = softmax(tensor([1000, 1001, 1002]), 0);
    const e = [Math.exp(-2), Math.exp(-1), 1];
    const z = total(e);
    expectClose(s, [3], e.map((x) => x / z), 1e-7);
    const l = logSoftmax(tensor([[-1000, 0]]), -1);
    expectClose(l, [1, 2], [-1000, 0], 1e-7);
  });

  it('of a 0-dim array is 1 (log: 0); integers are refused', () => {
    expect(softmax(new NDArray(Float32Array.from([7]), []), 0).item()).toBe(1);
    expect(logSoftmax(new NDArray(Float32Array.from([7]), []), -1).item()).toBe(0);
    expect(() => softmax(tensor([1, 2], { dtype: 'int32' }), 0)).toThrow(DTypeError);
    expect(() => softmax(tensor([1, 2]), 1)).toThrow(IndexError);
  });
});

describe('cumsum', () => {
  it.each([0, 1, 2, -1])('along dim %i of every view', (dim) => {
    for (const [, a] of views()) {
      const d = dim < 0 ? dim + 3 : dim;
      const values = elements(a);
      const [, s1, s2] = a.shape as [number, number, number];
      const strides = [s1 * s2, s2, 1];
      const expected = values.map((_, flat) => {
        const pos = Math.floor(flat / strides[d]!) % a.shape[d]!;
        let s = 0;
        for (let t = 0; t <= pos; t++) s += values[flat - (pos - t) * strides[d]!]!;
        return s;
      });
      expectClose(cumsum(a, dim), [...a.shape], expected);
      expectClose(a.cumsum(dim), [...a.shape], expected);
    }
  });

  it('accumulates in float64 and rounds each output (as PyTorch CPU)', () => {
    const x = Float32Array.from([2 ** 24, 1, 1]);
    expect(Array.from(cumsum(new NDArray(x, [3]), 0).toTypedArray())).toEqual([2 ** 24, 2 ** 24, 2 ** 24 + 2]);
  });

  it('int32 and bool give int32', () => {
    const c = cumsum(tensor([true, false, true]), 0);
    expect(c.dtype).toBe('int32');
    expect(Array.from(c.toTypedArray())).toEqual([1, 1, 2]);
    expect(Array.from(cumsum(tensor([[1, 2], [3, 4]], { dtype: 'int32' }), 0).toTypedArray())).toEqual([1, 2, 4, 6]);
  });
});

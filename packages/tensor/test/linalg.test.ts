/**
 * Matrix products against a naive float64 triple loop that reads operands through their strides:
 * odd sizes (both sides of the packed kernel's thresholds and tile edges), transposed, strided and
 * offset views, every torch.matmul shape rule, dtypes and error messages.
 */
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  NDArray,
  ShapeError,
  bmm,
  dot,
  expand,
  matmul,
  mm,
  narrow,
  outer,
  tensor,
  transpose,
} from '../src/index.js';

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomArray(shape: number[], seed: number, dtype: 'float32' | 'float64' | 'int32' = 'float32'): NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const next = seeded(seed);
  const data = dtype === 'float32' ? new Float32Array(n) : dtype === 'float64' ? new Float64Array(n) : new Int32Array(n);
  for (let i = 0; i < n; i++) data[i] = dtype === 'int32' ? Math.floor(next() * 21) - 10 : next() * 2 - 1;
  return new NDArray(data, shape);
}

/** Element at a multi-index, read through the strides. */
function at(a: NDArray, idx: number[]): number {
  let o = a.offset;
  idx.forEach((i, d) => (o += i * a.strides[d]!));
  return a.data[o]!;
}

/** Reference C = A B for 2-D operands in float64. */
function naive2d(a: NDArray, b: NDArray): number[] {
  const [M, K] = a.shape as [number, number];
  const N = b.shape[1]!;
  const out: number[] = [];
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += at(a, [i, k]) * at(b, [k, j]);
      out.push(s);
    }
  }
  return out;
}

function values(a: NDArray): number[] {
  const out: number[] = [];
  const walk = (d: number, off: number): void => {
    if (d === a.shape.length) {
      out.push(a.data[off]!);
      return;
    }
    for (let i = 0; i < a.shape[d]!; i++) walk(d + 1, off + i * a.strides[d]!);
  };
  walk(0, a.offset);
  return out;
}

function expectClose(actual: NDArray, shape: number[], expected: number[], tol = 1e-5): void {
  expect(actual.shape).toEqual(shape);
  const got = values(actual);
  expect(got.length).toBe(expected.length);
  let worst = 0;
  got.forEach((v, i) => {
    const e = expected[i]!;
    worst = Math.max(worst, Math.abs(v - e) / (1 + Math.abs(e)));
  });
  expect(worst).toBeLessThanOrEqual(tol);
}

/** The transpose of a freshly made [cols, rows] array: a [rows, cols] view with strides [1, rows]. */
function transposed(rows: number, cols: number, seed: number): NDArray {
  return transpose(randomArray([cols, rows], seed), 0, 1);
}

describe('matmul 2-D against a float64 triple loop', () => {
  const sizes = [1, 3, 5, 17, 33, 65, 130];
  const triples: [number, number, number][] = [];
  for (const m of sizes) for (const k of [1, 5, 33, 130]) for (const n of [1, 3, 17, 65]) triples.push([m, k, n]);
  triples.push([130, 130, 130], [64, 300, 70], [257, 3, 9], [2, 600, 2], [100, 1, 100]);

  it.each(triples)('[%i, %i] @ [%i, ...] contiguous', (m, k, n) => {
    const a = randomArray([m, k], m * 1000 + k);
    const b = randomArray([k, n], k * 1000 + n + 7);
    expectClose(matmul(a, b), [m, n], naive2d(a, b));
  });

  it.each([
    [130, 65, 33],
    [65, 130, 17],
    [33, 33, 130],
    [5, 300, 7],
  ])('[%i, %i] @ [%i] with transposed operands', (m, k, n) => {
    const a = randomArray([m, k], 1);
    const b = randomArray([k, n], 2);
    const at = transposed(m, k, 3);
    const bt = transposed(k, n, 4);
    expect(at.strides).toEqual([1, m]);
    expectClose(matmul(at, b), [m, n], naive2d(at, b));
    expectClose(matmul(a, bt), [m, n], naive2d(a, bt));
    expectClose(matmul(at, bt), [m, n], naive2d(at, bt));
    expectClose(at.matmul(bt), [m, n], naive2d(at, bt));
  });

  it('strided and offset views (every other row and column of a larger array)', () => {
    const bigA = randomArray([140, 90], 5);
    const a = new NDArray(bigA.data, [67, 41], [180, 2], 3 * 90 + 5); // rows 3,5,..., cols 5,7,...
    const b = narrow(narrow(randomArray([60, 80], 6), 0, 7, 41), 1, 11, 66);
    expectClose(matmul(a, b), [67, 66], naive2d(a, b));
    expectClose(mm(a, b), [67, 66], naive2d(a, b));
  });

  it('broadcast (stride 0) operands', () => {
    const row = randomArray([1, 40], 7);
    const a = expand(row, [50, 40]);
    const b = randomArray([40, 45], 8);
    expectClose(matmul(a, b), [50, 45], naive2d(a, b));
  });

  it('float64 is exact to float64 rounding', () => {
    const a = randomArray([70, 90], 9, 'float64');
    const b = randomArray([90, 50], 10, 'float64');
    const c = matmul(a, b);
    expect(c.dtype).toBe('float64');
    expectClose(c, [70, 50], naive2d(a, b), 1e-13);
  });

  it('int32 is exact', () => {
    const a = randomArray([40, 50], 11, 'int32');
    const b = randomArray([50, 45], 12, 'int32');
    const c = matmul(a, b);
    expect(c.dtype).toBe('int32');
    expect(values(c)).toEqual(naive2d(a, b));
  });

  it('float32 results are within the float32 accumulation bound of the float64 sums', () => {
    // Like PyTorch's float32 GEMM, the SIMD kernel accumulates in float32: each entry is within
    // (K + 1) * 2^-24 * sum |a_ik * b_kj| of the exact product.
    const a = randomArray([40, 50], 13);
    const b = randomArray([50, 45], 14);
    const got = values(matmul(a, b));
    const exact = naive2d(a, b);
    const absA = a.abs();
    const absB = b.abs();
    const bound = naive2d(absA, absB).map((s) => 51 * 2 ** -24 * s);
    let worst = 0;
    for (let i = 0; i < exact.length; i++) worst = Math.max(worst, Math.abs(got[i]! - exact[i]!) / bound[i]!);
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('K = 0 gives zeros; M or N = 0 gives an empty array', () => {
    const z = matmul(new NDArray(new Float32Array(0), [3, 0]), new NDArray(new Float32Array(0), [0, 4]));
    expect(z.shape).toEqual([3, 4]);
    expect(values(z)).toEqual(new Array(12).fill(0));
    expect(matmul(new NDArray(new Float32Array(0), [0, 5]), randomArray([5, 2], 1)).shape).toEqual([0, 2]);
  });
});

describe('matmul shape rules (torch.matmul)', () => {
  it('1-D @ 1-D is a 0-dim dot product', () => {
    const a = randomArray([7], 1);
    const b = randomArray([7], 2);
    const c = matmul(a, b);
    expect(c.shape).toEqual([]);
    let s = 0;
    for (let i = 0; i < 7; i++) s += at(a, [i]) * at(b, [i]);
    expect(c.item()).toBe(Math.fround(s));
    expect(dot(a, b).item()).toBe(Math.fround(s));
    expect(a.dot(b).item()).toBe(Math.fround(s));
  });

  it('1-D @ 2-D and 2-D @ 1-D remove the promoted dim', () => {
    const v = randomArray([4], 3);
    const m = randomArray([4, 5], 4);
    const r = matmul(v, m);
    expectClose(r, [5], naive2d(new NDArray(v.data, [1, 4]), m));
    const w = randomArray([3, 4], 5);
    expectClose(matmul(w, v), [3], naive2d(w, new NDArray(v.data, [4, 1])));
  });

  /** Reference for batched shapes: broadcast batch indices by hand, then the 2-D loop. */
  function naiveBatched(a: NDArray, b: NDArray): { shape: number[]; data: number[] } {
    const aB = a.shape.slice(0, -2);
    const bB = b.shape.slice(0, -2);
    const n = Math.max(aB.length, bB.length);
    const batch: number[] = [];
    for (let i = 0; i < n; i++) {
      const da = aB[aB.length - n + i] ?? 1;
      const db = bB[bB.length - n + i] ?? 1;
      batch.push(Math.max(da, db));
    }
    const M = a.shape[a.shape.length - 2]!;
    const K = a.shape[a.shape.length - 1]!;
    const N = b.shape[b.shape.length - 1]!;
    const data: number[] = [];
    const count = batch.reduce((x, y) => x * y, 1);
    for (let t = 0; t < count; t++) {
      const idx: number[] = [];
      let rest = t;
      for (let d = n - 1; d >= 0; d--) {
        idx.unshift(rest % batch[d]!);
        rest = Math.floor(rest / batch[d]!);
      }
      const ai = idx.slice(n - aB.length).map((i, d) => (aB[d] === 1 ? 0 : i));
      const bi = idx.slice(n - bB.length).map((i, d) => (bB[d] === 1 ? 0 : i));
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let s = 0;
          for (let k = 0; k < K; k++) s += at(a, [...ai, i, k]) * at(b, [...bi, k, j]);
          data.push(s);
        }
      }
    }
    return { shape: [...batch, M, N], data };
  }

  it.each([
    [[2, 3, 4], [4, 5]],
    [[2, 3, 4], [2, 4, 5]],
    [[2, 1, 3, 4], [5, 4, 6]],
    [[3, 4], [2, 4, 5]],
    [[1, 3, 4], [2, 4, 5]],
    [[2, 40, 33], [33, 17]],
    [[3, 1, 17, 20], [1, 2, 20, 9]],
  ])('%j @ %j', (sa, sb) => {
    const a = randomArray(sa, 21);
    const b = randomArray(sb, 22);
    const { shape, data } = naiveBatched(a, b);
    expectClose(matmul(a, b), shape, data);
  });

  it('batched with a transposed batch of A (not foldable into one product)', () => {
    const a = transpose(randomArray([3, 2, 4], 23), 0, 1); // [2, 3, 4], batch stride 4
    const b = randomArray([4, 5], 24);
    const { shape, data } = naiveBatched(a, b);
    expectClose(matmul(a, b), shape, data);
  });

  it('1-D operands against batched ones', () => {
    const v = randomArray([4], 25);
    const m = randomArray([2, 4, 3], 26);
    const r = matmul(v, m);
    expect(r.shape).toEqual([2, 3]);
    const { data } = naiveBatched(new NDArray(v.data, [1, 4]), m);
    expectClose(r, [2, 3], data);
    const m2 = randomArray([2, 3, 4], 27);
    const r2 = matmul(m2, v);
    expect(r2.shape).toEqual([2, 3]);
    expectClose(r2, [2, 3], naiveBatched(m2, new NDArray(v.data, [4, 1])).data);
  });

  it('bmm and mm', () => {
    const a = randomArray([3, 5, 6], 28);
    const b = randomArray([3, 6, 2], 29);
    const { shape, data } = naiveBatched(a, b);
    expectClose(bmm(a, b), shape, data);
    expectClose(a.bmm(b), shape, data);
    const x = randomArray([5, 6], 30);
    const y = randomArray([6, 2], 31);
    expectClose(x.mm(y), [5, 2], naive2d(x, y));
  });

  it('outer', () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([0.5, -1]);
    const o = outer(a, b);
    expect(o.shape).toEqual([3, 2]);
    expect(values(o)).toEqual([0.5, -1, 1, -2, 1.5, -3]);
    expect(values(a.outer(b))).toEqual(values(o));
    const i = outer(tensor([65536, 3], { dtype: 'int32' }), tensor([65536, 2], { dtype: 'int32' }));
    expect(i.dtype).toBe('int32');
    expect(values(i)).toEqual([0, 131072, 196608, 6]);
  });
});

describe('matmul errors', () => {
  const z = (...shape: number[]) => new NDArray(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);

  it('inner dims that differ', () => {
    expect(() => matmul(z(3, 4), z(5, 6))).toThrow(ShapeError);
    expect(() => matmul(z(3, 4), z(5, 6))).toThrow('matmul: shapes [3, 4] and [5, 6] cannot be multiplied (4 != 5)');
    expect(() => matmul(z(3), z(4))).toThrow('matmul: shapes [3] and [4] cannot be multiplied (3 != 4)');
    expect(() => matmul(z(2, 3, 4), z(3))).toThrow('matmul: shapes [2, 3, 4] and [3] cannot be multiplied (4 != 3)');
    expect(() => mm(z(3, 4), z(5, 6))).toThrow('mm: shapes [3, 4] and [5, 6] cannot be multiplied (4 != 5)');
    expect(() => dot(z(3), z(4))).toThrow('dot: shapes [3] and [4] cannot be multiplied (3 != 4)');
  });

  it('batch dims that do not broadcast', () => {
    expect(() => matmul(z(2, 3, 4), z(3, 4, 5))).toThrow(
      'matmul: batch dims of shapes [2, 3, 4] and [3, 4, 5] cannot be broadcast (dim -3: 2 vs 3)',
    );
    expect(() => bmm(z(2, 3, 4), z(3, 4, 5))).toThrow(
      'bmm: batch sizes of shapes [2, 3, 4] and [3, 4, 5] differ (2 != 3)',
    );
  });

  it('wrong ranks', () => {
    expect(() => matmul(z(), z(3))).toThrow('matmul: both arguments need to be at least 1-D, but got shapes [] and [3]');
    expect(() => mm(z(3), z(3, 4))).toThrow('mm: expected 2-D operands, got shapes [3] and [3, 4]');
    expect(() => bmm(z(3, 4), z(3, 4, 5))).toThrow('bmm: expected 3-D operands, got shapes [3, 4] and [3, 4, 5]');
    expect(() => dot(z(2, 3), z(3))).toThrow('dot: expected 1-D operands, got shapes [2, 3] and [3]');
    expect(() => outer(z(2, 3), z(3))).toThrow('outer: expected 1-D operands, got shapes [2, 3] and [3]');
  });

  it('mixed dtypes and bool are DTypeErrors', () => {
    const d = new NDArray(new Float64Array(12), [4, 3]);
    expect(() => matmul(z(3, 4), d)).toThrow(DTypeError);
    expect(() => matmul(z(3, 4), d)).toThrow(
      'matmul: expected both operands to have the same dtype, got float32 and float64 (PyTorch: expected scalar type Float but found Double)',
    );
    expect(() => dot(tensor([true]), tensor([true]))).toThrow(DTypeError);
  });
});

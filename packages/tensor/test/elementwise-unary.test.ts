/**
 * Unary ops: values against binary64 formulas rounded with Math.fround (or PyTorch's intermediate
 * float32 roundings), the dtypes they return, special values (NaN, -0, halves), strided inputs.
 */
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  NDArray,
  ValueError,
  abs,
  ceil,
  clamp,
  cos,
  exp,
  floor,
  log,
  log1p,
  neg,
  relu,
  round,
  rsqrt,
  sigmoid,
  sign,
  sin,
  sqrt,
  tanh,
} from '../src/index.js';

const f32 = (values: number[], shape = [values.length]): NDArray => new NDArray(Float32Array.from(values), shape);
const f64 = (values: number[], shape = [values.length]): NDArray => new NDArray(Float64Array.from(values), shape);
const i32 = (values: number[], shape = [values.length]): NDArray => new NDArray(Int32Array.from(values), shape);
const bool = (values: number[], shape = [values.length]): NDArray => new NDArray(Uint8Array.from(values), shape);
const vals = (a: NDArray): number[] => Array.from(a.data);
const fr = Math.fround;

const xs = [-3.7, -2.5, -1, -0.3, 0.2, 0.5, 1.5, 2.5, 3.25, 7.9].map(fr);
const pos = xs.map((x) => fr(Math.abs(x) + 0.01));

describe('floating functions', () => {
  it.each([
    ['exp', exp, Math.exp, xs],
    ['log', log, Math.log, pos],
    ['log1p', log1p, Math.log1p, pos],
    ['sqrt', sqrt, Math.sqrt, pos],
    ['sin', sin, Math.sin, xs],
    ['cos', cos, Math.cos, xs],
    ['tanh', tanh, Math.tanh, xs],
  ] as const)('%s is the binary64 function rounded once', (_name, op, f, input) => {
    const out = op(f32(input, [2, 5]));
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([2, 5]);
    expect(vals(out)).toEqual(input.map((x) => fr(f(x))));
  });

  it('rsqrt is 1 / sqrtf(x): two float32 roundings', () => {
    expect(vals(rsqrt(f32(pos)))).toEqual(pos.map((x) => fr(1 / fr(Math.sqrt(x)))));
  });

  it('sigmoid follows the float32 steps of PyTorch 1 / (1 + expf(-x))', () => {
    expect(vals(sigmoid(f32(xs)))).toEqual(xs.map((x) => fr(1 / fr(1 + fr(Math.exp(-x))))));
    // PyTorch 1.13 values from ops.json (the scalar tail of the sigmoid case)
    const torchIn = [1.252307653427124, 0.0015265755355358124, -0.73664391040802, -0.1819196343421936];
    const torchOut = [0.7776990532875061, 0.5003816485404968, 0.3237384557723999, 0.4546451270580292];
    expect(vals(sigmoid(f32(torchIn)))).toEqual(torchOut);
  });

  it('float64 arrays compute in float64', () => {
    const x = [0.1, -2.5, 3];
    expect(vals(exp(f64(x)))).toEqual(x.map(Math.exp));
    expect(vals(sigmoid(f64(x)))).toEqual(x.map((v) => 1 / (1 + Math.exp(-v))));
    expect(vals(rsqrt(f64([2])))).toEqual([1 / Math.sqrt(2)]);
    expect(exp(f64(x)).dtype).toBe('float64');
  });

  it('int32 and bool inputs give float32, as PyTorch', () => {
    const e = exp(i32([0, 1, 2]));
    expect(e.dtype).toBe('float32');
    expect(vals(e)).toEqual([1, fr(Math.E), fr(Math.exp(2))]);
    const s = sqrt(bool([1, 0]));
    expect(s.dtype).toBe('float32');
    expect(vals(s)).toEqual([1, 0]);
  });

  it('special values: log(0), log(-1), sqrt(-1), exp overflow', () => {
    const out = vals(log(f32([0, -1])));
    expect(out[0]).toBe(-Infinity);
    expect(out[1]).toBeNaN();
    expect(vals(sqrt(f32([-1])))[0]).toBeNaN();
    expect(vals(exp(f32([100])))).toEqual([Infinity]); // beyond float32
    expect(vals(exp(f64([100])))).toEqual([Math.exp(100)]);
  });

  it('the methods', () => {
    const a = f32(pos);
    expect(vals(a.exp())).toEqual(vals(exp(a)));
    expect(vals(a.log())).toEqual(vals(log(a)));
    expect(vals(a.sqrt())).toEqual(vals(sqrt(a)));
    expect(vals(a.sigmoid())).toEqual(vals(sigmoid(a)));
    expect(vals(a.tanh())).toEqual(vals(tanh(a)));
    expect(vals(a.neg())).toEqual(pos.map((x) => -x));
    expect(vals(a.round())).toEqual(vals(round(a)));
  });
});

describe('dtype-keeping ops', () => {
  it('neg, abs, relu, sign on float32 with NaN and signed zeros', () => {
    const a = f32([-2, -0, 0, 3, NaN]);
    const n = vals(neg(a));
    expect(n.slice(0, 4)).toEqual([2, 0, -0, -3]);
    expect(Object.is(n[1], 0) && Object.is(n[2], -0)).toBe(true);
    expect(vals(abs(a)).slice(0, 4)).toEqual([2, 0, 0, 3]);
    expect(Object.is(vals(abs(a))[1], 0)).toBe(true);
    const r = vals(relu(a));
    expect(r.slice(0, 4)).toEqual([0, -0, 0, 3]);
    expect(r[4]).toBeNaN(); // NaN passes through relu
    const s = vals(sign(a));
    expect(s).toEqual([-1, 0, 0, 1, 0]); // sign(NaN) is 0 in PyTorch
    expect(Object.is(s[1], 0)).toBe(true);
  });

  it('round is half to even; floor and ceil', () => {
    const a = f32([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6, 1e8 + 4]);
    const r = vals(round(a));
    expect(r).toEqual([0, 2, 2, -0, -2, -2, 2, -3, fr(1e8 + 4)]);
    expect(Object.is(r[3], -0)).toBe(true);
    expect(vals(floor(f32([1.5, -1.5, -0.2])))).toEqual([1, -2, -1]);
    expect(vals(ceil(f32([1.5, -1.5, -0.2])))).toEqual([2, -1, -0]);
    expect(vals(round(f64([2.5, 3.5, -4.5])))).toEqual([2, 4, -4]);
  });

  it('int32 inputs stay int32', () => {
    const a = i32([-3, 0, 4, -(2 ** 31)]);
    for (const op of [neg, abs, relu, sign, floor, ceil, round]) expect(op(a).dtype).toBe('int32');
    expect(vals(neg(a))).toEqual([3, 0, -4, -(2 ** 31)]); // -(-2^31) wraps, as in C
    expect(vals(abs(a))).toEqual([3, 0, 4, -(2 ** 31)]);
    expect(vals(relu(a))).toEqual([0, 0, 4, 0]);
    expect(vals(sign(a))).toEqual([-1, 0, 1, -1]);
    expect(vals(round(a))).toEqual([-3, 0, 4, -(2 ** 31)]);
  });

  it('neg of bool is refused, as PyTorch', () => {
    expect(() => neg(bool([1]))).toThrow(DTypeError);
    expect(() => neg(bool([1]))).toThrow('neg: negation, the `-` operator, on a bool tensor is not supported');
    expect(abs(bool([1, 0])).dtype).toBe('bool');
  });
});

describe('clamp', () => {
  it('both bounds, one bound, NaN kept, bounds rounded to float32', () => {
    const a = f32([-2, 0.05, 0.1, 3, NaN]);
    const c = vals(clamp(a, -1, 1));
    expect(c.slice(0, 4)).toEqual([-1, fr(0.05), fr(0.1), 1]);
    expect(c[4]).toBeNaN();
    expect(vals(clamp(a, 0.1)).slice(0, 4)).toEqual([fr(0.1), fr(0.1), fr(0.1), 3]);
    expect(vals(clamp(a, undefined, 0)).slice(0, 4)).toEqual([-2, 0, 0, 0]);
    expect(vals(clamp(a, null, 0)).slice(0, 4)).toEqual([-2, 0, 0, 0]);
    expect(vals(a.clamp(0, 0.5)).slice(0, 4)).toEqual([0, fr(0.05), fr(0.1), 0.5]);
  });

  it('min > max sets every element to max, as torch.clamp', () => {
    expect(vals(clamp(f32([-5, 0, 5]), 2, 1))).toEqual([1, 1, 1]);
  });

  it('keeps int32', () => {
    const c = clamp(i32([-5, 0, 5]), -2, 3);
    expect(c.dtype).toBe('int32');
    expect(vals(c)).toEqual([-2, 0, 3]);
  });

  it('needs a bound', () => {
    expect(() => clamp(f32([1]))).toThrow(ValueError);
    expect(() => clamp(f32([1]))).toThrow("clamp: at least one of 'min' or 'max' must not be None");
  });
});

describe('strided inputs', () => {
  it('a transposed view is read in its own row-major order; the result is contiguous', () => {
    const base = Float32Array.from([1, 4, 9, 16, 25, 36]); // [2, 3]
    const t = new NDArray(base, [3, 2], [1, 3]); // [[1, 16], [4, 25], [9, 36]]
    const out = sqrt(t);
    expect(out.shape).toEqual([3, 2]);
    expect(out.isContiguous()).toBe(true);
    expect(vals(out)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(vals(neg(new NDArray(base, [2], [1], 4)))).toEqual([-25, -36]);
  });

  it('0-dim and empty arrays', () => {
    const z = exp(f32([0], []));
    expect(z.shape).toEqual([]);
    expect(vals(z)).toEqual([1]);
    expect(exp(f32([], [0, 2])).shape).toEqual([0, 2]);
  });
});

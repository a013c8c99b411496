/**
 * Binary arithmetic: values against float64 formulas rounded once with Math.fround (or PyTorch's
 * intermediate roundings where its kernel has them), broadcasting shapes, the result dtypes of
 * PyTorch's type promotion, strided operands, and the errors.
 */
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  NDArray,
  ShapeError,
  ValueError,
  add,
  div,
  maximum,
  minimum,
  mul,
  pow,
  remainder,
  sub,
} from '../src/index.js';

const f32 = (values: number[], shape = [values.length]): NDArray => new NDArray(Float32Array.from(values), shape);
const f64 = (values: number[], shape = [values.length]): NDArray => new NDArray(Float64Array.from(values), shape);
const i32 = (values: number[], shape = [values.length]): NDArray => new NDArray(Int32Array.from(values), shape);
const bool = (values: number[], shape = [values.length]): NDArray => new NDArray(Uint8Array.from(values), shape);
const vals = (a: NDArray): number[] => Array.from(a.data);
const fr = Math.fround;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/** n float32 values, normal-ish in [-3, 3). */
function randomValues(seed: number, n: number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => fr((r() + r() + r() - 1.5) * 2));
}

describe('same-shape float32 arithmetic', () => {
  const a = randomValues(1, 12);
  const b = randomValues(2, 12);
  const A = f32(a, [3, 4]);
  const B = f32(b, [3, 4]);
  it.each([
    ['add', add, (x: number, y: number) => x + y],
    ['sub', sub, (x: number, y: number) => x - y],
    ['mul', mul, (x: number, y: number) => x * y],
    ['div', div, (x: number, y: number) => x / y],
  ] as const)('%s rounds the exact result once', (_name, op, f) => {
    const out = op(A, B);
    expect(out.dtype).toBe('float32');
    expect(out.shape).toEqual([3, 4]);
    expect(vals(out)).toEqual(a.map((x, i) => fr(f(x, b[i]!))));
  });

  it('methods delegate to the functions', () => {
    expect(vals(A.add(B))).toEqual(vals(add(A, B)));
    expect(vals(A.sub(B, { alpha: 2 }))).toEqual(vals(sub(A, B, { alpha: 2 })));
    expect(vals(A.mul(2))).toEqual(a.map((x) => fr(x * 2)));
    expect(vals(A.div(B, { roundingMode: 'floor' }))).toEqual(vals(div(A, B, { roundingMode: 'floor' })));
    expect(vals(A.maximum(B))).toEqual(a.map((x, i) => Math.max(x, b[i]!)));
    expect(vals(A.minimum(0))).toEqual(a.map((x) => Math.min(x, 0)));
    expect(vals(A.remainder(0.75))).toEqual(vals(remainder(A, 0.75)));
    expect(vals(A.pow(2))).toEqual(a.map((x) => fr(x * x)));
  });

  it('float64 arrays compute in float64', () => {
    const out = add(f64([0.1, 0.2]), f64([0.2, 0.4]));
    expect(out.dtype).toBe('float64');
    expect(vals(out)).toEqual([0.1 + 0.2, 0.2 + 0.4]);
  });
});

describe('broadcasting', () => {
  it('[3, 1] + [1, 4] gives [3, 4]', () => {
    const a = randomValues(3, 3);
    const b = randomValues(4, 4);
    const out = add(f32(a, [3, 1]), f32(b, [1, 4]));
    expect(out.shape).toEqual([3, 4]);
    expect(vals(out)).toEqual(a.flatMap((x) => b.map((y) => fr(x + y))));
  });

  it('[2, 3, 4] * [4] gives [2, 3, 4]', () => {
    const a = randomValues(5, 24);
    const b = randomValues(6, 4);
    const out = mul(f32(a, [2, 3, 4]), f32(b));
    expect(out.shape).toEqual([2, 3, 4]);
    expect(vals(out)).toEqual(a.map((x, i) => fr(x * b[i % 4]!)));
  });

  it('[2, 3, 4] - [3, 1] and the reverse', () => {
    const a = randomValues(7, 24);
    const b = randomValues(8, 3);
    const col = (i: number) => b[Math.floor(i / 4) % 3]!;
    expect(vals(sub(f32(a, [2, 3, 4]), f32(b, [3, 1])))).toEqual(a.map((x, i) => fr(x - col(i))));
    const rev = sub(f32(b, [3, 1]), f32(a, [2, 3, 4]));
    expect(rev.shape).toEqual([2, 3, 4]);
    expect(vals(rev)).toEqual(a.map((x, i) => fr(col(i) - x)));
  });

  it('a 0-dim array with [3, 4], on either side', () => {
    const a = randomValues(9, 12);
    const z = f32([1.75], []);
    const out = div(z, f32(a, [3, 4]));
    expect(out.shape).toEqual([3, 4]);
    expect(vals(out)).toEqual(a.map((x) => fr(1.75 / x)));
    expect(vals(sub(f32(a, [3, 4]), z))).toEqual(a.map((x) => fr(x - 1.75)));
  });

  it('0-dim with 0-dim stays 0-dim; [1, 1] with 0-dim is [1, 1]', () => {
    const out = add(f32([1.5], []), f32([2.25], []));
    expect(out.shape).toEqual([]);
    expect(vals(out)).toEqual([3.75]);
    expect(add(f32([1.5], []), f32([2], [1, 1])).shape).toEqual([1, 1]);
    expect(add(f32([2], [1, 1]), f32([1.5], [])).shape).toEqual([1, 1]);
  });

  it('size-0 dims broadcast to empty results', () => {
    const out = add(f32([], [0, 3]), f32([1, 2, 3]));
    expect(out.shape).toEqual([0, 3]);
    expect(out.size).toBe(0);
  });

  it('shapes that do not broadcast throw a ShapeError naming op, shapes and dim', () => {
    expect(() => add(f32(randomValues(1, 12), [3, 4]), f32([1, 2, 3, 4, 5]))).toThrow(ShapeError);
    expect(() => add(f32(randomValues(1, 12), [3, 4]), f32([1, 2, 3, 4, 5]))).toThrow(
      'add: shapes [3, 4] and [5] cannot be broadcast (dim -1: 4 vs 5)',
    );
    expect(() => mul(f32([1, 2], [2, 1]), f32([1, 2, 3], [3, 1]))).toThrow(
      'mul: shapes [2, 1] and [3, 1] cannot be broadcast (dim -2: 2 vs 3)',
    );
  });
});

describe('number operands', () => {
  const a = randomValues(10, 12);
  const A = f32(a, [3, 4]);

  it('tensor OP number and number OP tensor', () => {
    expect(vals(add(A, 2.5))).toEqual(a.map((x) => fr(x + 2.5)));
    expect(vals(sub(1.5, A))).toEqual(a.map((x) => fr(1.5 - x)));
    expect(vals(div(2, A))).toEqual(a.map((x) => fr(2 / x)));
    expect(vals(div(A, 4))).toEqual(a.map((x) => fr(x / 4)));
    expect(vals(mul(3, A))).toEqual(a.map((x) => fr(3 * x)));
    expect(sub(1.5, A).shape).toEqual([3, 4]);
  });

  it('the number is cast to float32 before the operation, as PyTorch does', () => {
    const r = rng(12);
    const xs = Array.from({ length: 200 }, () => fr(r() * 100));
    const out = vals(mul(f32(xs), 0.1));
    expect(out).toEqual(xs.map((x) => fr(x * fr(0.1))));
    // casting first is observable: some products differ from rounding x * 0.1 once
    expect(xs.some((x) => fr(x * fr(0.1)) !== fr(x * 0.1))).toBe(true);
  });

  it('a float64 0-dim array is cast to float32 the same way', () => {
    const out = add(f32([1, 3]), f64([0.1], []));
    expect(out.dtype).toBe('float32');
    expect(vals(out)).toEqual([fr(1 + fr(0.1)), fr(3 + fr(0.1))]);
  });

  it('two numbers are refused', () => {
    expect(() => add(1, 2)).toThrow(ValueError);
    expect(() => add(1, 2)).toThrow('add: expected at least one NDArray operand, got two numbers');
  });
});

describe('result dtypes (PyTorch type promotion)', () => {
  it.each([
    ['int32 + int32', () => add(i32([1, 2]), i32([3, 4])), 'int32', [4, 6]],
    ['int32 + 2 (integer number)', () => add(i32([1, 2]), 2), 'int32', [3, 4]],
    ['int32 + 2.5', () => add(i32([1, 2]), 2.5), 'float32', [3.5, 4.5]],
    ['int32 + bool', () => add(i32([1, 2]), bool([1, 0])), 'int32', [2, 2]],
    ['float32 + float64 0-dim', () => add(f32([1, 2]), f64([0.5], [])), 'float32', [1.5, 2.5]],
    ['float32 + float64 [2]', () => add(f32([1, 2]), f64([0.1, 0.1])), 'float64', [1 + 0.1, 2 + 0.1]],
    ['int32 [2] + float64 0-dim', () => add(i32([1, 2]), f64([0.1], [])), 'float64', [1.1, 2.1]],
    ['int32 0-dim + float32 [2]', () => add(i32([3], []), f32([0.5, 1])), 'float32', [3.5, 4]],
    ['float32 0-dim + int32 [2]', () => add(f32([0.5], []), i32([1, 2])), 'float32', [1.5, 2.5]],
    ['bool + bool is logical or', () => add(bool([1, 1, 0, 0]), bool([1, 0, 1, 0])), 'bool', [1, 1, 1, 0]],
    ['bool * bool is logical and', () => mul(bool([1, 1, 0, 0]), bool([1, 0, 1, 0])), 'bool', [1, 0, 0, 0]],
    ['bool + 1 (integer number)', () => add(bool([1, 0]), 1), 'int32', [2, 1]],
    ['int32 / int32 (true division)', () => div(i32([7, -7]), i32([2, 2])), 'float32', [3.5, -3.5]],
    ['bool / bool', () => div(bool([1, 0]), bool([1, 1])), 'float32', [1, 0]],
    ['int32 maximum float32', () => maximum(i32([1, 5]), f32([2.5, 2.5])), 'float32', [2.5, 5]],
  ])('%s', (_label, run, dtype, expected) => {
    const out = run();
    expect(out.dtype).toBe(dtype);
    expect(vals(out)).toEqual(expected);
  });

  it('int32 arithmetic wraps like C (two-complement)', () => {
    expect(vals(add(i32([2 ** 31 - 1]), 1))).toEqual([-(2 ** 31)]);
    expect(vals(mul(i32([65536, 46341]), i32([65536, 46341])))).toEqual([0, Math.imul(46341, 46341)]);
    expect(vals(sub(i32([-(2 ** 31)]), 1))).toEqual([2 ** 31 - 1]);
  });

  it('int32 values beyond 2^24 are rounded to float32 before a float32 operation', () => {
    // 16777217 is no float32; PyTorch casts it to 16777216 first, then adds 0.5 (and rounds)
    const out = add(i32([16777217]), 0.5);
    expect(out.dtype).toBe('float32');
    expect(vals(out)).toEqual([fr(16777216 + 0.5)]);
    expect(vals(sub(f32([0]), i32([16777217])))).toEqual([-16777216]);
  });

  it('add with an integer alpha on int32; a fractional alpha is refused', () => {
    expect(vals(add(i32([1, 2]), i32([10, 20]), { alpha: 3 }))).toEqual([31, 62]);
    expect(vals(sub(i32([1, 2]), i32([10, 20]), { alpha: 2 }))).toEqual([-19, -38]);
    expect(() => add(i32([1]), i32([1]), { alpha: 0.5 })).toThrow(DTypeError);
    expect(() => add(i32([1]), i32([1]), { alpha: 0.5 })).toThrow(
      'add: for integral input tensors, argument alpha must not be a floating point number',
    );
    expect(vals(add(f32([1]), f32([3]), { alpha: 0.5 }))).toEqual([2.5]);
  });

  it('sub refuses bool operands, as PyTorch', () => {
    expect(() => sub(bool([1]), bool([0]))).toThrow(DTypeError);
    expect(() => sub(f32([1]), bool([0]))).toThrow('sub: subtraction, the `-` operator, with a bool tensor is not supported');
    expect(() => sub(1, bool([0]))).toThrow(DTypeError);
  });
});

describe('div rounding modes', () => {
  it("'trunc' and 'floor' on floats", () => {
    const a = f32([7, -7, 7.5, -7.5, 0.5, -0.5]);
    expect(vals(div(a, 2, { roundingMode: 'trunc' }))).toEqual([3, -3, 3, -3, 0, -0]);
    expect(vals(div(a, 2, { roundingMode: 'floor' }))).toEqual([3, -4, 3, -4, 0, -1]);
    expect(vals(div(a, -2, { roundingMode: 'floor' }))).toEqual([-4, 3, -4, 3, -1, 0]);
    expect(div(a, 2, { roundingMode: 'floor' }).dtype).toBe('float32');
  });

  it("'floor' keeps the sign of a zero quotient and divides by zero like IEEE", () => {
    const out = vals(div(f32([1, -1, 0]), f32([1e30, 1e30, 0]), { roundingMode: 'floor' }));
    expect(Object.is(out[0], 0)).toBe(true);
    expect(out[1]).toBe(-1);
    expect(out[2]).toBeNaN();
    expect(vals(div(f32([1, -1]), 0, { roundingMode: 'floor' }))).toEqual([Infinity, -Infinity]);
  });

  it('on int32 the dtype is kept; integer division by zero throws', () => {
    const a = i32([7, -7, 6]);
    const t = div(a, 2, { roundingMode: 'trunc' });
    expect(t.dtype).toBe('int32');
    expect(vals(t)).toEqual([3, -3, 3]);
    expect(vals(div(a, i32([2, 2, -4]), { roundingMode: 'floor' }))).toEqual([3, -4, -2]);
    expect(() => div(a, 0, { roundingMode: 'floor' })).toThrow(ValueError);
    expect(() => div(a, 0, { roundingMode: 'trunc' })).toThrow('div: ZeroDivisionError (integer division by zero)');
  });

  it('an unknown mode is a ValueError', () => {
    expect(() => div(f32([1]), 2, { roundingMode: 'round' as 'floor' })).toThrow(
      "div: expected rounding_mode to be one of None, 'trunc', or 'floor' but found 'round'",
    );
  });
});

describe('pow', () => {
  const a = randomValues(20, 12).map((x) => fr(Math.abs(x) + 0.25));
  const A = f32(a, [3, 4]);

  it('PyTorch special exponents on float32: 2, 3, 0.5, -0.5, -1, -2', () => {
    expect(vals(pow(A, 2))).toEqual(a.map((x) => fr(x * x)));
    expect(vals(pow(A, 3))).toEqual(a.map((x) => fr(fr(x * x) * x)));
    expect(vals(pow(A, 0.5))).toEqual(a.map((x) => fr(Math.sqrt(x))));
    expect(vals(pow(A, -0.5))).toEqual(a.map((x) => fr(1 / fr(Math.sqrt(x)))));
    expect(vals(pow(A, -1))).toEqual(a.map((x) => fr(1 / x)));
    expect(vals(pow(A, -2))).toEqual(a.map((x) => fr(1 / fr(x * x))));
  });

  it('x*x*x is two float32 products (not the cube rounded once)', () => {
    const xs = randomValues(21, 300);
    expect(vals(pow(f32(xs), 3))).toEqual(xs.map((x) => fr(fr(x * x) * x)));
    expect(xs.some((x) => fr(fr(x * x) * x) !== fr(x * x * x))).toBe(true);
  });

  it('other exponents, tensor exponents and a number base: Math.pow rounded once', () => {
    expect(vals(pow(A, 2.5))).toEqual(a.map((x) => fr(Math.pow(x, 2.5))));
    expect(vals(pow(A, -1.5))).toEqual(a.map((x) => fr(Math.pow(x, -1.5))));
    const b = randomValues(22, 12);
    expect(vals(pow(A, f32(b, [3, 4])))).toEqual(a.map((x, i) => fr(Math.pow(x, b[i]!))));
    expect(vals(pow(2, f32(b)))).toEqual(b.map((y) => fr(Math.pow(2, y))));
    const col = pow(f32(a.slice(0, 3), [3, 1]), f32(b.slice(0, 4), [1, 4]));
    expect(col.shape).toEqual([3, 4]);
    expect(vals(col)).toEqual(a.slice(0, 3).flatMap((x) => b.slice(0, 4).map((y) => fr(Math.pow(x, y)))));
  });

  it('on int32: integer powers stay int32 (wrapping), fractional ones give float32', () => {
    const out = pow(i32([2, 3, -2, 0]), 3);
    expect(out.dtype).toBe('int32');
    expect(vals(out)).toEqual([8, 27, -8, 0]);
    expect(vals(pow(i32([2]), 31))).toEqual([-(2 ** 31)]);
    const f = pow(i32([4, 2]), 0.5);
    expect(f.dtype).toBe('float32');
    expect(vals(f)).toEqual([2, fr(Math.SQRT2)]);
    expect(vals(pow(i32([2, 3]), i32([3, 2])))).toEqual([8, 9]);
    expect(vals(pow(i32([2, 1, -1]), i32([-1, -1, -1])))).toEqual([0, 1, -1]);
  });

  it('int32 to a negative integer number power throws, as PyTorch', () => {
    expect(() => pow(i32([2]), -1)).toThrow(ValueError);
    expect(() => pow(i32([2]), -1)).toThrow('pow: Integers to negative integer powers are not allowed.');
  });
});

describe('maximum, minimum, remainder', () => {
  it('maximum and minimum propagate NaN', () => {
    const a = f32([1, NaN, -2, 5]);
    const b = f32([2, 0, NaN, -5]);
    const mx = vals(maximum(a, b));
    expect(mx[0]).toBe(2);
    expect(mx[1]).toBeNaN();
    expect(mx[2]).toBeNaN();
    expect(mx[3]).toBe(5);
    const mn = vals(minimum(a, b));
    expect([mn[0], mn[3]]).toEqual([1, -5]);
    expect(mn[1]).toBeNaN();
  });

  it('remainder takes the sign of the divisor (Python %)', () => {
    expect(vals(remainder(f32([-3, 3, -3.5, 3.5, 4]), 2))).toEqual([1, 1, 0.5, 1.5, 0]);
    expect(vals(remainder(f32([-3, 3]), -2))).toEqual([-1, -1]);
    expect(vals(remainder(5, f32([3, -3])))).toEqual([2, -1]);
    expect(vals(remainder(i32([-7, 7, -6]), 3))).toEqual([2, 1, 0]);
    expect(vals(remainder(i32([-7, 7]), -3))).toEqual([-1, -2]);
    expect(vals(remainder(f32([1]), 0))[0]).toBeNaN();
    expect(() => remainder(i32([1]), 0)).toThrow('remainder: ZeroDivisionError (integer division by zero)');
  });

  it('float32 remainder rounds mod + divisor once', () => {
    const xs = randomValues(30, 100);
    const d = fr(0.3);
    expect(vals(remainder(f32(xs), 0.3))).toEqual(
      xs.map((x) => {
        const m = x % d;
        return fr(m !== 0 && m < 0 !== d < 0 ? m + d : m);
      }),
    );
  });

  it('remainder and pow are not defined on bool', () => {
    expect(() => remainder(bool([1]), bool([1]))).toThrow(DTypeError);
    expect(() => remainder(bool([1]), bool([1]))).toThrow('remainder: dtype bool is not supported');
  });
});

describe('strided operands', () => {
  it('a transposed view with a contiguous array', () => {
    const base = randomValues(40, 12); // [3, 4]
    const t = new NDArray(Float32Array.from(base), [4, 3], [1, 4]); // its transpose
    const c = randomValues(41, 12);
    const out = add(t, f32(c, [4, 3]));
    expect(out.shape).toEqual([4, 3]);
    const expected: number[] = [];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) expected.push(fr(base[j * 4 + i]! + c[i * 3 + j]!));
    expect(vals(out)).toEqual(expected);
  });

  it('offset views, expanded (stride 0) views and a strided view with a scalar', () => {
    const data = Float32Array.from([10, 1, 2, 3, 4, 5]);
    const tail = new NDArray(data, [2, 2], [2, 1], 2); // [[2, 3], [4, 5]]
    expect(vals(mul(tail, f32([1, 10])))).toEqual([2, 30, 4, 50]);
    expect(vals(sub(tail, 1))).toEqual([1, 2, 3, 4]); // contiguous with an offset
    const expanded = new NDArray(data, [3, 2], [0, 1], 1); // [1, 2] repeated
    expect(vals(add(expanded, f32([0, 10, 20], [3, 1])))).toEqual([1, 2, 11, 12, 21, 22]);
    const everyOther = new NDArray(data, [3], [2], 0); // [10, 2, 4]
    expect(vals(div(everyOther, 2))).toEqual([5, 1, 2]);
    expect(vals(div(2, everyOther))).toEqual([fr(0.2), 1, 0.5]);
  });

  it('int32 broadcasting and strided reads go through the generic loop', () => {
    const a = new NDArray(Int32Array.from([1, 2, 3, 4, 5, 6]), [3, 2], [1, 3]); // transpose of [[1,2,3],[4,5,6]]
    expect(vals(mul(a, i32([10, 100])))).toEqual([10, 400, 20, 500, 30, 600]);
  });
});

/**
 * In-place ops: they return the same object, write into its storage through its view (transposed,
 * offset, strided), broadcast the other operand to the destination's shape only, and refuse results
 * that cannot be cast to the destination's dtype.
 */
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  NDArray,
  ShapeError,
  ValueError,
  abs_,
  add,
  add_,
  addcdiv_,
  clamp_,
  copy_,
  div_,
  exp_,
  fill_,
  mul_,
  neg_,
  sqrt_,
  sub_,
  zero_,
} from '../src/index.js';

const f32 = (values: number[], shape = [values.length]): NDArray => new NDArray(Float32Array.from(values), shape);
const f64 = (values: number[], shape = [values.length]): NDArray => new NDArray(Float64Array.from(values), shape);
const i32 = (values: number[], shape = [values.length]): NDArray => new NDArray(Int32Array.from(values), shape);
const bool = (values: number[], shape = [values.length]): NDArray => new NDArray(Uint8Array.from(values), shape);
const vals = (a: NDArray): number[] => Array.from(a.data);
const fr = Math.fround;

/** The elements of a (possibly strided) 2-d view in row-major order. */
function read2d(a: NDArray): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.shape[0]!; i++) {
    for (let j = 0; j < a.shape[1]!; j++) out.push(a.data[a.offset + i * a.strides[0]! + j * a.strides[1]!]!);
  }
  return out;
}

describe('binary in-place ops', () => {
  it('return this and update its storage', () => {
    const a = f32([1.5, -2, 3.25]);
    const data = a.data;
    expect(add_(a, f32([0.1, 0.2, 0.3]))).toBe(a);
    expect(a.data).toBe(data);
    expect(vals(a)).toEqual([fr(1.5 + fr(0.1)), fr(-2 + fr(0.2)), fr(3.25 + fr(0.3))]);
    expect(a.sub_(1)).toBe(a);
    expect(a.mul_(2)).toBe(a);
    expect(a.div_(f32([2, 2, 2]))).toBe(a);
    expect(vals(a)).toEqual([fr(1.5 + fr(0.1)) - 1, fr(-2 + fr(0.2)) - 1, fr(3.25 + fr(0.3)) - 1].map(fr));
  });

  it('the other operand broadcasts to this shape: [4] and a number into [3, 4]', () => {
    const a = f32([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4]);
    a.add_(f32([100, 200, 300, 400]));
    expect(vals(a)).toEqual([100, 201, 302, 403, 104, 205, 306, 407, 108, 209, 310, 411]);
    expect(sub_(a, f32([100], [1, 1]), { alpha: 2 })).toBe(a);
    expect(vals(a)).toEqual([-100, 1, 102, 203, -96, 5, 106, 207, -92, 9, 110, 211]);
    mul_(a, f32([0.5], []));
    expect(vals(a)).toEqual([-50, 0.5, 51, 101.5, -48, 2.5, 53, 103.5, -46, 4.5, 55, 105.5]);
  });

  it('but this never broadcasts to the other shape', () => {
    expect(() => add_(f32([1, 2, 3, 4]), f32([1, 2, 3, 4, 5, 6, 7, 8], [2, 4]))).toThrow(ShapeError);
    expect(() => add_(f32([1, 2, 3, 4]), f32([1, 2, 3, 4, 5, 6, 7, 8], [2, 4]))).toThrow(
      "add_: output with shape [4] doesn't match the broadcast shape [2, 4]",
    );
    expect(() => mul_(f32([1], []), f32([2], [1]))).toThrow(
      "mul_: output with shape [] doesn't match the broadcast shape [1]",
    );
    expect(() => add_(f32([1, 2]), f32([1, 2, 3]))).toThrow('add_: shapes [2] and [3] cannot be broadcast (dim -1: 2 vs 3)');
  });

  it('writes through a transposed view', () => {
    const base = f32([1, 2, 3, 4, 5, 6], [2, 3]);
    const t = new NDArray(base.data, [3, 2], [1, 3]); // [[1, 4], [2, 5], [3, 6]]
    expect(t.add_(f32([10, 20, 30, 40, 50, 60], [3, 2]))).toBe(t);
    expect(read2d(t)).toEqual([11, 24, 32, 45, 53, 66]);
    expect(vals(base)).toEqual([11, 32, 53, 24, 45, 66]);
    t.mul_(f32([1, -1])); // broadcast along the rows of the view: negates its second column
    expect(vals(base)).toEqual([11, 32, 53, -24, -45, -66]);
    t.sub_(1);
    expect(vals(base)).toEqual([10, 31, 52, -25, -46, -67]);
  });

  it('writes only the elements of an offset or strided view', () => {
    const data = Float32Array.from([1, 2, 3, 4, 5, 6]);
    new NDArray(data, [2], [1], 2).add_(100); // elements 2 and 3, contiguous with an offset
    expect(Array.from(data)).toEqual([1, 2, 103, 104, 5, 6]);
    new NDArray(data, [3], [2], 1).mul_(f32([10, 20, 30])); // elements 1, 3, 5
    expect(Array.from(data)).toEqual([1, 20, 103, 2080, 5, 180]);
  });

  it('an expanded (stride 0) destination is refused', () => {
    const e = new NDArray(Float32Array.from([1, 2]), [3, 2], [0, 1]);
    expect(() => e.add_(1)).toThrow(ValueError);
    expect(() => e.add_(1)).toThrow('add_: more than one element of the written-to array');
  });

  it('an operand overlapping this at a shift is read before it is overwritten', () => {
    const data = Float32Array.from([1, 2, 3, 4, 5]);
    const self = new NDArray(data, [4], [1], 1); // [2, 3, 4, 5]
    const other = new NDArray(data, [4], [1], 0); // [1, 2, 3, 4]
    self.add_(other);
    expect(Array.from(data)).toEqual([1, 3, 5, 7, 9]);
    const same = f32([1, 2, 3]);
    same.mul_(same);
    expect(vals(same)).toEqual([1, 4, 9]);
  });

  it('results are computed in the promoted dtype, then cast into this dtype', () => {
    const a = f32([1, 2]);
    a.add_(f64([0.1, 1e-10]));
    expect(vals(a)).toEqual([fr(1 + 0.1), fr(2 + 1e-10)]); // float64 sum, rounded once on the store
    const b = f64([1, 2]);
    b.add_(f32([0.1, 0.2]));
    expect(vals(b)).toEqual([1 + fr(0.1), 2 + fr(0.2)]);
    const c = i32([1, 2]);
    c.add_(bool([1, 0]));
    expect(vals(c)).toEqual([2, 2]);
    c.mul_(3);
    expect(vals(c)).toEqual([6, 6]);
    c.div_(4, { roundingMode: 'floor' });
    expect(vals(c)).toEqual([1, 1]);
    const f = f32([7, -7]);
    div_(f, 2, { roundingMode: 'trunc' });
    expect(vals(f)).toEqual([3, -3]);
  });

  it('a float result into an int32 array is a DTypeError, as PyTorch', () => {
    expect(() => add_(i32([1]), 0.5)).toThrow(DTypeError);
    expect(() => add_(i32([1]), 0.5)).toThrow("add_: result type Float can't be cast to the desired output type Int");
    expect(() => div_(i32([4]), i32([2]))).toThrow("div_: result type Float can't be cast to the desired output type Int");
    expect(() => mul_(i32([1]), f64([2], []))).toThrow(
      "mul_: result type Double can't be cast to the desired output type Int",
    );
    expect(() => add_(bool([1]), i32([1]))).toThrow("add_: result type Int can't be cast to the desired output type Bool");
  });
});

describe('addcmul_ and addcdiv_', () => {
  it('addcdiv_ rounds the product, the quotient and the sum (float32)', () => {
    const s = [0.5, -1.25, 3].map(fr);
    const t1 = [0.1, 0.7, -2.3].map(fr);
    const t2 = [1.7, 0.3, 2.9].map(fr);
    const v = fr(-0.01);
    const self = f32(s);
    expect(addcdiv_(self, f32(t1), f32(t2), { value: -0.01 })).toBe(self);
    expect(vals(self)).toEqual(s.map((x, i) => fr(x + fr(fr(v * t1[i]!) / t2[i]!))));
  });

  it('addcdiv_ with broadcasting and a strided destination; value defaults to 1', () => {
    const base = f32([1, 2, 3, 4], [2, 2]);
    const t = new NDArray(base.data, [2, 2], [1, 2]);
    t.addcdiv_(f32([1, 2]), f32([4, 4], [2, 1]));
    expect(vals(base)).toEqual([1.25, 2.25, 3.5, 4.5]);
  });

  it('addcmul_ on float64 and int32', () => {
    const d = f64([1, 2]);
    d.addcmul_(f64([0.1, 0.2]), f64([3, 4]), { value: 2 });
    expect(vals(d)).toEqual([1 + 0.2 * 3, 2 + 0.4 * 4]);
    const n = i32([1, 2]);
    n.addcmul_(i32([3, 4]), i32([5, 6]), { value: 2 });
    expect(vals(n)).toEqual([31, 50]);
  });

  it('addcdiv_ refuses integer division; addcmul_ refuses a float result into int32', () => {
    expect(() => addcdiv_(i32([1]), i32([1]), i32([1]))).toThrow(DTypeError);
    expect(() => addcdiv_(i32([1]), i32([1]), i32([1]))).toThrow('addcdiv_: integer division with addcdiv is not supported');
    expect(() => i32([1]).addcmul_(f32([1]), f32([1]))).toThrow(
      "addcmul_: result type Float can't be cast to the desired output type Int",
    );
    expect(() => f32([1, 2]).addcmul_(f32([1, 2, 3]), f32([1]))).toThrow(ShapeError);
  });
});

describe('copy_, fill_, zero_', () => {
  it('copy_ broadcasts the source and casts to this dtype', () => {
    const a = i32([0, 0, 0, 0, 0, 0], [2, 3]);
    expect(copy_(a, f32([2.7, -2.7, 0.5]))).toBe(a);
    expect(vals(a)).toEqual([2, -2, 0, 2, -2, 0]); // float to int truncates toward zero
    const b = bool([0, 0, 0]);
    b.copy_(f32([0.5, 0, NaN]));
    expect(vals(b)).toEqual([1, 0, 1]); // x != 0; NaN is true
    const c = f32([0, 0]);
    c.copy_(f64([0.1, 1e-50]));
    expect(vals(c)).toEqual([fr(0.1), 0]);
  });

  it('copy_ into a transposed view, and from an overlapping view of the same storage', () => {
    const base = f32([0, 0, 0, 0, 0, 0], [2, 3]);
    new NDArray(base.data, [3, 2], [1, 3]).copy_(f32([1, 2, 3, 4, 5, 6], [3, 2]));
    expect(vals(base)).toEqual([1, 3, 5, 2, 4, 6]);
    const sq = f32([1, 2, 3, 4], [2, 2]);
    sq.copy_(new NDArray(sq.data, [2, 2], [1, 2])); // its own transpose
    expect(vals(sq)).toEqual([1, 3, 2, 4]);
    const shifted = Float32Array.from([1, 2, 3, 4]);
    new NDArray(shifted, [3], [1], 1).copy_(new NDArray(shifted, [3], [1], 0));
    expect(Array.from(shifted)).toEqual([1, 1, 2, 3]);
  });

  it('copy_ errors', () => {
    expect(() => copy_(f32([1, 2]), f32([1, 2, 3]))).toThrow(ShapeError);
    expect(() => copy_(f32([1, 2]), f32([1, 2, 3, 4], [2, 2]))).toThrow(
      "copy_: output with shape [2] doesn't match the broadcast shape [2, 2]",
    );
  });

  it('fill_ and zero_ write through views and cast the value', () => {
    const data = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const col = new NDArray(data, [2], [3], 1); // elements 1 and 4
    expect(fill_(col, 0.1)).toBe(col);
    expect(Array.from(data)).toEqual([1, fr(0.1), 3, 4, fr(0.1), 6]);
    expect(zero_(new NDArray(data, [2], [1], 2))).toBeInstanceOf(NDArray);
    expect(Array.from(data)).toEqual([1, fr(0.1), 0, 0, fr(0.1), 6]);
    const n = i32([1, 2]);
    n.fill_(-2.7);
    expect(vals(n)).toEqual([-2, -2]);
    const b = bool([0, 0]);
    b.fill_(3);
    expect(vals(b)).toEqual([1, 1]);
    const z = f32([1, 2]).zero_();
    expect(vals(z)).toEqual([0, 0]);
    expect(vals(f32([1, 2]).fill_(f64([2.5], [])))).toEqual([2.5, 2.5]);
    expect(() => f32([1]).fill_(f32([1], [1]))).toThrow(
      'fill_: only supports 0-dimension value tensor but got tensor with 1 dimensions',
    );
  });
});

describe('unary in-place ops', () => {
  it('neg_, abs_, sqrt_, exp_, clamp_ return this and write through views', () => {
    const a = f32([-4, 9, -16, 25]);
    expect(neg_(a)).toBe(a);
    expect(vals(a)).toEqual([4, -9, 16, -25]);
    expect(abs_(a)).toBe(a);
    expect(sqrt_(a)).toBe(a);
    expect(vals(a)).toEqual([2, 3, 4, 5]);
    expect(clamp_(a, 2.5, 4.5)).toBe(a);
    expect(vals(a)).toEqual([2.5, 3, 4, 4.5]);
    expect(exp_(a)).toBe(a);
    expect(vals(a)).toEqual([2.5, 3, 4, 4.5].map((x) => fr(Math.exp(x))));
    const base = f32([1, 2, 3, 4], [2, 2]);
    new NDArray(base.data, [2, 2], [1, 2]).neg_().clamp_(-3.5);
    expect(vals(base)).toEqual([-1, -2, -3, -3.5]);
    const s = new NDArray(Float32Array.from([4, 0, 9, 0]), [2], [2]);
    s.sqrt_();
    expect(Array.from(s.data)).toEqual([2, 0, 3, 0]);
  });

  it('int32 arrays: neg_ and abs_ work, sqrt_ and exp_ are refused', () => {
    const a = i32([-3, 4]);
    a.neg_().abs_();
    expect(vals(a)).toEqual([3, 4]);
    a.clamp_(undefined, 3);
    expect(vals(a)).toEqual([3, 3]);
    expect(() => a.sqrt_()).toThrow(DTypeError);
    expect(() => a.exp_()).toThrow("exp_: result type Float can't be cast to the desired output type Int");
  });

  it('in-place and out-of-place agree', () => {
    const x = [0.3, -1.7, 2.2, 5.5].map(fr);
    const y = [1.1, 0.4, -3.3, 0.25].map(fr);
    const inPlace = f32(x);
    inPlace.add_(f32(y), { alpha: 0.3 });
    expect(vals(inPlace)).toEqual(vals(add(f32(x), f32(y), { alpha: 0.3 })));
  });
});

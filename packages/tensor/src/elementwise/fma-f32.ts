/**
 * A correctly rounded float32 fused multiply-add, `fround(a*b + c)` with a single rounding.
 * PyTorch's AVX2 kernels fuse `a + alpha*b` (add/sub with alpha, SGD's `param.add_(grad, alpha=-lr)`)
 * and GCC contracts `x*y + z` in its float code, so float32 results differ from two roundings in
 * the last bit now and then. JavaScript has no fma, but binary64 is enough for float32 inputs.
 * src/random/fma.ts computes the same function (and the float64 fma, which elementwise imports
 * from there); this one tests for the rare midpoint case arithmetically before doing any more work,
 * which makes it about 5x faster per element on the common path, and `add_` with alpha is on
 * every SGD step.
 */

/**
 * `fround(a*b + c)` rounded once, for float32 values `a`, `b`, `c`.
 *
 * `a*b` is exact in binary64 (24 + 24 bits). The sum `s = a*b + c` is rounded to binary64, and
 * rounding `s` again to float32 is correct unless `s` landed exactly halfway between two float32
 * neighbours while the exact sum was not: then the exact sum's side is the sign of the TwoSum error.
 * (The same construction as RNG.md section 4.3 of the conformance notes.)
 * @example
 * fmaF32(Math.fround(0.1), Math.fround(-0.3), Math.fround(0.7)) // Math.fround(0.1 * -0.3 + 0.7) here
 */
export function fmaF32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (r === s) return r;
  const d = s - r;
  // When s is a midpoint, r + 2d is the float32 on its other side; otherwise r + 2d is no float32.
  const o = r + 2 * d;
  if (Math.fround(o) !== o) return r;
  // TwoSum (Knuth): the exact error of s = p + c.
  const bv = s - p;
  const e = p - (s - bv) + (c - bv);
  if (e === 0) return r;
  return e > 0 === d > 0 ? o : r;
}

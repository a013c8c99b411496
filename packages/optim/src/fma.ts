/**
 * A correctly rounded float32 fused multiply-add, `round_f32(a * b + c)` with one rounding.
 * PyTorch's AVX2 kernels fuse `x + alpha * y` (every `add_(y, alpha=...)` of an optimizer) and
 * `addcmul_`'s last step, so the update rules need it to follow PyTorch's float32 numbers.
 *
 * @gd/tensor computes the same function for its `add_` (its `fmaF32` is internal). This one is
 * shaped for the update loops, which inline it once or twice per parameter element: no calls and
 * no module state on any path, and the constants written as literals, because bundlers turn
 * module-level `const` into `var`, which the JIT cannot fold into a loop.
 */

/**
 * `round_f32(a * b + c)` rounded once, for float32 values `a`, `b`, `c`.
 *
 * `a * b` is exact in binary64 (24 + 24 bits), so `s = a * b + c` carries a single binary64
 * rounding, and `r = fround(s)` is the correctly rounded result unless `s` landed exactly halfway
 * between `r` and its neighbour `o = 2s − r`. For finite `r`, `o` is computed exactly (it needs at
 * most 53 bits), and it is a float32 other than `r` only when `s` is such a midpoint: that is the
 * test of the common path. Then TwoSum gives the exact value `s + e`, and `e` says which side it
 * is on. When `r` overflowed to ±infinity, `s` exactly at the overflow midpoint 2^128 − 2^103
 * (3.4028235677973366e38) goes back to the largest float32 2^128 − 2^104 (3.4028234663852886e38)
 * if `e` points below it.
 * @example
 * fmaF32(1 + 2 ** -12, 1 + 2 ** -12, -1) // 2 ** -11 + 2 ** -24 (two roundings lose the 2 ** -24)
 */
export function fmaF32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  const o = s + (s - r); // ±infinity when r overflowed, NaN when s is NaN or infinite
  // the common cases: o is no float32, or s is one (o = r: p + 0 with a zero gradient, say)
  if (Math.fround(o) !== o || o === r) return r;
  const z = s - p;
  const e = p - (s - z) + (c - z);
  if (r === Infinity || r === -Infinity) {
    return Math.abs(s) === 3.4028235677973366e38 && e !== 0 && e > 0 !== s > 0 ? Math.sign(s) * 3.4028234663852886e38 : r;
  }
  return e !== 0 && e > 0 === o > r ? o : r;
}

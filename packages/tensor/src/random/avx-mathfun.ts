/**
 * One lane of Julien Pommier's `avx_mathfun.h` `log256_ps` and `sincos256_ps` (Cephes-derived
 * float32 log and sin/cos), which PyTorch's AVX2 `normal_fill` uses instead of libm. To match
 * PyTorch bit for bit this reproduces what GCC 12 (`-O2 -mavx2 -mfma`, `-ffp-contract=fast`) made
 * of that source: each multiply whose only use is an add or subtract became a fused multiply-add
 * (RNG.md 4.3). Every other operation rounds to float32 (`Math.fround`), as the vector unit does.
 *
 * Only the inputs the normal kernel produces are supported: `log256` for x in (0, 1] and
 * `sincos256` for finite x >= 0 (the source's NaN masking for x <= 0 is left out).
 */
import { fmaF32 } from '../fma.js';

const f32Buf = new Float32Array(1);
const f32Bits = new Uint32Array(f32Buf.buffer);

/** The float32 with bit pattern `bits`. */
function fromBits(bits: number): number {
  f32Bits[0] = bits;
  return f32Buf[0]!;
}

const SQRTHF = fromBits(0x3f3504f3);
const LOG_P0 = fromBits(0x3d9021bb);
const LOG_P1 = fromBits(0xbdebd1b8);
const LOG_P2 = fromBits(0x3def251a);
const LOG_P3 = fromBits(0xbdfe5d4f);
const LOG_P4 = fromBits(0x3e11e9bf);
const LOG_P5 = fromBits(0xbe2aae50);
const LOG_P6 = fromBits(0x3e4cceac);
const LOG_P7 = fromBits(0xbe7ffffc);
const LOG_P8 = fromBits(0x3eaaaaaa);
const LOG_Q1 = fromBits(0xb95e8083);
const LOG_Q2 = fromBits(0x3f318000);
const MIN_NORM_POS = fromBits(0x00800000);

const MINUS_DP1 = fromBits(0xbf490000);
const MINUS_DP2 = fromBits(0xb97da000);
const MINUS_DP3 = fromBits(0xb3222169);
const SINCOF_P0 = fromBits(0xb94ca1f9);
const SINCOF_P1 = fromBits(0x3c08839e);
const SINCOF_P2 = fromBits(0xbe2aaaa3);
const COSCOF_P0 = fromBits(0x37ccf5ce);
const COSCOF_P1 = fromBits(0xbab6061a);
const COSCOF_P2 = fromBits(0x3d2aaaa5);
const FOPI = fromBits(0x3fa2f983);

/**
 * Natural log of a float32 x in (0, 1], as `log256_ps` compiled with FMA contraction.
 * @example log256(0.5) // -0.6931471824645996 (= Math.fround(Math.log(0.5)))
 */
export function log256(xIn: number): number {
  let x = xIn > MIN_NORM_POS ? xIn : MIN_NORM_POS;
  f32Buf[0] = x;
  const bits = f32Bits[0]!;
  // exponent and mantissa scaled to [0.5, 1); these integer/float steps are all exact
  let e = (bits >>> 23) - 127 + 1;
  f32Bits[0] = (bits & ~0x7f800000) | 0x3f000000;
  x = f32Buf[0]!;
  let tmp = 0;
  if (x < SQRTHF) {
    tmp = x;
    e -= 1;
  }
  x = Math.fround(x - 1);
  x = Math.fround(x + tmp);
  const z = Math.fround(x * x);
  let y = LOG_P0;
  y = fmaF32(y, x, LOG_P1);
  y = fmaF32(y, x, LOG_P2);
  y = fmaF32(y, x, LOG_P3);
  y = fmaF32(y, x, LOG_P4);
  y = fmaF32(y, x, LOG_P5);
  y = fmaF32(y, x, LOG_P6);
  y = fmaF32(y, x, LOG_P7);
  y = fmaF32(y, x, LOG_P8);
  y = Math.fround(y * x);
  // `y * z + e * q1`: GCC fused the y*z product, e*q1 is rounded on its own
  y = fmaF32(y, z, Math.fround(e * LOG_Q1));
  y = Math.fround(y - Math.fround(z * 0.5));
  x = Math.fround(x + y);
  return Math.fround(x + Math.fround(e * LOG_Q2));
}

/**
 * sin and cos of a float32 x >= 0, as `sincos256_ps` compiled with FMA contraction. Writes sin to
 * `out[0]` and cos to `out[1]` (a caller-owned scratch array, so nothing is allocated per call).
 */
export function sincos256(xIn: number, out: Float64Array): void {
  let x = Math.abs(xIn);
  let signSin = xIn < 0 || (xIn === 0 && 1 / xIn < 0);
  // j = (trunc(x * 4/pi) + 1) & ~1: the octant pair, even
  const j = (Math.trunc(Math.fround(x * FOPI)) + 1) & ~1;
  const y = j;
  const swapSin = (j & 4) !== 0;
  x = fmaF32(y, MINUS_DP1, x);
  x = fmaF32(y, MINUS_DP2, x);
  x = fmaF32(y, MINUS_DP3, x);
  const signCos = (~(j - 2) & 4) !== 0;
  signSin = signSin !== swapSin;
  const z = Math.fround(x * x);

  let yc = fmaF32(COSCOF_P0, z, COSCOF_P1);
  yc = fmaF32(yc, z, COSCOF_P2);
  yc = Math.fround(yc * z);
  yc = fmaF32(yc, z, -Math.fround(z * 0.5));
  yc = Math.fround(yc + 1);

  let ys = fmaF32(SINCOF_P0, z, SINCOF_P1);
  ys = fmaF32(ys, z, SINCOF_P2);
  ys = Math.fround(ys * z);
  ys = fmaF32(ys, x, x);

  // The source selects with and/andnot masks and then adds the two halves, one of which is +0:
  // that addition turns a -0 into +0.
  let s: number;
  let c: number;
  if ((j & 2) === 0) {
    s = ys + 0;
    c = yc + 0;
  } else {
    s = yc + 0;
    c = ys + 0;
  }
  out[0] = signSin ? -s : s;
  out[1] = signCos ? -c : c;
}

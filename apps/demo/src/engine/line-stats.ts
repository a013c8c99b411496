/**
 * Closed forms for the loss of the line model `w*x + b` under mean squared error, from five
 * means of the data. They give the loss surface and the full gradient at any (w, b) in O(1), so
 * the analysis views cost nothing next to training. Analysis only, in float64: the numbers the
 * page reports as training results come from the training code, never from here.
 */

/**
 * Means over the data: of x, x², y, x·y and y² (for the loss and the gradient), and six more for
 * the spread of per-sample gradients (see {@link gradientSpread}).
 */
export interface LineMoments {
  n: number;
  mx: number;
  mxx: number;
  my: number;
  mxy: number;
  myy: number;
  /** Means of x⁴ + x², x² + 1, x²y² + y², x³ + x, x³y + xy and x²y + y. */
  s4: number;
  s2: number;
  syy: number;
  s3: number;
  s3y: number;
  s2y: number;
}

export function lineMoments(x: ArrayLike<number>, y: ArrayLike<number>): LineMoments {
  const n = x.length;
  let sx = 0;
  let sxx = 0;
  let sy = 0;
  let sxy = 0;
  let syy = 0;
  let x4 = 0;
  let x3 = 0;
  let x2y2 = 0;
  let x3y = 0;
  let x2y = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    const x2 = xi * xi;
    sx += xi;
    sxx += x2;
    sy += yi;
    sxy += xi * yi;
    syy += yi * yi;
    x4 += x2 * x2;
    x3 += x2 * xi;
    x2y2 += x2 * yi * yi;
    x3y += x2 * xi * yi;
    x2y += x2 * yi;
  }
  return {
    n,
    mx: sx / n,
    mxx: sxx / n,
    my: sy / n,
    mxy: sxy / n,
    myy: syy / n,
    s4: (x4 + sxx) / n,
    s2: (sxx + n) / n,
    syy: (x2y2 + syy) / n,
    s3: (x3 + sx) / n,
    s3y: (x3y + sxy) / n,
    s2y: (x2y + sy) / n,
  };
}

/** mean((w*x + b - y)²), clamped at 0 against cancellation near an exact fit. */
export function lineLoss(m: LineMoments, w: number, b: number): number {
  const v = w * w * m.mxx + 2 * w * b * m.mx + b * b - 2 * w * m.mxy - 2 * b * m.my + m.myy;
  return v > 0 ? v : 0;
}

/** The full-data gradient (dL/dw, dL/db) at (w, b). */
export function lineGradient(m: LineMoments, w: number, b: number): [number, number] {
  return [2 * (w * m.mxx + b * m.mx - m.mxy), 2 * (w * m.mx + b - m.my)];
}

/**
 * σ² = (1/N) Σ ‖g_i − ḡ‖² at (w, b), with g_i = 2 r_i (x_i, 1) and r_i = w x_i + b − y_i:
 * σ² = 4 · mean(r² (x² + 1)) − ‖ḡ‖², where mean(r² (x² + 1)) is a quadratic in (w, b). Clamped at 0.
 */
export function gradientSpread(m: LineMoments, w: number, b: number): number {
  const q = w * w * m.s4 + b * b * m.s2 + m.syy + 2 * w * b * m.s3 - 2 * w * m.s3y - 2 * b * m.s2y;
  const [gw, gb] = lineGradient(m, w, b);
  const v = 4 * q - gw * gw - gb * gb;
  return v > 0 ? v : 0;
}

/** The least-squares (w, b): the bottom of the surface. */
export function lineOptimum(m: LineMoments): [number, number] {
  const varX = m.mxx - m.mx * m.mx;
  const w = varX > 0 ? (m.mxy - m.mx * m.my) / varX : 0;
  return [w, m.my - w * m.mx];
}

/** A loss surface sampled on a grid: `values[row * cols + col]`, row 0 at bMin. */
export interface SurfaceGrid {
  wMin: number;
  wMax: number;
  bMin: number;
  bMax: number;
  cols: number;
  rows: number;
  values: Float32Array;
  /** The least-squares point and its loss. */
  optimum: [number, number];
  minLoss: number;
}

/**
 * The surface around the optimum and the starting point: wide enough that the start sits well
 * inside, and that the oscillations of small batches around the optimum are visible.
 */
export function lossSurface(m: LineMoments, w0: number, b0: number, cols = 160, rows = 160): SurfaceGrid {
  const [wo, bo] = lineOptimum(m);
  const hw = Math.max(2 * Math.abs(w0 - wo), 2);
  const hb = Math.max(1.4 * Math.abs(b0 - bo), 2);
  const wMin = wo - hw;
  const wMax = wo + hw;
  const bMin = bo - hb;
  const bMax = bo + hb;
  const values = new Float32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    const b = bMin + ((r + 0.5) / rows) * (bMax - bMin);
    for (let c = 0; c < cols; c++) {
      const w = wMin + ((c + 0.5) / cols) * (wMax - wMin);
      values[r * cols + c] = lineLoss(m, w, b);
    }
  }
  return { wMin, wMax, bMin, bMax, cols, rows, values, optimum: [wo, bo], minLoss: lineLoss(m, wo, bo) };
}

/**
 * Gradient noise: how far a mini-batch gradient lands from the full-data gradient, measured and
 * against the theory for batches drawn without replacement (what a shuffling DataLoader does).
 *
 * With per-sample gradients g_i (i = 1..N), their mean ḡ and spread σ² = (1/N) Σ ‖g_i − ḡ‖², the
 * mean gradient ḡ_B of B samples drawn without replacement has
 *
 *     E ‖ḡ_B − ḡ‖² = (σ² / B) · (N − B) / (N − 1)
 *
 * — σ²/B as for independent draws, times the finite-population factor that reaches 0 at B = N
 * (the whole dataset is the full gradient). The tutorial's loader does not shuffle: its batches
 * are fixed slices of the sorted x, not random samples, so their spread can sit far from this.
 */
import { Generator } from '@gd/tensor';
import { type LineMoments, gradientSpread, lineGradient } from './line-stats.js';

/** E‖ḡ_B − ḡ‖² for B of N samples drawn without replacement. */
export function noiseWithoutReplacement(sigma2: number, n: number, batchSize: number): number {
  if (n <= 1) return 0;
  return (sigma2 / batchSize) * ((n - batchSize) / (n - 1));
}

/** E‖ḡ_B − ḡ‖² for B independent draws (with replacement): σ²/B. */
export function noiseWithReplacement(sigma2: number, batchSize: number): number {
  return sigma2 / batchSize;
}

/** The per-sample gradient spread σ² at (w, b), and the full gradient. */
export function perSampleSpread(x: ArrayLike<number>, y: ArrayLike<number>, w: number, b: number): { sigma2: number; grad: [number, number] } {
  const n = x.length;
  let gw = 0;
  let gb = 0;
  for (let i = 0; i < n; i++) {
    const r = 2 * (w * x[i]! + b - y[i]!);
    gw += r * x[i]!;
    gb += r;
  }
  gw /= n;
  gb /= n;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const r = 2 * (w * x[i]! + b - y[i]!);
    const dw = r * x[i]! - gw;
    const db = r - gb;
    s += dw * dw + db * db;
  }
  return { sigma2: s / n, grad: [gw, gb] };
}

/**
 * Measured E‖ḡ_B − ḡ‖² over `draws` batches of B samples drawn without replacement (a partial
 * Fisher–Yates shuffle per draw), from a generator seeded with `seed` so the view is repeatable.
 */
export function measureRandomBatches(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  w: number,
  b: number,
  batchSize: number,
  draws: number,
  seed: number,
): number {
  const n = x.length;
  const { grad } = perSampleSpread(x, y, w, b);
  const gen = new Generator().manualSeed(seed);
  const idx = new Int32Array(n);
  let total = 0;
  for (let d = 0; d < draws; d++) {
    for (let i = 0; i < n; i++) idx[i] = i;
    let gw = 0;
    let gb = 0;
    for (let k = 0; k < batchSize; k++) {
      const j = k + (gen.nextUint32() % (n - k));
      const pick = idx[j]!;
      idx[j] = idx[k]!;
      idx[k] = pick;
      const r = 2 * (w * x[pick]! + b - y[pick]!);
      gw += r * x[pick]!;
      gb += r;
    }
    const dw = gw / batchSize - grad[0];
    const db = gb / batchSize - grad[1];
    total += dw * dw + db * db;
  }
  return total / draws;
}

/**
 * The spread of the batches a run actually used: for each step, ‖g_batch − ḡ(θ)‖² with θ taken
 * before the step, and its ratio to the without-replacement theory at that θ. The ratio is what
 * compares across a moving θ: about 1 for random batches, larger when batches are not random.
 * Steps where the theory is ~0 (an exact fit: float32 rounding is all that is left) are skipped.
 */
export class LiveBatchNoise {
  private sum = 0;
  private ratioSum = 0;
  private count = 0;

  constructor(
    private readonly moments: LineMoments,
    private readonly batchSize: number,
  ) {}

  add(wBefore: number, bBefore: number, gradW: number, gradB: number): void {
    const [gw, gb] = lineGradient(this.moments, wBefore, bBefore);
    const d = (gradW - gw) ** 2 + (gradB - gb) ** 2;
    const theory = noiseWithoutReplacement(gradientSpread(this.moments, wBefore, bBefore), this.moments.n, this.batchSize);
    if (!Number.isFinite(d) || !(theory > 1e-9)) return;
    this.sum += d;
    this.ratioSum += d / theory;
    this.count++;
  }

  /** The means so far (NaN before any batch), then starts over. */
  take(): LiveNoise {
    const out = this.count === 0 ? { mean: NaN, ratio: NaN, count: 0 } : { mean: this.sum / this.count, ratio: this.ratioSum / this.count, count: this.count };
    this.sum = 0;
    this.ratioSum = 0;
    this.count = 0;
    return out;
  }
}

export interface LiveNoise {
  /** Mean ‖g_batch − ḡ‖². */
  mean: number;
  /** Mean of ‖g_batch − ḡ‖² / theory. */
  ratio: number;
  /** Batches counted. */
  count: number;
}

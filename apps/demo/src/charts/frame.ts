/**
 * What every chart shares: the run colours, and a uPlot that follows its container's width (a
 * phone gets a narrower, relatively taller chart).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** One colour per run, in batch-size order (colour-blind-safe Okabe–Ito picks). */
export const RUN_COLORS = ['#d55e00', '#0072b2', '#009e73', '#cc79a7'];

export function runColor(i: number): string {
  return RUN_COLORS[i % RUN_COLORS.length]!;
}

export function runLabel(batchSize: number, n: number): string {
  if (batchSize === 1) return 'SGD (batch 1)';
  if (batchSize >= n) return `full batch (${batchSize})`;
  return `mini-batch ${batchSize}`;
}

/** The chart's size for a container width: about 3:2, at least 220 px tall. */
export function chartSize(width: number): { width: number; height: number } {
  const w = Math.max(240, Math.floor(width));
  return { width: w, height: Math.max(220, Math.min(380, Math.round(w * 0.62))) };
}

/** A uPlot in `container`, resized with it. */
export function mountPlot(container: HTMLElement, opts: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): uPlot {
  const size = chartSize(container.clientWidth || 320);
  const plot = new uPlot({ ...opts, ...size }, data, container);
  let last = size.width;
  new ResizeObserver(() => {
    const width = container.clientWidth;
    if (width > 0 && Math.abs(width - last) > 1) {
      last = width;
      plot.setSize(chartSize(width));
    }
  }).observe(container);
  return plot;
}

/**
 * uPlot's log axes know powers of ten from 1e-16 to 1e16 only: log-scale values are kept within
 * [LOG_MIN, LOG_MAX] (larger ones are pinned to the top, smaller ones dropped as effectively 0).
 */
export const LOG_MIN = 1e-14;
export const LOG_MAX = 1e15;

/** Finite values pass; NaN and ±∞ become gaps (and, on a log scale, values at or below LOG_MIN). */
export function gap(v: number, log = false): number | null {
  if (!Number.isFinite(v)) return null;
  if (log) {
    if (v <= LOG_MIN) return null;
    if (v > LOG_MAX) return LOG_MAX;
  }
  return v;
}

/** A log-scale range for uPlot: whole decades around the data, `fallback` before there is any. */
export function logRange(min: number | null, max: number | null, fallback: [number, number]): [number, number] {
  if (min === null || max === null || !(min > 0) || !Number.isFinite(max)) return fallback;
  const lo = Math.max(LOG_MIN, 10 ** Math.floor(Math.log10(min)));
  const hi = Math.min(LOG_MAX, 10 ** Math.ceil(Math.log10(max)));
  return hi > lo ? [lo, hi] : [lo, lo * 10];
}

/** Tick labels for a log axis: plain numbers between 0.001 and 10 000, powers of ten beyond. */
export function logTicks(_u: unknown, ticks: number[]): string[] {
  return ticks.map((t) => {
    if (t >= 1e-3 && t <= 1e4) return String(Number(t.toPrecision(6)));
    const exp = Math.round(Math.log10(t));
    return Math.abs(t / 10 ** exp - 1) < 1e-9 ? `1e${exp}` : '';
  });
}

/**
 * Gradient noise against batch size, relative to the single-sample spread σ² so that every run
 * shares one theory curve: (N − B) / (B (N − 1)) without replacement, 1/B with replacement.
 * Measured points: random batches drawn without replacement at the first run's (w, b), and each
 * run's own batches of its last epoch.
 */
import type uPlot from 'uplot';
import type { NoiseReport } from '../protocol.js';
import { gap, logRange, logTicks, mountPlot, runColor, runLabel } from './frame.js';

export class NoiseChart {
  private plot: uPlot | null = null;
  private sizes: number[] = [];
  private n = 0;

  constructor(private readonly container: HTMLElement) {}

  reset(batchSizes: number[], n: number): void {
    this.sizes = batchSizes;
    this.n = n;
    this.plot?.destroy();
    this.container.replaceChildren();
    const fmt = (_u: uPlot, v: number | null): string => (v === null ? '–' : v.toPrecision(3));
    this.plot = mountPlot(
      this.container,
      {
        series: [
          { label: 'batch size B', value: (_u, v) => (v === null ? '–' : String(v)) },
          { label: 'theory, without replacement', stroke: '#222', width: 2, spanGaps: true, points: { show: false }, value: fmt },
          { label: 'σ²/B (with replacement)', stroke: '#888', dash: [5, 4], width: 1.5, spanGaps: true, points: { show: false }, value: fmt },
          {
            label: 'random batches, measured',
            stroke: '#222',
            paths: () => null,
            points: { show: true, size: 7, fill: '#fff', stroke: '#222', width: 1.5 },
            value: fmt,
          },
          ...batchSizes.map((bs, i): uPlot.Series => ({
            label: `${runLabel(bs, n)}: its own batches`,
            stroke: runColor(i),
            paths: () => null,
            points: { show: true, size: 11, fill: runColor(i), stroke: '#fff', width: 1.5 },
            value: fmt,
          })),
        ],
        scales: { x: { time: false, distr: 3 }, y: { distr: 3, range: (_u, min, max) => logRange(min, max, [1e-3, 10]) } },
        axes: [{ label: 'batch size B (log)', values: logTicks }, { label: 'E‖ḡ_B − ḡ‖² / σ² (log)', size: 60, values: logTicks }],
        cursor: { drag: { x: false, y: false } },
      },
      [[1, n], [null, null], [null, null], [null, null], ...batchSizes.map(() => [null, null])] as uPlot.AlignedData,
    );
  }

  update(report: NoiseReport): void {
    if (this.plot === null) return;
    const sizes = new Set<number>(report.sweep?.batchSizes ?? [1, this.n]);
    for (const r of report.runs) sizes.add(r.batchSize);
    const x = [...sizes].sort((a, b) => a - b);
    const n = report.n;
    const theory = x.map((b) => gap(b >= n ? NaN : (n - b) / (b * (n - 1)), true));
    const withReplacement = x.map((b) => 1 / b);
    const measured = x.map((b) => {
      const k = report.sweep?.batchSizes.indexOf(b) ?? -1;
      return k < 0 ? null : gap(report.sweep!.measured[k]!, true);
    });
    const own = this.sizes.map((size) => {
      const r = report.runs.find((run) => run.batchSize === size);
      // the run's ratio to the theory, placed on the shared relative axis
      return x.map((b) => (r !== undefined && b === r.batchSize && b < n ? gap((r.liveRatio * (n - b)) / (b * (n - 1)), true) : null));
    });
    this.plot.setData([x, theory, withReplacement, measured, ...own] as uPlot.AlignedData);
  }
}

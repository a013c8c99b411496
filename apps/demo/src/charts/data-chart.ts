/**
 * The tutorial's first figure, live: the noisy points Y, the true line, and each run's current
 * line w·x + b.
 */
import type uPlot from 'uplot';
import type { TutorialData } from '../engine/tutorial-runs.js';
import { tutorialLabel } from '@gd/train';
import { gap, mountPlot, runColor } from './frame.js';

export class DataChart {
  private plot: uPlot | null = null;
  private data: TutorialData | null = null;

  constructor(private readonly container: HTMLElement) {}

  /** New data and runs: rebuilds the chart. */
  reset(data: TutorialData, batchSizes: number[], trueSlope = -5): void {
    this.data = data;
    this.plot?.destroy();
    this.container.replaceChildren();
    const n = data.x.length;
    const series: uPlot.Series[] = [
      { label: 'x' },
      { label: 'Y (noisy points)', stroke: '#555', paths: () => null, points: { show: true, size: n > 400 ? 3 : 5, fill: '#8888', stroke: '#555' } },
      { label: `true line y = ${trueSlope}x`, stroke: '#222', dash: [6, 4], width: 1.5, points: { show: false } },
      ...batchSizes.map((bs, i): uPlot.Series => ({ label: tutorialLabel(bs, n), stroke: runColor(i), width: 2, points: { show: false } })),
    ];
    this.plot = mountPlot(
      this.container,
      {
        series,
        scales: { x: { time: false }, y: { auto: false, range: this.yRange() } },
        axes: [{ label: 'x' }, { label: 'y' }],
        cursor: { drag: { x: false, y: false } },
        legend: { live: false },
      },
      this.build(batchSizes.map(() => [NaN, NaN])),
    );
  }

  /** The y range of the data with a margin, so lines far off do not squash the points. */
  private yRange(): [number, number] {
    const d = this.data!;
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of d.y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    for (const v of d.clean) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    const pad = Math.max((hi - lo) * 0.25, 1);
    return [lo - pad, hi + pad];
  }

  private build(params: [number, number][]): uPlot.AlignedData {
    const d = this.data!;
    const lines = params.map(([w, b]) => Array.from(d.x, (x) => gap(w * x + b)));
    return [Array.from(d.x), Array.from(d.y), Array.from(d.clean), ...lines] as uPlot.AlignedData;
  }

  /** Each run's current (w, b); a run given NaN (a diverged one) has no line. */
  update(params: [number, number][]): void {
    if (this.plot === null || this.data === null) return;
    this.plot.setData(this.build(params));
  }
}

/**
 * The tutorial's second figure, drawn as it happens: each run's full-data loss (against the
 * noisy Y) at the start of every epoch, on a log scale since it falls by orders of magnitude.
 */
import type uPlot from 'uplot';
import { tutorialLabel } from '@gd/train';
import { gap, logRange, logTicks, mountPlot, runColor } from './frame.js';

export class LossChart {
  private plot: uPlot | null = null;
  private epochs = 0;

  constructor(private readonly container: HTMLElement) {}

  reset(batchSizes: number[], epochs: number, n: number): void {
    this.epochs = epochs;
    this.plot?.destroy();
    this.container.replaceChildren();
    this.plot = mountPlot(
      this.container,
      {
        series: [
          { label: 'epoch', value: (_u, v) => (v === null ? '–' : String(v)) },
          ...batchSizes.map((bs, i): uPlot.Series => ({
            label: tutorialLabel(bs, n),
            stroke: runColor(i),
            width: 2,
            points: { show: epochs <= 60, size: 5 },
            value: (_u, v) => (v === null ? '–' : v.toPrecision(4)),
          })),
        ],
        scales: { x: { time: false, range: [0, Math.max(1, epochs - 1)] }, y: { distr: 3, range: (_u, min, max) => logRange(min, max, [0.1, 1000]) } },
        axes: [{ label: 'epoch' }, { label: 'loss (log scale)', size: 60, values: logTicks }],
        cursor: { drag: { x: false, y: false } },
      },
      this.build(batchSizes.map(() => [])),
    );
  }

  private build(losses: number[][]): uPlot.AlignedData {
    const x = Array.from({ length: this.epochs }, (_, i) => i);
    return [x, ...losses.map((l) => x.map((i) => (i < l.length ? gap(l[i]!, true) : null)))] as uPlot.AlignedData;
  }

  /** Each run's losses so far. */
  update(losses: number[][]): void {
    this.plot?.setData(this.build(losses));
  }
}

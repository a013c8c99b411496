/** The Iris panel's two charts: loss and accuracy per epoch, training and test sets. */
import type uPlot from 'uplot';
import type { IrisEpoch } from '../engine/iris-config.js';
import { gap, mountPlot } from './frame.js';

const TRAIN = '#0072b2';
const TEST = '#d55e00';

export class IrisCharts {
  private loss: uPlot | null = null;
  private accuracy: uPlot | null = null;
  private epochs = 1;

  constructor(
    private readonly lossBox: HTMLElement,
    private readonly accuracyBox: HTMLElement,
  ) {}

  reset(epochs: number): void {
    this.epochs = epochs;
    this.loss?.destroy();
    this.accuracy?.destroy();
    this.lossBox.replaceChildren();
    this.accuracyBox.replaceChildren();
    const x = { time: false, range: [1, Math.max(2, epochs)] as [number, number] };
    const fmt = (_u: uPlot, v: number | null): string => (v === null ? '–' : v.toFixed(4));
    const pct = (_u: uPlot, v: number | null): string => (v === null ? '–' : `${(v * 100).toFixed(1)} %`);
    this.loss = mountPlot(
      this.lossBox,
      {
        title: 'Cross-entropy loss',
        series: [
          { label: 'epoch' },
          { label: 'training', stroke: TRAIN, width: 2, value: fmt },
          { label: 'test', stroke: TEST, width: 2, dash: [6, 3], value: fmt },
        ],
        scales: { x },
        axes: [{ label: 'epoch' }, { label: 'loss' }],
        cursor: { drag: { x: false, y: false } },
      },
      [[], [], []],
    );
    this.accuracy = mountPlot(
      this.accuracyBox,
      {
        title: 'Accuracy',
        series: [
          { label: 'epoch' },
          { label: 'training', stroke: TRAIN, width: 2, value: pct },
          { label: 'test', stroke: TEST, width: 2, dash: [6, 3], value: pct },
        ],
        scales: { x, y: { auto: false, range: [0, 1] } },
        axes: [{ label: 'epoch' }, { label: 'accuracy', values: (_u, ticks) => ticks.map((t) => `${Math.round(t * 100)} %`) }],
        cursor: { drag: { x: false, y: false } },
      },
      [[], [], []],
    );
  }

  update(history: IrisEpoch[]): void {
    const x = history.map((e) => e.epoch + 1);
    this.loss?.setData([x, history.map((e) => gap(e.trainLoss)), history.map((e) => gap(e.testLoss))] as uPlot.AlignedData);
    this.accuracy?.setData([x, history.map((e) => e.trainAccuracy), history.map((e) => e.testAccuracy)] as uPlot.AlignedData);
  }
}

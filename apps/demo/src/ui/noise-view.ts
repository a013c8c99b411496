/** The gradient-noise table and the sentence that reads it, from the worker's report. */
import type { NoiseReport } from '../protocol.js';
import { formatShort } from './format.js';

export class NoiseView {
  constructor(
    private readonly body: HTMLTableSectionElement,
    private readonly caption: HTMLElement,
    private readonly lesson: HTMLElement,
  ) {}

  update(report: NoiseReport, shuffle: boolean): void {
    this.caption.textContent =
      `After ${report.epoch} epoch${report.epoch === 1 ? '' : 's'}, at each run's current (w, b): σ², the spread of single-sample ` +
      `gradients; the theory for its batch size B; the mean over ${report.draws} random batches of B drawn without replacement; ` +
      `and its own batches of the last finished epoch, as a multiple of the theory.`;
    this.body.replaceChildren(
      ...report.runs.map((r) => {
        const tr = document.createElement('tr');
        tr.dataset.batchSize = String(r.batchSize);
        const th = document.createElement('th');
        th.scope = 'row';
        th.textContent = `batch ${r.batchSize}`;
        const cells = [r.sigma2, r.theory, r.measuredRandom, r.liveRatio].map((v, k) => {
          const td = document.createElement('td');
          td.textContent = Number.isNaN(v) ? '–' : `${formatShort(v)}${k === 3 ? ' ×' : ''}`;
          td.dataset.value = String(v);
          return td;
        });
        tr.append(th, ...cells);
        return tr;
      }),
    );
    this.lesson.textContent = lessonText(report, shuffle);
  }
}

/** One or two sentences on what the numbers say. */
function lessonText(report: NoiseReport, shuffle: boolean): string {
  const runs = report.runs.filter((r) => r.sigma2 > 0);
  if (runs.length === 0) return '';
  const parts: string[] = [];
  const small = runs[0]!;
  const big = runs[runs.length - 1]!;
  if (big.batchSize > small.batchSize && small.theory > 0) {
    parts.push(
      `A batch of ${big.batchSize} cuts the noise of one step to ${formatShort((big.theory / big.sigma2) * 100)} % of a single sample's ` +
        `(theory: 1/${big.batchSize} × ${report.n - big.batchSize}/${report.n - 1}).`,
    );
  }
  const random = runs.filter((r) => r.theory > 0 && Number.isFinite(r.measuredRandom));
  if (random.length > 0) {
    const worst = Math.max(...random.map((r) => Math.abs(r.measuredRandom / r.theory - 1)));
    const sampling = 100 * Math.sqrt(2 / report.draws);
    parts.push(`Random batches land within ${formatShort(worst * 100)} % of the theory (from ${report.draws} draws, expect about ±${Math.round(sampling)} %).`);
  }
  const live = runs.filter((r) => Number.isFinite(r.liveRatio) && r.batchSize > 1 && r.batchSize < report.n);
  if (live.length > 0) {
    const r = live[0]!;
    const ratio = r.liveRatio;
    parts.push(
      shuffle
        ? `Shuffled, batch ${r.batchSize}'s own batches are random samples too: ${formatShort(ratio)} × the theory.`
        : `Without shuffling, batch ${r.batchSize}'s own batches are fixed slices of the sorted x, not random samples: ` +
            `their spread is ${formatShort(ratio)} × the theory.`,
    );
  }
  return parts.join(' ');
}

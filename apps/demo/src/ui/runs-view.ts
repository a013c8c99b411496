/**
 * The runs as text: the results table (loss, w, b and status per run, with the exact value in
 * `data-value` for anyone who wants every digit), the status line, and one alert per run that
 * diverged, saying where and what to try.
 */
import { runColor, runLabel } from '../charts/frame.js';
import type { Divergence, RunStatus } from '../engine/tutorial-runs.js';
import { formatValue } from './format.js';

/** What the page knows of one run. */
export interface RunState {
  batchSize: number;
  stepsPerEpoch: number;
  epochs: number;
  losses: number[];
  /** w0, b0, then (w, b) after every step. */
  path: number[];
  w: number;
  b: number;
  finalLoss: number;
  epoch: number;
  step: number;
  status: RunStatus;
  divergence?: Divergence;
}

export class RunsView {
  private rows: HTMLTableRowElement[] = [];
  private alerted = new Set<number>();

  constructor(
    private readonly body: HTMLTableSectionElement,
    private readonly statusLine: HTMLElement,
    private readonly alerts: HTMLElement,
  ) {}

  reset(runs: RunState[], n: number): void {
    this.alerted.clear();
    this.alerts.replaceChildren();
    this.rows = runs.map((r, i) => {
      const tr = document.createElement('tr');
      tr.dataset.batchSize = String(r.batchSize);
      const th = document.createElement('th');
      th.scope = 'row';
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = runColor(i);
      swatch.setAttribute('aria-hidden', 'true');
      const long = document.createElement('span');
      long.className = 'name-long';
      long.textContent = runLabel(r.batchSize, n);
      const short = document.createElement('span');
      short.className = 'name-short';
      short.textContent = `B = ${r.batchSize}`;
      th.append(swatch, long, short);
      tr.append(th);
      for (const name of ['epoch', 'loss', 'final', 'w', 'b', 'status']) {
        const td = document.createElement('td');
        td.className = name;
        tr.append(td);
      }
      return tr;
    });
    this.body.replaceChildren(...this.rows);
  }

  /** Refreshes the table and raises an alert for each newly diverged run. */
  update(runs: RunState[], n: number): void {
    runs.forEach((r, i) => {
      const tr = this.rows[i];
      if (tr === undefined) return;
      const cell = (name: string): HTMLElement => tr.querySelector<HTMLElement>(`td.${name}`)!;
      cell('epoch').textContent = `${r.epoch} / ${r.epochs}`;
      const loss = r.losses.length > 0 ? r.losses[r.losses.length - 1]! : NaN;
      setNumber(cell('loss'), loss, r.losses.length > 0 ? `loss at the start of epoch ${r.losses.length - 1}` : undefined);
      setNumber(cell('final'), r.finalLoss, 'loss after the last epoch');
      setNumber(cell('w'), r.w);
      setNumber(cell('b'), r.b);
      const status = cell('status');
      status.className = `status status-${r.status}`;
      tr.className = `run-${r.status}`;
      status.textContent =
        r.status === 'running'
          ? 'training'
          : r.status === 'done'
            ? 'done'
            : `diverged at epoch ${(r.divergence?.epoch ?? 0) + 1}, step ${(r.divergence?.step ?? 0) + 1}`;
      if (r.status === 'diverged' && r.divergence !== undefined && !this.alerted.has(i)) {
        this.alerted.add(i);
        const p = document.createElement('p');
        p.className = 'alert';
        p.dataset.batchSize = String(r.batchSize);
        const d = r.divergence;
        p.textContent =
          `${runLabel(r.batchSize, n)} diverged: the ${d.what.replace(' = ', ' became ')} at epoch ${d.epoch + 1}, step ${d.step + 1} of ${r.stepsPerEpoch}. ` +
          'That run stopped there; try a smaller learning rate.';
        this.alerts.append(p);
      }
    });
  }

  /** The status line: where the shared clock is and whether it runs. */
  status(text: string): void {
    this.statusLine.textContent = text;
  }

  error(message: string): void {
    const p = document.createElement('p');
    p.className = 'alert';
    p.textContent = message;
    this.alerts.append(p);
  }
}

function setNumber(td: HTMLElement, v: number, title?: string): void {
  td.textContent = Number.isNaN(v) ? '–' : formatValue(v);
  td.dataset.value = String(v);
  if (title !== undefined) td.title = title;
}

/**
 * The Iris panel: its controls (validated at the control like the experiment's), Train and Stop,
 * the status line and the two charts, fed by the worker's per-epoch messages.
 */
import { IrisCharts } from '../charts/iris-charts.js';
import { type Parsed, parseLr } from '../engine/config.js';
import { IRIS_DEFAULTS, IRIS_TEST_SIZE, IRIS_TRAIN_SIZE, type IrisConfig, type IrisEpoch, irisCommand } from '../engine/iris-config.js';
import type { ToWorker } from '../protocol.js';
import { Field, byId } from './field.js';

const TRAIN_SIZE = IRIS_TRAIN_SIZE;

function wholeNumber(what: string, min: number, max: number) {
  return (text: string): Parsed<number> => {
    const t = text.trim();
    const v = Number(t);
    if (t === '' || !Number.isFinite(v)) return { ok: false, message: `${what} must be a number, got "${t}"` };
    if (!Number.isInteger(v)) return { ok: false, message: `${what} must be a whole number, got ${v}` };
    if (v < min || v > max) return { ok: false, message: `${what} must be between ${min} and ${max}, got ${v}` };
    return { ok: true, value: v };
  };
}

const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

export class IrisPanel {
  private readonly lr = new Field('iris-lr', (t) => {
    const r = parseLr(t);
    return r.ok && r.value > 10 ? { ok: false, message: `learning rate must be at most 10, got ${r.value}` } : r;
  }, () => undefined);
  private readonly batch = new Field('iris-batch', wholeNumber('batch size', 1, TRAIN_SIZE), () => undefined);
  private readonly epochs = new Field('iris-epochs', wholeNumber('epochs', 1, 500), () => undefined);
  private readonly seed = new Field('iris-seed', wholeNumber('seed', 0, Number.MAX_SAFE_INTEGER), () => undefined);
  private readonly model = byId<HTMLSelectElement>('iris-model');
  private readonly optimizer = byId<HTMLSelectElement>('iris-optimizer');
  private readonly trainButton = byId<HTMLButtonElement>('iris-train');
  private readonly stopButton = byId<HTMLButtonElement>('iris-stop');
  private readonly statusLine = byId('iris-status');
  private readonly charts = new IrisCharts(byId('iris-loss-chart'), byId('iris-acc-chart'));
  private history: IrisEpoch[] = [];
  private config: IrisConfig = { ...IRIS_DEFAULTS };
  /** The id of the latest training asked for; messages of older ones are dropped. */
  private run = 0;

  constructor(private readonly send: (m: ToWorker) => void) {
    this.lr.set(String(IRIS_DEFAULTS.lr));
    this.batch.set(String(IRIS_DEFAULTS.batchSize));
    this.epochs.set(String(IRIS_DEFAULTS.epochs));
    this.seed.set(String(IRIS_DEFAULTS.seed));
    this.model.value = IRIS_DEFAULTS.model;
    this.optimizer.value = IRIS_DEFAULTS.optimizer;
    this.charts.reset(IRIS_DEFAULTS.epochs);
    byId('iris-settings').addEventListener('submit', (e) => {
      e.preventDefault();
      this.train();
    });
    this.stopButton.addEventListener('click', () => this.send({ type: 'iris-stop' }));
  }

  /** Trains with the settings in the controls (what Train does). */
  train(): void {
    const checks = [this.lr, this.batch, this.epochs, this.seed] as const;
    const results = checks.map((f) => f.check());
    const bad = results.findIndex((r) => !r.ok);
    if (bad >= 0) {
      checks[bad]!.input.focus();
      this.statusLine.textContent = 'Fix the marked setting to train.';
      return;
    }
    const value = (i: number): number => (results[i] as { ok: true; value: number }).value;
    this.config = {
      model: this.model.value === 'linear' ? 'linear' : 'mlp',
      optimizer: this.optimizer.value === 'sgd' ? 'sgd' : 'adam',
      lr: value(0),
      batchSize: value(1),
      epochs: value(2),
      seed: value(3),
    };
    this.history = [];
    this.charts.reset(this.config.epochs);
    byId('iris-command').textContent = irisCommand(this.config);
    this.run++;
    this.send({ type: 'iris-train', run: this.run, config: this.config });
  }

  /** True for a message of the latest training. */
  current(run: number): boolean {
    return run === this.run;
  }

  started(): void {
    this.trainButton.disabled = true;
    this.stopButton.disabled = false;
    this.statusLine.textContent = `Training on ${TRAIN_SIZE} flowers…`;
  }

  epoch(e: IrisEpoch): void {
    this.history.push(e);
    // every digit, for whoever compares with the CLI's or Node's run
    this.statusLine.dataset.last = JSON.stringify(e);
    this.charts.update(this.history);
    this.statusLine.textContent =
      `Epoch ${e.epoch + 1} of ${this.config.epochs}: training loss ${e.trainLoss.toFixed(4)}, ` +
      `accuracy ${pct(e.trainAccuracy)}; test loss ${e.testLoss.toFixed(4)}, test accuracy ${pct(e.testAccuracy)}.`;
  }

  done(stopped: boolean): void {
    this.trainButton.disabled = false;
    this.stopButton.disabled = true;
    const last = this.history[this.history.length - 1];
    if (last === undefined) {
      this.statusLine.textContent = stopped ? 'Stopped before the first epoch ended.' : 'Done.';
      return;
    }
    this.statusLine.textContent =
      `${stopped ? `Stopped after epoch ${last.epoch + 1}` : `Done: ${this.history.length} epochs`}. ` +
      `Test accuracy ${pct(last.testAccuracy)} (${Math.round(last.testAccuracy * IRIS_TEST_SIZE)} of ${IRIS_TEST_SIZE} flowers), ` +
      `training accuracy ${pct(last.trainAccuracy)}, training loss ${last.trainLoss.toFixed(4)}.`;
  }

  failed(message: string): void {
    this.trainButton.disabled = false;
    this.stopButton.disabled = true;
    this.statusLine.textContent = `Training stopped: ${message}`;
  }
}

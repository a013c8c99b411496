/**
 * The real-data panel as the worker runs it: one Iris training at a time, one epoch per job on
 * the worker's queue (shared with the tutorial), so a new request or a stop is handled between
 * epochs and the tutorial runs keep their pace. Every message carries the run's id, so the page
 * can drop what a replaced run still had in flight. No DOM and no `self` (see tutorial-session.ts).
 */
import type { IrisConfig, IrisEpoch } from '../engine/iris-config.js';
import { irisSummary, trainIris } from '../engine/iris-training.js';
import type { FromWorker } from '../protocol.js';
import { Serial } from './serial.js';
import type { Timers } from './tutorial-session.js';

export class IrisSession {
  private epochs: AsyncIterator<IrisEpoch, void> | null = null;
  private run = 0;
  private timer: unknown = undefined;

  constructor(
    private readonly post: (message: FromWorker) => void,
    private readonly timers: Pick<Timers, 'set' | 'clear'> = {
      set: (fn, ms) => setTimeout(fn, ms),
      clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    },
    private readonly serial: Serial = new Serial(),
  ) {}

  /** Starts run `run` (the page's id for it), stopping the one before. */
  start(run: number, config: IrisConfig): void {
    this.stop(false);
    this.run = run;
    this.epochs = trainIris(config);
    this.post({ type: 'iris-ready', run, summary: irisSummary(), config });
    this.schedule();
  }

  /** Stops the current training; says so when one was running and `report` is set. */
  stop(report = true): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    const wasRunning = this.epochs !== null;
    this.epochs = null;
    if (wasRunning && report) this.post({ type: 'iris-done', run: this.run, stopped: true });
  }

  private schedule(): void {
    const epochs = this.epochs;
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      void this.serial.run(
        () => this.next(epochs),
        (e) => this.fail(epochs, e),
      );
    }, 0);
  }

  private fail(epochs: AsyncIterator<IrisEpoch, void> | null, e: unknown): void {
    if (epochs === null || this.epochs !== epochs) return;
    this.epochs = null;
    this.post({ type: 'iris-error', run: this.run, message: e instanceof Error ? e.message : String(e) });
  }

  private async next(epochs: AsyncIterator<IrisEpoch, void> | null): Promise<void> {
    // stopped, or replaced by a new training, since this epoch was scheduled
    if (epochs === null || this.epochs !== epochs) return;
    const item = await epochs.next();
    if (this.epochs !== epochs) return;
    if (item.done === true) {
      this.epochs = null;
      this.post({ type: 'iris-done', run: this.run, stopped: false });
      return;
    }
    this.post({ type: 'iris-epoch', run: this.run, epoch: item.value });
    this.schedule();
  }
}

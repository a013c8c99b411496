/**
 * Runs several tutorial runs side by side on one clock counted in samples seen, so that every run
 * finishes its epochs at the same moment whatever its batch size (the tutorial compares runs per
 * epoch). One tick of the clock moves it to the next batch boundary of any run; each run whose
 * boundary that is takes one step. With batch sizes 1, 10 and 20 the SGD run steps every tick,
 * the others every 10th and 20th.
 */
import type { StepRecord, TutorialRun } from './tutorial-runs.js';

/** What one tick did: the runs that stepped, with their step records. */
export interface Tick {
  /** Samples seen so far (the clock after the tick). */
  clock: number;
  steps: { run: number; record: StepRecord | null }[];
}

export class Lockstep {
  /** Samples in one epoch. */
  readonly n: number;
  /** The clock at the end of training. */
  readonly end: number;
  private clockValue = 0;
  /** Samples each run has seen. */
  private readonly seen: number[];

  constructor(
    readonly runs: readonly TutorialRun[],
    n: number,
  ) {
    this.n = n;
    this.end = runs.length === 0 ? 0 : n * Math.max(...runs.map((r) => r.epochs));
    this.seen = runs.map(() => 0);
  }

  get clock(): number {
    return this.clockValue;
  }

  /** True when no run can step any more (all done or diverged). */
  get finished(): boolean {
    return this.runs.every((r) => r.status !== 'running');
  }

  /** Where run `i`'s current batch ends on the clock (batches never straddle an epoch). */
  private boundary(i: number): number {
    const seen = this.seen[i]!;
    const epochStart = Math.floor(seen / this.n) * this.n;
    return Math.min(seen + this.runs[i]!.batchSize, epochStart + this.n);
  }

  /** Advances to the next batch boundary; null when finished. */
  tick(): Tick | null {
    if (this.finished) return null;
    let next = Infinity;
    this.runs.forEach((r, i) => {
      if (r.status === 'running') next = Math.min(next, this.boundary(i));
    });
    const steps: Tick['steps'] = [];
    for (let i = 0; i < this.runs.length; i++) {
      const r = this.runs[i]!;
      if (r.status !== 'running' || this.boundary(i) !== next) continue;
      const record = r.next();
      this.seen[i] = next;
      steps.push({ run: i, record });
    }
    this.clockValue = next;
    return { clock: next, steps };
  }
}

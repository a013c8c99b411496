/**
 * `SequentialLR`: runs schedules one after the other, switching at milestone epochs (PyTorch's
 * `SequentialLR`, e.g. a linear warm-up followed by cosine annealing). Each schedule counts its
 * epochs from its own milestone, starting again from the base rates.
 */
import { ValueError } from '@gd/tensor';
import { type AnyOptimizer, LRScheduler, type SchedulerOptions, type SchedulerStateDict } from './lr-scheduler.js';

/** Options of {@link SequentialLR}. */
export interface SequentialLROptions extends SchedulerOptions {
  /** The schedules, all built on this optimizer. */
  schedulers: readonly LRScheduler[];
  /** The epochs at which the next schedule takes over (one fewer than the schedules). */
  milestones: readonly number[];
}

/**
 * `lr = schedulers[k].lrAt(epoch − milestones[k − 1])` where `k` is the number of milestones
 * ≤ epoch. Constructing it puts the rates back to the first schedule's epoch 0 (the schedules'
 * own constructors have already changed them), as PyTorch does.
 * @example
 * const warmup = new LinearLR(opt, { startFactor: 0.1, totalIters: 5 });
 * const cosine = new CosineAnnealingLR(opt, { tMax: 95 });
 * const sched = new SequentialLR(opt, { schedulers: [warmup, cosine], milestones: [5] });
 */
export class SequentialLR extends LRScheduler {
  readonly schedulers: readonly LRScheduler[];
  readonly milestones: readonly number[];

  constructor(optimizer: AnyOptimizer, { schedulers, milestones, ...options }: SequentialLROptions) {
    super('SequentialLR', optimizer, options);
    if (schedulers.length === 0) throw new ValueError('SequentialLR: expected at least one scheduler');
    schedulers.forEach((s, i) => {
      if (s.optimizer !== optimizer) {
        throw new ValueError(
          `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`,
        );
      }
    });
    if (milestones.length !== schedulers.length - 1) {
      throw new ValueError(
        `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${schedulers.length} and the number of milestones to be equal to ${milestones.length}`,
      );
    }
    this.schedulers = schedulers.slice();
    this.milestones = milestones.slice();
    // the schedules' own constructors applied their epoch 0: undo, so only the first one counts
    for (const g of optimizer.paramGroups) if (g.initialLr !== undefined) g.lr = g.initialLr;
    for (const s of this.schedulers) s.lastEpoch -= 1;
    this.start();
  }

  /** Which schedule runs at `epoch`, and its own epoch number. */
  private locate(epoch: number): { scheduler: LRScheduler; local: number } {
    let k = 0;
    while (k < this.milestones.length && this.milestones[k]! <= epoch) k++;
    return { scheduler: this.schedulers[k]!, local: k === 0 ? epoch : epoch - this.milestones[k - 1]! };
  }

  protected computeLr(epoch: number, _baseLr: number, group: number): number {
    const { scheduler, local } = this.locate(epoch);
    return scheduler.lrAt(local)[group]!;
  }

  /** Applies the running schedule at its own epoch (which also keeps its `lastEpoch` and `getLastLr()` current). */
  protected override apply(): void {
    const { scheduler, local } = this.locate(this.lastEpoch);
    scheduler.setEpoch(local);
    super.apply();
  }

  override stateDict(): SchedulerStateDict {
    return { ...super.stateDict(), schedulers: this.schedulers.map((s) => s.stateDict()) };
  }

  override loadStateDict(state: SchedulerStateDict): void {
    const saved = state.schedulers;
    if (!Array.isArray(saved) || saved.length !== this.schedulers.length) {
      throw new ValueError(`loadStateDict: SequentialLR was saved with ${Array.isArray(saved) ? saved.length : 'no'} schedulers, this one has ${this.schedulers.length}`);
    }
    super.loadStateDict(state);
    this.schedulers.forEach((s, i) => s.loadStateDict(saved[i] as SchedulerStateDict));
  }
}

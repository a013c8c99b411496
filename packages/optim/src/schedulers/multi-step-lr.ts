/** `MultiStepLR`: decays the rate by `gamma` at each milestone epoch (PyTorch's `MultiStepLR`). */
import { ValueError } from '@gd/tensor';
import { type AnyOptimizer, LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

/** Options of {@link MultiStepLR}. */
export interface MultiStepLROptions extends SchedulerOptions {
  /** Epochs at which the rate decays; a milestone listed twice decays twice. */
  milestones: readonly number[];
  /** Factor of each decay (default 0.1). */
  gamma?: number;
}

/**
 * `lr = base · gamma^(number of milestones ≤ epoch)`.
 * @example
 * // base lr 0.05, milestones [30, 80], gamma 0.1:
 * // lr = 0.05    if epoch < 30
 * // lr = 0.005   if 30 <= epoch < 80
 * // lr = 0.0005  if epoch >= 80
 * const sched = new MultiStepLR(opt, { milestones: [30, 80], gamma: 0.1 });
 */
export class MultiStepLR extends LRScheduler {
  /** The milestones, sorted. */
  readonly milestones: readonly number[];
  readonly gamma: number;

  constructor(optimizer: AnyOptimizer, { milestones, gamma = 0.1, ...options }: MultiStepLROptions) {
    super('MultiStepLR', optimizer, options);
    if (!Array.isArray(milestones) || !milestones.every((m) => Number.isInteger(m))) {
      throw new ValueError(`MultiStepLR: milestones must be a list of integers, got ${String(milestones)}`);
    }
    this.milestones = milestones.slice().sort((a, b) => a - b);
    this.gamma = gamma;
    this.start();
  }

  protected computeLr(epoch: number, baseLr: number): number {
    let passed = 0; // bisect_right: milestones <= epoch
    while (passed < this.milestones.length && this.milestones[passed]! <= epoch) passed++;
    return baseLr * this.gamma ** passed;
  }
}

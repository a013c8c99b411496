/** `ConstantLR`: scales the rate by `factor` until `totalIters` (PyTorch's `ConstantLR`, a warm-up). */
import { ValueError } from '@gd/tensor';
import { type AnyOptimizer, LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

/** Options of {@link ConstantLR}. */
export interface ConstantLROptions extends SchedulerOptions {
  /** Factor before `totalIters`, in [0, 1] (default 1/3). */
  factor?: number;
  /** Epochs at the lowered rate (default 5). */
  totalIters?: number;
}

/**
 * `lr = base · factor` while `epoch < totalIters`, then `base`.
 * @example
 * // base lr 0.05, factor 0.5, totalIters 4: 0.025 for epochs 0–3, then 0.05
 * const sched = new ConstantLR(opt, { factor: 0.5, totalIters: 4 });
 */
export class ConstantLR extends LRScheduler {
  readonly factor: number;
  readonly totalIters: number;

  constructor(optimizer: AnyOptimizer, { factor = 1 / 3, totalIters = 5, ...options }: ConstantLROptions = {}) {
    super('ConstantLR', optimizer, options);
    if (factor > 1 || !(factor >= 0)) throw new ValueError('Constant multiplicative factor expected to be between 0 and 1.');
    this.factor = factor;
    this.totalIters = totalIters;
    this.start();
  }

  protected computeLr(epoch: number, baseLr: number): number {
    return baseLr * (this.factor + (epoch >= this.totalIters ? 1 : 0) * (1 - this.factor));
  }
}

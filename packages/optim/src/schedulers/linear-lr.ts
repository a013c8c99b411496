/** `LinearLR`: scales the rate by a factor going linearly from `startFactor` to `endFactor` (PyTorch's `LinearLR`, a warm-up). */
import { ValueError } from '@gd/tensor';
import { type AnyOptimizer, LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

/** Options of {@link LinearLR}. */
export interface LinearLROptions extends SchedulerOptions {
  /** Factor at epoch 0, in (0, 1] (default 1/3). */
  startFactor?: number;
  /** Factor from `totalIters` on, in [0, 1] (default 1). */
  endFactor?: number;
  /** Epochs of the ramp (default 5). */
  totalIters?: number;
}

/**
 * `lr = base · (start + (end − start) · min(epoch, totalIters) / totalIters)`.
 * @example
 * // base lr 0.1, defaults (1/3 → 1 over 5 epochs):
 * // epoch 0: 0.0333, 1: 0.0467, 2: 0.06, 3: 0.0733, 4: 0.0867, 5 and after: 0.1
 * const sched = new LinearLR(opt);
 */
export class LinearLR extends LRScheduler {
  readonly startFactor: number;
  readonly endFactor: number;
  readonly totalIters: number;

  constructor(optimizer: AnyOptimizer, { startFactor = 1 / 3, endFactor = 1, totalIters = 5, ...options }: LinearLROptions = {}) {
    super('LinearLR', optimizer, options);
    if (startFactor > 1 || !(startFactor > 0)) {
      throw new ValueError('Starting multiplicative factor expected to be greater than 0 and less or equal to 1.');
    }
    if (endFactor > 1 || !(endFactor >= 0)) throw new ValueError('Ending multiplicative factor expected to be between 0 and 1.');
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.start();
  }

  protected computeLr(epoch: number, baseLr: number): number {
    const { startFactor: s, endFactor: e, totalIters: n } = this;
    return baseLr * (s + ((e - s) * Math.min(n, epoch)) / n);
  }
}

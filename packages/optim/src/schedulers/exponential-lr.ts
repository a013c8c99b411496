/** `ExponentialLR`: decays the rate by `gamma` every epoch (PyTorch's `ExponentialLR`). */
import { type AnyOptimizer, LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

/** Options of {@link ExponentialLR}. */
export interface ExponentialLROptions extends SchedulerOptions {
  /** Factor of each epoch's decay. */
  gamma: number;
}

/**
 * `lr = base · gamma^epoch`.
 * @example
 * // base lr 0.1, gamma 0.9: 0.1, 0.09, 0.081, 0.0729, ...
 * const sched = new ExponentialLR(opt, { gamma: 0.9 });
 */
export class ExponentialLR extends LRScheduler {
  readonly gamma: number;

  constructor(optimizer: AnyOptimizer, { gamma, ...options }: ExponentialLROptions) {
    super('ExponentialLR', optimizer, options);
    this.gamma = gamma;
    this.start();
  }

  protected computeLr(epoch: number, baseLr: number): number {
    return baseLr * this.gamma ** epoch;
  }
}

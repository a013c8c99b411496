/** `LambdaLR`: the base rate times a function of the epoch (PyTorch's `LambdaLR`). */
import { ValueError } from '@gd/tensor';
import { type AnyOptimizer, LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

/** A multiplier of the base rate, given the epoch. */
export type LrLambda = (epoch: number) => number;

/** Options of {@link LambdaLR}. */
export interface LambdaLROptions extends SchedulerOptions {
  /** One function for every group, or one per group. */
  lrLambda: LrLambda | readonly LrLambda[];
}

/**
 * `lr = base · lrLambda(epoch)`.
 * @example
 * // warm up over 10 epochs, then constant:
 * const sched = new LambdaLR(opt, { lrLambda: (epoch) => Math.min(1, (epoch + 1) / 10) });
 */
export class LambdaLR extends LRScheduler {
  readonly lrLambdas: readonly LrLambda[];

  constructor(optimizer: AnyOptimizer, { lrLambda, ...options }: LambdaLROptions) {
    super('LambdaLR', optimizer, options);
    const groups = optimizer.paramGroups.length;
    if (typeof lrLambda === 'function') this.lrLambdas = Array.from({ length: groups }, () => lrLambda);
    else {
      if (!Array.isArray(lrLambda) || lrLambda.length !== groups) {
        throw new ValueError(`Expected ${groups} lr_lambdas, but got ${Array.isArray(lrLambda) ? lrLambda.length : String(lrLambda)}`);
      }
      this.lrLambdas = lrLambda.slice();
    }
    this.start();
  }

  protected computeLr(epoch: number, baseLr: number, group: number): number {
    return baseLr * this.lrLambdas[group]!(epoch);
  }
}

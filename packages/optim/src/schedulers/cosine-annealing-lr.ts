/** `CosineAnnealingLR`: the rate follows a cosine from the base rate down to `etaMin` (PyTorch's `CosineAnnealingLR`). */
import { ValueError } from '@gd/tensor';
import { type AnyOptimizer, LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

/** Options of {@link CosineAnnealingLR}. */
export interface CosineAnnealingLROptions extends SchedulerOptions {
  /** Epochs of the half period (from the base rate down to `etaMin`). */
  tMax: number;
  /** The lowest rate (default 0). */
  etaMin?: number;
}

/**
 * `lr = etaMin + (base − etaMin) · (1 + cos(π · epoch / tMax)) / 2` (SGDR without restarts).
 * Past `tMax` the cosine continues, back up to the base rate at `2 · tMax`, as in PyTorch.
 * @example
 * // base lr 0.1, tMax 10, etaMin 0.001:
 * // epoch 0: 0.1, 5: 0.0505, 10: 0.001, 15: 0.0505, 20: 0.1
 * const sched = new CosineAnnealingLR(opt, { tMax: 10, etaMin: 0.001 });
 */
export class CosineAnnealingLR extends LRScheduler {
  readonly tMax: number;
  readonly etaMin: number;

  constructor(optimizer: AnyOptimizer, { tMax, etaMin = 0, ...options }: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer, options);
    if (!(tMax > 0)) throw new ValueError(`CosineAnnealingLR: tMax must be positive, got ${tMax}`);
    this.tMax = tMax;
    this.etaMin = etaMin;
    this.start();
  }

  protected computeLr(epoch: number, baseLr: number): number {
    return this.etaMin + ((baseLr - this.etaMin) * (1 + Math.cos((Math.PI * epoch) / this.tMax))) / 2;
  }
}

/** `StepLR`: decays the rate by `gamma` every `stepSize` epochs (PyTorch's `StepLR`). */
import { ValueError } from '@gd/tensor';
import { type AnyOptimizer, LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

/** Options of {@link StepLR}. */
export interface StepLROptions extends SchedulerOptions {
  /** Epochs between decays. */
  stepSize: number;
  /** Factor of each decay (default 0.1). */
  gamma?: number;
}

/**
 * `lr = base · gamma^⌊epoch / stepSize⌋`.
 * @example
 * // base lr 0.05, stepSize 30, gamma 0.1:
 * // lr = 0.05    if epoch < 30
 * // lr = 0.005   if 30 <= epoch < 60
 * // lr = 0.0005  if 60 <= epoch < 90
 * const sched = new StepLR(opt, { stepSize: 30, gamma: 0.1 });
 */
export class StepLR extends LRScheduler {
  readonly stepSize: number;
  readonly gamma: number;

  constructor(optimizer: AnyOptimizer, { stepSize, gamma = 0.1, ...options }: StepLROptions) {
    super('StepLR', optimizer, options);
    if (!Number.isInteger(stepSize) || stepSize <= 0) throw new ValueError(`StepLR: stepSize must be a positive integer, got ${stepSize}`);
    this.stepSize = stepSize;
    this.gamma = gamma;
    this.start();
  }

  protected computeLr(epoch: number, baseLr: number): number {
    return baseLr * this.gamma ** Math.floor(epoch / this.stepSize);
  }
}

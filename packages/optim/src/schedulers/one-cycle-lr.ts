/**
 * `OneCycleLR`: Smith's 1cycle policy (PyTorch's `OneCycleLR`), set every batch: the rate rises
 * from `maxLr / divFactor` to `maxLr`, then anneals far below the start, while the momentum (SGD's
 * `momentum`, or Adam's β1) moves the opposite way between `maxMomentum` and `baseMomentum`.
 */
import { ValueError } from '@gd/tensor';
import type { ParamGroup } from '../param-groups.js';
import { type AnyOptimizer, LRScheduler, type SchedulerOptions } from './lr-scheduler.js';

/** Options of {@link OneCycleLR}. */
export interface OneCycleLROptions extends SchedulerOptions {
  /** The peak rate, for every group or one per group. */
  maxLr: number | readonly number[];
  /** Steps in the cycle; or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number;
  /** Epochs, with `stepsPerEpoch`, when `totalSteps` is not given. */
  epochs?: number;
  /** Steps per epoch, with `epochs`. */
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent rising (default 0.3). */
  pctStart?: number;
  /** `'cos'` (default) or `'linear'` annealing. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle the momentum inversely to the rate (default true). */
  cycleMomentum?: boolean;
  /** The lowest momentum, at the peak rate (default 0.85). */
  baseMomentum?: number | readonly number[];
  /** The highest momentum, at the ends (default 0.95). */
  maxMomentum?: number | readonly number[];
  /** The starting rate is `maxLr / divFactor` (default 25). */
  divFactor?: number;
  /** The final rate is the starting rate / `finalDivFactor` (default 1e4). */
  finalDivFactor?: number;
  /** Three phases (up, down to the start, then down to the minimum) instead of two. */
  threePhase?: boolean;
}

/** Which of a group's anchor values a phase starts or ends at. */
type Anchor = 'initial' | 'max' | 'min';
type MomentumAnchor = 'max' | 'base';

interface Phase {
  /** The last step of the phase (fractional, as in PyTorch). */
  endStep: number;
  startLr: Anchor;
  endLr: Anchor;
  startMomentum: MomentumAnchor;
  endMomentum: MomentumAnchor;
}

/** One group's anchors. */
interface GroupAnchors {
  initial: number;
  max: number;
  min: number;
  maxMomentum: number;
  baseMomentum: number;
}

/**
 * The 1cycle schedule. Step it after every batch; stepping past `totalSteps` throws.
 * @example
 * const sched = new OneCycleLR(opt, { maxLr: 0.1, totalSteps: epochs * batchesPerEpoch });
 * // for each batch: opt.step(); sched.step();
 */
export class OneCycleLR extends LRScheduler {
  readonly totalSteps: number;
  readonly cycleMomentum: boolean;
  /** Whether the momentum is Adam's β1 (`betas[0]`) rather than SGD's `momentum`. */
  readonly useBeta1: boolean;
  private readonly anneal: (start: number, end: number, pct: number) => number;
  private readonly phases: readonly Phase[];
  private readonly anchors: readonly GroupAnchors[];

  constructor(optimizer: AnyOptimizer, options: OneCycleLROptions) {
    const {
      maxLr,
      totalSteps,
      epochs,
      stepsPerEpoch,
      pctStart = 0.3,
      annealStrategy = 'cos',
      cycleMomentum = true,
      baseMomentum = 0.85,
      maxMomentum = 0.95,
      divFactor = 25,
      finalDivFactor = 1e4,
      threePhase = false,
      ...rest
    } = options;
    super('OneCycleLR', optimizer, rest);
    if (totalSteps === undefined && epochs === undefined && stepsPerEpoch === undefined) {
      throw new ValueError('You must define either total_steps OR (epochs AND steps_per_epoch)');
    }
    if (totalSteps !== undefined) {
      if (!Number.isInteger(totalSteps) || totalSteps <= 0) throw new ValueError(`Expected positive integer total_steps, but got ${totalSteps}`);
      this.totalSteps = totalSteps;
    } else {
      if (epochs === undefined || !Number.isInteger(epochs) || epochs <= 0) throw new ValueError(`Expected positive integer epochs, but got ${epochs}`);
      if (stepsPerEpoch === undefined || !Number.isInteger(stepsPerEpoch) || stepsPerEpoch <= 0) {
        throw new ValueError(`Expected positive integer steps_per_epoch, but got ${stepsPerEpoch}`);
      }
      this.totalSteps = epochs * stepsPerEpoch;
    }
    const total = this.totalSteps;
    this.phases = threePhase
      ? [
          { endStep: pctStart * total - 1, startLr: 'initial', endLr: 'max', startMomentum: 'max', endMomentum: 'base' },
          { endStep: 2 * pctStart * total - 2, startLr: 'max', endLr: 'initial', startMomentum: 'base', endMomentum: 'max' },
          { endStep: total - 1, startLr: 'initial', endLr: 'min', startMomentum: 'max', endMomentum: 'max' },
        ]
      : [
          { endStep: pctStart * total - 1, startLr: 'initial', endLr: 'max', startMomentum: 'max', endMomentum: 'base' },
          { endStep: total - 1, startLr: 'max', endLr: 'min', startMomentum: 'base', endMomentum: 'max' },
        ];
    if (!(pctStart >= 0 && pctStart <= 1)) throw new ValueError(`Expected float between 0 and 1 pct_start, but got ${pctStart}`);
    if (annealStrategy !== 'cos' && annealStrategy !== 'linear') {
      throw new ValueError(`anneal_strategy must by one of 'cos' or 'linear', instead got ${String(annealStrategy)}`);
    }
    this.anneal = annealStrategy === 'cos' ? annealCos : annealLinear;

    const groups = optimizer.paramGroups as (ParamGroup & { momentum?: number; betas?: [number, number] })[];
    const maxLrs = perGroup('max_lr', maxLr, groups.length);
    this.cycleMomentum = cycleMomentum;
    this.useBeta1 = 'betas' in optimizer.defaults;
    if (cycleMomentum && !('momentum' in optimizer.defaults) && !this.useBeta1) {
      throw new ValueError('optimizer must support momentum with `cycle_momentum` option enabled');
    }
    const maxMomentums = perGroup('max_momentum', maxMomentum, groups.length);
    const baseMomentums = perGroup('base_momentum', baseMomentum, groups.length);
    this.anchors = groups.map((g, i) => {
      const initial = maxLrs[i]! / divFactor;
      return { initial, max: maxLrs[i]!, min: initial / finalDivFactor, maxMomentum: maxMomentums[i]!, baseMomentum: baseMomentums[i]! };
    });
    if (this.lastEpoch === -1) {
      groups.forEach((g, i) => {
        g.initialLr = this.anchors[i]!.initial;
      });
    }
    this.start();
  }

  /** The step number `epoch`'s phase, and how far into it (0 to 1). */
  private locate(epoch: number): { phase: Phase; pct: number } {
    if (epoch > this.totalSteps) {
      throw new ValueError(`Tried to step ${epoch + 1} times. The specified number of total steps is ${this.totalSteps}`);
    }
    let startStep = 0;
    for (let i = 0; i < this.phases.length; i++) {
      const phase = this.phases[i]!;
      if (epoch <= phase.endStep || i === this.phases.length - 1) {
        return { phase, pct: (epoch - startStep) / (phase.endStep - startStep) };
      }
      startStep = phase.endStep;
    }
    throw new Error('unreachable');
  }

  protected computeLr(epoch: number, _baseLr: number, group: number): number {
    const { phase, pct } = this.locate(epoch);
    const a = this.anchors[group]!;
    return this.anneal(a[phase.startLr], a[phase.endLr], pct);
  }

  /** The momentum (or β1) of each group at `epoch`. */
  momentumAt(epoch: number): number[] {
    const { phase, pct } = this.locate(epoch);
    return this.anchors.map((a) =>
      this.anneal(
        phase.startMomentum === 'max' ? a.maxMomentum : a.baseMomentum,
        phase.endMomentum === 'max' ? a.maxMomentum : a.baseMomentum,
        pct,
      ),
    );
  }

  protected override apply(): void {
    super.apply();
    if (!this.cycleMomentum) return;
    const momenta = this.momentumAt(this.lastEpoch);
    const groups = this.optimizer.paramGroups as (ParamGroup & { momentum?: number; betas?: [number, number] })[];
    groups.forEach((g, i) => {
      if (this.useBeta1) g.betas = [momenta[i]!, g.betas![1]];
      else g.momentum = momenta[i]!;
    });
  }
}

/** Cosine annealing from `start` to `end` as `pct` goes from 0 to 1. */
function annealCos(start: number, end: number, pct: number): number {
  const cosOut = Math.cos(Math.PI * pct) + 1;
  return end + ((start - end) / 2) * cosOut;
}

/** Linear annealing from `start` to `end` as `pct` goes from 0 to 1. */
function annealLinear(start: number, end: number, pct: number): number {
  return (end - start) * pct + start;
}

/** A scalar repeated for every group, or a list with one value per group. */
function perGroup(name: string, value: number | readonly number[], groups: number): readonly number[] {
  if (typeof value === 'number') return Array.from({ length: groups }, () => value);
  if (value.length !== groups) throw new ValueError(`expected ${groups} values for ${name}, got ${value.length}`);
  return value;
}

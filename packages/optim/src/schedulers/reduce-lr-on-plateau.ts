/**
 * `ReduceLROnPlateau`: lowers the rate when a metric stops improving (PyTorch's
 * `ReduceLROnPlateau`). Unlike the epoch schedules it depends on the metrics seen, so it is a
 * small state machine rather than a function of the epoch: `step(metric)` after each evaluation.
 */
import { ValueError } from '@gd/tensor';
import { Optimizer } from '../optimizer.js';
import { decodeNumber, encodeNumber } from '../state-dict.js';
import type { AnyOptimizer } from './lr-scheduler.js';

/** Options of {@link ReduceLROnPlateau}. */
export interface ReduceLROnPlateauOptions {
  /** `'min'` (default): lower is better (a loss); `'max'`: higher is better (an accuracy). */
  mode?: 'min' | 'max';
  /** Factor of each reduction, < 1 (default 0.1). */
  factor?: number;
  /** Epochs without improvement tolerated before reducing (default 10). */
  patience?: number;
  /** How much better counts as better (default 1e-4). */
  threshold?: number;
  /** `'rel'` (default): better than `best · (1 ∓ threshold)`; `'abs'`: better than `best ∓ threshold`. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** The lowest rate, for every group or one per group (default 0). */
  minLr?: number | readonly number[];
  /** A reduction smaller than this is skipped (default 1e-8). */
  eps?: number;
}

/** The JSON form of a {@link ReduceLROnPlateau}'s progress. */
export interface PlateauStateDict {
  version: number;
  scheduler: 'ReduceLROnPlateau';
  best: number | string;
  numBadEpochs: number;
  cooldownCounter: number;
  lastEpoch: number;
}

/**
 * Reduce the rate by `factor` once the metric has not improved for more than `patience` epochs.
 * @example
 * const sched = new ReduceLROnPlateau(opt, { patience: 2 });
 * // each epoch: train(); sched.step(validationLoss);
 */
export class ReduceLROnPlateau {
  readonly optimizer: AnyOptimizer;
  readonly mode: 'min' | 'max';
  readonly factor: number;
  readonly patience: number;
  readonly threshold: number;
  readonly thresholdMode: 'rel' | 'abs';
  readonly cooldown: number;
  readonly minLrs: readonly number[];
  readonly eps: number;
  /** The best metric so far. */
  best: number;
  /** Epochs since the last improvement. */
  numBadEpochs = 0;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** Epochs stepped. */
  lastEpoch = 0;

  constructor(
    optimizer: AnyOptimizer,
    {
      mode = 'min',
      factor = 0.1,
      patience = 10,
      threshold = 1e-4,
      thresholdMode = 'rel',
      cooldown = 0,
      minLr = 0,
      eps = 1e-8,
      ...unknown
    }: ReduceLROnPlateauOptions = {},
  ) {
    for (const key of Object.keys(unknown)) throw new ValueError(`ReduceLROnPlateau: unknown option '${key}'`);
    if (factor >= 1) throw new ValueError('Factor should be < 1.0.');
    if (!(optimizer instanceof Optimizer)) throw new TypeError(`${String(optimizer)} is not an Optimizer`);
    this.optimizer = optimizer;
    const groups = optimizer.paramGroups.length;
    if (typeof minLr === 'number') this.minLrs = Array.from({ length: groups }, () => minLr);
    else {
      if (minLr.length !== groups) throw new ValueError(`expected ${groups} min_lrs, got ${minLr.length}`);
      this.minLrs = minLr.slice();
    }
    if (mode !== 'min' && mode !== 'max') throw new ValueError(`mode ${String(mode)} is unknown!`);
    if (thresholdMode !== 'rel' && thresholdMode !== 'abs') throw new ValueError(`threshold mode ${String(thresholdMode)} is unknown!`);
    this.mode = mode;
    this.factor = factor;
    this.patience = patience;
    this.threshold = threshold;
    this.thresholdMode = thresholdMode;
    this.cooldown = cooldown;
    this.eps = eps;
    this.best = this.worst;
  }

  private get worst(): number {
    return this.mode === 'min' ? Infinity : -Infinity;
  }

  /** Whether a cooldown is running. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  /** Whether `a` improves on `best` by more than the threshold. */
  isBetter(a: number, best: number): boolean {
    if (this.mode === 'min' && this.thresholdMode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min') return a < best - this.threshold;
    if (this.thresholdMode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  /** Records one epoch's metric, reducing the rates when it has plateaued. */
  step(metric: number): void {
    const current = Number(metric);
    this.lastEpoch += 1;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
  }

  private reduceLr(): void {
    this.optimizer.paramGroups.forEach((g, i) => {
      const old = g.lr;
      const next = Math.max(old * this.factor, this.minLrs[i]!);
      if (old - next > this.eps) g.lr = next;
    });
  }

  /** The groups' current rates. */
  getLastLr(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  /** The progress as JSON data (the rates themselves are in the optimizer's state dict). */
  stateDict(): PlateauStateDict {
    return {
      version: 1,
      scheduler: 'ReduceLROnPlateau',
      best: encodeNumber(this.best),
      numBadEpochs: this.numBadEpochs,
      cooldownCounter: this.cooldownCounter,
      lastEpoch: this.lastEpoch,
    };
  }

  /** Restores the progress saved by {@link stateDict}. */
  loadStateDict(state: PlateauStateDict): void {
    if (state === null || typeof state !== 'object' || state.version !== 1 || state.scheduler !== 'ReduceLROnPlateau') {
      throw new ValueError('loadStateDict: not a version 1 ReduceLROnPlateau state dict');
    }
    this.best = decodeNumber(state.best, 'best');
    this.numBadEpochs = state.numBadEpochs;
    this.cooldownCounter = state.cooldownCounter;
    this.lastEpoch = state.lastEpoch;
  }
}

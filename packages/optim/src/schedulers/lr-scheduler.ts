/**
 * `LRScheduler`: the base of the epoch-indexed learning-rate schedules. A schedule is a pure
 * function of the step number, `lrAt(epoch)` (one rate per parameter group, from the groups' base
 * rates); `step()` advances the counter and writes the rates into the optimizer's groups.
 *
 * PyTorch 1.13's schedulers mostly update the rates recursively (each step multiplies the current
 * rate); the closed forms here give the same binary64 rates to within a few units in the last place
 * (1e-15 relative), and the same float32 step sizes. Two consequences of computing from the base
 * rate: a rate changed by hand between steps is overwritten at the next `step()`, and nothing here
 * patches `optimizer.step` — the order check reads the optimizer's step counter instead.
 */
import { ValueError } from '@gd/tensor';
import { Optimizer } from '../optimizer.js';
import { type EncodedValue, decodeNumber, encodeValue } from '../state-dict.js';
import { type WarningHandler, defaultWarningHandler } from '../warnings.js';

/** Options every scheduler accepts. */
export interface SchedulerOptions {
  /**
   * The index of the last epoch when resuming (default -1: start). Resuming needs the groups'
   * `initialLr`, which the first scheduler of a run sets (and the optimizer's state dict keeps).
   */
  lastEpoch?: number;
  /** Receives warnings (default: `process.emitWarning`, or `console.warn` outside Node). */
  onWarning?: WarningHandler;
}

/** The JSON form of a scheduler's progress. */
export interface SchedulerStateDict {
  /** Format version (1). */
  version: number;
  /** The scheduler's class name. */
  scheduler: string;
  /** The last epoch computed. */
  lastEpoch: number;
  /** The groups' base rates. */
  baseLrs: EncodedValue[];
  /** The rates of the last step. */
  lastLr: EncodedValue[];
  /** How many times `step()` was called. */
  stepCount: number;
  /** Scheduler-specific progress (SequentialLR's schedulers, ...). */
  [key: string]: unknown;
}

/** The message PyTorch gives when a scheduler steps before its optimizer. */
export const ORDER_WARNING =
  'Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate';

/** An optimizer of any kind, as schedulers see it (groups with at least `lr`). */
export type AnyOptimizer = Optimizer;

/**
 * The base class of the schedules. A subclass implements {@link computeLr} and calls
 * {@link start} at the end of its constructor (once its own fields are set), which is PyTorch's
 * initial step: the groups get the rates of epoch `lastEpoch + 1`.
 */
export abstract class LRScheduler {
  /** The class name (for state dicts and messages). */
  readonly name: string;
  /** The optimizer whose groups get the rates. */
  readonly optimizer: AnyOptimizer;
  /** Each group's base rate (its `initialLr`). */
  baseLrs: number[] = [];
  /** The epoch of the rates in the groups (0 after construction). */
  lastEpoch: number;
  protected readonly onWarning: WarningHandler;
  private lastLrs: number[] = [];
  private steps = 0;
  private optimizerStepsAtStart = 0;

  protected constructor(name: string, optimizer: AnyOptimizer, options: SchedulerOptions = {}) {
    if (!(optimizer instanceof Optimizer)) throw new TypeError(`${typeName(optimizer)} is not an Optimizer`);
    this.name = name;
    this.optimizer = optimizer;
    this.lastEpoch = options.lastEpoch ?? -1;
    if (!Number.isInteger(this.lastEpoch) || this.lastEpoch < -1) {
      throw new ValueError(`${name}: lastEpoch must be an integer >= -1, got ${this.lastEpoch}`);
    }
    this.onWarning = options.onWarning ?? defaultWarningHandler;
    // a subclass passes on what it did not destructure: anything else is a misspelt option
    for (const key of Object.keys(options)) {
      if (key !== 'lastEpoch' && key !== 'onWarning') throw new ValueError(`${name}: unknown option '${key}'`);
    }
  }

  /** The rate of group `group` at `epoch`, from its base rate: the schedule itself, pure. */
  protected abstract computeLr(epoch: number, baseLr: number, group: number): number;

  /**
   * The rates of every group at `epoch`, without changing anything.
   * @example
   * new StepLR(opt, { stepSize: 30, gamma: 0.1 }).lrAt(45) // [base * 0.1]
   */
  lrAt(epoch: number): number[] {
    return this.baseLrs.map((base, i) => this.computeLr(epoch, base, i));
  }

  /** Records the base rates and applies the first epoch; the end of every subclass constructor. */
  protected start(): void {
    const groups = this.optimizer.paramGroups;
    if (this.lastEpoch === -1) {
      for (const g of groups) if (g.initialLr === undefined) g.initialLr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (g.initialLr === undefined) {
          throw new ValueError(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
        }
      });
    }
    this.baseLrs = groups.map((g) => g.initialLr!);
    this.optimizerStepsAtStart = this.optimizer.stepCount;
    this.steps = 0;
    this.lastEpoch += 1;
    this.apply();
  }

  /**
   * Advances one epoch (or one batch, for per-batch schedules) and sets the groups' rates. Call it
   * after `optimizer.step()`; calling it first is warned about once, as in PyTorch.
   */
  step(): void {
    if (this.steps === 0 && this.optimizer.stepCount === this.optimizerStepsAtStart) this.onWarning(ORDER_WARNING);
    this.steps++;
    this.lastEpoch += 1;
    this.apply();
  }

  /** The rates of the current epoch, one per group. */
  getLastLr(): number[] {
    return this.lastLrs.slice();
  }

  /** Writes the rates of `lastEpoch` into the groups. */
  protected apply(): void {
    const lrs = this.lrAt(this.lastEpoch);
    const groups = this.optimizer.paramGroups;
    groups.forEach((g, i) => {
      g.lr = lrs[i]!;
    });
    this.lastLrs = groups.map((g) => g.lr);
  }

  /** Jumps to `epoch` and applies it (SequentialLR's switch to the next schedule). */
  setEpoch(epoch: number): void {
    this.lastEpoch = epoch;
    this.apply();
  }

  /**
   * The scheduler's progress as JSON data. The hyper-parameters are not included: they are the
   * constructor's arguments, given again when the run resumes.
   */
  stateDict(): SchedulerStateDict {
    return {
      version: 1,
      scheduler: this.name,
      lastEpoch: this.lastEpoch,
      baseLrs: this.baseLrs.map((x) => encodeValue(x, 'baseLrs')),
      lastLr: this.lastLrs.map((x) => encodeValue(x, 'lastLr')),
      stepCount: this.steps,
    };
  }

  /** Restores the progress saved by {@link stateDict} (the groups' rates come with the optimizer's). */
  loadStateDict(state: SchedulerStateDict): void {
    if (state === null || typeof state !== 'object' || state.version !== 1) {
      throw new ValueError(`loadStateDict: unsupported scheduler state dict version ${String(state?.version)} (expected 1)`);
    }
    if (state.scheduler !== this.name) throw new ValueError(`loadStateDict: the state dict is from ${String(state.scheduler)}, not ${this.name}`);
    if (!Array.isArray(state.baseLrs) || state.baseLrs.length !== this.optimizer.paramGroups.length) {
      throw new ValueError(
        `loadStateDict: ${this.name} was saved with ${String(state.baseLrs?.length)} parameter groups, the optimizer has ${this.optimizer.paramGroups.length}`,
      );
    }
    this.lastEpoch = state.lastEpoch;
    this.baseLrs = state.baseLrs.map((x) => decodeNumber(x, 'baseLrs'));
    this.lastLrs = (state.lastLr ?? []).map((x) => decodeNumber(x, 'lastLr'));
    this.steps = state.stepCount;
  }
}

function typeName(x: unknown): string {
  if (x === null || typeof x !== 'object') return String(x);
  return x.constructor?.name ?? 'object';
}

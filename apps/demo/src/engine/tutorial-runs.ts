/**
 * The adapter between the page and @gd/train: each run (one batch size) is @gd/train's tutorial
 * stepper, the code `gd tutorial` runs, driven one batch per call so the worker can pause, step
 * and interleave several runs. This file only translates: the page's settings into @gd/train's
 * (the page's `momentum` is SGD with momentum 0.9), and a run's end into the page's status.
 *
 * Each stepper keeps its own random stream (see @gd/train's stepper.ts), so runs interleaved in
 * any order give the numbers of runs made one after the other, each after `manualSeed(seed)`.
 */
import { type TutorialConfig as TrainConfig, type TutorialStep, createTutorialStepper, tutorialData as trainData } from '@gd/train';
import type { OptimizerName, TutorialConfig } from './config.js';

/** The experiment's data as plain arrays (x, the noise-free line, the noisy Y, what is trained on). */
export interface TutorialData {
  x: Float32Array;
  clean: Float32Array;
  y: Float32Array;
  /** The training targets: `clean` or `y` (config.targets). */
  trainY: Float32Array;
}

/** What one optimisation step did: epoch, step, loss, batch size, (w, b) before and after, gradient. */
export type StepRecord = TutorialStep;

/** Why a run stopped early. */
export interface Divergence {
  epoch: number;
  step: number;
  /** What became NaN or infinite, e.g. `loss = Infinity`. */
  what: string;
}

export type RunStatus = 'running' | 'done' | 'diverged';

/** One training run of the tutorial experiment, stepped from outside. */
export interface TutorialRun {
  readonly batchSize: number;
  readonly stepsPerEpoch: number;
  readonly epochs: number;
  /** Full-data loss against the noisy Y at the start of each epoch (the tutorial's list). */
  readonly losses: number[];
  /** The same loss after the last epoch (NaN until the run is done). */
  readonly finalLoss: number;
  /** w and b after each finished epoch. */
  readonly wPerEpoch: number[];
  readonly bPerEpoch: number[];
  readonly w: number;
  readonly b: number;
  readonly status: RunStatus;
  readonly divergence: Divergence | undefined;
  /** One batch (starting an epoch first when one is due); null once the run has stopped. */
  next(): StepRecord | null;
}

/** The page's optimizer names as @gd/train's (`manual` is the tutorial's own update). */
const OPTIMIZERS: Record<OptimizerName, Pick<TrainConfig, 'optimizer' | 'optimizerOptions'>> = {
  manual: { optimizer: 'manual', optimizerOptions: {} },
  sgd: { optimizer: 'sgd', optimizerOptions: {} },
  momentum: { optimizer: 'sgd', optimizerOptions: { momentum: 0.9 } },
  adam: { optimizer: 'adam', optimizerOptions: {} },
};

/** The page's settings as @gd/train's tutorial config. */
export function trainConfig(c: TutorialConfig): TrainConfig {
  const { batchSizes, lr, epochs, noise, n, seed, shuffle, targets, w0, b0 } = c;
  return { batchSizes: [...batchSizes], lr, epochs, noise, n, seed, shuffle, targets, w0, b0, ...OPTIMIZERS[c.optimizer] };
}

/** The data of `config` (same seed, same numbers as every run of it). */
export function tutorialData(config: TutorialConfig): TutorialData {
  const d = trainData(trainConfig(config));
  // float32 values in binary64 numbers: back to float32 without rounding
  const y = Float32Array.from(d.y);
  const clean = Float32Array.from(d.func);
  return { x: Float32Array.from(d.x), clean, y, trainY: config.targets === 'clean' ? clean : y };
}

/** A run of `config` with one batch size. */
export function createTutorialRun(config: TutorialConfig, batchSize: number): TutorialRun {
  const stepper = createTutorialStepper({ ...trainConfig(config), batchSizes: [batchSize] });
  const { run } = stepper;
  return {
    batchSize,
    stepsPerEpoch: run.stepsPerEpoch,
    epochs: config.epochs,
    losses: run.losses,
    wPerEpoch: run.wPerEpoch,
    bPerEpoch: run.bPerEpoch,
    get finalLoss() {
      return run.finalLoss;
    },
    get w() {
      return run.w;
    },
    get b() {
      return run.b;
    },
    get status(): RunStatus {
      if (run.failure !== null) return 'diverged';
      return stepper.done ? 'done' : 'running';
    },
    get divergence(): Divergence | undefined {
      const f = run.failure;
      return f === null ? undefined : { epoch: f.epoch, step: f.step, what: `loss = ${f.loss}` };
    },
    next: () => stepper.step(),
  };
}

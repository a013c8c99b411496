/**
 * One run of the tutorial experiment, wired: after `manualSeed(seed)`, the line (`X`, `func`,
 * noisy `Y`), a DataLoader over `Build_Data` (targets `func` as the tutorial writes it, or `Y`),
 * the model `w * x + b` from (w0, b0), the optimizer and the general {@link Trainer}, with hooks
 * that record what the tutorial records. Every driver (`runTutorial`, `runTutorialSync`,
 * `createTutorialStepper`) starts from here, so they give the same numbers.
 */
import { type Tensor, asTensor, noGrad } from '@gd/autograd';
import { DataLoader, TensorDataset, syntheticLine } from '@gd/data';
import { type NDArray, manualSeed } from '@gd/tensor';
import type { NonFiniteLossError } from '../errors.js';
import { createOptimizer } from '../optimizers.js';
import { Trainer } from '../trainer.js';
import type { TutorialConfig } from './config.js';
import { LineModel } from './line-model.js';

/** Where a run stopped because its loss became NaN or infinite. */
export interface TutorialFailure {
  epoch: number;
  step: number;
  loss: number;
  message: string;
}

/** What one run (one batch size) records. */
export interface TutorialRun {
  batchSize: number;
  /** The tutorial's legend for this run ("Mini-Batch Gradient Descent, Batch size: 10"). */
  label: string;
  stepsPerEpoch: number;
  /** Full-data loss against the noisy Y at the start of each epoch. */
  losses: number[];
  /** The same loss after the last epoch (NaN until the run is over). */
  finalLoss: number;
  /** w and b after each epoch. */
  wPerEpoch: number[];
  bPerEpoch: number[];
  /** w and b after every step of the first epoch. */
  epoch0Trace: { w: number[]; b: number[] };
  /** w and b after the latest step: the final values once the run is over. */
  w: number;
  b: number;
  /** Set when the run stopped early. */
  failure: TutorialFailure | null;
}

/** Hooks for progress displays. */
export interface TutorialHooks {
  /** After each epoch of a run (index `run` into `config.batchSizes`). */
  onEpoch?(run: number, epoch: number, partial: TutorialRun): void;
  /** When a run is finished. */
  onRunEnd?(run: number, result: TutorialRun): void;
}

/** A wired run: its trainer, its record, and what the record is measured with. */
export interface RunSetup {
  trainer: Trainer;
  run: TutorialRun;
  model: LineModel;
  X: NDArray;
  Y: NDArray;
}

/** The tutorial's criterion, `torch.mean((y_pred - y) ** 2)`. */
export function tutorialCriterion(yPred: Tensor, y: Tensor): Tensor {
  return yPred.sub(y).pow(2).mean();
}

/** The tutorial's legend text for a batch size (`n` is the number of points). */
export function tutorialLabel(batchSize: number, n: number): string {
  if (batchSize === 1) return 'Stochastic Gradient Descent';
  if (batchSize >= n) return 'Batch Gradient Descent';
  return `Mini-Batch Gradient Descent, Batch size: ${batchSize}`;
}

/** `manualSeed(seed)`, then the line: X, the noise-free `func` and `Y = func + noise * randn`. */
export function drawLine(c: TutorialConfig): { X: NDArray; clean: NDArray; Y: NDArray } {
  manualSeed(c.seed);
  const { X, clean, Y } = syntheticLine({ n: c.n, noise: c.noise });
  return { X, clean, Y };
}

/** Seeds, draws the data and wires model, loader, optimizer and trainer for run `index`. */
export function setupRun(c: TutorialConfig, index: number, hooks: TutorialHooks): RunSetup {
  const batchSize = c.batchSizes[index]!;
  const { X, clean, Y } = drawLine(c);
  // Build_Data: x = arange(-5, 5, 0.1) (the same values as X), y = -5 * x or Y
  const dataset = new TensorDataset(X, c.targets === 'noisy' ? Y : clean);
  const loader = new DataLoader(dataset, { batchSize, shuffle: c.shuffle }) as DataLoader<unknown, NDArray[]>;
  const model = new LineModel(c.w0, c.b0);
  const optimizer = createOptimizer(c.optimizer, model.parameters(), { ...c.optimizerOptions, lr: c.lr });
  const run: TutorialRun = {
    batchSize,
    label: tutorialLabel(batchSize, X.shape[0]!),
    stepsPerEpoch: loader.length,
    losses: [],
    finalLoss: NaN,
    wPerEpoch: [],
    bPerEpoch: [],
    epoch0Trace: { w: [], b: [] },
    w: c.w0,
    b: c.b0,
    failure: null,
  };
  const trainer = new Trainer({
    model,
    lossFn: tutorialCriterion,
    optimizer,
    loader,
    stopOnNonFinite: true,
    callbacks: {
      onEpochStart: () => run.losses.push(fullLoss(model, X, Y)),
      onStep: ({ epoch }) => {
        run.w = model.w.item();
        run.b = model.b.item();
        if (epoch !== 0) return;
        run.epoch0Trace.w.push(run.w);
        run.epoch0Trace.b.push(run.b);
      },
      onEpochEnd: (record) => {
        run.wPerEpoch.push(model.w.item());
        run.bPerEpoch.push(model.b.item());
        hooks.onEpoch?.(index, record.epoch, run);
      },
    },
  });
  return { trainer, run, model, X, Y };
}

/** Full-data loss of the model against Y, without recording gradients. */
export function fullLoss(model: LineModel, X: NDArray, Y: NDArray): number {
  return noGrad(() => tutorialCriterion(model.call(asTensor(X)), asTensor(Y)).item());
}

/** Closes the record of a run that finished (or stopped with `error`). */
export function finishRun(s: RunSetup, error: NonFiniteLossError | undefined): TutorialRun {
  const { run, model } = s;
  if (error !== undefined) run.failure = { epoch: error.epoch, step: error.step, loss: error.loss, message: error.message };
  run.w = model.w.item();
  run.b = model.b.item();
  run.finalLoss = fullLoss(model, s.X, s.Y);
  return run;
}

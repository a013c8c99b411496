/**
 * The seed tutorial, "mini-batch gradient descent with a DataLoader", as an experiment: for each
 * batch size, `manualSeed(seed)`, the 100-point line (`X`, `func = -5X`, noisy `Y`), a DataLoader
 * over `Build_Data` (targets `func` as the tutorial writes it, or `Y`), the model `w * x + b` from
 * (w0, b0), and the general {@link Trainer} with plain SGD. Each run records the full-data loss
 * against the noisy `Y` at the start of every epoch (the tutorial's `losses`), `w` and `b` after
 * every epoch, and the (w, b) path through the first epoch. With the defaults every number equals
 * PyTorch's (../shared/conformance/tutorial.json).
 *
 * Browser-safe: the demo site runs the same function.
 */
import { type Tensor, asTensor, noGrad } from '@gd/autograd';
import { DataLoader, TensorDataset, syntheticLine } from '@gd/data';
import { type NDArray, ValueError, manualSeed, toTypedArray } from '@gd/tensor';
import { NonFiniteLossError } from '../errors.js';
import { OPTIMIZER_NAMES, createOptimizer } from '../optimizers.js';
import { Trainer } from '../trainer.js';
import { LineModel } from './line-model.js';
import { tutorialVerdict } from './verdict.js';

/** The experiment's settings; every field has the tutorial's value as default. */
export interface TutorialConfig {
  /** `torch.manual_seed` before the data is drawn (42). */
  seed: number;
  epochs: number;
  /** The step size (0.1). */
  lr: number;
  /** One run per batch size ([1, 10, 20]). */
  batchSizes: number[];
  /**
   * What the DataLoader trains on: `clean`, the noise-free `-5 * x` of the tutorial's Build_Data
   * (as written), or `noisy`, the `Y` its loss curve is measured on.
   */
  targets: 'clean' | 'noisy';
  /** Shuffle the DataLoader (the tutorial does not). */
  shuffle: boolean;
  /** Initial weight (-10) and bias (-20). */
  w0: number;
  b0: number;
  /** `manual` (the tutorial's `w.data = w.data - lr * w.grad.data`), or an @gd/optim optimizer. */
  optimizer: (typeof OPTIMIZER_NAMES)[number];
}

export const TUTORIAL_DEFAULTS: Readonly<TutorialConfig> = Object.freeze({
  seed: 42,
  epochs: 20,
  lr: 0.1,
  batchSizes: [1, 10, 20],
  targets: 'clean',
  shuffle: false,
  w0: -10,
  b0: -20,
  optimizer: 'manual',
});

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
  /** The same loss after the last epoch. */
  finalLoss: number;
  /** w and b after each epoch. */
  wPerEpoch: number[];
  bPerEpoch: number[];
  /** w and b after every step of the first epoch. */
  epoch0Trace: { w: number[]; b: number[] };
  /** Final w and b. */
  w: number;
  b: number;
  /** Set when the run stopped early. */
  failure: TutorialFailure | null;
}

/** The experiment's data, as plain numbers (for plots). */
export interface TutorialData {
  x: number[];
  /** The noise-free line `-5 * X` (the tutorial's `func`). */
  func: number[];
  /** The noisy points. */
  y: number[];
}

export interface TutorialResult {
  config: TutorialConfig;
  /** Loss of the noise-free line against Y: the floor a fit of `func` reaches. */
  noiseFloor: number;
  data: TutorialData;
  runs: TutorialRun[];
  /** One sentence: which batch sizes converged, and how. */
  verdict: string;
}

/** Hooks for progress displays. */
export interface TutorialHooks {
  /** After each epoch of a run (index `run` into `config.batchSizes`). */
  onEpoch?(run: number, epoch: number, partial: TutorialRun): void;
  /** When a run is finished. */
  onRunEnd?(run: number, result: TutorialRun): void;
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

/** A complete config from a partial one, checked (a ValueError names the bad field). */
export function tutorialConfig(partial: Partial<TutorialConfig> = {}): TutorialConfig {
  const c: TutorialConfig = { ...TUTORIAL_DEFAULTS, ...partial, batchSizes: [...(partial.batchSizes ?? TUTORIAL_DEFAULTS.batchSizes)] };
  if (!Number.isInteger(c.seed) || c.seed < 0) throw new ValueError(`tutorial: seed must be a non-negative integer, got ${c.seed}`);
  if (!Number.isInteger(c.epochs) || c.epochs < 0) throw new ValueError(`tutorial: epochs must be a non-negative integer, got ${c.epochs}`);
  if (!(c.lr > 0) || !Number.isFinite(c.lr)) throw new ValueError(`tutorial: lr must be a positive number, got ${c.lr}`);
  if (c.batchSizes.length === 0) throw new ValueError('tutorial: batchSizes is empty');
  for (const bs of c.batchSizes) {
    if (!Number.isInteger(bs) || bs <= 0) throw new ValueError(`tutorial: a batch size must be a positive integer, got ${bs}`);
  }
  if (c.targets !== 'clean' && c.targets !== 'noisy') throw new ValueError(`tutorial: targets must be 'clean' or 'noisy', got ${String(c.targets)}`);
  if (!Number.isFinite(c.w0) || !Number.isFinite(c.b0)) throw new ValueError(`tutorial: w0 and b0 must be finite numbers, got ${c.w0}, ${c.b0}`);
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(c.optimizer)) {
    throw new ValueError(`tutorial: unknown optimizer '${c.optimizer}' (known: ${OPTIMIZER_NAMES.join(', ')})`);
  }
  return c;
}

interface Setup {
  trainer: Trainer;
  run: TutorialRun;
  model: LineModel;
  X: NDArray;
  Y: NDArray;
}

/** Seeds, draws the data and wires model, loader, optimizer and trainer for one batch size. */
function setupRun(c: TutorialConfig, index: number, hooks: TutorialHooks): Setup {
  const batchSize = c.batchSizes[index]!;
  manualSeed(c.seed);
  const { X, clean, Y } = syntheticLine();
  const n = X.shape[0]!;
  // Build_Data: x = arange(-5, 5, 0.1) (the same values as X), y = -5 * x or Y
  const dataset = new TensorDataset(X, c.targets === 'noisy' ? Y : clean);
  const loader = new DataLoader(dataset, { batchSize, shuffle: c.shuffle }) as DataLoader<unknown, NDArray[]>;
  const model = new LineModel(c.w0, c.b0);
  const optimizer = createOptimizer(c.optimizer, model.parameters(), { lr: c.lr });
  const run: TutorialRun = {
    batchSize,
    label: tutorialLabel(batchSize, n),
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
        if (epoch !== 0) return;
        run.epoch0Trace.w.push(model.w.item());
        run.epoch0Trace.b.push(model.b.item());
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

function fullLoss(model: LineModel, X: NDArray, Y: NDArray): number {
  return noGrad(() => tutorialCriterion(model.call(asTensor(X)), asTensor(Y)).item());
}

function finishRun(s: Setup, error: NonFiniteLossError | undefined): TutorialRun {
  const { run, model } = s;
  if (error !== undefined) run.failure = { epoch: error.epoch, step: error.step, loss: error.loss, message: error.message };
  run.w = model.w.item();
  run.b = model.b.item();
  run.finalLoss = fullLoss(model, s.X, s.Y);
  return run;
}

function assemble(c: TutorialConfig, runs: TutorialRun[]): TutorialResult {
  manualSeed(c.seed);
  const { X, clean, Y } = syntheticLine();
  const data: TutorialData = { x: numbers(X), func: numbers(clean), y: numbers(Y) };
  const noiseFloor = noGrad(() => tutorialCriterion(asTensor(clean), asTensor(Y)).item());
  const partial = { config: c, noiseFloor, data, runs };
  return { ...partial, verdict: tutorialVerdict(partial) };
}

function numbers(a: NDArray): number[] {
  return Array.from(toTypedArray(a) as ArrayLike<number>);
}

/**
 * Runs the experiment, one batch size after the other, yielding to the host between steps now
 * and then (a progress display can repaint; `signal` stops it).
 * @example
 * const result = await runTutorial({ targets: 'noisy' });
 * result.runs.map((r) => [r.batchSize, r.w, r.b]);
 */
export async function runTutorial(partial: Partial<TutorialConfig> = {}, hooks: TutorialHooks = {}, signal?: AbortSignal): Promise<TutorialResult> {
  const c = tutorialConfig(partial);
  const runs: TutorialRun[] = [];
  for (let i = 0; i < c.batchSizes.length; i++) {
    const s = setupRun(c, i, hooks);
    let error: NonFiniteLossError | undefined;
    try {
      await s.trainer.fit({ epochs: c.epochs, signal });
    } catch (e) {
      if (!(e instanceof NonFiniteLossError)) throw e;
      error = e;
    }
    runs.push(finishRun(s, error));
    hooks.onRunEnd?.(i, s.run);
    if (signal?.aborted) break;
  }
  return assemble(c, runs);
}

/** {@link runTutorial} in one synchronous call. */
export function runTutorialSync(partial: Partial<TutorialConfig> = {}, hooks: TutorialHooks = {}): TutorialResult {
  const c = tutorialConfig(partial);
  const runs: TutorialRun[] = [];
  for (let i = 0; i < c.batchSizes.length; i++) {
    const s = setupRun(c, i, hooks);
    let error: NonFiniteLossError | undefined;
    try {
      s.trainer.fitSync({ epochs: c.epochs });
    } catch (e) {
      if (!(e instanceof NonFiniteLossError)) throw e;
      error = e;
    }
    runs.push(finishRun(s, error));
    hooks.onRunEnd?.(i, s.run);
  }
  return assemble(c, runs);
}

/**
 * The adapter between the page and @gd/train: one tutorial run (one batch size) driven one batch
 * at a time, so the worker can pause, step and interleave several runs. The training itself is
 * @gd/train's — its `Trainer` loop, `LineModel`, `tutorialCriterion` and `createOptimizer`, the
 * code `gd tutorial` runs — wired as @gd/train's `runTutorial` wires it, plus the two settings the
 * site adds (number of points and noise level, both at the tutorial's values by default).
 *
 * Stepping: `Trainer.fit` stops between two steps when its AbortSignal is aborted and the next
 * `fit` continues exactly there, so each `next()` is one `fit` aborted by its own first step.
 *
 * Random numbers: each run keeps its own copy of the global generator's state and swaps it in
 * around its own work, so runs interleaved in any order draw exactly what they would draw one
 * after the other, each after `manualSeed(seed)` (what the CLI does).
 */
import { asTensor, noGrad } from '@gd/autograd';
import { DataLoader, TensorDataset, syntheticLine } from '@gd/data';
import { type GeneratorState, type NDArray, getRngState, manualSeed, setRngState, toTypedArray } from '@gd/tensor';
import { LineModel, NonFiniteLossError, Trainer, createOptimizer, tutorialCriterion } from '@gd/train';
import type { OptimizerName, TutorialConfig } from './config.js';

/** The experiment's data as plain arrays (x, the noise-free line, the noisy Y, what is trained on). */
export interface TutorialData {
  x: Float32Array;
  clean: Float32Array;
  y: Float32Array;
  /** The training targets: `clean` or `y` (config.targets). */
  trainY: Float32Array;
}

/** What one optimisation step did. */
export interface StepRecord {
  epoch: number;
  /** Index of the batch within its epoch. */
  step: number;
  /** w and b after the step. */
  w: number;
  b: number;
  /** w and b before the step, where the batch's loss and gradient were taken. */
  wBefore: number;
  bBefore: number;
  /** The batch's loss (before the step) and its gradient. */
  loss: number;
  gradW: number;
  gradB: number;
  /** Samples in the batch. */
  size: number;
}

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
  next(): Promise<StepRecord | null>;
}

/** The site's optimizer names as @gd/train's (`manual` is the tutorial's own update). */
const OPTIMIZERS: Record<OptimizerName, { name: string; options: { momentum?: number } }> = {
  manual: { name: 'manual', options: {} },
  sgd: { name: 'sgd', options: {} },
  momentum: { name: 'sgd', options: { momentum: 0.9 } },
  adam: { name: 'adam', options: {} },
};

function toF32(a: NDArray): Float32Array {
  return Float32Array.from(toTypedArray(a) as ArrayLike<number>);
}

/** The tutorial's data after `manualSeed(config.seed)`: X, func = -5X and Y = func + noise·randn. */
function buildData(config: TutorialConfig): { X: NDArray; clean: NDArray; Y: NDArray } {
  manualSeed(config.seed);
  const { X, clean, Y } = syntheticLine({ n: config.n, noise: config.noise });
  return { X, clean, Y };
}

/** The data of `config` (same seed, same numbers as every run of it). */
export function tutorialData(config: TutorialConfig): TutorialData {
  const saved = getRngState();
  try {
    const { X, clean, Y } = buildData(config);
    const y = toF32(Y);
    const c = toF32(clean);
    return { x: toF32(X), clean: c, y, trainY: config.targets === 'clean' ? c : y };
  } finally {
    setRngState(saved);
  }
}

/** A run of `config` with one batch size. */
export function createTutorialRun(config: TutorialConfig, batchSize: number): TutorialRun {
  const outer = getRngState();
  // as @gd/train's runTutorial: seed, data, Build_Data over (x, clean or Y), the line model
  const { X, clean, Y } = buildData(config);
  const loader = new DataLoader(new TensorDataset(X, config.targets === 'noisy' ? Y : clean), {
    batchSize,
    shuffle: config.shuffle,
  }) as DataLoader<unknown, NDArray[]>;
  const model = new LineModel(config.w0, config.b0);
  const { name, options } = OPTIMIZERS[config.optimizer];
  const optimizer = createOptimizer(name, model.parameters(), { lr: config.lr, ...options });
  const fullLoss = (): number => noGrad(() => tutorialCriterion(model.call(asTensor(X)), asTensor(Y)).item());

  let abort = new AbortController();
  let last: StepRecord | null = null;
  const run = {
    batchSize,
    stepsPerEpoch: loader.length,
    epochs: config.epochs,
    losses: [] as number[],
    finalLoss: NaN,
    wPerEpoch: [] as number[],
    bPerEpoch: [] as number[],
    w: config.w0,
    b: config.b0,
    status: (config.epochs === 0 ? 'done' : 'running') as RunStatus,
    divergence: undefined as Divergence | undefined,
    next,
  };
  const trainer = new Trainer({
    model,
    lossFn: tutorialCriterion,
    optimizer,
    loader,
    stopOnNonFinite: true,
    // never hand the thread to the host inside a step: the global generator is this run's then
    yieldIntervalMs: Infinity,
    callbacks: {
      onEpochStart: () => run.losses.push(fullLoss()),
      onStep: (info) => {
        const w = model.w.item();
        const b = model.b.item();
        last = {
          epoch: info.epoch,
          step: info.step,
          w,
          b,
          wBefore: run.w,
          bBefore: run.b,
          loss: info.loss,
          // the update is done; the gradient is cleared only at the next step's zeroGrad
          gradW: model.w.grad?.item() ?? NaN,
          gradB: model.b.grad?.item() ?? NaN,
          size: info.batchSize,
        };
        run.w = w;
        run.b = b;
        abort.abort();
      },
      onEpochEnd: () => {
        run.wPerEpoch.push(model.w.item());
        run.bPerEpoch.push(model.b.item());
      },
    },
  });
  let rng: GeneratorState = getRngState();
  setRngState(outer);

  async function next(): Promise<StepRecord | null> {
    if (run.status !== 'running') return null;
    const saved = getRngState();
    setRngState(rng);
    try {
      last = null;
      abort = new AbortController();
      await trainer.fit({ epochs: run.epochs, signal: abort.signal });
      const record = last as StepRecord | null;
      // the last batch of an epoch: close the epoch now (w, b per epoch; the end of the run)
      if (record !== null && trainer.step === run.stepsPerEpoch) await trainer.fit({ epochs: trainer.epoch + 1 });
      if (trainer.epoch === run.epochs) {
        run.status = 'done';
        run.finalLoss = fullLoss();
      }
      return record;
    } catch (e) {
      if (!(e instanceof NonFiniteLossError)) throw e;
      run.status = 'diverged';
      run.divergence = { epoch: e.epoch, step: e.step, what: `loss = ${e.loss}` };
      return null;
    } finally {
      rng = getRngState();
      setRngState(saved);
    }
  }

  return run;
}

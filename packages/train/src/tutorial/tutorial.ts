/**
 * The seed tutorial, "mini-batch gradient descent with a DataLoader", as an experiment: for each
 * batch size, `manualSeed(seed)`, the 100-point line (`X`, `func = -5X`, noisy `Y`), a DataLoader
 * over `Build_Data` (targets `func` as the tutorial writes it, or `Y`), the model `w * x + b` from
 * (w0, b0), and the general {@link Trainer} with plain SGD (wired in run-setup.ts). Each run
 * records the full-data loss against the noisy `Y` at the start of every epoch (the tutorial's
 * `losses`), `w` and `b` after every epoch, and the (w, b) path through the first epoch. With the
 * defaults every number equals PyTorch's (../shared/conformance/tutorial.json).
 *
 * Browser-safe: the demo site runs the same code (one batch at a time: stepper.ts).
 */
import { asTensor, noGrad } from '@gd/autograd';
import { type NDArray, getRngState, setRngState, toTypedArray } from '@gd/tensor';
import { NonFiniteLossError } from '../errors.js';
import { type TutorialConfig, tutorialConfig } from './config.js';
import { type RunSetup, type TutorialHooks, type TutorialRun, drawLine, finishRun, setupRun, tutorialCriterion } from './run-setup.js';
import { tutorialVerdict } from './verdict.js';

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

/**
 * The data every run of `config` trains and is measured on (the global random generator is left
 * as it was).
 * @example
 * tutorialData().y[0]; // 25.77076530456543, PyTorch's Y[0] after manual_seed(42)
 */
export function tutorialData(config: Partial<TutorialConfig> = {}): TutorialData & { noiseFloor: number } {
  const c = tutorialConfig(config);
  const saved = getRngState();
  try {
    const { X, clean, Y } = drawLine(c);
    const noiseFloor = noGrad(() => tutorialCriterion(asTensor(clean), asTensor(Y)).item());
    return { x: numbers(X), func: numbers(clean), y: numbers(Y), noiseFloor };
  } finally {
    setRngState(saved);
  }
}

function assemble(c: TutorialConfig, runs: TutorialRun[]): TutorialResult {
  const { noiseFloor, ...data } = tutorialData(c);
  const partial = { config: c, noiseFloor, data, runs };
  return { ...partial, verdict: tutorialVerdict(partial) };
}

function numbers(a: NDArray): number[] {
  return Array.from(toTypedArray(a) as ArrayLike<number>);
}

/** Closes run `i`'s record (a run stopped by a non-finite loss keeps where it stopped). */
function ended(s: RunSetup, i: number, hooks: TutorialHooks, failure?: NonFiniteLossError): TutorialRun {
  const run = finishRun(s, failure);
  hooks.onRunEnd?.(i, run);
  return run;
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
    let failure: NonFiniteLossError | undefined;
    try {
      await s.trainer.fit({ epochs: c.epochs, signal });
    } catch (e) {
      if (!(e instanceof NonFiniteLossError)) throw e;
      failure = e;
    }
    runs.push(ended(s, i, hooks, failure));
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
    let failure: NonFiniteLossError | undefined;
    try {
      s.trainer.fitSync({ epochs: c.epochs });
    } catch (e) {
      if (!(e instanceof NonFiniteLossError)) throw e;
      failure = e;
    }
    runs.push(ended(s, i, hooks, failure));
  }
  return assemble(c, runs);
}

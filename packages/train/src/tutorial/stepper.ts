/**
 * One run of the tutorial experiment driven one batch at a time, for a caller that draws between
 * steps (the demo site's worker): the same wiring and the same numbers as `runTutorial`, through
 * the Trainer's `stepSync`. Synchronous: a worker that trains off the page's thread has no need
 * to yield inside a step.
 *
 * Random numbers: each stepper keeps its own copy of the global generator's state and swaps it in
 * around its own work, so several steppers stepped in any order draw exactly what they would draw
 * one after the other, each after `manualSeed(seed)` (what `runTutorial` does); the caller's global
 * stream is left as it was.
 */
import { type GeneratorState, ValueError, getRngState, setRngState } from '@gd/tensor';
import type { StepInfo } from '../callbacks.js';
import { NonFiniteLossError } from '../errors.js';
import { type TutorialConfig, tutorialConfig } from './config.js';
import { type RunSetup, type TutorialRun, finishRun, setupRun } from './run-setup.js';

/** What one step did: the Trainer's {@link StepInfo}, and where (w, b) was and went. */
export interface TutorialStep extends StepInfo {
  /** w and b before the step: where the batch's loss and gradient were taken. */
  wBefore: number;
  bBefore: number;
  /** w and b after the step. */
  w: number;
  b: number;
  /** The batch's gradient of the loss with respect to w and b. */
  gradW: number;
  gradB: number;
}

/** A run of the experiment, stepped from outside. */
export interface TutorialStepper {
  /** The run's record, filled in as it trains (`w`, `b`: after the latest step). */
  readonly run: TutorialRun;
  /** Trains one batch; null once the run is over (all epochs done, or stopped: see `run.failure`). */
  step(): TutorialStep | null;
  /** True once the run is over; `run.finalLoss` is set then. */
  readonly done: boolean;
}

/**
 * Run `runIndex` of `config` (batch size `config.batchSizes[runIndex]`), ready to step.
 * @example
 * const stepper = createTutorialStepper({ batchSizes: [1, 10, 20] }, 1);
 * for (let s = stepper.step(); s !== null; s = stepper.step()) draw(s.w, s.b);
 * stepper.run.w; // -4.999161720275879, as runTutorial's second run
 */
export function createTutorialStepper(config: Partial<TutorialConfig> = {}, runIndex = 0): TutorialStepper {
  const c = tutorialConfig(config);
  if (!Number.isInteger(runIndex) || runIndex < 0 || runIndex >= c.batchSizes.length) {
    throw new ValueError(`tutorial: run index ${runIndex} is out of range for ${c.batchSizes.length} batch size(s)`);
  }
  const outer = getRngState();
  const s = setupRun(c, runIndex, {});
  let rng: GeneratorState = getRngState();
  setRngState(outer);
  let done = false;

  const finish = (error?: NonFiniteLossError): void => {
    finishRun(s, error);
    done = true;
  };
  if (c.epochs === 0) finish();

  const step = (): TutorialStep | null => {
    if (done) return null;
    const saved = getRngState();
    setRngState(rng);
    try {
      const wBefore = s.run.w;
      const bBefore = s.run.b;
      const info = s.trainer.stepSync({ epochs: c.epochs });
      if (s.trainer.epoch === c.epochs) finish();
      if (info === null) return null;
      return { ...info, wBefore, bBefore, w: s.run.w, b: s.run.b, ...gradient(s) };
    } catch (e) {
      if (!(e instanceof NonFiniteLossError)) throw e;
      finish(e);
      return null;
    } finally {
      rng = getRngState();
      setRngState(saved);
    }
  };

  return {
    run: s.run,
    step,
    get done() {
      return done;
    },
  };
}

/** The step's gradient: the update is done, and the gradients are cleared only by the next step. */
function gradient(s: RunSetup): { gradW: number; gradB: number } {
  return { gradW: s.model.w.grad?.item() ?? NaN, gradB: s.model.b.grad?.item() ?? NaN };
}

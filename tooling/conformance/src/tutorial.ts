/**
 * tutorial.json's training cases (PyTorch's six runs of the linear-regression tutorial: clean and
 * noisy targets, batch sizes 1, 10 and 20), typed once for every suite that checks a driver of
 * the tutorial against them.
 */
import type { Tolerance } from './compare.js';
import { loadReference } from './load.js';

/** One PyTorch training run of the tutorial, as tutorial.json records it. */
export interface TutorialTrainingCase {
  id: string;
  kind: 'training';
  targets: 'clean' | 'noisy';
  batch_size: number;
  epochs: number;
  lr: number;
  /** Initial w and b. */
  w0: number;
  b0: number;
  steps_per_epoch: number;
  /** Mean loss over the whole data after each epoch. */
  losses: number[];
  /** Final w and b. */
  w: number;
  b: number;
  w_per_epoch: number[];
  b_per_epoch: number[];
  /** (w, b) after each step of the first epoch: where a chaotic run first diverges. */
  epoch0_trace: { w: number[]; b: number[] };
  /** How far a float64 run of the same recipe drifts from the float32 one. */
  float64_deviation: { max_rel_loss: number; max_abs_wb: number; note?: string };
  /** True for the batch-size-1 runs, which only PyTorch's exact float32 operation order reproduces. */
  chaotic: boolean;
  tol: Tolerance;
  tol_note?: string;
  note?: string;
  first_epoch_float64_differs?: number;
}

/**
 * The training cases of tutorial.json, in file order; throws when there are none (a test must
 * not pass on nothing).
 *
 * @example
 * const c = tutorialTrainingCases().find((t) => t.targets === 'noisy' && t.batch_size === 10)!;
 */
export function tutorialTrainingCases(): TutorialTrainingCase[] {
  const cases = loadReference<{ kind?: unknown }>('tutorial.json').cases.filter((c) => c.kind === 'training');
  if (cases.length === 0) throw new Error('tutorial.json has no training cases');
  return cases as TutorialTrainingCase[];
}

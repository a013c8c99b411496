/**
 * The tutorial experiment's settings: every field defaults to the seed tutorial's value (seed 42,
 * 100 points with noise 0.4, w = -10, b = -20, step 0.1, 20 epochs, batch sizes 1, 10 and 20, the
 * hand-written update), and {@link tutorialConfig} checks a partial config once, up front, so a
 * bad value is refused by name before anything trains.
 */
import { ValueError } from '@gd/tensor';
import { OPTIMIZER_NAMES, OPTIMIZER_OPTIONS, type OptimizerConfig, type OptimizerName, createOptimizer } from '../optimizers.js';
import { LineModel } from './line-model.js';

/** Options of the optimizer besides the learning rate (which is {@link TutorialConfig.lr}). */
export type TutorialOptimizerOptions = Omit<OptimizerConfig, 'lr'>;

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
  /** Number of points, evenly spaced in [-5, 5) (100: the tutorial's spacing of 0.1). */
  n: number;
  /** Standard deviation of the noise on Y (0.4). */
  noise: number;
  /** `manual` (the tutorial's `w.data = w.data - lr * w.grad.data`), or an @gd/optim optimizer. */
  optimizer: OptimizerName;
  /** The optimizer's other options, e.g. `{ momentum: 0.9 }` for `sgd` (none). */
  optimizerOptions: TutorialOptimizerOptions;
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
  n: 100,
  noise: 0.4,
  optimizer: 'manual',
  optimizerOptions: Object.freeze({}),
});

/**
 * A complete config from a partial one, checked (a ValueError names the bad field).
 * @example
 * tutorialConfig({ optimizer: 'sgd', optimizerOptions: { momentum: 0.9 } }).n; // 100
 * tutorialConfig({ optimizerOptions: { momentum: 0.9 } });
 * // ValueError: tutorial: optimizer 'manual' has no option 'momentum' (it takes lr)
 */
export function tutorialConfig(partial: Partial<TutorialConfig> = {}): TutorialConfig {
  const c: TutorialConfig = {
    ...TUTORIAL_DEFAULTS,
    ...partial,
    batchSizes: [...(partial.batchSizes ?? TUTORIAL_DEFAULTS.batchSizes)],
    optimizerOptions: { ...(partial.optimizerOptions ?? TUTORIAL_DEFAULTS.optimizerOptions) },
  };
  if (!Number.isInteger(c.seed) || c.seed < 0) throw new ValueError(`tutorial: seed must be a non-negative integer, got ${c.seed}`);
  if (!Number.isInteger(c.epochs) || c.epochs < 0) throw new ValueError(`tutorial: epochs must be a non-negative integer, got ${c.epochs}`);
  if (!(c.lr > 0) || !Number.isFinite(c.lr)) throw new ValueError(`tutorial: lr must be a positive number, got ${c.lr}`);
  if (c.batchSizes.length === 0) throw new ValueError('tutorial: batchSizes is empty');
  for (const bs of c.batchSizes) {
    if (!Number.isInteger(bs) || bs <= 0) throw new ValueError(`tutorial: a batch size must be a positive integer, got ${bs}`);
  }
  if (c.targets !== 'clean' && c.targets !== 'noisy') throw new ValueError(`tutorial: targets must be 'clean' or 'noisy', got ${String(c.targets)}`);
  if (!Number.isFinite(c.w0) || !Number.isFinite(c.b0)) throw new ValueError(`tutorial: w0 and b0 must be finite numbers, got ${c.w0}, ${c.b0}`);
  if (!Number.isInteger(c.n) || c.n <= 0) throw new ValueError(`tutorial: n (the number of points) must be a positive integer, got ${c.n}`);
  if (!(c.noise >= 0) || !Number.isFinite(c.noise)) throw new ValueError(`tutorial: noise must be a finite number, 0 or more, got ${c.noise}`);
  if (!(OPTIMIZER_NAMES as readonly string[]).includes(c.optimizer)) {
    throw new ValueError(`tutorial: unknown optimizer '${c.optimizer}' (known: ${OPTIMIZER_NAMES.join(', ')})`);
  }
  checkOptimizerOptions(c);
  return c;
}

/** Refuses an option the optimizer does not take, or a value it refuses, before any run starts. */
function checkOptimizerOptions(c: TutorialConfig): void {
  const allowed = OPTIMIZER_OPTIONS[c.optimizer];
  for (const [key, value] of Object.entries(c.optimizerOptions)) {
    if (value === undefined) continue;
    if (key === 'lr') throw new ValueError("tutorial: give the learning rate as lr, not in optimizerOptions");
    if (!(allowed as readonly string[]).includes(key)) {
      throw new ValueError(`tutorial: optimizer '${c.optimizer}' has no option '${key}' (it takes ${allowed.join(', ')})`);
    }
  }
  try {
    // the optimizer's own checks (a negative momentum, Nesterov without momentum...), on a throwaway model
    createOptimizer(c.optimizer, new LineModel(0, 0).parameters(), { ...c.optimizerOptions, lr: c.lr });
  } catch (e) {
    if (e instanceof ValueError) throw new ValueError(`tutorial: ${c.optimizer}: ${e.message}`);
    throw e;
  }
}

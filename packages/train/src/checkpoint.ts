/**
 * A checkpoint: everything a run needs to continue exactly where it stopped, as plain JSON. The
 * model's tensors, the optimizer's and scheduler's state dicts, the global random generator, the
 * DataLoader's position in the epoch in progress (so a shuffled epoch resumes with the same order
 * and skips the batches already trained on), the loss sums of that epoch, and the history.
 * `meta` is the caller's: the CLI keeps its command line there (model, features, scaling).
 */
import type { DataLoaderState } from '@gd/data';
import type { GeneratorState } from '@gd/tensor';
import type { History } from './history.js';
import type { EncodedStateDict } from './state-codec.js';

export const CHECKPOINT_FORMAT = 'gd-checkpoint';
export const CHECKPOINT_VERSION = 1;

/** The sums of the epoch in progress. */
export interface EpochProgress {
  /** Σ loss × batch length. */
  lossSum: number;
  /** Samples trained on. */
  samples: number;
  /** Correctly classified samples (classification). */
  correct: number;
}

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  version: typeof CHECKPOINT_VERSION;
  /** Epochs finished. */
  epoch: number;
  /** Steps done in the epoch in progress; 0 between epochs. */
  step: number;
  /** Steps done since the start. */
  globalStep: number;
  /** Sums of the epoch in progress (null between epochs). */
  progress: EpochProgress | null;
  model: EncodedStateDict;
  optimizer: unknown;
  scheduler: unknown;
  /** The global generator (`getRngState()`). */
  rng: GeneratorState;
  loader: DataLoaderState;
  history: History;
  meta?: Record<string, unknown>;
}

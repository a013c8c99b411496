/**
 * Hooks a caller hangs on the training loop: a progress bar on `onStep`, a live chart or a
 * checkpoint writer on `onEpochEnd`, a measurement on `onEpochStart` (the tutorial records its
 * full-data loss there). They run synchronously inside the loop, between steps, with the model in
 * a consistent state (after the optimizer's update).
 */
import type { EpochRecord, History } from './history.js';

/** Where the loop stands when a hook runs. */
export interface StepInfo {
  /** 0-based epoch. */
  epoch: number;
  /** 0-based step within the epoch. */
  step: number;
  /** Steps (batches) per epoch, when the loader knows its length. */
  stepsPerEpoch: number | null;
  /** Steps done since the start of training, this one included. */
  globalStep: number;
  /** This step's loss (before the update). */
  loss: number;
  /** Samples in this step's batch. */
  batchSize: number;
}

export interface TrainerCallbacks {
  /** Before the first batch of an epoch (not called again when a run resumes mid-epoch). */
  onEpochStart?(epoch: number): void;
  /** After each step's update. */
  onStep?(info: StepInfo): void;
  /** After an epoch's validation and scheduler step; `history` includes `record`. */
  onEpochEnd?(record: EpochRecord, history: History): void;
}

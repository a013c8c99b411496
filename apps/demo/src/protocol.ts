/**
 * The messages between the page and the training worker. The worker owns the runs and their
 * clock; the page only sends commands and draws what comes back. Plain structured-clone data.
 */
import type { TutorialConfig } from './engine/config.js';
import type { IrisConfig, IrisEpoch, IrisSummary } from './engine/iris-config.js';
import type { SurfaceGrid } from './engine/line-stats.js';
import type { Divergence, RunStatus, TutorialData } from './engine/tutorial-runs.js';

/** Samples per second of the shared clock; 0 means as fast as the worker can go. */
export type Speed = number;

export type ToWorker =
  | { type: 'configure'; config: TutorialConfig }
  | { type: 'play'; speed: Speed }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'speed'; speed: Speed }
  | { type: 'iris-train'; run: number; config: IrisConfig }
  | { type: 'iris-stop' };

export interface RunInfo {
  batchSize: number;
  stepsPerEpoch: number;
  epochs: number;
}

/** What changed in one run since the last progress message. */
export interface RunUpdate {
  run: number;
  /** (w, b) after each new step, flattened: w0, b0, w1, b1, ... */
  path: number[];
  /** Newly recorded epoch-start losses, with their epoch numbers. */
  losses: { epoch: number; loss: number }[];
  /** Epochs finished and batches done in the current one. */
  epoch: number;
  step: number;
  w: number;
  b: number;
  /** Full-data loss after the last epoch (NaN until the run is done). */
  finalLoss: number;
  status: RunStatus;
  divergence?: Divergence;
}

export interface NoiseRun {
  batchSize: number;
  w: number;
  b: number;
  /** Per-sample gradient spread σ² at the run's (w, b). */
  sigma2: number;
  /** E‖ḡ_B − ḡ‖²: theory without replacement, with replacement, and measured on random batches. */
  theory: number;
  theoryWithReplacement: number;
  measuredRandom: number;
  /** Over the batches the run itself used in its last finished epoch: mean ‖g_batch − ḡ‖², and its ratio to the theory. */
  measuredLive: number;
  liveRatio: number;
  liveBatches: number;
}

export interface NoiseReport {
  /** Epochs finished on the shared clock when this was taken. */
  epoch: number;
  n: number;
  draws: number;
  runs: NoiseRun[];
  /** A sweep over batch sizes at the first live run's (w, b), relative to its σ². */
  sweep: { at: [number, number]; batchSizes: number[]; theory: number[]; measured: number[] } | null;
}

export type FromWorker =
  | {
      type: 'ready';
      config: TutorialConfig;
      data: TutorialData;
      surface: SurfaceGrid;
      runs: RunInfo[];
      /** Samples per epoch and the clock at the end. */
      n: number;
      end: number;
    }
  | { type: 'progress'; clock: number; end: number; updates: RunUpdate[]; finished: boolean }
  | { type: 'state'; playing: boolean }
  | { type: 'noise'; report: NoiseReport }
  | { type: 'iris-ready'; run: number; summary: IrisSummary; config: IrisConfig }
  | { type: 'iris-epoch'; run: number; epoch: IrisEpoch }
  | { type: 'iris-done'; run: number; stopped: boolean }
  | { type: 'iris-error'; run: number; message: string }
  | { type: 'error'; message: string };

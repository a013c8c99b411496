/**
 * @gd/train: the training loop shared by the gd CLI and the demo site (epochs over a DataLoader,
 * history, validation, hooks, NaN stop, checkpoints with exact resume), the factories that turn
 * names into optimizers, schedulers, models and losses, tabular data preparation, and the seed
 * tutorial as an experiment (whole, or one batch at a time). Browser-safe (no node: imports);
 * nothing runs at import time.
 */

// the loop
export { Trainer, type TrainerOptions, type FitOptions, type FitResult, type LossFn, type ValidationData } from './trainer.js';
export { type TrainerCallbacks, type StepInfo } from './callbacks.js';
export { type EpochRecord, type History } from './history.js';
export { type Checkpoint, type EpochProgress, CHECKPOINT_FORMAT, CHECKPOINT_VERSION } from './checkpoint.js';
export { NonFiniteLossError, CheckpointError } from './errors.js';
export { type OptimizerLike, type SchedulerLike } from './optimizer-like.js';
export { PlainSGD, type PlainSGDState } from './plain-sgd.js';
export { countCorrect, predictClasses } from './metrics.js';
export { type EncodedTensor, type EncodedStateDict, encodeTensor, decodeTensor, encodeStateDict, decodeStateDict } from './state-codec.js';

// by name
export {
  OPTIMIZER_NAMES,
  OPTIMIZER_OPTIONS,
  DEFAULT_LR,
  type OptimizerName,
  type OptimizerConfig,
  createOptimizer,
  isOptimizerName,
} from './optimizers.js';
export { SCHEDULER_KINDS, type SchedulerSpec, parseScheduler, createScheduler } from './schedulers.js';
export { type ModelSpec, parseModelSpec, buildModel } from './models.js';
export { type Task, LOSS_NAMES, lossFunction } from './losses.js';

// tabular data
export {
  type TabularInput,
  type TabularData,
  type Scaling,
  type SplitData,
  inferTask,
  featureScaling,
  applyScaling,
  prepareTabular,
  splitRows,
} from './tabular.js';

// the seed tutorial
export { LineModel } from './tutorial/line-model.js';
export { type TutorialConfig, type TutorialOptimizerOptions, TUTORIAL_DEFAULTS, tutorialConfig } from './tutorial/config.js';
export { type TutorialRun, type TutorialFailure, type TutorialHooks, tutorialCriterion, tutorialLabel } from './tutorial/run-setup.js';
export { type TutorialResult, type TutorialData, tutorialData, runTutorial, runTutorialSync } from './tutorial/tutorial.js';
export { type TutorialStep, type TutorialStepper, createTutorialStepper } from './tutorial/stepper.js';
export { type RunOutcome, runOutcome, tutorialVerdict } from './tutorial/verdict.js';

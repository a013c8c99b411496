/**
 * One training run from a {@link TrainConfig}, shared by `gd train` and `gd compare`: read the
 * data, prepare it (task, classes, standardisation), hold out the validation rows, seed, build
 * the model, optimizer, scheduler and DataLoader, and wire @gd/train's Trainer. The random draws
 * happen in PyTorch's order: the split from its own generator (seeded with --seed), then
 * `manual_seed(seed)` before the model is built, then optionally `manual_seed(shuffleSeed)` right
 * before training, the loader drawing its shuffles from the global generator.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataLoader, TensorDataset } from '@gd/data';
import type { AnyOptimizer } from '@gd/optim';
import { Generator, type NDArray, manualSeed } from '@gd/tensor';
import {
  type OptimizerConfig,
  type OptimizerLike,
  type SchedulerLike,
  type TabularData,
  type Task,
  type TrainerCallbacks,
  OPTIMIZER_OPTIONS,
  Trainer,
  buildModel,
  createOptimizer,
  createScheduler,
  isOptimizerName,
  lossFunction,
  parseModelSpec,
  parseScheduler,
  prepareTabular,
  splitRows,
} from '@gd/train';
import type { AnyModule } from '@gd/nn';
import { UsageError } from '../errors.js';
import { type LoadedData, loadData } from '../data/load-data.js';
import { bundledDataset } from '../data/datasets.js';

/** Everything that determines a run (stored in checkpoints and saved models). */
export interface TrainConfig {
  /** A path (made absolute) or a bundled dataset's name. */
  data: string;
  target: string;
  features?: string[];
  task?: Task;
  model: string;
  loss?: string;
  optimizer: string;
  optimizerOptions: OptimizerConfig;
  scheduler: string;
  batchSize: number;
  epochs: number;
  shuffle: boolean;
  seed: number;
  shuffleSeed?: number;
  valSplit: number;
  standardize: boolean;
  numWorkers: number;
}

export interface TrainingRun {
  config: TrainConfig;
  loaded: LoadedData;
  tab: TabularData;
  train: { x: NDArray; y: NDArray };
  val: { x: NDArray; y: NDArray } | null;
  model: AnyModule;
  optimizer: OptimizerLike;
  scheduler: SchedulerLike | null;
  loader: DataLoader<unknown, NDArray[]>;
  trainer: Trainer;
  lossName: string;
}

/** The data path as stored in a config: bundled names as they are, files absolute. */
export function dataLocation(spec: string): string {
  return bundledDataset(spec) !== undefined && !(existsSync(spec) && statSync(spec).isFile()) ? spec : resolve(spec);
}

/** Checks the parts of a config that are names (model, optimizer, scheduler, loss), with the CLI's messages. */
export function checkConfig(c: TrainConfig): void {
  try {
    parseModelSpec(c.model);
    parseScheduler(c.scheduler);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!isOptimizerName(c.optimizer) || c.optimizer === 'manual') {
    throw new UsageError(`unknown optimizer '${c.optimizer}' (use sgd, adam, adamw, rmsprop or adagrad)`);
  }
  const allowed = OPTIMIZER_OPTIONS[c.optimizer] as readonly string[];
  for (const [k, v] of Object.entries(c.optimizerOptions)) {
    if (v !== undefined && !allowed.includes(k)) {
      const flag = `--${k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`;
      throw new UsageError(`${flag} does not apply to ${c.optimizer} (its options: ${allowed.map((a) => `--${a.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`)}`).join(', ')})`);
    }
  }
}

/** Reads and prepares the data and builds everything for one run of `config`. */
export async function setupTraining(config: TrainConfig, callbacks: TrainerCallbacks = {}): Promise<TrainingRun> {
  checkConfig(config);
  const loaded = await loadData(config.data, { target: config.target, features: config.features });
  let tab: TabularData;
  try {
    tab = prepareTabular({
      name: loaded.name,
      featureNames: loaded.featureNames,
      features: loaded.features,
      targetName: config.target,
      target: loaded.target,
      task: config.task,
      standardize: config.standardize,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let lossName: string;
  let lossFn;
  try {
    ({ name: lossName, fn: lossFn } = lossFunction(tab.task, config.loss));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const split = splitRows(tab.x, tab.y, config.valSplit, new Generator().manualSeed(config.seed));
  if (config.batchSize > split.train.x.shape[0]!) {
    // PyTorch allows it (one short batch); say so rather than silently training full-batch
    process.stderr.write(`gd: note: --batch-size ${config.batchSize} is larger than the ${split.train.x.shape[0]} training rows: each epoch is one batch\n`);
  }

  manualSeed(config.seed);
  const model = buildModel(parseModelSpec(config.model), tab.x.shape[1]!, tab.outFeatures);
  const optimizer = createOptimizer(config.optimizer, model.parameters(), config.optimizerOptions);
  const { scheduler, needsMetric } = createScheduler(parseScheduler(config.scheduler), optimizer as unknown as AnyOptimizer, config.epochs);
  if (config.shuffleSeed !== undefined) manualSeed(config.shuffleSeed);
  const loader = new DataLoader(new TensorDataset(split.train.x, split.train.y), {
    batchSize: config.batchSize,
    shuffle: config.shuffle,
    numWorkers: config.numWorkers,
  }) as DataLoader<unknown, NDArray[]>;
  const trainer = new Trainer({
    model,
    lossFn,
    optimizer,
    scheduler,
    schedulerNeedsMetric: needsMetric,
    loader,
    validation: split.val,
    classification: tab.task === 'classification',
    callbacks,
  });
  return { config, loaded, tab, train: split.train, val: split.val, model, optimizer, scheduler, loader, trainer, lossName };
}

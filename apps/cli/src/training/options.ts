/**
 * The options `gd train` and `gd compare` share (data, model, loss, optimizer and its settings,
 * schedule, batching, seeds, validation, scaling), and the {@link TrainConfig} they make.
 */
import type { Command } from 'commander';
import type { OptimizerConfig, Task } from '@gd/train';
import { UsageError } from '../errors.js';
import { betas, fraction, nameList, nonNegativeInt, nonNegativeNumber, oneOf, positiveInt, positiveNumber } from '../options.js';
import { type TrainConfig, dataLocation } from './setup.js';

/** The parsed flags; the optimizer's settings are @gd/train's {@link OptimizerConfig}. */
export interface TrainingFlags extends OptimizerConfig {
  data?: string;
  target?: string;
  features?: string[];
  task?: Task;
  model: string;
  loss?: string;
  optimizer: string;
  scheduler: string;
  batchSize: number;
  epochs: number;
  shuffle: boolean;
  seed: number;
  shuffleSeed?: number;
  valSplit: number;
  standardize: boolean;
  numWorkers: number;
  out: string;
  json: boolean;
  figures: boolean;
}

/** Adds the shared options to `cmd`. */
export function addTrainingOptions(cmd: Command): Command {
  return cmd
    .option('--data <file|name>', 'a CSV, TSV, NDJSON or JSON file, or a bundled dataset (iris, cars, penguins)')
    .option('--target <column>', 'the column to predict')
    .option('--features <columns>', 'feature columns, comma-separated (default: every numeric column but the target)', nameList)
    .option('--task <task>', 'regression or classification (default: inferred from the target)', oneOf(['regression', 'classification'] as const))
    .option('--model <spec>', 'linear, or mlp:WIDTHS such as mlp:64,32 (ReLU between layers)', 'linear')
    .option('--loss <name>', 'mse, l1, huber, smooth-l1 (regression) or cross-entropy (classification)')
    .option('--optimizer <name>', 'sgd, adam, adamw, rmsprop or adagrad', 'sgd')
    .option('--lr <rate>', "learning rate (default: PyTorch's for the optimizer; 0.01 for sgd)", positiveNumber)
    .option('--momentum <m>', 'momentum (sgd, rmsprop)', nonNegativeNumber)
    .option('--dampening <d>', 'momentum dampening (sgd)', nonNegativeNumber)
    .option('--nesterov', 'Nesterov momentum (sgd)')
    .option('--weight-decay <l>', 'weight decay (L2 penalty; decoupled for adamw)', nonNegativeNumber)
    .option('--betas <b1,b2>', 'moment decay rates (adam, adamw)', betas)
    .option('--eps <e>', 'denominator term (adam, adamw, rmsprop, adagrad)', positiveNumber)
    .option('--amsgrad', 'AMSGrad (adam, adamw)')
    .option('--alpha <a>', 'smoothing constant (rmsprop)', nonNegativeNumber)
    .option('--centered', 'centred RMSprop')
    .option('--lr-decay <d>', 'learning-rate decay (adagrad)', nonNegativeNumber)
    .option('--scheduler <spec>', 'none, step:EPOCHS[,GAMMA], exponential:GAMMA, cosine[:TMAX[,MIN]], plateau[:FACTOR[,PATIENCE]]', 'none')
    .option('--batch-size <n>', 'rows per step', positiveInt, 32)
    .option('--epochs <n>', 'passes over the training rows', nonNegativeInt, 20)
    .option('--shuffle', 'reshuffle the training rows every epoch', false)
    .option('--seed <n>', 'seed of the initial weights and the validation split', nonNegativeInt, 0)
    .option('--shuffle-seed <n>', 'reseed right before training, as torch.manual_seed before the loop (default: continue from --seed)', nonNegativeInt)
    .option('--val-split <fraction>', 'fraction of rows held out for validation', fraction, 0)
    .option('--standardize', 'scale every feature to mean 0, standard deviation 1', false)
    .option('--num-workers <n>', 'DataLoader worker threads', nonNegativeInt, 0)
    .option('--out <dir>', 'folder for the figures, CSV, JSON, checkpoint and model', 'gd-out')
    .option('--no-figures', 'skip the SVG/PNG figures')
    .option('--json', 'print the result as one JSON object on stdout (and nothing else)', false);
}

/** The config of the flags (data and target required). */
export function configFromFlags(f: TrainingFlags): TrainConfig {
  if (f.data === undefined) throw new UsageError("required option '--data <file|name>' not specified (a file, or one of: iris, cars, penguins)");
  if (f.target === undefined) throw new UsageError("required option '--target <column>' not specified");
  return {
    data: dataLocation(f.data),
    target: f.target,
    ...(f.features === undefined ? {} : { features: f.features }),
    ...(f.task === undefined ? {} : { task: f.task }),
    model: f.model,
    ...(f.loss === undefined ? {} : { loss: f.loss }),
    optimizer: f.optimizer,
    optimizerOptions: {
      lr: f.lr,
      momentum: f.momentum,
      dampening: f.dampening,
      nesterov: f.nesterov,
      weightDecay: f.weightDecay,
      betas: f.betas,
      eps: f.eps,
      amsgrad: f.amsgrad,
      alpha: f.alpha,
      centered: f.centered,
      lrDecay: f.lrDecay,
    },
    scheduler: f.scheduler,
    batchSize: f.batchSize,
    epochs: f.epochs,
    shuffle: f.shuffle,
    seed: f.seed,
    ...(f.shuffleSeed === undefined ? {} : { shuffleSeed: f.shuffleSeed }),
    valSplit: f.valSplit,
    standardize: f.standardize,
    numWorkers: f.numWorkers,
  };
}

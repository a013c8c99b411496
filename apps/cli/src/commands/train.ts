/**
 * `gd train`: trains a model on a CSV/NDJSON/JSON file or a bundled dataset. Per epoch it shows a
 * progress bar (on a terminal) and a line with the training and validation loss (and accuracy for
 * classification), writes a checkpoint atomically, and at the end writes the loss figure (SVG and
 * PNG), the history as CSV, the run as JSON and the model. `--resume CHECKPOINT` continues a run
 * exactly; Ctrl-C saves a checkpoint (mid-epoch) and exits with 130; a loss that becomes NaN or
 * infinite stops the run with exit 1, keeping the last checkpoint.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toTypedArray } from '@gd/tensor';
import { type Checkpoint, type EpochRecord, type History, NonFiniteLossError } from '@gd/train';
import type { Command } from 'commander';
import pc from 'picocolors';
import { EXIT_INTERRUPTED, TrainingFailure, UsageError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { toCsv } from '../output/csv.js';
import { formatValue, toJson } from '../output/format.js';
import { liveChart } from '../output/live-chart.js';
import { progressBar } from '../output/progress.js';
import { type TerminalSeries, terminalChart } from '../output/terminal-chart.js';
import { writeChart } from '../plots/render.js';
import { saveModel } from '../training/model-file.js';
import { type TrainingFlags, addTrainingOptions, configFromFlags } from '../training/options.js';
import { type TrainConfig, type TrainingRun, setupTraining } from '../training/setup.js';

interface TrainFlags extends TrainingFlags {
  save?: string;
  resume?: string;
}

export function registerTrain(program: Command): void {
  const cmd = program.command('train').description('train a model on a CSV/NDJSON file or a bundled dataset, with checkpoints and exact resume');
  addTrainingOptions(cmd)
    .option('--save <model>', 'where to write the trained model (default: OUT/model.json)')
    .option('--resume <checkpoint>', 'continue the run saved in CHECKPOINT (its settings; --epochs may extend it)')
    .addHelpText(
      'after',
      `
Examples:
  $ gd train --data iris --target species --standardize --epochs 30 --shuffle
  $ gd train --data iris --target species --standardize --optimizer sgd --lr 0.1 --momentum 0.9 \\
        --batch-size 16 --epochs 30 --shuffle --seed 0 --shuffle-seed 1   (real.json's PyTorch run)
  $ gd train --data cars --target Miles_per_Gallon --standardize --model mlp:32,16 --optimizer adam --lr 0.01 --val-split 0.2
  $ gd train --data my.csv --target price --features area,rooms --save price-model.json
  $ gd train --resume gd-out/checkpoint.json --epochs 50   continue (exactly) after Ctrl-C or for more epochs

A checkpoint is written to OUT/checkpoint.json after every epoch; Ctrl-C writes one and exits with 130.`,
    )
    .action(async (flags: TrainFlags, command: Command) => train(flags, command));
}

/** Training settings that --resume takes from the checkpoint: giving a different one is an error. */
const FIXED_ON_RESUME = [
  'data',
  'target',
  'features',
  'task',
  'model',
  'loss',
  'optimizer',
  'scheduler',
  'batchSize',
  'shuffle',
  'seed',
  'shuffleSeed',
  'valSplit',
  'standardize',
] as const;

interface SavedMeta {
  config: TrainConfig;
  out: string;
  save: string;
}

function readCheckpoint(path: string): Checkpoint & { meta: SavedMeta } {
  if (!existsSync(path)) throw new UsageError(`--resume: ${path}: no such checkpoint`);
  let ckpt: Checkpoint;
  try {
    ckpt = JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
  } catch (e) {
    throw new UsageError(`--resume: ${path}: invalid JSON (${(e as Error).message})`);
  }
  const meta = ckpt?.meta as SavedMeta | undefined;
  if (ckpt?.format !== 'gd-checkpoint' || meta?.config === undefined) throw new UsageError(`--resume: ${path} is not a gd train checkpoint`);
  return ckpt as Checkpoint & { meta: SavedMeta };
}

/** The config, output folder and model path: from the flags, or from the checkpoint when resuming. */
function settings(flags: TrainFlags, command: Command): { config: TrainConfig; out: string; save: string; ckpt: (Checkpoint & { meta: SavedMeta }) | null } {
  const given = (name: string): boolean => command.getOptionValueSource(name) === 'cli';
  if (flags.resume === undefined) {
    const config = configFromFlags(flags);
    const out = resolve(flags.out);
    return { config, out, save: resolve(flags.save ?? join(out, 'model.json')), ckpt: null };
  }
  const ckpt = readCheckpoint(resolve(flags.resume));
  const saved = ckpt.meta.config;
  const mine = configFromFlags({ ...flags, data: flags.data ?? saved.data, target: flags.target ?? saved.target });
  const differs = (flag: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) {
      throw new UsageError(`--resume continues the saved run: --${flag} differs from the checkpoint's (${b === undefined ? 'not set' : JSON.stringify(b)}); leave it out`);
    }
  };
  const dashed = (key: string): string => key.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
  for (const key of FIXED_ON_RESUME) if (given(key)) differs(dashed(key), mine[key], saved[key]);
  for (const key of Object.keys(mine.optimizerOptions) as (keyof TrainConfig['optimizerOptions'])[]) {
    if (given(key)) differs(dashed(key), mine.optimizerOptions[key], saved.optimizerOptions[key]);
  }
  const config: TrainConfig = { ...saved, epochs: given('epochs') ? flags.epochs : saved.epochs };
  if (config.epochs < ckpt.epoch) throw new UsageError(`--resume: the checkpoint has ${ckpt.epoch} epochs done; --epochs ${config.epochs} is fewer`);
  const out = given('out') ? resolve(flags.out) : ckpt.meta.out;
  return { config, out, save: flags.save !== undefined ? resolve(flags.save) : ckpt.meta.save, ckpt };
}

function epochLine(r: EpochRecord, epochs: number): string {
  const parts = [`epoch ${String(r.epoch + 1).padStart(String(epochs).length)}/${epochs}`, `train loss ${formatValue(r.trainLoss)}`];
  if (r.valLoss !== undefined) parts.push(`val loss ${formatValue(r.valLoss)}`);
  if (r.trainAccuracy !== undefined) parts.push(`train acc ${(100 * r.trainAccuracy).toFixed(1)}%`);
  if (r.valAccuracy !== undefined) parts.push(`val acc ${(100 * r.valAccuracy).toFixed(1)}%`);
  parts.push(`lr ${formatValue(r.lr, 4)}`);
  return parts.join('  ');
}

/** The loss curves of `history` for the terminal charts (validation when there is any). */
function lossSeries(history: History): TerminalSeries[] {
  const series = [{ label: 'train', values: history.map((r) => r.trainLoss) }];
  if (history.some((r) => r.valLoss !== undefined)) series.push({ label: 'validation', values: history.map((r) => r.valLoss ?? NaN) });
  return series;
}

/** History as CSV rows. */
export function historyCsv(history: History): string {
  return toCsv(
    ['epoch', 'train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'lr', 'steps'],
    history.map((r) => [r.epoch + 1, r.trainLoss, r.valLoss ?? '', r.trainAccuracy ?? '', r.valAccuracy ?? '', r.lr, r.steps]),
  );
}

/** Describes the data and task in one line. */
export function dataLine(run: TrainingRun): string {
  const { loaded, tab, train, val } = run;
  const task = tab.task === 'classification' ? `classification into ${tab.classes!.length} classes (${tab.classes!.join(', ')})` : 'regression';
  const extra = [
    loaded.dropped > 0 ? `${loaded.dropped} rows with missing values dropped` : '',
    loaded.skipped.length > 0 ? `text columns left out: ${loaded.skipped.join(', ')}` : '',
  ].filter(Boolean);
  return (
    `${loaded.name}: ${train.x.shape[0]} training rows${val ? `, ${val.x.shape[0]} validation rows` : ''}; features ${tab.featureNames.join(', ')}; ` +
    `target ${tab.targetName}: ${task} [${tab.taskReason}]; loss ${run.lossName}${tab.scaling ? '; standardized' : ''}${extra.length ? `; ${extra.join('; ')}` : ''}`
  );
}

async function train(flags: TrainFlags, command: Command): Promise<void> {
  const { config, out, save, ckpt } = settings(flags, command);
  const ckptPath = join(out, 'checkpoint.json');
  const meta: SavedMeta = { config, out, save };
  const bar = progressBar(!flags.json);
  const live = liveChart(!flags.json);
  const log = (line: string): void => {
    if (!flags.json) process.stdout.write(line + '\n');
  };

  let runRef: TrainingRun | null = null;
  const run = await setupTraining(config, {
    onEpochStart: (epoch) => bar.start(runRef?.loader.length ?? 0, `epoch ${epoch + 1}/${config.epochs}`),
    onStep: ({ step, loss }) => bar.update(step + 1, { info: `loss ${formatValue(loss, 4)}` }),
    onEpochEnd: (record) => {
      bar.stop();
      writeFileAtomic(ckptPath, toJson(runRef!.trainer.checkpoint(meta as unknown as Record<string, unknown>)) + '\n');
      live.update(lossSeries(runRef!.trainer.history), () => log(epochLine(record, config.epochs)));
    },
  });
  runRef = run;
  const { trainer } = run;
  if (ckpt !== null) {
    trainer.restore(ckpt);
    log(pc.dim(`resuming ${ckpt.epoch} epochs${ckpt.step > 0 ? ` and ${ckpt.step} steps` : ''} in, from ${resolve(flags.resume!)}`));
  }
  log(pc.bold(`gd train: ${config.model} model, ${config.optimizer}, batch size ${config.batchSize}, ${config.epochs} epochs`));
  log(pc.dim(dataLine(run)));

  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  let failure: NonFiniteLossError | null = null;
  let completed = true;
  try {
    completed = (await trainer.fit({ epochs: config.epochs, signal: controller.signal })).completed;
  } catch (e) {
    if (!(e instanceof NonFiniteLossError)) throw e;
    failure = e;
  } finally {
    process.removeListener('SIGINT', onSigint);
    bar.stop();
    live.clear();
  }

  if (!completed) {
    writeFileAtomic(ckptPath, toJson(trainer.checkpoint(meta as unknown as Record<string, unknown>)) + '\n');
    await trainer.close();
    process.stderr.write(
      `gd train: interrupted at epoch ${trainer.epoch + 1}, step ${trainer.step}: checkpoint saved to ${ckptPath}; continue with: gd train --resume ${ckptPath}\n`,
    );
    process.exit(EXIT_INTERRUPTED);
  }

  const files = await writeResults(run, out, flags.figures);
  if (failure !== null) {
    const done = trainer.history.length;
    const kept = done > 0 ? `; the checkpoint after epoch ${done} is ${ckptPath}` : '; no epoch finished, so no checkpoint was written';
    throw new TrainingFailure(`${failure.message}${kept}`);
  }
  saveModel(save, run, trainer.epoch);
  files.push(save);
  report(run, out, files, flags.json);
}

async function writeResults(run: TrainingRun, out: string, figures: boolean): Promise<string[]> {
  const { history } = run.trainer;
  const files = [join(out, 'train-history.csv')];
  writeFileAtomic(files[0]!, historyCsv(history));
  if (figures && history.length > 0) {
    const series = [{ label: 'training loss', points: history.map((r) => [r.epoch + 1, r.trainLoss] as const) }];
    if (history.some((r) => r.valLoss !== undefined)) {
      series.push({ label: 'validation loss', points: history.map((r) => [r.epoch + 1, r.valLoss ?? NaN] as const) });
    }
    const all = series.flatMap((s) => s.points.map((p) => p[1])).filter((v) => Number.isFinite(v) && v > 0);
    const logY = all.length > 0 && Math.max(...all) / Math.min(...all) > 1e3;
    files.push(
      ...(await writeChart(join(out, 'train-loss'), {
        title: `Loss per epoch: ${run.loaded.name}, target ${run.tab.targetName}`,
        xTitle: 'epoch',
        yTitle: `${run.lossName} loss${logY ? ' (log scale)' : ''}`,
        logY,
        series,
      })),
    );
  }
  return files;
}

function report(run: TrainingRun, out: string, files: string[], json: boolean): void {
  const { trainer, tab, train: t, val } = run;
  const final = trainer.evaluate(t.x, t.y);
  const finalVal = val ? trainer.evaluate(val.x, val.y) : null;
  const correct = final.accuracy !== undefined ? Math.round(final.accuracy * t.x.shape[0]!) : undefined;
  const summary = {
    tool: 'gd',
    command: 'train',
    config: run.config,
    data: {
      name: run.loaded.name,
      trainRows: t.x.shape[0],
      valRows: val?.x.shape[0] ?? 0,
      features: tab.featureNames,
      target: tab.targetName,
      task: tab.task,
      taskReason: tab.taskReason,
      classes: tab.classes,
      scaling: tab.scaling,
      droppedRows: run.loaded.dropped,
    },
    loss: run.lossName,
    history: trainer.history,
    final: {
      trainLoss: final.loss,
      ...(final.accuracy !== undefined ? { trainAccuracy: final.accuracy, trainCorrect: correct } : {}),
      ...(finalVal ? { valLoss: finalVal.loss, ...(finalVal.accuracy !== undefined ? { valAccuracy: finalVal.accuracy } : {}) } : {}),
      parameters: Object.fromEntries(Object.entries(run.model.stateDict()).map(([k, v]) => [k, Array.from(toTypedArray(v.data) as ArrayLike<number>)])),
    },
    files: [...files, join(out, 'train.json')],
  };
  writeFileAtomic(join(out, 'train.json'), toJson(summary, 1) + '\n');
  if (json) {
    process.stdout.write(toJson(summary) + '\n');
    return;
  }
  const lines = [''];
  if (trainer.history.length > 0) lines.push(terminalChart(lossSeries(trainer.history), { title: 'Loss per epoch' }), '');
  let fin = `Final (full data, no update): training loss ${formatValue(final.loss)}`;
  if (final.accuracy !== undefined) fin += `, accuracy ${(100 * final.accuracy).toFixed(1)}% (${correct}/${t.x.shape[0]})`;
  if (finalVal) fin += `; validation loss ${formatValue(finalVal.loss)}${finalVal.accuracy !== undefined ? `, accuracy ${(100 * finalVal.accuracy).toFixed(1)}%` : ''}`;
  lines.push(fin);
  lines.push(pc.dim(`Wrote ${summary.files.join(', ')}`));
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * `gd compare`: the tutorial's lesson applied to any dataset. The same training (same data, seed
 * and settings) is repeated for several batch sizes and/or optimizers; one chart shows every
 * run's loss curve (validation loss when there is a validation split), with a table of the final
 * losses, the curves as CSV and the runs as JSON. A run whose loss becomes NaN or infinite is
 * stopped and reported; the others go on, and the command then exits with 1.
 */
import { join, resolve } from 'node:path';
import { type History, NonFiniteLossError } from '@gd/train';
import type { Command } from 'commander';
import pc from 'picocolors';
import { TrainingFailure, UsageError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { toCsv } from '../output/csv.js';
import { formatValue, table, toJson } from '../output/format.js';
import { progressBar } from '../output/progress.js';
import { terminalChart } from '../output/terminal-chart.js';
import { nameList, positiveIntList } from '../options.js';
import { writeChart } from '../plots/render.js';
import { type TrainingFlags, addTrainingOptions, configFromFlags } from '../training/options.js';
import { type TrainConfig, checkConfig, setupTraining } from '../training/setup.js';

interface CompareFlags extends TrainingFlags {
  batchSizes?: number[];
  optimizers?: string[];
}

interface CompareRun {
  label: string;
  batchSize: number;
  optimizer: string;
  history: History;
  failure: string | null;
}

export function registerCompare(program: Command): void {
  const cmd = program.command('compare').description('repeat one training for several batch sizes or optimizers and chart all the loss curves together');
  addTrainingOptions(cmd)
    .option('--batch-sizes <list>', 'one run per batch size, e.g. 1,16,150', positiveIntList)
    .option('--optimizers <list>', 'one run per optimizer, e.g. sgd,adam,rmsprop', nameList)
    .addHelpText(
      'after',
      `
Examples:
  $ gd compare --data iris --target species --standardize --batch-sizes 1,16,150 --lr 0.05 --epochs 30
  $ gd compare --data cars --target Miles_per_Gallon --standardize --optimizers sgd,adam,rmsprop --lr 0.01
  $ gd compare --data my.csv --target y --batch-sizes 8,64 --optimizers sgd,adam   (every combination)`,
    )
    .action(async (flags: CompareFlags) => compare(flags));
}

async function compare(flags: CompareFlags): Promise<void> {
  const base = configFromFlags(flags);
  const batchSizes = flags.batchSizes ?? [base.batchSize];
  const optimizers = flags.optimizers ?? [base.optimizer];
  if (flags.batchSizes === undefined && flags.optimizers === undefined) {
    throw new UsageError('give --batch-sizes and/or --optimizers: the runs to compare');
  }
  const configs: TrainConfig[] = [];
  for (const optimizer of optimizers) {
    for (const batchSize of batchSizes) configs.push({ ...base, optimizer, batchSize });
  }
  configs.forEach(checkConfig);
  const label = (c: TrainConfig): string =>
    [optimizers.length > 1 ? c.optimizer : '', batchSizes.length > 1 ? `batch size ${c.batchSize}` : ''].filter(Boolean).join(', ');

  const bar = progressBar(!flags.json);
  const runs: CompareRun[] = [];
  let useVal = false;
  let lossName = '';
  let dataName = '';
  for (const config of configs) {
    bar.start(config.epochs, label(config));
    const run = await setupTraining(config, { onEpochEnd: (r) => bar.update(r.epoch + 1) });
    useVal = run.val !== null;
    lossName = run.lossName;
    dataName = run.loaded.name;
    let failure: string | null = null;
    try {
      await run.trainer.fit({ epochs: config.epochs });
    } catch (e) {
      if (!(e instanceof NonFiniteLossError)) throw e;
      failure = e.message;
    }
    bar.stop();
    runs.push({ label: label(config), batchSize: config.batchSize, optimizer: config.optimizer, history: run.trainer.history, failure });
  }

  const out = resolve(flags.out);
  const metric = useVal ? 'valLoss' : 'trainLoss';
  const curve = (r: CompareRun): number[] => r.history.map((h) => h[metric] ?? NaN);
  const files: string[] = [join(out, 'compare.csv')];
  const epochs = Math.max(0, ...runs.map((r) => r.history.length));
  writeFileAtomic(
    files[0]!,
    toCsv(
      ['epoch', ...runs.map((r) => r.label.replace(/[ ,]+/g, '_'))],
      Array.from({ length: epochs }, (_, e) => [e + 1, ...runs.map((r) => curve(r)[e] ?? '')]),
    ),
  );
  const what = useVal ? 'validation loss' : 'training loss';
  if (flags.figures) {
    const all = runs.flatMap(curve).filter((v) => Number.isFinite(v) && v > 0);
    const logY = all.length > 0 && Math.max(...all) / Math.min(...all) > 1e3;
    files.push(
      ...(await writeChart(join(out, 'compare-loss'), {
        title: `${what} per epoch: ${dataName}, target ${base.target}`,
        xTitle: 'epoch',
        yTitle: `${lossName} loss${logY ? ' (log scale)' : ''}`,
        logY,
        series: runs.map((r) => ({ label: r.label, points: curve(r).map((v, e) => [e + 1, v] as const) })),
      })),
    );
  }
  files.push(join(out, 'compare.json'));
  const summary = { tool: 'gd', command: 'compare', config: base, metric, runs, files };
  writeFileAtomic(files[files.length - 1]!, toJson(summary, 1) + '\n');

  if (flags.json) process.stdout.write(toJson(summary) + '\n');
  else {
    const rows = [['run', `final ${what}`, 'best', 'best epoch'], ...runs.map((r) => {
      const c = curve(r);
      const best = Math.min(...c.filter(Number.isFinite));
      return [r.label, r.failure ? 'diverged' : formatValue(c[c.length - 1] ?? NaN), Number.isFinite(best) ? formatValue(best) : '-', Number.isFinite(best) ? String(c.indexOf(best) + 1) : '-'];
    })];
    process.stdout.write(`${pc.bold(`gd compare: ${dataName}, ${what} per epoch`)}\n${table(rows)}\n\n`);
    process.stdout.write(terminalChart(runs.map((r) => ({ label: r.label, values: curve(r) })), { title: `${what} per epoch` }) + '\n');
    process.stdout.write(pc.dim(`Wrote ${files.join(', ')}`) + '\n');
  }
  const failed = runs.filter((r) => r.failure !== null);
  if (failed.length > 0) throw new TrainingFailure(failed.map((r) => `${r.label}: ${r.failure}`).join('; '));
}

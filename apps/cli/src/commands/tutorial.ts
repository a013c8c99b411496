/**
 * `gd tutorial`: the seed tutorial end to end with @gd/train's experiment (the general Trainer over
 * a DataLoader, one run per batch size). Prints the per-epoch loss table, the final w and b, a
 * terminal chart and a one-line verdict, and writes the tutorial's two figures (SVG and PNG), the
 * losses as CSV and the whole run as JSON. `--json` prints that JSON instead. `--compare DIR` runs
 * the training cases of DIR/tutorial.json (PyTorch's reference) and reports the largest
 * differences against each case's tolerance.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { OPTIMIZER_OPTIONS, type TutorialConfig, type TutorialResult, type TutorialRun, runTutorial } from '@gd/train';
import type { Command } from 'commander';
import pc from 'picocolors';
import { TrainingFailure, UsageError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { toCsv } from '../output/csv.js';
import { formatValue, table, toJson } from '../output/format.js';
import { progressBar } from '../output/progress.js';
import { terminalChart } from '../output/terminal-chart.js';
import { finiteNumber, nonNegativeInt, nonNegativeNumber, oneOf, positiveInt, positiveIntList, positiveNumber } from '../options.js';
import { TAB10 } from '../plots/chart-spec.js';
import { writeChart } from '../plots/render.js';

interface TutorialFlags {
  seed: number;
  epochs: number;
  lr: number;
  batchSizes: number[];
  points: number;
  noise: number;
  targets: 'clean' | 'noisy';
  shuffle: boolean;
  w0: number;
  b0: number;
  optimizer: TutorialConfig['optimizer'];
  momentum?: number;
  out: string;
  json: boolean;
  figures: boolean;
  compare?: string;
}

const OPTIMIZERS = ['manual', 'sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'] as const;
/** The optimizers that take a momentum. */
const MOMENTUM_OPTIMIZERS: readonly string[] = OPTIMIZERS.filter((name) => OPTIMIZER_OPTIONS[name].includes('momentum'));

const TARGETS_NOTE = {
  clean:
    "targets: clean (the tutorial as written: Build_Data trains on the noise-free y = -5x, while the loss is measured against the noisy Y; --targets noisy trains on Y)",
  noisy: 'targets: noisy (the DataLoader trains on the noisy Y, the points the loss is measured on; the tutorial as written uses --targets clean)',
};

const OPTIMIZER_NOTE: Record<string, string> = {
  manual: 'plain SGD written by hand as in the tutorial (w.data = w.data - lr * w.grad.data)',
  sgd: "torch.optim.SGD's update (one fused multiply-add per step)",
};

export function registerTutorial(program: Command): void {
  program
    .command('tutorial')
    .description("run the seed tutorial: mini-batch gradient descent on a noisy line, one run per batch size, with PyTorch's numbers")
    .option('--seed <n>', 'torch.manual_seed before the data is drawn', nonNegativeInt, 42)
    .option('--epochs <n>', 'epochs per run', nonNegativeInt, 20)
    .option('--lr <rate>', 'learning rate (step size)', positiveNumber, 0.1)
    .option('--batch-sizes <list>', 'one run per batch size, comma-separated', positiveIntList, [1, 10, 20])
    .option('--points <n>', 'number of points of the line, evenly spaced in [-5, 5)', positiveInt, 100)
    .option('--noise <s>', 'standard deviation of the noise on Y', nonNegativeNumber, 0.4)
    .option('--targets <kind>', 'clean: train on y = -5x as the tutorial does; noisy: train on Y', oneOf(['clean', 'noisy'] as const), 'clean')
    .option('--shuffle', 'shuffle the DataLoader every epoch (the tutorial does not)', false)
    .option('--w0 <w>', 'initial weight', finiteNumber, -10)
    .option('--b0 <b>', 'initial bias', finiteNumber, -20)
    .option('--optimizer <name>', `manual (the tutorial's update), or ${OPTIMIZERS.slice(1).join(', ')}`, oneOf(OPTIMIZERS), 'manual')
    .option('--momentum <m>', `momentum (${MOMENTUM_OPTIMIZERS.join(', ')})`, nonNegativeNumber)
    .option('--out <dir>', 'folder for the figures, CSV and JSON', 'gd-out')
    .option('--no-figures', 'skip the SVG/PNG figures')
    .option('--json', 'print the whole run as one JSON object on stdout (and nothing else)', false)
    .option('--compare <dir>', "run the training cases of DIR/tutorial.json (PyTorch's reference) and report the differences")
    .addHelpText(
      'after',
      `
Examples:
  $ gd tutorial                              the tutorial as written (batch sizes 1, 10, 20)
  $ gd tutorial --targets noisy              train on the noisy Y instead of y = -5x
  $ gd tutorial --batch-sizes 5,100 --lr 0.05 --out figures
  $ gd tutorial --points 50 --noise 1 --optimizer sgd --momentum 0.9
  $ gd tutorial --json > run.json            the numbers, for scripts
  $ gd tutorial --compare ../shared/conformance   check against PyTorch's reference runs`,
    )
    .action(async (flags: TutorialFlags) => {
      if (flags.compare !== undefined) await compareWithReference(flags);
      else await tutorial(flags);
    });
}

/** The flags as @gd/train's tutorial config. */
function configOf(flags: TutorialFlags): Partial<TutorialConfig> {
  if (flags.momentum !== undefined && !MOMENTUM_OPTIMIZERS.includes(flags.optimizer)) {
    throw new UsageError(`--momentum needs --optimizer ${MOMENTUM_OPTIMIZERS.join(' or ')} (${flags.optimizer} has no momentum)`);
  }
  return {
    seed: flags.seed,
    epochs: flags.epochs,
    lr: flags.lr,
    batchSizes: flags.batchSizes,
    n: flags.points,
    noise: flags.noise,
    targets: flags.targets,
    shuffle: flags.shuffle,
    w0: flags.w0,
    b0: flags.b0,
    optimizer: flags.optimizer,
    optimizerOptions: flags.momentum === undefined ? {} : { momentum: flags.momentum },
  };
}

async function tutorial(flags: TutorialFlags): Promise<void> {
  const config = configOf(flags);
  const bar = progressBar(!flags.json);
  const total = flags.epochs * flags.batchSizes.length;
  bar.start(total, 'training');
  let done = 0;
  const result = await runTutorial(config, {
    onEpoch: (run, epoch) => bar.update(++done, { info: `batch size ${flags.batchSizes[run]}, epoch ${epoch + 1}` }),
    onRunEnd: (run) => {
      done = (run + 1) * flags.epochs;
      bar.update(done);
    },
  });
  bar.stop();

  const out = resolve(flags.out);
  const files = await writeOutputs(result, out, flags.figures);
  const report = { tool: 'gd', command: 'tutorial', targetsNote: TARGETS_NOTE[flags.targets], ...result, files };
  writeFileAtomic(join(out, 'tutorial.json'), toJson(report, 1) + '\n');
  files.push(join(out, 'tutorial.json'));

  if (flags.json) process.stdout.write(toJson(report) + '\n');
  else printReport(result, files);

  const failed = result.runs.filter((r) => r.failure !== null);
  if (failed.length > 0) {
    throw new TrainingFailure(failed.map((r) => `batch size ${r.batchSize}: ${r.failure!.message}`).join('; ') + ` (outputs kept in ${out})`);
  }
}

/** Figures, CSV; returns the paths written. */
async function writeOutputs(result: TutorialResult, out: string, figures: boolean): Promise<string[]> {
  const files: string[] = [];
  const { runs, data, config } = result;
  const header = ['epoch', ...runs.map((r) => `loss_batch_${r.batchSize}`), ...runs.flatMap((r) => [`w_batch_${r.batchSize}`, `b_batch_${r.batchSize}`])];
  const rows: (number | string)[][] = [];
  for (let e = 0; e <= config.epochs; e++) {
    const losses = runs.map((r): number | string => (e < r.losses.length ? r.losses[e]! : e === config.epochs ? r.finalLoss : ''));
    // w and b at the start of epoch e: the initial values, then those after epoch e - 1
    const params = runs.flatMap((r): (number | string)[] => {
      if (e === 0) return [config.w0, config.b0];
      return e - 1 < r.wPerEpoch.length ? [r.wPerEpoch[e - 1]!, r.bPerEpoch[e - 1]!] : ['', ''];
    });
    rows.push([e, ...losses, ...params]);
  }
  writeFileAtomic(join(out, 'tutorial-losses.csv'), toCsv(header, rows));
  files.push(join(out, 'tutorial-losses.csv'));
  if (!figures) return files;

  const runColors = runs.map((_, i) => TAB10[[1, 2, 4, 5, 6, 7, 8, 9][i % 8]!]!);
  const ys = [...data.y, ...data.func];
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const margin = (hi - lo) * 0.08;
  const xs = [data.x[0]!, data.x[data.x.length - 1]!];
  files.push(
    ...(await writeChart(join(out, 'tutorial-data'), {
      title: 'Data and fitted lines',
      xTitle: 'x',
      yTitle: 'y',
      yDomain: [lo - margin, hi + margin],
      series: [
        { label: 'Y', kind: 'points', color: TAB10[3], points: data.x.map((x, i) => [x, data.y[i]!] as const) },
        { label: 'func', color: TAB10[0], points: data.x.map((x, i) => [x, data.func[i]!] as const) },
        ...runs.map((r, i) => ({
          label: `fit, batch size ${r.batchSize}: w = ${formatValue(r.w, 4)}, b = ${formatValue(r.b, 4)}`,
          color: runColors[i],
          dashed: true,
          points: xs.map((x) => [x, r.w * x + r.b] as const),
        })),
      ],
    })),
  );
  const all = runs.flatMap((r) => [...r.losses, r.finalLoss]).filter((v) => Number.isFinite(v) && v > 0);
  const logY = all.length > 0 && Math.max(...all) / Math.min(...all) > 1e3;
  files.push(
    ...(await writeChart(join(out, 'tutorial-loss'), {
      title: `Loss per epoch (targets: ${config.targets})`,
      xTitle: 'epoch',
      yTitle: logY ? 'Cost/ total loss (log scale)' : 'Cost/ total loss',
      logY,
      series: runs.map((r, i) => ({ label: r.label, color: runColors[i], points: r.losses.map((l, e) => [e, l] as const) })),
    })),
  );
  return files;
}

function printReport(result: TutorialResult, files: string[]): void {
  const { config, runs } = result;
  const momentum = config.optimizerOptions.momentum;
  const opt = (OPTIMIZER_NOTE[config.optimizer] ?? config.optimizer) + (momentum === undefined ? '' : `, momentum ${momentum}`);
  const lines: string[] = [];
  lines.push(pc.bold('gd tutorial: mini-batch gradient descent with a DataLoader'));
  lines.push(
    `seed ${config.seed}, ${config.n} points (noise ${config.noise}), ${config.epochs} epochs, lr ${config.lr}, w0 ${config.w0}, b0 ${config.b0}, batch sizes ${config.batchSizes.join(', ')}${config.shuffle ? ', shuffled' : ''}; ${opt}`,
  );
  lines.push(pc.dim(TARGETS_NOTE[config.targets]));
  lines.push('');
  lines.push('Loss per epoch (full data, against the noisy Y, at the start of each epoch):');
  const header = ['epoch', ...runs.map((r) => `batch ${r.batchSize}`)];
  const body: string[][] = [];
  for (let e = 0; e < config.epochs; e++) body.push([String(e), ...runs.map((r) => (e < r.losses.length ? formatValue(r.losses[e]!) : '-'))]);
  body.push(['end', ...runs.map((r) => formatValue(r.finalLoss))]);
  lines.push(table([header, ...body]));
  lines.push('');
  lines.push('Final parameters:');
  lines.push(table([['batch size', 'w', 'b'], ...runs.map((r) => [String(r.batchSize), formatValue(r.w, 8), formatValue(r.b, 8)])]));
  lines.push('');
  lines.push(terminalChart(runs.map((r) => ({ label: `batch ${r.batchSize}`, values: [...r.losses, r.finalLoss] })), { title: 'Loss per epoch' }));
  lines.push('');
  lines.push(`${pc.bold('Verdict:')} ${result.verdict}`);
  lines.push(pc.dim(`Wrote ${files.join(', ')}`));
  process.stdout.write(lines.join('\n') + '\n');
}

// ---- --compare ---------------------------------------------------------------------------------

interface ReferenceCase {
  id: string;
  kind: string;
  targets: 'clean' | 'noisy';
  batch_size: number;
  epochs: number;
  lr: number;
  w0: number;
  b0: number;
  losses: number[];
  w_per_epoch: number[];
  b_per_epoch: number[];
  w: number;
  b: number;
  tol: { abs: number; rel: number };
}

/** Largest |a - e| and whether every pair is within `abs + rel·|e|`. */
function diff(actual: readonly number[], expected: readonly number[], tol: { abs: number; rel: number }): { max: number; ok: boolean } {
  if (actual.length !== expected.length) return { max: Infinity, ok: false };
  let max = 0;
  let ok = true;
  expected.forEach((e, i) => {
    const a = actual[i]!;
    const d = Number.isNaN(a) && Number.isNaN(e) ? 0 : Math.abs(a - e);
    if (!(d <= max)) max = d;
    if (!(d <= tol.abs + tol.rel * Math.abs(e))) ok = false;
  });
  return { max, ok };
}

function loadReferenceFile(dir: string): { config: { seed?: number }; cases: ReferenceCase[] } {
  const path = existsSync(dir) && statSync(dir).isDirectory() ? join(dir, 'tutorial.json') : dir;
  if (!existsSync(path)) throw new UsageError(`--compare: ${path} not found (give the folder holding tutorial.json)`);
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { config?: { seed?: number }; cases?: ReferenceCase[] };
    if (!Array.isArray(parsed.cases)) throw new Error('no "cases" array');
    return { config: parsed.config ?? {}, cases: parsed.cases };
  } catch (e) {
    throw new UsageError(`--compare: ${path} is not a tutorial reference file: ${(e as Error).message}`);
  }
}

async function compareWithReference(flags: TutorialFlags): Promise<void> {
  const ref = loadReferenceFile(resolve(flags.compare!));
  const cases = ref.cases.filter((c) => c.kind === 'training');
  if (cases.length === 0) throw new UsageError(`--compare: the reference file has no training cases`);
  const rows: string[][] = [['case', 'max |diff| loss', 'max |diff| w, b', 'tolerance (abs, rel)', 'result']];
  const report: unknown[] = [];
  let failures = 0;
  for (const c of cases) {
    // the case's settings; the flags' other settings apply (to see what they change)
    const result = await runTutorial({
      ...configOf(flags),
      seed: ref.config.seed ?? 42,
      targets: c.targets,
      batchSizes: [c.batch_size],
      epochs: c.epochs,
      lr: c.lr,
      w0: c.w0,
      b0: c.b0,
    });
    const run: TutorialRun = result.runs[0]!;
    const loss = diff(run.losses, c.losses, c.tol);
    const wb = diff([...run.wPerEpoch, ...run.bPerEpoch, run.w, run.b], [...c.w_per_epoch, ...c.b_per_epoch, c.w, c.b], c.tol);
    const ok = loss.ok && wb.ok && run.failure === null;
    if (!ok) failures++;
    report.push({ id: c.id, maxLossDiff: loss.max, maxParamDiff: wb.max, tol: c.tol, ok });
    rows.push([c.id, loss.max.toExponential(2), wb.max.toExponential(2), `${c.tol.abs}, ${c.tol.rel}`, ok ? pc.green('ok') : pc.red('OUTSIDE')]);
  }
  if (flags.json) process.stdout.write(toJson({ tool: 'gd', command: 'tutorial --compare', cases: report, failures }) + '\n');
  else {
    process.stdout.write(`${table(rows)}\n`);
    process.stdout.write(`${cases.length - failures} of ${cases.length} runs within tolerance of PyTorch's\n`);
  }
  if (failures > 0) throw new TrainingFailure(`${failures} of ${cases.length} runs differ from the reference beyond its tolerance`);
}

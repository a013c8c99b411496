/**
 * `gd predict --model MODEL --data FILE`: the predictions of a model saved by `gd train --save`
 * for the rows of a file (or bundled dataset), as CSV (default) or JSON, on stdout or to `--out`.
 * The data gets the model's preprocessing (its feature columns, standardisation); for
 * classification each row gets the predicted class and the probability of each class.
 */
import { type Tensor, asTensor, noGrad, softmax } from '@gd/autograd';
import { toTypedArray } from '@gd/tensor';
import { applyScaling, buildModel, parseModelSpec, predictClasses } from '@gd/train';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { loadData } from '../data/load-data.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { toCsv } from '../output/csv.js';
import { toJson } from '../output/format.js';
import { oneOf } from '../options.js';
import { modelState, readModel } from '../training/model-file.js';

interface PredictFlags {
  model: string;
  data: string;
  format: 'csv' | 'json';
  out?: string;
}

export function registerPredict(program: Command): void {
  program
    .command('predict')
    .description('predict with a model saved by gd train, for the rows of a file')
    .requiredOption('--model <file>', 'a model written by gd train --save (default name: gd-out/model.json)')
    .requiredOption('--data <file|name>', 'CSV, TSV, NDJSON or JSON rows holding the model\'s feature columns, or a bundled dataset')
    .option('--format <format>', 'csv or json', oneOf(['csv', 'json'] as const), 'csv')
    .option('--out <file>', 'write to this file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  $ gd train --data iris --target species --standardize --save iris-model.json
  $ gd predict --model iris-model.json --data iris > predictions.csv
  $ gd predict --model price-model.json --data new-houses.csv --format json --out predictions.json`,
    )
    .action(async (flags: PredictFlags) => predict(flags));
}

async function predict(flags: PredictFlags): Promise<void> {
  const file = readModel(flags.model);
  const loaded = await loadData(flags.data, { features: file.featureNames });
  let x = loaded.features;
  if (file.scaling !== null) x = applyScaling(x, file.scaling);
  let model;
  try {
    model = buildModel(parseModelSpec(file.model), file.inFeatures, file.outFeatures);
    model.loadStateDict(modelState(file, flags.model));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${flags.model}: the model file is damaged: ${(e as Error).message}`);
  }
  model.eval();
  const out = noGrad((): Tensor => model.call(asTensor(x)) as Tensor);
  const rows = x.shape[0]!;
  let header: string[];
  let records: (string | number)[][];
  if (file.task === 'classification') {
    const classes = file.classes!;
    const picked = predictClasses(out.data);
    const probs = toTypedArray(noGrad(() => softmax(out, 1)).data) as Float32Array;
    header = ['row', 'prediction', ...classes.map((c) => `p_${c}`)];
    records = Array.from({ length: rows }, (_, i) => [i + 1, classes[picked[i]!]!, ...classes.map((_, k) => probs[i * classes.length + k]!)]);
  } else {
    const values = toTypedArray(out.data) as Float32Array;
    header = ['row', `predicted_${file.targetName}`];
    records = Array.from({ length: rows }, (_, i) => [i + 1, values[i]!]);
  }
  const text =
    flags.format === 'csv'
      ? toCsv(header, records)
      : toJson({ model: flags.model, task: file.task, target: file.targetName, predictions: records.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]]))) }) + '\n';
  if (flags.out !== undefined) writeFileAtomic(flags.out, text);
  else process.stdout.write(text);
}

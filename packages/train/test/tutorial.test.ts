/**
 * The tutorial experiment (through the general Trainer and DataLoader) against tutorial.json's
 * six training runs: per-epoch losses, w and b after each epoch, the epoch-0 (w, b) path and the
 * final w and b, within each case's tolerance; the async and sync drivers agree; the verdict says
 * what the runs did.
 */
import { type Tolerance, compareValues, loadReference } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { runTutorial, runTutorialSync, tutorialConfig, tutorialLabel, type TutorialRun } from '../src/index.js';

interface TrainingCase {
  id: string;
  kind: string;
  targets: 'clean' | 'noisy';
  batch_size: number;
  epochs: number;
  lr: number;
  w0: number;
  b0: number;
  losses: number[];
  w: number;
  b: number;
  w_per_epoch: number[];
  b_per_epoch: number[];
  epoch0_trace: { w: number[]; b: number[] };
  tol: Tolerance;
}

const ref = loadReference<TrainingCase>('tutorial.json');
const training = ref.cases.filter((c) => c.kind === 'training');

function expectClose(what: string, actual: number[], expected: number[], tol: Tolerance): void {
  const r = compareValues(actual, expected, tol);
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
}

function check(c: TrainingCase, run: TutorialRun): void {
  expect(run.batchSize).toBe(c.batch_size);
  expectClose(`${c.id} losses`, run.losses, c.losses, c.tol);
  expectClose(`${c.id} w per epoch`, run.wPerEpoch, c.w_per_epoch, c.tol);
  expectClose(`${c.id} b per epoch`, run.bPerEpoch, c.b_per_epoch, c.tol);
  expectClose(`${c.id} epoch-0 w`, run.epoch0Trace.w, c.epoch0_trace.w, c.tol);
  expectClose(`${c.id} epoch-0 b`, run.epoch0Trace.b, c.epoch0_trace.b, c.tol);
  expectClose(`${c.id} final w, b`, [run.w, run.b], [c.w, c.b], c.tol);
  expect(run.failure).toBeNull();
}

describe('runTutorial against tutorial.json', () => {
  it('has the six runs', () => {
    expect(training.map((c) => `${c.targets}/${c.batch_size}`).sort()).toEqual(['clean/1', 'clean/10', 'clean/20', 'noisy/1', 'noisy/10', 'noisy/20']);
  });

  for (const targets of ['clean', 'noisy'] as const) {
    it(`reproduces the ${targets} runs (async driver)`, async () => {
      const cases = training.filter((c) => c.targets === targets);
      const first = cases[0]!;
      const result = await runTutorial({
        targets,
        batchSizes: cases.map((c) => c.batch_size),
        epochs: first.epochs,
        lr: first.lr,
        w0: first.w0,
        b0: first.b0,
      });
      cases.forEach((c, i) => check(c, result.runs[i]!));
    });

    it(`reproduces the ${targets} runs (sync driver)`, () => {
      const cases = training.filter((c) => c.targets === targets);
      const result = runTutorialSync({ targets, batchSizes: cases.map((c) => c.batch_size) });
      cases.forEach((c, i) => check(c, result.runs[i]!));
    });
  }
});

describe('tutorial result', () => {
  const result = runTutorialSync();

  it('labels the runs as the tutorial does', () => {
    expect(result.runs.map((r) => r.label)).toEqual([
      'Stochastic Gradient Descent',
      'Mini-Batch Gradient Descent, Batch size: 10',
      'Mini-Batch Gradient Descent, Batch size: 20',
    ]);
    expect(tutorialLabel(100, 100)).toBe('Batch Gradient Descent');
  });

  it('measures the noise floor as the loss of func against Y', () => {
    // the clean batch-20 run converges to w = -5, b = 0, whose loss is the floor
    const last = result.runs[2]!;
    expect(Math.abs(last.finalLoss - result.noiseFloor) / result.noiseFloor).toBeLessThan(1e-3);
    expect(result.noiseFloor).toBeGreaterThan(0.15);
    expect(result.noiseFloor).toBeLessThan(0.16);
    expect(result.data.x).toHaveLength(100);
    expect(result.data.func[0]).toBe(25); // -5 * -5
  });

  it('says which batch sizes converged and how', () => {
    expect(result.verdict).toMatch(/^batch size 20 converged smoothly .*; batch size 10 converged after oscillating .*; batch size 1 did not converge .*\|x\| > 3\.162/);
  });

  it('stops a run whose loss becomes infinite and says where', () => {
    const r = runTutorialSync({ batchSizes: [1], lr: 10, epochs: 5 });
    const failure = r.runs[0]!.failure!;
    expect(failure).not.toBeNull();
    expect(failure.epoch).toBe(0);
    expect(failure.message).toMatch(/^the loss became (NaN|Infinity) at epoch 1, step \d+: training stopped; try a smaller learning rate than 10$/);
    expect(r.verdict).toMatch(/batch size 1 diverged/);
  });

  it('refuses bad settings', () => {
    expect(() => tutorialConfig({ lr: -1 })).toThrow('tutorial: lr must be a positive number, got -1');
    expect(() => tutorialConfig({ batchSizes: [0] })).toThrow('tutorial: a batch size must be a positive integer, got 0');
  });
});

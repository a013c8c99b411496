/**
 * The tutorial experiment (through the general Trainer and DataLoader) against tutorial.json's
 * six training runs: per-epoch losses, w and b after each epoch, the epoch-0 (w, b) path and the
 * final w and b, within each case's tolerance; the async and sync drivers agree; the verdict says
 * what the runs did; the number of points, the noise level and the optimizer's options reach the
 * data and the optimizer; bad settings are refused by name.
 */
import { type TutorialTrainingCase, expectClose, tutorialTrainingCases } from '@gd/conformance';
import { asTensor, tensor } from '@gd/autograd';
import { syntheticLine } from '@gd/data';
import { SGD } from '@gd/optim';
import { manualSeed, randn, slice } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { runTutorial, runTutorialSync, tutorialConfig, tutorialLabel, type TutorialRun } from '../src/index.js';

const training = tutorialTrainingCases();

function check(c: TutorialTrainingCase, run: TutorialRun): void {
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
    expect(() => tutorialConfig({ n: 0 })).toThrow('tutorial: n (the number of points) must be a positive integer, got 0');
    expect(() => tutorialConfig({ n: 2.5 })).toThrow('tutorial: n (the number of points) must be a positive integer, got 2.5');
    expect(() => tutorialConfig({ noise: -0.1 })).toThrow('tutorial: noise must be a finite number, 0 or more, got -0.1');
    expect(() => tutorialConfig({ optimizerOptions: { momentum: 0.9 } })).toThrow("tutorial: optimizer 'manual' has no option 'momentum' (it takes lr)");
    expect(() => tutorialConfig({ optimizer: 'adam', optimizerOptions: { momentum: 0.9 } })).toThrow(
      "tutorial: optimizer 'adam' has no option 'momentum' (it takes lr, betas, eps, weightDecay, amsgrad)",
    );
    expect(() => tutorialConfig({ optimizer: 'sgd', optimizerOptions: { momentum: -1 } })).toThrow('tutorial: sgd: Invalid momentum value: -1');
    expect(() => tutorialConfig({ optimizer: 'sgd', optimizerOptions: { lr: 1 } as never })).toThrow('tutorial: give the learning rate as lr, not in optimizerOptions');
  });
});

describe('number of points, noise level and optimizer options', () => {
  it('n and noise go to the line: n evenly spaced points in [-5, 5), Y = func + noise * the same randn', () => {
    const r = runTutorialSync({ n: 50, noise: 0.8, epochs: 1 });
    expect(r.config).toMatchObject({ n: 50, noise: 0.8 });
    expect(r.data.x).toHaveLength(50);
    expect(r.data.x[0]).toBe(-5);
    expect(r.data.x[1]! - r.data.x[0]!).toBeCloseTo(0.2, 6);
    expect(r.data.func[1]).toBe(Math.fround(-5 * r.data.x[1]!));
    // Y - func is noise times manual_seed(42); randn(50, 1)
    manualSeed(42);
    const z = randn([50, 1]).data;
    r.data.y.forEach((y, i) => expect(y - r.data.func[i]!).toBeCloseTo(0.8 * z[i]!, 4));
    expect(r.runs.map((run) => run.stepsPerEpoch)).toEqual([50, 5, 3]);
    expect(r.runs.map((run) => run.label)).toEqual(['Stochastic Gradient Descent', 'Mini-Batch Gradient Descent, Batch size: 10', 'Mini-Batch Gradient Descent, Batch size: 20']);
    // without noise the data is the line, and the floor is 0
    const exact = runTutorialSync({ noise: 0, epochs: 1 });
    expect(exact.data.y).toEqual(exact.data.func);
    expect(exact.noiseFloor).toBe(0);
  });

  it("the defaults are the tutorial's: 100 points, noise 0.4", () => {
    const d = tutorialConfig();
    expect([d.n, d.noise, d.optimizerOptions]).toEqual([100, 0.4, {}]);
    expect(runTutorialSync({ n: 100, noise: 0.4, epochs: 3 })).toEqual(runTutorialSync({ epochs: 3 }));
  });

  it('optimizerOptions reach the optimizer: SGD with momentum equals the loop written out with @gd/optim', () => {
    const r = runTutorialSync({ optimizer: 'sgd', optimizerOptions: { momentum: 0.9 }, lr: 0.01, batchSizes: [10], epochs: 4, targets: 'noisy' });
    manualSeed(42);
    const { X, Y } = syntheticLine();
    const w = tensor(-10, { requiresGrad: true });
    const b = tensor(-20, { requiresGrad: true });
    const opt = new SGD([w, b], { lr: 0.01, momentum: 0.9 });
    const losses: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      losses.push(w.mul(asTensor(X)).add(b).sub(asTensor(Y)).pow(2).mean().item());
      for (let start = 0; start < 100; start += 10) {
        const rows = slice(start, start + 10);
        opt.zeroGrad();
        w.mul(asTensor(X.index(rows))).add(b).sub(asTensor(Y.index(rows))).pow(2).mean().backward();
        opt.step();
      }
    }
    expect(r.runs[0]!.losses).toEqual(losses);
    expect([r.runs[0]!.w, r.runs[0]!.b]).toEqual([w.item(), b.item()]);
    // and momentum changed the path
    expect(r.runs[0]!.w).not.toBe(runTutorialSync({ optimizer: 'sgd', lr: 0.01, batchSizes: [10], epochs: 4, targets: 'noisy' }).runs[0]!.w);
  });
});

/**
 * The demo's engine in Node: the tutorial runs, stepped one batch at a time and interleaved on
 * the lockstep clock exactly as the worker does, give tutorial.json's numbers (all six PyTorch
 * runs, within each case's tolerance) and exactly @gd/train's `runTutorialSync` (what the CLI
 * runs), for other settings too (number of points, noise, momentum: also against a loop written
 * out); the analysis formulas agree with brute force; divergence stops a run and says where.
 */
import { expectClose, tutorialTrainingCases } from '@gd/conformance';
import { asTensor, tensor } from '@gd/autograd';
import { syntheticLine } from '@gd/data';
import { SGD } from '@gd/optim';
import { type NDArray, manualSeed, slice } from '@gd/tensor';
import { runTutorialSync } from '@gd/train';
import { describe, expect, it } from 'vitest';
import { TUTORIAL_DEFAULTS, type TutorialConfig } from '../src/engine/config.js';
import { measureRandomBatches, noiseWithoutReplacement, perSampleSpread } from '../src/engine/gradient-noise.js';
import { lineGradient, lineLoss, lineMoments, lineOptimum } from '../src/engine/line-stats.js';
import { Lockstep } from '../src/engine/lockstep.js';
import { type TutorialRun, createTutorialRun, trainConfig, tutorialData } from '../src/engine/tutorial-runs.js';

const training = tutorialTrainingCases();

/** Steps the runs of `config` on the lockstep clock to the end; returns the runs and the tick count. */
function playAll(config: TutorialConfig): { runs: TutorialRun[]; ticks: number; clock: Lockstep } {
  const runs = config.batchSizes.map((bs) => createTutorialRun(config, bs));
  const clock = new Lockstep(runs, config.n);
  let ticks = 0;
  while (clock.tick() !== null) ticks++;
  return { runs, ticks, clock };
}

describe('tutorial runs interleaved on the lockstep clock', () => {
  it.each(['clean', 'noisy'] as const)('%s targets: the three runs equal PyTorch', (targets) => {
    const config: TutorialConfig = { ...TUTORIAL_DEFAULTS, targets };
    const { runs, ticks, clock } = playAll(config);
    expect(ticks).toBe(100 * 20);
    expect(clock.clock).toBe(clock.end);
    for (const run of runs) {
      const c = training.find((t) => t.targets === targets && t.batch_size === run.batchSize)!;
      expect(run.status).toBe('done');
      expectClose(`${c.id} losses`, run.losses, c.losses, c.tol);
      expectClose(`${c.id} w per epoch`, run.wPerEpoch, c.w_per_epoch, c.tol);
      expectClose(`${c.id} b per epoch`, run.bPerEpoch, c.b_per_epoch, c.tol);
      expectClose(`${c.id} final`, [run.w, run.b], [c.w, c.b], c.tol);
    }
  });

  it.each([
    { targets: 'noisy', shuffle: true, batchSizes: [1, 7, 32], epochs: 6, seed: 3 },
    { optimizer: 'momentum', lr: 0.01, batchSizes: [5, 100], epochs: 8, w0: 2, b0: 3 },
    { optimizer: 'adam', lr: 0.5, targets: 'noisy', batchSizes: [10], epochs: 12 },
    { optimizer: 'sgd', batchSizes: [1, 20], epochs: 4 },
    { n: 37, noise: 2.5, targets: 'noisy', shuffle: true, batchSizes: [1, 4, 37], epochs: 5, seed: 11 },
  ] as Partial<TutorialConfig>[])("equals @gd/train's runTutorialSync (what gd tutorial runs) for %j", (change) => {
    const config: TutorialConfig = { ...TUTORIAL_DEFAULTS, ...change };
    const { runs } = playAll(config);
    // the momentum runs also against the loop written out
    if (config.optimizer === 'momentum') expectMomentumEqual(config, runs);
    const ref = runTutorialSync(trainConfig(config));
    runs.forEach((run, i) => {
      const r = ref.runs[i]!;
      expect(run.losses).toEqual(r.losses);
      expect(run.wPerEpoch).toEqual(r.wPerEpoch);
      expect(run.bPerEpoch).toEqual(r.bPerEpoch);
      expect([run.w, run.b, run.finalLoss]).toEqual([r.w, r.b, r.finalLoss]);
    });
  });

  it('a shuffled run draws the same batches however runs are interleaved', () => {
    const config: TutorialConfig = { ...TUTORIAL_DEFAULTS, shuffle: true, epochs: 3 };
    const alone = createTutorialRun(config, 10);
    while (alone.next() !== null);
    const { runs } = playAll({ ...config, batchSizes: [1, 10] });
    expect(runs[1]!.losses).toEqual(alone.losses);
    expect([runs[1]!.w, runs[1]!.b]).toEqual([alone.w, alone.b]);
    // and shuffling changed the path: not the unshuffled numbers
    const plain = createTutorialRun({ ...config, shuffle: false }, 10);
    while (plain.next() !== null);
    expect(plain.w).not.toBe(alone.w);
  });

  it('stops a diverging run and says at which epoch and step, as @gd/train does', () => {
    const config: TutorialConfig = { ...TUTORIAL_DEFAULTS, lr: 5, batchSizes: [1, 20] };
    const { runs } = playAll(config);
    const ref = runTutorialSync({ ...config, optimizer: 'manual' });
    runs.forEach((run, i) => {
      expect(run.status).toBe('diverged');
      expect(run.divergence!.what).toMatch(/^loss = (NaN|-?Infinity)$/);
      const failure = ref.runs[i]!.failure!;
      expect([run.divergence!.epoch, run.divergence!.step]).toEqual([failure.epoch, failure.step]);
      expect(run.losses).toEqual(ref.runs[i]!.losses);
    });
    // batch 1 blows up within its first epoch (step factor 1 - 2*5*x² per sample)
    expect(runs[0]!.divergence!.epoch).toBe(0);
    expect(runs[0]!.next()).toBeNull();
  });

  it('gives the data of the tutorial: x, y = -5x and Y = -5x + 0.4 * randn', () => {
    const d = tutorialData(TUTORIAL_DEFAULTS);
    expect(d.x.length).toBe(100);
    expect(d.x[0]).toBe(-5);
    expect(d.y[0]).toBe(25.77076530456543); // PyTorch's Y[0] after manual_seed(42)
    expect(d.trainY).toBe(d.clean);
    expect(d.clean[1]).toBe(Math.fround(-5 * d.x[1]!));
    expect(tutorialData({ ...TUTORIAL_DEFAULTS, targets: 'noisy' }).trainY[0]).toBe(25.77076530456543);
  });
});

describe('analysis formulas', () => {
  const x = [-2, -1, 0.5, 1, 3];
  const y = [4.2, 1.9, -1.1, -2.2, -5.5];

  it('closed-form loss, gradient and optimum equal brute force', () => {
    const m = lineMoments(x, y);
    const [w, b] = [0.7, -0.3];
    const loss = x.reduce((s, xi, i) => s + (w * xi + b - y[i]!) ** 2, 0) / x.length;
    expect(lineLoss(m, w, b)).toBeCloseTo(loss, 12);
    const gw = x.reduce((s, xi, i) => s + 2 * (w * xi + b - y[i]!) * xi, 0) / x.length;
    const gb = x.reduce((s, xi, i) => s + 2 * (w * xi + b - y[i]!), 0) / x.length;
    const [cw, cb] = lineGradient(m, w, b);
    expect(cw).toBeCloseTo(gw, 12);
    expect(cb).toBeCloseTo(gb, 12);
    const [wo, bo] = lineOptimum(m);
    const [zw, zb] = lineGradient(m, wo, bo);
    expect(Math.abs(zw) + Math.abs(zb)).toBeLessThan(1e-12);
  });

  it('the without-replacement noise formula equals the exact mean over all batches', () => {
    // every 2-subset of 5 points, enumerated: the exact expectation
    const [w, b] = [0.7, -0.3];
    const { sigma2, grad } = perSampleSpread(x, y, w, b);
    const g = x.map((xi, i) => [2 * (w * xi + b - y[i]!) * xi, 2 * (w * xi + b - y[i]!)] as const);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < 5; i++) {
      for (let j = i + 1; j < 5; j++) {
        const dw = (g[i]![0] + g[j]![0]) / 2 - grad[0];
        const db = (g[i]![1] + g[j]![1]) / 2 - grad[1];
        sum += dw * dw + db * db;
        count++;
      }
    }
    expect(noiseWithoutReplacement(sigma2, 5, 2)).toBeCloseTo(sum / count, 10);
    expect(noiseWithoutReplacement(sigma2, 5, 5)).toBe(0);
    // the sampled measurement converges to it (4000 draws: within 5 %)
    const measured = measureRandomBatches(x, y, w, b, 2, 4000, 1);
    expect(Math.abs(measured / (sum / count) - 1)).toBeLessThan(0.05);
  });
});

/**
 * The momentum runs against the tutorial's loop written out with @gd/autograd and @gd/optim's SGD
 * (momentum 0.9), a path independent of @gd/train.
 */
function expectMomentumEqual(config: TutorialConfig, runs: TutorialRun[]): void {
  runs.forEach((run) => {
    manualSeed(config.seed);
    const { X, clean } = syntheticLine();
    const Y = syntheticLineY(config.seed);
    const x = asTensor(X);
    const w = tensor(config.w0, { requiresGrad: true });
    const b = tensor(config.b0, { requiresGrad: true });
    const opt = new SGD([w, b], { lr: config.lr, momentum: 0.9 });
    const n = X.shape[0]!;
    const losses: number[] = [];
    for (let epoch = 0; epoch < config.epochs; epoch++) {
      losses.push(w.mul(x).add(b).sub(asTensor(Y)).pow(2).mean().item());
      for (let start = 0; start < n; start += run.batchSize) {
        const rows = slice(start, start + run.batchSize);
        opt.zeroGrad();
        const loss = w.mul(asTensor(X.index(rows))).add(b).sub(asTensor(clean.index(rows))).pow(2).mean();
        loss.backward();
        opt.step();
      }
    }
    expect(run.losses).toEqual(losses);
    expect([run.w, run.b]).toEqual([w.item(), b.item()]);
  });
}

function syntheticLineY(seed: number): NDArray {
  manualSeed(seed);
  return syntheticLine().Y;
}

/**
 * The tutorial stepped one batch at a time: each run equals tutorial.json's PyTorch run and
 * `runTutorialSync`'s, also when several steppers are interleaved (shuffled: each keeps its own
 * random stream); every step reports (w, b) before and after and the batch's gradient (checked by
 * hand on the first step); a diverging run stops where runTutorialSync says; no epochs, a bad run
 * index and the caller's random stream.
 */
import { expectClose, tutorialTrainingCases } from '@gd/conformance';
import { getRngState, manualSeed, rand } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { type TutorialConfig, type TutorialStep, type TutorialStepper, createTutorialStepper, runTutorialSync } from '../src/index.js';

const training = tutorialTrainingCases();

function drain(stepper: TutorialStepper): TutorialStep[] {
  const steps: TutorialStep[] = [];
  for (let s = stepper.step(); s !== null; s = stepper.step()) steps.push(s);
  return steps;
}

/** Steps all runs of `config` round-robin, one batch each in turn, until every one is over. */
function interleaved(config: Partial<TutorialConfig>): TutorialStepper[] {
  const steppers = (config.batchSizes ?? [1, 10, 20]).map((_, i) => createTutorialStepper(config, i));
  while (steppers.some((s) => !s.done)) for (const s of steppers) s.step();
  return steppers;
}

describe('createTutorialStepper', () => {
  it.each(['clean', 'noisy'] as const)('%s targets: the three runs, interleaved, equal PyTorch and runTutorialSync', (targets) => {
    const steppers = interleaved({ targets });
    const ref = runTutorialSync({ targets });
    steppers.forEach((stepper, i) => {
      const { run } = stepper;
      const c = training.find((t) => t.targets === targets && t.batch_size === run.batchSize)!;
      expectClose(`${c.id} losses`, run.losses, c.losses, c.tol);
      expectClose(`${c.id} w per epoch`, run.wPerEpoch, c.w_per_epoch, c.tol);
      expectClose(`${c.id} b per epoch`, run.bPerEpoch, c.b_per_epoch, c.tol);
      expectClose(`${c.id} final`, [run.w, run.b], [c.w, c.b], c.tol);
      expect(run).toEqual(ref.runs[i]);
    });
  });

  it('shuffled runs draw the same batches however they are interleaved', () => {
    const config: Partial<TutorialConfig> = { shuffle: true, epochs: 3, batchSizes: [1, 7, 32], seed: 5 };
    const steppers = interleaved(config);
    const ref = runTutorialSync(config);
    steppers.forEach((s, i) => expect(s.run).toEqual(ref.runs[i]));
    // and shuffling changed the path
    expect(steppers[1]!.run.w).not.toBe(runTutorialSync({ ...config, shuffle: false }).runs[1]!.w);
  });

  it('reports every step: (w, b) before and after, and the gradient of the batch', () => {
    const stepper = createTutorialStepper({ epochs: 2 }, 1);
    const steps = drain(stepper);
    expect(steps).toHaveLength(2 * 10);
    // the first batch: x = -5.0 ... -4.1, y = -5x, at w = -10, b = -20 the residual is -10x - 20 - (-5x) = -5x - 20
    const x = Array.from({ length: 10 }, (_, i) => Math.fround(-5 + i * Math.fround(0.1)));
    const first = steps[0]!;
    expect([first.epoch, first.step, first.batchSize, first.wBefore, first.bBefore]).toEqual([0, 0, 10, -10, -20]);
    const residual = x.map((xi) => -5 * xi - 20);
    const gradW = residual.reduce((s, r, i) => s + 2 * r * x[i]!, 0) / 10;
    const gradB = residual.reduce((s, r) => s + 2 * r, 0) / 10;
    expect(first.gradW).toBeCloseTo(gradW, 3);
    expect(first.gradB).toBeCloseTo(gradB, 4);
    // the update: the tutorial's w - lr * grad, in float32
    expect(first.w).toBe(Math.fround(-10 - Math.fround(Math.fround(0.1) * first.gradW)));
    expect(first.b).toBe(Math.fround(-20 - Math.fround(Math.fround(0.1) * first.gradB)));
    steps.slice(1).forEach((s, k) => expect([s.wBefore, s.bBefore]).toEqual([steps[k]!.w, steps[k]!.b]));
    expect(steps.map((s) => s.step)).toEqual([...Array(10).keys(), ...Array(10).keys()]);
    expect(stepper.done).toBe(true);
    expect(stepper.run.wPerEpoch).toEqual([steps[9]!.w, steps[19]!.w]);
    expect(stepper.step()).toBeNull();
  });

  it('is over after its last step, with the final loss of runTutorialSync', () => {
    const stepper = createTutorialStepper({ batchSizes: [20], epochs: 1 });
    for (let k = 0; k < 4; k++) expect(stepper.step()).not.toBeNull();
    expect([stepper.done, stepper.run.finalLoss]).toEqual([false, NaN]);
    expect(stepper.step()!.step).toBe(4);
    expect(stepper.done).toBe(true);
    expect(stepper.run.finalLoss).toBe(runTutorialSync({ batchSizes: [20], epochs: 1 }).runs[0]!.finalLoss);
  });

  it('stops a diverging run where runTutorialSync does', () => {
    const config: Partial<TutorialConfig> = { batchSizes: [1, 20], lr: 5 };
    const ref = runTutorialSync(config);
    [0, 1].forEach((i) => {
      const stepper = createTutorialStepper(config, i);
      const steps = drain(stepper);
      const failure = ref.runs[i]!.failure!;
      expect(failure).not.toBeNull();
      expect(stepper.run.failure).toEqual(failure);
      expect(steps).toHaveLength(failure.epoch * stepper.run.stepsPerEpoch + failure.step);
      expect(stepper.run).toEqual(ref.runs[i]);
      expect([stepper.done, stepper.step()]).toEqual([true, null]);
    });
  });

  it('with no epochs is over at once; a bad run index is refused', () => {
    const stepper = createTutorialStepper({ epochs: 0 });
    expect([stepper.done, stepper.step(), stepper.run.losses]).toEqual([true, null, []]);
    expect(stepper.run.finalLoss).toBe(runTutorialSync({ epochs: 0 }).runs[0]!.finalLoss);
    expect(() => createTutorialStepper({}, 3)).toThrow('tutorial: run index 3 is out of range for 3 batch size(s)');
    expect(() => createTutorialStepper({ lr: 0 })).toThrow('tutorial: lr must be a positive number, got 0');
  });

  it("leaves the caller's random stream alone", () => {
    manualSeed(7);
    const before = getRngState();
    const stepper = createTutorialStepper({ shuffle: true, epochs: 2 }, 2);
    drain(stepper);
    expect(getRngState()).toEqual(before);
    const next = rand([1]).data[0];
    manualSeed(7);
    expect(rand([1]).data[0]).toBe(next);
  });
});

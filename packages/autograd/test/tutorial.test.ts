/**
 * The tutorial example against tutorial.json's six training runs (clean and noisy targets, batch
 * sizes 1, 10 and 20): per-epoch losses, w and b after each epoch, and the final w and b, within
 * each case's tolerance. The batch-size-1 runs are chaotic, so they pass only with PyTorch's exact
 * float32 operation order; the epoch-0 trace locates the first diverging step when they do not.
 */
import { expectClose, tutorialTrainingCases } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { runTutorial } from '../examples/tutorial.js';

const training = tutorialTrainingCases();

describe('tutorial.json training runs', () => {
  it('has the six runs', () => {
    expect(training.map((c) => `${c.targets}/${c.batch_size}`).sort()).toEqual(
      ['clean/1', 'clean/10', 'clean/20', 'noisy/1', 'noisy/10', 'noisy/20'],
    );
  });

  it.each(training.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const run = runTutorial({ batchSize: c.batch_size, targets: c.targets, epochs: c.epochs, lr: c.lr });
    // the trace first: where a chaotic run diverges is the useful message
    expectClose(`${c.id} epoch-0 w trace`, run.epoch0.w, c.epoch0_trace.w, c.tol);
    expectClose(`${c.id} epoch-0 b trace`, run.epoch0.b, c.epoch0_trace.b, c.tol);
    expectClose(`${c.id} losses`, run.losses, c.losses, c.tol);
    expectClose(`${c.id} w per epoch`, run.wPerEpoch, c.w_per_epoch, c.tol);
    expectClose(`${c.id} b per epoch`, run.bPerEpoch, c.b_per_epoch, c.tol);
    expectClose(`${c.id} final w, b`, [run.w, run.b], [c.w, c.b], c.tol);
  });
});

/**
 * The tutorial example against tutorial.json's six training runs (clean and noisy targets, batch
 * sizes 1, 10 and 20): per-epoch losses, w and b after each epoch, and the final w and b, within
 * each case's tolerance. The batch-size-1 runs are chaotic, so they pass only with PyTorch's exact
 * float32 operation order; the epoch-0 trace locates the first diverging step when they do not.
 */
import { type Tolerance, compareValues, loadReference } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { runTutorial } from '../examples/tutorial.js';

interface TrainingCase {
  id: string;
  kind: string;
  targets: 'clean' | 'noisy';
  batch_size: number;
  epochs: number;
  lr: number;
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

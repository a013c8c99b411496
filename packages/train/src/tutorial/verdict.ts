/**
 * The tutorial's lesson in one sentence: which batch sizes converged and how. A run has
 * converged when its final loss is within 10% of the noise floor (the loss of the noise-free line
 * against the noisy points: no straight line does much better); it did so smoothly when its loss
 * never went up. A run that ends within 10x the floor is still wandering around the minimum; one
 * that ends higher did not converge. For batch size 1 with plain SGD on the squared error the
 * reason is known: one sample's step multiplies the error by 1 - 2·lr·x², which overshoots
 * (|factor| > 1) when |x| > 1/√lr.
 */
import type { TutorialConfig } from './config.js';
import type { TutorialRun } from './run-setup.js';

/** How one run ended. */
export type RunOutcome = 'smooth' | 'oscillating' | 'wandering' | 'not-converged' | 'diverged';

const NEAR = 1.1;
const WANDER = 10;
// a loss that goes up by more than 1% in an epoch counts as a rise (smaller ones are float noise near the minimum)
const RISE = 1.01;

/** Classifies a run against the noise floor (see the file comment). */
export function runOutcome(run: TutorialRun, noiseFloor: number): RunOutcome {
  if (run.failure !== null || !Number.isFinite(run.finalLoss)) return 'diverged';
  const curve = [...run.losses, run.finalLoss];
  if (run.finalLoss <= NEAR * noiseFloor) {
    const rises = curve.some((l, i) => i > 0 && l > curve[i - 1]! * RISE);
    return rises ? 'oscillating' : 'smooth';
  }
  return run.finalLoss <= WANDER * noiseFloor ? 'wandering' : 'not-converged';
}

/** The first epoch whose start-of-epoch loss is within 10% of the floor (the count of epochs it took). */
function epochsToFloor(run: TutorialRun, noiseFloor: number): number {
  const k = run.losses.findIndex((l) => l <= NEAR * noiseFloor);
  return k < 0 ? run.losses.length : k;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e4 || a < 1e-3)) return x.toExponential(2);
  return x.toFixed(3);
}

function describe(run: TutorialRun, outcome: RunOutcome, noiseFloor: number, c: Pick<TutorialConfig, 'lr' | 'optimizer'>): string {
  const at = `w = ${fmt(run.w)}, b = ${fmt(run.b)}`;
  switch (outcome) {
    case 'smooth':
      return `batch size ${run.batchSize} converged smoothly (loss within 10% of the noise floor after ${epochsToFloor(run, noiseFloor)} epochs; ${at})`;
    case 'oscillating':
      return `batch size ${run.batchSize} converged after oscillating (loss within 10% of the floor after ${epochsToFloor(run, noiseFloor)} epochs; ${at})`;
    case 'wandering':
      return `batch size ${run.batchSize} came close but keeps wandering (final loss ${fmt(run.finalLoss)}, ${fmt(run.finalLoss / noiseFloor)}x the floor; ${at})`;
    case 'not-converged': {
      const plain = c.optimizer === 'manual' || c.optimizer === 'sgd';
      const why = run.batchSize === 1 && plain ? `: single samples with |x| > ${fmt(1 / Math.sqrt(c.lr))} make a step of lr ${c.lr} overshoot` : '';
      return `batch size ${run.batchSize} did not converge (final loss ${fmt(run.finalLoss)}, ${at})${why}`;
    }
    case 'diverged':
      return `batch size ${run.batchSize} diverged (${run.failure?.message ?? 'the loss is not finite'})`;
  }
}

/**
 * One sentence for the whole experiment, converged runs first.
 * @example
 * tutorialVerdict(result); // "batch size 20 converged smoothly (...); batch size 10 ...; batch size 1 did not converge (...)"
 */
export function tutorialVerdict(result: { config: TutorialConfig; noiseFloor: number; runs: TutorialRun[] }): string {
  const order: RunOutcome[] = ['smooth', 'oscillating', 'wandering', 'not-converged', 'diverged'];
  const parts = result.runs
    .map((run) => ({ run, outcome: runOutcome(run, result.noiseFloor) }))
    .sort((a, b) => order.indexOf(a.outcome) - order.indexOf(b.outcome) || b.run.batchSize - a.run.batchSize)
    .map(({ run, outcome }) => describe(run, outcome, result.noiseFloor, result.config));
  return `${parts.join('; ')} (noise floor ${fmt(result.noiseFloor)}).`;
}

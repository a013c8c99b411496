/**
 * Learning-rate schedules from a short text, for command lines: `step:10,0.5` (StepLR every 10
 * epochs by 0.5), `exponential:0.95`, `cosine` or `cosine:50,0.001` (CosineAnnealingLR, tMax
 * defaulting to the number of epochs), `plateau` or `plateau:0.5,3` (ReduceLROnPlateau on the
 * validation loss, else the training loss: factor, patience), `none`. Stepped once per epoch.
 */
import { type AnyOptimizer, CosineAnnealingLR, ExponentialLR, ReduceLROnPlateau, StepLR } from '@gd/optim';
import { ValueError } from '@gd/tensor';
import type { SchedulerLike } from './optimizer-like.js';

export const SCHEDULER_KINDS = ['none', 'step', 'exponential', 'cosine', 'plateau'] as const;

/** A parsed schedule: its kind and numeric arguments. */
export interface SchedulerSpec {
  kind: (typeof SCHEDULER_KINDS)[number];
  args: number[];
}

const USAGE = 'none, step:EPOCHS[,GAMMA], exponential:GAMMA, cosine[:TMAX[,ETA_MIN]] or plateau[:FACTOR[,PATIENCE]]';

/** Parses `text` (see the file comment); throws a ValueError saying what is accepted. */
export function parseScheduler(text: string): SchedulerSpec {
  const [kind = '', rest] = text.split(':', 2) as [string, string | undefined];
  if (!(SCHEDULER_KINDS as readonly string[]).includes(kind)) throw new ValueError(`unknown scheduler '${text}' (use ${USAGE})`);
  const args = rest === undefined || rest === '' ? [] : rest.split(',').map(Number);
  if (args.some((a) => !Number.isFinite(a))) throw new ValueError(`scheduler '${text}': the arguments must be numbers (use ${USAGE})`);
  const max: Record<string, number> = { none: 0, step: 2, exponential: 1, cosine: 2, plateau: 2 };
  if (args.length > max[kind]!) throw new ValueError(`scheduler '${text}': too many arguments (use ${USAGE})`);
  if ((kind === 'step' || kind === 'exponential') && args.length === 0) throw new ValueError(`scheduler '${text}' needs an argument (use ${USAGE})`);
  return { kind: kind as SchedulerSpec['kind'], args };
}

/** The scheduler of `spec` on `optimizer` (null for `none`), and whether it takes a metric. */
export function createScheduler(
  spec: SchedulerSpec,
  optimizer: AnyOptimizer,
  epochs: number,
): { scheduler: SchedulerLike | null; needsMetric: boolean } {
  const [a, b] = spec.args;
  switch (spec.kind) {
    case 'none':
      return { scheduler: null, needsMetric: false };
    case 'step':
      return { scheduler: new StepLR(optimizer, { stepSize: a!, ...(b === undefined ? {} : { gamma: b }) }), needsMetric: false };
    case 'exponential':
      return { scheduler: new ExponentialLR(optimizer, { gamma: a! }), needsMetric: false };
    case 'cosine':
      return { scheduler: new CosineAnnealingLR(optimizer, { tMax: a ?? Math.max(1, epochs), ...(b === undefined ? {} : { etaMin: b }) }), needsMetric: false };
    case 'plateau':
      return {
        scheduler: new ReduceLROnPlateau(optimizer, { ...(a === undefined ? {} : { factor: a }), ...(b === undefined ? {} : { patience: b }) }),
        needsMetric: true,
      };
  }
}

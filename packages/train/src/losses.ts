/**
 * Losses by name: `mse`, `l1`, `huber`, `smooth-l1` for regression, `cross-entropy` for
 * classification (class indices as targets). The default follows the task.
 */
import { crossEntropy, huberLoss, l1Loss, mseLoss, smoothL1Loss } from '@gd/nn';
import { ValueError } from '@gd/tensor';
import type { LossFn } from './trainer.js';

export type Task = 'regression' | 'classification';

export const LOSS_NAMES = { regression: ['mse', 'l1', 'huber', 'smooth-l1'], classification: ['cross-entropy'] } as const;

/** The loss named `name` (default: mse for regression, cross-entropy for classification). */
export function lossFunction(task: Task, name?: string): { name: string; fn: LossFn } {
  const chosen = name ?? (task === 'regression' ? 'mse' : 'cross-entropy');
  const allowed: readonly string[] = LOSS_NAMES[task];
  if (!allowed.includes(chosen)) {
    throw new ValueError(`loss '${chosen}' does not fit a ${task} task (use ${allowed.join(', ')})`);
  }
  const fns: Record<string, LossFn> = {
    mse: (out, y) => mseLoss(out, y),
    l1: (out, y) => l1Loss(out, y),
    huber: (out, y) => huberLoss(out, y),
    'smooth-l1': (out, y) => smoothL1Loss(out, y),
    'cross-entropy': (out, y) => crossEntropy(out, y),
  };
  return { name: chosen, fn: fns[chosen]! };
}

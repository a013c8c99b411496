/**
 * Anomaly detection (PyTorch's `torch.autograd.detect_anomaly`): while it is on, every recorded
 * node keeps the stack of the forward call that created it, and the engine checks each gradient a
 * backward rule returns; the first NaN or infinity throws an error naming the node and the forward
 * operation that produced it. Off by default because capturing stacks costs a few microseconds per op.
 */
import { AutogradError } from './errors.js';
import type { Tensor } from './tensor.js';

let enabled = false;

/** True inside {@link detectAnomaly}. */
export function isAnomalyEnabled(): boolean {
  return enabled;
}

/**
 * Runs `fn` (typically forward and backward) with anomaly detection on: a backward rule that
 * returns NaN or infinity throws an {@link AutogradError} that names the operation and shows the
 * stack of its forward call.
 * @example
 * detectAnomaly(() => {
 *   const y = x.sqrt().sum(); // sqrt'(0) = inf
 *   y.backward();             // throws: Function 'SqrtBackward0' returned inf values in its 0th output ...
 * });
 */
export function detectAnomaly<T>(fn: () => T): T {
  const previous = enabled;
  enabled = true;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** The forward stack to keep on a node (without the frames of autograd itself). */
export function captureForwardStack(): string {
  const stack = new Error().stack ?? '';
  return stack
    .split('\n')
    .slice(1)
    .filter((line) => !/[\\/]autograd[\\/]src[\\/]/.test(line))
    .join('\n');
}

/** Throws when `grad` (output `index` of the node `name`) holds a NaN or an infinity. */
export function checkGradient(name: string, index: number, grad: Tensor, forwardStack: string | null): void {
  const data = grad.data;
  const values = data.toTypedArray();
  let bad: 'nan' | 'inf' | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      bad = 'nan';
      break;
    }
    if (v === Infinity || v === -Infinity) bad = 'inf';
  }
  if (bad === null) return;
  const where = forwardStack ? `\nThe forward call that created ${name}:\n${forwardStack}` : '';
  throw new AutogradError(`Function '${name}' returned ${bad} values in its ${index}th output.${where}`);
}

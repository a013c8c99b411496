/**
 * Optimizers by name, for configuration files and command lines: `createOptimizer('adam', params,
 * { lr: 0.01 })`. The names are @gd/optim's classes in lower case, plus `manual`, the tutorial's
 * hand-written update ({@link PlainSGD}). Options a named optimizer does not have are refused with
 * the list of those it has.
 */
import type { Tensor } from '@gd/autograd';
import { Adagrad, Adam, AdamW, RMSprop, SGD } from '@gd/optim';
import { ValueError } from '@gd/tensor';
import type { OptimizerLike } from './optimizer-like.js';
import { PlainSGD } from './plain-sgd.js';

export const OPTIMIZER_NAMES = ['manual', 'sgd', 'adam', 'adamw', 'rmsprop', 'adagrad'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Options an optimizer may be given (each optimizer takes a subset; see {@link OPTIMIZER_OPTIONS}). */
export interface OptimizerConfig {
  lr?: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  weightDecay?: number;
  betas?: [number, number];
  eps?: number;
  amsgrad?: boolean;
  alpha?: number;
  centered?: boolean;
  lrDecay?: number;
}

/** Which options each optimizer takes. */
export const OPTIMIZER_OPTIONS: Record<OptimizerName, readonly (keyof OptimizerConfig)[]> = {
  manual: ['lr'],
  sgd: ['lr', 'momentum', 'dampening', 'nesterov', 'weightDecay'],
  adam: ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad'],
  adamw: ['lr', 'betas', 'eps', 'weightDecay', 'amsgrad'],
  rmsprop: ['lr', 'alpha', 'eps', 'weightDecay', 'momentum', 'centered'],
  adagrad: ['lr', 'lrDecay', 'weightDecay', 'eps'],
};

/** PyTorch's default learning rates (SGD has none: 0.01 is used when none is given). */
export const DEFAULT_LR: Record<OptimizerName, number> = {
  manual: 0.01,
  sgd: 0.01,
  adam: 1e-3,
  adamw: 1e-3,
  rmsprop: 1e-2,
  adagrad: 1e-2,
};

/** True when `name` is one of {@link OPTIMIZER_NAMES}. */
export function isOptimizerName(name: string): name is OptimizerName {
  return (OPTIMIZER_NAMES as readonly string[]).includes(name);
}

/**
 * The optimizer `name` over `params`.
 * @example
 * const opt = createOptimizer('sgd', model.parameters(), { lr: 0.1, momentum: 0.9 });
 */
export function createOptimizer(name: string, params: Iterable<Tensor>, config: OptimizerConfig = {}): OptimizerLike {
  if (!isOptimizerName(name)) throw new ValueError(`createOptimizer: unknown optimizer '${name}' (known: ${OPTIMIZER_NAMES.join(', ')})`);
  const allowed = OPTIMIZER_OPTIONS[name];
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (!(allowed as readonly string[]).includes(key)) {
      throw new ValueError(`createOptimizer: ${name} has no option '${key}' (it takes ${allowed.join(', ')})`);
    }
    options[key] = value;
  }
  const lr = (options.lr as number | undefined) ?? DEFAULT_LR[name];
  const list = [...params];
  switch (name) {
    case 'manual':
      return new PlainSGD(list, { lr });
    case 'sgd':
      return new SGD(list, { ...options, lr });
    case 'adam':
      return new Adam(list, { ...options, lr });
    case 'adamw':
      return new AdamW(list, { ...options, lr });
    case 'rmsprop':
      return new RMSprop(list, { ...options, lr });
    case 'adagrad':
      return new Adagrad(list, { ...options, lr });
  }
}

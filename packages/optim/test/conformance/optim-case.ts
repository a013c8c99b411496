/**
 * Builds what an optim.json case describes: the optimizer from `optimizer` + `kwargs`, the
 * scheduler from `scheduler` + `scheduler_kwargs`, with PyTorch's keyword names mapped to gd's
 * camelCase options. Anything unknown throws (a case this package cannot run must fail, never be
 * skipped): an unknown field, optimizer, scheduler or keyword.
 */
import {
  type Backend,
  PYTHON_BUILTINS,
  PYTHON_MATH,
  type RefTensor,
  type Tolerance,
  camel,
  evaluate,
  parseExpr,
} from '@gd/conformance';
import type { Tensor } from '@gd/autograd';
import * as optim from '../../src/index.js';

export interface OptimCase {
  id: string;
  optimizer: string;
  kwargs: Record<string, unknown>;
  call: string;
  steps: number;
  lr: number[];
  loss: number[];
  grad_w: number[][];
  grad_b: number[];
  w: number[][];
  b: number[];
  lr_final: number;
  float64_max_abs_deviation: number;
  tol: Tolerance;
  lr_tol: Tolerance;
  scheduler?: string;
  scheduler_kwargs?: Record<string, unknown>;
  scheduler_call?: string;
  momentum?: number[];
}

export interface OptimProblem {
  seed: number;
  true_w: number[];
  true_b: number;
  X: RefTensor;
  y: RefTensor;
  w0: number[];
  b0: number[];
  loss: string;
}

/** Every field a case may have; any other fails the case. */
export const KNOWN_FIELDS = new Set([
  'id',
  'optimizer',
  'kwargs',
  'call',
  'steps',
  'lr',
  'loss',
  'grad_w',
  'grad_b',
  'w',
  'b',
  'lr_final',
  'float64_max_abs_deviation',
  'tol',
  'lr_tol',
  'scheduler',
  'scheduler_kwargs',
  'scheduler_call',
  'momentum',
]);

/** PyTorch's option names as gd's: `weight_decay` → `weightDecay`, `T_max` → `tMax`. */
function camelKeys(kwargs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camel(k.charAt(0).toLowerCase() + k.slice(1)), v]));
}

/** The optimizer of a case (its options are checked by the constructor: unknown ones throw). */
export function makeOptimizer(c: OptimCase, params: Tensor[]): optim.Optimizer {
  const o = camelKeys(c.kwargs);
  switch (c.optimizer) {
    case 'SGD':
      return new optim.SGD(params, o);
    case 'Adam':
      return new optim.Adam(params, o);
    case 'AdamW':
      return new optim.AdamW(params, o);
    case 'RMSprop':
      return new optim.RMSprop(params, o);
    case 'Adagrad':
      return new optim.Adagrad(params, o);
    case 'Adadelta':
      return new optim.Adadelta(params, o);
    default:
      throw new Error(`${c.id}: unknown optimizer ${c.optimizer}`);
  }
}

/** A scheduler, stepped with or without the step's loss. */
export interface CaseScheduler {
  step(loss: number): void;
}

/**
 * The scheduler of a case, or null. ReduceLROnPlateau steps on the step's loss; SequentialLR's
 * `schedulers` are `{ scheduler, scheduler_kwargs }` objects; LambdaLR's `lr_lambda` is a Python
 * `lambda epoch: <arithmetic>` string.
 */
export function makeScheduler(c: OptimCase, opt: optim.Optimizer): CaseScheduler | null {
  if (c.scheduler === undefined) {
    if (c.scheduler_kwargs !== undefined) throw new Error(`${c.id}: scheduler_kwargs without a scheduler`);
    return null;
  }
  const s = build(c.id, c.scheduler, c.scheduler_kwargs ?? {}, opt);
  if (s instanceof optim.ReduceLROnPlateau) return { step: (loss) => s.step(loss) };
  return { step: () => s.step() };
}

function build(id: string, name: string, kwargs: Record<string, unknown>, opt: optim.Optimizer): optim.LRScheduler | optim.ReduceLROnPlateau {
  const o = camelKeys(kwargs) as never; // JSON options: the constructors check them at run time
  switch (name) {
    case 'StepLR':
      return new optim.StepLR(opt, o);
    case 'MultiStepLR':
      return new optim.MultiStepLR(opt, o);
    case 'ExponentialLR':
      return new optim.ExponentialLR(opt, o);
    case 'CosineAnnealingLR':
      return new optim.CosineAnnealingLR(opt, o);
    case 'LinearLR':
      return new optim.LinearLR(opt, o);
    case 'ConstantLR':
      return new optim.ConstantLR(opt, o);
    case 'OneCycleLR':
      return new optim.OneCycleLR(opt, o);
    case 'ReduceLROnPlateau':
      return new optim.ReduceLROnPlateau(opt, o);
    case 'LambdaLR': {
      const { lrLambda, ...rest } = camelKeys(kwargs);
      const fns = Array.isArray(lrLambda) ? lrLambda.map((f) => pythonLambda(id, f)) : pythonLambda(id, lrLambda);
      return new optim.LambdaLR(opt, { lrLambda: fns, ...(rest as Record<string, never>) });
    }
    case 'SequentialLR': {
      const { schedulers, ...rest } = camelKeys(kwargs);
      if (!Array.isArray(schedulers)) throw new Error(`${id}: SequentialLR needs a list of schedulers`);
      const inner = schedulers.map((spec: unknown) => {
        const { scheduler, scheduler_kwargs: sk, ...extra } = spec as Record<string, unknown>;
        if (typeof scheduler !== 'string' || Object.keys(extra).length > 0) {
          throw new Error(`${id}: a SequentialLR scheduler must be { scheduler, scheduler_kwargs }, got ${JSON.stringify(spec)}`);
        }
        const built = build(id, scheduler, (sk ?? {}) as Record<string, unknown>, opt);
        if (!(built instanceof optim.LRScheduler)) throw new Error(`${id}: SequentialLR cannot run ${scheduler}`);
        return built;
      });
      return new optim.SequentialLR(opt, { schedulers: inner, ...(rest as { milestones: number[] }) });
    }
    default:
      throw new Error(`${id}: unknown scheduler ${name}`);
  }
}

/** What an lr_lambda may use besides its argument: numbers, Python's operators, builtins and `math`. */
const lambdaBackend: Backend = { globals: { ...PYTHON_BUILTINS, math: PYTHON_MATH }, operators: {} };

/**
 * A Python `lambda e: <expression of e>` as a function, evaluated by @gd/conformance (numbers,
 * + - * / // % **, min, max, math.*); anything else throws when the scheduler calls it.
 */
function pythonLambda(id: string, src: unknown): optim.LrLambda {
  if (typeof src !== 'string') throw new Error(`${id}: lr_lambda must be a Python lambda string, got ${JSON.stringify(src)}`);
  const m = /^\s*lambda\s+([A-Za-z_]\w*)\s*:(.*)$/s.exec(src);
  if (!m) throw new Error(`${id}: cannot read lr_lambda ${src}`);
  const arg = m[1]!;
  const body = parseExpr(m[2]!);
  return (epoch) => {
    const v = evaluate(body, { [arg]: epoch }, lambdaBackend);
    if (typeof v !== 'number') throw new Error(`${id}: lr_lambda ${src} gave ${String(v)}, not a number`);
    return v;
  };
}

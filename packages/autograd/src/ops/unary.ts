/**
 * Elementwise functions of one tensor, forward and backward side by side. Each backward follows
 * PyTorch's `derivatives.yaml` formula in the same operation order (so float32 gradients round the
 * same way), e.g. sqrt's is `grad / (2 * result)` and sigmoid's `grad * (1 - y) * y`.
 */
import * as nd from '@gd/tensor';
import type { NDArray } from '@gd/tensor';
import { apply1 } from '../apply.js';
import { type TensorLike, toTensor } from '../operand.js';
import type { Rule } from '../rule.js';
import { Tensor } from '../tensor.js';
import { SAVES_INPUT, SAVES_OUTPUT } from './saves.js';

/** The differentiable one-tensor elementwise operations. */
export type UnaryOp =
  | 'neg'
  | 'exp'
  | 'log'
  | 'log1p'
  | 'sqrt'
  | 'rsqrt'
  | 'sin'
  | 'cos'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'abs'
  | 'sign'
  | 'floor'
  | 'ceil'
  | 'round'
  | 'clamp';

/** Bounds of {@link clamp}; a missing bound does not clamp. */
export interface ClampArgs {
  readonly min: number | null;
  readonly max: number | null;
}

type UnaryRule<A = undefined> = Rule<A, readonly [NDArray]>;

/** Piecewise-constant functions have a zero derivative wherever it exists. */
function zeroRule(name: string, forward: (x: NDArray) => NDArray): UnaryRule {
  return { name, forward: ([x]) => forward(x), backward: (_, g) => [new Tensor(nd.zerosLike(g.data))] };
}

export const unaryRules: { [K in Exclude<UnaryOp, 'clamp'>]: UnaryRule } & { clamp: UnaryRule<ClampArgs> } = {
  neg: {
    name: 'NegBackward0',
    forward: ([x]) => nd.neg(x),
    backward: (_, g) => [g.neg()],
  },
  exp: {
    // d exp(x) = exp(x) dx
    name: 'ExpBackward0',
    saves: SAVES_OUTPUT,
    forward: ([x]) => nd.exp(x),
    backward: (c, g) => [g.mul(c.output())],
  },
  log: {
    // d log(x) = dx / x
    name: 'LogBackward0',
    saves: SAVES_INPUT,
    forward: ([x]) => nd.log(x),
    backward: (c, g) => [g.div(c.input(0))],
  },
  log1p: {
    // d log(1 + x) = dx / (x + 1)
    name: 'Log1PBackward0',
    saves: SAVES_INPUT,
    forward: ([x]) => nd.log1p(x),
    backward: (c, g) => [g.div((c.input(0) as Tensor).add(1))],
  },
  sqrt: {
    // d sqrt(x) = dx / (2 sqrt(x))
    name: 'SqrtBackward0',
    saves: SAVES_OUTPUT,
    forward: ([x]) => nd.sqrt(x),
    backward: (c, g) => [g.div(c.output().mul(2))],
  },
  rsqrt: {
    // d x^(-1/2) = -1/2 x^(-3/2) dx = -0.5 * rsqrt(x)^3 dx
    name: 'RsqrtBackward0',
    saves: SAVES_OUTPUT,
    forward: ([x]) => nd.rsqrt(x),
    backward: (c, g) => [g.mul(-0.5).mul(c.output().pow(3))],
  },
  sin: {
    name: 'SinBackward0',
    saves: SAVES_INPUT,
    forward: ([x]) => nd.sin(x),
    backward: (c, g) => [g.mul((c.input(0) as Tensor).cos())],
  },
  cos: {
    name: 'CosBackward0',
    saves: SAVES_INPUT,
    forward: ([x]) => nd.cos(x),
    backward: (c, g) => [g.mul((c.input(0) as Tensor).sin().neg())],
  },
  tanh: {
    // d tanh(x) = (1 - tanh(x)^2) dx
    name: 'TanhBackward0',
    saves: SAVES_OUTPUT,
    forward: ([x]) => nd.tanh(x),
    backward: (c, g) => {
      const y = c.output();
      return [g.mul(y.mul(y).rsub(1))];
    },
  },
  sigmoid: {
    // d sigmoid(x) = (1 - y) y dx
    name: 'SigmoidBackward0',
    saves: SAVES_OUTPUT,
    forward: ([x]) => nd.sigmoid(x),
    backward: (c, g) => {
      const y = c.output();
      return [g.mul(y.rsub(1)).mul(y)];
    },
  },
  relu: {
    // relu'(x) = 1 where the result is positive, else 0 (so relu'(0) = 0, as PyTorch)
    name: 'ReluBackward0',
    saves: SAVES_OUTPUT,
    forward: ([x]) => nd.relu(x),
    backward: (c, g) => [g.where(nd.gt(c.output().data, 0), 0)],
  },
  abs: {
    // abs'(x) = sign(x), so abs'(0) = 0
    name: 'AbsBackward0',
    saves: SAVES_INPUT,
    forward: ([x]) => nd.abs(x),
    backward: (c, g) => [g.mul((c.input(0) as Tensor).sign())],
  },
  sign: zeroRule('SignBackward0', nd.sign),
  floor: zeroRule('FloorBackward0', nd.floor),
  ceil: zeroRule('CeilBackward0', nd.ceil),
  round: zeroRule('RoundBackward0', nd.round),
  clamp: {
    // the gradient passes where min <= x <= max (bounds included), as PyTorch's clamp_backward
    name: 'ClampBackward1',
    saves: SAVES_INPUT,
    forward: ([x], { min, max }) => nd.clamp(x, min, max),
    backward: (c, g) => {
      const x = (c.input(0) as Tensor).data;
      const { min, max } = c.args;
      let inside: NDArray | null = null;
      if (min !== null) inside = nd.ge(x, min);
      if (max !== null) inside = inside === null ? nd.le(x, max) : nd.logicalAnd(inside, nd.le(x, max));
      return [inside === null ? g : g.where(inside, 0)];
    },
  },
};

/** `-x`. */
export function neg(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.neg, x, undefined);
}
/** `e^x`. */
export function exp(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.exp, x, undefined);
}
/** Natural logarithm. */
export function log(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.log, x, undefined);
}
/** `log(1 + x)`, accurate for small `x`. */
export function log1p(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.log1p, x, undefined);
}
/** Square root. */
export function sqrt(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.sqrt, x, undefined);
}
/** `1 / sqrt(x)`. */
export function rsqrt(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.rsqrt, x, undefined);
}
/** Sine. */
export function sin(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.sin, x, undefined);
}
/** Cosine. */
export function cos(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.cos, x, undefined);
}
/** Hyperbolic tangent. */
export function tanh(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.tanh, x, undefined);
}
/** The logistic function `1 / (1 + e^-x)`. */
export function sigmoid(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.sigmoid, x, undefined);
}
/** `max(x, 0)`; its gradient at 0 is 0. */
export function relu(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.relu, x, undefined);
}
/** `|x|`; its gradient at 0 is 0. */
export function abs(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.abs, x, undefined);
}
/** -1, 0 or 1 (gradient 0). */
export function sign(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.sign, x, undefined);
}
/** Rounds down (gradient 0). */
export function floor(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.floor, x, undefined);
}
/** Rounds up (gradient 0). */
export function ceil(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.ceil, x, undefined);
}
/** Rounds half to even (gradient 0). */
export function round(input: TensorLike): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.round, x, undefined);
}
/**
 * Clamps into `[min, max]` (either may be omitted); the gradient passes where the input lies
 * within the bounds, bounds included.
 * @example
 * clamp(x, 0)        // like relu, but clamp'(0) = 1
 * clamp(x, -1, 1)
 */
export function clamp(input: TensorLike, min?: number | null, max?: number | null): Tensor {
  const x = toTensor(input);
  return apply1(unaryRules.clamp, x, { min: min ?? null, max: max ?? null });
}

/**
 * Elementwise functions of two operands (tensors or JS numbers), forward and backward side by side,
 * plus `where`. A rule returns each gradient at the output's (broadcast) shape; the engine sums it
 * back to its operand's shape (sum-to-shape.ts). Formulas and operation order follow PyTorch's
 * `derivatives.yaml`, e.g. `div`'s divisor gradient is `-grad * ((a / b) / b)`.
 */
import * as nd from '@gd/tensor';
import type { NDArray } from '@gd/tensor';
import { apply } from '../apply.js';
import { type TensorLike, toOperand, toTensor } from '../operand.js';
import type { Operand, Raw, Rule } from '../rule.js';
import { Tensor } from '../tensor.js';
import { SAVES_BOTH, SAVES_INPUT } from './saves.js';

/** The differentiable operations of two operands (and `where`, of three). */
export type BinaryOp =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'remainder'
  | 'pow'
  | 'powScalar'
  | 'rpow'
  | 'maximum'
  | 'minimum'
  | 'where';

/** `alpha` of {@link add} and {@link sub}: `a ± alpha * b`. */
export interface AlphaArgs {
  readonly alpha: number;
}

type BinaryRule<A = undefined> = Rule<A, readonly [Raw, Raw]>;

/** `x * s` without recording a node when `s` is 1. */
function scaled(g: Tensor, s: number): Tensor {
  return s === 1 ? g : g.mul(s);
}

export const binaryRules: {
  add: BinaryRule<AlphaArgs>;
  sub: BinaryRule<AlphaArgs>;
  mul: BinaryRule;
  div: BinaryRule;
  remainder: BinaryRule;
  pow: BinaryRule;
  powScalar: Rule<number, readonly [NDArray]>;
  rpow: Rule<number, readonly [NDArray]>;
  maximum: BinaryRule;
  minimum: BinaryRule;
  where: Rule<undefined, readonly [NDArray, Raw, Raw]>;
} = {
  add: {
    name: 'AddBackward0',
    forward: ([a, b], { alpha }) => (alpha === 1 ? nd.add(a, b) : nd.add(a, b, { alpha })),
    backward: (c, g) => [c.needsGrad(0) ? g : null, c.needsGrad(1) ? scaled(g, c.args.alpha) : null],
  },
  sub: {
    name: 'SubBackward0',
    forward: ([a, b], { alpha }) => (alpha === 1 ? nd.sub(a, b) : nd.sub(a, b, { alpha })),
    backward: (c, g) => [c.needsGrad(0) ? g : null, c.needsGrad(1) ? scaled(g.neg(), c.args.alpha) : null],
  },
  mul: {
    // d(ab) = b da + a db
    name: 'MulBackward0',
    saves: SAVES_BOTH,
    forward: ([a, b]) => nd.mul(a, b),
    backward: (c, g) => [c.needsGrad(0) ? g.mul(c.input(1)) : null, c.needsGrad(1) ? g.mul(c.input(0)) : null],
  },
  div: {
    // d(a/b) = da / b - (a / b) / b db
    name: 'DivBackward0',
    saves: SAVES_BOTH,
    forward: ([a, b]) => nd.div(a, b),
    backward: (c, g) => {
      const b = c.input(1);
      const ga = c.needsGrad(0) ? g.div(b) : null;
      const gb = c.needsGrad(1) ? g.neg().mul(div(div(c.input(0), b), b)) : null;
      return [ga, gb];
    },
  },
  remainder: {
    // a - floor(a / b) * b: d/da = 1, d/db = -floor(a / b)
    name: 'RemainderBackward0',
    saves: SAVES_BOTH,
    forward: ([a, b]) => nd.remainder(a, b),
    backward: (c, g) => {
      let gb: Tensor | null = null;
      if (c.needsGrad(1)) {
        const a = c.input(0);
        const b = c.input(1);
        const q = nd.div(typeof a === 'number' ? a : a.data, typeof b === 'number' ? b : b.data, { roundingMode: 'floor' });
        gb = g.neg().mul(new Tensor(q));
      }
      return [c.needsGrad(0) ? g : null, gb];
    },
  },
  pow: {
    // a^b: d/da = b a^(b-1) (0 where b = 0), d/db = a^b log(a) (0 where a = 0 and b >= 0)
    name: 'PowBackward1',
    saves: { inputs: [0, 1], output: true },
    forward: ([a, b]) => nd.pow(a, b),
    backward: (c, g) => {
      const a = c.input(0) as Tensor;
      const b = c.input(1) as Tensor;
      let ga: Tensor | null = null;
      let gb: Tensor | null = null;
      if (c.needsGrad(0)) ga = g.mul(b.mul(a.pow(b.sub(1)))).where(nd.ne(b.data, 0), 0);
      if (c.needsGrad(1)) {
        const zeroBase = nd.logicalAnd(nd.eq(a.data, 0), nd.ge(b.data, 0));
        gb = g.mul(c.output().mul(a.log()).where(nd.logicalNot(zeroBase), 0));
      }
      return [ga, gb];
    },
  },
  powScalar: {
    // d x^p = p x^(p-1) dx; PyTorch computes grad * (p * x.pow(p - 1)), and x.pow(1) is x itself
    name: 'PowBackward0',
    saves: SAVES_INPUT,
    forward: ([x], p) => nd.pow(x, p),
    backward: (c, g) => {
      const p = c.args;
      if (p === 0) return [new Tensor(nd.zerosLike(g.data))];
      const x = c.input(0) as Tensor;
      return [g.mul((p === 2 ? x : x.pow(p - 1)).mul(p))];
    },
  },
  rpow: {
    // d s^x = s^x log(s) dx (0 where s = 0 and x >= 0)
    name: 'PowBackward2',
    saves: { inputs: [0], output: true },
    forward: ([x], base) => nd.pow(base, x),
    backward: (c, g) => {
      const base = c.args;
      const y = c.output();
      const d = y.mul(Math.log(base));
      if (base !== 0) return [g.mul(d)];
      return [g.mul(d.where(nd.lt((c.input(0) as Tensor).data, 0), 0))];
    },
  },
  maximum: {
    // the larger operand gets the gradient; ties split it evenly
    name: 'MaximumBackward0',
    saves: SAVES_BOTH,
    forward: ([a, b]) => nd.maximum(a, b),
    backward: (c, g) => selectBackward(c.input(0), c.input(1), g, c.needsGrad(0), c.needsGrad(1), nd.gt),
  },
  minimum: {
    name: 'MinimumBackward0',
    saves: SAVES_BOTH,
    forward: ([a, b]) => nd.minimum(a, b),
    backward: (c, g) => selectBackward(c.input(0), c.input(1), g, c.needsGrad(0), c.needsGrad(1), nd.lt),
  },
  where: {
    name: 'WhereBackward0',
    saves: { inputs: [0] },
    forward: ([cond, a, b]) => nd.where(cond, a, b),
    backward: (c, g) => {
      const cond = (c.input(0) as Tensor).data;
      return [null, c.needsGrad(1) ? g.where(cond, 0) : null, c.needsGrad(2) ? g.where(nd.logicalNot(cond), 0) : null];
    },
  },
};

/**
 * Gradient of maximum/minimum (PyTorch: `where(a == b, grad / 2, grad)` masked to the winning side).
 * `wins(a, b)` is true where `a` is selected strictly.
 */
function selectBackward(
  a: Operand,
  b: Operand,
  g: Tensor,
  needA: boolean,
  needB: boolean,
  wins: (x: NDArray | number, y: NDArray | number) => NDArray,
): (Tensor | null)[] {
  const ra = typeof a === 'number' ? a : a.data;
  const rb = typeof b === 'number' ? b : b.data;
  const shared = g.where(nd.ne(ra, rb), g.div(2));
  return [needA ? shared.where(nd.logicalNot(wins(rb, ra)), 0) : null, needB ? shared.where(nd.logicalNot(wins(ra, rb)), 0) : null];
}

/** Which rule a scalar operand picks, and the checks PyTorch makes on operands. */
function binary(rule: Rule<undefined, readonly [Raw, Raw]>, a: TensorLike, b: TensorLike): Tensor {
  return apply(rule, [toOperand(a), toOperand(b)], undefined);
}

/**
 * `a + alpha * b`, broadcasting; either operand may be a number or array-like constant.
 * @example
 * add(x, 1)
 * add(x, y, { alpha: -0.5 }) // x - 0.5 y
 */
export function add(a: TensorLike, b: TensorLike, { alpha = 1 }: { alpha?: number } = {}): Tensor {
  return apply(binaryRules.add, [toOperand(a), toOperand(b)], { alpha });
}

/** `a - alpha * b`, broadcasting. `sub(1.5, x)` is PyTorch's `1.5 - x`. */
export function sub(a: TensorLike, b: TensorLike, { alpha = 1 }: { alpha?: number } = {}): Tensor {
  return apply(binaryRules.sub, [toOperand(a), toOperand(b)], { alpha });
}

/** `other - x` (PyTorch's `torch.rsub`). */
export function rsub(x: TensorLike, other: TensorLike): Tensor {
  return sub(other, x);
}

/** `a * b`, broadcasting. */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  return binary(binaryRules.mul, a, b);
}

/** `a / b` (true division), broadcasting. */
export function div(a: TensorLike, b: TensorLike): Tensor {
  return binary(binaryRules.div, a, b);
}

/** Python's `%`: the remainder with the sign of the divisor. */
export function remainder(a: TensorLike, b: TensorLike): Tensor {
  return binary(binaryRules.remainder, a, b);
}

/**
 * `a ** b`, broadcasting. A number exponent uses PyTorch's special cases (2 is `x*x`, 0.5 is sqrt,
 * ...) and its `PowBackward0`; a number base gives `PowBackward2`.
 * @example
 * pow(x, 2)   // x ** 2
 * pow(2, x)   // 2 ** x
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  if (typeof b === 'number' && typeof a !== 'number') return apply(binaryRules.powScalar, [toTensor(a)], b);
  if (typeof a === 'number' && typeof b !== 'number') return apply(binaryRules.rpow, [toTensor(b)], a);
  return binary(binaryRules.pow, a, b);
}

/** Elementwise maximum; where both are equal each gets half the gradient. */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  return binary(binaryRules.maximum, a, b);
}

/** Elementwise minimum; where both are equal each gets half the gradient. */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  return binary(binaryRules.minimum, a, b);
}

/**
 * `a` where `condition` is true, else `b`, broadcasting all three.
 * @example
 * where(x.gt(0), x, 0) // relu
 */
export function where(condition: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  return apply(binaryRules.where, [toTensor(condition), toOperand(a), toOperand(b)], undefined);
}

/**
 * Reductions (sum, mean, prod, max, min, logsumexp, var, std, norm), forward and backward side by
 * side. A reduction's gradient is spread back over the reduced dims: `unexpand` turns the gradient
 * of the result into a broadcastable tensor of the input's rank (re-inserting the dims that
 * `keepdim = false` dropped), and each rule combines it with what it saved.
 */
import * as nd from '@gd/tensor';
import { type NDArray, IndexError } from '@gd/tensor';
import { apply1 } from '../apply.js';
import { type TensorLike, toTensor } from '../operand.js';
import type { Rule } from '../rule.js';
import { Tensor } from '../tensor.js';
import { where } from './binary.js';
import { positionsOf, putAdd } from './indexing.js';
import { SAVES_INPUT, SAVES_INPUT_OUTPUT } from './saves.js';

/** The differentiable reductions. */
export type ReduceOp =
  | 'sum'
  | 'mean'
  | 'prod'
  | 'cumsum'
  | 'amax'
  | 'amin'
  | 'maxDim'
  | 'minDim'
  | 'logsumexp'
  | 'var'
  | 'std'
  | 'norm';

/** Which dims a reduction reduces, and whether it keeps them as size 1. */
export interface ReduceArgs {
  readonly dim: number | readonly number[] | undefined;
  readonly keepdim: boolean;
}

/** {@link ReduceArgs} of var and std, with PyTorch's `correction` (1: unbiased, 0: biased). */
export interface VarArgs extends ReduceArgs {
  readonly correction: number;
}

/** {@link ReduceArgs} of norm with its order `p`. */
export interface NormArgs extends ReduceArgs {
  readonly p: number;
}

/** {@link ReduceArgs} of max/min over one dim, with the forward's result (values and indices). */
interface SelectDimArgs {
  readonly dim: number;
  readonly keepdim: boolean;
  readonly result: { readonly values: NDArray; readonly indices: NDArray };
}

/** The reduced dims, normalised and sorted (all dims when `dim` is undefined). */
function reducedDims(op: string, dim: number | readonly number[] | undefined, ndim: number): number[] {
  if (dim === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof dim === 'number' ? [dim] : Array.from(dim);
  const n = Math.max(ndim, 1);
  const out = list.map((d) => {
    if (!Number.isInteger(d) || d < -n || d >= n) {
      throw new IndexError(`${op}: dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${d})`);
    }
    return ((d % n) + n) % n;
  });
  return out.sort((a, b) => a - b);
}

/**
 * The gradient `g` of a reduction's result, reshaped to the input's rank (reduced dims of size 1)
 * so it broadcasts against the input. A full reduction's 0-dim gradient broadcasts as it is.
 */
function unexpand(g: Tensor, inputShape: readonly number[], args: ReduceArgs): Tensor {
  if (args.keepdim || g.ndim === 0) return g;
  const dims = reducedDims('backward', args.dim, inputShape.length);
  const shape = inputShape.slice();
  for (const d of dims) shape[d] = 1;
  return g.reshape(shape);
}

/** How many elements each output element of a reduction summarises. */
function reducedCount(inputShape: readonly number[], dim: ReduceArgs['dim']): number {
  let n = 1;
  if (dim === undefined) {
    for (let d = 0; d < inputShape.length; d++) n *= inputShape[d]!;
    return n;
  }
  for (const d of reducedDims('mean', dim, inputShape.length)) n *= inputShape[d] ?? 1;
  return n;
}

/** Number of true elements of a bool array. */
function countTrue(mask: NDArray): number {
  const values = nd.toTypedArray(mask);
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) n++;
  return n;
}

/**
 * The product of all other elements along the reduced dims, for prod's gradient when the input
 * has zeros (where `result / x` is undefined): row i of an n×n matrix holds the slice with its
 * i-th element replaced by 1, and its product is the product of the others.
 */
function productOfOthers(x: Tensor, args: ReduceArgs): Tensor {
  if (args.dim === undefined) {
    return productOfOthers(x.reshape([-1]), { dim: 0, keepdim: false }).reshape(x.shape);
  }
  const d = reducedDims('prod', args.dim, x.ndim)[0]!;
  const last = x.transpose(d, -1);
  const n = last.shape[last.ndim - 1]!;
  const eye = nd.to(nd.eye(n), 'bool');
  const rows = last.unsqueeze(-2).expand([...last.shape.slice(0, -1), n, n]);
  return where(eye, 1, rows).prod(-1).transpose(d, -1);
}

/** The gradient of max/min over everything: split evenly between the elements equal to the result. */
function evenlyDistribute(x: Tensor, y: Tensor, g: Tensor): Tensor {
  const yv = y.item();
  const mask = Number.isNaN(yv) ? nd.isnan(x.data) : nd.eq(x.data, yv);
  return where(mask, g.div(countTrue(mask)), 0);
}

/** The gradient of max/min over one dim: all of it to the selected index. */
function toSelectedIndex(g: Tensor, inputShape: readonly number[], args: SelectDimArgs): Tensor {
  const { dim, keepdim, result } = args;
  const indices = keepdim ? result.indices : nd.unsqueeze(result.indices, dim);
  const positions = nd.gather(positionsOf(inputShape), dim, indices);
  return putAdd(keepdim ? g : g.unsqueeze(dim), positions, inputShape);
}

type ReduceRule<A> = Rule<A, readonly [NDArray]>;

export const reduceRules: {
  sum: ReduceRule<ReduceArgs>;
  mean: ReduceRule<ReduceArgs>;
  prod: ReduceRule<ReduceArgs>;
  cumsum: ReduceRule<number>;
  amax: ReduceRule<undefined>;
  amin: ReduceRule<undefined>;
  maxDim: ReduceRule<SelectDimArgs>;
  minDim: ReduceRule<SelectDimArgs>;
  logsumexp: ReduceRule<ReduceArgs>;
  var: ReduceRule<VarArgs>;
  std: ReduceRule<VarArgs>;
  norm: ReduceRule<NormArgs>;
} = {
  sum: {
    name: 'SumBackward0',
    forward: ([x], { dim, keepdim }) => nd.sum(x, dim, keepdim),
    backward: (c, g) => [unexpand(g, c.inputShape(0), c.args).expand(c.inputShape(0))],
  },
  mean: {
    // PyTorch: grad.expand(sizes) / numel; dividing before expanding gives the same float32 values
    name: 'MeanBackward0',
    forward: ([x], { dim, keepdim }) => nd.mean(x, dim, keepdim),
    backward: (c, g) => {
      const shape = c.inputShape(0);
      return [unexpand(g.div(reducedCount(shape, c.args.dim)), shape, c.args).expand(shape)];
    },
  },
  prod: {
    // d prod = prod / x_i, or the product of the other elements where x has zeros
    name: 'ProdBackward0',
    saves: SAVES_INPUT_OUTPUT,
    forward: ([x], { dim, keepdim }) => nd.prod(x, dim, keepdim),
    backward: (c, g) => {
      const x = c.input(0) as Tensor;
      const shape = c.inputShape(0);
      const gu = unexpand(g, shape, c.args);
      if (countTrue(nd.eq(x.data, 0)) === 0) return [gu.mul(unexpand(c.output(), shape, c.args)).div(x)];
      return [gu.mul(productOfOthers(x, c.args))];
    },
  },
  cumsum: {
    // each input feeds every later running sum: the gradient is the reversed running sum of g,
    // computed as PyTorch's cumsum_backward does (flip, cumsum, flip), which gives its rounding
    name: 'CumsumBackward0',
    forward: ([x], dim) => nd.cumsum(x, dim),
    backward: (c, g) => {
      const dim = c.args;
      if (g.numel() <= 1 || g.sizeOf(dim) === 1) return [g];
      return [g.flip(dim).cumsum(dim).flip(dim)];
    },
  },
  amax: {
    name: 'MaxBackward1',
    saves: SAVES_INPUT_OUTPUT,
    forward: ([x]) => nd.max(x),
    backward: (c, g) => [evenlyDistribute(c.input(0) as Tensor, c.output(), g)],
  },
  amin: {
    name: 'MinBackward1',
    saves: SAVES_INPUT_OUTPUT,
    forward: ([x]) => nd.min(x),
    backward: (c, g) => [evenlyDistribute(c.input(0) as Tensor, c.output(), g)],
  },
  maxDim: {
    // the forward ran in max(); the rule only records it (values and indices come from one pass)
    name: 'MaxBackward0',
    forward: (_, { result }) => result.values,
    backward: (c, g) => [toSelectedIndex(g, c.inputShape(0), c.args)],
  },
  minDim: {
    name: 'MinBackward0',
    forward: (_, { result }) => result.values,
    backward: (c, g) => [toSelectedIndex(g, c.inputShape(0), c.args)],
  },
  logsumexp: {
    // d logsumexp = exp(x - result) dx
    name: 'LogsumexpBackward0',
    saves: SAVES_INPUT_OUTPUT,
    forward: ([x], { dim, keepdim }) => nd.logsumexp(x, dim, keepdim),
    backward: (c, g) => {
      const shape = c.inputShape(0);
      const x = c.input(0) as Tensor;
      return [unexpand(g, shape, c.args).mul(x.sub(unexpand(c.output(), shape, c.args)).exp())];
    },
  },
  var: {
    // d var = 2 / (N - correction) * (x - mean) dx
    name: 'VarBackward0',
    saves: SAVES_INPUT,
    forward: ([x], { dim, keepdim, correction }) => nd.variance(x, dim, keepdim, { correction }),
    backward: (c, g) => [varBackward(unexpand(g, c.inputShape(0), c.args), c.input(0) as Tensor, c.args)],
  },
  std: {
    // d std = d var / (2 std), and 0 where std = 0
    name: 'StdBackward0',
    saves: SAVES_INPUT_OUTPUT,
    forward: ([x], { dim, keepdim, correction }) => nd.std(x, dim, keepdim, { correction }),
    backward: (c, g) => {
      const shape = c.inputShape(0);
      const y = unexpand(c.output(), shape, c.args);
      const gv = unexpand(g, shape, c.args).div(y.mul(2)).where(nd.ne(y.data, 0), 0);
      return [varBackward(gv, c.input(0) as Tensor, c.args)];
    },
  },
  norm: {
    name: 'NormBackward1',
    saves: SAVES_INPUT_OUTPUT,
    forward: ([x], { p, dim, keepdim }) => nd.norm(x, p, dim, keepdim),
    backward: (c, g) => {
      const shape = c.inputShape(0);
      const x = c.input(0) as Tensor;
      const gu = unexpand(g, shape, c.args);
      const y = unexpand(c.output(), shape, c.args);
      return [normBackward(gu, x, y, c.args.p, c.args)];
    },
  },
};

/** PyTorch's var_backward: `(2 / (N - correction)) * grad * (x - x.mean(dims, keepdim))`. */
function varBackward(g: Tensor, x: Tensor, args: VarArgs): Tensor {
  const dof = reducedCount(x.shape, args.dim) - args.correction;
  const centered = x.sub(x.mean(args.dim, true));
  return g.mul(2 / dof).mul(centered);
}

/** PyTorch's norm_backward for p = 0, 1, 2, inf and general p (0 where the norm is 0). */
function normBackward(g: Tensor, x: Tensor, y: Tensor, p: number, args: ReduceArgs): Tensor {
  if (p === 0) return new Tensor(nd.zerosLike(x.data));
  if (p === 1) return x.sign().mul(g);
  if (p === 2) return x.mul(g.div(y).where(nd.ne(y.data, 0), 0));
  if (p === Infinity || p === -Infinity) {
    const mask = nd.eq(nd.abs(x.data), y.data);
    const count = new Tensor(nd.sum(nd.to(mask, x.dtype), args.dim, true));
    return x.sign().mul(g.div(count).where(mask, 0));
  }
  const scale = g.div(y.pow(p - 1)).where(nd.ne(y.data, 0), 0);
  return x.mul(x.abs().pow(p - 2)).mul(scale);
}

/**
 * Sum over `dim` (all dims when omitted), keeping reduced dims as size 1 with `keepdim`. A full
 * float32 sum uses PyTorch's cascade order.
 */
export function sum(input: TensorLike, dim?: number | readonly number[], keepdim = false): Tensor {
  const x = toTensor(input);
  return apply1(reduceRules.sum, x, { dim, keepdim });
}
/** Mean over `dim` (all dims when omitted). */
export function mean(input: TensorLike, dim?: number | readonly number[], keepdim = false): Tensor {
  const x = toTensor(input);
  return apply1(reduceRules.mean, x, { dim, keepdim });
}
/** Product over one dim, or over everything. */
export function prod(input: TensorLike, dim?: number, keepdim = false): Tensor {
  const x = toTensor(input);
  return apply1(reduceRules.prod, x, { dim, keepdim });
}

/** Running sums along `dim`. */
export function cumsum(input: TensorLike, dim: number): Tensor {
  const x = toTensor(input);
  return apply1(reduceRules.cumsum, x, dim);
}

/** What `max(dim)` and `min(dim)` return. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

/**
 * The largest element, or with `dim` the largest along it with its index. Over everything, tied
 * maxima share the gradient evenly; along a dim it goes to the returned index only (PyTorch).
 */
export function max(input: TensorLike): Tensor;
export function max(input: TensorLike, dim: number, keepdim?: boolean): ValuesIndices;
export function max(input: TensorLike, dim?: number, keepdim = false): Tensor | ValuesIndices {
  const x = toTensor(input);
  if (dim === undefined) return apply1(reduceRules.amax, x, undefined);
  const result = nd.max(x.data, dim, keepdim);
  return { values: apply1(reduceRules.maxDim, x, { dim, keepdim, result }), indices: new Tensor(result.indices) };
}
/** The smallest element, or with `dim` the smallest along it with its index (see {@link max}). */
export function min(input: TensorLike): Tensor;
export function min(input: TensorLike, dim: number, keepdim?: boolean): ValuesIndices;
export function min(input: TensorLike, dim?: number, keepdim = false): Tensor | ValuesIndices {
  const x = toTensor(input);
  if (dim === undefined) return apply1(reduceRules.amin, x, undefined);
  const result = nd.min(x.data, dim, keepdim);
  return { values: apply1(reduceRules.minDim, x, { dim, keepdim, result }), indices: new Tensor(result.indices) };
}
/** Index of the largest element (flat, or along `dim`); not differentiable. */
export function argmax(input: TensorLike, dim?: number, keepdim = false): Tensor {
  const x = toTensor(input);
  return new Tensor(nd.argmax(x.data, dim, keepdim));
}
/** Index of the smallest element (flat, or along `dim`); not differentiable. */
export function argmin(input: TensorLike, dim?: number, keepdim = false): Tensor {
  const x = toTensor(input);
  return new Tensor(nd.argmin(x.data, dim, keepdim));
}
/** `log(sum(exp(x)))` over `dim`, computed stably. */
export function logsumexp(input: TensorLike, dim: number | readonly number[], keepdim = false): Tensor {
  const x = toTensor(input);
  return apply1(reduceRules.logsumexp, x, { dim, keepdim });
}

/** Bessel's correction of {@link variance} and {@link std}, as in @gd/tensor. */
export interface VarOptions {
  /** Subtracted from the count in the divisor: 1 (default) is unbiased, 0 biased. */
  correction?: number;
  /** PyTorch's older boolean form: `true` is correction 1, `false` correction 0. */
  unbiased?: boolean;
}

function correctionOf({ correction, unbiased }: VarOptions): number {
  if (correction !== undefined) return correction;
  return unbiased === false ? 0 : 1;
}

/** Variance over `dim` (all dims when omitted), divided by `n - correction` (default 1). */
export function variance(input: TensorLike, dim?: number | readonly number[], keepdim = false, options: VarOptions = {}): Tensor {
  const x = toTensor(input);
  return apply1(reduceRules.var, x, { dim, keepdim, correction: correctionOf(options) });
}
/** Standard deviation over `dim` (all dims when omitted), divided by `n - correction` (default 1). */
export function std(input: TensorLike, dim?: number | readonly number[], keepdim = false, options: VarOptions = {}): Tensor {
  const x = toTensor(input);
  return apply1(reduceRules.std, x, { dim, keepdim, correction: correctionOf(options) });
}
/** The `p`-norm (default 2) over `dim` (all dims when omitted). */
export function norm(input: TensorLike, p = 2, dim?: number | readonly number[], keepdim = false): Tensor {
  const x = toTensor(input);
  return apply1(reduceRules.norm, x, { p, dim, keepdim });
}

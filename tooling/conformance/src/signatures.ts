/**
 * The parameter lists of the `torch.*` functions and Tensor methods that the reference files call,
 * as the suites bind them. They describe PyTorch, not gd, so they are the same for every suite: a
 * suite picks the names its package maps ({@link pick}) and binds them to its own library
 * ({@link torchFunctions}, {@link creationFunctions}, {@link callTensorMethod}).
 */
import { type Call, type Params, bind, callMethod, camel, gdArguments, lookup, sizes } from './call.js';
import { UnsupportedError } from './unsupported.js';

/** Elementwise functions of one tensor (`torch.exp(x)`, `x.exp()`). */
export const UNARY_NAMES = ['neg', 'abs', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'sign', 'floor', 'ceil', 'round'] as const;

/** Reductions over `dim` (`torch.sum(x, dim, keepdim)`, `x.sum(dim, keepdim)`). */
export const REDUCTION_NAMES = ['sum', 'mean', 'prod', 'logsumexp', 'argmax', 'argmin', 'max', 'min'] as const;

/** Functions of two operands (`torch.mul(a, b)`, `a.mul(b)`). */
export const BINARY_NAMES = ['mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'matmul', 'mm', 'bmm', 'dot', 'outer'] as const;

const each = <T>(names: readonly string[], params: T): [string, T][] => names.map((n) => [n, params]);

/** `torch.<name>`'s parameters. */
export const TORCH_FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  ...Object.fromEntries(each(UNARY_NAMES, ['input'])),
  ...Object.fromEntries(each(REDUCTION_NAMES, ['input', 'dim', 'keepdim'])),
  ...Object.fromEntries(each(BINARY_NAMES, ['input', 'other'])),
  add: ['input', 'other', 'alpha'],
  sub: ['input', 'other', 'alpha'],
  clamp: ['input', 'min', 'max'],
  where: ['condition', 'input', 'other'],
  softmax: ['input', 'dim'],
  log_softmax: ['input', 'dim'],
  cat: ['tensors', 'dim'],
  stack: ['tensors', 'dim'],
  index_select: ['input', 'dim', 'index'],
  gather: ['input', 'dim', 'index'],
  manual_seed: ['seed'],
  arange: ['start', 'end', 'step'],
};

/** `Tensor.<name>`'s parameters after `self`. */
export const TENSOR_METHODS: Readonly<Record<string, Params>> = {
  ...Object.fromEntries(each(UNARY_NAMES, [])),
  ...Object.fromEntries(each(REDUCTION_NAMES, ['dim', 'keepdim'])),
  ...Object.fromEntries(each(BINARY_NAMES, ['other'])),
  add: ['other', 'alpha'],
  sub: ['other', 'alpha'],
  clamp: ['min', 'max'],
  view: 'sizes',
  reshape: 'sizes',
  permute: 'sizes',
  expand: 'sizes',
  transpose: ['dim0', 'dim1'],
  unsqueeze: ['dim'],
  squeeze: ['dim'],
  flatten: ['start_dim', 'end_dim'],
  select: ['dim', 'index'],
  narrow: ['dim', 'start', 'length'],
  index_select: ['dim', 'index'],
  gather: ['dim', 'index'],
  softmax: ['dim'],
  log_softmax: ['dim'],
  t: [],
  float: [],
  contiguous: [],
  clone: [],
  detach: [],
  item: [],
  tolist: [],
  size: ['dim'],
  requires_grad_: ['requires_grad'],
  backward: ['gradient', 'retain_graph', 'create_graph'],
};

/** The entries of `table` for `names`; a name the table lacks is a mistake in the suite and throws. */
export function pick<T>(table: Readonly<Record<string, T>>, names: readonly string[]): Record<string, T> {
  return Object.fromEntries(
    names.map((n) => {
      const entry = lookup(table, n);
      if (entry === undefined) throw new Error(`pick: no entry ${n}`);
      return [n, entry];
    }),
  );
}

/**
 * `torch.<name>` for each of `names` as `lib[camelName](...)`, the call bound to
 * {@link TORCH_FUNCTIONS}'s parameters and passed as `gdArguments` (trailing unset arguments
 * dropped). `positional` gives, per name, how many parameters gd takes in order when the rest are
 * its options object (`add: 2` → `gd.add(a, b, { alpha })`). A name that `lib` lacks throws here.
 *
 * @example
 * const fns = torchFunctions(gd, ['exp', 'add'], { add: 2 });
 * fns.add!({ args: [a, b], kwargs: { alpha: 2 } }); // gd.add(a, b, { alpha: 2 })
 */
export function torchFunctions(
  lib: object,
  names: readonly string[],
  positional: Readonly<Record<string, number>> = {},
): Record<string, (call: Call) => unknown> {
  const params = pick(TORCH_FUNCTIONS, names);
  return Object.fromEntries(
    names.map((name) => {
      const fn = (lib as Record<string, unknown>)[camel(name)];
      if (typeof fn !== 'function') throw new Error(`torchFunctions: the library has no function ${camel(name)}`);
      const p = params[name]!;
      const call = (c: Call): unknown =>
        (fn as (...a: unknown[]) => unknown)(...gdArguments(p, bind(`torch.${name}`, p, c), positional[name]));
      return [name, call];
    }),
  );
}

type AnyFn = (...a: never[]) => unknown;

/**
 * `torch.randn(2, 3)`, `torch.rand((2, 3))` and `torch.arange(start, end, step)` for a library
 * with gd's creation functions (`randn(sizes)`, `arange(start, end?, step?)`). Keyword arguments
 * of randn and rand (`generator=`, `dtype=`) are not mapped.
 */
export function creationFunctions(lib: { randn: AnyFn; rand: AnyFn; arange: AnyFn }): Record<string, (call: Call) => unknown> {
  const random = (name: 'randn' | 'rand') => (c: Call) => {
    if (Object.keys(c.kwargs).length) throw new UnsupportedError(`${name}: keyword arguments are not mapped`);
    return (lib[name] as (s: number[]) => unknown)(sizes(c.args));
  };
  const arange = lib.arange as (start: number, end?: number, step?: number) => unknown;
  return {
    randn: random('randn'),
    rand: random('rand'),
    arange: (c) => {
      const [start, end, step] = bind('arange', ['start', 'end', 'step'], c);
      if (end === undefined) return arange(start as number);
      return arange(start as number, end as number, (step as number | undefined) ?? 1);
    },
  };
}

/** What {@link callTensorMethod} reads of a tensor for `size`. */
export interface Sized {
  readonly shape: readonly number[];
  sizeOf(dim: number): number;
}

/**
 * `x.<name>(...)` for a tensor `x` with the methods in `methods` (picked from
 * {@link TENSOR_METHODS}): `size` is PyTorch's (the shape as a list, or one dim's size), any other
 * name goes to `callMethod`, with `positional[name]` parameters in order and the rest as options.
 * A name `methods` lacks throws.
 */
export function callTensorMethod(
  obj: Sized,
  name: string,
  call: Call,
  methods: Readonly<Record<string, Params>>,
  positional: Readonly<Record<string, number>> = {},
): unknown {
  const params = lookup(methods, name);
  if (params === undefined) throw new UnsupportedError(`tensor method ${name} is not mapped`);
  if (name === 'size') {
    const [dim] = bind('size', ['dim'], call);
    return dim === undefined ? [...obj.shape] : obj.sizeOf(dim as number);
  }
  return callMethod(obj, name, params, call, lookup(positional, name));
}

/**
 * Evaluates the reference files' Python expressions (`a.sum(dim=1)`, `torch.cat([a, b])`,
 * `a[..., 1]`, `(w * x + b - y) ** 2`) with @gd/autograd Tensors, so the same expression gives both
 * the value and, through backward, the gradients. PyTorch names map to camelCase, keyword arguments
 * to positions. Anything not mapped throws, so an unsupported case fails instead of passing.
 * (Adapted from @gd/tensor's NDArray evaluator; test code of this package only.)
 */
import type { Expr } from '@gd/conformance';
import { parseExpr, parseStatements } from '@gd/conformance';
import * as ag from '../../src/index.js';
import { Tensor } from '../../src/index.js';

/** A case that needs @gd/nn (`F.*`). */
export class OutOfScopeError extends Error {
  override name = 'OutOfScopeError';
}

export class UnsupportedError extends Error {
  override name = 'UnsupportedError';
}

type Value = unknown;
export type Env = Record<string, Value>;

interface Call {
  args: Value[];
  kwargs: Record<string, Value>;
}

/** Maps positional and keyword arguments onto the parameter list `params`. */
function bind(what: string, params: readonly string[], { args, kwargs }: Call): Value[] {
  if (args.length > params.length) throw new UnsupportedError(`${what}: too many arguments`);
  const out: Value[] = [...args];
  for (const [k, v] of Object.entries(kwargs)) {
    const i = params.indexOf(k);
    if (i < 0) throw new UnsupportedError(`${what}: unknown keyword argument ${k}`);
    if (i < args.length) throw new UnsupportedError(`${what}: ${k} given twice`);
    out[i] = v;
  }
  return out;
}

/** Varargs sizes: `a.view(n, m)` and `a.view((n, m))` both mean [n, m]. */
function sizes(args: Value[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return args[0] as number[];
  return args as number[];
}

function asTensor(v: Value): Tensor {
  if (v instanceof Tensor) return v;
  throw new UnsupportedError(`expected a tensor, got ${String(v)}`);
}

type Fn = (c: Call) => Value;

const unaryNames = ['neg', 'abs', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'sign', 'floor', 'ceil', 'round'] as const;
const reductionNames = ['sum', 'mean', 'prod', 'logsumexp', 'argmax', 'argmin'] as const;
const binaryNames = ['mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'matmul', 'mm', 'bmm', 'dot', 'outer'] as const;

/** The methods a Tensor is called with, by their PyTorch name: parameter names, or varargs sizes. */
const methodParams: Record<string, readonly string[] | 'sizes'> = {
  sum: ['dim', 'keepdim'],
  mean: ['dim', 'keepdim'],
  prod: ['dim', 'keepdim'],
  max: ['dim', 'keepdim'],
  min: ['dim', 'keepdim'],
  argmax: ['dim', 'keepdim'],
  argmin: ['dim', 'keepdim'],
  logsumexp: ['dim', 'keepdim'],
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
  t: [],
  contiguous: [],
  clone: [],
  detach: [],
  softmax: ['dim'],
  log_softmax: ['dim'],
  clamp: ['min', 'max'],
  add: ['other', 'alpha'],
  sub: ['other', 'alpha'],
  ...Object.fromEntries([...unaryNames].map((n) => [n, []])),
  ...Object.fromEntries(binaryNames.map((n) => [n, ['other']])),
};

/** Calls a method of `obj` by its PyTorch name. */
function callMethod(obj: Tensor, name: string, call: Call): Value {
  if (name === 'size') {
    const [dim] = bind('size', ['dim'], call);
    return dim === undefined ? [...obj.shape] : obj.sizeOf(dim as number);
  }
  if (name === 'item') return obj.item();
  if (name === 'tolist') return obj.tolist();
  const params = methodParams[name];
  if (params === undefined) throw new UnsupportedError(`tensor method ${name} is not mapped`);
  if (params === 'sizes') {
    if (Object.keys(call.kwargs).length) throw new UnsupportedError(`${name}: keyword arguments`);
    return (obj as unknown as Record<string, (...a: Value[]) => Value>)[name]!(...sizes(call.args));
  }
  const args = bind(name, params, call);
  switch (name) {
    case 'add':
    case 'sub':
      return args[1] === undefined
        ? obj[name](args[0] as Tensor)
        : obj[name](args[0] as Tensor, { alpha: args[1] as number });
    case 'max':
    case 'min':
      if (args[0] === undefined) return obj[name]();
      return obj[name](args[0] as number, (args[1] as boolean | undefined) ?? false);
  }
  const camel = name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  const method = (obj as unknown as Record<string, unknown>)[camel];
  if (typeof method !== 'function') throw new UnsupportedError(`Tensor has no method ${camel}`);
  // trailing undefined arguments are dropped so that defaults apply
  while (args.length && args[args.length - 1] === undefined) args.pop();
  return (method as (...a: Value[]) => Value).apply(obj, args);
}

function unary(name: (typeof unaryNames)[number]): Fn {
  return (c) => {
    const [x] = bind(name, ['input'], c);
    return asTensor(x)[name]();
  };
}

/** `torch.<name>` functions. */
const torchFns: Record<string, Fn> = {
  ...Object.fromEntries(unaryNames.map((n) => [n, unary(n)])),
  ...Object.fromEntries(
    reductionNames.map((n) => [n, (c: Call) => callMethod(asTensor(c.args[0]), n, { args: c.args.slice(1), kwargs: c.kwargs })]),
  ),
  ...Object.fromEntries(
    binaryNames.map((n) => [
      n,
      (c: Call) => {
        const [a, b] = bind(n, ['input', 'other'], c);
        return (ag[n] as (x: Value, y: Value) => Tensor)(a, b);
      },
    ]),
  ),
  max: (c) => callMethod(asTensor(c.args[0]), 'max', { args: c.args.slice(1), kwargs: c.kwargs }),
  min: (c) => callMethod(asTensor(c.args[0]), 'min', { args: c.args.slice(1), kwargs: c.kwargs }),
  add: (c) => {
    const [a, b, alpha] = bind('add', ['input', 'other', 'alpha'], c);
    return ag.add(a as Tensor, b as Tensor, alpha === undefined ? {} : { alpha: alpha as number });
  },
  sub: (c) => {
    const [a, b, alpha] = bind('sub', ['input', 'other', 'alpha'], c);
    return ag.sub(a as Tensor, b as Tensor, alpha === undefined ? {} : { alpha: alpha as number });
  },
  clamp: (c) => {
    const [x, min, max] = bind('clamp', ['input', 'min', 'max'], c);
    return ag.clamp(asTensor(x), min as number | undefined, max as number | undefined);
  },
  where: (c) => {
    const [cond, a, b] = bind('where', ['condition', 'input', 'other'], c);
    return ag.where(asTensor(cond), a as Tensor, b as Tensor);
  },
  softmax: (c) => {
    const [x, dim] = bind('softmax', ['input', 'dim'], c);
    return ag.softmax(asTensor(x), dim as number);
  },
  log_softmax: (c) => {
    const [x, dim] = bind('log_softmax', ['input', 'dim'], c);
    return ag.logSoftmax(asTensor(x), dim as number);
  },
  cat: (c) => {
    const [xs, dim] = bind('cat', ['tensors', 'dim'], c);
    return ag.cat(xs as Tensor[], dim as number | undefined);
  },
  stack: (c) => {
    const [xs, dim] = bind('stack', ['tensors', 'dim'], c);
    return ag.stack(xs as Tensor[], dim as number | undefined);
  },
  index_select: (c) => {
    const [x, dim, index] = bind('index_select', ['input', 'dim', 'index'], c);
    return ag.indexSelect(asTensor(x), dim as number, asTensor(index));
  },
  gather: (c) => {
    const [x, dim, index] = bind('gather', ['input', 'dim', 'index'], c);
    return ag.gather(asTensor(x), dim as number, asTensor(index));
  },
  manual_seed: (c) => {
    const [seed] = bind('manual_seed', ['seed'], c);
    return ag.manualSeed(seed as number);
  },
  randn: (c) => {
    if (Object.keys(c.kwargs).length) throw new UnsupportedError('randn: keyword arguments are not mapped');
    return ag.randn(sizes(c.args));
  },
  rand: (c) => {
    if (Object.keys(c.kwargs).length) throw new UnsupportedError('rand: keyword arguments are not mapped');
    return ag.rand(sizes(c.args));
  },
  arange: (c) => {
    const [start, end, step] = bind('arange', ['start', 'end', 'step'], c);
    if (end === undefined) return ag.arange(start as number);
    return ag.arange(start as number, end as number, (step as number | undefined) ?? 1);
  },
};

/** Is this expression a Python int (so `torch.tensor([2, 0, 2])` is an integer tensor)? */
function isIntExpr(e: Expr, env: Env): boolean {
  switch (e.kind) {
    case 'num':
      return e.isInt;
    case 'name':
      return Number.isInteger(env[e.id]);
    case 'unary':
      return isIntExpr(e.operand, env);
    case 'binary':
      return e.op !== '/' && e.op !== '**' && isIntExpr(e.left, env) && isIntExpr(e.right, env);
    case 'list':
    case 'tuple':
      return e.items.every((x) => isIntExpr(x, env));
    default:
      return false;
  }
}

function binaryOp(op: string, a: Value, b: Value): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
      case '//':
        return Math.floor(a / b);
      case '**':
        return a ** b;
    }
  }
  const x = a as Tensor | number;
  const y = b as Tensor | number;
  switch (op) {
    case '+':
      return ag.add(x, y);
    case '-':
      return ag.sub(x, y);
    case '*':
      return ag.mul(x, y);
    case '/':
      return ag.div(x, y);
    case '**':
      return ag.pow(x, y);
    case '@':
      return ag.matmul(asTensor(a), asTensor(b));
    case '>':
      return ag.gt(x, y);
    case '<':
      return ag.lt(x, y);
    case '>=':
      return ag.ge(x, y);
    case '<=':
      return ag.le(x, y);
    case '==':
      return ag.eq(x, y);
    case '!=':
      return ag.ne(x, y);
  }
  throw new UnsupportedError(`operator ${op} is not mapped`);
}

const TORCH = Symbol('torch');
const FUNCTIONAL = Symbol('F');

export function evaluate(e: Expr, env: Env): Value {
  switch (e.kind) {
    case 'num':
    case 'str':
      return e.value;
    case 'const':
      return e.value === 'ellipsis' ? '...' : e.value;
    case 'name':
      if (e.id === 'torch') return TORCH;
      if (e.id === 'F') return FUNCTIONAL;
      if (!(e.id in env)) throw new UnsupportedError(`unknown name ${e.id}`);
      return env[e.id];
    case 'list':
    case 'tuple':
      return e.items.map((x) => evaluate(x, env));
    case 'unary': {
      const v = evaluate(e.operand, env);
      if (e.op === '+') return v;
      if (e.op === 'not') throw new UnsupportedError('not is not mapped');
      return typeof v === 'number' ? -v : asTensor(v).neg();
    }
    case 'binary':
      return binaryOp(e.op, evaluate(e.left, env), evaluate(e.right, env));
    case 'slice': {
      const part = (x: Expr | null) => (x === null ? undefined : (evaluate(x, env) as number));
      return ag.slice(part(e.start), part(e.stop), part(e.step));
    }
    case 'index': {
      const obj = asTensor(evaluate(e.obj, env));
      return obj.index(...(e.items.map((x) => evaluate(x, env)) as ag.TensorIndex[]));
    }
    case 'attr': {
      const obj = evaluate(e.obj, env);
      if (obj === TORCH || obj === FUNCTIONAL) throw new UnsupportedError(`${e.name} used without a call`);
      if (obj instanceof Tensor) {
        if (e.name === 'shape') return [...obj.shape];
        if (e.name === 'T') return obj.T;
        if (e.name === 'grad') return obj.grad;
        if (e.name === 'data') return new Tensor(obj.data);
      }
      if (obj !== null && typeof obj === 'object' && e.name in obj) return (obj as Record<string, Value>)[e.name];
      throw new UnsupportedError(`attribute ${e.name} is not mapped`);
    }
    case 'call': {
      const call: Call = {
        args: e.args.map((x) => evaluate(x, env)),
        kwargs: Object.fromEntries(Object.entries(e.kwargs).map(([k, v]) => [k, evaluate(v, env)])),
      };
      if (e.fn.kind === 'attr') {
        const owner = evaluate(e.fn.obj, env);
        const name = e.fn.name;
        if (owner === FUNCTIONAL) throw new OutOfScopeError(`F.${name} belongs to @gd/nn`);
        if (owner === TORCH) {
          if (name === 'tensor') {
            const [data, dtype, requiresGrad] = bind('tensor', ['data', 'dtype', 'requires_grad'], call);
            if (dtype !== undefined) throw new UnsupportedError('torch.tensor: dtype is not mapped');
            const int = isIntExpr(e.args[0]!, env);
            return ag.tensor(data as number[], { dtype: int ? 'int32' : undefined, requiresGrad: requiresGrad === true });
          }
          const fn = torchFns[name];
          if (!fn) throw new UnsupportedError(`torch.${name} is not mapped`);
          return fn(call);
        }
        if (owner instanceof Tensor) return callMethod(owner, name, call);
      }
      throw new UnsupportedError('only torch.*, F.* and tensor method calls are mapped');
    }
  }
}

/** Evaluates one reference expression with the inputs bound by name. */
export function evaluateExpr(src: string, env: Env): Value {
  return evaluate(parseExpr(src), env);
}

/** Does the expression call `F.*` (torch.nn.functional), which is @gd/nn's? */
export function usesFunctional(src: string): boolean {
  const uses = (e: unknown): boolean =>
    typeof e === 'object' &&
    e !== null &&
    (((e as { kind?: string }).kind === 'name' && (e as { id?: string }).id === 'F') || Object.values(e).some(uses));
  return uses(parseExpr(src));
}

/** Runs `;`-separated statements and returns the value of the last one. */
export function runStatements(src: string, env: Env): Value {
  let last: Value;
  for (const st of parseStatements(src)) {
    last = evaluate(st.value, env);
    if (st.kind === 'assign') env[st.target] = last;
  }
  return last;
}

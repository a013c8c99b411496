/**
 * Evaluates the Python expressions of the reference files (`a.sum(dim=1)`, `torch.cat([a, b])`,
 * `a[..., 1]`) with @gd/tensor: PyTorch names map to their camelCase counterparts, keyword arguments
 * to positions. Anything it does not know throws, so an unsupported case fails instead of passing.
 */
import type { Expr } from '@gd/conformance';
import { parseExpr, parseStatements } from '@gd/conformance';
import * as gd from '../../src/index.js';
import { NDArray } from '../../src/index.js';

/** A case that needs more than @gd/tensor (for example `F.cross_entropy`, which is @gd/nn's). */
export class OutOfScopeError extends Error {
  override name = 'OutOfScopeError';
}

export class UnsupportedError extends Error {
  override name = 'UnsupportedError';
}

type Value = unknown;
type Env = Record<string, Value>;

interface Call {
  args: Value[];
  kwargs: Record<string, Value>;
}

/** Maps a call's positional and keyword arguments onto the parameter list `params`. */
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

/** Varargs shapes: `a.view(n, m)` and `a.view((n, m))` both mean the shape [n, m]. */
function sizes(args: Value[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return args[0] as number[];
  return args as number[];
}

function asTensor(v: Value): NDArray {
  if (v instanceof NDArray) return v;
  throw new UnsupportedError(`expected a tensor, got ${String(v)}`);
}

type Fn = (c: Call) => Value;

const unaryNames = ['neg', 'abs', 'exp', 'log', 'log1p', 'sqrt', 'rsqrt', 'sin', 'cos', 'tanh', 'sigmoid', 'relu', 'sign', 'floor', 'ceil', 'round'] as const;

function unary(name: (typeof unaryNames)[number]): Fn {
  return (c) => {
    const [x] = bind(name, ['input'], c);
    return (gd[name])(asTensor(x));
  };
}

function reduction(name: 'sum' | 'mean' | 'prod' | 'logsumexp' | 'argmax' | 'argmin'): Fn {
  return (c) => {
    const [x, dim, keepdim] = bind(name, ['input', 'dim', 'keepdim'], c);
    return (gd[name] as (a: NDArray, d?: number | number[], k?: boolean) => NDArray)(
      asTensor(x),
      dim as number | number[] | undefined,
      keepdim as boolean | undefined,
    );
  };
}

function binaryFn(name: 'mul' | 'div' | 'pow' | 'maximum' | 'minimum' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'matmul' | 'mm' | 'bmm' | 'dot' | 'outer'): Fn {
  return (c) => {
    const [a, b] = bind(name, ['input', 'other'], c);
    return (gd[name] as (x: Value, y: Value) => NDArray)(a, b);
  };
}

/** `torch.<name>` functions. */
const torchFns: Record<string, Fn> = {
  ...Object.fromEntries(unaryNames.map((n) => [n, unary(n)])),
  ...Object.fromEntries((['sum', 'mean', 'prod', 'logsumexp', 'argmax', 'argmin'] as const).map((n) => [n, reduction(n)])),
  ...Object.fromEntries((['mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'matmul', 'mm', 'bmm', 'dot', 'outer'] as const).map((n) => [n, binaryFn(n)])),
  add: (c) => {
    const [a, b, alpha] = bind('add', ['input', 'other', 'alpha'], c);
    return gd.add(a as NDArray, b as NDArray, alpha === undefined ? undefined : { alpha: alpha as number });
  },
  sub: (c) => {
    const [a, b, alpha] = bind('sub', ['input', 'other', 'alpha'], c);
    return gd.sub(a as NDArray, b as NDArray, alpha === undefined ? undefined : { alpha: alpha as number });
  },
  clamp: (c) => {
    const [x, min, max] = bind('clamp', ['input', 'min', 'max'], c);
    return gd.clamp(asTensor(x), min as number | undefined, max as number | undefined);
  },
  where: (c) => {
    const [cond, a, b] = bind('where', ['condition', 'input', 'other'], c);
    return gd.where(asTensor(cond), a as NDArray, b as NDArray);
  },
  softmax: (c) => {
    const [x, dim] = bind('softmax', ['input', 'dim'], c);
    return gd.softmax(asTensor(x), dim as number);
  },
  log_softmax: (c) => {
    const [x, dim] = bind('log_softmax', ['input', 'dim'], c);
    return gd.logSoftmax(asTensor(x), dim as number);
  },
  cat: (c) => {
    const [xs, dim] = bind('cat', ['tensors', 'dim'], c);
    return gd.cat(xs as NDArray[], dim as number | undefined);
  },
  stack: (c) => {
    const [xs, dim] = bind('stack', ['tensors', 'dim'], c);
    return gd.stack(xs as NDArray[], dim as number | undefined);
  },
  index_select: (c) => {
    const [x, dim, index] = bind('index_select', ['input', 'dim', 'index'], c);
    return gd.indexSelect(asTensor(x), dim as number, asTensor(index));
  },
  gather: (c) => {
    const [x, dim, index] = bind('gather', ['input', 'dim', 'index'], c);
    return gd.gather(asTensor(x), dim as number, asTensor(index));
  },
  manual_seed: (c) => {
    const [seed] = bind('manual_seed', ['seed'], c);
    return gd.manualSeed(seed as number);
  },
  randn: (c) => {
    if (Object.keys(c.kwargs).length) throw new UnsupportedError('randn: keyword arguments are not mapped');
    return gd.randn(sizes(c.args));
  },
  rand: (c) => {
    if (Object.keys(c.kwargs).length) throw new UnsupportedError('rand: keyword arguments are not mapped');
    return gd.rand(sizes(c.args));
  },
  arange: (c) => {
    const [start, end, step] = bind('arange', ['start', 'end', 'step'], c);
    if (end === undefined) return gd.arange(start as number);
    return gd.arange(start as number, end as number, (step as number | undefined) ?? 1);
  },
};

/** Methods of a tensor, by PyTorch name, with their parameter lists. */
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
  softmax: ['dim'],
  log_softmax: ['dim'],
  size: ['dim'],
  ...Object.fromEntries(unaryNames.map((n) => [n, []])),
};

function callMethod(obj: NDArray, name: string, call: Call): Value {
  if (name === 'size') {
    const [dim] = bind('size', ['dim'], call);
    return dim === undefined ? [...obj.shape] : obj.sizeOf(dim as number);
  }
  const params = methodParams[name];
  if (params === undefined) throw new UnsupportedError(`tensor method ${name} is not mapped`);
  const camel = name.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  const method = (obj as unknown as Record<string, unknown>)[camel];
  if (typeof method !== 'function') throw new UnsupportedError(`NDArray has no method ${camel}`);
  const args = params === 'sizes' ? sizes(call.args) : bind(name, params, call);
  if (params === 'sizes' && Object.keys(call.kwargs).length) throw new UnsupportedError(`${name}: keyword arguments`);
  // trailing undefined arguments are dropped so that defaults apply
  while (args.length && args[args.length - 1] === undefined) args.pop();
  return (method as (...a: Value[]) => Value).apply(obj, args);
}

/** Is this expression a Python int (so that `torch.tensor([2, 0, 2])` is an integer tensor)? */
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
      case '%':
        return a - Math.floor(a / b) * b;
    }
  }
  const x = a as NDArray | number;
  const y = b as NDArray | number;
  switch (op) {
    case '+':
      return gd.add(x, y);
    case '-':
      return gd.sub(x, y);
    case '*':
      return gd.mul(x, y);
    case '/':
      return gd.div(x, y);
    case '**':
      return gd.pow(x, y);
    case '@':
      return gd.matmul(asTensor(a), asTensor(b));
    case '>':
      return gd.gt(x, y);
    case '<':
      return gd.lt(x, y);
    case '>=':
      return gd.ge(x, y);
    case '<=':
      return gd.le(x, y);
    case '==':
      return gd.eq(x, y);
    case '!=':
      return gd.ne(x, y);
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
      if (typeof v === 'number') return -v;
      return gd.neg(asTensor(v));
    }
    case 'binary':
      return binaryOp(e.op, evaluate(e.left, env), evaluate(e.right, env));
    case 'slice': {
      const part = (x: Expr | null) => (x === null ? undefined : (evaluate(x, env) as number));
      return gd.slice(part(e.start), part(e.stop), part(e.step));
    }
    case 'index': {
      const obj = asTensor(evaluate(e.obj, env));
      return obj.index(...(e.items.map((x) => evaluate(x, env)) as Parameters<NDArray['index']>));
    }
    case 'attr': {
      const obj = evaluate(e.obj, env);
      if (obj === TORCH || obj === FUNCTIONAL) throw new UnsupportedError(`${e.name} used without a call`);
      if (e.name === 'shape' && obj instanceof NDArray) return [...obj.shape];
      if (e.name === 'T' && obj instanceof NDArray) return obj.permute(...obj.shape.map((_, i) => obj.ndim - 1 - i));
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
            const [data] = bind('tensor', ['data'], { args: call.args, kwargs: {} });
            const int = isIntExpr(e.args[0]!, env);
            return gd.tensor(data as number[], int ? { dtype: 'int32' } : undefined);
          }
          const fn = torchFns[name];
          if (!fn) throw new UnsupportedError(`torch.${name} is not mapped`);
          return fn(call);
        }
        if (owner instanceof NDArray) return callMethod(owner, name, call);
      }
      throw new UnsupportedError('only torch.*, F.* and tensor method calls are mapped');
    }
  }
}

/** Evaluates one reference expression with the inputs bound by name. */
export function evaluateExpr(src: string, env: Env): Value {
  return evaluate(parseExpr(src), env);
}

/**
 * Runs `;`-separated statements (`torch.manual_seed(42); X = ...; Y = ...`) and returns the value of
 * the last one (an assignment's value, or an expression's).
 */
export function runStatements(src: string, env: Env): Value {
  let last: Value;
  for (const st of parseStatements(src)) {
    last = evaluate(st.value, env);
    if (st.kind === 'assign') env[st.target] = last;
  }
  return last;
}

/**
 * Evaluates the AST of python-expr.ts with Python's semantics for numbers, lists, tuples, slices,
 * `;` statements and assignments. What PyTorch's names mean is each suite's: it passes a
 * {@link Backend} with its namespaces (`torch`, `F`, `nn`, each a {@link Namespace} holding a table
 * of functions), its tensor operators, and hooks for indexing, attributes, methods and calls. What
 * neither this walker nor the backend maps throws `UnsupportedError`, so a case a suite cannot
 * evaluate fails instead of passing. Test support only; it imports no @gd package.
 */
import type { Call, Value } from './call.js';
import { type Operators, binaryOperator, unaryOperator } from './operators.js';
import { type Expr, parseExpr, parseStatements } from './python-expr.js';
import { OutOfScopeError, UnsupportedError } from './unsupported.js';

/** The variables of an evaluation; assignments write to it. */
export type Env = Record<string, Value>;

/** Where a call was written: its positional argument expressions and their variables. */
export interface CallSite {
  argExprs: readonly Expr[];
  env: Env;
}

/** A function of a namespace (`torch.add`): the evaluated call and, for `torch.tensor`, its source. */
export type Fn = (call: Call, site: CallSite) => Value;

/** What a backend hook returns for a value or name it does not map (a hook may return undefined). */
export const UNMAPPED: unique symbol = Symbol('unmapped');

/** The value of Python's `...` (gd's index functions read it as an ellipsis). */
export const ELLIPSIS = '...';

export interface NamespaceOptions {
  /** Attributes read without a call (`torch.optim`, `math.pi`). */
  attrs?: Readonly<Record<string, Value>>;
  /** The error for a name the namespace lacks; by default `UnsupportedError("<ns>.<name> is not mapped")`. */
  unmapped?: (name: string) => Error;
}

/** A Python module (`torch`, `F`, `nn`, `torch.optim`): the functions a suite maps for it. */
export class Namespace {
  private readonly attrs: Readonly<Record<string, Value>>;
  private readonly unmapped: (name: string) => Error;

  constructor(
    readonly name: string,
    private readonly fns: Readonly<Record<string, Fn>>,
    { attrs = {}, unmapped }: NamespaceOptions = {},
  ) {
    this.attrs = attrs;
    this.unmapped = unmapped ?? ((n) => new UnsupportedError(`${name}.${n} is not mapped`));
  }

  /** The function `name`, or the namespace's error. */
  fn(name: string): Fn {
    if (Object.hasOwn(this.fns, name)) return this.fns[name]!;
    throw this.unmapped(name);
  }

  /** The attribute `name`; a function read without a call, or a missing name, throws. */
  attr(name: string): Value {
    if (Object.hasOwn(this.attrs, name)) return this.attrs[name];
    if (Object.hasOwn(this.fns, name)) throw new UnsupportedError(`${this.name}.${name} used without a call`);
    throw this.unmapped(name);
  }
}

/** A namespace whose every name belongs to another package's suite (`F` in @gd/tensor's belongs to @gd/nn). */
export function outOfScope(name: string, owner: string): Namespace {
  return new Namespace(name, {}, { unmapped: (n) => new OutOfScopeError(`${name}.${n} belongs to ${owner}`) });
}

/**
 * A suite's meaning of the Python. Each hook gets values this walker evaluated and returns the
 * result or {@link UNMAPPED}; a missing hook maps nothing.
 */
export interface Backend {
  /** Names that are not variables (`torch`, `F`): namespaces, or any value (`math`). */
  globals: Readonly<Record<string, Value>>;
  /** Operators with a non-number operand. */
  operators: Operators;
  /** `start:stop:step` inside brackets (an unset part is undefined). */
  slice?(start: number | undefined, stop: number | undefined, step: number | undefined): Value;
  /** `obj[items]` */
  index?(obj: Value, items: Value[]): Value;
  /** `obj.name` of a value that is not a namespace. */
  attribute?(obj: Value, name: string): Value;
  /** `obj.name(...)` of a value that is not a namespace. */
  method?(obj: Value, name: string, call: Call): Value;
  /** `fn(...)` of a value (a module). */
  call?(fn: Value, call: Call): Value;
}

/** Is this expression a Python int (so that `torch.tensor([2, 0, 2])` is an integer tensor)? */
export function isIntExpr(e: Expr, env: Env): boolean {
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

function describe(v: Value): string {
  if (v === null) return 'None';
  if (typeof v === 'object') return (v as { constructor?: { name: string } }).constructor?.name ?? 'object';
  return typeof v;
}

/** A hook's result, or the error `message` when the hook is missing or returns UNMAPPED. */
function mapped<A extends unknown[]>(hook: ((...a: A) => Value) | undefined, args: A, message: () => string): Value {
  const v = hook ? hook(...args) : UNMAPPED;
  if (v === UNMAPPED) throw new UnsupportedError(message());
  return v;
}

function evaluateCall(e: Extract<Expr, { kind: 'call' }>, env: Env, backend: Backend): Value {
  const ev = (x: Expr): Value => evaluate(x, env, backend);
  // Python evaluates the callee (`obj` of `obj.name(...)`) before the arguments
  const owner = e.fn.kind === 'attr' ? ev(e.fn.obj) : undefined;
  const fnValue = e.fn.kind === 'attr' ? undefined : ev(e.fn);
  const call: Call = {
    args: e.args.map(ev),
    kwargs: Object.fromEntries(Object.entries(e.kwargs).map(([k, v]) => [k, ev(v)])),
  };
  if (e.fn.kind === 'attr') {
    const name = e.fn.name;
    if (owner instanceof Namespace) return owner.fn(name)(call, { argExprs: e.args, env });
    return mapped(backend.method?.bind(backend), [owner, name, call], () => `method ${name} of ${describe(owner)} is not mapped`);
  }
  return mapped(backend.call?.bind(backend), [fnValue, call], () => `calling ${describe(fnValue)} is not mapped`);
}

/** The value of `e` with the variables `env` and the suite's `backend`. */
export function evaluate(e: Expr, env: Env, backend: Backend): Value {
  const ev = (x: Expr): Value => evaluate(x, env, backend);
  switch (e.kind) {
    case 'num':
    case 'str':
      return e.value;
    case 'const':
      return e.value === 'ellipsis' ? ELLIPSIS : e.value;
    case 'name':
      if (Object.hasOwn(backend.globals, e.id)) return backend.globals[e.id];
      if (!Object.hasOwn(env, e.id)) throw new UnsupportedError(`unknown name ${e.id}`);
      return env[e.id];
    case 'list':
    case 'tuple':
      return e.items.map(ev);
    case 'unary':
      return unaryOperator(e.op, ev(e.operand), backend.operators);
    case 'binary':
      return binaryOperator(e.op, ev(e.left), ev(e.right), backend.operators);
    case 'slice': {
      const part = (x: Expr | null) => (x === null ? undefined : (ev(x) as number));
      return mapped(backend.slice?.bind(backend), [part(e.start), part(e.stop), part(e.step)], () => 'slices are not mapped');
    }
    case 'index': {
      const obj = ev(e.obj);
      return mapped(backend.index?.bind(backend), [obj, e.items.map(ev)], () => `indexing ${describe(obj)} is not mapped`);
    }
    case 'attr': {
      const obj = ev(e.obj);
      if (obj instanceof Namespace) return obj.attr(e.name);
      return mapped(backend.attribute?.bind(backend), [obj, e.name], () => `attribute ${e.name} of ${describe(obj)} is not mapped`);
    }
    case 'call':
      return evaluateCall(e, env, backend);
  }
}

/** Evaluates one reference expression (inputs bound by name in `env`). */
export function evaluateExpr(src: string, env: Env, backend: Backend): Value {
  return evaluate(parseExpr(src), env, backend);
}

/**
 * Runs `;`-separated statements (`torch.manual_seed(42); X = torch.randn(3)`) and returns the value
 * of the last one (an assignment's value, or an expression's). Assignments bind names in `env`.
 */
export function runStatements(src: string, env: Env, backend: Backend): Value {
  let last: Value;
  for (const st of parseStatements(src)) {
    last = evaluate(st.value, env, backend);
    if (st.kind === 'assign') env[st.target] = last;
  }
  return last;
}

/** Does the expression use the name `id` (`usesName(src, 'F')`: does it call torch.nn.functional)? */
export function usesName(src: string, id: string): boolean {
  const uses = (e: unknown): boolean =>
    typeof e === 'object' &&
    e !== null &&
    (((e as { kind?: string }).kind === 'name' && (e as { id?: string }).id === id) || Object.values(e).some(uses));
  return uses(parseExpr(src));
}

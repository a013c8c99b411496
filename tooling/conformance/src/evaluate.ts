/**
 * Evaluates the AST of python-expr.ts with Python's semantics for numbers, lists, tuples, slices,
 * list comprehensions, `;` statements and assignments. What PyTorch's names mean is each suite's:
 * it passes a {@link Backend} with its namespaces (`torch`, `F`, `nn`, each a {@link Namespace}
 * holding a table of functions), its functions called by bare name ({@link PyFunction}: Python's
 * builtins, `DataLoader`), its tensor operators, and hooks for indexing, attributes, methods and
 * calls. What neither this walker nor the backend maps throws `UnsupportedError`, so a case a
 * suite cannot evaluate fails instead of passing. Test support only; it imports no @gd package.
 */
import type { Call, Value } from './call.js';
import { type Operators, binaryOperator, unaryOperator } from './operators.js';
import { type Expr, type Target, parseExpr, parseStatements } from './python-expr.js';
import { OutOfScopeError, UnsupportedError } from './unsupported.js';

/** The variables of an evaluation; assignments write to it. */
export type Env = Record<string, Value>;

/** Where a call was written: its positional argument expressions and their variables. */
export interface CallSite {
  argExprs: readonly Expr[];
  env: Env;
}

/**
 * A function of a namespace (`torch.add`) or called by bare name ({@link PyFunction}): the
 * evaluated call and, for `torch.tensor`, its source.
 */
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

/** A function called by its bare name (`len(x)`, `DataLoader(ds, batch_size=2)`), as a backend's global. */
export class PyFunction {
  constructor(
    readonly name: string,
    readonly fn: Fn,
  ) {}
}

/** The functions of `table` as globals called by bare name. */
export function pyFunctions(table: Readonly<Record<string, Fn>>): Record<string, PyFunction> {
  return Object.fromEntries(Object.entries(table).map(([name, fn]) => [name, new PyFunction(name, fn)]));
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
  /**
   * Names that are not variables (`torch`, `F`, `len`): namespaces, {@link PyFunction}s, or any
   * value. A variable of the same name hides one, as in Python.
   */
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
  /** `fn(...)` of a value that is not a {@link PyFunction} (a module). */
  call?(fn: Value, call: Call): Value;
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
  if (fnValue instanceof PyFunction) return fnValue.fn(call, { argExprs: e.args, env });
  return mapped(backend.call?.bind(backend), [fnValue, call], () => `calling ${describe(fnValue)} is not mapped`);
}

/** Python's truth value of a number, boolean, None, string or list; anything else (a tensor) throws. */
function truthy(v: Value): boolean {
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return Boolean(v);
  if (Array.isArray(v)) return v.length > 0;
  throw new UnsupportedError(`the truth value of ${describe(v)} is not mapped`);
}

/** The items of a Python iterable (a list, a range, a DataLoader, an iterator). */
export function iterable(v: Value): Iterable<Value> {
  if (v !== null && v !== undefined && typeof (v as Iterable<Value>)[Symbol.iterator] === 'function') return v as Iterable<Value>;
  throw new UnsupportedError(`iterating over ${describe(v)} is not mapped`);
}

/** Assigns `item` to a loop variable, or unpacks it into a tuple of them (`for p, L in ...`). */
function assignTarget(target: Target, item: Value, scope: Env): void {
  if (target.kind === 'name') {
    scope[target.id] = item;
    return;
  }
  const items = Array.from(iterable(item));
  if (items.length !== target.items.length) {
    throw new UnsupportedError(`cannot unpack ${items.length} values into ${target.items.length} loop variables`);
  }
  target.items.forEach((t, i) => assignTarget(t, items[i], scope));
}

/**
 * `[elt for t in it if cond ...]`: the clauses nest left to right, in a scope of their own (the
 * loop variables do not leak into `env`).
 */
function evaluateComprehension(e: Extract<Expr, { kind: 'listcomp' }>, env: Env, backend: Backend): Value[] {
  const out: Value[] = [];
  const scope: Env = { ...env };
  const run = (i: number): void => {
    const clause = e.clauses[i];
    if (!clause) {
      out.push(evaluate(e.elt, scope, backend));
    } else if (clause.kind === 'if') {
      if (truthy(evaluate(clause.cond, scope, backend))) run(i + 1);
    } else {
      for (const item of iterable(evaluate(clause.iter, scope, backend))) {
        assignTarget(clause.target, item, scope);
        run(i + 1);
      }
    }
  };
  run(0);
  return out;
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
      // a variable hides a global of the same name, as Python's locals hide its globals and builtins
      if (Object.hasOwn(env, e.id)) return env[e.id];
      if (Object.hasOwn(backend.globals, e.id)) return backend.globals[e.id];
      throw new UnsupportedError(`unknown name ${e.id}`);
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
    case 'listcomp':
      return evaluateComprehension(e, env, backend);
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

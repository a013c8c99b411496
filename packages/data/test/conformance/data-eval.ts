/**
 * Evaluates the Python of dataloader.json / shuffle.json (`DataLoader(TensorDataset(...),
 * batch_size=3)`, `random_split(range(10), [3, 7], generator=torch.Generator().manual_seed(42))`,
 * `[b[0].tolist() for b in DataLoader(sub, batch_size=2)]`) with @gd/data and @gd/tensor:
 * PyTorch names map to their camelCase counterparts, keyword arguments to options. List
 * comprehensions, which the shared parser does not read, are cut out first and evaluated here.
 * Anything it does not know throws {@link UnsupportedExpr}, so an unmapped case fails.
 */
import { type Expr, type Statement, parseExpr, parseStatements } from '@gd/conformance';
import * as gd from '@gd/tensor';
import { NDArray } from '@gd/tensor';
import * as data from '../../src/index.js';

/** An expression this evaluator cannot map (a failure of the test, never of the code under test). */
export class UnsupportedExpr extends Error {
  override name = 'UnsupportedExpr';
}

type Env = Record<string, unknown>;

interface Call {
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** `batch_size` → `batchSize`: PyTorch keyword and attribute names as gd spells them. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

/** Every snake_case word of a message in camelCase (PyTorch's messages name Python options). */
export function camelizeMessage(message: string): string {
  return message.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, camel);
}

function camelKwargs(kwargs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camel(k), v]));
}

/** Maps positional and keyword arguments onto `params` (Python's binding rules, no *args). */
function bind(what: string, params: readonly string[], { args, kwargs }: Call): unknown[] {
  if (args.length > params.length) throw new UnsupportedExpr(`${what}: too many arguments`);
  const out = [...args];
  for (const [k, v] of Object.entries(kwargs)) {
    const i = params.indexOf(k);
    if (i < 0) throw new UnsupportedExpr(`${what}: unknown keyword argument ${k}`);
    out[i] = v;
  }
  return out;
}

const torchDTypes: Record<string, gd.DType> = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  int64: 'int32',
  long: 'int32',
  int32: 'int32',
  bool: 'bool',
};

/** Is this expression a Python float (so `torch.arange(6.0)` is float32)? */
function isFloatExpr(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
      return !e.isInt;
    case 'unary':
      return isFloatExpr(e.operand);
    case 'binary':
      return e.op === '/' || isFloatExpr(e.left) || isFloatExpr(e.right);
    case 'list':
    case 'tuple':
      return e.items.some(isFloatExpr);
    default:
      return false;
  }
}

function shapeArgs(args: unknown[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return args[0] as number[];
  return args as number[];
}

function dtypeOf(kwargs: Record<string, unknown>): gd.DType | undefined {
  const d = kwargs.dtype;
  if (d === undefined) return undefined;
  if (typeof d !== 'string') throw new UnsupportedExpr(`dtype of type ${typeof d}`);
  return d as gd.DType;
}

type Builtin = (c: Call, argExprs: Expr[]) => unknown;

const torch: Record<string, Builtin | string> = {
  ...torchDTypes,
  zeros: (c) => gd.zeros(shapeArgs(c.args), { dtype: dtypeOf(c.kwargs) ?? 'float32' }),
  ones: (c) => gd.ones(shapeArgs(c.args), { dtype: dtypeOf(c.kwargs) ?? 'float32' }),
  arange: (c, argExprs) => {
    const nums = c.args as number[];
    const dtype = dtypeOf(c.kwargs) ?? (argExprs.some(isFloatExpr) ? 'float32' : 'int32');
    if (nums.length === 1) return gd.arange(nums[0]!, { dtype });
    if (nums.length === 2) return gd.arange(nums[0]!, nums[1]!, { dtype });
    return gd.arange(nums[0]!, nums[1]!, nums[2], { dtype });
  },
  tensor: (c, argExprs) => {
    const values = c.args[0] as gd.NestedArray;
    const isBool = JSON.stringify(values).includes('true') || JSON.stringify(values).includes('false');
    const dtype = dtypeOf(c.kwargs) ?? (argExprs.some(isFloatExpr) ? 'float32' : isBool ? 'bool' : 'int32');
    return gd.tensor(values, { dtype });
  },
  manual_seed: (c) => gd.manualSeed(bind('manual_seed', ['seed'], c)[0] as number),
  Generator: () => new gd.Generator(),
};

const builtins: Record<string, Builtin> = {
  range: (c) => {
    const [a, b] = c.args as number[];
    const [start, stop] = b === undefined ? [0, a!] : [a!, b];
    return Array.from({ length: Math.max(0, stop - start) }, (_, i) => start + i);
  },
  len: (c) => {
    const n = (c.args[0] as { length?: unknown }).length;
    if (typeof n !== 'number') throw new UnsupportedExpr('len() of an object without length');
    return n;
  },
  list: (c) => {
    const x = c.args[0];
    if (x instanceof data.DataLoader) return [...(x as Iterable<unknown>)];
    return Array.from(x as Iterable<unknown>);
  },
  iter: (c) => (c.args[0] as Iterable<unknown>)[Symbol.iterator](),
  next: (c) => {
    const r = (c.args[0] as Iterator<unknown>).next();
    if (r.done === true) throw new UnsupportedExpr('next() on an exhausted iterator');
    return r.value;
  },
  enumerate: (c) => Array.from(c.args[0] as Iterable<unknown>, (v, i) => [i, v]),
  DataLoader: (c) => {
    const [dataset, ...rest] = c.args;
    if (rest.length) throw new UnsupportedExpr('DataLoader: positional options');
    return new data.DataLoader(dataset, camelKwargs(c.kwargs));
  },
  TensorDataset: (c) => new data.TensorDataset(...(c.args as NDArray[])),
  ListDataset: (c) => new data.ArrayDataset(c.args[0] as unknown[]),
  Subset: (c) => {
    const [ds, indices] = bind('Subset', ['dataset', 'indices'], c);
    return new data.Subset(ds as data.MapDatasetLike, indices as number[]);
  },
  ConcatDataset: (c) => new data.ConcatDataset(bind('ConcatDataset', ['datasets'], c)[0] as data.MapDatasetLike[]),
  random_split: (c) => {
    const [ds, lengths, generator] = bind('random_split', ['dataset', 'lengths', 'generator'], c);
    return data.randomSplit(ds as data.MapDatasetLike, lengths as number[], { generator: generator as gd.Generator | undefined });
  },
  default_collate: (c) => data.defaultCollate(bind('default_collate', ['batch'], c)[0] as unknown[]),
  default_convert: (c) => data.defaultConvert(bind('default_convert', ['data'], c)[0]),
  SequentialSampler: (c) => new data.SequentialSampler(bind('SequentialSampler', ['data_source'], c)[0] as data.MapDataset),
  RandomSampler: (c) => {
    const [ds, replacement, numSamples, generator] = bind('RandomSampler', ['data_source', 'replacement', 'num_samples', 'generator'], c);
    return new data.RandomSampler(ds as data.MapDataset, {
      replacement: replacement as boolean | undefined,
      numSamples: numSamples as number | undefined,
      generator: generator as gd.Generator | undefined,
    });
  },
  BatchSampler: (c) => {
    const [sampler, batchSize, dropLast] = bind('BatchSampler', ['sampler', 'batch_size', 'drop_last'], c);
    return new data.BatchSampler(sampler as Iterable<number>, batchSize as number, dropLast as boolean);
  },
  SubsetRandomSampler: (c) => {
    const [indices, generator] = bind('SubsetRandomSampler', ['indices', 'generator'], c);
    return new data.SubsetRandomSampler(indices as number[], { generator: generator as gd.Generator | undefined });
  },
};

/** Python's `seq[i]` on a JS array: negative from the end, IndexError outside. */
function listIndex(xs: readonly unknown[], i: number): unknown {
  const j = i < 0 ? i + xs.length : i;
  if (j < 0 || j >= xs.length) throw new gd.IndexError('list index out of range');
  return xs[j];
}

function binary(op: string, a: unknown, b: unknown): unknown {
  if (a instanceof NDArray || b instanceof NDArray) {
    const t = (a instanceof NDArray ? a : b) as NDArray;
    const s = (a instanceof NDArray ? b : a) as number;
    if (typeof s !== 'number') throw new UnsupportedExpr(`tensor ${op} ${typeof s}`);
    const f: Record<string, (x: number, y: number) => number> = {
      '+': (x, y) => x + y,
      '-': (x, y) => x - y,
      '*': (x, y) => x * y,
    };
    const fn = f[op];
    if (!fn) throw new UnsupportedExpr(`tensor operator ${op}`);
    const src = t.toTypedArray();
    const out = Array.from(src, (x) => (a instanceof NDArray ? fn(x, s) : fn(s, x)));
    return gd.tensor(out, { dtype: t.dtype }).reshape([...t.shape]);
  }
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
      case '%':
        return ((a % b) + b) % b;
      case '**':
        return a ** b;
      case '==':
        return a === b;
      case '<':
        return a < b;
      case '>':
        return a > b;
    }
  }
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) return [...(a as unknown[]), ...(b as unknown[])];
  throw new UnsupportedExpr(`operator ${op} on ${typeof a} and ${typeof b}`);
}

/** A list comprehension cut out of the source: `[elt for targets in iter]`. */
interface Comprehension {
  elt: string;
  targets: string[];
  iter: string;
}

/**
 * Replaces each top-level `[... for ... in ...]` of `src` by a name `__compN` and returns the
 * comprehensions (their parts are cut out again when they are evaluated).
 */
function extractComprehensions(src: string, comps: Map<string, Comprehension>): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === "'" || ch === '"') {
      const end = src.indexOf(ch, i + 1);
      out += src.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (ch !== '[') {
      out += ch;
      i++;
      continue;
    }
    const close = matchingBracket(src, i);
    const inner = src.slice(i + 1, close);
    const forAt = topLevelKeyword(inner, ' for ');
    if (forAt < 0) {
      out += '[' + extractComprehensions(inner, comps) + ']';
    } else {
      const rest = inner.slice(forAt + 5);
      const inAt = topLevelKeyword(rest, ' in ');
      if (inAt < 0) throw new UnsupportedExpr(`comprehension without "in": ${inner}`);
      const name = `__comp${comps.size}`;
      comps.set(name, {
        elt: inner.slice(0, forAt),
        targets: rest.slice(0, inAt).split(',').map((t) => t.trim()),
        iter: rest.slice(inAt + 4),
      });
      out += name;
    }
    i = close + 1;
  }
  return out;
}

function matchingBracket(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "'" || ch === '"') i = src.indexOf(ch, i + 1);
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch) && --depth === 0) return i;
  }
  throw new UnsupportedExpr(`unbalanced brackets in ${src}`);
}

function topLevelKeyword(src: string, word: string): number {
  let depth = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (ch === "'" || ch === '"') i = src.indexOf(ch, i + 1);
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (depth === 0 && src.startsWith(word, i)) return i;
  }
  return -1;
}

/** The evaluator: one instance per case (it holds the comprehensions of that case's source). */
export class DataEvaluator {
  private readonly comps = new Map<string, Comprehension>();
  /** The last DataLoader an expression built (for `len_loader` checks on `list(DataLoader(...))`). */
  lastLoader: data.DataLoader | null = null;

  /** Parses `;`-separated statements (with comprehensions). */
  statements(src: string): Statement[] {
    return parseStatements(extractComprehensions(src, this.comps));
  }

  /** Runs statements; returns the value of the last one. */
  run(src: string, env: Env = {}): unknown {
    let last: unknown;
    for (const s of this.statements(src)) {
      const v = this.evaluate(s.value, env);
      if (s.kind === 'assign') env[s.target] = v;
      last = v;
    }
    return last;
  }

  evaluate(e: Expr, env: Env): unknown {
    switch (e.kind) {
      case 'num':
        return e.value;
      case 'str':
        return e.value;
      case 'const':
        if (e.value === 'ellipsis') throw new UnsupportedExpr('...');
        return e.value;
      case 'name':
        return this.name(e.id, env);
      case 'list':
      case 'tuple':
        return e.items.map((x) => this.evaluate(x, env));
      case 'unary': {
        const v = this.evaluate(e.operand, env);
        if (e.op === 'not') return !v;
        if (typeof v !== 'number') throw new UnsupportedExpr(`unary ${e.op} on ${typeof v}`);
        return e.op === '-' ? -v : v;
      }
      case 'binary':
        return binary(e.op, this.evaluate(e.left, env), this.evaluate(e.right, env));
      case 'attr':
        return this.attribute(this.evaluate(e.obj, env), e.name);
      case 'index': {
        if (e.items.length !== 1) throw new UnsupportedExpr('multi-dimensional subscript');
        return this.subscript(this.evaluate(e.obj, env), this.evaluate(e.items[0]!, env));
      }
      case 'call':
        return this.call(e, env);
      case 'slice':
        throw new UnsupportedExpr('slices');
    }
  }

  private name(id: string, env: Env): unknown {
    if (id in env) return env[id];
    const comp = this.comps.get(id);
    if (comp) return this.comprehension(comp, env);
    if (id === 'torch') return torch;
    if (id in builtins) return builtins[id];
    throw new UnsupportedExpr(`unknown name ${id}`);
  }

  private comprehension(c: Comprehension, env: Env): unknown[] {
    const iterable = this.evaluate(parseExpr(extractComprehensions(c.iter, this.comps)), env);
    const elt = parseExpr(extractComprehensions(c.elt, this.comps));
    const out: unknown[] = [];
    for (const item of iterable as Iterable<unknown>) {
      const scope: Env = { ...env };
      if (c.targets.length === 1) scope[c.targets[0]!] = item;
      else c.targets.forEach((t, i) => (scope[t] = (item as unknown[])[i]));
      out.push(this.evaluate(elt, scope));
    }
    return out;
  }

  private attribute(obj: unknown, name: string): unknown {
    if (obj === torch) {
      const v = torch[name];
      if (v === undefined) throw new UnsupportedExpr(`torch.${name} is not mapped`);
      return v;
    }
    const key = camel(name);
    const v = (obj as Record<string, unknown>)[key];
    if (v === undefined) throw new UnsupportedExpr(`attribute ${name} of ${String(obj)}`);
    return typeof v === 'function' ? { method: key, self: obj } : v;
  }

  private subscript(obj: unknown, index: unknown): unknown {
    if (typeof index !== 'number') throw new UnsupportedExpr(`subscript with ${typeof index}`);
    if (Array.isArray(obj)) return listIndex(obj, index);
    if (obj instanceof NDArray) return obj.select(0, index);
    if (data.isMapDataset(obj)) return obj.getItem(index);
    throw new UnsupportedExpr(`subscript of ${String(obj)}`);
  }

  private call(e: Extract<Expr, { kind: 'call' }>, env: Env): unknown {
    const fn = this.evaluate(e.fn, env);
    const args = e.args.map((a) => this.evaluate(a, env));
    const kwargs = Object.fromEntries(Object.entries(e.kwargs).map(([k, v]) => [k, this.evaluate(v, env)]));
    const c: Call = { args, kwargs };
    if (typeof fn === 'function') {
      const out = (fn as Builtin)(c, e.args);
      if (out instanceof data.DataLoader) this.lastLoader = out;
      return out;
    }
    if (typeof fn === 'object' && fn !== null && 'method' in fn) {
      const { method, self } = fn as { method: string; self: unknown };
      return this.method(self, method, c);
    }
    throw new UnsupportedExpr(`calling ${String(fn)}`);
  }

  private method(self: unknown, name: string, c: Call): unknown {
    if (self instanceof NDArray) {
      switch (name) {
        case 'reshape':
        case 'view':
          return self.reshape(shapeArgs(c.args));
        case 'tolist':
          return self.tolist();
        case 'item':
          return self.item();
        case 'float':
          return self.float();
        case 'long':
          return self.to('int32');
        default:
          throw new UnsupportedExpr(`tensor method ${name}`);
      }
    }
    if (self instanceof gd.Generator && name === 'manualSeed') {
      return self.manualSeed(bind('manual_seed', ['seed'], c)[0] as number);
    }
    throw new UnsupportedExpr(`method ${name} of ${String(self)}`);
  }
}

/**
 * rng.json: PyTorch 1.13's CPU random streams, one test per case. Single-call kinds (rand, randn,
 * normal, uniform, raw_u32, randint, randperm, random_int64, random_int32) are run from the case's
 * fields; `sequence` and `seed_semantics` cases are run by interpreting their Python `expr` with the
 * small evaluator below. Every case then checks its values (or first50/last50 and the exact sum),
 * the number of 32-bit draws (`u32_drawn`), the generator position (`probe_after`, the next int64
 * `random_()` of the global generator) and the seed (`initial_seed`). An unknown kind, an unknown
 * call or a field the runner cannot use fails the case; nothing is skipped.
 *
 * gd has no int64 dtype: PyTorch's int64 results are compared exactly as integers; randint results
 * that do not fit int32 are produced as float64 (exact below 2^53); int64 `random_()` is
 * `randomInt64()`, a bigint.
 */
import { type Tolerance, compareValues, decodeNumber, loadReference } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import {
  Generator,
  type GeneratorState,
  NDArray,
  defaultGenerator,
  getRngState,
  manualSeed,
  normal,
  rand,
  randint,
  randn,
  randomInt64,
  randperm,
  setRngState,
} from '../../src/index.js';
import { readContiguous } from '../../src/strided.js';

type RefValue = number | string;

interface Step {
  call: string;
  dtype?: string;
  shape?: number[];
  values?: RefValue[];
  u32_drawn_by_call?: number;
  normal_cache_after?: string;
}

interface RngCase {
  id: string;
  kind: string;
  expr: string;
  seed?: number | string;
  dtype?: string;
  n?: number;
  low?: number;
  high?: number;
  mean?: number;
  std?: number;
  values?: RefValue[];
  first50?: RefValue[];
  last50?: RefValue[];
  sum_f64?: number;
  tol: Tolerance;
  tol_sum?: Tolerance;
  u32_drawn?: number;
  probe_after?: string;
  initial_seed?: string;
  steps?: Step[];
}

// ---------------------------------------------------------------------------------------------
// Results and comparisons

/** A call's result, flattened: float values, or exact integers (int dtypes, int64 as bigint). */
interface Flat {
  dtype: string;
  shape: number[];
  values: (number | bigint)[];
  generator: Generator | null;
}

function isIntegerDType(dtype: string): boolean {
  return dtype === 'int32' || dtype === 'int64' || dtype === 'bool';
}

/** Compares `actual` with reference values: exactly for integer results, else within `tol`. */
function checkValues(what: string, actual: (number | bigint)[], expected: RefValue[], exactInts: boolean, tol: Tolerance) {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: ${actual.length} values instead of ${expected.length}`);
  }
  if (exactInts || actual.some((v) => typeof v === 'bigint')) {
    for (let i = 0; i < expected.length; i++) {
      const a = actual[i]!;
      const e = expected[i]!;
      if (typeof a === 'number' && !Number.isInteger(a)) throw new Error(`${what}: element ${i} is ${a}, not an integer`);
      if (BigInt(a) !== BigInt(e)) throw new Error(`${what}: element ${i}: got ${a}, expected ${e} (exact)`);
    }
    return;
  }
  const r = compareValues(actual as number[], expected.map(decodeNumber), tol);
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
}

/** Python's `math.fsum`: the correctly rounded sum (Shewchuk's partials, Python's final rounding). */
function fsum(xs: readonly number[]): number {
  const partials: number[] = [];
  for (let x of xs) {
    let i = 0;
    for (let y of partials) {
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    partials.length = i;
    partials.push(x);
  }
  let n = partials.length;
  if (n === 0) return 0;
  let hi = partials[--n]!;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n]!;
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && partials[n - 1]! < 0) || (lo > 0 && partials[n - 1]! > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/** Checks values, or first50/last50 plus the exact sum for long results. */
function checkCaseValues(c: RngCase, out: Flat, exactInts: boolean): void {
  const exact = exactInts || isIntegerDType(out.dtype);
  if (c.values) {
    checkValues(`${c.id} values`, out.values, c.values, exact, c.tol);
    return;
  }
  if (c.first50 && c.last50 && c.sum_f64 !== undefined && c.tol_sum) {
    if (c.n !== undefined && out.values.length !== c.n) throw new Error(`${c.id}: ${out.values.length} values, expected n=${c.n}`);
    checkValues(`${c.id} first50`, out.values.slice(0, c.first50.length), c.first50, exact, c.tol);
    checkValues(`${c.id} last50`, out.values.slice(out.values.length - c.last50.length), c.last50, exact, c.tol);
    const sum = fsum(out.values.map(Number));
    const r = compareValues([sum], [c.sum_f64], c.tol_sum);
    if (!r.ok) throw new Error(`${c.id} sum_f64: ${r.message}`);
    return;
  }
  throw new Error(`${c.id}: no values, and not the first50/last50/sum_f64/tol_sum form`);
}

function flatOf(a: NDArray, generator: Generator | null): Flat {
  return { dtype: a.dtype, shape: [...a.shape], values: Array.from(readContiguous(a)), generator };
}

// ---------------------------------------------------------------------------------------------
// Single-call kinds, run from the case's fields

function need<K extends keyof RngCase>(c: RngCase, key: K): NonNullable<RngCase[K]> {
  const v = c[key];
  if (v === undefined || v === null) throw new Error(`${c.id}: kind ${c.kind} needs the field "${String(key)}"`);
  return v;
}

function floatDType(c: RngCase): 'float32' | 'float64' {
  const d = c.dtype ?? 'float32';
  if (d !== 'float32' && d !== 'float64') throw new Error(`${c.id}: unsupported dtype ${d}`);
  return d;
}

/** randint's int64 result as gd can hold it: int32 when it fits, else float64 (exact below 2^53). */
function randintDType(low: number, high: number): 'int32' | 'float64' {
  if (low >= -(2 ** 31) && high <= 2 ** 31) return 'int32';
  if (Math.abs(low) < 2 ** 53 && Math.abs(high) <= 2 ** 53) return 'float64';
  throw new Error(`randint bounds [${low}, ${high}) cannot be represented exactly`);
}

const singleKinds: Record<string, (c: RngCase) => Flat> = {
  rand: (c) => flatOf(rand([need(c, 'n')], { dtype: floatDType(c) }), defaultGenerator),
  randn: (c) => flatOf(randn([need(c, 'n')], { dtype: floatDType(c) }), defaultGenerator),
  normal: (c) => flatOf(normal(need(c, 'mean'), need(c, 'std'), [need(c, 'n')], { dtype: floatDType(c) }), defaultGenerator),
  uniform: (c) => {
    const n = need(c, 'n');
    const dtype = floatDType(c);
    const t = new NDArray(dtype === 'float32' ? new Float32Array(n) : new Float64Array(n), [n]);
    return flatOf(t.uniform_(need(c, 'low'), need(c, 'high')), defaultGenerator);
  },
  raw_u32: (c) => ({
    dtype: 'int64',
    shape: [need(c, 'n')],
    values: Array.from({ length: need(c, 'n') }, () => defaultGenerator.nextUint32()),
    generator: defaultGenerator,
  }),
  randint: (c) => {
    const low = need(c, 'low');
    const high = need(c, 'high');
    return flatOf(randint(low, high, [need(c, 'n')], { dtype: randintDType(low, high) }), defaultGenerator);
  },
  randperm: (c) => flatOf(randperm(need(c, 'n')), defaultGenerator),
  random_int64: (c) => ({
    dtype: 'int64',
    shape: [need(c, 'n')],
    values: Array.from({ length: need(c, 'n') }, () => randomInt64()),
    generator: defaultGenerator,
  }),
  random_int32: (c) => flatOf(new NDArray(new Int32Array(need(c, 'n')), [need(c, 'n')]).random_(), defaultGenerator),
};

const integerKinds = new Set(['raw_u32', 'randint', 'randperm', 'random_int64', 'random_int32']);

function seedValue(c: RngCase): bigint {
  const s = need(c, 'seed');
  if (typeof s === 'number' && !Number.isSafeInteger(s)) throw new Error(`${c.id}: seed ${s} is not exact in JSON; write it as a string`);
  return BigInt(s);
}

// ---------------------------------------------------------------------------------------------
// A small evaluator for the cases' Python: `torch.*` random calls, generators, int64 `random_()`,
// `a = ...` assignments, `[... for _ in range(n)]`, integer arithmetic (exact, as bigint).

type Tok = { t: 'num' | 'name' | 'op' | 'end'; v: string; at: number; end: number };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s+|#[^\n]*|(\d+\.\d*(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\.\d+(?:[eE][+-]?\d+)?|\d+)|([A-Za-z_]\w*)|(\*\*|[()[\],.=;+\-*/])/y;
  let i = 0;
  while (i < src.length) {
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new Error(`cannot parse ${JSON.stringify(src.slice(i, i + 20))} in ${src}`);
    const end = re.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: m[1], at: i, end });
    else if (m[2] !== undefined) out.push({ t: 'name', v: m[2], at: i, end });
    else if (m[3] !== undefined) out.push({ t: 'op', v: m[3], at: i, end });
    i = end;
  }
  out.push({ t: 'end', v: '', at: src.length, end: src.length });
  return out;
}

type Node =
  | { k: 'num'; text: string }
  | { k: 'name'; id: string }
  | { k: 'attr'; obj: Node; name: string }
  | { k: 'call'; fn: Node; args: Node[]; kwargs: [string, Node][] }
  | { k: 'tuple' | 'list'; items: Node[] }
  | { k: 'comp'; elt: Node; iter: Node }
  | { k: 'neg'; x: Node }
  | { k: 'bin'; op: string; a: Node; b: Node };

interface Stmt {
  target: string | null;
  expr: Node;
  /** The expression's source text, for matching a step's `call`. */
  src: string;
}

class Parser {
  private i = 0;
  constructor(
    private readonly toks: Tok[],
    private readonly src: string,
  ) {}
  private peek(): Tok {
    return this.toks[this.i]!;
  }
  private is(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private eat(v: string): void {
    const t = this.toks[this.i++]!;
    if (t.v !== v) throw new Error(`expected '${v}' at ${t.at}, found '${t.v}' in ${this.src}`);
  }
  statements(): Stmt[] {
    const out: Stmt[] = [];
    while (this.peek().t !== 'end') {
      if (this.is(';')) {
        this.i++;
        continue;
      }
      let target: string | null = null;
      const t1 = this.toks[this.i + 1]!;
      if (this.peek().t === 'name' && t1.t === 'op' && t1.v === '=') {
        target = this.peek().v;
        this.i += 2;
      }
      const start = this.peek().at;
      const expr = this.expr();
      out.push({ target, expr, src: this.src.slice(start, this.toks[this.i - 1]!.end) });
      if (this.peek().t !== 'end') this.eat(';');
    }
    return out;
  }
  expr(): Node {
    let a = this.term();
    while (this.is('+') || this.is('-')) {
      const op = this.toks[this.i++]!.v;
      a = { k: 'bin', op, a, b: this.term() };
    }
    return a;
  }
  private term(): Node {
    let a = this.unary();
    while (this.is('*') || this.is('/')) {
      const op = this.toks[this.i++]!.v;
      a = { k: 'bin', op, a, b: this.unary() };
    }
    return a;
  }
  private unary(): Node {
    if (this.is('-')) {
      this.i++;
      return { k: 'neg', x: this.unary() };
    }
    if (this.is('+')) {
      this.i++;
      return this.unary();
    }
    const base = this.postfix();
    if (this.is('**')) {
      this.i++;
      return { k: 'bin', op: '**', a: base, b: this.unary() };
    }
    return base;
  }
  private postfix(): Node {
    let e = this.atom();
    for (;;) {
      if (this.is('.')) {
        this.i++;
        const n = this.toks[this.i++]!;
        if (n.t !== 'name') throw new Error(`expected a name after '.' in ${this.src}`);
        e = { k: 'attr', obj: e, name: n.v };
      } else if (this.is('(')) {
        this.i++;
        const args: Node[] = [];
        const kwargs: [string, Node][] = [];
        while (!this.is(')')) {
          const t1 = this.toks[this.i + 1]!;
          if (this.peek().t === 'name' && t1.t === 'op' && t1.v === '=') {
            const name = this.peek().v;
            this.i += 2;
            kwargs.push([name, this.expr()]);
          } else args.push(this.expr());
          if (!this.is(')')) this.eat(',');
        }
        this.i++;
        e = { k: 'call', fn: e, args, kwargs };
      } else return e;
    }
  }
  private atom(): Node {
    const t = this.toks[this.i++]!;
    if (t.t === 'num') return { k: 'num', text: t.v };
    if (t.t === 'name') return { k: 'name', id: t.v };
    if (t.v === '(' || t.v === '[') {
      const close = t.v === '(' ? ')' : ']';
      const items: Node[] = [];
      let comma = false;
      while (!this.is(close)) {
        items.push(this.expr());
        if (t.v === '[' && this.peek().t === 'name' && this.peek().v === 'for') {
          // [elt for _ in iter]
          this.i++;
          if (this.toks[this.i++]!.t !== 'name') throw new Error(`expected a loop variable in ${this.src}`);
          if (this.toks[this.i++]!.v !== 'in') throw new Error(`expected 'in' in ${this.src}`);
          const iter = this.expr();
          this.eat(']');
          return { k: 'comp', elt: items[0]!, iter };
        }
        if (!this.is(close)) {
          this.eat(',');
          comma = true;
        }
      }
      this.i++;
      if (t.v === '(' && items.length === 1 && !comma) return items[0]!;
      return { k: t.v === '(' ? 'tuple' : 'list', items };
    }
    throw new Error(`unexpected '${t.v}' at ${t.at} in ${this.src}`);
  }
}

function parseStatements(src: string): Stmt[] {
  return new Parser(tokenize(src), src).statements();
}

/** A torch dtype object (`torch.float64`, ...). */
class TorchDType {
  constructor(readonly name: string) {}
}
/** An int64 tensor (gd has none): values held as bigint, filled by `randomInt64`. */
class Int64Tensor {
  constructor(
    readonly shape: number[],
    readonly data: bigint[],
  ) {}
}
/** A tensor known only by its shape (`torch.arange(...)`), enough for `.view(...).size()`. */
class ShapeOnly {
  constructor(readonly shape: number[]) {}
}
/** `torch.Size`. */
class Size {
  constructor(readonly dims: number[]) {}
}
type Fn = (args: Value[], kwargs: Record<string, Value>) => Value;
type Value =
  | number
  | bigint
  | null
  | Value[]
  | TorchDType
  | Int64Tensor
  | ShapeOnly
  | Size
  | Generator
  | NDArray
  | GeneratorState
  | TorchModule
  | { fn: Fn; name: string };

/** The `torch` module. */
class TorchModule {}
const TORCH = new TorchModule();

const TORCH_DTYPES: Record<string, string> = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  int32: 'int32',
  int: 'int32',
  int64: 'int64',
  long: 'int64',
  bool: 'bool',
};

function describeValue(v: Value): string {
  if (v === null || typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  return v.constructor.name;
}

function fn(name: string, f: Fn): Value {
  return { fn: f, name };
}

function toInt(v: Value, what: string): number {
  if (typeof v === 'bigint') {
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${what}: ${v} exceeds 2^53`);
    return Number(v);
  }
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new Error(`${what}: expected an integer, got ${describeValue(v)}`);
}

function toFloat(v: Value, what: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw new Error(`${what}: expected a number, got ${describeValue(v)}`);
}

/** `rand(2, 3)`, `rand((2, 3))`, `rand(torch.Size)`: the size arguments as a shape. */
function sizeArgs(args: Value[], what: string): number[] {
  if (args.length === 1 && (Array.isArray(args[0]) || args[0] instanceof Size)) {
    const dims = args[0] instanceof Size ? args[0].dims : (args[0] as Value[]);
    return dims.map((d) => toInt(d, what));
  }
  return args.map((d) => toInt(d, what));
}

function checkKwargs(what: string, kwargs: Record<string, Value>, allowed: string[]): void {
  for (const k of Object.keys(kwargs)) if (!allowed.includes(k)) throw new Error(`${what}: unsupported keyword argument ${k}`);
}

function generatorArg(kwargs: Record<string, Value>, what: string): Generator {
  const g = kwargs.generator;
  if (g === undefined || g === null) return defaultGenerator;
  if (!(g instanceof Generator)) throw new Error(`${what}: generator= is not a Generator`);
  return g;
}

function dtypeArg(kwargs: Record<string, Value>, fallback: string): string {
  const d = kwargs.dtype;
  if (d === undefined || d === null) return fallback;
  if (!(d instanceof TorchDType)) throw new Error(`dtype= is not a torch dtype`);
  return d.name;
}

function floatDTypeArg(kwargs: Record<string, Value>, what: string): 'float32' | 'float64' {
  const d = dtypeArg(kwargs, 'float32');
  if (d !== 'float32' && d !== 'float64') throw new Error(`${what}: dtype ${d} is not supported`);
  return d;
}

/** Interprets the statements of one case; tracks draws and the generator each call used. */
class Interpreter {
  readonly vars = new Map<string, Value>();
  readonly generators: Generator[] = [defaultGenerator];
  /** The generator used by the latest random call. */
  lastGenerator: Generator | null = null;

  totalDrawn(): number {
    return this.generators.reduce((s, g) => s + g.drawn, 0);
  }

  private used(g: Generator): Generator {
    this.lastGenerator = g;
    return g;
  }

  eval(n: Node): Value {
    switch (n.k) {
      case 'num':
        return /^\d+$/.test(n.text) ? BigInt(n.text) : Number(n.text);
      case 'name': {
        if (n.id === 'torch') return TORCH;
        if (n.id === 'range') return fn('range', (args) => Array.from({ length: toInt(args[0]!, 'range') }, (_, i) => BigInt(i)));
        const v = this.vars.get(n.id);
        if (v === undefined) throw new Error(`unknown name ${n.id}`);
        return v;
      }
      case 'neg': {
        const x = this.eval(n.x);
        if (typeof x === 'bigint') return -x;
        return -toFloat(x, 'unary -');
      }
      case 'bin':
        return binary(n.op, this.eval(n.a), this.eval(n.b));
      case 'tuple':
      case 'list':
        return n.items.map((x) => this.eval(x));
      case 'comp': {
        const iter = this.eval(n.iter);
        if (!Array.isArray(iter)) throw new Error('a comprehension needs a range');
        return iter.map(() => this.eval(n.elt));
      }
      case 'attr':
        return this.attr(this.eval(n.obj), n.name);
      case 'call': {
        const f = this.eval(n.fn);
        if (typeof f !== 'object' || f === null || !('fn' in f)) throw new Error('call of a value that is not a function');
        const args = n.args.map((a) => this.eval(a));
        const kwargs: Record<string, Value> = {};
        for (const [k, v] of n.kwargs) kwargs[k] = this.eval(v);
        return f.fn(args, kwargs);
      }
    }
  }

  private attr(obj: Value, name: string): Value {
    if (obj instanceof TorchModule) return this.torchAttr(name);
    if (obj instanceof Generator) return this.generatorAttr(obj, name);
    if (obj instanceof NDArray) return this.tensorAttr(obj, name);
    if (obj instanceof Int64Tensor) return this.int64Attr(obj, name);
    if (obj instanceof ShapeOnly) return this.shapeOnlyAttr(obj, name);
    throw new Error(`unsupported attribute .${name}`);
  }

  private torchAttr(name: string): Value {
    const dt = TORCH_DTYPES[name];
    if (dt) return new TorchDType(dt);
    switch (name) {
      case 'manual_seed':
        return fn(name, ([s]) => manualSeed(seedArg(s!)));
      case 'initial_seed':
        return fn(name, () => defaultGenerator.initialSeed());
      case 'get_rng_state':
        return fn(name, () => getRngState());
      case 'set_rng_state':
        return fn(name, ([s]) => {
          setRngState(s as GeneratorState);
          return null;
        });
      case 'Generator':
        return fn(name, (args, kwargs) => {
          if (args.length > 0 || Object.keys(kwargs).length > 0) throw new Error('Generator(...) arguments are not supported');
          const g = new Generator();
          this.generators.push(g);
          return g;
        });
      case 'rand':
      case 'randn':
        return fn(name, (args, kwargs) => {
          checkKwargs(name, kwargs, ['dtype', 'generator']);
          const g = this.used(generatorArg(kwargs, name));
          const opts = { dtype: floatDTypeArg(kwargs, name), generator: g };
          return name === 'rand' ? rand(sizeArgs(args, name), opts) : randn(sizeArgs(args, name), opts);
        });
      case 'normal':
        return fn(name, (args, kwargs) => {
          checkKwargs(name, kwargs, ['size', 'dtype', 'generator']);
          const size = kwargs.size ?? args[2];
          if (args.length < 2 || size === undefined) throw new Error('normal: only normal(mean, std, size) is supported');
          const g = this.used(generatorArg(kwargs, name));
          return normal(toFloat(args[0]!, 'mean'), toFloat(args[1]!, 'std'), sizeArgs([size], name), {
            dtype: floatDTypeArg(kwargs, name),
            generator: g,
          });
        });
      case 'randint':
        return fn(name, (args, kwargs) => {
          checkKwargs(name, kwargs, ['size', 'dtype', 'generator']);
          const rest = kwargs.size !== undefined ? [...args, kwargs.size] : args;
          if (rest.length !== 2 && rest.length !== 3) throw new Error('randint: expected (high, size) or (low, high, size)');
          const low = rest.length === 3 ? toInt(rest[0]!, 'low') : 0;
          const high = toInt(rest[rest.length - 2]!, 'high');
          const shape = sizeArgs([rest[rest.length - 1]!], name);
          const want = dtypeArg(kwargs, 'int64');
          const dtype = want === 'int64' ? randintDType(low, high) : want;
          if (dtype !== 'int32' && dtype !== 'float32' && dtype !== 'float64') throw new Error(`randint: dtype ${dtype}`);
          return randint(low, high, shape, { dtype, generator: this.used(generatorArg(kwargs, name)) });
        });
      case 'randperm':
        return fn(name, (args, kwargs) => {
          checkKwargs(name, kwargs, ['dtype', 'generator']);
          const want = dtypeArg(kwargs, 'int64');
          const dtype = want === 'int64' ? 'int32' : want;
          if (dtype !== 'int32' && dtype !== 'float32' && dtype !== 'float64') throw new Error(`randperm: dtype ${dtype}`);
          return randperm(toInt(args[0]!, 'n'), { dtype, generator: this.used(generatorArg(kwargs, name)) });
        });
      case 'empty':
        return fn(name, (args, kwargs) => {
          checkKwargs(name, kwargs, ['dtype']);
          const shape = sizeArgs(args, name);
          const size = shape.reduce((a, b) => a * b, 1);
          const dtype = dtypeArg(kwargs, 'float32');
          if (dtype === 'int64') return new Int64Tensor(shape, new Array<bigint>(size).fill(0n));
          if (dtype === 'float32') return new NDArray(new Float32Array(size), shape);
          if (dtype === 'float64') return new NDArray(new Float64Array(size), shape);
          if (dtype === 'int32') return new NDArray(new Int32Array(size), shape);
          return new NDArray(new Uint8Array(size), shape, undefined, 0, 'bool');
        });
      case 'arange':
        return fn(name, (args) => {
          const [start, end, step] =
            args.length === 1 ? [0, toFloat(args[0]!, 'end'), 1] : [toFloat(args[0]!, 'start'), toFloat(args[1]!, 'end'), args.length > 2 ? toFloat(args[2]!, 'step') : 1];
          // PyTorch: size = ceil((end - start) / step), computed in double
          return new ShapeOnly([Math.max(0, Math.ceil((end - start) / step))]);
        });
      default:
        throw new Error(`unsupported function torch.${name}`);
    }
  }

  private generatorAttr(g: Generator, name: string): Value {
    switch (name) {
      case 'manual_seed':
        return fn(name, ([s]) => g.manualSeed(seedArg(s!)));
      case 'initial_seed':
        return fn(name, () => g.initialSeed());
      case 'get_state':
        return fn(name, () => g.getState());
      case 'set_state':
        return fn(name, ([s]) => g.setState(s as GeneratorState));
      default:
        throw new Error(`unsupported Generator.${name}`);
    }
  }

  private tensorAttr(t: NDArray, name: string): Value {
    switch (name) {
      case 'uniform_':
      case 'normal_':
        return fn(name, (args, kwargs) => {
          checkKwargs(name, kwargs, ['generator']);
          const generator = this.used(generatorArg(kwargs, name));
          // uniform_(from=0, to=1) and normal_(mean=0, std=1)
          const p = args[0] === undefined ? 0 : toFloat(args[0], name);
          const q = args[1] === undefined ? 1 : toFloat(args[1], name);
          return name === 'uniform_' ? t.uniform_(p, q, { generator }) : t.normal_(p, q, { generator });
        });
      case 'random_':
        return fn(name, (args, kwargs) => {
          checkKwargs(name, kwargs, ['generator']);
          const generator = this.used(generatorArg(kwargs, name));
          if (args.length === 0) return t.random_({ generator });
          if (args.length === 1) return t.random_(toInt(args[0]!, 'to'), { generator });
          return t.random_(toInt(args[0]!, 'from'), toInt(args[1]!, 'to'), { generator });
        });
      case 'item':
        return fn(name, () => {
          if (t.size !== 1) throw new Error('item() of a tensor with more than one element');
          return readContiguous(t)[0]!;
        });
      case 'size':
        return fn(name, () => new Size([...t.shape]));
      default:
        throw new Error(`unsupported Tensor.${name}`);
    }
  }

  private int64Attr(t: Int64Tensor, name: string): Value {
    switch (name) {
      case 'random_':
        return fn(name, (args, kwargs) => {
          checkKwargs(name, kwargs, ['generator']);
          if (args.length > 0) throw new Error('int64 random_(from, to) is not supported');
          const generator = this.used(generatorArg(kwargs, name));
          for (let i = 0; i < t.data.length; i++) t.data[i] = randomInt64(generator);
          return t;
        });
      case 'item':
        return fn(name, () => {
          if (t.data.length !== 1) throw new Error('item() of a tensor with more than one element');
          return t.data[0]!;
        });
      case 'size':
        return fn(name, () => new Size([...t.shape]));
      default:
        throw new Error(`unsupported int64 Tensor.${name}`);
    }
  }

  private shapeOnlyAttr(t: ShapeOnly, name: string): Value {
    switch (name) {
      case 'view':
      case 'reshape':
        return fn(name, (args) => new ShapeOnly(inferShape(sizeArgs(args, name), t.shape.reduce((a, b) => a * b, 1))));
      case 'size':
        return fn(name, () => new Size([...t.shape]));
      default:
        throw new Error(`unsupported Tensor.${name} (arange is evaluated by shape only)`);
    }
  }

  /** The flattened result of a statement's value. */
  flat(v: Value, what: string): Flat {
    const g = this.lastGenerator;
    if (v instanceof NDArray) return flatOf(v, g);
    if (v instanceof Int64Tensor) return { dtype: 'int64', shape: v.shape, values: v.data, generator: g };
    if (typeof v === 'number' || typeof v === 'bigint') return { dtype: typeof v === 'bigint' ? 'int64' : 'float', shape: [], values: [v], generator: g };
    if (Array.isArray(v) && v.every((x) => typeof x === 'number' || typeof x === 'bigint')) {
      return { dtype: v.some((x) => typeof x === 'bigint') ? 'int64' : 'float', shape: [v.length], values: v as (number | bigint)[], generator: g };
    }
    throw new Error(`${what} does not give numbers`);
  }
}

function seedArg(s: Value): bigint {
  if (typeof s === 'bigint') return s;
  if (typeof s === 'number' && Number.isSafeInteger(s)) return BigInt(s);
  throw new Error(`manual_seed: expected an integer, got ${describeValue(s)}`);
}

function inferShape(dims: number[], size: number): number[] {
  const known = dims.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  return dims.map((d) => (d === -1 ? size / known : d));
}

function binary(op: string, a: Value, b: Value): Value {
  if (typeof a === 'bigint' && typeof b === 'bigint' && op !== '/') {
    if (op === '+') return a + b;
    if (op === '-') return a - b;
    if (op === '*') return a * b;
    if (op === '**' && b >= 0n) return a ** b;
  }
  const x = toFloat(a, op);
  const y = toFloat(b, op);
  if (op === '+') return x + y;
  if (op === '-') return x - y;
  if (op === '*') return x * y;
  if (op === '/') return x / y;
  if (op === '**') return x ** y;
  throw new Error(`unsupported operator ${op}`);
}

/** Normalises a call for matching a step to a statement: no comment, no spaces. */
function normaliseCall(src: string): string {
  return src.replace(/#[^\n]*/g, '').replace(/\s+/g, '');
}

/**
 * Runs a case's `expr` statement by statement. A statement whose source equals the next step's
 * `call` (comments and spaces aside) is checked against that step. Returns the last statement's
 * value and the draws it made.
 */
function runExpr(c: RngCase): { interp: Interpreter; last: Value; lastSrc: string; lastDrawn: number } {
  const interp = new Interpreter();
  const statements = parseStatements(c.expr);
  if (statements.length === 0) throw new Error(`${c.id}: empty expr`);
  const steps = c.steps ?? [];
  let stepIndex = 0;
  let last: Value = null;
  let lastDrawn = 0;
  for (const st of statements) {
    const before = interp.totalDrawn();
    interp.lastGenerator = null;
    last = interp.eval(st.expr);
    if (st.target !== null) interp.vars.set(st.target, last);
    lastDrawn = interp.totalDrawn() - before;
    const step = steps[stepIndex];
    if (step === undefined || normaliseCall(step.call) !== normaliseCall(st.src)) continue;
    stepIndex++;
    const what = `${c.id} step ${stepIndex} (${st.src})`;
    const out = interp.flat(last, what);
    if (step.values === undefined) throw new Error(`${what}: the step has no values`);
    const exact = step.dtype !== undefined && isIntegerDType(step.dtype);
    checkValues(what, out.values, step.values, exact, c.tol);
    if (step.shape) expect(out.shape, `${what} shape`).toEqual(step.shape);
    if (step.dtype !== undefined && !isIntegerDType(step.dtype)) expect(out.dtype, `${what} dtype`).toBe(step.dtype);
    if (step.u32_drawn_by_call !== undefined) expect(lastDrawn, `${what} u32_drawn_by_call`).toBe(step.u32_drawn_by_call);
    if (step.normal_cache_after !== undefined) {
      const states: Record<string, boolean> = { 'holds a double': true, empty: false };
      const expected = states[step.normal_cache_after];
      if (expected === undefined) throw new Error(`${what}: unknown normal_cache_after ${step.normal_cache_after}`);
      const g = out.generator ?? defaultGenerator;
      expect(g.nextDoubleNormal !== null, `${what} normal cache`).toBe(expected);
    }
  }
  if (stepIndex !== steps.length) {
    throw new Error(`${c.id}: step ${stepIndex + 1} (${steps[stepIndex]!.call}) matches no statement of the expr`);
  }
  return { interp, last, lastSrc: statements[statements.length - 1]!.src, lastDrawn };
}

// ---------------------------------------------------------------------------------------------

const ref = loadReference<RngCase>('rng.json');

describe('rng.json: PyTorch CPU random streams', () => {
  it('has cases', () => {
    expect(ref.cases.length).toBeGreaterThan(0);
  });

  it.each(ref.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    let out: Flat;
    let drawn: number;
    const single = singleKinds[c.kind];
    if (single) {
      manualSeed(seedValue(c));
      const before = defaultGenerator.drawn;
      out = single(c);
      drawn = defaultGenerator.drawn - before;
      checkCaseValues(c, out, integerKinds.has(c.kind));
    } else if (c.kind === 'sequence' || c.kind === 'seed_semantics') {
      if (c.kind === 'sequence' && !c.steps?.length) throw new Error(`${c.id}: a sequence case without steps`);
      const r = runExpr(c);
      drawn = r.lastDrawn;
      const needsLast = c.values !== undefined || c.first50 !== undefined || c.initial_seed !== undefined;
      out = needsLast ? r.interp.flat(r.last, r.lastSrc) : { dtype: '', shape: [], values: [], generator: null };
      if (c.values !== undefined || c.first50 !== undefined) checkCaseValues(c, out, false);
      else if (c.kind === 'seed_semantics') throw new Error(`${c.id}: a seed_semantics case without values`);
    } else {
      throw new Error(`${c.id}: unknown case kind ${JSON.stringify(c.kind)}`);
    }
    if (c.u32_drawn !== undefined) expect(drawn, 'u32_drawn').toBe(c.u32_drawn);
    if (c.initial_seed !== undefined) {
      expect((out.generator ?? defaultGenerator).initialSeed().toString(), 'initial_seed').toBe(c.initial_seed);
    }
    if (c.probe_after !== undefined) expect(randomInt64().toString(), 'probe_after').toBe(c.probe_after);
  });
});

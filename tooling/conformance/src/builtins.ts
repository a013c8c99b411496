/**
 * Python's builtins and `math` module as the reference files use them (`len(samples)`,
 * `[b for p, L in enumerate([3, 0, 4])]`, `lambda epoch: max(0.1, 0.5 ** epoch)`,
 * `math.cos(math.pi * e / 10)`). They are Python's, not PyTorch's, so every suite means the same by
 * them; a suite opts in by spreading {@link PYTHON_BUILTINS} (and {@link PYTHON_MATH} as `math`)
 * into its globals. Arguments they do not take throw `UnsupportedError`.
 */
import { type Call, type Value, bind } from './call.js';
import { type Fn, Namespace, iterable, pyFunctions } from './evaluate.js';
import { UnsupportedError } from './unsupported.js';

function integer(what: string, v: Value): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new UnsupportedError(`${what}: expected an int, got ${String(v)}`);
}

/** `min(a, b, ...)` or `min(iterable)` of numbers (no `key=` or `default=`). */
function extremum(name: 'min' | 'max', pick: (...xs: number[]) => number): Fn {
  return ({ args, kwargs }: Call) => {
    if (Object.keys(kwargs).length) throw new UnsupportedError(`${name}: keyword arguments are not mapped`);
    const xs = args.length === 1 ? Array.from(iterable(args[0])) : args;
    if (xs.length === 0) throw new UnsupportedError(`${name}() of an empty sequence`);
    if (!xs.every((x) => typeof x === 'number')) throw new UnsupportedError(`${name}: only numbers are mapped`);
    return pick(...xs);
  };
}

/**
 * `range`, `len`, `list`, `iter`, `next`, `enumerate`, `min` and `max`, called by bare name. A
 * range is a list here (gd's datasets and samplers take one wherever PyTorch takes a range).
 *
 * @example
 * const backend: Backend = { globals: { ...PYTHON_BUILTINS, math: PYTHON_MATH }, operators: {} };
 * evaluateExpr('[x * 2 for x in range(3)]', {}, backend); // [0, 2, 4]
 */
export const PYTHON_BUILTINS = pyFunctions({
  range: (c) => {
    const [a, b, s] = bind('range', ['start', 'stop', 'step'], { args: c.args, kwargs: {} });
    if (Object.keys(c.kwargs).length) throw new UnsupportedError('range: keyword arguments');
    const [start, stop] = b === undefined ? [0, integer('range', a)] : [integer('range', a), integer('range', b)];
    const step = s === undefined ? 1 : integer('range', s);
    if (step === 0) throw new UnsupportedError('range() arg 3 must not be zero');
    const out: number[] = [];
    for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
    return out;
  },
  len: (c) => {
    const [x] = bind('len', ['obj'], c);
    const n = typeof x === 'string' ? x.length : (x as { length?: unknown } | null | undefined)?.length;
    if (typeof n !== 'number') throw new UnsupportedError(`len() of ${String(x)}, which has no length`);
    return n;
  },
  list: (c) => {
    const [x] = bind('list', ['iterable'], c);
    return x === undefined ? [] : Array.from(iterable(x));
  },
  iter: (c) => {
    const [x] = bind('iter', ['object'], c);
    return iterable(x)[Symbol.iterator]();
  },
  next: (c) => {
    const [it] = bind('next', ['iterator'], c);
    const step = (it as Partial<Iterator<Value>> | null | undefined)?.next;
    if (typeof step !== 'function') throw new UnsupportedError(`next: ${String(it)} is not an iterator`);
    const r = step.call(it);
    if (r.done === true) throw new UnsupportedError('next() of an exhausted iterator (StopIteration)');
    return r.value;
  },
  enumerate: (c) => {
    const [xs, start] = bind('enumerate', ['iterable', 'start'], c);
    const first = start === undefined ? 0 : integer('enumerate', start);
    return Array.from(iterable(xs), (x, i) => [first + i, x]);
  },
  min: extremum('min', Math.min),
  max: extremum('max', Math.max),
});

/** `math.<name>(x)` that JS's Math computes under the same name. */
const UNARY_MATH = ['sqrt', 'exp', 'expm1', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'floor', 'ceil', 'trunc'] as const;

function numbers(name: string, c: Call, arity: number): number[] {
  if (Object.keys(c.kwargs).length) throw new UnsupportedError(`math.${name}: keyword arguments`);
  if (c.args.length !== arity || !c.args.every((x) => typeof x === 'number')) {
    throw new UnsupportedError(`math.${name}: expected ${arity} number(s)`);
  }
  return c.args;
}

/** Python's `math` module: its common functions and `pi`, `e`, `inf`, `nan`. */
export const PYTHON_MATH = new Namespace(
  'math',
  {
    ...Object.fromEntries(
      UNARY_MATH.map((name): [string, Fn] => [name, (c) => Math[name](numbers(name, c, 1)[0]!)]),
    ),
    fabs: (c) => Math.abs(numbers('fabs', c, 1)[0]!),
    pow: (c) => Math.pow(...(numbers('pow', c, 2) as [number, number])),
    atan2: (c) => Math.atan2(...(numbers('atan2', c, 2) as [number, number])),
    hypot: (c) => Math.hypot(...numbers('hypot', c, c.args.length)),
    // math.log(x) is the natural logarithm, math.log(x, base) the logarithm to `base`
    log: (c) => {
      const [x, base] = numbers('log', c, c.args.length === 2 ? 2 : 1);
      return base === undefined ? Math.log(x!) : Math.log(x!) / Math.log(base);
    },
  },
  { attrs: { pi: Math.PI, e: Math.E, tau: 2 * Math.PI, inf: Infinity, nan: NaN } },
);

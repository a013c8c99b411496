/**
 * Evaluates the reference files' Python (`torch.manual_seed(0); m = nn.Linear(3, 5, bias=False)`,
 * `model[0](X)`, `F.cross_entropy(x, t, reduction='sum')`, `(out * upstream).sum().backward()`)
 * with @gd/nn modules and @gd/autograd Tensors. PyTorch names map to camelCase, keyword arguments
 * to positions or options through one table per callable. Anything not mapped throws, so an
 * unsupported case fails instead of passing. Test code of this package only.
 */
import * as ag from '@gd/autograd';
import { Tensor } from '@gd/autograd';
import type { Expr } from '@gd/conformance';
import { parseExpr, parseStatements } from '@gd/conformance';
import { Generator } from '@gd/tensor';
import * as nn from '../../src/index.js';
import { Module, functional as F } from '../../src/index.js';

export class UnsupportedError extends Error {
  override name = 'UnsupportedError';
}

type Value = unknown;
export type Env = Record<string, Value>;

interface Call {
  args: Value[];
  kwargs: Record<string, Value>;
}

const TORCH = Symbol('torch');
const NN = Symbol('nn');
const FUNCTIONAL = Symbol('F');
const OPTIM = Symbol('torch.optim');

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * Binds a call to the parameter list `params` (PyTorch's order) and returns the values by name.
 * Parameters PyTorch deprecated (`size_average`, `reduce`) must be left at None.
 */
function bind(what: string, params: readonly string[], { args, kwargs }: Call): Record<string, Value> {
  if (args.length > params.length) throw new UnsupportedError(`${what}: too many arguments`);
  const out: Record<string, Value> = {};
  args.forEach((v, i) => (out[params[i]!] = v));
  for (const [k, v] of Object.entries(kwargs)) {
    if (!params.includes(k)) throw new UnsupportedError(`${what}: unknown keyword argument ${k}`);
    if (k in out) throw new UnsupportedError(`${what}: ${k} given twice`);
    out[k] = v;
  }
  for (const k of ['size_average', 'reduce']) {
    if (out[k] !== undefined && out[k] !== null) throw new UnsupportedError(`${what}: ${k} is deprecated and not mapped`);
    delete out[k];
  }
  if (out.inplace === true) throw new UnsupportedError(`${what}: inplace=True is not mapped`);
  delete out.inplace;
  return out;
}

/** The bound values other than `positional`, as a camelCase options object (None → absent). */
function options(bound: Record<string, Value>, positional: readonly string[] = []): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(bound)) if (!positional.includes(k) && v !== null && v !== undefined) out[camel(k)] = v;
  return out;
}

function asTensor(v: Value, what: string): Tensor {
  if (v instanceof Tensor) return v;
  throw new UnsupportedError(`${what}: expected a tensor, got ${String(v)}`);
}

/** Varargs sizes: `randn(4, 3)` and `randn((4, 3))` both mean [4, 3]. */
function sizes(args: Value[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return args[0] as number[];
  return args as number[];
}

// ---- nn.* constructors ----------------------------------------------------------------------------

type Ctor = (c: Call) => Value;

function lossCtor<T>(what: string, params: readonly string[], make: (o: Record<string, Value>) => T): Ctor {
  return (c) => make(options(bind(what, params, c)));
}

const nnCtors: Record<string, Ctor> = {
  Linear: (c) => {
    const b = bind('nn.Linear', ['in_features', 'out_features', 'bias', 'device', 'dtype'], c);
    if (b.device !== undefined && b.device !== null) throw new UnsupportedError('nn.Linear: device is not mapped');
    return new nn.Linear(b.in_features as number, b.out_features as number, options(b, ['in_features', 'out_features', 'device']));
  },
  Sequential: (c) => {
    if (Object.keys(c.kwargs).length) throw new UnsupportedError('nn.Sequential: keyword arguments');
    return new nn.Sequential(...(c.args as nn.TensorModule[]));
  },
  ReLU: (c) => (bind('nn.ReLU', ['inplace'], c), new nn.ReLU()),
  Tanh: (c) => (bind('nn.Tanh', [], c), new nn.Tanh()),
  Sigmoid: (c) => (bind('nn.Sigmoid', [], c), new nn.Sigmoid()),
  Identity: () => new nn.Identity(),
  LeakyReLU: (c) => new nn.LeakyReLU((bind('nn.LeakyReLU', ['negative_slope', 'inplace'], c).negative_slope as number | undefined) ?? 0.01),
  ELU: (c) => new nn.ELU((bind('nn.ELU', ['alpha', 'inplace'], c).alpha as number | undefined) ?? 1),
  SiLU: (c) => (bind('nn.SiLU', ['inplace'], c), new nn.SiLU()),
  Softplus: (c) => {
    const b = bind('nn.Softplus', ['beta', 'threshold'], c);
    return new nn.Softplus((b.beta as number | undefined) ?? 1, (b.threshold as number | undefined) ?? 20);
  },
  LogSigmoid: (c) => (bind('nn.LogSigmoid', [], c), new nn.LogSigmoid()),
  Softmax: (c) => new nn.Softmax(bind('nn.Softmax', ['dim'], c).dim as number),
  LogSoftmax: (c) => new nn.LogSoftmax(bind('nn.LogSoftmax', ['dim'], c).dim as number),
  Flatten: (c) => {
    const b = bind('nn.Flatten', ['start_dim', 'end_dim'], c);
    return new nn.Flatten((b.start_dim as number | undefined) ?? 1, (b.end_dim as number | undefined) ?? -1);
  },
  Dropout: (c) => new nn.Dropout((bind('nn.Dropout', ['p', 'inplace'], c).p as number | undefined) ?? 0.5),
  MSELoss: lossCtor('nn.MSELoss', ['size_average', 'reduce', 'reduction'], (o) => new nn.MSELoss(o)),
  L1Loss: lossCtor('nn.L1Loss', ['size_average', 'reduce', 'reduction'], (o) => new nn.L1Loss(o)),
  HuberLoss: lossCtor('nn.HuberLoss', ['reduction', 'delta'], (o) => new nn.HuberLoss(o)),
  SmoothL1Loss: lossCtor('nn.SmoothL1Loss', ['size_average', 'reduce', 'reduction', 'beta'], (o) => new nn.SmoothL1Loss(o)),
  NLLLoss: lossCtor('nn.NLLLoss', ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'], (o) => new nn.NLLLoss(o)),
  CrossEntropyLoss: lossCtor(
    'nn.CrossEntropyLoss',
    ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
    (o) => new nn.CrossEntropyLoss(o),
  ),
  BCELoss: lossCtor('nn.BCELoss', ['weight', 'size_average', 'reduce', 'reduction'], (o) => new nn.BCELoss(o)),
  BCEWithLogitsLoss: lossCtor(
    'nn.BCEWithLogitsLoss',
    ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight'],
    (o) => new nn.BCEWithLogitsLoss(o),
  ),
};

// ---- F.* functions --------------------------------------------------------------------------------

/** A two-operand loss `F.name(input, target, ...)` with the rest as options. */
function lossFn(what: string, params: readonly string[], fn: (x: Tensor, t: Tensor, o: Record<string, Value>) => Tensor) {
  return (c: Call): Value => {
    const b = bind(what, ['input', 'target', ...params], c);
    return fn(asTensor(b.input, what), asTensor(b.target, what), options(b, ['input', 'target']));
  };
}

const functionalFns: Record<string, (c: Call) => Value> = {
  mse_loss: lossFn('F.mse_loss', ['size_average', 'reduce', 'reduction'], (x, t, o) => F.mseLoss(x, t, o)),
  l1_loss: lossFn('F.l1_loss', ['size_average', 'reduce', 'reduction'], (x, t, o) => F.l1Loss(x, t, o)),
  huber_loss: lossFn('F.huber_loss', ['reduction', 'delta'], (x, t, o) => F.huberLoss(x, t, o)),
  smooth_l1_loss: lossFn('F.smooth_l1_loss', ['size_average', 'reduce', 'reduction', 'beta'], (x, t, o) => F.smoothL1Loss(x, t, o)),
  nll_loss: lossFn('F.nll_loss', ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction'], (x, t, o) => F.nllLoss(x, t, o)),
  cross_entropy: lossFn(
    'F.cross_entropy',
    ['weight', 'size_average', 'ignore_index', 'reduce', 'reduction', 'label_smoothing'],
    (x, t, o) => F.crossEntropy(x, t, o),
  ),
  binary_cross_entropy_with_logits: lossFn(
    'F.binary_cross_entropy_with_logits',
    ['weight', 'size_average', 'reduce', 'reduction', 'pos_weight'],
    (x, t, o) => F.binaryCrossEntropyWithLogits(x, t, o),
  ),
  binary_cross_entropy: lossFn(
    'F.binary_cross_entropy',
    ['weight', 'size_average', 'reduce', 'reduction'],
    (x, t, o) => F.binaryCrossEntropy(x, t, o),
  ),
  relu: (c) => F.relu(asTensor(bind('F.relu', ['input', 'inplace'], c).input, 'F.relu')),
  leaky_relu: (c) => {
    const b = bind('F.leaky_relu', ['input', 'negative_slope', 'inplace'], c);
    return F.leakyRelu(asTensor(b.input, 'F.leaky_relu'), b.negative_slope as number | undefined);
  },
  elu: (c) => {
    const b = bind('F.elu', ['input', 'alpha', 'inplace'], c);
    return F.elu(asTensor(b.input, 'F.elu'), b.alpha as number | undefined);
  },
  silu: (c) => F.silu(asTensor(bind('F.silu', ['input', 'inplace'], c).input, 'F.silu')),
  softplus: (c) => {
    const b = bind('F.softplus', ['input', 'beta', 'threshold'], c);
    return F.softplus(asTensor(b.input, 'F.softplus'), b.beta as number | undefined, b.threshold as number | undefined);
  },
  logsigmoid: (c) => F.logsigmoid(asTensor(bind('F.logsigmoid', ['input'], c).input, 'F.logsigmoid')),
  sigmoid: (c) => F.sigmoid(asTensor(bind('F.sigmoid', ['input'], c).input, 'F.sigmoid')),
  tanh: (c) => F.tanh(asTensor(bind('F.tanh', ['input'], c).input, 'F.tanh')),
  softmax: (c) => {
    const b = bind('F.softmax', ['input', 'dim'], c);
    return F.softmax(asTensor(b.input, 'F.softmax'), b.dim as number);
  },
  log_softmax: (c) => {
    const b = bind('F.log_softmax', ['input', 'dim'], c);
    return F.logSoftmax(asTensor(b.input, 'F.log_softmax'), b.dim as number);
  },
  linear: (c) => {
    const b = bind('F.linear', ['input', 'weight', 'bias'], c);
    return F.linear(asTensor(b.input, 'F.linear'), asTensor(b.weight, 'F.linear'), (b.bias as Tensor | null | undefined) ?? null);
  },
  dropout: (c) => {
    const b = bind('F.dropout', ['input', 'p', 'training', 'inplace'], c);
    return F.dropout(asTensor(b.input, 'F.dropout'), options(b, ['input']));
  },
};

// ---- torch.* functions ----------------------------------------------------------------------------

/** `generator=g` of a torch random function, as gd's option. */
function randomOptions(what: string, kwargs: Record<string, Value>): { generator?: Generator; requiresGrad?: boolean } {
  const out: { generator?: Generator; requiresGrad?: boolean } = {};
  for (const [k, v] of Object.entries(kwargs)) {
    if (k === 'generator') out.generator = v as Generator;
    else if (k === 'requires_grad') out.requiresGrad = v as boolean;
    else throw new UnsupportedError(`${what}: keyword argument ${k} is not mapped`);
  }
  return out;
}

const torchFns: Record<string, (c: Call) => Value> = {
  manual_seed: (c) => ag.manualSeed(bind('torch.manual_seed', ['seed'], c).seed as number),
  Generator: (c) => (bind('torch.Generator', [], c), new Generator()),
  randn: (c) => ag.randn(sizes(c.args), randomOptions('torch.randn', c.kwargs)),
  rand: (c) => ag.rand(sizes(c.args), randomOptions('torch.rand', c.kwargs)),
  randint: (c) => {
    const { generator } = randomOptions('torch.randint', c.kwargs);
    const [a, b, s] = c.args;
    if (s === undefined) return ag.randint(a as number, b as number[], { generator });
    return ag.randint(a as number, b as number, s as number[], { generator });
  },
  ones: (c) => ag.ones(sizes(c.args), options(bind('torch.ones', [], { args: [], kwargs: c.kwargs }))),
  zeros: (c) => ag.zeros(sizes(c.args), options(bind('torch.zeros', [], { args: [], kwargs: c.kwargs }))),
};

// ---- methods --------------------------------------------------------------------------------------

/** The Tensor methods the files call, by PyTorch name: their parameter lists. */
const tensorMethods: Record<string, readonly string[]> = {
  requires_grad_: ['requires_grad'],
  sum: ['dim', 'keepdim'],
  mean: ['dim', 'keepdim'],
  backward: ['gradient', 'retain_graph', 'create_graph'],
  item: [],
  detach: [],
  t: [],
  relu: [],
  sigmoid: [],
  tanh: [],
  exp: [],
  log: [],
  abs: [],
  neg: [],
  softmax: ['dim'],
  log_softmax: ['dim'],
};

function callTensorMethod(obj: Tensor, name: string, call: Call): Value {
  const params = tensorMethods[name];
  if (params === undefined) throw new UnsupportedError(`tensor method ${name} is not mapped`);
  const b = bind(`Tensor.${name}`, params, call);
  if (name === 'backward') {
    const { gradient, ...rest } = options(b);
    return obj.backward(gradient as Tensor | undefined, rest);
  }
  const args = params.map((p) => b[p]);
  while (args.length && args[args.length - 1] === undefined) args.pop();
  const method = (obj as unknown as Record<string, unknown>)[camel(name)];
  if (typeof method !== 'function') throw new UnsupportedError(`Tensor has no method ${camel(name)}`);
  return (method as (...a: Value[]) => Value).apply(obj, args);
}

/** Module methods by PyTorch name: positional arguments, keyword arguments as camelCase options. */
function callModuleMethod(obj: Module<unknown[], unknown>, name: string, call: Call): Value {
  const method = (obj as unknown as Record<string, unknown>)[camel(name)];
  if (typeof method !== 'function') throw new UnsupportedError(`Module has no method ${camel(name)}`);
  const kw = Object.fromEntries(Object.entries(call.kwargs).map(([k, v]) => [camel(k), v]));
  const args = Object.keys(kw).length ? [...call.args, kw] : call.args;
  return (method as (...a: Value[]) => Value).apply(obj, args);
}

/**
 * A stand-in for `torch.optim.SGD(params, lr)` that only knows `zero_grad`, with PyTorch 1.13's
 * Optimizer.zero_grad: fill the existing gradients with zeros, or drop them with set_to_none.
 * (@gd/nn may not depend on @gd/optim; the semantics case needs the optimizer's zero_grad.)
 */
class OptimizerStandIn {
  constructor(readonly params: Tensor[]) {}
  zero_grad({ setToNone = false }: { setToNone?: boolean } = {}): void {
    for (const p of this.params) {
      if (p.grad === null) continue;
      if (setToNone) p.grad = null;
      else ag.noGrad(() => p.grad!.zero_());
    }
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
      return ag.matmul(asTensor(a, '@'), asTensor(b, '@'));
  }
  throw new UnsupportedError(`operator ${op} is not mapped`);
}

export function evaluate(e: Expr, env: Env): Value {
  switch (e.kind) {
    case 'num':
    case 'str':
      return e.value;
    case 'const':
      return e.value === 'ellipsis' ? undefined : e.value;
    case 'name':
      if (e.id === 'torch') return TORCH;
      if (e.id === 'nn') return NN;
      if (e.id === 'F') return FUNCTIONAL;
      if (e.id === 'math') return Math;
      if (!(e.id in env)) throw new UnsupportedError(`unknown name ${e.id}`);
      return env[e.id];
    case 'list':
    case 'tuple':
      return e.items.map((x) => evaluate(x, env));
    case 'unary': {
      const v = evaluate(e.operand, env);
      if (e.op === '+') return v;
      if (e.op === 'not') return !v;
      return typeof v === 'number' ? -v : asTensor(v, 'unary -').neg();
    }
    case 'binary':
      return binaryOp(e.op, evaluate(e.left, env), evaluate(e.right, env));
    case 'slice':
      throw new UnsupportedError('slices are not mapped');
    case 'index': {
      const obj = evaluate(e.obj, env);
      const items = e.items.map((x) => evaluate(x, env));
      if (obj instanceof nn.Sequential && items.length === 1 && typeof items[0] === 'number') return obj.at(items[0]);
      if (obj instanceof Tensor) return obj.index(...(items as ag.TensorIndex[]));
      throw new UnsupportedError('indexing is mapped for Sequential and Tensor only');
    }
    case 'attr': {
      const obj = evaluate(e.obj, env);
      if (obj === TORCH && e.name === 'optim') return OPTIM;
      if (obj === TORCH || obj === NN || obj === FUNCTIONAL || obj === OPTIM) {
        throw new UnsupportedError(`${e.name} used without a call`);
      }
      if (obj === Math) {
        if (e.name === 'sqrt') return Math.sqrt;
        if (e.name === 'pi') return Math.PI;
        throw new UnsupportedError(`math.${e.name} is not mapped`);
      }
      if (obj instanceof Tensor) {
        if (e.name === 'shape') return [...obj.shape];
        if (e.name === 'grad') return obj.grad;
        if (e.name === 'T') return obj.T;
        if (e.name === 'requires_grad') return obj.requiresGrad;
      }
      if (obj instanceof Module) {
        const field = (obj as unknown as Record<string, unknown>)[camel(e.name)];
        if (field !== undefined && typeof field !== 'function') return field;
      }
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
        if (owner === NN) {
          const ctor = nnCtors[name];
          if (!ctor) throw new UnsupportedError(`nn.${name} is not mapped`);
          return ctor(call);
        }
        if (owner === FUNCTIONAL) {
          const fn = functionalFns[name];
          if (!fn) throw new UnsupportedError(`F.${name} is not mapped`);
          return fn(call);
        }
        if (owner === TORCH) {
          const fn = torchFns[name];
          if (!fn) throw new UnsupportedError(`torch.${name} is not mapped`);
          return fn(call);
        }
        if (owner === OPTIM) {
          if (name !== 'SGD' && name !== 'Adam') throw new UnsupportedError(`torch.optim.${name} is not mapped`);
          return new OptimizerStandIn(call.args[0] as Tensor[]);
        }
        if (owner === Math && name === 'sqrt') return Math.sqrt(call.args[0] as number);
        if (owner instanceof Generator && name === 'manual_seed') return owner.manualSeed(call.args[0] as number);
        if (owner instanceof OptimizerStandIn && name === 'zero_grad') {
          const b = bind('zero_grad', ['set_to_none'], call);
          return owner.zero_grad({ setToNone: b.set_to_none === true });
        }
        if (owner instanceof Tensor) return callTensorMethod(owner, name, call);
        if (owner instanceof Module) return callModuleMethod(owner as Module<unknown[], unknown>, name, call);
        throw new UnsupportedError(`method ${name} of ${String(owner)} is not mapped`);
      }
      const fn = evaluate(e.fn, env);
      if (fn instanceof Module) {
        if (Object.keys(call.kwargs).length) throw new UnsupportedError('module call: keyword arguments');
        return (fn as Module<unknown[], unknown>).call(...call.args);
      }
      throw new UnsupportedError('only torch.*, nn.*, F.*, method and module calls are mapped');
    }
  }
}

/** Evaluates one expression with the inputs bound by name. */
export function evaluateExpr(src: string, env: Env): Value {
  return evaluate(parseExpr(src), env);
}

/** Does the expression call `F.*` (torch.nn.functional)? */
export function usesFunctional(src: string): boolean {
  const uses = (e: unknown): boolean =>
    typeof e === 'object' &&
    e !== null &&
    (((e as { kind?: string }).kind === 'name' && (e as { id?: string }).id === 'F') || Object.values(e).some(uses));
  return uses(parseExpr(src));
}

/**
 * `class Net(nn.Module): __init__ assigns self.fc1 = nn.Linear(3, 4); self.act = nn.ReLU()`: the
 * files' one-line description of a custom module, as a Module subclass named `Net` whose
 * constructor assigns those fields in that order.
 */
const CLASS_LINE = /^class\s+(\w+)\(nn\.Module\):\s*__init__ assigns\s+(.*)$/;

function defineModuleClass(src: string, env: Env): Module<unknown[], unknown> {
  const m = CLASS_LINE.exec(src.trim())!;
  const name = m[1]!;
  const fields = m[2]!.split(';').map((part) => {
    const a = /^\s*self\.(\w+)\s*=\s*(.+?)\s*$/.exec(part);
    if (!a) throw new UnsupportedError(`cannot read the field assignment "${part}" in ${src}`);
    return [a[1]!, parseExpr(a[2]!)] as const;
  });
  const classes = {
    [name]: class extends Module<unknown[], unknown> {
      constructor() {
        super();
        for (const [field, expr] of fields) (this as unknown as Record<string, unknown>)[field] = evaluate(expr, env);
      }
      forward(): unknown {
        throw new UnsupportedError(`${name}.forward is not described by the reference file`);
      }
    },
  };
  return new classes[name]!();
}

/**
 * Runs `;`-separated statements (or a class description) and returns the value of the last one.
 * Assignments bind names in `env`.
 */
export function runStatements(src: string, env: Env): Value {
  if (CLASS_LINE.test(src.trim())) return defineModuleClass(src, env);
  let last: Value;
  for (const st of parseStatements(src)) {
    last = evaluate(st.value, env);
    if (st.kind === 'assign') env[st.target] = last;
  }
  return last;
}

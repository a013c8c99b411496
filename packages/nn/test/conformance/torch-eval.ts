/**
 * @gd/nn's bindings for the reference files' Python (`torch.manual_seed(0); m = nn.Linear(3, 5,
 * bias=False)`, `model[0](X)`, `F.cross_entropy(x, t, reduction='sum')`,
 * `(out * upstream).sum().backward()`): which @gd/nn module or function, or @gd/autograd Tensor
 * method, each PyTorch name is, with keyword arguments mapped to positions or options through one
 * table per callable. @gd/conformance evaluates the expressions with them; anything not bound here
 * throws there, so an unsupported case fails instead of passing. Test code of this package only.
 */
import * as ag from '@gd/autograd';
import { Tensor } from '@gd/autograd';
import {
  type Backend,
  type Call,
  type Env,
  Namespace,
  TENSOR_METHODS,
  UNMAPPED,
  UnsupportedError,
  bindNamed,
  camel,
  callTensorMethod,
  evaluate,
  evaluateExpr as evaluateWith,
  parseExpr,
  pick,
  runStatements as runWith,
  sizes,
  torchOperators,
} from '@gd/conformance';
import { Generator } from '@gd/tensor';
import * as nn from '../../src/index.js';
import { Module, functional as F } from '../../src/index.js';

type Value = unknown;

/**
 * Binds a call to the parameter list `params` (PyTorch's order) and returns the values by name.
 * Parameters PyTorch deprecated (`size_average`, `reduce`) must be left at None.
 */
function bind(what: string, params: readonly string[], call: Call): Record<string, Value> {
  const out = bindNamed(what, params, call);
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

/** The Tensor methods the files call, by PyTorch name (`backward` takes its flags as options). */
const tensorMethods = pick(TENSOR_METHODS, [
  ...['requires_grad_', 'sum', 'mean', 'backward', 'item', 'detach', 't'],
  ...['relu', 'sigmoid', 'tanh', 'exp', 'log', 'abs', 'neg', 'softmax', 'log_softmax'],
]);

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

const optim = new Namespace('torch.optim', {
  SGD: (c) => new OptimizerStandIn(c.args[0] as Tensor[]),
  Adam: (c) => new OptimizerStandIn(c.args[0] as Tensor[]),
});

const backend: Backend = {
  globals: {
    torch: new Namespace('torch', torchFns, { attrs: { optim } }),
    nn: new Namespace('nn', nnCtors),
    F: new Namespace('F', functionalFns),
    math: new Namespace('math', { sqrt: (c) => Math.sqrt(c.args[0] as number) }, { attrs: { sqrt: Math.sqrt, pi: Math.PI } }),
  },
  operators: torchOperators(ag),
  slice: (start, stop, step) => ag.slice(start, stop, step),
  index(obj, items) {
    if (obj instanceof nn.Sequential && items.length === 1 && typeof items[0] === 'number') return obj.at(items[0]);
    if (obj instanceof Tensor) return obj.index(...(items as ag.TensorIndex[]));
    return UNMAPPED;
  },
  attribute(obj, name) {
    if (obj instanceof Tensor) {
      if (name === 'shape') return [...obj.shape];
      if (name === 'grad') return obj.grad;
      if (name === 'T') return obj.T;
      if (name === 'requires_grad') return obj.requiresGrad;
    }
    if (obj instanceof Module) {
      const field = (obj as unknown as Record<string, unknown>)[camel(name)];
      if (field !== undefined && typeof field !== 'function') return field;
    }
    return UNMAPPED;
  },
  method(obj, name, call) {
    if (obj instanceof Generator && name === 'manual_seed') return obj.manualSeed(call.args[0] as number);
    if (obj instanceof OptimizerStandIn && name === 'zero_grad') {
      return obj.zero_grad({ setToNone: bind('zero_grad', ['set_to_none'], call).set_to_none === true });
    }
    if (obj instanceof Tensor) return callTensorMethod(obj, name, call, tensorMethods, { backward: 1 });
    if (obj instanceof Module) return callModuleMethod(obj as Module<unknown[], unknown>, name, call);
    return UNMAPPED;
  },
  call(fn, call) {
    if (!(fn instanceof Module)) return UNMAPPED;
    if (Object.keys(call.kwargs).length) throw new UnsupportedError('module call: keyword arguments');
    return (fn as Module<unknown[], unknown>).call(...call.args);
  },
};

/** Evaluates one expression with the inputs bound by name. */
export function evaluateExpr(src: string, env: Env): Value {
  return evaluateWith(src, env, backend);
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
        for (const [field, expr] of fields) (this as unknown as Record<string, unknown>)[field] = evaluate(expr, env, backend);
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
  return runWith(src, env, backend);
}

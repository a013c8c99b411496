/**
 * @gd/autograd's bindings for the reference files' Python (`a.sum(dim=1)`, `torch.cat([a, b])`,
 * `(w * x + b - y) ** 2`): which autograd function or Tensor method each PyTorch name is, so the
 * same expression gives both the value and, through backward, the gradients. @gd/conformance
 * evaluates the expressions with them; anything not bound here throws there, so an unsupported
 * case fails instead of passing. `F.*` throws OutOfScopeError: those cases are @gd/nn's.
 */
import {
  BINARY_NAMES,
  type Backend,
  type Env,
  type Fn,
  Namespace,
  REDUCTION_NAMES,
  TENSOR_METHODS,
  UNARY_NAMES,
  UNMAPPED,
  UnsupportedError,
  bind,
  callTensorMethod,
  creationFunctions,
  evaluateExpr as evaluateWith,
  isIntExpr,
  outOfScope,
  pick,
  torchFunctions,
  torchOperators,
} from '@gd/conformance';
import * as ag from '../../src/index.js';
import { Tensor } from '../../src/index.js';

/** `torch.<name>` functions. */
const torchFns: Record<string, Fn> = {
  ...torchFunctions(
    ag,
    [
      ...UNARY_NAMES,
      ...REDUCTION_NAMES,
      ...BINARY_NAMES,
      ...['add', 'sub', 'clamp', 'where', 'softmax', 'log_softmax', 'cat', 'stack', 'index_select', 'gather', 'manual_seed'],
    ],
    { add: 2, sub: 2 },
  ),
  ...creationFunctions(ag),
  // torch.tensor([2, 0, 2]) is an integer tensor: Python ints give int32 (gd's int64)
  tensor: (c, site) => {
    const [data, dtype, requiresGrad] = bind('tensor', ['data', 'dtype', 'requires_grad'], c);
    if (dtype !== undefined) throw new UnsupportedError('torch.tensor: dtype is not mapped');
    const int = isIntExpr(site.argExprs[0]!, site.env);
    return ag.tensor(data as number[], { dtype: int ? 'int32' : undefined, requiresGrad: requiresGrad === true });
  },
};

/** Tensor methods, by PyTorch name; `add` and `sub` take `alpha` as an option. */
const methods = pick(TENSOR_METHODS, [
  ...UNARY_NAMES,
  ...REDUCTION_NAMES,
  ...BINARY_NAMES,
  ...['add', 'sub', 'clamp', 'view', 'reshape', 'permute', 'expand', 'transpose', 'unsqueeze', 'squeeze', 'flatten'],
  ...['select', 'narrow', 'index_select', 'gather', 't', 'contiguous', 'clone', 'detach', 'softmax', 'log_softmax'],
  ...['item', 'tolist', 'size'],
]);

const backend: Backend = {
  globals: { torch: new Namespace('torch', torchFns), F: outOfScope('F', '@gd/nn') },
  operators: torchOperators(ag),
  slice: (start, stop, step) => ag.slice(start, stop, step),
  index: (obj, items) => (obj instanceof Tensor ? obj.index(...(items as ag.TensorIndex[])) : UNMAPPED),
  attribute(obj, name) {
    if (obj instanceof Tensor) {
      if (name === 'shape') return [...obj.shape];
      if (name === 'T') return obj.T;
      if (name === 'grad') return obj.grad;
      if (name === 'data') return new Tensor(obj.data);
    }
    if (obj !== null && typeof obj === 'object' && name in obj) return (obj as Record<string, unknown>)[name];
    return UNMAPPED;
  },
  method: (obj, name, call) => (obj instanceof Tensor ? callTensorMethod(obj, name, call, methods, { add: 1, sub: 1 }) : UNMAPPED),
};

/** Evaluates one reference expression with the inputs bound by name. */
export function evaluateExpr(src: string, env: Env): unknown {
  return evaluateWith(src, env, backend);
}

/**
 * @gd/tensor's bindings for the reference files' Python (`a.sum(dim=1)`, `torch.cat([a, b])`,
 * `a[..., 1]`): which gd function or NDArray method each PyTorch name is. @gd/conformance evaluates
 * the expressions with them; anything not bound here throws there, so an unsupported case fails
 * instead of passing. `F.*` throws OutOfScopeError: those cases are @gd/nn's.
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
  bind,
  callTensorMethod,
  creationFunctions,
  evaluateExpr as evaluateWith,
  isIntExpr,
  outOfScope,
  pick,
  runStatements as runWith,
  torchFunctions,
  torchOperators,
} from '@gd/conformance';
import * as gd from '../../src/index.js';
import { NDArray } from '../../src/index.js';

/** `torch.<name>` functions. */
const torchFns: Record<string, Fn> = {
  ...torchFunctions(
    gd,
    [
      ...UNARY_NAMES,
      ...REDUCTION_NAMES.filter((n) => n !== 'max' && n !== 'min'),
      ...BINARY_NAMES,
      ...['add', 'sub', 'clamp', 'where', 'softmax', 'log_softmax', 'cat', 'stack', 'index_select', 'gather', 'manual_seed'],
    ],
    { add: 2, sub: 2 },
  ),
  ...creationFunctions(gd),
  // torch.tensor([2, 0, 2]) is an integer tensor: Python ints give int32 (gd's int64); keywords are ignored
  tensor: (c, site) => {
    const [data] = bind('tensor', ['data'], { args: c.args, kwargs: {} });
    return gd.tensor(data as number[], isIntExpr(site.argExprs[0]!, site.env) ? { dtype: 'int32' } : undefined);
  },
};

/** NDArray methods, by PyTorch name. */
const methods = pick(TENSOR_METHODS, [
  ...UNARY_NAMES,
  ...REDUCTION_NAMES,
  ...['view', 'reshape', 'permute', 'expand', 'transpose', 'unsqueeze', 'squeeze', 'flatten', 'select', 'narrow'],
  ...['index_select', 'gather', 't', 'contiguous', 'clone', 'softmax', 'log_softmax', 'size'],
]);

const backend: Backend = {
  globals: { torch: new Namespace('torch', torchFns), F: outOfScope('F', '@gd/nn') },
  operators: torchOperators(gd),
  slice: (start, stop, step) => gd.slice(start, stop, step),
  index: (obj, items) => (obj instanceof NDArray ? obj.index(...(items as Parameters<NDArray['index']>)) : UNMAPPED),
  attribute(obj, name) {
    if (obj instanceof NDArray && name === 'shape') return [...obj.shape];
    if (obj instanceof NDArray && name === 'T') return obj.permute(...obj.shape.map((_, i) => obj.ndim - 1 - i));
    if (obj !== null && typeof obj === 'object' && name in obj) return (obj as Record<string, unknown>)[name];
    return UNMAPPED;
  },
  method: (obj, name, call) => (obj instanceof NDArray ? callTensorMethod(obj, name, call, methods) : UNMAPPED),
};

/** Evaluates one reference expression with the inputs bound by name. */
export function evaluateExpr(src: string, env: Env): unknown {
  return evaluateWith(src, env, backend);
}

/** Runs `;`-separated statements (`torch.manual_seed(42); X = ...; Y = ...`) and returns the last value. */
export function runStatements(src: string, env: Env): unknown {
  return runWith(src, env, backend);
}

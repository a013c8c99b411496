/**
 * ops.json's case format, and the check of one case from its own PyTorch expression: the value
 * over the case's inputs and, in a suite with autograd, the gradient of `(output * upstream).sum()`
 * with respect to each input. Generic over the suite's tensor type; the suite evaluates and compares.
 */
import type { Value } from './call.js';
import type { Tolerance } from './compare.js';
import type { RefTensor } from './decode.js';
import type { Env } from './evaluate.js';
import type { ReferenceFile } from './load.js';

export interface OpsCase {
  id: string;
  op?: string;
  expr: string;
  shape_symbols?: Record<string, number>;
  inputs?: Record<string, RefTensor>;
  requires_grad?: string[];
  output: RefTensor;
  upstream?: RefTensor;
  grads?: Record<string, RefTensor>;
  tol: Tolerance;
  grad_tol?: Tolerance;
}

/** What a suite supplies to check ops.json cases with its tensors. */
export interface OpsCaseSuite<T> {
  /** The reference input as the suite's tensor (`requiresGrad` if the case lists it in requires_grad). */
  input(t: RefTensor, requiresGrad: boolean): T;
  evaluate(expr: string, env: Env): Value;
  /** Throws unless `actual` matches the reference tensor within `tol`. */
  expectMatches(what: string, actual: Value, expected: RefTensor, tol: Tolerance): void;
  /** In a suite with autograd: back-propagation of `upstream` from the output, and an input's gradient. */
  gradients?: {
    backward(output: Value, upstream: RefTensor): void;
    grad(input: T): Value;
  };
}

/** Checks one case's value, and its gradients if the suite has `gradients`; throws on a difference. */
export function checkOpsCase<T>(file: ReferenceFile<OpsCase>, c: OpsCase, suite: OpsCaseSuite<T>): void {
  const env: Env = { ...(file.shape_symbols as Record<string, number>), ...c.shape_symbols };
  const needsGrad = new Set(c.requires_grad ?? []);
  const inputs: Record<string, T> = {};
  for (const [name, t] of Object.entries(c.inputs ?? {})) {
    inputs[name] = suite.input(t, needsGrad.has(name));
    env[name] = inputs[name];
  }
  const out = suite.evaluate(c.expr, env);
  suite.expectMatches(`${c.id} (${c.expr}) value`, out, c.output, c.tol);
  const grads = Object.entries(c.grads ?? {});
  if (!suite.gradients || grads.length === 0) return;
  if (!c.upstream || !c.grad_tol) throw new Error(`${c.id}: a case with grads needs "upstream" and "grad_tol"`);
  suite.gradients.backward(out, c.upstream);
  for (const [name, expected] of grads) {
    if (!Object.hasOwn(inputs, name)) throw new Error(`${c.id}: gradient of unknown input ${name}`);
    suite.expectMatches(`${c.id} (${c.expr}) grad of ${name}`, suite.gradients.grad(inputs[name]!), expected, c.grad_tol);
  }
}

/**
 * ops.json, the cases that call `F.*` (torch.nn.functional; the other cases are @gd/autograd's):
 * the value of the expression, and the gradient of `(output * upstream).sum()` with respect to each
 * input that requires grad, evaluated from the case's own PyTorch expression with @gd/nn's
 * functions. A case the evaluator cannot map fails; none is skipped.
 */
import type { Tensor } from '@gd/autograd';
import { type RefTensor, type Tolerance, loadReference } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { expectTensor, fromReference } from './reference.js';
import { type Env, evaluateExpr, usesFunctional } from './torch-eval.js';

interface OpsCase {
  id: string;
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

const ref = loadReference<OpsCase>('ops.json');
const functional = ref.cases.filter((c) => usesFunctional(c.expr));

describe('ops.json values and gradients (F.* cases)', () => {
  it('has F.* cases, all with gradients', () => {
    expect(functional.length).toBeGreaterThan(0);
    expect(functional.every((c) => c.grads && Object.keys(c.grads).length > 0)).toBe(true);
  });

  it.each(functional.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const env: Env = { ...(ref.shape_symbols as Record<string, number>), ...c.shape_symbols };
    const needsGrad = new Set(c.requires_grad ?? []);
    const inputs: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(c.inputs ?? {})) {
      inputs[name] = fromReference(t, needsGrad.has(name));
      env[name] = inputs[name];
    }
    const out = evaluateExpr(c.expr, env) as Tensor;
    expectTensor(`${c.id} (${c.expr}) value`, out, c.output, c.tol);
    const grads = Object.entries(c.grads ?? {});
    if (grads.length === 0) return;
    if (!c.upstream || !c.grad_tol) throw new Error(`${c.id}: a case with grads needs "upstream" and "grad_tol"`);
    out.backward(fromReference(c.upstream));
    for (const [name, expected] of grads) {
      const x = inputs[name];
      if (!x) throw new Error(`${c.id}: gradient of unknown input ${name}`);
      expectTensor(`${c.id} (${c.expr}) grad of ${name}`, x.grad, expected, c.grad_tol);
    }
  });
});

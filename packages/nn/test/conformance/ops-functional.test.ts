/**
 * ops.json, the cases that call `F.*` (torch.nn.functional; the other cases are @gd/autograd's):
 * the value of the expression, and the gradient of `(output * upstream).sum()` with respect to each
 * input that requires grad, evaluated from the case's own PyTorch expression with @gd/nn's
 * functions. A case the evaluator cannot map fails; none is skipped.
 */
import type { Tensor } from '@gd/autograd';
import { type OpsCase, checkOpsCase, loadReference, usesName } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { expectTensor, fromReference } from './reference.js';
import { evaluateExpr } from './torch-eval.js';

const ref = loadReference<OpsCase>('ops.json');
const functional = ref.cases.filter((c) => usesName(c.expr, 'F'));

describe('ops.json values and gradients (F.* cases)', () => {
  it('has F.* cases, all with gradients', () => {
    expect(functional.length).toBeGreaterThan(0);
    expect(functional.every((c) => c.grads && Object.keys(c.grads).length > 0)).toBe(true);
  });

  it.each(functional.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    checkOpsCase(ref, c, {
      input: fromReference,
      evaluate: evaluateExpr,
      expectMatches: expectTensor,
      gradients: {
        backward: (out, upstream) => (out as Tensor).backward(fromReference(upstream)),
        grad: (x) => x.grad,
      },
    });
  });
});

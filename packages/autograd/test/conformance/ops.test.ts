/**
 * ops.json through autograd: for every case whose expression does not call `F.*` (those are
 * @gd/nn's), the value of the expression and the gradient of `(output * upstream).sum()` with
 * respect to each input, evaluated from the case's own PyTorch expression. A case the evaluator
 * cannot map fails; none is skipped.
 */
import { type OpsCase, checkOpsCase, loadReference, usesName } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../src/index.js';
import { expectMatches, fromReference } from './reference.js';
import { evaluateExpr } from './torch-eval.js';

const ref = loadReference<OpsCase>('ops.json');
const tensorLevel = ref.cases.filter((c) => !usesName(c.expr, 'F'));

describe('ops.json values and gradients (tensor-level cases)', () => {
  it('has tensor-level cases, with gradients', () => {
    expect(tensorLevel.length).toBe(102);
    expect(tensorLevel.filter((c) => c.grads && Object.keys(c.grads).length > 0).length).toBe(97);
  });

  it.each(tensorLevel.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    checkOpsCase(ref, c, {
      input: fromReference,
      evaluate: evaluateExpr,
      expectMatches,
      gradients: {
        backward: (out, upstream) => (out as Tensor).backward(fromReference(upstream)),
        grad: (x) => x.grad,
      },
    });
  });
});

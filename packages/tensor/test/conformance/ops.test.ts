/**
 * ops.json: the forward value of every tensor-level case, evaluated from the case's own PyTorch
 * expression. Cases that call `F.*` (losses) need @gd/nn and are checked by its suite; everything else
 * must evaluate here, and an expression this suite cannot map fails.
 */
import { type OpsCase, checkOpsCase, loadReference, usesName } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { expectMatches, fromReference } from './reference-tensors.js';
import { evaluateExpr } from './torch-eval.js';

const ref = loadReference<OpsCase>('ops.json');
const tensorLevel = ref.cases.filter((c) => !usesName(c.expr, 'F'));

describe('ops.json forward values (tensor-level cases)', () => {
  it('has tensor-level cases', () => {
    expect(tensorLevel.length).toBeGreaterThan(0);
  });

  it.each(tensorLevel.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    checkOpsCase(ref, c, { input: fromReference, evaluate: evaluateExpr, expectMatches });
  });
});

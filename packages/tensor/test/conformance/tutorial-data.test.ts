/**
 * tutorial.json's data cases (X, the noise and Y), evaluated from their PyTorch expressions. The
 * training cases need autograd and are checked by @gd/autograd's suite.
 */
import { type RefTensor, type Tolerance, loadReference } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { expectMatches } from './reference-tensors.js';
import { runStatements } from './torch-eval.js';

interface TutorialCase {
  id: string;
  kind: string;
  expr?: string;
  value?: RefTensor;
  tol: Tolerance;
}

const ref = loadReference<TutorialCase>('tutorial.json');
const dataCases = ref.cases.filter((c) => c.kind === 'tensor');

describe('tutorial.json data cases', () => {
  it('has data cases', () => {
    expect(dataCases.length).toBeGreaterThan(0);
  });

  it.each(dataCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    if (!c.expr || !c.value) throw new Error(`${c.id}: a tensor case needs "expr" and "value"`);
    const out = runStatements(c.expr, {});
    expectMatches(`${c.id} (${c.expr})`, out, c.value, c.tol);
  });
});

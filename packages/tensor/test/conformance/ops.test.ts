/**
 * ops.json: the forward value of every tensor-level case, evaluated from the case's own PyTorch
 * expression. Cases that call `F.*` (losses) need @gd/nn and are checked by its suite; everything else
 * must evaluate here, and an expression this suite cannot map fails.
 */
import { type RefTensor, type Tolerance, loadReference, parseExpr } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { evaluateExpr } from './torch-eval.js';
import { expectMatches, fromReference } from './reference-tensors.js';

interface OpsCase {
  id: string;
  op: string;
  expr: string;
  shape_symbols?: Record<string, number>;
  inputs?: Record<string, RefTensor>;
  output: RefTensor;
  tol: Tolerance;
}

const ref = loadReference<OpsCase>('ops.json');

/** Does the expression use `F.` (torch.nn.functional)? Then it is @gd/nn's case. */
function usesFunctional(expr: string): boolean {
  const uses = (e: unknown): boolean =>
    typeof e === 'object' && e !== null &&
    ((e as { kind?: string; id?: string }).kind === 'name' && (e as { id: string }).id === 'F' ||
      Object.values(e).some(uses));
  return uses(parseExpr(expr));
}

const tensorLevel = ref.cases.filter((c) => !usesFunctional(c.expr));

describe('ops.json forward values (tensor-level cases)', () => {
  it('has tensor-level cases', () => {
    expect(tensorLevel.length).toBeGreaterThan(0);
  });

  it.each(tensorLevel.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const env: Record<string, unknown> = { ...(ref.shape_symbols as Record<string, number>), ...c.shape_symbols };
    for (const [name, t] of Object.entries(c.inputs ?? {})) env[name] = fromReference(t);
    const out = evaluateExpr(c.expr, env);
    expectMatches(`${c.id} (${c.expr})`, out, c.output, c.tol);
  });
});

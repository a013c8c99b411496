/**
 * optim.json: PyTorch 1.13's optimizer and scheduler trajectories on a small least-squares problem.
 * Two tests per case:
 * - "pipeline": the real thing — the loss and its gradients come from @gd/autograd, the optimizer
 *   and scheduler from this package; loss, gradients, parameters, rates (and momenta) are checked
 *   at every step.
 * - "recorded gradients": PyTorch's own gradients of each step are fed to the optimizer, which
 *   isolates the update rule (no autograd rounding in the loop).
 * A case with an unknown field, optimizer, scheduler or option fails.
 */
import { type Tolerance, expectClose, loadReference, referenceTensors } from '@gd/conformance';
import { Tensor, tensor } from '@gd/autograd';
import { describe, expect, it } from 'vitest';
import type { Optimizer } from '../../src/index.js';
import { KNOWN_FIELDS, type OptimCase, type OptimProblem, makeOptimizer, makeScheduler } from './optim-case.js';

const ref = loadReference<OptimCase>('optim.json');
const problem = ref.problem as OptimProblem;

const { fromReference } = referenceTensors<Tensor>({
  is: (v): v is Tensor => v instanceof Tensor,
  create: (data, shape, dtype) => tensor(data, { dtype }).reshape(shape),
});

const X = fromReference(problem.X);
const y = fromReference(problem.y);

function check(what: string, actual: ArrayLike<number>, expected: number | readonly number[], tol: Tolerance): void {
  expectClose(what, actual, typeof expected === 'number' ? [expected] : expected, tol);
}

/** The group's momentum as a scheduler sets it: SGD's `momentum`, or Adam's β1. */
function momentumOf(opt: Optimizer): number {
  const g = opt.paramGroups[0] as unknown as { momentum?: number; betas?: [number, number] };
  if (g.momentum !== undefined) return g.momentum;
  if (g.betas !== undefined) return g.betas[0];
  throw new Error('the optimizer has no momentum');
}

function checkFields(c: OptimCase): void {
  const unknown = Object.keys(c).filter((k) => !KNOWN_FIELDS.has(k));
  if (unknown.length > 0) throw new Error(`${c.id}: unknown field(s) ${unknown.join(', ')}`);
  for (const key of ['lr', 'loss', 'grad_w', 'grad_b', 'w', 'b'] as const) {
    if (c[key].length !== c.steps) throw new Error(`${c.id}: ${key} has ${c[key].length} entries for ${c.steps} steps`);
  }
  if (c.momentum !== undefined && c.momentum.length !== c.steps) throw new Error(`${c.id}: momentum has ${c.momentum.length} entries`);
}

/** Runs a case; `gradsFrom` gives step i's loss after filling w.grad and b.grad. */
function run(c: OptimCase, mode: 'pipeline' | 'recorded'): void {
  checkFields(c);
  const w = tensor(problem.w0, { requiresGrad: true });
  const b = tensor(problem.b0, { requiresGrad: true });
  const opt = makeOptimizer(c, [w, b]);
  const sched = makeScheduler(c, opt);
  for (let i = 0; i < c.steps; i++) {
    const at = `${c.id} step ${i}`;
    check(`${at} lr`, [opt.paramGroups[0]!.lr], c.lr[i]!, c.lr_tol);
    if (c.momentum !== undefined) check(`${at} momentum`, [momentumOf(opt)], c.momentum[i]!, c.lr_tol);
    opt.zeroGrad();
    let loss: number;
    if (mode === 'pipeline') {
      const l = X.matmul(w).add(b).sub(y).pow(2).mean();
      l.backward();
      loss = l.item();
      check(`${at} loss`, [loss], c.loss[i]!, c.tol);
      check(`${at} grad_w`, w.grad!.toTypedArray(), c.grad_w[i]!, c.tol);
      check(`${at} grad_b`, b.grad!.toTypedArray(), c.grad_b[i]!, c.tol);
    } else {
      w.grad = tensor(c.grad_w[i]!);
      b.grad = tensor([c.grad_b[i]!]);
      loss = c.loss[i]!;
    }
    opt.step();
    sched?.step(loss);
    check(`${at} w`, w.data.data, c.w[i]!, c.tol);
    check(`${at} b`, b.data.data, c.b[i]!, c.tol);
  }
  check(`${c.id} lr_final`, [opt.paramGroups[0]!.lr], c.lr_final, c.lr_tol);
}

describe('optim.json', () => {
  it('has the cases of the reference run', () => {
    expect(ref.cases.length).toBeGreaterThan(0);
    expect(problem.loss).toBe('torch.mean((X @ w + b - y) ** 2)');
  });

  describe('pipeline: autograd gradients', () => {
    it.each(ref.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => run(c, 'pipeline'));
  });

  describe('recorded gradients', () => {
    it.each(ref.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => run(c, 'recorded'));
  });
});

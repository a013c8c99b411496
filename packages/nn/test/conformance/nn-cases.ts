/**
 * The checkers of nn.json's case kinds: each case is run from its own PyTorch expression (evaluated
 * with @gd/nn) and checked field by field against PyTorch's values. A case of an unknown kind, or
 * a field holding a value that no checker reads, fails, so a held-out file of the same format
 * cannot pass on something unchecked.
 */
import { Tensor } from '@gd/autograd';
import { type Env, EXACT, type RefTensor, type Tolerance, isRefTensor } from '@gd/conformance';
import { defaultGenerator, randomInt64 } from '@gd/tensor';
import { expect } from 'vitest';
import { Module, type Parameter } from '../../src/index.js';
import { expectScalar, expectTensor } from './reference.js';
import { runStatements } from './torch-eval.js';

export type Case = Record<string, unknown> & { id: string; kind: string; expr: string | string[] };

interface Draw {
  param: string;
  first_u32: number;
  u32: number;
}

interface NamedRef {
  name: string;
  value: RefTensor;
}

/** Fields that describe a case rather than hold a value to check. */
const DESCRIPTIVE = new Set(['id', 'kind', 'expr', 'note', 'tol', 'grad_tol', 'seed', 'init_seed', 'data_seed', 'activation', 'loss']);

/** Fields each kind's checker reads; anything else that holds a value makes the case fail. */
const CHECKED: Record<string, readonly string[]> = {
  init: ['in_features', 'out_features', 'bias', 'bounds', 'draws', 'weight', 'bias_value', 'u32_drawn', 'probe_after'],
  init_sequential: ['draws', 'params', 'u32_drawn', 'probe_after'],
  mlp: ['inputs', 'params', 'grads', 'grad_input', 'loss_value', 'hidden_pre', 'hidden_post', 'output'],
  linear_shapes: ['inputs', 'params', 'grads', 'grad_input', 'output'],
  bookkeeping: ['named_parameters', 'parameters_count', 'numel_total', 'state_dict_keys', 'named_modules', 'named_children', 'repr'],
  semantics: [
    'grad_is_none_before_backward',
    'last_bias_grad_after_1_backward',
    'last_bias_grad_after_2_backward',
    'grad_is_zero_tensor_after_opt_zero_grad',
    'grad_is_zero_tensor_after_module_zero_grad',
    'grad_is_none_after_zero_grad_set_to_none',
  ],
};

function lines(expr: string | string[]): string[] {
  return Array.isArray(expr) ? expr : [expr];
}

function tolOf(c: Case, key: 'tol' | 'grad_tol'): Tolerance {
  const t = c[key] ?? c.tol;
  if (!t) throw new Error(`${c.id}: no ${key}`);
  return t as Tolerance;
}

/** The one module the statements built (the value of a name bound to a Module). */
function theModule(c: Case, env: Env): Module<unknown[], unknown> {
  const modules = [...new Set(Object.values(env).filter((v): v is Module<unknown[], unknown> => v instanceof Module))];
  // a model and its submodules can both be named; the one that contains all others is the model
  const roots = modules.filter((m) => !modules.some((o) => o !== m && o.modules().includes(m)));
  if (roots.length !== 1) throw new Error(`${c.id}: expected one model in the expression, found ${roots.length}`);
  return roots[0]!;
}

function checkUnread(c: Case): void {
  const checked = CHECKED[c.kind];
  if (!checked) throw new Error(`${c.id}: unknown case kind "${c.kind}"`);
  for (const [k, v] of Object.entries(c)) {
    if (DESCRIPTIVE.has(k) || checked.includes(k) || typeof v === 'string') continue;
    throw new Error(`${c.id}: field "${k}" of kind ${c.kind} is not checked by this suite`);
  }
}

/** The draws of each parameter: consecutive, in parameter order, one u32 per float32 element. */
function checkDraws(c: Case, named: [string, Parameter][], drawn: number): void {
  const draws = c.draws as Draw[] | undefined;
  if (draws) {
    expect(draws.map((d) => d.param)).toEqual(named.map(([n]) => n));
    let at = 0;
    draws.forEach((d, i) => {
      const p = named[i]![1];
      expect(d.first_u32, `${c.id}: first draw of ${d.param}`).toBe(at);
      expect(d.u32, `${c.id}: draws of ${d.param}`).toBe(p.numel() * (p.dtype === 'float64' ? 2 : 1));
      at += d.u32;
    });
  }
  expect(drawn, `${c.id}: u32 drawn`).toBe(c.u32_drawn);
  expect(randomInt64().toString(), `${c.id}: probe after`).toBe(String(c.probe_after));
}

function checkParams(c: Case, named: [string, Parameter][], params: NamedRef[]): void {
  expect(named.map(([n]) => n), `${c.id}: parameter names`).toEqual(params.map((p) => p.name));
  params.forEach((p, i) => expectTensor(`${c.id}: ${p.name}`, named[i]![1], p.value, EXACT));
}

const checkers: Record<string, (c: Case) => void> = {
  init(c) {
    const env: Env = {};
    const before = defaultGenerator.drawn;
    for (const line of lines(c.expr)) runStatements(line, env);
    const drawn = defaultGenerator.drawn - before;
    const m = theModule(c, env) as unknown as { inFeatures: number; outFeatures: number; weight: Parameter; bias: Parameter | null };
    expect(m.inFeatures).toBe(c.in_features);
    expect(m.outFeatures).toBe(c.out_features);
    expect(m.bias !== null, `${c.id}: has a bias`).toBe(c.bias);
    expectTensor(`${c.id}: weight`, m.weight, c.weight as RefTensor, EXACT);
    if (c.bias) expectTensor(`${c.id}: bias`, m.bias, c.bias_value as RefTensor, EXACT);
    // the float32 bounds uniform_ used are the largest magnitudes it can produce
    const bounds = c.bounds as { weight_f32: number; bias_f32?: number };
    expect(Math.max(...Array.from(m.weight.toTypedArray(), Math.abs))).toBeLessThanOrEqual(bounds.weight_f32);
    if (m.bias !== null) expect(Math.max(...Array.from(m.bias.toTypedArray(), Math.abs))).toBeLessThanOrEqual(bounds.bias_f32!);
    checkDraws(c, (theModule(c, env)).namedParameters(), drawn);
  },

  init_sequential(c) {
    const env: Env = {};
    const before = defaultGenerator.drawn;
    for (const line of lines(c.expr)) runStatements(line, env);
    const drawn = defaultGenerator.drawn - before;
    const named = theModule(c, env).namedParameters();
    checkParams(c, named, c.params as NamedRef[]);
    checkDraws(c, named, drawn);
  },

  mlp: runAndCompare,
  linear_shapes: runAndCompare,

  bookkeeping(c) {
    const env: Env = {};
    let value: unknown;
    for (const line of lines(c.expr)) value = runStatements(line, env);
    if (!(value instanceof Module)) throw new Error(`${c.id}: the expression did not give a module`);
    const m = value as Module<unknown[], unknown>;
    const named = m.namedParameters();
    const expected = c.named_parameters as { name: string; shape: number[]; numel: number; dtype: string; requires_grad: boolean }[];
    expect(
      named.map(([name, p]) => ({ name, shape: [...p.shape], numel: p.numel(), dtype: p.dtype, requires_grad: p.requiresGrad })),
    ).toEqual(expected);
    expect(m.parameters().length).toBe(c.parameters_count);
    expect(m.parameters().reduce((s, p) => s + p.numel(), 0)).toBe(c.numel_total);
    expect(Object.keys(m.stateDict())).toEqual(c.state_dict_keys);
    expect(m.namedModules().map(([n]) => n)).toEqual(c.named_modules);
    expect(m.namedChildren().map(([n, child]) => [n, child.constructor.name])).toEqual(c.named_children);
    expect(m.toString()).toBe((c.repr as string[]).join('\n'));
  },

  semantics(c) {
    const env: Env = {};
    let backwardLine: string | null = null;
    for (const line of lines(c.expr)) {
      if (line.includes('...')) continue; // the narrated sequence below
      if (line.includes('.backward(')) backwardLine = line;
      else runStatements(line, env);
    }
    if (backwardLine === null) throw new Error(`${c.id}: no backward statement`);
    const model = env.model as Module<unknown[], unknown>;
    const opt = env.opt as { zero_grad(o?: { setToNone?: boolean }): void };
    const params = model.parameters();
    const back = (): void => void runStatements(backwardLine, env);
    const isZeroTensor = (p: Parameter): boolean => p.grad instanceof Tensor && Array.from(p.grad.toTypedArray()).every((v) => v === 0);
    const lastBias = (): Tensor | null => params[params.length - 1]!.grad;

    expect(params.map((p) => p.grad === null)).toEqual(c.grad_is_none_before_backward);
    back();
    expectTensor(`${c.id}: last bias grad after 1 backward`, lastBias(), c.last_bias_grad_after_1_backward as RefTensor, EXACT);
    back();
    expectTensor(`${c.id}: last bias grad after 2 backward`, lastBias(), c.last_bias_grad_after_2_backward as RefTensor, EXACT);
    opt.zero_grad();
    expect(params.map(isZeroTensor)).toEqual(c.grad_is_zero_tensor_after_opt_zero_grad);
    back();
    model.zeroGrad();
    expect(params.map(isZeroTensor)).toEqual(c.grad_is_zero_tensor_after_module_zero_grad);
    back();
    opt.zero_grad({ setToNone: true });
    expect(params.map((p) => p.grad === null)).toEqual(c.grad_is_none_after_zero_grad_set_to_none);
  },
};

/** Variables of the expression that hold a case's tensor fields under another name. */
const ALIASES: Record<string, readonly string[]> = { output: ['out', 'output'], loss_value: ['loss'] };

/** mlp / linear_shapes: run the statements, then compare inputs, parameters, values and gradients. */
function runAndCompare(c: Case): void {
  const env: Env = {};
  for (const line of lines(c.expr)) runStatements(line, env);
  const tol = tolOf(c, 'tol');
  const gradTol = tolOf(c, 'grad_tol');

  // the inputs the statements drew must be PyTorch's (same generator, same draws)
  for (const [name, t] of Object.entries(c.inputs as Record<string, RefTensor>)) expectTensor(`${c.id}: input ${name}`, env[name], t, EXACT);
  const model = theModule(c, env);
  const named = model.namedParameters();
  checkParams(c, named, c.params as NamedRef[]);

  for (const field of ['hidden_pre', 'hidden_post', 'output', 'loss_value']) {
    if (!(field in c)) continue;
    const name = (ALIASES[field] ?? [field]).find((n) => n in env);
    if (name === undefined) throw new Error(`${c.id}: no variable holds ${field}`);
    const expected = c[field];
    if (isRefTensor(expected)) expectTensor(`${c.id}: ${field}`, env[name], expected, tol);
    else expectScalar(`${c.id}: ${field}`, env[name], expected as number, tol);
  }
  const grads = c.grads as NamedRef[];
  expect(named.map(([n]) => n), `${c.id}: gradient names`).toEqual(grads.map((g) => g.name));
  grads.forEach((g, i) => expectTensor(`${c.id}: grad of ${g.name}`, named[i]![1].grad, g.value, gradTol));
  if ('grad_input' in c) {
    const inputs = Object.keys(c.inputs as object).filter((n) => env[n] instanceof Tensor && (env[n]).requiresGrad);
    if (inputs.length !== 1) throw new Error(`${c.id}: expected one input that requires grad, found ${inputs.length}`);
    expectTensor(`${c.id}: grad of ${inputs[0]}`, (env[inputs[0]!] as Tensor).grad, c.grad_input as RefTensor, gradTol);
  }
}


/** The case kinds this suite can check. */
export const KNOWN_KINDS: readonly string[] = Object.keys(checkers);

/** Runs and checks one case; throws (or fails an expect) on any difference. */
export function runCase(c: Case): void {
  checkUnread(c);
  const check = checkers[c.kind];
  if (!check) throw new Error(`${c.id}: unknown case kind "${c.kind}"`);
  check(c);
}

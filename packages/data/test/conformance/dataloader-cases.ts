/**
 * The case kinds of dataloader.json and how each is checked (shared by the file's suite and by
 * the extra cases in the same format). Each case is evaluated from its own Python expression.
 */
import { EXACT, type Expr, type Tolerance, gdDType, parseStatements, usesName } from '@gd/conformance';
import { NDArray, randomInt64 } from '@gd/tensor';
import { expect } from 'vitest';
import { ArrayDataset, ConcatDataset, DataLoader, Subset, TensorDataset } from '../../src/index.js';
import { DataEvaluator } from './data-eval.js';
import { type RefError, expectRefError } from './expect-error.js';
import { type RefTree, expectTree, fromTree } from './tree.js';

export interface Case {
  id: string;
  kind: string;
  expr: string;
  tol?: Tolerance;
  [field: string]: unknown;
}

/** The rows `indices` of `t` (dim 0), flattened: the expected content of a batch, read from the source. */
function rowsOf(t: NDArray, indices: readonly number[]): number[] {
  const flat = Array.from(t.toTypedArray(), Number);
  const rowSize = t.shape.slice(1).reduce((a, b) => a * b, 1);
  return indices.flatMap((i) => flat.slice(i * rowSize, (i + 1) * rowSize));
}

function batching(c: Case): void {
  const ev = new DataEvaluator();
  ev.run(c.expr, {});
  const loader = ev.lastLoader!;
  expect(loader, 'the expression builds a DataLoader').toBeInstanceOf(DataLoader);
  expect(loader.length).toBe(c.len_loader);
  const batches = [...loader] as NDArray[][];
  const indexBatches = c.index_batches as number[][];
  expect(batches.length).toBe(c.num_batches);
  expect(batches.map((b) => b.map((t) => [...t.shape]))).toEqual(c.batch_shapes);
  const dataset = loader.dataset as TensorDataset;
  batches.forEach((batch, i) => {
    expect(batch.map((t) => t.dtype)).toEqual((c.batch_dtypes as string[]).map(gdDType));
    batch.forEach((t, k) => {
      expect(Array.from(t.toTypedArray(), Number), `batch ${i}, tensor ${k}`).toEqual(rowsOf(dataset.tensors[k]!, indexBatches[i]!));
    });
  });
}

function collate(c: Case): void {
  const tol = c.tol ?? EXACT;
  if (c.samples !== undefined) {
    const samples = (c.samples as RefTree[]).map(fromTree);
    const loader = new DataLoader(new ArrayDataset(samples), { batchSize: samples.length });
    const first = loader[Symbol.iterator]().next();
    expect(first.done).toBe(false);
    expectTree('batch', first.value, c.result as RefTree, tol);
    return;
  }
  const ev = new DataEvaluator();
  const out = ev.run(c.expr, {});
  const result = c.result as RefTree | RefTree[];
  if (Array.isArray(result)) {
    expect(Array.isArray(out)).toBe(true);
    expect((out as unknown[]).length).toBe(result.length);
    result.forEach((r, i) => expectTree(`result[${i}]`, (out as unknown[])[i], r, tol));
  } else {
    expectTree('result', out, result, tol);
  }
  if (c.len_loader !== undefined) expect(ev.lastLoader!.length).toBe(c.len_loader);
}

function randomSplitCase(c: Case): void {
  const out = new DataEvaluator().run(c.expr, {}) as Subset[];
  expect(out.every((s) => s instanceof Subset)).toBe(true);
  expect(out.map((s) => s.length)).toEqual(c.subset_lengths);
  expect(out.map((s) => [...s.indices])).toEqual(c.subset_indices);
  if (c.probe_after !== undefined) expect(randomInt64()).toBe(BigInt(c.probe_after as string));
}

function errorCase(c: Case): void {
  const ev = new DataEvaluator();
  expectRefError(c.id, () => ev.run(c.expr, {}), c.error as RefError);
}

/**
 * subset / concat: `name = <dataset>; len(name); <item expression using i>`; `items` maps i to the
 * value (or to {value, dataset_idx, sample_idx}), `errors` maps i to an error, `loader_expr` gives
 * the batches of a DataLoader over it.
 */
function indexing(c: Case): void {
  const ev = new DataEvaluator();
  const env: Record<string, unknown> = {};
  let itemExpr: Expr | null = null;
  let datasetName: string | null = null;
  for (const s of parseStatements(c.expr)) {
    if (usesName(s.value, 'i')) {
      itemExpr = s.value;
      continue;
    }
    const v = ev.evaluate(s.value, env);
    if (s.kind === 'assign') {
      env[s.target] = v;
      datasetName ??= s.target;
    } else if (typeof v === 'number') {
      expect(v, 'len').toBe(c.len);
    }
  }
  expect(itemExpr, 'an item expression in terms of i').not.toBeNull();
  const dataset = env[datasetName!];
  if (c.cumulative_sizes !== undefined) expect([...(dataset as ConcatDataset).cumulativeSizes]).toEqual(c.cumulative_sizes);
  for (const [key, want] of Object.entries(c.items as Record<string, unknown>)) {
    const i = Number(key);
    const got = ev.evaluate(itemExpr!, { ...env, i });
    if (typeof want === 'object' && want !== null) {
      const w = want as { value: number; dataset_idx: number; sample_idx: number };
      expect(got, `item ${key}`).toBe(w.value);
      expect((dataset as ConcatDataset).locate(i), `location of ${key}`).toEqual({ datasetIdx: w.dataset_idx, sampleIdx: w.sample_idx });
    } else {
      expect(got, `item ${key}`).toBe(want);
    }
  }
  for (const [key, err] of Object.entries((c.errors ?? {}) as Record<string, RefError>)) {
    expectRefError(`${c.id} item ${key}`, () => ev.evaluate(itemExpr!, { ...env, i: Number(key) }), err);
  }
  if (c.loader_expr !== undefined) expect(ev.run(c.loader_expr as string, env)).toEqual(c.loader_batches);
}

const handlers: Record<string, (c: Case) => void> = {
  batching,
  collate,
  random_split: randomSplitCase,
  error: errorCase,
  subset: indexing,
  concat: indexing,
};


/** Checks one case; an unknown kind fails. */
export function runDataloaderCase(c: Case): void {
  const handler = handlers[c.kind];
  if (!handler) throw new Error(`unknown case kind ${JSON.stringify(c.kind)} in ${c.id}`);
  handler(c);
}

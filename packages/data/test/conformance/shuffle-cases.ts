/**
 * How a shuffle.json case is checked (shared by its suite): the setup, the loop count and the
 * loop body all come from the case's own Python; per epoch the base seed (drawn by `iter(loader)`
 * before the sampler runs), the index batches and the RandomSampler's seed when drawn from the
 * global generator; after the loop, the global generator's position (`probe_after`).
 */
import type { Tolerance } from '@gd/conformance';
import { Generator, randomInt64, randperm } from '@gd/tensor';
import { expect } from 'vitest';
import { DataLoader, type DataLoaderIterator } from '../../src/index.js';
import { DataEvaluator } from './data-eval.js';

interface Epoch {
  base_seed: string;
  batches: number[][];
}

export interface ShuffleCase {
  id: string;
  variant: string;
  kind?: string;
  n: number;
  expr: string;
  epochs_run: number;
  len_loader: number;
  epochs: Epoch[];
  probe_after: string;
  sampler_seeds?: string[];
  tol: Tolerance;
}

const VARIANTS = new Set(['global', 'generator', 'no_shuffle']);

/** `setup; for v in range(k): body` → its three parts. */
function splitLoop(expr: string): { setup: string; count: number; body: string } {
  const m = /^(.*?);\s*for\s+\w+\s+in\s+range\((\d+)\):\s*(.*)$/.exec(expr);
  if (!m) throw new Error(`no "for ... in range(k):" loop in ${expr}`);
  return { setup: m[1]!, count: Number(m[2]), body: m[3]! };
}

/** Checks one case; an unknown kind or variant fails. */
export function runShuffleCase(c: ShuffleCase): void {
  if (c.kind !== undefined || !VARIANTS.has(c.variant)) {
    throw new Error(`unknown case kind/variant ${JSON.stringify(c.kind ?? c.variant)} in ${c.id}`);
  }
  const ev = new DataEvaluator();
  const env: Record<string, unknown> = {};
  const { setup, count, body } = splitLoop(c.expr);
  expect(count).toBe(c.epochs_run);
  expect(c.epochs.length).toBe(c.epochs_run);
  ev.run(setup, env);
  const loader = ev.lastLoader!;
  expect(loader).toBeInstanceOf(DataLoader);
  expect(loader.length).toBe(c.len_loader);
  for (let e = 0; e < count; e++) {
    const batches = ev.run(body, env);
    const it = env.it as DataLoaderIterator<unknown>;
    expect(it.baseSeed, `epoch ${e} base seed`).toBe(BigInt(c.epochs[e]!.base_seed));
    expect(batches, `epoch ${e} batches`).toEqual(c.epochs[e]!.batches);
    const seed = c.sampler_seeds?.[e];
    if (seed !== undefined) {
      // The sampler shuffles with a fresh generator seeded with this seed: its permutation starts the epoch.
      const flat = c.epochs[e]!.batches.flat();
      const perm = Array.from(randperm(c.n, { generator: new Generator().manualSeed(BigInt(seed)) }).data);
      expect(flat, `epoch ${e} follows sampler seed ${seed}`).toEqual(perm.slice(0, flat.length));
    }
  }
  expect(randomInt64(), 'next global int64 after the last epoch').toBe(BigInt(c.probe_after));
}

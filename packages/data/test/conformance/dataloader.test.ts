/**
 * dataloader.json: torch.utils.data's semantics with PyTorch 1.13.1 — batching (lengths, shapes,
 * dtypes and the samples in each batch), defaultCollate's type mapping, randomSplit's indices,
 * Subset and ConcatDataset indexing, and error types and messages. One test per case; a case kind
 * this suite does not know fails (see dataloader-cases.ts).
 */
import { loadReference } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { type Case, runDataloaderCase } from './dataloader-cases.js';

const ref = loadReference<Case>('dataloader.json');

describe('dataloader.json', () => {
  it('has cases', () => {
    expect(ref.cases.length).toBeGreaterThan(0);
  });

  it.each(ref.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    runDataloaderCase(c);
  });
});

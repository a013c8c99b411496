/**
 * shuffle.json: DataLoader shuffling with PyTorch 1.13.1, epoch by epoch (see shuffle-cases.ts).
 * One test per case; an unknown case kind or variant fails.
 */
import { loadReference } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { type ShuffleCase, runShuffleCase } from './shuffle-cases.js';

const ref = loadReference<ShuffleCase>('shuffle.json');

describe('shuffle.json', () => {
  it('has cases', () => {
    expect(ref.cases.length).toBeGreaterThan(0);
  });

  it.each(ref.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    runShuffleCase(c);
  });
});

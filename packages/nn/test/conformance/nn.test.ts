/**
 * nn.json through @gd/nn: every case, by the checker of its kind (nn-cases.ts).
 */
import { loadReference } from '@gd/conformance';
import { describe, expect, it } from 'vitest';
import { type Case, KNOWN_KINDS, runCase } from './nn-cases.js';

const ref = loadReference<Case>('nn.json');

describe('nn.json', () => {
  it('has cases of every kind this suite knows', () => {
    expect(ref.cases.length).toBeGreaterThan(0);
    expect(new Set(ref.cases.map((c) => c.kind))).toEqual(new Set(KNOWN_KINDS));
  });

  it('fails a case of an unknown kind, and an unchecked value field', () => {
    expect(() => runCase({ id: 'x', kind: 'conv2d', expr: 'nn.Conv2d(1, 1, 3)' })).toThrow('x: unknown case kind "conv2d"');
    const bookkeeping = ref.cases.find((c) => c.kind === 'bookkeeping')!;
    expect(() => runCase({ ...bookkeeping, buffers: [] })).toThrow('field "buffers" of kind bookkeeping is not checked');
  });

  it.each(ref.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    runCase(c);
  });
});

import { type RefTensor, compareValues, decodeTensor, loadReference } from '@gd/conformance';
import { Generator, manualSeed } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { DataLoader, syntheticLine } from '../src/index.js';

interface TensorCase {
  id: string;
  kind: string;
  value: string | RefTensor;
}

const ref = loadReference<TensorCase>('tutorial.json');
function refTensor(id: string): RefTensor {
  const c = ref.cases.find((x) => x.id === id);
  if (!c) throw new Error(`tutorial.json has no case ${id}`);
  return typeof c.value === 'string' ? (JSON.parse(c.value) as RefTensor) : c.value;
}

describe('syntheticLine', () => {
  it("reproduces the tutorial's X and Y bit for bit (global generator seeded 42)", () => {
    manualSeed(42);
    const { X, Y, clean, dataset } = syntheticLine();
    const x = decodeTensor(refTensor('data/X'));
    const y = decodeTensor(refTensor('data/Y'));
    expect(X.shape).toEqual(x.shape);
    expect(Y.shape).toEqual(y.shape);
    expect(compareValues(Array.from(X.data), x.data, { abs: 0, rel: 0 }).message).toMatch(/^max \|diff\| 0$/);
    expect(compareValues(Array.from(Y.data), y.data, { abs: 0, rel: 0 }).message).toMatch(/^max \|diff\| 0$/);
    expect(Array.from(clean.data)).toEqual(Array.from(X.data, (v) => Math.fround(-5 * v)));
    expect(dataset.length).toBe(100);
  });

  it('draws the noise from the given generator, leaving the global one alone', () => {
    manualSeed(0);
    const a = syntheticLine({ generator: new Generator().manualSeed(42) });
    manualSeed(42);
    const b = syntheticLine();
    expect(Array.from(a.Y.data)).toEqual(Array.from(b.Y.data));
  });

  it('takes n, slope, bias and noise', () => {
    const { X, Y } = syntheticLine({ n: 4, start: 0, end: 1, slope: 2, bias: 1, noise: 0 });
    expect(Array.from(X.data)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(Array.from(Y.data)).toEqual([1, 1.5, 2, 2.5]);
    expect(() => syntheticLine({ n: 0 })).toThrow('syntheticLine: n must be a positive integer, got 0');
  });

  it('feeds the tutorial loop: a DataLoader over its dataset', () => {
    manualSeed(42);
    const { dataset } = syntheticLine();
    const loader = new DataLoader(dataset, { batchSize: 20, shuffle: true });
    expect(loader.length).toBe(5);
    expect([...loader].map((b) => b[0]!.shape)).toEqual(Array.from({ length: 5 }, () => [20, 1]));
  });
});

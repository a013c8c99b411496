/**
 * Names to objects (optimizers, schedulers, models, losses), tabular preparation (task inference,
 * classes, PyTorch-style standardisation, the validation split) and the tensor codec.
 */
import { Adam, SGD, StepLR } from '@gd/optim';
import { Linear, Sequential } from '@gd/nn';
import { Generator, NDArray, tensor } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import {
  PlainSGD,
  buildModel,
  createOptimizer,
  createScheduler,
  decodeTensor,
  encodeTensor,
  inferTask,
  lossFunction,
  parseModelSpec,
  parseScheduler,
  prepareTabular,
  splitRows,
} from '../src/index.js';

describe('by name', () => {
  const params = () => new Linear(2, 1).parameters();

  it('creates optimizers with their options and refuses foreign ones', () => {
    expect(createOptimizer('manual', params(), { lr: 0.1 })).toBeInstanceOf(PlainSGD);
    const sgd = createOptimizer('sgd', params(), { lr: 0.1, momentum: 0.9 }) as SGD;
    expect(sgd).toBeInstanceOf(SGD);
    expect(sgd.paramGroups[0]!.momentum).toBe(0.9);
    expect((createOptimizer('adam', params()) as Adam).paramGroups[0]!.lr).toBe(1e-3);
    expect(() => createOptimizer('adam', params(), { momentum: 0.9 })).toThrow("createOptimizer: adam has no option 'momentum' (it takes lr, betas, eps, weightDecay, amsgrad)");
    expect(() => createOptimizer('lbfgs', params())).toThrow("createOptimizer: unknown optimizer 'lbfgs'");
  });

  it('parses schedules and models', () => {
    expect(parseScheduler('step:10,0.5')).toEqual({ kind: 'step', args: [10, 0.5] });
    expect(parseScheduler('cosine')).toEqual({ kind: 'cosine', args: [] });
    expect(() => parseScheduler('step')).toThrow("scheduler 'step' needs an argument");
    expect(() => parseScheduler('warm')).toThrow("unknown scheduler 'warm'");
    const opt = new SGD(params(), { lr: 1 });
    expect(createScheduler(parseScheduler('step:1,0.5'), opt, 10).scheduler).toBeInstanceOf(StepLR);
    expect(createScheduler(parseScheduler('plateau'), opt, 10).needsMetric).toBe(true);
    expect(parseModelSpec('mlp:64,32').hidden).toEqual([64, 32]);
    expect(() => parseModelSpec('mlp:')).toThrow("unknown model 'mlp:'");
    const mlp = buildModel(parseModelSpec('mlp:4'), 3, 2) as Sequential;
    expect(Object.keys(mlp.stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(buildModel(parseModelSpec('linear'), 3, 2)).toBeInstanceOf(Linear);
  });

  it('picks losses by task', () => {
    expect(lossFunction('regression').name).toBe('mse');
    expect(lossFunction('classification').name).toBe('cross-entropy');
    expect(() => lossFunction('classification', 'mse')).toThrow("loss 'mse' does not fit a classification task (use cross-entropy)");
  });
});

describe('tabular data', () => {
  const features = tensor([[1, 10], [2, 20], [3, 30], [4, 40]]);

  it('infers the task and maps classes (sorted; numerically for numbers)', () => {
    expect(inferTask(['1.5', 2]).task).toBe('regression');
    expect(inferTask(['a', 'b']).task).toBe('classification');
    const t = prepareTabular({ name: 'd', featureNames: ['a', 'b'], features, targetName: 'c', target: ['dog', 'cat', 'dog', 'emu'] });
    expect(t.classes).toEqual(['cat', 'dog', 'emu']);
    expect(Array.from(t.y.data)).toEqual([1, 0, 1, 2]);
    expect(t.y.dtype).toBe('int32');
    const n = prepareTabular({ name: 'd', featureNames: ['a', 'b'], features, targetName: 'c', target: [10, 2, 10, 1], task: 'classification' });
    expect(n.classes).toEqual(['1', '2', '10']);
    const r = prepareTabular({ name: 'd', featureNames: ['a', 'b'], features, targetName: 'c', target: [1, 2, 3, 4] });
    expect(r.task).toBe('regression');
    expect(r.y.shape).toEqual([4, 1]);
  });

  it('standardises with the float32 mean and population std', () => {
    const t = prepareTabular({ name: 'd', featureNames: ['a', 'b'], features, targetName: 'c', target: [1, 2, 3, 4], standardize: true });
    const sd = Math.fround(Math.sqrt(1.25));
    expect(t.scaling).toEqual({ mean: [2.5, 25], std: [sd, Math.fround(Math.sqrt(125))] });
    expect(t.x.data[0]).toBe(Math.fround(-1.5 / sd));
  });

  it('splits rows by a seeded permutation', () => {
    const x = tensor([[0], [1], [2], [3], [4]]);
    const y = tensor([[0], [1], [2], [3], [4]]);
    const s = splitRows(x, y, 0.4, new Generator().manualSeed(0));
    const all = [...s.train.x.data, ...s.val!.x.data].sort();
    expect(all).toEqual([0, 1, 2, 3, 4]);
    expect(s.val!.x.shape).toEqual([2, 1]);
    expect(Array.from(s.val!.y.data)).toEqual(Array.from(s.val!.x.data));
    expect(splitRows(x, y, 0, new Generator()).val).toBeNull();
  });
});

describe('tensor codec', () => {
  it('round-trips float32 exactly, with NaN and infinities as strings', () => {
    const a = new NDArray(Float32Array.from([0.1, NaN, -Infinity, 1e-40]), [2, 2]);
    const e = JSON.parse(JSON.stringify(encodeTensor(a))) as ReturnType<typeof encodeTensor>;
    expect(e.data[1]).toBe('NaN');
    const b = decodeTensor(e, 't');
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(() => decodeTensor({ dtype: 'float32', shape: [3], data: [1] }, 'w')).toThrow('w: 1 elements for shape [3]');
  });
});

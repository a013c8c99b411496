/**
 * The Trainer on small problems with hand-checkable numbers: history bookkeeping (sample-weighted
 * means, accuracy, validation, learning rate), hooks, the NaN stop, stopping by signal and exact
 * resume from a checkpoint (between epochs and mid-epoch, shuffled, with a scheduler), stepping
 * one batch at a time (the numbers of fitSync), and PlainSGD's update order.
 */
import { Tensor, tensor as ttensor } from '@gd/autograd';
import { DataLoader, TensorDataset } from '@gd/data';
import { Linear, mseLoss } from '@gd/nn';
import { SGD, StepLR } from '@gd/optim';
import { NDArray, arange, manualSeed, randn, tensor } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { type Checkpoint, LineModel, NonFiniteLossError, PlainSGD, Trainer, type TrainerCallbacks, countCorrect, createOptimizer } from '../src/index.js';

function lineData(n: number): { x: NDArray; y: NDArray } {
  const x = arange(n, { dtype: 'float32' }).view(-1, 1).div(n);
  return { x, y: x.mul(2).add(1) };
}

function loaderOf(x: NDArray, y: NDArray, batchSize: number, shuffle = false): DataLoader<unknown, NDArray[]> {
  return new DataLoader(new TensorDataset(x, y), { batchSize, shuffle });
}

describe('Trainer bookkeeping', () => {
  it('records the sample-weighted mean loss, lr and steps; hooks see every step', () => {
    const { x, y } = lineData(5);
    const model = new LineModel(0, 0);
    const losses: number[] = [];
    const starts: number[] = [];
    const trainer = new Trainer({
      model,
      lossFn: (o, t) => mseLoss(o, t),
      optimizer: new PlainSGD(model.parameters(), { lr: 0 }), // lr 0: the loss stays put
      loader: loaderOf(x, y, 2),
      callbacks: { onEpochStart: (e) => starts.push(e), onStep: (s) => losses.push(s.loss) },
    });
    const { history, completed } = trainer.fitSync({ epochs: 2 });
    expect(completed).toBe(true);
    expect(starts).toEqual([0, 1]);
    expect(losses).toHaveLength(6); // batches of 2, 2, 1
    // batches [0, .2], [.4, .6], [.8]: y = 2x + 1, prediction 0
    const sq = (v: number): number => v * v;
    const b1 = (sq(1) + sq(1.4)) / 2;
    const b2 = (sq(1.8) + sq(2.2)) / 2;
    const b3 = sq(2.6);
    expect(history[0]!.trainLoss).toBeCloseTo((b1 * 2 + b2 * 2 + b3) / 5, 5);
    expect(history[0]).toMatchObject({ epoch: 0, lr: 0, steps: 3 });
    expect(history[1]!.trainLoss).toBeCloseTo(history[0]!.trainLoss, 12);
  });

  it('counts accuracy and evaluates validation data', () => {
    const out = new NDArray(Float32Array.from([1, 2, 5, 0, 0, 0]), [3, 2]);
    expect(countCorrect(out, new NDArray(Int32Array.from([1, 0, 1]), [3], undefined, 0, 'int32'))).toBe(2); // tie → first index
    manualSeed(0);
    const x = randn([20, 2]);
    const labels = Int32Array.from({ length: 20 }, (_, i) => (x.data[2 * i]! > 0 ? 1 : 0));
    const y = new NDArray(labels, [20], undefined, 0, 'int32');
    const model = new Linear(2, 2);
    const trainer = new Trainer({
      model,
      lossFn: (o, t) => mseLoss(o.sum(1), t.to('float32')),
      optimizer: createOptimizer('adam', model.parameters(), { lr: 0.05 }),
      loader: loaderOf(x, y, 5),
      validation: { x, y },
      classification: true,
    });
    const { history } = trainer.fitSync({ epochs: 2 });
    for (const r of history) {
      expect(r.trainAccuracy! * 20).toBeCloseTo(Math.round(r.trainAccuracy! * 20), 9);
      expect(r.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(r.valLoss).toBeGreaterThan(0);
    }
  });
});

describe('NaN stop', () => {
  it('throws NonFiniteLossError with the epoch and step, before updating', () => {
    const { x, y } = lineData(8);
    const model = new LineModel(0, 0);
    const trainer = new Trainer({ model, lossFn: (o, t) => mseLoss(o, t), optimizer: new PlainSGD(model.parameters(), { lr: 1e30 }), loader: loaderOf(x, y, 2) });
    let err: unknown;
    try {
      trainer.fitSync({ epochs: 3 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteLossError);
    const e = err as NonFiniteLossError;
    expect(e.message).toBe(`the loss became ${e.loss} at epoch ${e.epoch + 1}, step ${e.step + 1}: training stopped; try a smaller learning rate than 1e+30`);
    expect(Number.isFinite(e.loss)).toBe(false);
  });
});

describe('checkpoint and exact resume', () => {
  function setup(callbacks: TrainerCallbacks = {}): { trainer: Trainer; model: Linear } {
    manualSeed(3);
    const x = randn([30, 3]);
    const y = x.sum(1, true).mul(0.5);
    const model = new Linear(3, 1);
    const optimizer = new SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
    const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    const trainer = new Trainer({ model, lossFn: (o, t) => mseLoss(o, t), optimizer, scheduler, loader: loaderOf(x, y, 4, true), validation: { x, y }, callbacks });
    return { trainer, model };
  }

  it('resumes between epochs and mid-epoch with the numbers of an uninterrupted run', async () => {
    const full = setup();
    const reference = (await full.trainer.fit({ epochs: 5 })).history.map((r) => ({ ...r }));
    const finalWeight = Array.from(full.model.weight.data.data);

    // stop after 13 steps (epoch 1, step 5 of 8), through the signal
    const controller = new AbortController();
    let steps = 0;
    const { trainer: stopping } = setup({ onStep: () => void (++steps === 13 && controller.abort()) });
    const partial = await stopping.fit({ epochs: 5, signal: controller.signal });
    expect(partial).toMatchObject({ completed: false, epoch: 1, step: 5 });
    const saved = JSON.parse(JSON.stringify(stopping.checkpoint({ note: 'x' }))) as Checkpoint;
    expect(saved.meta).toEqual({ note: 'x' });

    // a fresh process: other random draws happen first; restore puts everything back
    manualSeed(999);
    randn([7]);
    const b = setup();
    b.trainer.restore(saved);
    const resumed = await b.trainer.fit({ epochs: 5 });
    expect(resumed.history).toEqual(reference);
    expect(Array.from(b.model.weight.data.data)).toEqual(finalWeight);
  });

  it('refuses a checkpoint of another format or model', () => {
    const { trainer } = setup();
    expect(() => trainer.restore({ format: 'nope' } as unknown as Checkpoint)).toThrow('restore: not a gd checkpoint');
    const small = new Linear(2, 1);
    const other = new Trainer({ model: small, lossFn: (o: Tensor, t: Tensor) => mseLoss(o, t), optimizer: new PlainSGD(small.parameters(), { lr: 1 }), loader: loaderOf(tensor([[1, 2]]), tensor([[1]]), 1) });
    expect(() => trainer.restore(other.checkpoint())).toThrow(/^restore: the checkpoint does not fit this run: /);
  });
});

describe('stepSync', () => {
  /** A shuffled run on 7 points in batches of 3 (3, 3, 1), with momentum: each epoch draws, and a step depends on the last. */
  function setup(onEpochEnd?: (epoch: number) => void) {
    manualSeed(3);
    const { x, y } = lineData(7);
    const model = new LineModel(0.5, -0.5);
    const trainer = new Trainer({
      model,
      lossFn: (o, t) => mseLoss(o, t),
      optimizer: new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 }),
      loader: loaderOf(x, y, 3, true),
      callbacks: { onEpochEnd: (r) => onEpochEnd?.(r.epoch) },
    });
    return { model, trainer };
  }

  it('steps through the epochs of fitSync, closing each epoch right after its last batch', () => {
    const whole = setup();
    const { history } = whole.trainer.fitSync({ epochs: 3 });
    const ended: number[] = [];
    const stepped = setup((e) => ended.push(e));
    const infos: { epoch: number; step: number; stepsPerEpoch: number | null; globalStep: number; batchSize: number }[] = [];
    for (let info = stepped.trainer.stepSync({ epochs: 3 }); info !== null; info = stepped.trainer.stepSync({ epochs: 3 })) {
      const { epoch, step, stepsPerEpoch, globalStep, batchSize } = info;
      infos.push({ epoch, step, stepsPerEpoch, globalStep, batchSize });
      // after an epoch's last batch the epoch is already closed
      expect(stepped.trainer.epoch).toBe(step === 2 ? epoch + 1 : epoch);
      expect(ended.length).toBe(stepped.trainer.epoch);
    }
    expect(infos.map((i) => [i.epoch, i.step, i.batchSize, i.globalStep])).toEqual([
      [0, 0, 3, 1], [0, 1, 3, 2], [0, 2, 1, 3],
      [1, 0, 3, 4], [1, 1, 3, 5], [1, 2, 1, 6],
      [2, 0, 3, 7], [2, 1, 3, 8], [2, 2, 1, 9],
    ]);
    expect(infos.every((i) => i.stepsPerEpoch === 3)).toBe(true);
    expect(stepped.trainer.history).toEqual(history);
    expect([stepped.model.w.item(), stepped.model.b.item()]).toEqual([whole.model.w.item(), whole.model.b.item()]);
    expect(stepped.trainer.stepSync({ epochs: 3 })).toBeNull();
  });

  it('mixes with fitSync: a few steps, then the rest in one call, give the same numbers', () => {
    const whole = setup();
    whole.trainer.fitSync({ epochs: 4 });
    const mixed = setup();
    for (let k = 0; k < 4; k++) mixed.trainer.stepSync({ epochs: 4 });
    expect([mixed.trainer.epoch, mixed.trainer.step]).toEqual([1, 1]);
    mixed.trainer.fitSync({ epochs: 4 });
    expect(mixed.trainer.history).toEqual(whole.trainer.history);
    expect([mixed.model.w.item(), mixed.model.b.item()]).toEqual([whole.model.w.item(), whole.model.b.item()]);
  });

  it('stops at a non-finite loss as fitSync does', () => {
    const { x, y } = lineData(8);
    const model = new LineModel(0, 0);
    const trainer = new Trainer({ model, lossFn: (o, t) => mseLoss(o, t), optimizer: new PlainSGD(model.parameters(), { lr: 1e30 }), loader: loaderOf(x, y, 2) });
    expect(trainer.stepSync({ epochs: 1 })!.loss).toBeGreaterThan(0);
    expect(() => {
      for (;;) trainer.stepSync({ epochs: 1 });
    }).toThrow(NonFiniteLossError);
    expect(() => trainer.stepSync({ epochs: -1 })).toThrow('Trainer.fit: epochs must be a non-negative integer, got -1');
  });
});

describe('PlainSGD', () => {
  it('updates as p - f32(lr * g), two roundings, and zeroes gradients in place', () => {
    const w = ttensor(1, { requiresGrad: true });
    const opt = new PlainSGD([w], { lr: 0.1 });
    w.mul(3).backward(); // grad 3
    opt.step();
    expect(w.item()).toBe(Math.fround(1 - Math.fround(Math.fround(0.1) * 3)));
    opt.zeroGrad();
    expect(w.grad!.item()).toBe(0);
    expect(() => new PlainSGD([w], { lr: -1 })).toThrow('PlainSGD: Invalid learning rate: -1');
    expect(opt.stateDict()).toEqual({ optimizer: 'PlainSGD', lr: 0.1 });
  });
});

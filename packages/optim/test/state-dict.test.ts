/**
 * Optimizer state dicts: JSON round trips that continue training bit for bit, and the errors for
 * state that does not fit.
 */
import { type Tensor, tensor } from '@gd/autograd';
import { ShapeError, ValueError } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { Adadelta, Adagrad, Adam, AdamW, type Optimizer, type OptimizerStateDict, RMSprop, SGD } from '../src/index.js';

/** Two parameters and a fixed sequence of gradients (different every step). */
function model(): Tensor[] {
  return [tensor([0.5, -1.25, 2], { requiresGrad: true }), tensor([[0.1, 0.2], [0.3, -0.4]], { requiresGrad: true })];
}

function feed(params: Tensor[], step: number): void {
  params[0]!.grad = tensor([Math.sin(step), Math.cos(step) * 0.5, 0.1 * step]);
  params[1]!.grad = tensor([[0.3 - 0.1 * step, Math.sin(2 * step)], [1e-3 * step, -0.2]]);
}

function bits(params: Tensor[]): number[] {
  return params.flatMap((p) => Array.from(new Uint32Array(new Float32Array(p.toTypedArray()).buffer)));
}

type Make = (params: Tensor[]) => Optimizer;
const makers: [string, Make][] = [
  ['SGD nesterov', (p) => new SGD([{ params: [p[0]!] }, { params: [p[1]!], lr: 0.05 }], { lr: 0.1, momentum: 0.9, nesterov: true })],
  ['Adam amsgrad', (p) => new Adam(p, { lr: 0.01, amsgrad: true, weightDecay: 0.01 })],
  ['AdamW', (p) => new AdamW(p, { lr: 0.01 })],
  ['RMSprop centered momentum', (p) => new RMSprop(p, { centered: true, momentum: 0.5 })],
  ['Adagrad', (p) => new Adagrad(p, { lrDecay: 0.1, initialAccumulatorValue: 0.2 })],
  ['Adadelta', (p) => new Adadelta(p, { weightDecay: 0.01 })],
];

describe('stateDict / loadStateDict', () => {
  it.each(makers)('%s: a JSON round trip continues exactly where it stopped', (_name, make) => {
    const a = model();
    const optA = make(a);
    for (let s = 1; s <= 3; s++) {
      feed(a, s);
      optA.step();
    }
    const saved = JSON.stringify(optA.stateDict());
    // a fresh optimizer on copies of the parameters, restored from JSON
    const b = a.map((p) => tensor(p.tolist() as number[], { requiresGrad: true }).reshape(p.shape).detach().requiresGrad_());
    const optB = make(b);
    optB.loadStateDict(JSON.parse(saved) as OptimizerStateDict);
    expect(JSON.stringify(optB.stateDict())).toBe(saved);
    for (let s = 4; s <= 6; s++) {
      feed(a, s);
      feed(b, s);
      optA.step();
      optB.step();
    }
    expect(bits(b)).toEqual(bits(a));
  });

  it('records the format, the class, each group’s options and the state by parameter position', () => {
    const p = model();
    const opt = new Adam([{ params: [p[1]!] }, { params: [p[0]!], lr: 0.5 }]);
    feed(p, 1);
    opt.step();
    const sd = opt.stateDict();
    expect(sd.version).toBe(1);
    expect(sd.optimizer).toBe('Adam');
    expect(sd.paramGroups).toEqual([
      { lr: 0.001, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, params: [0] },
      { lr: 0.5, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false, params: [1] },
    ]);
    expect(Object.keys(sd.state)).toEqual(['0', '1']);
    expect(sd.state['0']!.step).toBe(1);
    // after one step m = (1 − β1)·g, one float32 rounding of the product
    const m1 = [0.3 - 0.1, Math.sin(2), 1e-3, -0.2].map((g) => Math.fround(Math.fround(g) * Math.fround(0.1)));
    expect(sd.state['0']!.expAvg).toEqual({ dtype: 'float32', shape: [2, 2], data: m1 });
    expect(sd.state['0']!.maxExpAvgSq).toBeNull();
  });

  it('writes non-finite values as strings, and reads them back', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
    w.grad = tensor([Infinity, NaN]);
    opt.step();
    const sd = JSON.parse(JSON.stringify(opt.stateDict())) as OptimizerStateDict;
    expect((sd.state['0']!.momentumBuffer as { data: unknown[] }).data).toEqual(['Infinity', 'NaN']);
    const other = new SGD([w], { lr: 0.1, momentum: 0.9 });
    other.loadStateDict(sd);
    const buf = other.state.get(w)!.momentumBuffer!;
    expect(Array.from(buf.data)).toEqual([Infinity, NaN]);
  });

  it('replaces the groups’ options with the saved ones', () => {
    const w = tensor([1], { requiresGrad: true });
    const saved = new SGD([w], { lr: 0.5, momentum: 0.3 }).stateDict();
    const opt = new SGD([w], { lr: 0.1 });
    opt.loadStateDict(saved);
    expect(opt.paramGroups[0]).toMatchObject({ lr: 0.5, momentum: 0.3 });
  });

  it('refuses state that does not fit', () => {
    const p = model();
    const opt = new Adam(p);
    feed(p, 1);
    opt.step();
    const sd = opt.stateDict();
    const twoGroups = new Adam([{ params: [p[0]!] }, { params: [p[1]!] }]);
    expect(() => twoGroups.loadStateDict(sd)).toThrow(new ValueError('loaded state dict has a different number of parameter groups'));
    const smaller = new Adam([p[0]!]);
    expect(() => smaller.loadStateDict(sd)).toThrow(
      new ValueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group"),
    );
    const swapped = new Adam([p[1]!, p[0]!]);
    expect(() => swapped.loadStateDict(sd)).toThrow(
      new ShapeError('loadStateDict: state expAvg of parameter 0 has shape [3] but the parameter has shape [2, 2]'),
    );
    expect(() => new SGD(p, { lr: 0.1 }).loadStateDict(sd)).toThrow(new ValueError('loadStateDict: the state dict is from Adam, not SGD'));
    expect(() => opt.loadStateDict({ ...sd, version: 2 })).toThrow(
      new ValueError('loadStateDict: unsupported state dict version 2 (this @gd/optim reads version 1)'),
    );
    const badOption = { ...sd, paramGroups: [{ ...sd.paramGroups[0]!, momentum: 0.9 }] };
    expect(() => opt.loadStateDict(badOption)).toThrow(new ValueError("loadStateDict: unknown option 'momentum' in parameter group 0"));
    const badLr = { ...sd, paramGroups: [{ ...sd.paramGroups[0]!, lr: -1 }] };
    expect(() => opt.loadStateDict(badLr)).toThrow(new ValueError('Invalid learning rate: -1'));
    // a refused load leaves the optimizer as it was
    expect(opt.stateDict()).toEqual(sd);
  });
});

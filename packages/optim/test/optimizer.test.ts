/**
 * The Optimizer base: parameter groups, zeroGrad, step (closure, skipped parameters, step count,
 * version bump), strided and mismatched parameters, and PyTorch's constructor messages.
 */
import { AutogradError, type Tensor, tensor } from '@gd/autograd';
import { DTypeError, ShapeError, ValueError } from '@gd/tensor';
import { describe, expect, it, vi } from 'vitest';
import { Adadelta, Adagrad, Adam, AdamW, RMSprop, SGD } from '../src/index.js';

function param(values: number[]): Tensor {
  return tensor(values, { requiresGrad: true });
}

function values(t: Tensor | null): number[] {
  return Array.from(t!.toTypedArray(), Number);
}

describe('parameter groups', () => {
  it('puts a list of tensors in one group with the defaults', () => {
    const w = param([1, 2]);
    const opt = new SGD([w], { lr: 0.1, momentum: 0.9 });
    expect(opt.paramGroups).toHaveLength(1);
    expect(opt.paramGroups[0]).toMatchObject({ lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false, maximize: false });
    expect(opt.paramGroups[0]!.params).toEqual([w]);
  });

  it('lets a group override the defaults, and addParamGroup add more', () => {
    const [a, b, c] = [param([1]), param([2]), param([3])];
    const opt = new Adam([{ params: [a] }, { params: b, lr: 0.5, betas: [0.8, 0.9] }], { lr: 0.01 });
    expect(opt.paramGroups.map((g) => g.lr)).toEqual([0.01, 0.5]);
    expect(opt.paramGroups[1]!.betas).toEqual([0.8, 0.9]);
    expect(opt.paramGroups[0]!.betas).toEqual([0.9, 0.999]);
    opt.addParamGroup({ params: [c], weightDecay: 0.1 });
    expect(opt.paramGroups[2]).toMatchObject({ lr: 0.01, weightDecay: 0.1, amsgrad: false });
    // a group's array option is its own copy
    opt.paramGroups[0]!.betas[0] = 0.5;
    expect(opt.paramGroups[2]!.betas).toEqual([0.9, 0.999]);
  });

  it('uses each group’s options in the update', () => {
    const a = param([1]);
    const b = param([1]);
    const opt = new SGD([{ params: [a] }, { params: [b], lr: 0.5 }], { lr: 0.1 });
    a.grad = tensor([1]);
    b.grad = tensor([1]);
    opt.step();
    expect(values(a)).toEqual([Math.fround(0.9)]);
    expect(values(b)).toEqual([0.5]);
  });

  it('refuses bad parameter lists with PyTorch’s messages', () => {
    const w = param([1]);
    expect(() => new SGD([], { lr: 0.1 })).toThrow(new ValueError('optimizer got an empty parameter list'));
    expect(() => new SGD(w as unknown as Tensor[], { lr: 0.1 })).toThrow(
      new TypeError('params argument given to the optimizer should be an iterable of Tensors or dicts, but got Tensor'),
    );
    expect(() => new SGD(new Set([w]), { lr: 0.1 })).toThrow(/ordering of tensors in sets will change between runs/);
    expect(() => new SGD([w.mul(2)], { lr: 0.1 })).toThrow(new ValueError("can't optimize a non-leaf Tensor"));
    expect(() => new SGD([{ params: [w] }, { params: [w] }], { lr: 0.1 })).toThrow(
      new ValueError('some parameters appear in more than one parameter group'),
    );
    expect(() => new SGD([w])).toThrow(new ValueError("parameter group didn't specify a value of required optimization parameter lr"));
    expect(() => new SGD([{ params: [w], lr: 0.1, wd: 1 } as never])).toThrow(new ValueError("SGD: unknown option 'wd' (options: lr, momentum, dampening, weightDecay, nesterov, maximize)"));
    expect(() => new Adam([w], { weight_decay: 0.1 } as never)).toThrow(/Adam: unknown option 'weight_decay'/);
    expect(() => new SGD([1 as unknown as Tensor, w], { lr: 0.1 })).toThrow(new TypeError('optimizer can only optimize Tensors, but one of the params is number'));
  });

  it('accepts lr in every group instead of the defaults (SGD has no default rate)', () => {
    const opt = new SGD([{ params: [param([1])], lr: 0.3 }]);
    expect(opt.paramGroups[0]!.lr).toBe(0.3);
  });

  it('warns about a parameter listed twice in a group', () => {
    const w = param([1]);
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      new SGD([w, w], { lr: 0.1 });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]![0])).toMatch(/duplicate parameters/);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('constructor validation (PyTorch’s messages)', () => {
  const w = param([1]);
  it.each([
    ['SGD lr', () => new SGD([w], { lr: -1 }), 'Invalid learning rate: -1'],
    ['SGD momentum', () => new SGD([w], { lr: 0.1, momentum: -0.5 }), 'Invalid momentum value: -0.5'],
    ['SGD weight decay', () => new SGD([w], { lr: 0.1, weightDecay: -1 }), 'Invalid weight_decay value: -1'],
    ['SGD nesterov without momentum', () => new SGD([w], { lr: 0.1, nesterov: true }), 'Nesterov momentum requires a momentum and zero dampening'],
    ['SGD nesterov with dampening', () => new SGD([w], { lr: 0.1, nesterov: true, momentum: 0.9, dampening: 0.1 }), 'Nesterov momentum requires a momentum and zero dampening'],
    ['SGD group lr', () => new SGD([{ params: [w], lr: -2 }], { lr: 0.1 }), 'Invalid learning rate: -2'],
    ['Adam lr', () => new Adam([w], { lr: -0.1 }), 'Invalid learning rate: -0.1'],
    ['Adam eps', () => new Adam([w], { eps: -1e-8 }), 'Invalid epsilon value: -1e-8'],
    ['Adam beta1', () => new Adam([w], { betas: [1, 0.999] }), 'Invalid beta parameter at index 0: 1'],
    ['Adam beta2', () => new Adam([w], { betas: [0.9, -0.1] }), 'Invalid beta parameter at index 1: -0.1'],
    ['Adam weight decay', () => new Adam([w], { weightDecay: -0.1 }), 'Invalid weight_decay value: -0.1'],
    ['AdamW beta1', () => new AdamW([w], { betas: [-0.1, 0.9] }), 'Invalid beta parameter at index 0: -0.1'],
    ['RMSprop alpha', () => new RMSprop([w], { alpha: -1 }), 'Invalid alpha value: -1'],
    ['RMSprop momentum', () => new RMSprop([w], { momentum: -1 }), 'Invalid momentum value: -1'],
    ['RMSprop eps', () => new RMSprop([w], { eps: -1 }), 'Invalid epsilon value: -1'],
    ['Adagrad lr decay', () => new Adagrad([w], { lrDecay: -1 }), 'Invalid lr_decay value: -1'],
    ['Adagrad initial accumulator', () => new Adagrad([w], { initialAccumulatorValue: -1 }), 'Invalid initial_accumulator_value value: -1'],
    ['Adadelta rho', () => new Adadelta([w], { rho: 1.5 }), 'Invalid rho value: 1.5'],
    ['Adadelta lr', () => new Adadelta([w], { lr: -1 }), 'Invalid learning rate: -1'],
  ])('%s', (_name, make, message) => {
    expect(make).toThrow(new ValueError(message));
  });
});

describe('zeroGrad', () => {
  it('fills gradients with zeros in place by default, as PyTorch 1.13', () => {
    const w = param([1, 2]);
    const opt = new SGD([w], { lr: 0.1 });
    w.mul(3).sum().backward();
    const g = w.grad!;
    opt.zeroGrad();
    expect(w.grad).toBe(g);
    expect(values(w.grad)).toEqual([0, 0]);
  });

  it('sets gradients to null with setToNone, and step then skips the parameter', () => {
    const w = param([1, 2]);
    const opt = new Adam([w], { lr: 0.1 });
    w.sum().backward();
    opt.zeroGrad({ setToNone: true });
    expect(w.grad).toBeNull();
    opt.step();
    expect(values(w)).toEqual([1, 2]);
    expect(opt.state.has(w)).toBe(false);
  });

  it('cuts a gradient that is part of a graph (createGraph) before zeroing it', () => {
    const w = param([2]);
    const opt = new SGD([w], { lr: 0.1 });
    w.pow(3).sum().backward(undefined, { createGraph: true });
    expect(w.grad!.requiresGrad).toBe(true);
    opt.zeroGrad();
    expect(w.grad!.requiresGrad).toBe(false);
    expect(w.grad!.isLeaf).toBe(true);
    expect(values(w.grad)).toEqual([0]);
  });
});

describe('step', () => {
  it('runs the closure with gradients enabled and returns its loss', () => {
    const w = param([3]);
    const opt = new SGD([w], { lr: 0.25 });
    const loss = opt.step(() => {
      opt.zeroGrad();
      const l = w.pow(2).sum();
      l.backward();
      return l.item();
    });
    expect(loss).toBe(9);
    expect(values(w)).toEqual([1.5]); // 3 − 0.25 · 6
    expect(opt.step()).toBeUndefined();
  });

  it('counts its steps (what schedulers check)', () => {
    const w = param([1]);
    const opt = new SGD([w], { lr: 0.1 });
    expect(opt.stepCount).toBe(0);
    opt.step();
    opt.step();
    expect(opt.stepCount).toBe(2);
  });

  it('updates the parameter in place and counts it as an in-place change', () => {
    const w = param([1, 2]);
    const storage = w.data.data;
    const opt = new SGD([w], { lr: 0.5 });
    const y = w.pow(2).sum(); // saves w for backward
    w.grad = tensor([1, 1]);
    const before = w.version;
    opt.step();
    expect(w.data.data).toBe(storage);
    expect(w.version).toBe(before + 1);
    expect(values(w)).toEqual([0.5, 1.5]);
    expect(() => y.backward()).toThrow(AutogradError);
  });

  it('updates a strided parameter where it lives', () => {
    const base = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const w = base.t().detach().requiresGrad_(); // a transposed view of base's storage
    expect(w.data.isContiguous()).toBe(false);
    const opt = new SGD([w], { lr: 1 });
    w.grad = tensor([
      [1, 10],
      [2, 20],
      [3, 30],
    ]);
    opt.step();
    expect(base.tolist()).toEqual([
      [0, 0, 0],
      [-6, -15, -24],
    ]);
  });

  it('refuses float64 parameters and gradients of another shape or dtype', () => {
    const d = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    d.grad = tensor([1, 1], { dtype: 'float64' });
    expect(() => new SGD([d], { lr: 0.1 }).step()).toThrow(new DTypeError('SGD: parameter 0 is float64; @gd/optim updates float32 parameters only'));
    const a = param([1]);
    const w = param([1, 2, 3]);
    w.grad = tensor([1, 2]);
    const opt = new Adam([a, w]);
    expect(() => opt.step()).toThrow(new ShapeError('Adam: the gradient of parameter 1 has shape [2] but the parameter has shape [3]'));
    w.grad = tensor([1, 2, 3], { dtype: 'float64' });
    expect(() => opt.step()).toThrow(new DTypeError('Adam: the gradient of parameter 1 is float64 but the parameter is float32'));
  });
});

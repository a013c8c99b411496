/** stateDict / loadStateDict: keys, sharing, buffers, round trips and every kind of error. */
import { type Tensor, manualSeed, tensor, zeros } from '@gd/autograd';
import { NDArray } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Linear, Module, Parameter, ReLU, Sequential, StateDictError } from '../src/index.js';

function mlp(): Sequential {
  return new Sequential(new Linear(3, 5), new ReLU(), new Linear(5, 2));
}

class WithBuffers extends Module {
  declare mean: Tensor;
  declare cache: Tensor;
  w = new Parameter(tensor([1, 2]));
  constructor() {
    super();
    this.registerBuffer('mean', tensor([0.5, 0.5]));
    this.registerBuffer('cache', zeros([2]), { persistent: false });
  }
  forward(x: Tensor): Tensor {
    return x;
  }
}

describe('stateDict', () => {
  it('lists parameters by dotted name, sharing storage with the model, detached', () => {
    const model = mlp();
    const sd = model.stateDict();
    expect(Object.keys(sd)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    const w = sd['0.weight']!;
    expect(w.data).toBe((model.at(0) as Linear).weight.data);
    expect(w.requiresGrad).toBe(false);
    expect(model.stateDict({ keepVars: true })['0.weight']).toBe((model.at(0) as Linear).weight);
    expect(Object.keys(model.stateDict({ prefix: 'net.' }))).toEqual(['net.0.weight', 'net.0.bias', 'net.2.weight', 'net.2.bias']);
  });

  it('includes persistent buffers after the parameters of each module, and a shared module under both names', () => {
    expect(Object.keys(new WithBuffers().stateDict())).toEqual(['w', 'mean']);
    const lin = new Linear(2, 2);
    expect(Object.keys(new Sequential(lin, new ReLU(), lin).stateDict())).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(Object.keys(new CrossEntropyLoss({ weight: tensor([1, 2]) }).stateDict())).toEqual(['weight']);
  });
});

describe('loadStateDict', () => {
  it('copies values in place (the Parameter objects stay), from Tensors or NDArrays', () => {
    manualSeed(0);
    const a = mlp();
    manualSeed(1);
    const b = mlp();
    const w = (b.at(0) as Linear).weight;
    expect(b.loadStateDict(a.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect((b.at(0) as Linear).weight).toBe(w);
    expect(w.tolist()).toEqual((a.at(0) as Linear).weight.tolist());
    expect(w.data).not.toBe((a.at(0) as Linear).weight.data);
    const x = tensor([[1, 2, 3]]);
    expect(b.call(x).tolist()).toEqual(a.call(x).tolist());

    const m = new WithBuffers();
    m.loadStateDict(new Map<string, Tensor | NDArray>([
      ['w', new NDArray(new Float32Array([7, 8]), [2])],
      ['mean', tensor([1, 1])],
    ]));
    expect(m.w.tolist()).toEqual([7, 8]);
    expect(m.mean.tolist()).toEqual([1, 1]);
  });

  it('reports missing and unexpected keys in one error when strict, and returns them otherwise', () => {
    const model = mlp();
    const sd = model.stateDict();
    delete sd['2.bias'];
    sd['3.weight'] = tensor([1]);
    sd.extra = tensor([1]);
    let error: unknown;
    try {
      model.loadStateDict(sd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StateDictError);
    expect((error as Error).message).toBe(
      'Error(s) in loading state_dict for Sequential:\n' +
        '\tMissing key(s) in state_dict: "2.bias".\n' +
        '\tUnexpected key(s) in state_dict: "3.weight", "extra".',
    );
    expect(model.loadStateDict(sd, { strict: false })).toEqual({ missingKeys: ['2.bias'], unexpectedKeys: ["3.weight", "extra"] });
  });

  it('finds unexpected keys inside submodules', () => {
    const model = mlp();
    const sd = { ...model.stateDict(), '0.running_mean': tensor([0]) };
    expect(model.loadStateDict(sd, { strict: false }).unexpectedKeys).toEqual(['0.running_mean']);
  });

  it('refuses a shape mismatch even when not strict, and then copies nothing', () => {
    const model = mlp();
    const before = (model.at(2) as Linear).bias!.tolist();
    const sd = new Sequential(new Linear(4, 5), new ReLU(), new Linear(5, 2)).stateDict();
    for (const strict of [true, false]) {
      expect(() => model.loadStateDict(sd, { strict })).toThrow(
        'Error(s) in loading state_dict for Sequential:\n' +
          '\tsize mismatch for 0.weight: copying a param with shape [5, 4] from checkpoint, the shape in current model is [5, 3].',
      );
    }
    expect((model.at(2) as Linear).bias!.tolist()).toEqual(before);
  });

  it('ignores non-persistent buffers and loads into a shared module once per name', () => {
    const m = new WithBuffers();
    expect(m.loadStateDict({ w: tensor([3, 4]), mean: tensor([2, 2]) })).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(() => m.loadStateDict({ w: tensor([3, 4]), mean: tensor([2, 2]), cache: tensor([1, 1]) })).toThrow(
      'Unexpected key(s) in state_dict: "cache".',
    );
    const lin = new Linear(1, 1);
    const shared = new Sequential(lin, lin);
    shared.loadStateDict({ '0.weight': tensor([[1]]), '0.bias': tensor([2]), '1.weight': tensor([[3]]), '1.bias': tensor([4]) });
    expect(lin.weight.tolist()).toEqual([[3]]);
    expect(lin.bias!.tolist()).toEqual([4]);
  });
});

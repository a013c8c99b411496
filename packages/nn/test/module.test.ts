/** Module: registration by fields, traversal and names, modes, zeroGrad, apply, to, printing; Parameter. */
import { type Tensor, tensor, zeros } from '@gd/autograd';
import { ValueError } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import { Linear, Module, Parameter, ReLU, Sequential, Tanh } from '../src/index.js';

class Net extends Module {
  fc1 = new Linear(3, 4);
  act = new ReLU();
  fc2 = new Linear(4, 2);
  forward(x: Tensor): Tensor {
    return this.fc2.call(this.act.call(this.fc1.call(x)));
  }
}

/** A module with its own parameter and a buffer, registered in the constructor. */
class Scale extends Module {
  declare runningMean: Tensor;
  gain = new Parameter(tensor([2, 3]));
  constructor() {
    super();
    this.registerBuffer('runningMean', zeros([2]));
    this.registerBuffer('scratch', zeros([1]), { persistent: false });
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.gain);
  }
}

describe('Parameter', () => {
  it('is a leaf that requires grad and shares the storage of its data', () => {
    const t = tensor([1, 2]);
    const p = new Parameter(t);
    expect(p.requiresGrad).toBe(true);
    expect(p.isLeaf).toBe(true);
    expect(p.data).toBe(t.data);
    expect(new Parameter(t, false).requiresGrad).toBe(false);
    expect(new Parameter().shape).toEqual([0]);
    expect(p.toString()).toBe('Parameter containing:\ntensor([1., 2.], requires_grad=True)');
  });

  it('refuses integer data (only floating tensors can require grad)', () => {
    expect(() => new Parameter(tensor([1, 2], { dtype: 'int32' }))).toThrow(/floating point/);
  });
});

describe('registration by fields', () => {
  it('names parameters by field path, in field order, weight before bias', () => {
    const net = new Net();
    expect(net.namedParameters().map(([n]) => n)).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
    expect(net.parameters()).toEqual([net.fc1.weight, net.fc1.bias, net.fc2.weight, net.fc2.bias]);
    expect(net.namedChildren().map(([n, m]) => [n, m.constructor.name])).toEqual([
      ['fc1', 'Linear'],
      ['act', 'ReLU'],
      ['fc2', 'Linear'],
    ]);
    expect(net.namedModules().map(([n]) => n)).toEqual(['', 'fc1', 'act', 'fc2']);
    expect(net.modules()[0]).toBe(net);
  });

  it('follows reassigned fields, keeping their place', () => {
    const net = new Net();
    const replacement = new Linear(3, 4, { bias: false });
    net.fc1 = replacement;
    expect(net.namedParameters().map(([n]) => n)).toEqual(['fc1.weight', 'fc2.weight', 'fc2.bias']);
    expect(net.children()[0]).toBe(replacement);
  });

  it('lists own parameters and buffers, with prefixes and without recursion', () => {
    const s = new Scale();
    expect(s.namedParameters({ prefix: 'scale' }).map(([n]) => n)).toEqual(['scale.gain']);
    expect(s.namedBuffers().map(([n]) => n)).toEqual(['runningMean', 'scratch']);
    expect(s.buffers()[0]).toBe(s.runningMean);
    const outer = new Sequential(new Linear(2, 2), s);
    expect(outer.parameters({ recurse: false })).toEqual([]);
    expect(outer.namedBuffers().map(([n]) => n)).toEqual(['1.runningMean', '1.scratch']);
    s.runningMean = tensor([5, 6]);
    expect(outer.buffers()[0]!.tolist()).toEqual([5, 6]);
  });

  it('deduplicates a shared module and a shared parameter, unless asked not to', () => {
    const lin = new Linear(2, 2);
    const seq = new Sequential(lin, new ReLU(), lin);
    expect(seq.namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias']);
    expect(seq.namedParameters({ removeDuplicate: false }).map(([n]) => n)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    expect(seq.namedModules().map(([n]) => n)).toEqual(['', '0', '1']);
    expect(seq.namedModules({ removeDuplicate: false }).map(([n]) => n)).toEqual(['', '0', '1', '2']);
    expect(seq.children().length).toBe(2);
  });

  it('registerParameter / registerModule / registerBuffer validate names and values', () => {
    const s = new Scale();
    s.registerParameter('extra', new Parameter(tensor([1])));
    expect(s.namedParameters().map(([n]) => n)).toEqual(['gain', 'extra']);
    s.registerParameter('extra', null);
    expect(s.namedParameters().map(([n]) => n)).toEqual(['gain']);
    s.registerModule('sub', new Tanh());
    expect(s.namedChildren().map(([n]) => n)).toEqual(['sub']);

    expect(() => s.registerParameter('a.b', null)).toThrow(new ValueError('registerParameter: the name can\'t contain ".", got: a.b'));
    expect(() => s.registerParameter('', null)).toThrow(ValueError);
    expect(() => s.registerParameter('forward', null)).toThrow("registerParameter: attribute 'forward' already exists");
    expect(() => s.registerModule('gain', new ReLU())).toThrow("registerModule: attribute 'gain' already exists");
    expect(() => s.registerParameter('w', tensor([1]))).toThrow(
      "registerParameter: cannot assign 'Tensor' object to parameter 'w' (Parameter or null required)",
    );
    expect(() => s.registerModule('m', {} as Module)).toThrow('registerModule: Object is not a Module subclass');
    expect(() => s.registerBuffer('b', 3 as unknown as Tensor)).toThrow(ValueError);
    const computed = new Parameter(tensor([1]));
    expect(() => s.registerParameter('bad', computed.mul(2))).toThrow(ValueError);
  });
});

describe('modes, gradients and bulk operations', () => {
  it('train() and eval() set the mode of every descendant', () => {
    const model = new Sequential(new Linear(2, 2), new Sequential(new ReLU()));
    model.eval();
    expect(model.modules().map((m) => m.training)).toEqual([false, false, false, false]);
    model.train();
    expect(model.modules().every((m) => m.training)).toBe(true);
    expect(model.train(false)).toBe(model);
    expect(model.at(1).training).toBe(false);
  });

  it('zeroGrad fills existing gradients with zeros in place, or drops them with setToNone', () => {
    const model = new Linear(3, 2);
    expect(model.weight.grad).toBeNull();
    model.zeroGrad();
    expect(model.weight.grad).toBeNull();
    model.call(tensor([[1, 2, 3]])).sum().backward();
    const g = model.bias!.grad!;
    expect(g.tolist()).toEqual([1, 1]);
    model.zeroGrad();
    expect(model.bias!.grad).toBe(g);
    expect(g.tolist()).toEqual([0, 0]);
    model.zeroGrad({ setToNone: true });
    expect(model.bias!.grad).toBeNull();
    expect(model.weight.grad).toBeNull();
  });

  it('zeroGrad detaches a gradient that was recorded (createGraph)', () => {
    const lin = new Linear(1, 1, { bias: false });
    const y = lin.call(tensor([[3]])).pow(2).sum();
    y.backward(undefined, { createGraph: true });
    expect(lin.weight.grad!.requiresGrad).toBe(true);
    lin.zeroGrad();
    expect(lin.weight.grad!.requiresGrad).toBe(false);
    expect(lin.weight.grad!.tolist()).toEqual([[0]]);
  });

  it('apply visits children before their parent', () => {
    const inner = new Sequential(new ReLU());
    const model = new Sequential(new Linear(1, 1), inner);
    const seen: string[] = [];
    expect(model.apply((m) => seen.push(m.constructor.name))).toBe(model);
    expect(seen).toEqual(['Linear', 'ReLU', 'Sequential', 'Sequential']);
  });

  it('requiresGrad_ freezes and unfreezes every parameter', () => {
    const model = new Net();
    model.requiresGrad_(false);
    expect(model.parameters().map((p) => p.requiresGrad)).toEqual([false, false, false, false]);
    model.requiresGrad_();
    expect(model.parameters().every((p) => p.requiresGrad)).toBe(true);
  });

  it('to(float64) converts parameters, buffers and gradients in place', () => {
    const s = new Scale();
    const gain = s.gain;
    s.call(tensor([1, 1])).sum().backward();
    s.double();
    expect(s.gain).toBe(gain);
    expect(s.gain.dtype).toBe('float64');
    expect(s.gain.grad!.dtype).toBe('float64');
    expect(s.runningMean.dtype).toBe('float64');
    expect(s.call(tensor([1, 2], { dtype: 'float64' })).tolist()).toEqual([2, 6]);
    expect(s.float().gain.dtype).toBe('float32');
    expect(() => s.to('int32')).toThrow('to: nn.Module.to only accepts floating point dtypes, but got desired dtype=int32');
  });

  it('call is forward', () => {
    const s = new Scale();
    expect(s.call(tensor([1, 1])).tolist()).toEqual(s.forward(tensor([1, 1])).tolist());
    expect(s.call(tensor([1, 1])).tolist()).toEqual([2, 3]);
  });
});

describe('printing', () => {
  it('prints the module tree as PyTorch does', () => {
    expect(new Net().toString()).toBe(
      [
        'Net(',
        '  (fc1): Linear(in_features=3, out_features=4, bias=True)',
        '  (act): ReLU()',
        '  (fc2): Linear(in_features=4, out_features=2, bias=True)',
        ')',
      ].join('\n'),
    );
    const nested = new Sequential(new Sequential(new Linear(2, 3, { bias: false }), new Tanh()), new Linear(3, 1));
    expect(String(nested)).toBe(
      [
        'Sequential(',
        '  (0): Sequential(',
        '    (0): Linear(in_features=2, out_features=3, bias=False)',
        '    (1): Tanh()',
        '  )',
        '  (1): Linear(in_features=3, out_features=1, bias=True)',
        ')',
      ].join('\n'),
    );
    expect(new Scale().toString()).toBe('Scale()');
  });
});

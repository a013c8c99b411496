/** The README's example, run as written, with the values the README shows. */
import { manualSeed, noGrad, randn } from '@gd/autograd';
import { describe, expect, it } from 'vitest';
import { CrossEntropyLoss, Linear, ReLU, Sequential, init } from '../src/index.js';

describe('README example', () => {
  it('trains a small MLP on the quadrant problem', () => {
    manualSeed(0);
    const X = randn([64, 2]);
    const y = X.index(':', 0).mul(X.index(':', 1)).gt(0).to('int32'); // 1 in quadrants I and III

    const model = new Sequential(new Linear(2, 16), new ReLU(), new Linear(16, 2));
    const criterion = new CrossEntropyLoss();
    const losses: number[] = [];
    for (let step = 0; step < 200; step++) {
      const loss = criterion.call(model.call(X), y);
      model.zeroGrad();
      loss.backward();
      noGrad(() => {
        for (const p of model.parameters()) p.sub_(p.grad!.mul(0.5));
      });
      losses.push(loss.item());
    }
    const accuracy = model.call(X).argmax(1).eq(y).float().mean().item();

    expect(losses[0]!.toFixed(4)).toBe('0.7615');
    expect(losses[199]!.toFixed(4)).toBe('0.0730');
    expect(accuracy).toBe(1);
    expect(model.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
    init.zeros_((model.at(2) as Linear).bias!);
    expect((model.at(2) as Linear).bias!.tolist()).toEqual([0, 0]);
  });
});

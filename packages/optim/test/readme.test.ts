/** The README's examples, run as written, with the values the README shows. */
import { manualSeed, randn, tensor } from '@gd/autograd';
import { describe, expect, it } from 'vitest';
import { Adam, CosineAnnealingLR, type OptimizerStateDict, SGD, StepLR, clipGradNorm_ } from '../src/index.js';

describe('README examples', () => {
  manualSeed(0);
  const X = randn([64, 3]);
  const y = X.matmul(tensor([1.5, -2, 0.5])).add(0.3);

  it('SGD with momentum and StepLR fit the line', () => {
    const w = tensor([0, 0, 0], { requiresGrad: true });
    const b = tensor([0], { requiresGrad: true });
    const opt = new SGD([w, b], { lr: 0.1, momentum: 0.9 });
    const sched = new StepLR(opt, { stepSize: 50, gamma: 0.5 });
    for (let epoch = 0; epoch < 100; epoch++) {
      opt.zeroGrad();
      const loss = X.matmul(w).add(b).sub(y).pow(2).mean();
      loss.backward();
      opt.step();
      sched.step();
    }
    expect(w.toString()).toBe('tensor([ 1.5036, -1.9992,  0.4991], requires_grad=True)');
    expect(b.toString()).toBe('tensor([0.3030], requires_grad=True)');
    expect(sched.getLastLr()).toEqual([0.025]);
  });

  it('Adam with groups, clipping, cosine annealing and a JSON checkpoint', () => {
    const w = tensor([0, 0, 0], { requiresGrad: true });
    const b = tensor([0], { requiresGrad: true });
    const adam = new Adam([{ params: [w] }, { params: [b], lr: 0.05 }], { lr: 0.1 });
    const cosine = new CosineAnnealingLR(adam, { tMax: 200 });
    let loss = Infinity;
    for (let step = 0; step < 200; step++) {
      adam.zeroGrad();
      const l = X.matmul(w).add(b).sub(y).pow(2).mean();
      l.backward();
      clipGradNorm_([w, b], 5);
      adam.step();
      cosine.step();
      loss = l.item();
    }
    expect(loss).toBeLessThan(1e-6);
    expect(w.toString()).toBe('tensor([ 1.5001, -2.0002,  0.5000], requires_grad=True)');
    const checkpoint = JSON.stringify({ optimizer: adam.stateDict(), scheduler: cosine.stateDict() });
    const restored = JSON.parse(checkpoint) as { optimizer: OptimizerStateDict };
    const again = new Adam([{ params: [w] }, { params: [b] }]);
    again.loadStateDict(restored.optimizer);
    expect(again.paramGroups.map((g) => g.lr)).toEqual(adam.paramGroups.map((g) => g.lr));
  });
});

/**
 * Learning-rate schedules: each closed form against hand-computed values (PyTorch's docstring
 * tables), the step/getLastLr protocol, the order warning, state dicts, SequentialLR's switching,
 * OneCycleLR's momentum and ReduceLROnPlateau's state machine. (optim.json checks the trajectories
 * against PyTorch itself.)
 */
import { tensor } from '@gd/autograd';
import { ValueError } from '@gd/tensor';
import { describe, expect, it } from 'vitest';
import {
  Adagrad,
  Adam,
  ConstantLR,
  CosineAnnealingLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  type LRScheduler,
  MultiStepLR,
  ORDER_WARNING,
  OneCycleLR,
  ReduceLROnPlateau,
  SGD,
  SequentialLR,
  StepLR,
} from '../src/index.js';

const quiet = { onWarning: () => undefined };

function sgd(lr = 0.1, extra: { lr: number }[] = []): SGD {
  const groups = [{ params: [tensor([1], { requiresGrad: true })] }, ...extra.map((g) => ({ params: [tensor([1], { requiresGrad: true })], ...g }))];
  return new SGD(groups, { lr, momentum: 0.9 });
}

/** The rate of group 0 at each of `n` epochs, stepping the optimizer first as one should. */
function rates(s: LRScheduler, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(s.optimizer.paramGroups[0]!.lr);
    s.optimizer.step();
    s.step();
  }
  return out;
}

function close(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a, `epoch ${i}`).toBeCloseTo(expected[i]!, 14));
}

describe('closed-form schedules', () => {
  it('StepLR: PyTorch’s table (0.05 → 0.005 at 30 → 0.0005 at 60)', () => {
    const s = new StepLR(sgd(0.05), { stepSize: 30, gamma: 0.1 });
    close([0, 29, 30, 59, 60, 89].map((e) => s.lrAt(e)[0]!), [0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005]);
    close(rates(s, 4), [0.05, 0.05, 0.05, 0.05]);
  });

  it('MultiStepLR: a milestone listed twice decays twice', () => {
    const s = new MultiStepLR(sgd(1), { milestones: [5, 2, 2], gamma: 0.5 });
    expect(s.milestones).toEqual([2, 2, 5]);
    close(rates(s, 7), [1, 1, 0.25, 0.25, 0.25, 0.125, 0.125]);
  });

  it('ExponentialLR', () => {
    close(rates(new ExponentialLR(sgd(0.1), { gamma: 0.9 }), 4), [0.1, 0.09, 0.081, 0.0729]);
  });

  it('CosineAnnealingLR: down to etaMin at tMax, back up at 2·tMax', () => {
    const s = new CosineAnnealingLR(sgd(0.1), { tMax: 10, etaMin: 0.001 });
    close([0, 5, 10, 15, 20].map((e) => s.lrAt(e)[0]!), [0.1, 0.0505, 0.001, 0.0505, 0.1]);
    close([s.lrAt(1)[0]!], [0.001 + (0.099 * (1 + Math.cos(Math.PI / 10))) / 2]);
  });

  it('LinearLR: 1/3 → 1 over 5 epochs by default', () => {
    close(rates(new LinearLR(sgd(0.3)), 7), [0.1, 0.14, 0.18, 0.22, 0.26, 0.3, 0.3]);
  });

  it('ConstantLR', () => {
    close(rates(new ConstantLR(sgd(0.05), { factor: 0.5, totalIters: 2 }), 4), [0.025, 0.025, 0.05, 0.05]);
  });

  it('LambdaLR: one function, or one per group', () => {
    const opt = sgd(0.1, [{ lr: 1 }]);
    const s = new LambdaLR(opt, { lrLambda: [(e) => 0.5 ** e, (e) => e + 1] });
    opt.step();
    s.step();
    opt.step();
    s.step();
    close(s.getLastLr(), [0.025, 3]);
    expect(() => new LambdaLR(sgd(), { lrLambda: [(e) => e, (e) => e] })).toThrow(new ValueError('Expected 1 lr_lambdas, but got 2'));
  });

  it('writes every group’s rate from its own base', () => {
    const opt = sgd(0.1, [{ lr: 0.01 }]);
    const s = new StepLR(opt, { stepSize: 1, gamma: 0.5 });
    opt.step();
    s.step();
    close(opt.paramGroups.map((g) => g.lr), [0.05, 0.005]);
    close(s.getLastLr(), [0.05, 0.005]);
    expect(s.baseLrs).toEqual([0.1, 0.01]);
    expect(opt.paramGroups.map((g) => g.initialLr)).toEqual([0.1, 0.01]);
  });

  it('refuses misspelt options and non-optimizers', () => {
    expect(() => new StepLR(sgd(), { stepSize: 2, gama: 0.5 } as never)).toThrow(new ValueError("StepLR: unknown option 'gama'"));
    expect(() => new ExponentialLR({} as never, { gamma: 0.5 })).toThrow(new TypeError('Object is not an Optimizer'));
    expect(() => new LinearLR(sgd(), { startFactor: 0 })).toThrow(
      new ValueError('Starting multiplicative factor expected to be greater than 0 and less or equal to 1.'),
    );
    expect(() => new LinearLR(sgd(), { endFactor: 2 })).toThrow(new ValueError('Ending multiplicative factor expected to be between 0 and 1.'));
  });
});

describe('the order check', () => {
  it('warns once when the scheduler steps before the optimizer has', () => {
    const warnings: string[] = [];
    const opt = sgd();
    const s = new StepLR(opt, { stepSize: 1, onWarning: (m) => warnings.push(m) });
    s.step();
    s.step();
    expect(warnings).toEqual([ORDER_WARNING]);
  });

  it('stays silent in the right order', () => {
    const warnings: string[] = [];
    const opt = sgd();
    const s = new StepLR(opt, { stepSize: 1, onWarning: (m) => warnings.push(m) });
    for (let i = 0; i < 3; i++) {
      opt.step();
      s.step();
    }
    expect(warnings).toEqual([]);
  });
});

describe('state dicts and resuming', () => {
  it('continues from a saved epoch', () => {
    const opt = sgd();
    const s = new CosineAnnealingLR(opt, { tMax: 8, ...quiet });
    rates(s, 3);
    const saved = JSON.parse(JSON.stringify(s.stateDict())) as ReturnType<LRScheduler['stateDict']>;
    expect(saved).toMatchObject({ version: 1, scheduler: 'CosineAnnealingLR', lastEpoch: 3, stepCount: 3, baseLrs: [0.1] });
    const opt2 = sgd(0.5);
    opt2.loadStateDict(opt.stateDict());
    const s2 = new CosineAnnealingLR(opt2, { tMax: 8, ...quiet });
    s2.loadStateDict(saved);
    close(rates(s2, 3).slice(1), rates(s, 3).slice(1));
    expect(() => new StepLR(sgd(), { stepSize: 1 }).loadStateDict(saved)).toThrow(
      new ValueError('loadStateDict: the state dict is from CosineAnnealingLR, not StepLR'),
    );
  });

  it('resumes with lastEpoch from the groups’ initialLr', () => {
    const fresh = sgd();
    expect(() => new StepLR(fresh, { stepSize: 2, lastEpoch: 5 })).toThrow(
      new ValueError("param 'initial_lr' is not specified in param_groups[0] when resuming an optimizer"),
    );
    const opt = sgd(0.8);
    opt.paramGroups[0]!.initialLr = 0.8;
    const s = new StepLR(opt, { stepSize: 2, gamma: 0.5, lastEpoch: 5 });
    expect(s.lastEpoch).toBe(6);
    close(s.getLastLr(), [0.1]);
  });
});

describe('SequentialLR', () => {
  it('switches schedule at the milestone, each from the base rate', () => {
    const opt = sgd(0.1);
    const warmup = new LinearLR(opt, { startFactor: 0.5, totalIters: 2 });
    const decay = new ExponentialLR(opt, { gamma: 0.9 });
    const s = new SequentialLR(opt, { schedulers: [warmup, decay], milestones: [2] });
    // the constructors of both schedules already ran; the rate is the warm-up's epoch 0 again
    close(rates(s, 6), [0.05, 0.075, 0.1, 0.09, 0.081, 0.0729]);
    expect(decay.lastEpoch).toBe(4); // epoch 6 is the decay's epoch 4
    close(decay.getLastLr(), [0.0729 * 0.9]);
  });

  it('round-trips its state with its schedules’', () => {
    const make = (): SequentialLR => {
      const opt = sgd(1);
      return new SequentialLR(opt, {
        schedulers: [new ConstantLR(opt, { factor: 0.1, totalIters: 10 }), new StepLR(opt, { stepSize: 1, gamma: 0.5 })],
        milestones: [3],
        ...quiet,
      });
    };
    const a = make();
    rates(a, 4);
    const b = make();
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())) as ReturnType<LRScheduler['stateDict']>);
    b.step();
    a.step();
    close(b.getLastLr(), a.getLastLr());
    close(a.getLastLr(), [0.25]);
  });

  it('checks its schedules and milestones (PyTorch’s messages)', () => {
    const opt = sgd();
    const other = sgd();
    const mine = new StepLR(opt, { stepSize: 1 });
    expect(() => new SequentialLR(opt, { schedulers: [mine, new StepLR(other, { stepSize: 1 })], milestones: [1] })).toThrow(
      new ValueError(
        'Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index 1 to be different than the optimizer passed in.',
      ),
    );
    expect(() => new SequentialLR(opt, { schedulers: [mine], milestones: [1] })).toThrow(
      new ValueError(
        'Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers 1 and the number of milestones to be equal to 1',
      ),
    );
  });
});

describe('OneCycleLR', () => {
  it('rises to maxLr and anneals, with the momentum going the other way', () => {
    const opt = sgd();
    const s = new OneCycleLR(opt, { maxLr: 1, totalSteps: 10, pctStart: 0.5, annealStrategy: 'linear' });
    const lrs: number[] = [];
    const momenta: number[] = [];
    for (let i = 0; i < 10; i++) {
      lrs.push(opt.paramGroups[0]!.lr);
      momenta.push(opt.paramGroups[0]!.momentum);
      opt.step();
      s.step();
    }
    // phase 1: steps 0..4 from 1/25 to 1; phase 2: steps 4..9 from 1 to 1/25/1e4
    close(lrs.slice(0, 5), [0, 1, 2, 3, 4].map((k) => 0.04 + (0.96 * k) / 4));
    close(lrs.slice(4), [0, 1, 2, 3, 4, 5].map((k) => 1 + ((4e-6 - 1) * k) / 5));
    close(momenta.slice(0, 5), [0, 1, 2, 3, 4].map((k) => 0.95 - (0.1 * k) / 4));
    close(momenta.slice(4), [0, 1, 2, 3, 4, 5].map((k) => 0.85 + (0.1 * k) / 5));
    // one past the end is allowed (the last rate extrapolates), two is not
    expect(() => s.step()).toThrow(new ValueError('Tried to step 12 times. The specified number of total steps is 10'));
  });

  it('cycles Adam’s β1', () => {
    const opt = new Adam([tensor([1], { requiresGrad: true })], { lr: 0.1 });
    const s = new OneCycleLR(opt, { maxLr: 0.01, epochs: 2, stepsPerEpoch: 5, ...quiet });
    expect(s.totalSteps).toBe(10);
    expect(opt.paramGroups[0]!.betas).toEqual([0.95, 0.999]);
    expect(opt.paramGroups[0]!.lr).toBeCloseTo(0.0004, 15);
    opt.step();
    s.step();
    expect(opt.paramGroups[0]!.betas[0]).toBeLessThan(0.95);
    expect(opt.paramGroups[0]!.betas[1]).toBe(0.999);
  });

  it('validates like PyTorch', () => {
    expect(() => new OneCycleLR(sgd(), { maxLr: 1 })).toThrow(new ValueError('You must define either total_steps OR (epochs AND steps_per_epoch)'));
    expect(() => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 0 })).toThrow(new ValueError('Expected positive integer total_steps, but got 0'));
    expect(() => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 5, pctStart: 2 })).toThrow(
      new ValueError('Expected float between 0 and 1 pct_start, but got 2'),
    );
    expect(() => new OneCycleLR(sgd(), { maxLr: [1, 2], totalSteps: 5 })).toThrow(new ValueError('expected 1 values for max_lr, got 2'));
    const adagrad = new Adagrad([tensor([1], { requiresGrad: true })]);
    expect(() => new OneCycleLR(adagrad, { maxLr: 1, totalSteps: 5 })).toThrow(
      new ValueError('optimizer must support momentum with `cycle_momentum` option enabled'),
    );
    close(new OneCycleLR(adagrad, { maxLr: 1, totalSteps: 5, cycleMomentum: false }).getLastLr(), [0.04]);
  });
});

describe('ReduceLROnPlateau', () => {
  function run(s: ReduceLROnPlateau, metrics: number[]): number[] {
    return metrics.map((m) => {
      s.step(m);
      return s.optimizer.paramGroups[0]!.lr;
    });
  }

  it('reduces after more than `patience` epochs without improvement', () => {
    const s = new ReduceLROnPlateau(sgd(1), { patience: 2, factor: 0.5 });
    close(run(s, [10, 9, 9, 9, 9, 8, 8, 8, 8]), [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25]);
    expect(s.best).toBe(8);
  });

  it('waits out the cooldown, stops at minLr and skips reductions smaller than eps', () => {
    const s = new ReduceLROnPlateau(sgd(1), { patience: 0, factor: 0.1, cooldown: 2, minLr: 0.005 });
    close(run(s, [1, 1, 1, 1, 1, 1, 1, 1]), [1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.005]);
    const tiny = new ReduceLROnPlateau(sgd(1e-8), { patience: 0 });
    close(run(tiny, [1, 1]), [1e-8, 1e-8]);
  });

  it('handles max mode and absolute thresholds', () => {
    const s = new ReduceLROnPlateau(sgd(1), { mode: 'max', patience: 0, threshold: 0.5, thresholdMode: 'abs' });
    close(run(s, [1, 2, 2.4, 3]), [1, 1, 0.1, 0.1]);
  });

  it('round-trips its state and validates its options', () => {
    const a = new ReduceLROnPlateau(sgd(1), { patience: 1 });
    run(a, [5, 6]);
    const b = new ReduceLROnPlateau(sgd(1), { patience: 1 });
    b.loadStateDict(JSON.parse(JSON.stringify(a.stateDict())) as ReturnType<ReduceLROnPlateau['stateDict']>);
    expect(b.best).toBe(5);
    expect(b.numBadEpochs).toBe(1);
    close(run(b, [7]), [0.1]);
    expect(() => new ReduceLROnPlateau(sgd(), { factor: 1 })).toThrow(new ValueError('Factor should be < 1.0.'));
    expect(() => new ReduceLROnPlateau(sgd(), { mode: 'up' as never })).toThrow(new ValueError('mode up is unknown!'));
    expect(() => new ReduceLROnPlateau(sgd(), { minLr: [0, 0] })).toThrow(new ValueError('expected 1 min_lrs, got 2'));
    expect(() => new ReduceLROnPlateau(sgd(), { patiense: 1 } as never)).toThrow(new ValueError("ReduceLROnPlateau: unknown option 'patiense'"));
  });
});

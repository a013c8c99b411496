/**
 * How main.ts sizes up a `gd tutorial` run from its raw arguments (the run length decides whether
 * V8's optimizing compiler is worth starting), and that other commands are left alone.
 */
import { describe, expect, it } from 'vitest';
import { SHORT_RUN_STEPS, tuneForCommand, tutorialSteps } from '../src/runtime/lean-runtime.js';

describe('tutorialSteps', () => {
  it("counts the tutorial's steps: epochs × ⌈points / batch size⌉, over the batch sizes", () => {
    expect(tutorialSteps(['tutorial'])).toBe(20 * (100 + 10 + 5));
    expect(tutorialSteps(['tutorial', '--epochs', '40', '--out', 'x'])).toBe(40 * 115);
    expect(tutorialSteps(['tutorial', '--epochs=5', '--batch-sizes', '3,100', '--points', '50'])).toBe(5 * (17 + 1));
    // the last value wins, as in commander
    expect(tutorialSteps(['tutorial', '--epochs', '1', '--epochs', '2', '--batch-sizes=10'])).toBe(20);
    expect(tutorialSteps(['tutorial', '--epochs', '0'])).toBe(0);
  });

  it('cannot tell (so the run keeps V8 as it is) for values commander refuses, and for --compare', () => {
    expect(tutorialSteps(['tutorial', '--epochs', 'ten'])).toBe(Infinity);
    expect(tutorialSteps(['tutorial', '--batch-sizes', '1,0'])).toBe(Infinity);
    expect(tutorialSteps(['tutorial', '--points', '-3'])).toBe(Infinity);
    expect(tutorialSteps(['tutorial', '--compare', 'dir'])).toBe(Infinity);
  });

  it('puts the default run on the short side and 40 epochs on the long side', () => {
    expect(tutorialSteps(['tutorial'])).toBeLessThanOrEqual(SHORT_RUN_STEPS);
    expect(tutorialSteps(['tutorial', '--epochs', '40'])).toBeGreaterThan(SHORT_RUN_STEPS);
  });
});

describe('tuneForCommand', () => {
  it('sets nothing for the other commands', () => {
    expect(tuneForCommand([])).toEqual([]);
    expect(tuneForCommand(['train', '--data', 'iris'])).toEqual([]);
    expect(tuneForCommand(['--help'])).toEqual([]);
  });
});

/**
 * The controls' validators (the messages a visitor reads next to a control) and the settings
 * written as a `gd tutorial` command.
 */
import { describe, expect, it } from 'vitest';
import {
  TUTORIAL_DEFAULTS,
  configProblem,
  parseBatchSizes,
  parseEpochs,
  parseInit,
  parseLr,
  parseNoise,
  parsePoints,
  parseSeed,
  tutorialCommand,
} from '../src/engine/config.js';
import { formatValue } from '../src/ui/format.js';

describe('control validators', () => {
  it('accept good values', () => {
    expect(parseLr(' 0.1 ')).toEqual({ ok: true, value: 0.1 });
    expect(parseLr('1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(parseEpochs('20')).toEqual({ ok: true, value: 20 });
    expect(parsePoints('100')).toEqual({ ok: true, value: 100 });
    expect(parseSeed('0')).toEqual({ ok: true, value: 0 });
    expect(parseNoise('0')).toEqual({ ok: true, value: 0 });
    expect(parseInit('-20', 'initial b')).toEqual({ ok: true, value: -20 });
    expect(parseBatchSizes('1, 10 20', 100)).toEqual({ ok: true, value: [1, 10, 20] });
  });

  it.each([
    [parseLr, '', 'learning rate must be a number, got ""'],
    [parseLr, '0x10', 'learning rate must be a number, got "0x10"'],
    [parseLr, '0', 'learning rate must be positive, got 0'],
    [parseLr, '-0.5', 'learning rate must be positive, got -0.5'],
    [parseLr, '101', 'learning rate must be at most 100, got 101'],
    [parseLr, 'Infinity', 'learning rate must be a number, got "Infinity"'],
    [parseEpochs, '2.5', 'epochs must be a whole number, got 2.5'],
    [parseEpochs, '0', 'epochs must be between 1 and 500, got 0'],
    [parsePoints, '1', 'number of points must be between 2 and 2000, got 1'],
    [parseSeed, '-1', 'seed must be between 0 and 9007199254740991, got -1'],
    [parseNoise, '-0.1', 'noise must be zero or more, got -0.1'],
  ] as const)('%o refuses "%s": %s', (parse, text, message) => {
    expect(parse(text)).toEqual({ ok: false, message });
  });

  it('refuses bad batch sizes with the reason', () => {
    expect(parseBatchSizes('', 100)).toEqual({ ok: false, message: 'enter at least one batch size, e.g. 1, 10, 20' });
    expect(parseBatchSizes('1, 0', 100)).toEqual({ ok: false, message: 'batch size must be between 1 and 100, got 0' });
    expect(parseBatchSizes('150', 100)).toEqual({ ok: false, message: 'batch size must be between 1 and 100, got 150' });
    expect(parseBatchSizes('10, 10', 100)).toEqual({ ok: false, message: 'batch size 10 is listed twice' });
    expect(parseBatchSizes('1 2 3 4 5', 100)).toEqual({ ok: false, message: 'at most 4 batch sizes, got 5' });
    expect(parseBatchSizes('ten', 100)).toEqual({ ok: false, message: 'batch size must be a number, got "ten"' });
  });

  it('the worker guard agrees', () => {
    expect(configProblem(TUTORIAL_DEFAULTS)).toBeUndefined();
    expect(configProblem({ ...TUTORIAL_DEFAULTS, batchSizes: [1, 200] })).toBe('bad batch sizes 1,200');
    expect(configProblem({ ...TUTORIAL_DEFAULTS, lr: -1 })).toBe('bad learning rate -1');
  });
});

describe('tutorialCommand', () => {
  it('writes only the flags that differ from the tutorial', () => {
    expect(tutorialCommand(TUTORIAL_DEFAULTS)).toEqual({ command: 'gd tutorial' });
    expect(
      tutorialCommand({ ...TUTORIAL_DEFAULTS, seed: 7, lr: 0.05, batchSizes: [5, 100], targets: 'noisy', shuffle: true, optimizer: 'adam', w0: 1 }),
    ).toEqual({ command: 'gd tutorial --seed 7 --lr 0.05 --batch-sizes 5,100 --targets noisy --shuffle --w0 1 --optimizer adam' });
  });

  it('writes the number of points, the noise level and momentum as the CLI takes them', () => {
    expect(tutorialCommand({ ...TUTORIAL_DEFAULTS, n: 50, noise: 1.5, optimizer: 'momentum' })).toEqual({
      command: 'gd tutorial --points 50 --noise 1.5 --optimizer sgd --momentum 0.9',
    });
  });
});

describe('formatValue (as gd tutorial prints)', () => {
  it.each([
    [0.15472283959388733, '0.154723'],
    [-4.999161720275879, '-4.99916'],
    [20, '20'],
    [0.0010541060473769903, '0.00105411'],
    [-1.4715986253577285e-5, '-1.47160e-5'],
    [12686184153088, '1.26862e+13'],
    [0, '0'],
    [Infinity, 'Infinity'],
    [NaN, 'NaN'],
  ])('%d → %s', (v, text) => {
    expect(formatValue(v)).toBe(text);
  });
});

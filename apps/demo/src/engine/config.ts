/**
 * The tutorial experiment's settings as the page edits them, their defaults (the tutorial as
 * written: seed 42, 100 points, w = -10, b = -20, step 0.1, 20 epochs, batch sizes 1, 10, 20) and
 * one validator per control, so that a bad value is refused at the control that holds it, with a
 * message, before anything reaches the worker.
 */

export type Targets = 'clean' | 'noisy';
/**
 * `manual`: the tutorial's own update, `w.data = w.data - lr * w.grad.data`; `sgd`: torch.optim.SGD
 * (one fused multiply-add per step, so the chaotic batch-1 runs differ); `momentum`: SGD with
 * momentum 0.9; `adam`: Adam with PyTorch's defaults.
 */
export type OptimizerName = 'manual' | 'sgd' | 'momentum' | 'adam';

export interface TutorialConfig {
  /** Batch size of each run (the tutorial's three: SGD, mini-batch 10 and 20). */
  batchSizes: number[];
  lr: number;
  epochs: number;
  /** Standard deviation of the noise on Y (tutorial: 0.4). */
  noise: number;
  /** Number of points in [-5, 5) (tutorial: 100, i.e. a spacing of 0.1). */
  n: number;
  seed: number;
  shuffle: boolean;
  optimizer: OptimizerName;
  /** 'clean': train on y = -5x as the tutorial's Build_Data does; 'noisy': train on Y. */
  targets: Targets;
  w0: number;
  b0: number;
}

export const TUTORIAL_DEFAULTS: Readonly<TutorialConfig> = Object.freeze({
  batchSizes: [1, 10, 20],
  lr: 0.1,
  epochs: 20,
  noise: 0.4,
  n: 100,
  seed: 42,
  shuffle: false,
  optimizer: 'manual',
  targets: 'clean',
  w0: -10,
  b0: -20,
});

/** Limits that keep a run inside what the page can draw and the worker can finish quickly. */
export const LIMITS = {
  maxRuns: 4,
  maxPoints: 2000,
  maxEpochs: 500,
  maxLr: 100,
  maxNoise: 100,
  maxAbsInit: 1000,
} as const;

/** A validator's verdict: the parsed value, or the message to show next to the control. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** A finite number written in plain decimal or exponent notation (no hex, no empty string). */
function parseNumber(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

function parseInteger(text: string, what: string, min: number, max: number): Parsed<number> {
  const v = parseNumber(text);
  if (v === undefined) return fail(`${what} must be a number, got "${text.trim()}"`);
  if (!Number.isInteger(v)) return fail(`${what} must be a whole number, got ${v}`);
  if (v < min || v > max) return fail(`${what} must be between ${min} and ${max}, got ${v}`);
  return ok(v);
}

/** Learning rate: a positive number up to {@link LIMITS.maxLr}. */
export function parseLr(text: string): Parsed<number> {
  const v = parseNumber(text);
  if (v === undefined) return fail(`learning rate must be a number, got "${text.trim()}"`);
  if (v <= 0) return fail(`learning rate must be positive, got ${v}`);
  if (v > LIMITS.maxLr) return fail(`learning rate must be at most ${LIMITS.maxLr}, got ${v}`);
  return ok(v);
}

export function parseEpochs(text: string): Parsed<number> {
  return parseInteger(text, 'epochs', 1, LIMITS.maxEpochs);
}

export function parsePoints(text: string): Parsed<number> {
  return parseInteger(text, 'number of points', 2, LIMITS.maxPoints);
}

export function parseSeed(text: string): Parsed<number> {
  return parseInteger(text, 'seed', 0, Number.MAX_SAFE_INTEGER);
}

export function parseNoise(text: string): Parsed<number> {
  const v = parseNumber(text);
  if (v === undefined) return fail(`noise must be a number, got "${text.trim()}"`);
  if (v < 0) return fail(`noise must be zero or more, got ${v}`);
  if (v > LIMITS.maxNoise) return fail(`noise must be at most ${LIMITS.maxNoise}, got ${v}`);
  return ok(v);
}

/** Initial w or b: any number within ±{@link LIMITS.maxAbsInit}. */
export function parseInit(text: string, what: string): Parsed<number> {
  const v = parseNumber(text);
  if (v === undefined) return fail(`${what} must be a number, got "${text.trim()}"`);
  if (Math.abs(v) > LIMITS.maxAbsInit) return fail(`${what} must be between -${LIMITS.maxAbsInit} and ${LIMITS.maxAbsInit}, got ${v}`);
  return ok(v);
}

/**
 * Batch sizes: 1 to {@link LIMITS.maxRuns} distinct whole numbers separated by commas or spaces,
 * each between 1 and the number of points (a larger batch is the whole dataset anyway).
 * @example
 * parseBatchSizes('1, 10, 20', 100); // { ok: true, value: [1, 10, 20] }
 * parseBatchSizes('0', 100);         // { ok: false, message: 'batch size must be between 1 and 100, got 0' }
 */
export function parseBatchSizes(text: string, n: number): Parsed<number[]> {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length === 0) return fail('enter at least one batch size, e.g. 1, 10, 20');
  if (parts.length > LIMITS.maxRuns) return fail(`at most ${LIMITS.maxRuns} batch sizes, got ${parts.length}`);
  const sizes: number[] = [];
  for (const part of parts) {
    const r = parseInteger(part, 'batch size', 1, n);
    if (!r.ok) return r;
    if (sizes.includes(r.value)) return fail(`batch size ${r.value} is listed twice`);
    sizes.push(r.value);
  }
  return ok(sizes);
}

export function isOptimizerName(v: string): v is OptimizerName {
  return v === 'manual' || v === 'sgd' || v === 'momentum' || v === 'adam';
}

/**
 * The same experiment as a `gd tutorial` command: only the flags that differ from the defaults
 * (the page's `momentum` is `--optimizer sgd --momentum 0.9`).
 * @example
 * tutorialCommand({ ...TUTORIAL_DEFAULTS, lr: 0.05 }); // { command: 'gd tutorial --lr 0.05' }
 */
export function tutorialCommand(c: TutorialConfig): { command: string } {
  const d = TUTORIAL_DEFAULTS;
  const flags: string[] = [];
  if (c.seed !== d.seed) flags.push(`--seed ${c.seed}`);
  if (c.epochs !== d.epochs) flags.push(`--epochs ${c.epochs}`);
  if (c.lr !== d.lr) flags.push(`--lr ${c.lr}`);
  if (c.batchSizes.join(',') !== d.batchSizes.join(',')) flags.push(`--batch-sizes ${c.batchSizes.join(',')}`);
  if (c.n !== d.n) flags.push(`--points ${c.n}`);
  if (c.noise !== d.noise) flags.push(`--noise ${c.noise}`);
  if (c.targets !== d.targets) flags.push(`--targets ${c.targets}`);
  if (c.shuffle) flags.push('--shuffle');
  if (c.w0 !== d.w0) flags.push(`--w0 ${c.w0}`);
  if (c.b0 !== d.b0) flags.push(`--b0 ${c.b0}`);
  if (c.optimizer === 'momentum') flags.push('--optimizer sgd --momentum 0.9');
  else if (c.optimizer !== d.optimizer) flags.push(`--optimizer ${c.optimizer}`);
  return { command: ['gd tutorial', ...flags].join(' ') };
}

export function isTargets(v: string): v is Targets {
  return v === 'clean' || v === 'noisy';
}

/**
 * Checks a whole config (the worker's guard: the page only sends configs built from validated
 * controls). Returns the first problem, or undefined.
 */
export function configProblem(c: TutorialConfig): string | undefined {
  const checks: [boolean, string][] = [
    [Number.isInteger(c.n) && c.n >= 2 && c.n <= LIMITS.maxPoints, `bad number of points ${c.n}`],
    [c.batchSizes.length >= 1 && c.batchSizes.length <= LIMITS.maxRuns, `bad batch sizes ${String(c.batchSizes)}`],
    [c.batchSizes.every((bs) => Number.isInteger(bs) && bs >= 1 && bs <= c.n), `bad batch sizes ${String(c.batchSizes)}`],
    [c.lr > 0 && c.lr <= LIMITS.maxLr, `bad learning rate ${c.lr}`],
    [Number.isInteger(c.epochs) && c.epochs >= 1 && c.epochs <= LIMITS.maxEpochs, `bad epochs ${c.epochs}`],
    [c.noise >= 0 && c.noise <= LIMITS.maxNoise, `bad noise ${c.noise}`],
    [Number.isSafeInteger(c.seed) && c.seed >= 0, `bad seed ${c.seed}`],
    [Math.abs(c.w0) <= LIMITS.maxAbsInit && Math.abs(c.b0) <= LIMITS.maxAbsInit, `bad initial w, b ${c.w0}, ${c.b0}`],
    [isOptimizerName(c.optimizer), `bad optimizer ${String(c.optimizer)}`],
    [isTargets(c.targets), `bad targets ${String(c.targets)}`],
  ];
  return checks.find(([good]) => !good)?.[1];
}

/**
 * The experiment's controls: each edits one setting of the config, validates at the control and,
 * when committed with a good value, hands the whole new config to `onChange`. Settings that
 * depend on each other (batch sizes and the number of points) are checked together.
 */
import {
  type Parsed,
  TUTORIAL_DEFAULTS,
  type TutorialConfig,
  isOptimizerName,
  isTargets,
  parseBatchSizes,
  parseEpochs,
  parseInit,
  parseLr,
  parseNoise,
  parsePoints,
  parseSeed,
} from '../engine/config.js';
import { Field, byId } from './field.js';

export class TutorialControls {
  private config: TutorialConfig;
  private readonly fields: Field<unknown>[];
  private readonly optimizer = byId<HTMLSelectElement>('optimizer');
  private readonly shuffle = byId<HTMLInputElement>('shuffle');
  private readonly targets: HTMLInputElement[];

  constructor(
    initial: TutorialConfig,
    private readonly onChange: (config: TutorialConfig) => void,
  ) {
    this.config = { ...initial };
    const set = <K extends keyof TutorialConfig>(key: K) => (value: TutorialConfig[K]) => this.commit({ [key]: value });
    const points = (text: string): Parsed<number> => {
      const r = parsePoints(text);
      const largest = Math.max(...this.config.batchSizes);
      if (r.ok && r.value < largest) return { ok: false, message: `number of points must be at least the largest batch size (${largest}), got ${r.value}` };
      return r;
    };
    this.fields = [
      new Field('batch-sizes', (t) => parseBatchSizes(t, this.config.n), set('batchSizes')),
      new Field('lr', parseLr, set('lr')),
      new Field('epochs', parseEpochs, set('epochs')),
      new Field('noise', parseNoise, set('noise')),
      new Field('points', points, set('n')),
      new Field('seed', parseSeed, set('seed')),
      new Field('w0', (t) => parseInit(t, 'initial w'), set('w0')),
      new Field('b0', (t) => parseInit(t, 'initial b'), set('b0')),
    ] as Field<unknown>[];
    this.optimizer.addEventListener('change', () => {
      if (isOptimizerName(this.optimizer.value)) this.commit({ optimizer: this.optimizer.value });
    });
    this.shuffle.addEventListener('change', () => this.commit({ shuffle: this.shuffle.checked }));
    this.targets = [...document.querySelectorAll<HTMLInputElement>('input[name="targets"]')];
    for (const radio of this.targets) {
      radio.addEventListener('change', () => {
        if (radio.checked && isTargets(radio.value)) this.commit({ targets: radio.value });
      });
    }
    byId('settings').addEventListener('submit', (e) => e.preventDefault());
    byId('defaults').addEventListener('click', () => {
      this.show(TUTORIAL_DEFAULTS);
      this.commit({ ...TUTORIAL_DEFAULTS, batchSizes: [...TUTORIAL_DEFAULTS.batchSizes] });
    });
    this.show(this.config);
  }

  get current(): TutorialConfig {
    return this.config;
  }

  /** Writes `c` into the controls (and clears any message). */
  private show(c: TutorialConfig): void {
    const text: Record<string, string> = {
      'batch-sizes': c.batchSizes.join(', '),
      lr: String(c.lr),
      epochs: String(c.epochs),
      noise: String(c.noise),
      points: String(c.n),
      seed: String(c.seed),
      w0: String(c.w0),
      b0: String(c.b0),
    };
    for (const f of this.fields) f.set(text[f.input.id]!);
    this.optimizer.value = c.optimizer;
    this.shuffle.checked = c.shuffle;
    for (const radio of this.targets) radio.checked = radio.value === c.targets;
  }

  private commit(change: Partial<TutorialConfig>): void {
    this.config = { ...this.config, ...change };
    // a change of n may make the batch sizes valid again (or the other way round): recheck both
    for (const f of this.fields) if (f.input.id === 'batch-sizes' || f.input.id === 'points') f.check();
    this.onChange(this.config);
  }
}

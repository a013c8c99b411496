/**
 * The tutorial experiment as the worker runs it: the runs of one config on the lockstep clock,
 * played at a chosen speed (samples per second) in slices of at most ~20 ms, so the worker keeps
 * answering pause and step at once. Progress goes to the page in one message per slice; the
 * gradient-noise report at each epoch boundary and whenever the runs stop.
 *
 * No DOM and no `self`: messages leave through `post`, time comes from `timers`, so Node tests
 * can drive it.
 */
import { type TutorialConfig, configProblem } from '../engine/config.js';
import { LiveBatchNoise, type LiveNoise, measureRandomBatches, noiseWithReplacement, noiseWithoutReplacement, perSampleSpread } from '../engine/gradient-noise.js';
import { type LineMoments, lineMoments, lossSurface } from '../engine/line-stats.js';
import { Lockstep } from '../engine/lockstep.js';
import { type TutorialData, type TutorialRun, createTutorialRun, tutorialData } from '../engine/tutorial-runs.js';
import type { FromWorker, NoiseReport, RunUpdate, Speed } from '../protocol.js';
import { Serial } from './serial.js';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
  now(): number;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

/** Wall time one slice may take before the worker posts and yields. */
const SLICE_MS = 20;
/** Pause between slices when playing at a finite speed (about one frame). */
const FRAME_MS = 16;
/** Random batches drawn per batch size for the measured noise. */
const NOISE_DRAWS = 200;
/** Minimum time between two noise reports while playing. */
const NOISE_EVERY_MS = 400;

interface Pending {
  path: number[];
}

export class TutorialSession {
  private config: TutorialConfig | null = null;
  private data: TutorialData | null = null;
  private moments: LineMoments | null = null;
  private runs: TutorialRun[] = [];
  private clock: Lockstep | null = null;
  private pending: Pending[] = [];
  private sentLosses: number[] = [];
  private live: LiveBatchNoise[] = [];
  private lastLive: LiveNoise[] = [];
  private playing = false;
  private speed: Speed = 250;
  private credit = 0;
  private lastTime = 0;
  private timer: unknown = undefined;
  private lastNoise = -Infinity;

  constructor(
    private readonly post: (message: FromWorker) => void,
    private readonly timers: Timers = browserTimers,
    /** Commands and play slices run one at a time, in order, with the worker's other jobs (the Iris panel's). */
    private readonly serial: Serial = new Serial(),
  ) {}

  /** Runs `job` after everything queued before it; a failure is reported, and stops play. */
  private enqueue(job: () => void | Promise<void>): Promise<void> {
    return this.serial.run(job, (e: unknown) => {
      const wasPlaying = this.playing;
      this.halt();
      this.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
      if (wasPlaying) this.post({ type: 'state', playing: false });
    });
  }

  /** Builds the runs of `config` from scratch (also what reset does), paused at the start. */
  configure(config: TutorialConfig): Promise<void> {
    this.halt();
    return this.enqueue(() => this.build(config));
  }

  private build(config: TutorialConfig): void {
    const problem = configProblem(config);
    if (problem !== undefined) {
      this.post({ type: 'error', message: `the worker refused the settings: ${problem}` });
      return;
    }
    this.config = config;
    this.data = tutorialData(config);
    this.moments = lineMoments(this.data.x, this.data.trainY);
    this.runs = config.batchSizes.map((bs) => createTutorialRun(config, bs));
    this.clock = new Lockstep(this.runs, config.n);
    this.pending = this.runs.map(() => ({ path: [] }));
    this.sentLosses = this.runs.map(() => 0);
    this.live = this.runs.map((r) => new LiveBatchNoise(this.moments!, r.batchSize));
    this.lastLive = this.runs.map(() => ({ mean: NaN, ratio: NaN, count: 0 }));
    this.post({
      type: 'ready',
      config,
      data: this.data,
      surface: lossSurface(this.moments, config.w0, config.b0, 240, 240),
      runs: this.runs.map((r) => ({ batchSize: r.batchSize, stepsPerEpoch: r.stepsPerEpoch, epochs: r.epochs })),
      n: config.n,
      end: this.clock.end,
    });
    this.flush();
    this.reportNoise();
    this.post({ type: 'state', playing: false });
  }

  play(speed: Speed): void {
    this.speed = speed;
    if (this.clock === null || this.clock.finished || this.playing) return;
    this.playing = true;
    this.credit = 0;
    this.lastTime = this.timers.now();
    this.post({ type: 'state', playing: true });
    this.schedule(0);
  }

  pause(): void {
    if (!this.playing) return;
    this.halt();
    this.post({ type: 'state', playing: false });
    this.reportNoise();
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
  }

  /** One tick of the clock: each run whose batch ends there takes one step. */
  step(): Promise<void> {
    if (this.playing) this.pause();
    return this.enqueue(() => {
      if (this.clock === null || this.clock.finished) return;
      this.tick();
      this.flush();
      this.reportNoise();
      if (this.clock.finished) this.post({ type: 'state', playing: false });
    });
  }

  private halt(): void {
    this.playing = false;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private schedule(ms: number): void {
    this.timer = this.timers.set(() => this.slice(), ms);
  }

  /** One slice of play: as many ticks as the speed allows (or fit in SLICE_MS), then one message. */
  private slice(): void {
    this.timer = undefined;
    void this.enqueue(() => this.playSlice());
  }

  private playSlice(): void {
    if (!this.playing || this.clock === null) return;
    const start = this.timers.now();
    const unlimited = this.speed <= 0;
    if (!unlimited) {
      // credit in samples; capped so a stalled tab does not burst
      this.credit = Math.min(this.credit + ((start - this.lastTime) * this.speed) / 1000, this.speed * 0.25 + 1);
    }
    this.lastTime = start;
    let boundary = false;
    while (!this.clock.finished && (unlimited || this.credit > 0) && this.timers.now() - start < SLICE_MS) {
      const before = this.clock.clock;
      this.tick();
      this.credit -= this.clock.clock - before;
      if (this.clock.clock % this.clock.n === 0) boundary = true;
    }
    this.flush();
    const now = this.timers.now();
    if (this.clock.finished || (boundary && now - this.lastNoise >= NOISE_EVERY_MS)) this.reportNoise();
    if (this.clock.finished) {
      this.halt();
      this.post({ type: 'state', playing: false });
      return;
    }
    this.schedule(unlimited ? 0 : FRAME_MS);
  }

  private tick(): void {
    const t = this.clock!.tick();
    if (t === null) return;
    for (const { run, record } of t.steps) {
      if (record === null) continue;
      this.pending[run]!.path.push(record.w, record.b);
      this.live[run]!.add(record.wBefore, record.bBefore, record.gradW, record.gradB);
      const r = this.runs[run]!;
      if (record.step === r.stepsPerEpoch - 1) this.lastLive[run] = this.live[run]!.take();
    }
  }

  private flush(): void {
    const updates: RunUpdate[] = this.runs.map((r, i) => {
      const losses = r.losses.slice(this.sentLosses[i]).map((loss, k) => ({ epoch: this.sentLosses[i]! + k, loss }));
      this.sentLosses[i] = r.losses.length;
      const u: RunUpdate = {
        run: i,
        path: this.pending[i]!.path,
        losses,
        epoch: r.wPerEpoch.length,
        step: 0,
        w: r.w,
        b: r.b,
        finalLoss: r.finalLoss,
        status: r.status,
      };
      u.step = r.status === 'done' ? 0 : stepInEpoch(this.clock!, r);
      if (r.divergence !== undefined) {
        u.divergence = r.divergence;
        u.epoch = r.divergence.epoch;
        u.step = r.divergence.step;
      }
      this.pending[i]!.path = [];
      return u;
    });
    this.post({ type: 'progress', clock: this.clock!.clock, end: this.clock!.end, updates, finished: this.clock!.finished });
  }

  private reportNoise(): void {
    if (this.data === null || this.clock === null || this.config === null) return;
    this.lastNoise = this.timers.now();
    const { x, trainY } = this.data;
    const n = x.length;
    const report: NoiseReport = { epoch: Math.floor(this.clock.clock / n), n, draws: NOISE_DRAWS, runs: [], sweep: null };
    this.runs.forEach((r, i) => {
      // a diverged run has nothing left to measure
      if (r.status === 'diverged' || !Number.isFinite(r.w) || !Number.isFinite(r.b)) return;
      const { sigma2 } = perSampleSpread(x, trainY, r.w, r.b);
      report.runs.push({
        batchSize: r.batchSize,
        w: r.w,
        b: r.b,
        sigma2,
        theory: noiseWithoutReplacement(sigma2, n, r.batchSize),
        theoryWithReplacement: noiseWithReplacement(sigma2, r.batchSize),
        measuredRandom: measureRandomBatches(x, trainY, r.w, r.b, r.batchSize, NOISE_DRAWS, this.config!.seed + i),
        measuredLive: this.lastLive[i]!.mean,
        liveRatio: this.lastLive[i]!.ratio,
        liveBatches: this.lastLive[i]!.count,
      });
    });
    const ref = report.runs[0];
    if (ref !== undefined && ref.sigma2 > 0) {
      const sizes = [...new Set([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, n].filter((s) => s <= n))].sort((a, b) => a - b);
      report.sweep = {
        at: [ref.w, ref.b],
        batchSizes: sizes,
        theory: sizes.map((s) => noiseWithoutReplacement(1, n, s)),
        measured: sizes.map((s) => measureRandomBatches(x, trainY, ref.w, ref.b, s, NOISE_DRAWS, this.config!.seed + 1000 + s) / ref.sigma2),
      };
    }
    this.post({ type: 'noise', report });
  }
}

/** Batches done in the run's current epoch. */
function stepInEpoch(clock: Lockstep, run: TutorialRun): number {
  const intoEpoch = clock.clock % clock.n;
  return Math.floor(intoEpoch / run.batchSize);
}

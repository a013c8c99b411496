/**
 * The worker's tutorial session in Node, with hand-driven timers: the messages the page gets
 * (ready, progress, state, noise) add up to the runs' numbers; play, pause, step and reconfigure
 * behave; edge settings (no noise, two points, a full batch, one epoch, a huge learning rate) run
 * without an error message and without a non-finite number where a finite one is promised.
 */
import { runTutorialSync } from '@gd/train';
import { describe, expect, it } from 'vitest';
import { TUTORIAL_DEFAULTS, type TutorialConfig } from '../src/engine/config.js';
import type { FromWorker, RunUpdate } from '../src/protocol.js';
import { IRIS_DEFAULTS, type IrisEpoch } from '../src/engine/iris-config.js';
import { trainIris } from '../src/engine/iris-training.js';
import { IrisSession } from '../src/worker/iris-session.js';
import { Serial } from '../src/worker/serial.js';
import { type Timers, TutorialSession } from '../src/worker/tutorial-session.js';

/**
 * Timers that fire only when `flush` is called; `now` advances 16 ms per fired timer. `together`
 * fires that many due timers back to back before letting their async work run: jobs in flight at
 * the same time, as in a busy worker.
 */
function manualTimers(): Timers & { flush(limit?: number, together?: number): Promise<number> } {
  let queue: { id: number; fn: () => void }[] = [];
  let next = 1;
  let time = 0;
  return {
    set(fn) {
      const id = next++;
      queue.push({ id, fn });
      return id;
    },
    clear(h) {
      queue = queue.filter((t) => t.id !== h);
    },
    now: () => time,
    async flush(limit = 100_000, together = 1) {
      let fired = 0;
      while (queue.length > 0 && fired < limit) {
        for (let k = 0; k < together && queue.length > 0; k++) {
          const t = queue.shift()!;
          time += 16;
          t.fn();
          fired++;
        }
        // let the session's queued (async) work finish before the next timer
        for (let i = 0; i < 50; i++) await Promise.resolve();
        await new Promise((r) => setTimeout(r, 0));
      }
      return fired;
    },
  };
}

function harness() {
  const messages: FromWorker[] = [];
  const timers = manualTimers();
  const session = new TutorialSession((m) => messages.push(m), timers);
  const of = <T extends FromWorker['type']>(type: T) => messages.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  /** Every run's state after applying all progress messages, as the page does. */
  const state = () => {
    const runs = new Map<number, RunUpdate & { allPath: number[]; allLosses: number[] }>();
    for (const p of of('progress')) {
      for (const u of p.updates) {
        const r = runs.get(u.run) ?? { ...u, allPath: [], allLosses: [] };
        r.allPath.push(...u.path);
        for (const l of u.losses) r.allLosses[l.epoch] = l.loss;
        Object.assign(r, { ...u, allPath: r.allPath, allLosses: r.allLosses });
        runs.set(u.run, r);
      }
    }
    return [...runs.values()];
  };
  return { messages, timers, session, of, state };
}

describe('TutorialSession', () => {
  it('plays the tutorial to the numbers of @gd/train, with the page told everything', async () => {
    const h = harness();
    await h.session.configure({ ...TUTORIAL_DEFAULTS });
    expect(h.messages.map((m) => m.type).slice(0, 4)).toEqual(['ready', 'progress', 'noise', 'state']);
    h.session.play(0);
    await h.timers.flush();
    expect(h.of('error')).toEqual([]);
    const last = h.of('progress').at(-1)!;
    expect(last.finished).toBe(true);
    expect(last.clock).toBe(2000);
    const ref = runTutorialSync({});
    h.state().forEach((r, i) => {
      const want = ref.runs[i]!;
      expect(r.allLosses).toEqual(want.losses);
      expect([r.w, r.b, r.finalLoss, r.status]).toEqual([want.w, want.b, want.finalLoss, 'done']);
      // the path: the start is the page's, then one point per step
      expect(r.allPath.length).toBe(2 * want.stepsPerEpoch * 20);
    });
    expect(h.of('state').at(-1)).toEqual({ type: 'state', playing: false });
    // a noise report at the end, for all three runs, finite
    const noise = h.of('noise').at(-1)!.report;
    expect(noise.epoch).toBe(20);
    expect(noise.runs.map((r) => r.batchSize)).toEqual([1, 10, 20]);
    for (const r of noise.runs) expect([r.sigma2, r.theory, r.measuredRandom].every(Number.isFinite)).toBe(true);
  });

  it('paces play by the speed, pauses, and steps one tick at a time', async () => {
    const h = harness();
    await h.session.configure({ ...TUTORIAL_DEFAULTS });
    h.session.play(250); // samples per second: 16 ms per timer → about 4 samples per slice
    await h.timers.flush(10);
    const clock = h.of('progress').at(-1)!.clock;
    expect(clock).toBeGreaterThan(10);
    expect(clock).toBeLessThan(80);
    h.session.pause();
    expect(h.of('state').at(-1)).toEqual({ type: 'state', playing: false });
    expect(await h.timers.flush()).toBe(0); // nothing scheduled while paused
    await h.session.step();
    expect(h.of('progress').at(-1)!.clock).toBe(clock + 1);
  });

  it('a new config replaces the runs, even mid-play', async () => {
    const h = harness();
    await h.session.configure({ ...TUTORIAL_DEFAULTS });
    h.session.play(0);
    await h.timers.flush(2);
    await h.session.configure({ ...TUTORIAL_DEFAULTS, batchSizes: [4], epochs: 2 });
    h.messages.length = 0;
    h.session.play(0);
    await h.timers.flush();
    const last = h.of('progress').at(-1)!;
    expect([last.finished, last.clock, last.updates.length]).toEqual([true, 200, 1]);
  });

  it.each([
    { noise: 0, targets: 'noisy' },
    { n: 2, batchSizes: [1, 2] },
    { batchSizes: [100], epochs: 1 },
    { lr: 100, batchSizes: [1, 50, 100] },
    { optimizer: 'adam', shuffle: true, n: 2000, batchSizes: [1000, 2000], epochs: 3 },
  ] as Partial<TutorialConfig>[])('runs %j without an error', async (change) => {
    const h = harness();
    await h.session.configure({ ...TUTORIAL_DEFAULTS, ...change });
    h.session.play(0);
    await h.timers.flush();
    expect(h.of('error')).toEqual([]);
    expect(h.of('progress').at(-1)!.finished).toBe(true);
    for (const r of h.state()) {
      if (r.status === 'done') expect([r.w, r.b].every(Number.isFinite)).toBe(true);
      else expect(r.divergence?.what).toMatch(/^loss = /);
    }
    const ready = h.of('ready')[0]!;
    expect(ready.surface.values.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
  });

  it('Iris training and a shuffled tutorial in one worker: each gets its own numbers', async () => {
    const h = harness();
    const serial = new Serial();
    const tutorial = new TutorialSession((m) => h.messages.push(m), h.timers, serial);
    const iris = new IrisSession((m) => h.messages.push(m), h.timers, serial);
    const config = { ...TUTORIAL_DEFAULTS, shuffle: true, epochs: 5, batchSizes: [10, 20] };
    await tutorial.configure(config);
    tutorial.play(400); // slow enough that Iris epochs run between the tutorial's slices
    iris.start(1, { ...IRIS_DEFAULTS, epochs: 12 });
    await h.timers.flush(100_000, 2);
    expect(h.of('error')).toEqual([]);
    const ref = runTutorialSync({ ...config, optimizer: 'manual' });
    h.state().forEach((r, i) => {
      expect(r.allLosses).toEqual(ref.runs[i]!.losses);
      expect([r.w, r.b]).toEqual([ref.runs[i]!.w, ref.runs[i]!.b]);
    });
    const alone: IrisEpoch[] = [];
    for await (const e of trainIris({ ...IRIS_DEFAULTS, epochs: 12 })) alone.push(e);
    expect(h.of('iris-epoch').map((m) => m.epoch)).toEqual(alone);
    expect(h.of('iris-done')).toEqual([{ type: 'iris-done', run: 1, stopped: false }]);
    // and they did interleave: an Iris epoch arrived between two tutorial progress messages
    const kinds = h.messages.map((m) => m.type).filter((t) => t === 'progress' || t === 'iris-epoch');
    expect(kinds.indexOf('iris-epoch')).toBeLessThan(kinds.lastIndexOf('progress'));
  });

  it('refuses a bad config with a message instead of building runs', async () => {
    const h = harness();
    await h.session.configure({ ...TUTORIAL_DEFAULTS, batchSizes: [0] });
    expect(h.messages).toEqual([{ type: 'error', message: 'the worker refused the settings: bad batch sizes 0' }]);
  });
});

/**
 * The one timing loop every workload uses (BENCH.md: in-process `performance.now()`, after
 * warm-up, median of at least 5 samples, each sample at least 200 ms, the result read back inside
 * the timed region). Each measured function does its own read-back and returns a number, kept in
 * a sink so that no engine can drop the work as dead code.
 *
 * The systems of one row are sampled in rotation (gd, then tfjs-cpu, then tfjs-wasm, ..., then
 * gd again), not one after the other: on a shared machine the load drifts over seconds, and
 * rotation spreads that drift over every system instead of penalising whichever ran last.
 */

/** Settings of {@link measureSideBySide}; `--quick` (run.mjs) shortens them for a smoke run. */
export const defaultTiming = { samples: 5, minSampleMs: 200, warmupMs: 200 };

let sink = 0;

function runFor(op, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) sink += op();
  return performance.now() - start;
}

// A separate loop for asynchronous contenders (tf.data's iterator), so that the synchronous loop
// above pays no `await` per call: at 0.04 µs per op that would be most of what it measures.
async function runForAsync(op, calls) {
  const start = performance.now();
  for (let i = 0; i < calls; i++) sink += await op();
  return performance.now() - start;
}

const timed = (c, calls) => (c.async ? runForAsync(c.op, calls) : runFor(c.op, calls));

function stats(perCall) {
  const sorted = [...perCall].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples: sorted.length };
}

/**
 * Times each contender `{ name, op, enter?, async? }` and returns `{ [name]: { median, min, max } }`
 * in milliseconds per call. `enter` (e.g. switching the tfjs backend) runs before each of that
 * contender's samples, outside the timed region; `async: true` marks an `op` that returns a
 * promise (awaited inside the timed region). Warm-up runs `op` for at least `warmupMs` (JIT,
 * caches, allocator) and sets each sample's call count from the time per call; a sample that
 * still came out shorter than `minSampleMs` is discarded and the count raised.
 *
 * A workload that defines its samples by a count of calls (W3: 20 warm-up steps, then samples of
 * 200 steps) passes `timing.warmupCalls` and `timing.callsPerSample` instead, which replace the
 * time-based rules.
 *
 * @example
 * await measureSideBySide([{ name: 'gd', op: () => a.matmul(b).data[0] }], timing);
 */
export async function measureSideBySide(contenders, timing = defaultTiming) {
  const { samples, minSampleMs, warmupMs, warmupCalls, callsPerSample } = timing;
  const fixed = callsPerSample !== undefined;
  const state = [];
  for (const c of contenders) {
    await c.enter?.();
    let calls = 0;
    const start = performance.now();
    let elapsed;
    do {
      sink += c.async ? await c.op() : c.op();
      calls++;
      elapsed = performance.now() - start;
    } while (fixed ? calls < (warmupCalls ?? 0) : elapsed < warmupMs);
    const sampleCalls = fixed ? callsPerSample : Math.max(1, Math.ceil((minSampleMs / (elapsed / calls)) * 1.05));
    state.push({ ...c, calls: sampleCalls, perCall: [] });
  }
  for (let round = 0; round < samples; round++) {
    for (const s of state) {
      await s.enter?.();
      for (;;) {
        globalThis.gc?.(); // run.mjs starts node with --expose-gc: no collection of others' garbage mid-sample
        const ms = await timed(s, s.calls);
        if (fixed || ms >= minSampleMs) {
          s.perCall.push(ms / s.calls);
          break;
        }
        s.calls = Math.ceil(s.calls * (minSampleMs / ms) * 1.1);
      }
    }
  }
  if (Number.isNaN(sink)) sink = 0; // read the sink once so it stays live
  return Object.fromEntries(state.map((s) => [s.name, stats(s.perCall)]));
}

/** Turns ms-per-call statistics into a rate (e.g. GFLOP/s from FLOPs per call): min and max swap. */
export function toRate(t, workPerCall, scale) {
  const rate = (ms) => workPerCall / (ms * 1e-3) / scale;
  return { median: rate(t.median), min: rate(t.max), max: rate(t.min) };
}

/** Rescales ms-per-call statistics (e.g. to microseconds per op). */
export function scaleTime(t, factor) {
  return { median: t.median * factor, min: t.min * factor, max: t.max * factor };
}

/** Applies `convert(stats, name)` to every system's statistics of a {@link measureSideBySide} result. */
export function mapResults(results, convert) {
  return Object.fromEntries(Object.entries(results).map(([name, t]) => [name, convert(t, name)]));
}

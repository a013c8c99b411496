/**
 * A progress bar on stderr (cli-progress), shown only when stderr is a terminal and the output is
 * not JSON; otherwise every method does nothing, so commands call it unconditionally.
 */
import { createRequire } from 'node:module';

// loaded only when a bar is shown (a terminal): piped and JSON runs skip its start-up cost
const require = createRequire(import.meta.url);

export interface Progress {
  start(total: number, what: string): void;
  update(done: number, fields?: Record<string, string>): void;
  stop(): void;
}

const silent: Progress = { start() {}, update() {}, stop() {} };

/** A bar showing `{what}`, the count and `{info}`, or a silent stand-in. */
export function progressBar(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return silent;
  const cliProgress = require('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: '{what} |{bar}| {value}/{total} {info}', hideCursor: true, clearOnComplete: true, stream: process.stderr, fps: 15 },
    cliProgress.Presets.shades_classic,
  );
  let running = false;
  return {
    start(total, what) {
      if (running) bar.stop();
      bar.start(total, 0, { what, info: '' });
      running = true;
    },
    update(done, fields) {
      if (running) bar.update(done, { info: '', ...fields });
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}

/**
 * The loss chart drawn live while `gd train` runs on a terminal: after every epoch the previous
 * frame is erased (cursor up over it, clear to the end of the screen), the caller prints its epoch
 * line where the frame was, and the chart is drawn again below it, so the epoch lines scroll by
 * above a chart that grows. It goes to stderr, with the progress bar, and only when stderr is a
 * terminal wide enough for it and the output is not JSON; otherwise every method does nothing.
 * The caller erases it at the end (the report then prints the final chart).
 */
import { type TerminalSeries, terminalChart } from './terminal-chart.js';

/** The part of a tty stream the chart uses. */
export interface ChartStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export interface LiveChart {
  /** Erases the last frame, runs `print` (which writes what goes above the chart), draws `series`. */
  update(series: readonly TerminalSeries[], print?: () => void): void;
  /** Erases the last frame. */
  clear(): void;
}

/** Columns the chart needs besides its plot: y labels (9), axis (2), margin. */
const FRAME_COLUMNS = 16;
const MIN_PLOT = 20;
const MAX_PLOT = 60;
const HEIGHT = 8;

const silent: LiveChart = {
  update: (_series, print) => print?.(),
  clear() {},
};

/**
 * A live chart on `stream`, or a stand-in that only runs `print` when `enabled` is false, the
 * stream is not a terminal or it is narrower than the chart.
 */
export function liveChart(enabled: boolean, stream: ChartStream = process.stderr): LiveChart {
  const plot = Math.min(MAX_PLOT, (stream.columns ?? 0) - FRAME_COLUMNS);
  if (!enabled || stream.isTTY !== true || plot < MIN_PLOT) return silent;
  let lines = 0;
  const clear = (): void => {
    // up to the frame's first line, then erase from there to the end of the screen
    if (lines > 0) stream.write(`\x1b[${lines}A\r\x1b[J`);
    lines = 0;
  };
  return {
    update(series, print) {
      clear();
      print?.();
      const frame = terminalChart(series, { title: 'Loss per epoch', height: HEIGHT, width: plot });
      stream.write(`${frame}\n`);
      lines = frame.split('\n').length;
    },
    clear,
  };
}

/**
 * Loss curves drawn in the terminal with asciichart: one coloured line per series, each epoch
 * stretched over a few columns so that short runs are readable, on a log scale when the values
 * span more than two decades (the y labels then show the values, not their logarithms).
 */
import asciichartModule from 'asciichart';
import pc from 'picocolors';

// a CommonJS module whose types describe its named exports: the default import is that object
const asciichart = asciichartModule as unknown as typeof import('asciichart');

const COLORS = [asciichart.blue, asciichart.yellow, asciichart.green, asciichart.red, asciichart.magenta, asciichart.cyan];
const PAINT = [pc.blue, pc.yellow, pc.green, pc.red, pc.magenta, pc.cyan];

export interface TerminalSeries {
  label: string;
  values: readonly number[];
}

function fmt(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-2)) return v.toExponential(1);
  return v.toPrecision(3);
}

/** Resamples `values` to `width` points by linear interpolation. */
function stretch(values: readonly number[], width: number): number[] {
  if (values.length <= 1) return [...values];
  const out: number[] = [];
  for (let i = 0; i < width; i++) {
    const t = (i * (values.length - 1)) / (width - 1);
    const k = Math.floor(t);
    const f = t - k;
    const a = values[k]!;
    const b = values[Math.min(k + 1, values.length - 1)]!;
    out.push(a + (b - a) * f);
  }
  return out;
}

/** The leading run of finite values (a diverged run's curve ends where its loss stopped being finite). */
function finitePrefix(values: readonly number[]): number[] {
  const k = values.findIndex((v) => !Number.isFinite(v));
  return k < 0 ? [...values] : values.slice(0, k);
}

/** The chart as text (ends without a newline), with a legend line under it. */
export function terminalChart(series: readonly TerminalSeries[], { height = 12, width = 60, title = '' } = {}): string {
  const curves = series.map((s) => ({ ...s, values: finitePrefix(s.values) })).filter((s) => s.values.length > 0);
  if (curves.length === 0) return `${title}\n(nothing to draw: no finite values)`;
  const all = curves.flatMap((s) => s.values);
  const log = all.every((v) => v > 0) && Math.max(...all) / Math.min(...all) > 100;
  const longest = Math.max(...curves.map((s) => s.values.length));
  const prepared = curves.map((s) => {
    const scaled = s.values.map((v) => (log ? Math.log10(v) : v));
    return stretch(scaled, Math.max(2, Math.round((width * s.values.length) / longest)));
  });
  const flat = prepared.flat();
  const chart = asciichart.plot(prepared, {
    height,
    min: Math.min(...flat),
    max: Math.max(...flat),
    colors: pc.isColorSupported ? curves.map((_, i) => COLORS[i % COLORS.length]!) : undefined,
    format: (x: number) => (log ? fmt(10 ** x) : fmt(x)).padStart(9),
  });
  const legend = curves.map((s, i) => PAINT[i % PAINT.length]!(`── ${s.label}`)).join('   ');
  const scale = log ? ' (log scale)' : '';
  return `${title}${scale}\n${chart}\n${' '.repeat(11)}${legend}`;
}

/**
 * The printer: `tensor([[ 1.0000, -2.5000], ...])`, following the rules of PyTorch 1.13's
 * torch/_tensor_str.py so output looks the same as in Python:
 *
 * - floats whose finite non-zero values are all integral print as `1.`; others with 4 decimals;
 *   scientific notation (`1.0000e-05`) when max/min of the finite non-zero |values| exceeds 1000,
 *   the max exceeds 1e8, or (non-integral values only) the min is below 1e-4;
 * - every element is right-aligned to the widest one; rows wrap at 80 columns;
 * - above 1000 elements only the first and last 3 items of each dim print, with `...`;
 * - the dtype is shown unless it is float32 or bool (gd's int32 always shows it, although it
 *   stands in for PyTorch's int64, which PyTorch would not show).
 *
 * Numbers are rounded half-to-even on their exact binary value, as Python's `format` does
 * (JS's `toFixed` rounds exact ties up: `0.03125.toFixed(4)` is `0.0313`, Python gives `0.0312`).
 */
import type { DType, TypedArray } from './dtype.js';
import { ValueError } from './errors.js';
import type { NDArray } from './ndarray.js';
import { readContiguous } from './strided.js';

/** Node's `util.inspect` hook: NDArray implements it so `console.log(a)` prints `toString()`. */
export const INSPECT_CUSTOM: unique symbol = Symbol.for('nodejs.util.inspect.custom');

/** Options of {@link formatTensor}; the defaults are PyTorch's. */
export interface PrintOptions {
  /** Digits after the decimal point (default 4). */
  precision?: number;
  /** Summarise (with `...`) above this many elements (default 1000). */
  threshold?: number;
  /** Items shown at each end of a summarised dim (default 3). */
  edgeitems?: number;
  /** Characters per line (default 80). */
  linewidth?: number;
  /** Force scientific notation on or off (default: chosen from the values). */
  sciMode?: boolean;
  /** Text before the values (default `'tensor('`); continuation lines are indented to its length. */
  prefix?: string;
  /** Extra `key=value` entries after the values, e.g. `['requires_grad=True']` (used by autograd). */
  suffixes?: readonly string[];
}

interface Resolved {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
}

/**
 * The PyTorch-style string of `a`.
 * @example
 * formatTensor(tensor([[1, -2.5], [3, 4]]))
 * // tensor([[ 1.0000, -2.5000],
 * //         [ 3.0000,  4.0000]])
 * formatTensor(tensor(3))                      // tensor(3.)
 * formatTensor(arange(3))                      // tensor([0, 1, 2], dtype=torch.int32)
 * formatTensor(tensor([1e-5, 1]))              // tensor([1.0000e-05, 1.0000e+00])
 */
export function formatTensor(a: NDArray, options: PrintOptions = {}): string {
  const opts: Resolved = {
    precision: options.precision ?? 4,
    threshold: options.threshold ?? 1000,
    edgeitems: options.edgeitems ?? 3,
    linewidth: options.linewidth ?? 80,
  };
  if (!Number.isInteger(opts.precision) || opts.precision < 0 || opts.precision > 60) {
    throw new ValueError(`formatTensor: precision must be an integer from 0 to 60, got ${opts.precision}`);
  }
  const prefix = options.prefix ?? 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  let body: string;
  if (a.size === 0) {
    // NumPy-like: the shape is spelled out unless it is (0,), and the dtype unless float32.
    if (a.shape.length !== 1) suffixes.push(`size=(${a.shape.join(', ')})`);
    if (a.dtype !== 'float32') suffixes.push(`dtype=torch.${a.dtype}`);
    body = '[]';
  } else {
    if (a.dtype !== 'float32' && a.dtype !== 'bool') suffixes.push(`dtype=torch.${a.dtype}`);
    const summarize = a.size > opts.threshold;
    const printer = new Printer(a, readContiguous(a), summarize, opts);
    printer.formatter = new Formatter(a.dtype, printer.shownValues(), opts.precision, options.sciMode);
    body = printer.str(0, 0, indent);
  }
  suffixes.push(...(options.suffixes ?? []));
  return addSuffixes(prefix + body, suffixes, indent, opts.linewidth);
}

/** Appends `, key=value` entries, wrapping to a new line when one would pass the line width. */
function addSuffixes(text: string, suffixes: readonly string[], indent: number, linewidth: number): string {
  const parts = [text];
  // Python's `len(s) - s.rfind('\n') + 1`, kept as is (it counts 2 more than the last line).
  let lastLine = text.length - text.lastIndexOf('\n') + 1;
  for (const s of suffixes) {
    if (lastLine + s.length + 2 > linewidth) {
      parts.push(`,\n${' '.repeat(indent)}${s}`);
      lastLine = indent + s.length;
    } else {
      parts.push(`, ${s}`);
      lastLine += s.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** Walks the (row-major copy of the) array and lays out nested brackets. */
class Printer {
  formatter!: Formatter;
  private readonly shape: readonly number[];
  private readonly strides: number[];

  constructor(
    a: NDArray,
    private readonly flat: TypedArray,
    private readonly summarize: boolean,
    private readonly opts: Resolved,
  ) {
    this.shape = a.shape;
    this.strides = new Array<number>(a.shape.length);
    let s = 1;
    for (let d = a.shape.length - 1; d >= 0; d--) {
      this.strides[d] = s;
      s *= a.shape[d]!;
    }
  }

  /** The indices printed along a dim of size `n`, with -1 standing for the `...` marker. */
  private rows(n: number): number[] {
    const e = this.opts.edgeitems;
    const out: number[] = [];
    if (this.summarize && n > 2 * e) {
      for (let i = 0; i < e; i++) out.push(i);
      out.push(-1);
      for (let i = n - e; i < n; i++) out.push(i);
    } else {
      for (let i = 0; i < n; i++) out.push(i);
    }
    return out;
  }

  /** The values that will be printed (what the formatter measures). */
  shownValues(): number[] {
    const out: number[] = [];
    const walk = (d: number, base: number) => {
      if (d === this.shape.length) {
        out.push(this.flat[base]!);
        return;
      }
      for (const i of this.rows(this.shape[d]!)) if (i >= 0) walk(d + 1, base + i * this.strides[d]!);
    };
    walk(0, 0);
    return out;
  }

  str(d: number, base: number, indent: number): string {
    const ndim = this.shape.length;
    if (ndim === 0) return this.formatter.format(this.flat[base]!);
    const rows = this.rows(this.shape[d]!);
    const stride = this.strides[d]!;
    if (d === ndim - 1) {
      const items = rows.map((i) => (i < 0 ? ' ...' : this.formatter.format(this.flat[base + i * stride]!)));
      const perLine = Math.max(1, Math.floor((this.opts.linewidth - indent) / (this.formatter.width + 2)));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
      return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
    }
    const slices = rows.map((i) => (i < 0 ? '...' : this.str(d + 1, base + i * stride, indent + 1)));
    return `[${slices.join(`,${'\n'.repeat(ndim - d - 1)}${' '.repeat(indent + 1)}`)}]`;
  }
}

/** Chooses the notation and width from the shown values, then formats one element (PyTorch's `_Formatter`). */
class Formatter {
  private readonly floating: boolean;
  private intMode = true;
  private sciMode = false;
  width = 1;

  constructor(
    private readonly dtype: DType,
    values: readonly number[],
    private readonly precision: number,
    sciMode: boolean | undefined,
  ) {
    this.floating = dtype === 'float32' || dtype === 'float64';
    if (!this.floating) {
      for (const v of values) this.width = Math.max(this.width, this.plain(v).length);
    } else {
      this.measureFloats(values);
    }
    if (sciMode !== undefined) this.sciMode = sciMode;
  }

  private measureFloats(values: readonly number[]): void {
    const finite = values.filter((v) => Number.isFinite(v) && v !== 0);
    if (finite.length === 0) return;
    let min = Infinity;
    let max = 0;
    for (const v of finite) {
      const x = Math.abs(v);
      if (x < min) min = x;
      if (x > max) max = x;
      if (v !== Math.ceil(v)) this.intMode = false;
    }
    const p = this.precision;
    if (this.intMode) {
      if (max / min > 1000 || max > 1e8) {
        this.sciMode = true;
        for (const v of finite) this.width = Math.max(this.width, toExponential(v, p).length);
      } else {
        for (const v of finite) this.width = Math.max(this.width, toFixed(v, 0).length + 1);
      }
    } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
      this.sciMode = true;
      for (const v of finite) this.width = Math.max(this.width, toExponential(v, p).length);
    } else {
      for (const v of finite) this.width = Math.max(this.width, toFixed(v, p).length);
    }
  }

  private plain(v: number): string {
    if (this.dtype === 'bool') return v !== 0 ? 'True' : 'False';
    return String(v);
  }

  format(v: number): string {
    let s: string;
    if (!this.floating) s = this.plain(v);
    else if (this.sciMode) s = toExponential(v, this.precision);
    else if (this.intMode) s = Number.isFinite(v) ? `${toFixed(v, 0)}.` : toFixed(v, 0);
    else s = toFixed(v, this.precision);
    return s.length < this.width ? ' '.repeat(this.width - s.length) + s : s;
  }
}

/** Extra digits that decide whether a value is an exact rounding tie. */
const TIE_DIGITS = 40;

function nonFinite(x: number): string {
  return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
}

/** Python's `'{:.pf}'.format(x)`: fixed notation, exact value rounded half to even. */
export function toFixed(x: number, p: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  if (ax >= 1e21) return sign + BigInt(ax).toString() + (p > 0 ? `.${'0'.repeat(p)}` : '');
  return sign + halfEven(ax.toFixed(p), ax.toFixed(Math.min(100, p + TIE_DIGITS)));
}

/** Python's `'{:.pe}'.format(x)`: `d.dddde±XX`, exact value rounded half to even. */
export function toExponential(x: number, p: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const ax = Math.abs(x);
  const long = ax.toExponential(Math.min(100, p + TIE_DIGITS));
  const [longMantissa, longExp] = long.split('e') as [string, string];
  const short = ax.toExponential(p);
  const [shortMantissa, shortExp] = short.split('e') as [string, string];
  const mantissa = halfEven(shortMantissa, longMantissa);
  const exp = Number(mantissa === shortMantissa ? shortExp : longExp);
  const digits = String(Math.abs(exp)).padStart(2, '0');
  return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${digits}`;
}

/**
 * JS rounds exact ties away from zero; Python to even. `long` is the same number with
 * TIE_DIGITS more digits (exact for every double in range); on an exact tie whose kept last
 * digit is even, the truncation of `long` is Python's answer, otherwise `short` already is.
 */
function halfEven(short: string, long: string): string {
  const cut = long.length - TIE_DIGITS;
  const tail = long.slice(cut);
  if (tail.charCodeAt(0) !== 53 /* '5' */ || !/^50*$/.test(tail)) return short;
  let kept = long.slice(0, cut);
  if (kept.endsWith('.')) kept = kept.slice(0, -1);
  const last = kept.charCodeAt(kept.length - 1) - 48;
  return last % 2 === 0 ? kept : short;
}

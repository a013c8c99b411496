/**
 * Python slices for `index()`: `slice(1, 3)` or the strings `':'`, `'1:3'`, `'::2'`, `'-2:'`.
 * Bounds are resolved as Python does (negative counts from the end, out-of-range clamps), and
 * the step must be positive, as in PyTorch.
 */
import { ValueError } from '../errors.js';

/** A slice `start:stop:step`; an omitted part is `undefined`. Build one with {@link slice}. */
export class Slice {
  constructor(
    readonly start: number | undefined,
    readonly stop: number | undefined,
    readonly step: number | undefined,
  ) {}

  toString(): string {
    const part = (x: number | undefined) => (x === undefined ? '' : String(x));
    return `${part(this.start)}:${part(this.stop)}${this.step === undefined ? '' : `:${this.step}`}`;
  }
}

/**
 * The slice `start:stop:step` (Python's `slice`), for `index()`.
 * @example
 * a.index(slice(1, 3))                       // a[1:3]
 * a.index(':', slice(undefined, undefined, 2)) // a[:, ::2]
 */
export function slice(start?: number | null, stop?: number | null, step?: number | null): Slice {
  for (const [name, v] of [
    ['start', start],
    ['stop', stop],
    ['step', step],
  ] as const) {
    if (v !== undefined && v !== null && !Number.isInteger(v)) {
      throw new ValueError(`slice: ${name} must be an integer, got ${v}`);
    }
  }
  return new Slice(start ?? undefined, stop ?? undefined, step ?? undefined);
}

const SLICE_PART = /^\s*(-?\d+)?\s*$/;

/** Parses `'1:3'`, `'::2'`, `':'`...; returns `null` for a string that is not a slice. */
export function parseSlice(text: string): Slice | null {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) return null;
  const values: (number | undefined)[] = [];
  for (const p of parts) {
    const m = SLICE_PART.exec(p);
    if (m === null) return null;
    values.push(m[1] === undefined ? undefined : Number(m[1]));
  }
  return new Slice(values[0], values[1], values[2]);
}

/** Start, length and step of `s` applied to a dim of `size` (Python's `slice.indices`). */
export function resolveSlice(op: string, s: Slice, size: number): { start: number; length: number; step: number } {
  const step = s.step ?? 1;
  if (step <= 0) throw new ValueError(`${op}: slice step must be positive, got ${step} in '${s.toString()}'`);
  const clamp = (x: number | undefined, dflt: number): number => {
    if (x === undefined) return dflt;
    const v = x < 0 ? x + size : x;
    return v < 0 ? 0 : v > size ? size : v;
  };
  const start = clamp(s.start, 0);
  const stop = clamp(s.stop, size);
  const length = stop > start ? Math.ceil((stop - start) / step) : 0;
  return { start, length, step };
}

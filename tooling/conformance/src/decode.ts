/** The reference files' value conventions: non-finite numbers and large int64 as strings. */

export interface RefTensor {
  dtype: string;
  shape: number[];
  data: (number | string | boolean)[];
}

export interface DecodedTensor {
  dtype: string;
  shape: number[];
  data: number[];
}

/** `"NaN"`, `"Infinity"`, `"-Infinity"` and decimal int64 strings become numbers. */
export function decodeNumber(v: number | string | boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error(`reference value ${JSON.stringify(v)} is not a number`);
  return n;
}

export function decodeTensor(t: RefTensor): DecodedTensor {
  return { dtype: t.dtype, shape: t.shape, data: t.data.map(decodeNumber) };
}

/** Is `v` a reference tensor `{ dtype, shape, data }` (rather than a number or a list)? */
export function isRefTensor(v: unknown): v is RefTensor {
  return typeof v === 'object' && v !== null && 'dtype' in v && 'shape' in v && 'data' in v;
}

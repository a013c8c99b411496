/**
 * The serialised form of an optimizer (PyTorch's `optimizer.state_dict()`), as plain JSON data:
 * `JSON.parse(JSON.stringify(opt.stateDict()))` loads back into an optimizer bit for bit. State
 * buffers are `{ dtype, shape, data }` with float32 values as JSON numbers (exact: a float32 is a
 * binary64); NaN and ±Infinity, which JSON cannot hold, are the strings `"NaN"`, `"Infinity"`,
 * `"-Infinity"`, as in gd's conformance files. Parameters are referred to by their position across
 * the groups, as in PyTorch.
 */
import { type DType, NDArray, ValueError } from '@gd/tensor';

/** The version of the format written by {@link Optimizer.stateDict}. */
export const STATE_DICT_VERSION = 1;

/** A JSON number, or the string spelling of a non-finite one. */
export type EncodedNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** A state buffer in JSON form. */
export interface EncodedArray {
  dtype: DType;
  shape: number[];
  data: EncodedNumber[];
}

/** One value of a parameter's state or of a group's options. */
export type EncodedValue = EncodedNumber | boolean | null | EncodedArray | EncodedValue[];

/** The JSON form of an optimizer: its per-parameter state and its groups' options. */
export interface OptimizerStateDict {
  /** Format version ({@link STATE_DICT_VERSION}). */
  version: number;
  /** The optimizer's class name (`'Adam'`); loading into another optimizer is refused. */
  optimizer: string;
  /** State by parameter position (a parameter that has no state yet has no entry). */
  state: Record<string, Record<string, EncodedValue>>;
  /** Each group's options, with its parameters as positions. */
  paramGroups: (Record<string, EncodedValue> & { params: number[] })[];
}

/** A JS number as JSON data. */
export function encodeNumber(x: number): EncodedNumber {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** The number an {@link EncodedNumber} stands for. */
export function decodeNumber(x: unknown, what: string): number {
  if (typeof x === 'number') return x;
  if (x === 'NaN') return NaN;
  if (x === 'Infinity') return Infinity;
  if (x === '-Infinity') return -Infinity;
  throw new ValueError(`loadStateDict: ${what} should be a number, got ${JSON.stringify(x)}`);
}

/** A state value or group option (number, boolean, null, NDArray, or arrays of these) as JSON data. */
export function encodeValue(v: unknown, what: string): EncodedValue {
  if (typeof v === 'number') return encodeNumber(v);
  if (typeof v === 'boolean' || v === null) return v;
  if (v instanceof NDArray) {
    const data: EncodedNumber[] = new Array<EncodedNumber>(v.size);
    const src = v.isContiguous() ? v.data.subarray(v.offset, v.offset + v.size) : null;
    if (src === null) throw new ValueError(`stateDict: ${what} is not contiguous`);
    for (let i = 0; i < data.length; i++) data[i] = encodeNumber(src[i]!);
    return { dtype: v.dtype, shape: v.shape.slice(), data };
  }
  if (Array.isArray(v)) return v.map((x, i) => encodeValue(x, `${what}[${i}]`));
  throw new ValueError(`stateDict: ${what} cannot be serialised (${typeof v})`);
}

/** True for the JSON form of a state buffer. */
export function isEncodedArray(v: unknown): v is EncodedArray {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'shape' in v && 'data' in v && 'dtype' in v;
}

/** A state buffer from its JSON form, as a fresh float32 array (the optimizers' state dtype). */
export function decodeArray(v: EncodedArray, what: string): NDArray {
  if (!Array.isArray(v.shape) || !Array.isArray(v.data)) throw new ValueError(`loadStateDict: ${what} is malformed`);
  const size = v.shape.reduce((a, b) => a * b, 1);
  if (v.data.length !== size) {
    throw new ValueError(`loadStateDict: ${what} has ${v.data.length} values for shape [${v.shape.join(', ')}]`);
  }
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = decodeNumber(v.data[i], what);
  return new NDArray(out, v.shape.slice());
}

/** An option value from its JSON form (numbers decoded, arrays element by element). */
export function decodeOption(v: unknown, what: string): unknown {
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return decodeNumber(v, what);
  if (Array.isArray(v)) return v.map((x, i) => decodeOption(x, `${what}[${i}]`));
  return v;
}

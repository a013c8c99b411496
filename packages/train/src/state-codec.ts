/**
 * Tensors as JSON, for checkpoints and saved models: `{ dtype, shape, data }` with the elements in
 * row-major order. A float32 element printed by JSON.stringify reads back to the same float32, so
 * the round trip is exact; NaN and ±Infinity, which JSON has no numbers for, are written as the
 * strings "NaN", "Infinity" and "-Infinity" (the convention of the conformance files).
 */
import { type DType, NDArray, ValueError, toTypedArray } from '@gd/tensor';

/** One encoded tensor. */
export interface EncodedTensor {
  dtype: DType;
  shape: number[];
  data: (number | string | boolean)[];
}

/** A module's state dict, encoded: tensors by dotted name. */
export type EncodedStateDict = Record<string, EncodedTensor>;

const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** `a` as JSON data (a copy). */
export function encodeTensor(a: NDArray): EncodedTensor {
  const values = toTypedArray(a) as ArrayLike<number>;
  const data: (number | string | boolean)[] = new Array<number | string | boolean>(values.length);
  const bool = a.dtype === 'bool';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    data[i] = bool ? v !== 0 : Number.isFinite(v) ? v : String(v);
  }
  return { dtype: a.dtype, shape: [...a.shape], data };
}

/** The NDArray an {@link encodeTensor} result describes; `what` names it in errors. */
export function decodeTensor(e: EncodedTensor, what: string): NDArray {
  if (e === null || typeof e !== 'object' || !DTYPES.includes(e.dtype) || !Array.isArray(e.shape) || !Array.isArray(e.data)) {
    throw new ValueError(`${what}: not an encoded tensor ({ dtype, shape, data })`);
  }
  const n = e.shape.reduce((p, d) => p * d, 1);
  if (e.data.length !== n) throw new ValueError(`${what}: ${e.data.length} elements for shape [${e.shape.join(', ')}]`);
  const Ctor = e.dtype === 'float64' ? Float64Array : e.dtype === 'float32' ? Float32Array : e.dtype === 'int32' ? Int32Array : Uint8Array;
  const out = new Ctor(n);
  for (let i = 0; i < n; i++) {
    const v = e.data[i];
    if (typeof v === 'number') out[i] = v;
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') out[i] = Number(v);
    else throw new ValueError(`${what}: element ${i} is not a number (${JSON.stringify(v)})`);
  }
  return new NDArray(out, [...e.shape], undefined, 0, e.dtype);
}

/** A module state dict (`model.stateDict()`) as JSON data. */
export function encodeStateDict(state: Record<string, { data: NDArray }>): EncodedStateDict {
  const out: EncodedStateDict = {};
  for (const [name, t] of Object.entries(state)) out[name] = encodeTensor(t.data);
  return out;
}

/** The NDArrays of an encoded state dict, ready for `model.loadStateDict`. */
export function decodeStateDict(e: EncodedStateDict, what: string): Record<string, NDArray> {
  if (e === null || typeof e !== 'object') throw new ValueError(`${what}: expected an object of tensors`);
  const out: Record<string, NDArray> = {};
  for (const [name, t] of Object.entries(e)) out[name] = decodeTensor(t, `${what} "${name}"`);
  return out;
}

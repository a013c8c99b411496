/**
 * Values crossing between the main thread and a worker. Structured cloning copies typed arrays
 * and plain data but drops classes, so NDArrays travel as `{ data, shape, strides, offset, dtype }`
 * and are rebuilt on arrival. Care with views: cloning a view clones its whole buffer, so a view
 * of a large ordinary buffer is sent as a compact copy of its own elements; a view of a
 * SharedArrayBuffer is sent as is (shared, not copied).
 */
import { type DType, NDArray, type TypedArray } from '@gd/tensor';

const TAG = '__gdNDArray';

interface WireArray {
  [TAG]: true;
  data: TypedArray;
  shape: number[];
  strides: number[];
  offset: number;
  dtype: DType;
}

function isShared(data: TypedArray): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && data.buffer instanceof SharedArrayBuffer;
}

function encodeArray(a: NDArray): WireArray {
  const whole = a.offset === 0 && a.data.length === a.size && a.isContiguous();
  if (whole || isShared(a.data)) {
    return { [TAG]: true, data: a.data, shape: [...a.shape], strides: [...a.strides], offset: a.offset, dtype: a.dtype };
  }
  const c = a.contiguous();
  const data = c.data.slice(c.offset, c.offset + c.size);
  return { [TAG]: true, data, shape: [...a.shape], strides: [...c.strides], offset: 0, dtype: a.dtype };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `value` made ready for postMessage (NDArrays replaced, containers walked). */
export function encodeValue(value: unknown): unknown {
  if (value instanceof NDArray) return encodeArray(value);
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, encodeValue(v)]));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encodeValue(v);
    return out;
  }
  return value;
}

/** The value `encodeValue` was given, NDArrays rebuilt. */
export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, decodeValue(v)]));
  if (isPlainObject(value)) {
    if (value[TAG] === true) {
      const w = value as unknown as WireArray;
      return new NDArray(w.data, w.shape, w.strides, w.offset, w.dtype);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = decodeValue(v);
    return out;
  }
  return value;
}

/**
 * `defaultConvert`: what the loader applies to each sample when batching is off
 * (`batchSize: null`), PyTorch's `default_convert`: typed arrays become 1-D NDArrays (PyTorch
 * converts NumPy arrays), arrays and plain objects are converted element by element, everything
 * else passes through unchanged.
 */
import { NDArray } from '@gd/tensor';

/**
 * @example
 * defaultConvert([new Float32Array([1, 2]), 3]) // [tensor([1, 2]), 3]
 */
export function defaultConvert(data: unknown): unknown {
  if (data instanceof NDArray) return data;
  if (data instanceof Float32Array) return new NDArray(data, [data.length], undefined, 0, 'float32');
  if (data instanceof Float64Array) return new NDArray(data, [data.length], undefined, 0, 'float64');
  if (data instanceof Int32Array) return new NDArray(data, [data.length], undefined, 0, 'int32');
  if (Array.isArray(data)) return data.map(defaultConvert);
  if (data instanceof Map) return new Map([...data].map(([k, v]) => [k, defaultConvert(v)]));
  if (typeof data === 'object' && data !== null && Object.getPrototypeOf(data) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data)) out[k] = defaultConvert(v);
    return out;
  }
  return data;
}

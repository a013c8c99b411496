/**
 * `defaultCollate`: how a list of samples becomes a batch (PyTorch's `default_collate`), by the
 * type of the first sample:
 *
 * | sample                        | batch                                                  |
 * |-------------------------------|--------------------------------------------------------|
 * | NDArray of shape S            | NDArray [B, ...S] (stacked; dtypes promote)            |
 * | Float32Array/Float64Array/Int32Array of length L | NDArray [B, L] of that dtype        |
 * | number                        | int32 [B] if every number is an int32 integer, else float64 [B] |
 * | boolean                       | bool [B]                                               |
 * | string                        | the array of strings                                   |
 * | array (list or tuple)         | an array: element j collated from every sample's element j |
 * | plain object / Map            | the same keys, each value collated across samples      |
 *
 * Where JS differs from Python: JS has one number type, so a batch of whole-number floats
 * (`[1.0, 2.0]`) is int32 where PyTorch would give float64, and integers become int32 where
 * PyTorch gives int64 (gd has no int64). Tuples and lists are both arrays.
 */
import { DTypeError, NDArray, ShapeError, ValueError } from '@gd/tensor';
import { stackTensors } from './stack-tensors.js';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Collates samples into a batch; see the table above.
 * @example
 * defaultCollate([[tensor([1, 2]), 0], [tensor([3, 4]), 1]])
 * // [tensor([[1, 2], [3, 4]]), tensor([0, 1], dtype=int32)]
 * defaultCollate([{ x: 0.5 }, { x: 1.5 }]) // { x: tensor([0.5, 1.5], dtype=float64) }
 */
export function defaultCollate(batch: readonly unknown[]): unknown {
  if (batch.length === 0) throw new ValueError('defaultCollate: the batch is empty');
  return collate(batch);
}

function collate(batch: readonly unknown[]): unknown {
  const elem = batch[0];
  if (elem instanceof NDArray) return stackTensors('defaultCollate', sameKind(batch, elem, NDArray) as NDArray[]);
  if (typeof elem === 'number') return collateNumbers(batch);
  if (typeof elem === 'boolean') return collateBooleans(batch);
  if (typeof elem === 'string') return batch.slice();
  if (Array.isArray(elem)) return collateSequences(batch);
  if (isTypedVector(elem)) return collateTypedArrays(batch);
  if (elem instanceof Map) return collateMaps(batch);
  if (isPlainObject(elem)) return collateObjects(batch);
  throw unsupported(elem);
}

/** PyTorch's message (with Python's name for the type), then what gd accepts. */
function unsupported(elem: unknown): DTypeError {
  const pyClass = elem === null || elem === undefined ? 'NoneType' : kindOf(elem);
  return new DTypeError(
    `defaultCollate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class '${pyClass}'> ` +
      `(gd collates NDArrays, Float32Array/Float64Array/Int32Array, numbers, booleans, strings, arrays, Maps and plain objects; got ${String(elem)})`,
  );
}

function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return (x.constructor as { name?: string } | undefined)?.name ?? 'Object';
  return typeof x;
}

/** Checks every element has the class of the first (the message names the first that does not). */
function sameKind(batch: readonly unknown[], elem: unknown, cls: abstract new (...args: never[]) => unknown): readonly unknown[] {
  for (let i = 1; i < batch.length; i++) {
    if (!(batch[i] instanceof cls)) {
      throw new DTypeError(`defaultCollate: element ${i} of the batch is ${kindOf(batch[i])}, expected ${kindOf(elem)} like element 0`);
    }
  }
  return batch;
}

function collateNumbers(batch: readonly unknown[]): NDArray {
  let integral = true;
  for (let i = 0; i < batch.length; i++) {
    const x = batch[i];
    if (typeof x !== 'number') {
      throw new DTypeError(`defaultCollate: element ${i} of the batch is ${kindOf(x)}, expected number like element 0`);
    }
    if (integral && !(Number.isInteger(x) && x >= INT32_MIN && x <= INT32_MAX)) integral = false;
  }
  const data = integral ? Int32Array.from(batch as number[]) : Float64Array.from(batch as number[]);
  return new NDArray(data, [batch.length], undefined, 0, integral ? 'int32' : 'float64');
}

function collateBooleans(batch: readonly unknown[]): NDArray {
  const data = new Uint8Array(batch.length);
  for (let i = 0; i < batch.length; i++) {
    const x = batch[i];
    if (typeof x !== 'boolean') {
      throw new DTypeError(`defaultCollate: element ${i} of the batch is ${kindOf(x)}, expected boolean like element 0`);
    }
    data[i] = x ? 1 : 0;
  }
  return new NDArray(data, [batch.length], undefined, 0, 'bool');
}

function collateSequences(batch: readonly unknown[]): unknown[] {
  const len = (batch[0] as unknown[]).length;
  for (let i = 1; i < batch.length; i++) {
    const s = batch[i];
    if (!Array.isArray(s)) {
      throw new DTypeError(`defaultCollate: element ${i} of the batch is ${kindOf(s)}, expected an array like element 0`);
    }
    if (s.length !== len) {
      throw new ShapeError(
        `defaultCollate: each element in list of batch should be of equal size (element 0 has ${len} items, element ${i} has ${s.length})`,
      );
    }
  }
  const out = new Array<unknown>(len);
  const column = new Array<unknown>(batch.length);
  for (let j = 0; j < len; j++) {
    for (let i = 0; i < batch.length; i++) column[i] = (batch[i] as unknown[])[j];
    out[j] = collate(column);
  }
  return out;
}

type TypedVector = Float32Array | Float64Array | Int32Array;

function isTypedVector(x: unknown): x is TypedVector {
  return x instanceof Float32Array || x instanceof Float64Array || x instanceof Int32Array;
}

function collateTypedArrays(batch: readonly unknown[]): NDArray {
  const first = batch[0] as TypedVector;
  const dtype = first instanceof Float32Array ? 'float32' : first instanceof Float64Array ? 'float64' : 'int32';
  const views = batch.map((x, i) => {
    if (!isTypedVector(x) || x.constructor !== first.constructor) {
      throw new DTypeError(`defaultCollate: element ${i} of the batch is ${kindOf(x)}, expected ${kindOf(first)} like element 0`);
    }
    return new NDArray(x, [x.length], undefined, 0, dtype);
  });
  return stackTensors('defaultCollate', views);
}

function collateMaps(batch: readonly unknown[]): Map<unknown, unknown> {
  const first = batch[0] as Map<unknown, unknown>;
  sameKind(batch, first, Map);
  const out = new Map<unknown, unknown>();
  for (const key of first.keys()) {
    out.set(
      key,
      collate(
        batch.map((m, i) => {
          const map = m as Map<unknown, unknown>;
          if (!map.has(key)) throw new ValueError(`defaultCollate: element ${i} of the batch has no key ${String(key)}`);
          return map.get(key);
        }),
      ),
    );
  }
  return out;
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

function collateObjects(batch: readonly unknown[]): Record<string, unknown> {
  const first = batch[0] as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(first)) {
    out[key] = collate(
      batch.map((o, i) => {
        if (!isPlainObject(o)) {
          throw new DTypeError(`defaultCollate: element ${i} of the batch is ${kindOf(o)}, expected a plain object like element 0`);
        }
        if (!(key in o)) throw new ValueError(`defaultCollate: element ${i} of the batch has no key '${key}'`);
        return o[key];
      }),
    );
  }
  return out;
}

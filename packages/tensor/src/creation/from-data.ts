/**
 * `tensor(data)`: an NDArray from JS data (nested arrays, a typed array, a scalar, another
 * NDArray), always copied, as `torch.tensor`. Nested arrays are walked once to check they are
 * rectangular; a ragged one throws naming the first element path that does not fit.
 */
import { type DType, type TypedArray, allocate, checkDType, dtypeOfArray } from '../dtype.js';
import { DTypeError, ShapeError } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { castData } from '../convert.js';
import { copyContiguous } from '../strided.js';

/** Options of the creation functions. */
export interface CreationOptions {
  /** The element type; each function documents its default. */
  dtype?: DType;
}

/** Nested JS arrays of numbers or booleans (a bare number or boolean is a 0-dim array). */
export type NestedArray = number | boolean | readonly NestedArray[];

/** Anything `tensor()` accepts. */
export type TensorData = NestedArray | TypedArray | NDArray;

/**
 * A new array holding a copy of `data`.
 *
 * - nested arrays / numbers: dtype float32 (bool when every element is a boolean). Note PyTorch
 *   gives int64 for integer lists; gd defaults to float32 because that is what training code
 *   wants, so pass `{ dtype: 'int32' }` for integer data such as class labels.
 * - typed arrays: Float32Array → float32, Float64Array → float64, Int32Array → int32,
 *   Uint8Array → bool (non-zero bytes become true).
 * - an NDArray: a contiguous copy.
 *
 * With `dtype` the values are cast (float → int truncates toward zero, x → bool is x != 0).
 * @example
 * tensor([[1, 2], [3, 4]])           // shape [2, 2], float32
 * tensor([true, false])              // bool
 * tensor(3)                          // 0-dim: tensor(3.)
 * tensor([0, 2, 1], { dtype: 'int32' })
 */
export function tensor(data: TensorData, { dtype }: CreationOptions = {}): NDArray {
  if (dtype !== undefined) checkDType('tensor', dtype);
  if (data instanceof NDArray) {
    const copy = copyContiguous(data);
    const out = dtype === undefined || dtype === data.dtype ? copy : castData(copy, dtype);
    return new NDArray(out, data.shape.slice(), undefined, 0, dtype ?? data.dtype);
  }
  if (ArrayBuffer.isView(data)) return fromTypedArray(data, dtype);
  if (typeof data === 'number' || typeof data === 'boolean') {
    const dt = dtype ?? (typeof data === 'boolean' ? 'bool' : 'float32');
    const out = allocate(dt, 1);
    out[0] = dt === 'bool' ? (data !== 0 && data !== false ? 1 : 0) : Number(data);
    return new NDArray(out, [], [], 0, dt);
  }
  if (Array.isArray(data)) return fromNested(data as readonly NestedArray[], dtype);
  throw new DTypeError(`tensor: cannot build a tensor from ${describe(data)}`);
}

function fromTypedArray(data: ArrayBufferView, dtype: DType | undefined): NDArray {
  if (
    !(data instanceof Float32Array) &&
    !(data instanceof Float64Array) &&
    !(data instanceof Int32Array) &&
    !(data instanceof Uint8Array)
  ) {
    throw new DTypeError(
      `tensor: unsupported typed array ${data.constructor.name} (expected Float32Array, Float64Array, Int32Array or Uint8Array)`,
    );
  }
  const own = dtypeOfArray(data);
  // A Uint8Array is read as bool, and bool storage must hold exactly 0/1: normalise it.
  const target = dtype ?? own;
  const out = own === 'bool' || target !== own ? castData(data, target) : data.slice();
  return new NDArray(out, [data.length], undefined, 0, target);
}

/** Shape of a nested array, read along its first elements; checked for raggedness afterwards. */
function inferShape(data: readonly NestedArray[]): number[] {
  const shape: number[] = [];
  let x: NestedArray | undefined = data;
  while (Array.isArray(x)) {
    const arr = x as readonly NestedArray[];
    shape.push(arr.length);
    x = arr[0];
  }
  return shape;
}

function fromNested(data: readonly NestedArray[], dtype: DType | undefined): NDArray {
  const shape = inferShape(data);
  let n = 1;
  for (const s of shape) n *= s;
  // Values are gathered in double first: the dtype (bool or float32) is known only at the end,
  // and a single rounding Float64 → target matches torch.tensor's conversion from Python floats.
  const flat = new Float64Array(n);
  const state = { pos: 0, sawNumber: false };
  fill(data, 0, shape, flat, state, []);
  const dt = dtype ?? (state.sawNumber || n === 0 ? 'float32' : 'bool');
  return new NDArray(castData(flat, dt), shape, undefined, 0, dt);
}

function fill(
  x: NestedArray,
  depth: number,
  shape: readonly number[],
  out: Float64Array,
  state: { pos: number; sawNumber: boolean },
  path: number[],
): void {
  if (depth === shape.length) {
    if (typeof x === 'number') {
      state.sawNumber = true;
      out[state.pos++] = x;
    } else if (typeof x === 'boolean') {
      out[state.pos++] = x ? 1 : 0;
    } else if (Array.isArray(x)) {
      throw new ShapeError(
        `tensor: ragged nested array: element ${formatPath(path)} is a list, expected a number (depth ${shape.length})`,
      );
    } else {
      throw new DTypeError(`tensor: element ${formatPath(path)} is ${describe(x)}, expected a number or boolean`);
    }
    return;
  }
  const expected = shape[depth]!;
  if (!Array.isArray(x)) {
    throw new ShapeError(
      `tensor: ragged nested array: element ${formatPath(path)} is ${describe(x)}, expected a list of length ${expected}`,
    );
  }
  const arr = x as readonly NestedArray[];
  if (arr.length !== expected) {
    throw new ShapeError(
      `tensor: ragged nested array: element ${formatPath(path)} has length ${arr.length}, expected ${expected}`,
    );
  }
  // The innermost level is the hot loop for big inputs: read numbers directly.
  if (depth === shape.length - 1) {
    for (let i = 0; i < expected; i++) {
      const v = arr[i];
      if (typeof v === 'number') {
        state.sawNumber = true;
        out[state.pos++] = v;
      } else {
        path.push(i);
        fill(v!, depth + 1, shape, out, state, path);
        path.pop();
      }
    }
    return;
  }
  for (let i = 0; i < expected; i++) {
    path.push(i);
    fill(arr[i]!, depth + 1, shape, out, state, path);
    path.pop();
  }
}

function formatPath(path: readonly number[]): string {
  return path.length === 0 ? '(the top level)' : path.map((i) => `[${i}]`).join('');
}

function describe(x: unknown): string {
  if (x === null || x === undefined) return String(x);
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return `a ${x.constructor?.name ?? 'object'}`;
  return `a ${typeof x}`;
}

/**
 * dtypes and PyTorch's type promotion. gd has four dtypes; `bool` is stored as a Uint8Array of 0/1.
 * PyTorch's int64 results (indices, randint, randperm) are int32 here: a JS typed array of int64
 * would need BigInt arithmetic in every kernel.
 */
import { DTypeError } from './errors.js';

export type DType = 'float32' | 'float64' | 'int32' | 'bool';

export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export interface DTypeArrays {
  float32: Float32Array;
  float64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

/** The default floating dtype (PyTorch's `torch.get_default_dtype()`). */
export const DEFAULT_DTYPE: DType = 'float32';

/** A new zero-filled array of `length` elements of `dtype`. */
export function allocate<D extends DType>(dtype: D, length: number): DTypeArrays[D];
export function allocate(dtype: DType, length: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'bool':
      return new Uint8Array(length);
  }
}

/** The dtype whose storage `data` is (a Uint8Array is read as `bool`). */
export function dtypeOfArray(data: TypedArray): DType {
  if (data instanceof Float32Array) return 'float32';
  if (data instanceof Float64Array) return 'float64';
  if (data instanceof Int32Array) return 'int32';
  return 'bool';
}

export function checkDType(op: string, dtype: unknown): DType {
  if (dtype === 'float32' || dtype === 'float64' || dtype === 'int32' || dtype === 'bool') return dtype;
  throw new DTypeError(`${op}: unknown dtype ${String(dtype)} (expected one of ${DTYPES.join(', ')})`);
}

export function isFloating(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/** bool < integer < floating: PyTorch promotes across categories before widths. */
function category(dtype: DType): number {
  return dtype === 'bool' ? 0 : dtype === 'int32' ? 1 : 2;
}

/** `torch.promote_types`: the smallest dtype both can be converted to. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'float64' || b === 'float64') return 'float64';
  if (a === 'float32' || b === 'float32') return 'float32';
  return 'int32';
}

/** What a binary operation sees of an operand: a tensor's dtype and rank, or a JS scalar. */
export type Operand = { readonly dtype: DType; readonly shape: readonly number[] } | number | boolean;

/** The dtype a JS scalar stands for: booleans are bool, integers int32, others float32. */
export function scalarDType(x: number | boolean): DType {
  if (typeof x === 'boolean') return 'bool';
  return Number.isInteger(x) ? 'int32' : DEFAULT_DTYPE;
}

/**
 * `torch.result_type` for two operands. Dimensioned tensors take priority over 0-dim tensors, which
 * take priority over scalars; a lower-priority operand changes the result only when it is of a
 * higher category (bool < int < float), in which case a 0-dim tensor brings its own dtype and a
 * scalar brings the default dtype of its category. In JS `2.0 === 2`, so a whole-valued number counts
 * as an integer scalar: `int32Tensor.add(2.0)` stays int32 where PyTorch would give float32.
 */
export function resultType(a: Operand, b: Operand): DType {
  const pa = priority(a);
  const pb = priority(b);
  const da = operandDType(a);
  const db = operandDType(b);
  if (pa === pb) return promoteTypes(da, db);
  const [hi, lo] = pa > pb ? [da, db] : [db, da];
  return category(lo) <= category(hi) ? hi : lo;
}

function priority(x: Operand): number {
  if (typeof x === 'number' || typeof x === 'boolean') return 0;
  return x.shape.length === 0 ? 1 : 2;
}

function operandDType(x: Operand): DType {
  return typeof x === 'number' || typeof x === 'boolean' ? scalarDType(x) : x.dtype;
}

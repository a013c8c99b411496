/**
 * The reference files' tensors as a suite's tensor type, and the check of a suite's tensor against
 * one (shape, dtype, values within tolerance). Generic over the tensor type: the suite says how to
 * recognise and build one, and the check reads `shape`, `dtype` and `toTypedArray()`, which NDArray
 * and Tensor both have.
 */
import { type Tolerance, compareValues } from './compare.js';
import { type RefTensor, decodeTensor } from './decode.js';

/** gd's dtypes (@gd/tensor's DType; spelled out here because this package imports no @gd package). */
export type GdDType = 'float32' | 'float64' | 'int32' | 'bool';

/** What the check reads of a tensor. */
export interface TensorView {
  readonly shape: readonly number[];
  readonly dtype: string;
  toTypedArray(): ArrayLike<number>;
}

/** How a suite recognises and builds its tensors. */
export interface TensorKind<T extends TensorView> {
  is(v: unknown): v is T;
  /** A tensor of `data` in row-major order with `shape` and `dtype`. */
  create(data: number[], shape: number[], dtype: GdDType): T;
}

/** Plain functions (no `this`), so that a suite can destructure and export them. */
export interface ReferenceTensors<T> {
  /** The reference tensor as the suite's tensor. */
  fromReference: (t: RefTensor) => T;
  /** Throws unless `actual` is a tensor with the reference's shape, dtype and values within `tol`. */
  expectMatches: (what: string, actual: unknown, expected: RefTensor, tol: Tolerance) => void;
}

/** PyTorch's dtype name as gd's: int64 is stored as int32. */
export function gdDType(torchDType: string): GdDType {
  switch (torchDType) {
    case 'float32':
    case 'float64':
    case 'int32':
    case 'bool':
      return torchDType;
    case 'int64':
      return 'int32';
    default:
      throw new Error(`reference dtype ${torchDType} has no gd counterpart`);
  }
}

/**
 * The reference-tensor helpers for one tensor type.
 *
 * @example
 * const { fromReference, expectMatches } = referenceTensors<NDArray>({
 *   is: (v): v is NDArray => v instanceof NDArray,
 *   create: (data, shape, dtype) => tensor(data, { dtype }).reshape(shape),
 * });
 */
export function referenceTensors<T extends TensorView>(kind: TensorKind<T>): ReferenceTensors<T> {
  return {
    fromReference: (t) => {
      const d = decodeTensor(t);
      return kind.create(d.data, d.shape, gdDType(d.dtype));
    },
    expectMatches: (what, actual, expected, tol) => {
      if (!kind.is(actual)) throw new Error(`${what}: expected a tensor, got ${String(actual)}`);
      const e = decodeTensor(expected);
      if (actual.shape.join(',') !== e.shape.join(',')) {
        throw new Error(`${what}: shape [${actual.shape.join(', ')}] instead of [${e.shape.join(', ')}]`);
      }
      if (actual.dtype !== gdDType(e.dtype)) throw new Error(`${what}: dtype ${actual.dtype} instead of ${e.dtype}`);
      const r = compareValues(Array.from(actual.toTypedArray(), Number), e.data, tol);
      if (!r.ok) throw new Error(`${what}: ${r.message}`);
    },
  };
}

/** Turns the reference files' tensors into NDArrays and compares NDArrays with them. */
import { type RefTensor, type Tolerance, compareValues, decodeTensor } from '@gd/conformance';
import { type DType, NDArray, tensor } from '../../src/index.js';

/** PyTorch's dtype names as gd's: int64 is stored as int32 here. */
export function gdDType(torchDType: string): DType {
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

export function fromReference(t: RefTensor): NDArray {
  const d = decodeTensor(t);
  return tensor(d.data, { dtype: gdDType(d.dtype) }).reshape(d.shape);
}

/** Throws unless `actual` has the reference's shape, dtype and values within `tol`. */
export function expectMatches(what: string, actual: unknown, expected: RefTensor, tol: Tolerance): void {
  if (!(actual instanceof NDArray)) throw new Error(`${what}: expected a tensor, got ${String(actual)}`);
  const e = decodeTensor(expected);
  if (actual.shape.join(',') !== e.shape.join(',')) {
    throw new Error(`${what}: shape [${actual.shape.join(', ')}] instead of [${e.shape.join(', ')}]`);
  }
  if (actual.dtype !== gdDType(e.dtype)) throw new Error(`${what}: dtype ${actual.dtype} instead of ${e.dtype}`);
  const values = Array.from(actual.toTypedArray(), Number);
  const r = compareValues(values, e.data, tol);
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
}

/** Reference-file tensors as gd Tensors, and comparisons of gd values with reference values. */
import { Tensor, tensor } from '@gd/autograd';
import { type RefTensor, type Tolerance, compareValues, decodeNumber, decodeTensor } from '@gd/conformance';
import type { DType } from '@gd/tensor';

/** PyTorch's dtype name as gd's (int64 is stored as int32). */
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

/** Is `v` a reference tensor `{ dtype, shape, data }`? */
export function isRefTensor(v: unknown): v is RefTensor {
  return typeof v === 'object' && v !== null && 'dtype' in v && 'shape' in v && 'data' in v;
}

export function fromReference(t: RefTensor, requiresGrad = false): Tensor {
  const d = decodeTensor(t);
  return tensor(tensor(d.data, { dtype: gdDType(d.dtype) }).reshape(d.shape), { requiresGrad });
}

/** Throws unless `actual` is a Tensor with the reference's shape, dtype and values within `tol`. */
export function expectTensor(what: string, actual: unknown, expected: RefTensor, tol: Tolerance): void {
  if (!(actual instanceof Tensor)) throw new Error(`${what}: expected a tensor, got ${String(actual)}`);
  const e = decodeTensor(expected);
  if (actual.shape.join(',') !== e.shape.join(',')) {
    throw new Error(`${what}: shape [${actual.shape.join(', ')}] instead of [${e.shape.join(', ')}]`);
  }
  if (actual.dtype !== gdDType(e.dtype)) throw new Error(`${what}: dtype ${actual.dtype} instead of ${e.dtype}`);
  const r = compareValues(Array.from(actual.toTypedArray(), Number), e.data, tol);
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
}

/** Throws unless the one-element tensor (or number) `actual` equals `expected` within `tol`. */
export function expectScalar(what: string, actual: unknown, expected: number | string, tol: Tolerance): void {
  const a = actual instanceof Tensor ? actual.item() : actual;
  if (typeof a !== 'number') throw new Error(`${what}: expected a number or a one-element tensor, got ${String(actual)}`);
  const r = compareValues([a], [decodeNumber(expected)], tol);
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
}

export const EXACT: Tolerance = { abs: 0, rel: 0 };

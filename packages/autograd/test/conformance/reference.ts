/** Reference-file tensors as Tensors, and a comparison of a Tensor with a reference tensor. */
import { type RefTensor, type Tolerance, compareValues, decodeTensor } from '@gd/conformance';
import type { DType } from '@gd/tensor';
import { Tensor, tensor } from '../../src/index.js';

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

export function fromReference(t: RefTensor, requiresGrad = false): Tensor {
  const d = decodeTensor(t);
  return tensor(tensor(d.data, { dtype: gdDType(d.dtype) }).reshape(d.shape), { requiresGrad });
}

/** Throws unless `actual` has the reference's shape, dtype and values within `tol`. */
export function expectMatches(what: string, actual: unknown, expected: RefTensor, tol: Tolerance): void {
  if (!(actual instanceof Tensor)) throw new Error(`${what}: expected a tensor, got ${String(actual)}`);
  const e = decodeTensor(expected);
  if (actual.shape.join(',') !== e.shape.join(',')) {
    throw new Error(`${what}: shape [${actual.shape.join(', ')}] instead of [${e.shape.join(', ')}]`);
  }
  if (actual.dtype !== gdDType(e.dtype)) throw new Error(`${what}: dtype ${actual.dtype} instead of ${e.dtype}`);
  const r = compareValues(Array.from(actual.toTypedArray(), Number), e.data, tol);
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
}

/** The reference files' tensors as gd Tensors, and checks of gd values against reference values. */
import { Tensor, tensor } from '@gd/autograd';
import { type RefTensor, type Tolerance, compareValues, decodeNumber, referenceTensors } from '@gd/conformance';

const tensors = referenceTensors<Tensor>({
  is: (v): v is Tensor => v instanceof Tensor,
  create: (data, shape, dtype) => tensor(data, { dtype }).reshape(shape),
});

/** Throws unless `actual` is a Tensor with the reference's shape, dtype and values within `tol`. */
export const expectTensor = tensors.expectMatches;

/** The reference tensor as a leaf Tensor, requiring grad if asked. */
export function fromReference(t: RefTensor, requiresGrad = false): Tensor {
  return tensor(tensors.fromReference(t), { requiresGrad });
}

/** Throws unless the one-element tensor (or number) `actual` equals `expected` within `tol`. */
export function expectScalar(what: string, actual: unknown, expected: number | string, tol: Tolerance): void {
  const a = actual instanceof Tensor ? actual.item() : actual;
  if (typeof a !== 'number') throw new Error(`${what}: expected a number or a one-element tensor, got ${String(actual)}`);
  const r = compareValues([a], [decodeNumber(expected)], tol);
  if (!r.ok) throw new Error(`${what}: ${r.message}`);
}

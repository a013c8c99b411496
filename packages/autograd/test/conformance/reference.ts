/** The reference files' tensors as Tensors, and the check of a Tensor against one. */
import { type RefTensor, referenceTensors } from '@gd/conformance';
import { Tensor, tensor } from '../../src/index.js';

const tensors = referenceTensors<Tensor>({
  is: (v): v is Tensor => v instanceof Tensor,
  create: (data, shape, dtype) => tensor(data, { dtype }).reshape(shape),
});

export const { expectMatches } = tensors;

/** The reference tensor as a leaf Tensor, requiring grad if asked. */
export function fromReference(t: RefTensor, requiresGrad = false): Tensor {
  return tensor(tensors.fromReference(t), { requiresGrad });
}

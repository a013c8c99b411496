/** The reference files' tensors as NDArrays, and the check of an NDArray against one. */
import { referenceTensors } from '@gd/conformance';
import { NDArray, tensor } from '../../src/index.js';

export const { fromReference, expectMatches } = referenceTensors<NDArray>({
  is: (v): v is NDArray => v instanceof NDArray,
  create: (data, shape, dtype) => tensor(data, { dtype }).reshape(shape),
});

/**
 * Operations that pick elements: Python indexing (`index`), `narrow`, `select`, `indexSelect`,
 * `gather`, `maskedSelect` and `take`. All share one backward: the gradient of each picked element
 * is added back at the position it was picked from (repeated picks accumulate). The positions are
 * found by applying the same selection to an int32 array holding each element's flat position, so
 * no selection needs a hand-written inverse. The scatter (`putAdd`) is itself a recorded operation
 * whose backward is `take`, which keeps gradients of gradients available.
 */
import * as nd from '@gd/tensor';
import type { IndexArray, IndexSpec, NDArray } from '@gd/tensor';
import { apply1 } from '../apply.js';
import { type TensorLike, toTensor } from '../operand.js';
import type { Rule } from '../rule.js';
import { Tensor } from '../tensor.js';

/** The differentiable selection operations. */
export type IndexingOp = 'index' | 'narrow' | 'select' | 'indexSelect' | 'gather' | 'maskedSelect' | 'take' | 'putAdd';

/** An index of {@link index}: @gd/tensor's specs, or a Tensor of indices or a mask. */
export type TensorIndex = IndexSpec | Tensor;

/** Each element's flat (row-major) position, as an int32 array of `shape`. */
export function positionsOf(shape: readonly number[]): NDArray {
  let n = 1;
  for (const s of shape) n *= s;
  return nd.view(nd.arange(n, { dtype: 'int32' }), shape);
}

/** `out = zeros(shape); out.flat[positions[i]] += values[i]`, in index order (PyTorch's `put_(accumulate)`). */
function putAddKernel(values: NDArray, positions: NDArray, shape: readonly number[]): NDArray {
  const out = nd.zeros(shape, { dtype: values.dtype });
  const flatValues = nd.reshape(nd.broadcastTo(values, positions.shape), [positions.size]);
  nd.indexAdd_(nd.reshape(out, [out.size]), 0, nd.reshape(positions, [positions.size]), flatValues);
  return out;
}

type SelectRule<A> = Rule<A, readonly [NDArray]>;

/** A selection's rule: forward `select(x)`, backward scatters into the positions `select` picks. */
function selectionRule<A>(name: string, select: (x: NDArray, args: A) => NDArray): SelectRule<A> {
  return {
    name,
    forward: ([x], args) => select(x, args),
    backward: (c, g) => {
      const shape = c.inputShape(0);
      return [putAdd(g, select(positionsOf(shape), c.args), shape)];
    },
  };
}

/** Arguments of the scatter that is `take`'s backward. */
interface PutAddArgs {
  readonly positions: NDArray;
  readonly shape: readonly number[];
}

export const indexingRules: {
  index: SelectRule<readonly IndexSpec[]>;
  narrow: SelectRule<readonly [number, number, number]>;
  select: SelectRule<readonly [number, number]>;
  indexSelect: SelectRule<{ readonly dim: number; readonly index: IndexArray }>;
  gather: SelectRule<{ readonly dim: number; readonly index: IndexArray }>;
  maskedSelect: SelectRule<NDArray>;
  take: SelectRule<NDArray>;
  putAdd: SelectRule<PutAddArgs>;
} = {
  index: selectionRule('IndexBackward0', (x, specs) => nd.index(x, ...specs)),
  narrow: selectionRule('SliceBackward0', (x, [dim, start, length]) => nd.narrow(x, dim, start, length)),
  select: selectionRule('SelectBackward0', (x, [dim, i]) => nd.select(x, dim, i)),
  indexSelect: selectionRule('IndexSelectBackward0', (x, { dim, index }) => nd.indexSelect(x, dim, index)),
  gather: selectionRule('GatherBackward0', (x, { dim, index }) => nd.gather(x, dim, index)),
  maskedSelect: selectionRule('MaskedSelectBackward0', (x, mask) => nd.maskedSelect(x, mask)),
  take: selectionRule('TakeBackward0', (x, positions) => nd.take(x, positions)),
  putAdd: {
    name: 'PutBackward0',
    forward: ([g], { positions, shape }) => putAddKernel(g, positions, shape),
    backward: (c, g) => [take(g, c.args.positions)],
  },
};

function rawIndex(spec: TensorIndex): IndexSpec {
  return spec instanceof Tensor ? spec.data : spec;
}

/**
 * Python's `x[...]` (see @gd/tensor's `index`): integers, slices (`':'`, `'1:3'`, `slice(...)`),
 * `null` (new axis), `'...'`, and integer or bool index tensors.
 * @example
 * index(x, ':', 2)            // x[:, 2]
 * index(x, x.gt(0))           // x[x > 0]
 */
export function index(input: TensorLike, ...specs: TensorIndex[]): Tensor {
  const x = toTensor(input);
  return apply1(indexingRules.index, x, specs.map(rawIndex));
}
/** `length` elements of `dim` from `start` (a view). */
export function narrow(input: TensorLike, dim: number, start: number, length: number): Tensor {
  const x = toTensor(input);
  return apply1(indexingRules.narrow, x, [dim, start, length]);
}
/** The slice at `index` of `dim`, without that dim (a view). */
export function select(input: TensorLike, dim: number, index: number): Tensor {
  const x = toTensor(input);
  return apply1(indexingRules.select, x, [dim, index]);
}
/** The slices at `index` (1-d integers) of `dim`; repeated indices accumulate in the gradient. */
export function indexSelect(input: TensorLike, dim: number, index: IndexArray | Tensor): Tensor {
  const x = toTensor(input);
  return apply1(indexingRules.indexSelect, x, { dim, index: index instanceof Tensor ? index.data : index });
}
/** `out[i][j] = x[index[i][j]][j]` for `dim` 0 (and so on), as torch.gather. */
export function gather(input: TensorLike, dim: number, index: IndexArray | Tensor): Tensor {
  const x = toTensor(input);
  return apply1(indexingRules.gather, x, { dim, index: index instanceof Tensor ? index.data : index });
}
/** The elements where `mask` (broadcast) is true, as a 1-d tensor. */
export function maskedSelect(input: TensorLike, mask: Tensor | NDArray): Tensor {
  const x = toTensor(input);
  return apply1(indexingRules.maskedSelect, x, mask instanceof Tensor ? mask.data : mask);
}
/** `x.flatten()[positions]`, shaped like `positions` (int32; negative ones count from the end), as torch.take. */
export function take(input: TensorLike, positions: Tensor | NDArray): Tensor {
  const x = toTensor(input);
  return apply1(indexingRules.take, x, positions instanceof Tensor ? positions.data : positions);
}
/**
 * A zero tensor of `shape` with `values[i]` added at flat position `positions[i]` (repeats
 * accumulate): the backward of every selection.
 */
export function putAdd(values: Tensor, positions: NDArray, shape: readonly number[]): Tensor {
  return apply1(indexingRules.putAdd, values, { positions, shape });
}

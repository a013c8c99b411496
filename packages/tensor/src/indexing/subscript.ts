/**
 * `index(a, ...specs)`: Python's `a[...]` with PyTorch's semantics. Integers, slices, `null`
 * (new axis) and `'...'` are basic indices and give a view; integer or bool arrays are advanced
 * indices and give a copy (see advanced.ts). Basic specs are applied first, building one view;
 * the advanced ones are then gathered from that view in a single pass.
 */
import { IndexError, ShapeError, ValueError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { type AdvancedIndex, takeAdvanced } from './advanced.js';
import { type IndexArray, maskToIndices, toIndexArray } from './index-arrays.js';
import { Slice, parseSlice, resolveSlice } from './slice.js';

/**
 * One entry of `a[...]`: an integer, a slice (`slice(1, 3)` or `'1:3'`, `':'`, `'::2'`), `null`
 * for a new axis, `'...'`, or an index array (int32/bool NDArray, JS integers or booleans).
 */
export type IndexSpec = number | null | string | Slice | IndexArray;

type Item =
  | { kind: 'int'; value: number }
  | { kind: 'slice'; slice: Slice }
  | { kind: 'newaxis' }
  | { kind: 'ellipsis' }
  | { kind: 'array'; array: NDArray };

function toItem(spec: IndexSpec): Item {
  if (spec === null) return { kind: 'newaxis' };
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec)) {
      throw new ValueError(`index: only integers, slices, null, '...' and integer or bool arrays are valid indices (got ${spec})`);
    }
    return { kind: 'int', value: spec };
  }
  if (typeof spec === 'string') {
    if (spec.trim() === '...') return { kind: 'ellipsis' };
    const s = parseSlice(spec);
    if (s === null) throw new ValueError(`index: cannot parse '${spec}' as a slice (expected forms like ':', '1:3', '::2', '-2:')`);
    return { kind: 'slice', slice: s };
  }
  if (spec instanceof Slice) return { kind: 'slice', slice: spec };
  return { kind: 'array', array: toIndexArray('index', spec) };
}

/** How many dims of the input an item consumes. */
function consumes(item: Item): number {
  switch (item.kind) {
    case 'int':
    case 'slice':
      return 1;
    case 'array':
      return item.array.dtype === 'bool' ? item.array.shape.length : 1;
    default:
      return 0;
  }
}

/**
 * `a[specs...]` as in PyTorch. A view when every spec is basic, else a copy.
 * @example
 * a.index(0)                    // a[0]
 * a.index(':', 2)               // a[:, 2]
 * a.index('...', slice(1, 3))   // a[..., 1:3]
 * a.index(null)                 // a[None]
 * a.index([2, 0, 2])            // a[[2, 0, 2]]   (rows 2, 0, 2; a copy)
 * a.index(a.gt(0))              // a[a > 0]       (1-d copy of the positive elements)
 */
export function index(a: NDArray, ...specs: IndexSpec[]): NDArray {
  const items = specs.map(toItem);
  const ndim = a.shape.length;
  let consumed = 0;
  let ellipses = 0;
  for (const it of items) {
    consumed += consumes(it);
    if (it.kind === 'ellipsis') ellipses++;
  }
  if (ellipses > 1) throw new IndexError("index: an index can only have a single ellipsis ('...')");
  if (consumed > ndim) {
    throw new IndexError(`index: too many indices for tensor of dimension ${ndim} (got ${consumed} for shape ${formatShape(a.shape)})`);
  }

  const shape: number[] = [];
  const strides: number[] = [];
  const adv: AdvancedIndex[] = [];
  let offset = a.offset;
  let d = 0;
  const keepDim = () => {
    shape.push(a.shape[d]!);
    strides.push(a.strides[d]!);
    d++;
  };
  for (const it of items) {
    switch (it.kind) {
      case 'int': {
        const size = a.shape[d]!;
        if (it.value < -size || it.value >= size) {
          throw new IndexError(`index: index ${it.value} is out of bounds for dimension ${d} with size ${size} (shape ${formatShape(a.shape)})`);
        }
        offset += (it.value < 0 ? it.value + size : it.value) * a.strides[d]!;
        d++;
        break;
      }
      case 'slice': {
        const { start, length, step } = resolveSlice('index', it.slice, a.shape[d]!);
        shape.push(length);
        strides.push(a.strides[d]! * step);
        offset += start * a.strides[d]!;
        d++;
        break;
      }
      case 'newaxis':
        shape.push(1);
        strides.push(0);
        break;
      case 'ellipsis':
        for (let n = ndim - consumed; n > 0; n--) keepDim();
        break;
      case 'array':
        if (it.array.dtype === 'bool') {
          addMask(a, d, it.array, shape, strides, adv);
          for (let n = it.array.shape.length; n > 0; n--) keepDim();
        } else {
          adv.push({ dim: shape.length, inputDim: d, indices: it.array });
          keepDim();
        }
        break;
    }
  }
  while (d < ndim) keepDim();
  const view = new NDArray(a.data, shape, strides, offset, a.dtype);
  return adv.length === 0 ? view : takeAdvanced('index', view, adv);
}

/**
 * Records a bool mask over dims `d, d+1, ...` as one integer index per dim. A 0-dim mask
 * (`a[true]`) adds a dim of size 1 or 0 instead, as in PyTorch.
 */
function addMask(a: NDArray, d: number, mask: NDArray, shape: number[], strides: number[], adv: AdvancedIndex[]): void {
  const k = mask.shape.length;
  if (k === 0) {
    shape.push(mask.data[mask.offset] !== 0 ? 1 : 0);
    strides.push(0);
    return;
  }
  for (let j = 0; j < k; j++) {
    if (mask.shape[j] !== a.shape[d + j]) {
      throw new ShapeError(
        `index: the shape of the mask ${formatShape(mask.shape)} does not match the shape of the indexed tensor ` +
          `${formatShape(a.shape)} at dims ${d}..${d + k - 1} (mask dim ${j}: ${mask.shape[j]} vs ${a.shape[d + j]})`,
      );
    }
  }
  const cols = maskToIndices(mask);
  for (let j = 0; j < k; j++) adv.push({ dim: shape.length + j, inputDim: d + j, indices: cols[j]! });
}

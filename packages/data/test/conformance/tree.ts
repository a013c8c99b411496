/**
 * The reference files' type trees (`{"type": "Tensor" | "list" | "tuple" | "dict" | "int" |
 * "float" | "bool" | "str", ...}`): decoded into JS values (tensors become NDArrays, tuples and
 * lists arrays, dicts plain objects) and compared with what gd produced.
 */
import { type RefTensor, type Tolerance, compareValues, decodeTensor, gdDType, referenceTensors } from '@gd/conformance';
import { NDArray, tensor } from '@gd/tensor';

export type RefTree =
  | ({ type: 'Tensor' } & RefTensor)
  | { type: 'list' | 'tuple'; items: RefTree[] }
  | { type: 'dict'; items: Record<string, RefTree> }
  | { type: 'int' | 'float'; value: number | string }
  | { type: 'bool'; value: boolean }
  | { type: 'str'; value: string };

/** A reference tensor as an NDArray (int64 is int32 here). */
const { fromReference: fromRefTensor } = referenceTensors<NDArray>({
  is: (v): v is NDArray => v instanceof NDArray,
  create: (data, shape, dtype) => tensor(data, { dtype }).reshape(shape),
});

/** The JS value a reference tree stands for. */
export function fromTree(t: RefTree): unknown {
  switch (t.type) {
    case 'Tensor':
      return fromRefTensor(t);
    case 'list':
    case 'tuple':
      return t.items.map(fromTree);
    case 'dict':
      return Object.fromEntries(Object.entries(t.items).map(([k, v]) => [k, fromTree(v)]));
    case 'int':
    case 'float':
      return Number(t.value);
    case 'bool':
    case 'str':
      return t.value;
    default:
      throw new Error(`unknown reference tree type ${(t as { type: string }).type}`);
  }
}

/**
 * Throws (naming the path) unless `actual` matches `expected`. One allowance, documented in
 * defaultCollate: JS has one number type, so a float64 batch of whole numbers collated from
 * Python floats comes out int32 here; it passes when every value is equal.
 */
export function expectTree(path: string, actual: unknown, expected: RefTree, tol: Tolerance): void {
  switch (expected.type) {
    case 'Tensor': {
      if (!(actual instanceof NDArray)) throw new Error(`${path}: expected a tensor, got ${describe(actual)}`);
      const e = decodeTensor(expected);
      if (actual.shape.join(',') !== e.shape.join(',')) {
        throw new Error(`${path}: shape [${actual.shape.join(', ')}] instead of [${e.shape.join(', ')}]`);
      }
      const want = gdDType(e.dtype);
      const wholeFloats = want === 'float64' && actual.dtype === 'int32' && e.data.every((v) => Number.isInteger(v));
      if (actual.dtype !== want && !wholeFloats) throw new Error(`${path}: dtype ${actual.dtype} instead of ${want}`);
      const r = compareValues(Array.from(actual.toTypedArray(), Number), e.data, tol);
      if (!r.ok) throw new Error(`${path}: ${r.message}`);
      return;
    }
    case 'list':
    case 'tuple': {
      if (!Array.isArray(actual)) throw new Error(`${path}: expected an array, got ${describe(actual)}`);
      if (actual.length !== expected.items.length) {
        throw new Error(`${path}: ${actual.length} items instead of ${expected.items.length}`);
      }
      expected.items.forEach((item, i) => expectTree(`${path}[${i}]`, actual[i], item, tol));
      return;
    }
    case 'dict': {
      if (typeof actual !== 'object' || actual === null || Array.isArray(actual) || actual instanceof NDArray) {
        throw new Error(`${path}: expected a plain object, got ${describe(actual)}`);
      }
      const keys = Object.keys(expected.items);
      if (Object.keys(actual).join(',') !== keys.join(',')) {
        throw new Error(`${path}: keys [${Object.keys(actual).join(', ')}] instead of [${keys.join(', ')}]`);
      }
      for (const k of keys) expectTree(`${path}.${k}`, (actual as Record<string, unknown>)[k], expected.items[k]!, tol);
      return;
    }
    case 'int':
    case 'float':
      if (actual !== Number(expected.value)) throw new Error(`${path}: ${describe(actual)} instead of ${expected.value}`);
      return;
    case 'bool':
    case 'str':
      if (actual !== expected.value) throw new Error(`${path}: ${describe(actual)} instead of ${String(expected.value)}`);
      return;
    default:
      throw new Error(`${path}: unknown reference tree type ${(expected as { type: string }).type}`);
  }
}

function describe(x: unknown): string {
  if (x instanceof NDArray) return `tensor of shape [${x.shape.join(', ')}]`;
  if (Array.isArray(x)) return `array of ${x.length}`;
  return typeof x === 'object' ? String(x?.constructor?.name) : `${typeof x} ${JSON.stringify(x)}`;
}

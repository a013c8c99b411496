/**
 * How a dataset reaches a worker. Functions and classes cannot be posted to another thread, so a
 * worker rebuilds the dataset from a description: the built-in datasets describe themselves
 * (a TensorDataset's storage moves to a SharedArrayBuffer once, so all workers share it), and any
 * other dataset must come from an ES module the worker can import — as PyTorch needs a picklable
 * dataset. {@link datasetFromModule} loads such a dataset and remembers where it came from.
 */
import { NDArray, type TypedArray, ValueError } from '@gd/tensor';
import { ArrayDataset } from '../dataset/array-dataset.js';
import { ConcatDataset } from '../dataset/concat-dataset.js';
import { Subset } from '../dataset/subset.js';
import { TensorDataset } from '../dataset/tensor-dataset.js';
import type { ModuleExport } from '../loader/options.js';
import { decodeValue, encodeValue } from './wire.js';

export type DatasetSpec =
  | { kind: 'tensor'; tensors: unknown[] }
  | { kind: 'array'; items: unknown }
  | { kind: 'subset'; dataset: DatasetSpec; indices: number[] }
  | { kind: 'concat'; datasets: DatasetSpec[] }
  | { kind: 'module'; module: string; name: string };

const fromModules = new WeakMap<object, ModuleExport>();
const sharedTensors = new WeakMap<TensorDataset, unknown[]>();

/**
 * Marks `dataset` as the one `ref` exports, so workers import `ref` instead of receiving it.
 * @example
 * const ds = withWorkerModule(createData(), { module: new URL('./data.js', import.meta.url), name: 'createData' });
 */
export function withWorkerModule<D extends object>(dataset: D, ref: ModuleExport): D {
  fromModules.set(dataset, ref);
  return dataset;
}

/**
 * Imports the dataset that `ref` exports (the dataset itself, or a function returning it, called
 * once per thread), here and later in each worker.
 * @example
 * const ds = await datasetFromModule({ module: new URL('./my-data.js', import.meta.url), name: 'dataset' });
 * const loader = new DataLoader(ds, { batchSize: 32, numWorkers: 4 });
 */
export async function datasetFromModule<D = unknown>(ref: ModuleExport): Promise<D> {
  const dataset = (await loadExport(ref)) as D;
  if (typeof dataset === 'object' && dataset !== null) fromModules.set(dataset, ref);
  return dataset;
}

/** Imports `ref` and returns its export, calling it when it is a function (a dataset factory). */
async function loadExport(ref: ModuleExport): Promise<unknown> {
  const value = await importExport(ref);
  return typeof value === 'function' ? (value as () => unknown)() : value;
}

/** The export `ref` names, as is. */
export async function importExport(ref: ModuleExport): Promise<unknown> {
  const url = String(ref.module);
  const name = ref.name ?? 'default';
  const mod = (await import(/* @vite-ignore */ /* webpackIgnore: true */ url)) as Record<string, unknown>;
  if (!(name in mod)) throw new ValueError(`worker module ${url} has no export ${JSON.stringify(name)}`);
  return mod[name];
}

/** A copy of `a`'s elements in a SharedArrayBuffer (or `a` itself where there is none). */
function toShared(a: NDArray): NDArray {
  if (typeof SharedArrayBuffer === 'undefined') return a;
  const c = a.contiguous();
  const bytes = c.size * c.data.BYTES_PER_ELEMENT;
  const Ctor = c.data.constructor as new (buffer: SharedArrayBuffer, offset: number, length: number) => TypedArray;
  const shared = new Ctor(new SharedArrayBuffer(bytes), 0, c.size);
  shared.set(c.data.subarray(c.offset, c.offset + c.size));
  return new NDArray(shared, [...c.shape], undefined, 0, c.dtype);
}

/** The description of `dataset` for a worker; throws (saying what to do) for one that cannot travel. */
export function datasetSpec(dataset: unknown): DatasetSpec {
  const ref = typeof dataset === 'object' && dataset !== null ? fromModules.get(dataset) : undefined;
  if (ref !== undefined) return { kind: 'module', module: String(ref.module), name: ref.name ?? 'default' };
  if (dataset instanceof TensorDataset) {
    let tensors = sharedTensors.get(dataset);
    if (tensors === undefined) {
      tensors = dataset.tensors.map((t) => encodeValue(toShared(t)));
      sharedTensors.set(dataset, tensors);
    }
    return { kind: 'tensor', tensors };
  }
  if (dataset instanceof Subset) return { kind: 'subset', dataset: datasetSpec(dataset.dataset), indices: [...dataset.indices] };
  if (dataset instanceof ConcatDataset) return { kind: 'concat', datasets: dataset.datasets.map(datasetSpec) };
  if (dataset instanceof ArrayDataset) return { kind: 'array', items: encodeValue(dataset.items) };
  if (Array.isArray(dataset)) return { kind: 'array', items: encodeValue(dataset) };
  const name = (dataset as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof dataset;
  throw new ValueError(
    `DataLoader: a ${name} cannot be sent to worker threads; load it with datasetFromModule({ module, name }) ` +
      'or mark it with withWorkerModule(dataset, { module, name }) so that each worker imports it',
  );
}

/** The dataset a worker rebuilds from `spec`. */
export async function buildDataset(spec: DatasetSpec): Promise<unknown> {
  switch (spec.kind) {
    case 'tensor':
      return new TensorDataset(...(spec.tensors.map(decodeValue) as NDArray[]));
    case 'array':
      return new ArrayDataset(decodeValue(spec.items) as unknown[]);
    case 'subset':
      return new Subset((await buildDataset(spec.dataset)) as ArrayDataset<unknown>, spec.indices);
    case 'concat':
      return new ConcatDataset((await Promise.all(spec.datasets.map(buildDataset))) as ArrayDataset<unknown>[]);
    case 'module':
      return loadExport({ module: spec.module, name: spec.name });
  }
}

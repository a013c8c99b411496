/**
 * @gd/data's bindings for the Python of dataloader.json / shuffle.json (`DataLoader(TensorDataset(...),
 * batch_size=3)`, `random_split(range(10), [3, 7], generator=torch.Generator().manual_seed(42))`,
 * `[b[0].tolist() for b in DataLoader(sub, batch_size=2)]`): which @gd/data class or function, or
 * @gd/tensor function or NDArray method, each PyTorch name is, with keyword arguments as camelCase
 * options. @gd/conformance evaluates the expressions with them (Python's builtins included);
 * anything not bound here throws UnsupportedError there, so an unmapped case fails.
 */
import {
  type Backend,
  type Call,
  type Env,
  type Expr,
  type Fn,
  Namespace,
  PYTHON_BUILTINS,
  TENSOR_METHODS,
  UNMAPPED,
  UnsupportedError,
  type Value,
  bind,
  bindNamed,
  callTensorMethod,
  camel,
  camelKeys,
  evaluate,
  isFloatExpr,
  pick,
  pyFunctions,
  runStatements,
  sizes,
  torchFunctions,
  torchOperators,
} from '@gd/conformance';
import * as gd from '@gd/tensor';
import { NDArray } from '@gd/tensor';
import * as data from '../../src/index.js';

/** `torch.<dtype>` as gd's dtype (int64 is int32 here). */
const DTYPES: Readonly<Record<string, gd.DType>> = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  int64: 'int32',
  long: 'int32',
  int32: 'int32',
  bool: 'bool',
};

/** The `dtype=` keyword of a creation function (the only keyword they take here). */
function dtypeOption(what: string, { kwargs }: Call): gd.DType | undefined {
  const [dtype] = bind(what, ['dtype'], { args: [], kwargs });
  if (dtype === undefined) return undefined;
  if (typeof dtype !== 'string' || !Object.values(DTYPES).includes(dtype as gd.DType)) {
    throw new UnsupportedError(`${what}: dtype ${typeof dtype === 'string' ? dtype : typeof dtype} is not mapped`);
  }
  return dtype as gd.DType;
}

function hasBoolean(x: unknown): boolean {
  return typeof x === 'boolean' || (Array.isArray(x) && x.some(hasBoolean));
}

/** Python ints are int64 (gd's int32), a float literal anywhere makes a float32 tensor. */
function literalDType(argExprs: readonly Expr[], values: unknown): gd.DType {
  if (argExprs.some(isFloatExpr)) return 'float32';
  return hasBoolean(values) ? 'bool' : 'int32';
}

const torch = new Namespace(
  'torch',
  {
    ...torchFunctions(gd, ['manual_seed']),
    Generator: (c) => (bind('torch.Generator', [], c), new gd.Generator()),
    zeros: (c) => gd.zeros(sizes(c.args), { dtype: dtypeOption('torch.zeros', c) ?? 'float32' }),
    ones: (c) => gd.ones(sizes(c.args), { dtype: dtypeOption('torch.ones', c) ?? 'float32' }),
    arange: (c, site) => {
      const [start, end, step] = bind('torch.arange', ['start', 'end', 'step'], { args: c.args, kwargs: {} }) as number[];
      const dtype = dtypeOption('torch.arange', c) ?? literalDType(site.argExprs, c.args);
      if (end === undefined) return gd.arange(start!, { dtype });
      return gd.arange(start!, end, step, { dtype });
    },
    tensor: (c, site) => {
      const [values] = bind('torch.tensor', ['data'], { args: c.args, kwargs: {} });
      const dtype = dtypeOption('torch.tensor', c) ?? literalDType(site.argExprs, values);
      return gd.tensor(values as gd.NestedArray, { dtype });
    },
  },
  { attrs: DTYPES },
);

/**
 * The values of a call bound to `params`: the first `positional` in order, then the others as one
 * camelCase options object (None kept: `replacement=None` is checked like PyTorch checks it).
 */
function withOptions(what: string, params: readonly string[], positional: number, c: Call): Value[] {
  const bound = bindNamed(what, params, c);
  const options = Object.fromEntries(Object.entries(bound).filter(([k]) => params.indexOf(k) >= positional));
  return [...params.slice(0, positional).map((p) => bound[p]), camelKeys(options)];
}

/** torch.utils.data's classes and functions, called by bare name; `onLoader` sees each DataLoader built. */
function dataFunctions(onLoader: (loader: data.DataLoader) => void): Record<string, Fn> {
  return {
    DataLoader: (c) => {
      const [dataset, ...rest] = c.args;
      if (rest.length) throw new UnsupportedError('DataLoader: positional options are not mapped');
      const loader = new data.DataLoader(dataset, camelKeys(c.kwargs));
      onLoader(loader);
      return loader;
    },
    TensorDataset: (c) => {
      if (Object.keys(c.kwargs).length) throw new UnsupportedError('TensorDataset: keyword arguments');
      return new data.TensorDataset(...(c.args as NDArray[]));
    },
    // the reference files' name for a map-style dataset over a Python list
    ListDataset: (c) => new data.ArrayDataset(bind('ListDataset', ['items'], c)[0] as unknown[]),
    Subset: (c) => {
      const [ds, indices] = bind('Subset', ['dataset', 'indices'], c);
      return new data.Subset(ds as data.MapDatasetLike, indices as number[]);
    },
    ConcatDataset: (c) => new data.ConcatDataset(bind('ConcatDataset', ['datasets'], c)[0] as data.MapDatasetLike[]),
    random_split: (c) => {
      const [ds, lengths, options] = withOptions('random_split', ['dataset', 'lengths', 'generator'], 2, c);
      return data.randomSplit(ds as data.MapDatasetLike, lengths as number[], options as data.RandomSplitOptions);
    },
    default_collate: (c) => data.defaultCollate(bind('default_collate', ['batch'], c)[0] as unknown[]),
    default_convert: (c) => data.defaultConvert(bind('default_convert', ['data'], c)[0]),
    SequentialSampler: (c) => new data.SequentialSampler(bind('SequentialSampler', ['data_source'], c)[0] as data.MapDataset),
    RandomSampler: (c) => {
      const [ds, options] = withOptions('RandomSampler', ['data_source', 'replacement', 'num_samples', 'generator'], 1, c);
      return new data.RandomSampler(ds as data.MapDataset, options as data.RandomSamplerOptions);
    },
    BatchSampler: (c) => {
      const [sampler, batchSize, dropLast] = bind('BatchSampler', ['sampler', 'batch_size', 'drop_last'], c);
      return new data.BatchSampler(sampler as Iterable<number>, batchSize as number, dropLast as boolean);
    },
    SubsetRandomSampler: (c) => {
      const [indices, options] = withOptions('SubsetRandomSampler', ['indices', 'generator'], 1, c);
      return new data.SubsetRandomSampler(indices as number[], options as data.SubsetRandomSamplerOptions);
    },
  };
}

/** Python's `seq[i]` on a list: negative from the end, IndexError outside. */
function listIndex(xs: readonly unknown[], i: number): unknown {
  const j = i < 0 ? i + xs.length : i;
  if (j < 0 || j >= xs.length) throw new gd.IndexError('list index out of range');
  return xs[j];
}

const tensorMethods = pick(TENSOR_METHODS, ['view', 'reshape', 'tolist', 'item', 'float']);

/** The hooks every evaluation shares (the globals hold the per-evaluation DataLoader recorder). */
const hooks: Omit<Backend, 'globals'> = {
  operators: torchOperators(gd),
  index(obj, items) {
    const [i] = items;
    if (items.length !== 1 || typeof i !== 'number') return UNMAPPED;
    if (Array.isArray(obj)) return listIndex(obj, i);
    if (obj instanceof NDArray) return obj.select(0, i);
    if (data.isMapDataset(obj)) return obj.getItem(i);
    return UNMAPPED;
  },
  // a field by its camelCase name (`loader.batch_size`, `cat.cumulative_sizes`); methods are called, not read
  attribute(obj, name) {
    if (obj === null || typeof obj !== 'object') return UNMAPPED;
    const v = (obj as Record<string, unknown>)[camel(name)];
    return v === undefined || typeof v === 'function' ? UNMAPPED : v;
  },
  method(obj, name, call) {
    if (obj instanceof NDArray) {
      // gd's int64 is int32, and NDArray has no long()
      if (name === 'long') return (bind('long', [], call), obj.to('int32'));
      return callTensorMethod(obj, name, call, tensorMethods);
    }
    if (obj instanceof gd.Generator && name === 'manual_seed') return obj.manualSeed(bind('manual_seed', ['seed'], call)[0] as number);
    return UNMAPPED;
  },
};

/** One evaluation context per case: it remembers the last DataLoader an expression built. */
export class DataEvaluator {
  /** The last DataLoader an expression built (for `len_loader` checks on `list(DataLoader(...))`). */
  lastLoader: data.DataLoader | null = null;
  private readonly backend: Backend = {
    ...hooks,
    globals: {
      ...PYTHON_BUILTINS,
      ...pyFunctions(dataFunctions((loader) => (this.lastLoader = loader))),
      torch,
    },
  };

  /** Runs `;`-separated statements; returns the value of the last one. */
  run(src: string, env: Env = {}): unknown {
    return runStatements(src, env, this.backend);
  }

  /** The value of one parsed expression. */
  evaluate(e: Expr, env: Env): unknown {
    return evaluate(e, env, this.backend);
  }
}

/**
 * Creation functions returning Tensors: @gd/tensor's, with PyTorch's `requires_grad` option.
 * `tensor()` copies its data; `asTensor()` wraps an existing NDArray without copying.
 */
import * as nd from '@gd/tensor';
import type { DType, NDArray, ShapeLike, TensorData } from '@gd/tensor';
import { Tensor } from './tensor.js';

/** Options of the creation functions. */
export interface TensorOptions {
  /** The element type (float32 unless documented otherwise). */
  dtype?: DType;
  /** Make the result a leaf that requires grad (floating dtypes only). */
  requiresGrad?: boolean;
}

/** Options of the random creation functions. */
export interface RandomTensorOptions {
  dtype?: 'float32' | 'float64';
  /** The generator to draw from (the global default unless given). */
  generator?: nd.Generator;
  requiresGrad?: boolean;
}

function wrap(a: NDArray, requiresGrad: boolean | undefined): Tensor {
  return new Tensor(a, requiresGrad ?? false);
}

/**
 * A new tensor holding a copy of `data` (nested arrays, a number, a typed array, an NDArray or a
 * Tensor's values), float32 unless `dtype` says otherwise.
 * @example
 * const w = tensor(-10, { requiresGrad: true }); // tensor(-10., requires_grad=True)
 * const x = tensor([[1, 2], [3, 4]]);
 */
export function tensor(data: TensorData | Tensor, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  const source = data instanceof Tensor ? data.data : data;
  return wrap(nd.tensor(source, dtype === undefined ? {} : { dtype }), requiresGrad);
}

/** `a` as a Tensor without copying (the Tensor shares its storage); a Tensor is returned as is. */
export function asTensor(a: NDArray | Tensor): Tensor {
  return a instanceof Tensor ? a : new Tensor(a);
}

/** Zeros of `shape`. */
export function zeros(shape: ShapeLike, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  return wrap(nd.zeros(shape, { dtype }), requiresGrad);
}
/** Ones of `shape`. */
export function ones(shape: ShapeLike, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  return wrap(nd.ones(shape, { dtype }), requiresGrad);
}
/** `value` repeated over `shape`. */
export function full(shape: ShapeLike, value: number, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  return wrap(nd.full(shape, value, { dtype }), requiresGrad);
}
/** A tensor of `shape` with unspecified (here: zero) values. */
export function empty(shape: ShapeLike, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  return wrap(nd.empty(shape, { dtype }), requiresGrad);
}
/** Zeros with the shape (and dtype, unless given) of `like`. */
export function zerosLike(like: Tensor, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  return wrap(nd.zerosLike(like.data, { dtype: dtype ?? like.dtype }), requiresGrad);
}
/** Ones with the shape (and dtype, unless given) of `like`. */
export function onesLike(like: Tensor, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  return wrap(nd.onesLike(like.data, { dtype: dtype ?? like.dtype }), requiresGrad);
}
/** `value` with the shape (and dtype, unless given) of `like`. */
export function fullLike(like: Tensor, value: number, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  return wrap(nd.fullLike(like.data, value, { dtype: dtype ?? like.dtype }), requiresGrad);
}
/** The identity matrix `n × m`. */
export function eye(n: number, m = n, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  return wrap(nd.eye(n, m, { dtype }), requiresGrad);
}

/**
 * Values from `start` to `end` (excluded) by `step`, with PyTorch's float32 values.
 * @example
 * arange(-5, 5, 0.1).view(-1, 1) // the tutorial's X, shape [100, 1]
 */
export function arange(end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, step: number, options?: TensorOptions): Tensor;
export function arange(a: number, b?: number | TensorOptions, c?: number | TensorOptions, d?: TensorOptions): Tensor {
  const { start, end, step, options } = nd.arangeArgs<TensorOptions>(a, b, c, d);
  const { dtype, requiresGrad } = options as TensorOptions;
  return wrap(nd.arange(start, end, step, dtype === undefined ? {} : { dtype }), requiresGrad);
}
/** `steps` evenly spaced values from `start` to `end` (both included). */
export function linspace(start: number, end: number, steps: number, { dtype, requiresGrad }: TensorOptions = {}): Tensor {
  return wrap(nd.linspace(start, end, steps, { dtype }), requiresGrad);
}

/** Uniform values in [0, 1), PyTorch's numbers for the same seed. */
export function rand(shape: nd.ShapeArg, { dtype, generator, requiresGrad }: RandomTensorOptions = {}): Tensor {
  return wrap(nd.rand(shape, { dtype, generator }), requiresGrad);
}
/**
 * Standard normal values, PyTorch's numbers for the same seed.
 * @example
 * manualSeed(42);
 * const noise = randn([100, 1]);
 */
export function randn(shape: nd.ShapeArg, { dtype, generator, requiresGrad }: RandomTensorOptions = {}): Tensor {
  return wrap(nd.randn(shape, { dtype, generator }), requiresGrad);
}
/** Normal values with mean `mean` and standard deviation `std`. */
export function normal(mean: number, std: number, shape: nd.ShapeArg, { dtype, generator, requiresGrad }: RandomTensorOptions = {}): Tensor {
  return wrap(nd.normal(mean, std, shape, { dtype, generator }), requiresGrad);
}
/** Random integers in `[0, high)` or `[low, high)` (int32 unless `dtype`), as torch.randint. */
export function randint(high: number, shape: nd.ShapeArg, options?: nd.RandintOptions): Tensor;
export function randint(low: number, high: number, shape: nd.ShapeArg, options?: nd.RandintOptions): Tensor;
export function randint(
  a: number,
  b: number | nd.ShapeArg,
  c?: nd.ShapeArg | nd.RandintOptions,
  d?: nd.RandintOptions,
): Tensor {
  if (typeof b === 'number' && c !== undefined && (typeof c === 'number' || Array.isArray(c))) {
    return new Tensor(nd.randint(a, b, c as nd.ShapeArg, d));
  }
  return new Tensor(nd.randint(a, b, c as nd.RandintOptions | undefined));
}
/** A random permutation of `0 .. n-1` (int32). */
export function randperm(n: number, options: nd.RandpermOptions = {}): Tensor {
  return new Tensor(nd.randperm(n, options));
}

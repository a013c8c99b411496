/**
 * @gd/tensor: n-d arrays with PyTorch's semantics and numbers. No autograd, no dependencies.
 * Explicit named re-exports only; nothing here runs at import time.
 */
export { NDArray } from './ndarray.js';
export {
  type DType,
  type TypedArray,
  type DTypeArrays,
  DTYPES,
  DEFAULT_DTYPE,
  allocate,
  promoteTypes,
  resultType,
  isFloating,
} from './dtype.js';
export { GdError, ShapeError, DTypeError, IndexError, ValueError, formatShape } from './errors.js';
export { type Shape, numel, contiguousStrides, broadcastShapes } from './shape.js';
export { fmaF32, fmaF64 } from './fma.js';

// #region creation
export { type CreationOptions, type NestedArray, type TensorData, tensor } from './creation/from-data.js';
export {
  type ShapeLike,
  zeros,
  ones,
  full,
  empty,
  zerosLike,
  onesLike,
  fullLike,
  emptyLike,
  eye,
} from './creation/fill.js';
export { arange, arangeArgs, linspace } from './creation/range.js';
// #endregion creation

// #region random
export {
  Generator,
  type GeneratorState,
  type GeneratorOptions,
  defaultGenerator,
  manualSeed,
  initialSeed,
  seed,
  getRngState,
  setRngState,
  randomInt64,
} from './random/generator.js';
export { type ShapeArg, type RandomOptions, type RandintOptions, rand, randn, normal, randint } from './random/sampling.js';
export { type RandpermOptions, randperm } from './random/randperm.js';
export { type RandomArgs } from './random/distributions.js';
export { bernoulli_ } from './random/bernoulli.js';
// #endregion random

// #region views and indexing
export { type SizesArg, view, reshape, flatten } from './views/reshape.js';
export { squeeze, unsqueeze, transpose, t, permute } from './views/dims.js';
export { expand, expandAs, broadcastTo } from './views/expand.js';
export { narrow, select } from './views/narrow.js';
export { contiguous, clone } from './views/contiguous.js';
export { Slice, slice } from './indexing/slice.js';
export { type IndexSpec, index } from './indexing/subscript.js';
export { type IndexArray } from './indexing/index-arrays.js';
export { indexSelect, gather, maskedSelect } from './indexing/select-ops.js';
export { take } from './indexing/take.js';
export { scatterAdd, indexAdd_ } from './indexing/scatter-ops.js';
export { flip } from './indexing/flip.js';
export { cat, stack } from './join/cat.js';
export { split, chunk } from './join/split.js';
// #endregion views and indexing

// #region elementwise
export {
  neg,
  abs,
  exp,
  log,
  log1p,
  sqrt,
  rsqrt,
  sin,
  cos,
  tanh,
  sigmoid,
  relu,
  sign,
  floor,
  ceil,
  round,
  clamp,
  neg_,
  abs_,
  sqrt_,
  exp_,
  clamp_,
} from './elementwise/unary.js';
export {
  type AlphaOptions,
  type DivOptions,
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  remainder,
} from './elementwise/binary.js';
export {
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logicalNot,
  logicalAnd,
  logicalOr,
  isnan,
  isfinite,
} from './elementwise/compare.js';
export { where } from './elementwise/where.js';
export {
  type ValueOptions,
  add_,
  sub_,
  mul_,
  div_,
  addcmul_,
  addcdiv_,
  copy_,
  fill_,
  zero_,
} from './elementwise/inplace.js';
export { type ArrayOrScalar } from './elementwise/scalar-operand.js';
// #endregion elementwise

// #region reductions
export { type Dims } from './reduce/plan.js';
export { sum, mean, prod } from './reduce/sum.js';
export { type ValuesIndices, max, min, argmax, argmin } from './reduce/extrema.js';
export { type VarOptions, variance, std } from './reduce/moments.js';
export { norm } from './reduce/norm.js';
export { logsumexp } from './reduce/logsumexp.js';
export { softmax, logSoftmax } from './reduce/softmax.js';
export { cumsum } from './reduce/cumsum.js';
export { cascadeSumF32, cascadeSumF64 } from './reduce/cascade-sum.js';
// #endregion reductions

// #region linear algebra
export { matmul, mm, bmm, dot, outer } from './linalg/matmul.js';
// #endregion linear algebra

// #region format
export { type PrintOptions, formatTensor } from './format.js';
export { type NestedList, item, tolist, toTypedArray, to } from './convert.js';
// #endregion format

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
  promoteTypes,
  resultType,
  isFloating,
} from './dtype.js';
export { GdError, ShapeError, DTypeError, IndexError, ValueError, formatShape } from './errors.js';
export { type Shape, numel, contiguousStrides, broadcastShapes } from './shape.js';

// #region creation
// #endregion creation

// #region random
// #endregion random

// #region views and indexing
// #endregion views and indexing

// #region elementwise
// #endregion elementwise

// #region reductions
// #endregion reductions

// #region linear algebra
// #endregion linear algebra

// #region format
// #endregion format

/**
 * @gd/autograd: reverse-mode automatic differentiation over @gd/tensor, with PyTorch's semantics.
 * Explicit named re-exports only; nothing here runs at import time.
 */
export { Tensor, type SizesArg } from './tensor.js';
export { type TensorLike, toTensor } from './operand.js';
export { bumpVersion } from './version.js';
export {
  type TensorOptions,
  type RandomTensorOptions,
  tensor,
  asTensor,
  zeros,
  ones,
  full,
  empty,
  zerosLike,
  onesLike,
  fullLike,
  eye,
  arange,
  linspace,
  rand,
  randn,
  normal,
  randint,
  randperm,
} from './creation.js';

// autograd machinery
export { type BackwardOptions, type GradOptions, backward, grad } from './backward.js';
export { noGrad, enableGrad, isGradEnabled } from './grad-mode.js';
export { detectAnomaly } from './anomaly.js';
export { type GradcheckOptions, GradcheckError, gradcheck } from './gradcheck.js';
export { AutogradError } from './errors.js';
export { Node, AccumulateGrad, OpNode, type GradHook, type RemovableHandle } from './node.js';
export { type Rule, type BackwardContext, type Saves, type Operand, type Raw } from './rule.js';
export { type OpName, rules } from './ops/rules.js';
export { sumToShape } from './sum-to-shape.js';

// operations
export { neg, exp, log, log1p, sqrt, rsqrt, sin, cos, tanh, sigmoid, relu, abs, sign, floor, ceil, round, clamp } from './ops/unary.js';
export { add, sub, rsub, mul, div, remainder, pow, maximum, minimum, where } from './ops/binary.js';
export { eq, ne, lt, le, gt, ge, logicalAnd, logicalOr, logicalNot, isnan, isfinite } from './ops/compare.js';
export {
  type ValuesIndices,
  type VarOptions,
  sum,
  mean,
  prod,
  cumsum,
  max,
  min,
  argmax,
  argmin,
  logsumexp,
  variance as var,
  std,
  norm,
} from './ops/reduce.js';
export { softmax, logSoftmax } from './ops/softmax.js';
export { matmul, mm, bmm, dot, outer, addmm } from './ops/matmul.js';
export {
  view,
  reshape,
  flatten,
  squeeze,
  unsqueeze,
  transpose,
  t,
  permute,
  flip,
  expand,
  expandAs,
  broadcastTo,
  clone,
  contiguous,
  to,
} from './ops/movement.js';
export { type TensorIndex, index, narrow, select, indexSelect, gather, maskedSelect, take } from './ops/indexing.js';
export { cat, stack, split, chunk } from './ops/join.js';
export {
  add_,
  sub_,
  mul_,
  div_,
  addcmul_,
  addcdiv_,
  copy_,
  fill_,
  zero_,
  clamp_,
  neg_,
  abs_,
  sqrt_,
  exp_,
  uniform_,
  normal_,
} from './ops/inplace.js';

// from @gd/tensor, for convenience: seeding and slices for index()
export { Generator, manualSeed, slice } from '@gd/tensor';

/**
 * Matrix products. `matmul` covers PyTorch's cases (1-d · 1-d, matrix · vector, batched with
 * broadcast batch dims); its backward promotes 1-d operands to matrices, multiplies the gradient by
 * the other operand transposed, and leaves the broadcast batch dims to the engine's sum-to-shape.
 * `mm`, `bmm` and `dot` are the same rule under PyTorch's names and checks; `outer` is a product of
 * broadcast columns and rows. `addmm` (`bias + mat1 @ mat2`, a Linear layer's map) adds the bias
 * into the product's fresh output in one pass, with the same float32 roundings as `mm` then `add`.
 */
import * as nd from '@gd/tensor';
import type { NDArray } from '@gd/tensor';
import { apply } from '../apply.js';
import { type TensorLike, toTensor } from '../operand.js';
import type { BackwardContext, Rule } from '../rule.js';
import type { Tensor } from '../tensor.js';
import { SAVES_BOTH } from './saves.js';

/** The differentiable matrix products. */
export type MatmulOp = 'matmul' | 'mm' | 'bmm' | 'dot' | 'addmm';

type ProductRule = Rule<undefined, readonly [NDArray, NDArray]>;

/**
 * d(a @ b): `g @ bᵀ` for a and `aᵀ @ g` for b, with 1-d operands treated as a row (a) or a column
 * (b) and the added dim removed again.
 */
function matmulBackward(c: BackwardContext<undefined>, g: Tensor): (Tensor | null)[] {
  const a = c.input(0) as Tensor;
  const b = c.input(1) as Tensor;
  if (a.ndim === 1 && b.ndim === 1) {
    return [c.needsGrad(0) ? g.mul(b) : null, c.needsGrad(1) ? g.mul(a) : null];
  }
  const a2 = a.ndim === 1 ? a.unsqueeze(0) : a;
  const b2 = b.ndim === 1 ? b.unsqueeze(-1) : b;
  let g2 = g;
  if (a.ndim === 1) g2 = g2.unsqueeze(-2);
  if (b.ndim === 1) g2 = g2.unsqueeze(-1);
  let ga: Tensor | null = null;
  let gb: Tensor | null = null;
  if (c.needsGrad(0)) {
    ga = g2.matmul(b2.transpose(-1, -2));
    if (a.ndim === 1) ga = ga.squeeze(-2);
  }
  if (c.needsGrad(1)) {
    gb = a2.transpose(-1, -2).matmul(g2);
    if (b.ndim === 1) gb = gb.squeeze(-1);
  }
  return [ga, gb];
}

function productRule(name: string, forward: (a: NDArray, b: NDArray) => NDArray): ProductRule {
  return { name, saves: SAVES_BOTH, forward: ([a, b]) => forward(a, b), backward: matmulBackward };
}

/**
 * `bias + m1 @ m2`: the product, then the bias added into it in place. A bias of the product's
 * dtype that is a row ([N]) or a scalar takes one loop over the output (`add_` would compute a
 * broadcast operand aside first); any other broadcastable bias goes through `add`.
 */
function addmmForward(bias: NDArray, m1: NDArray, m2: NDArray): NDArray {
  const out = nd.mm(m1, m2);
  const M = out.shape[0]!;
  const N = out.shape[1]!;
  const r = bias.ndim;
  const last = bias.shape[r - 1];
  if (r > 2 || (r >= 1 && last !== N && last !== 1) || (r === 2 && bias.shape[0] !== M && bias.shape[0] !== 1)) {
    throw new nd.ShapeError(`addmm: the bias ${nd.formatShape(bias.shape)} does not expand to the product's shape ${nd.formatShape(out.shape)}`);
  }
  if (bias.dtype !== out.dtype || bias.ndim > 1 || !out.isContiguous()) return nd.add(out, bias);
  const b = nd.toTypedArray(bias);
  const o = out.data;
  if (b.length === 1) {
    const v = b[0]!;
    for (let k = 0; k < M * N; k++) o[k] = o[k]! + v;
  } else {
    for (let i = 0, row = 0; i < M; i++, row += N) for (let j = 0; j < N; j++) o[row + j] = o[row + j]! + b[j]!;
  }
  return out;
}

export const matmulRules: { [K in Exclude<MatmulOp, 'addmm'>]: ProductRule } & {
  addmm: Rule<undefined, readonly [NDArray, NDArray, NDArray]>;
} = {
  matmul: productRule('MatmulBackward0', nd.matmul),
  mm: productRule('MmBackward0', nd.mm),
  bmm: productRule('BmmBackward0', nd.bmm),
  dot: productRule('DotBackward0', nd.dot),
  addmm: {
    // the bias's gradient is g itself: the engine sums it over the rows it was broadcast to
    name: 'AddmmBackward0',
    saves: { inputs: [1, 2] },
    forward: ([bias, m1, m2]) => addmmForward(bias, m1, m2),
    backward: (c, g) => [
      c.needsGrad(0) ? g : null,
      c.needsGrad(1) ? g.mm((c.input(2) as Tensor).t()) : null,
      c.needsGrad(2) ? (c.input(1) as Tensor).t().mm(g) : null,
    ],
  },
};

/**
 * The matrix product with PyTorch's rules for 1-d and batched operands.
 * @example
 * matmul(x, w.t())        // [n, in] @ [in, out]
 * matmul(batch, w)        // [b, n, k] @ [k, m], w broadcast over the batch
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  return apply(matmulRules.matmul, [toTensor(a), toTensor(b)], undefined);
}
/** Product of two matrices (2-d only). */
export function mm(a: TensorLike, b: TensorLike): Tensor {
  return apply(matmulRules.mm, [toTensor(a), toTensor(b)], undefined);
}
/** Batched product of `[b, n, k]` and `[b, k, m]` (3-d only, no broadcasting). */
export function bmm(a: TensorLike, b: TensorLike): Tensor {
  return apply(matmulRules.bmm, [toTensor(a), toTensor(b)], undefined);
}
/** Inner product of two 1-d tensors. */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  return apply(matmulRules.dot, [toTensor(a), toTensor(b)], undefined);
}
/**
 * `bias + mat1 @ mat2` for matrices `mat1` [M, K] and `mat2` [K, N] and a `bias` that broadcasts
 * to [M, N] (torch.addmm with beta = alpha = 1), as one recorded operation.
 * @example
 * addmm(b, x, w.t()) // a Linear layer: [n, in] @ [in, out] + [out]
 */
export function addmm(bias: TensorLike, mat1: TensorLike, mat2: TensorLike): Tensor {
  return apply(matmulRules.addmm, [toTensor(bias), toTensor(mat1), toTensor(mat2)], undefined);
}
/** Outer product of two 1-d tensors: `out[i][j] = a[i] * b[j]`. */
export function outer(a: TensorLike, b: TensorLike): Tensor {
  return toTensor(a).reshape([-1, 1]).mul(toTensor(b));
}

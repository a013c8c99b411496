/**
 * `linear(x, weight, bias)`: `x @ weightᵀ + bias` over the last dim of `x`, for any number of
 * leading dims (none included), as `torch.nn.functional.linear`. Inputs of 3 or more dims are
 * folded to one matrix product, which is also what PyTorch does, and with a bias a matrix input
 * takes autograd's `addmm` (the bias added in the same pass over the output, as PyTorch's addmm).
 */
import { type Tensor, type TensorLike, addmm, toTensor } from '@gd/autograd';
import { ShapeError, formatShape } from '@gd/tensor';

/**
 * The affine map of a Linear layer: `input` [..., in] with `weight` [out, in] and `bias` [out].
 * @example
 * linear(x, w, b); // [n, in] → [n, out]
 */
export function linear(input: TensorLike, weight: Tensor, bias?: Tensor | null): Tensor {
  const x = toTensor(input);
  if (weight.ndim !== 2) throw new ShapeError(`linear: weight must be 2-d [out, in], got ${formatShape(weight.shape)}`);
  const inFeatures = weight.shape[1]!;
  const outFeatures = weight.shape[0]!;
  const k = x.ndim === 0 ? -1 : x.shape[x.ndim - 1]!;
  if (k !== inFeatures) {
    throw new ShapeError(
      `linear: input of shape ${formatShape(x.shape)} does not fit weight ${formatShape(weight.shape)}: ` +
        `the last dim must be in_features = ${inFeatures}`,
    );
  }
  if (bias !== undefined && bias !== null && (bias.ndim !== 1 || bias.shape[0] !== outFeatures)) {
    throw new ShapeError(`linear: bias must have shape [${outFeatures}], got ${formatShape(bias.shape)}`);
  }
  const wt = weight.t();
  const affine = (m: Tensor): Tensor => (bias === undefined || bias === null ? m.matmul(wt) : addmm(bias, m, wt));
  if (x.ndim === 2) return affine(x);
  if (x.ndim > 2) return affine(x.reshape(-1, inFeatures)).view([...x.shape.slice(0, -1), outFeatures]);
  const out = x.matmul(wt);
  return bias === undefined || bias === null ? out : out.add(bias);
}

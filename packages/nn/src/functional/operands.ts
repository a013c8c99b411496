/**
 * The operand conversions the losses share beyond @gd/autograd's `toTensor`: constants as raw
 * NDArrays, and class-index targets as int32 arrays (a DataLoader batch, a JS array, an int Tensor).
 */
import { Tensor, type TensorLike, tensor } from '@gd/autograd';
import { DTypeError, NDArray, isFloating } from '@gd/tensor';

/** `x` as an NDArray, never recorded (class weights and other constants of a loss). */
export function toArray(x: TensorLike): NDArray {
  if (x instanceof Tensor) return x.data;
  if (x instanceof NDArray) return x;
  return tensor(x).data;
}

/** A target of class indices as an int32 NDArray; a float array is refused, as in PyTorch. */
export function indexTarget(op: string, target: TensorLike): NDArray {
  if (target instanceof Tensor || target instanceof NDArray) {
    const a = target instanceof Tensor ? target.data : target;
    if (a.dtype !== 'int32') {
      throw new DTypeError(
        `${op}: expected a target of class indices (int32), got ${a.dtype}` +
          (isFloating(a.dtype) ? '; for class probabilities the target must have the shape of the input' : ''),
      );
    }
    return a;
  }
  return tensor(target, { dtype: 'int32' }).data;
}

/**
 * `stackTensors`: `torch.stack(batch, 0)` for the collate path, written for many small tensors:
 * one output buffer, each sample copied in with a contiguous fast path (a 0-dim sample is one
 * assignment). Mixed dtypes promote as torch.stack does; unequal shapes give PyTorch's message.
 */
import { type DType, NDArray, ShapeError, allocate, formatShape, promoteTypes } from '@gd/tensor';

/**
 * Stacks same-shape arrays along a new first dimension.
 * @example
 * stackTensors('defaultCollate', [tensor([1, 2]), tensor([3, 4])]).tolist() // [[1, 2], [3, 4]]
 */
export function stackTensors(op: string, batch: readonly NDArray[]): NDArray {
  const first = batch[0]!;
  const shape = first.shape;
  let dtype: DType = first.dtype;
  for (let i = 1; i < batch.length; i++) {
    const t = batch[i]!;
    if (!sameShape(t.shape, shape)) {
      throw new ShapeError(
        `${op}: stack expects each tensor to be equal size, but got ${formatShape(shape)} at entry 0 and ${formatShape(t.shape)} at entry ${i}`,
      );
    }
    if (t.dtype !== dtype) dtype = promoteTypes(dtype, t.dtype);
  }
  const size = first.size;
  const out = allocate(dtype, batch.length * size);
  if (size === 1) {
    for (let i = 0; i < batch.length; i++) {
      const t = batch[i]!;
      out[i] = t.data[t.offset]!;
    }
  } else {
    for (let i = 0; i < batch.length; i++) {
      const t = batch[i]!.contiguous();
      out.set(t.data.subarray(t.offset, t.offset + size), i * size);
    }
  }
  return new NDArray(out, [batch.length, ...shape], undefined, 0, dtype);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

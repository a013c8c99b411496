/**
 * Typed-array allocation by dtype for the collate kernels (the same storage types as @gd/tensor:
 * bool is a Uint8Array of 0/1).
 */
import type { DType, TypedArray } from '@gd/tensor';

/** A zero-filled typed array of `length` elements of `dtype`. */
export function allocateFor(dtype: DType, length: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'bool':
      return new Uint8Array(length);
  }
}

/**
 * The bridge between a parameter (an @gd/autograd Tensor) and an update kernel, which works on
 * dense float32 typed arrays: the elements of the parameter and of its gradient, in row-major
 * order. A contiguous parameter (every nn parameter) is updated where it lives, with no copy; a
 * strided view is staged through a contiguous copy and written back. The in-place write also
 * counts as a change of the parameter's version, as PyTorch's `param.add_` under `no_grad` does,
 * so a backward that saved the old value refuses to run.
 */
import { type Tensor, bumpVersion } from '@gd/autograd';
import { DTypeError, NDArray, ShapeError, contiguous, copy_, formatShape } from '@gd/tensor';

/** The dense float32 elements of a contiguous float32 array (its storage itself when it spans it). */
export function denseF32(a: NDArray): Float32Array {
  const data = a.data as Float32Array;
  if (a.offset === 0 && data.length === a.size) return data;
  return data.subarray(a.offset, a.offset + a.size);
}

/** A parameter's elements and its gradient's, ready for a kernel; {@link commit} finishes the update. */
export interface ParamBuffers {
  /** The parameter's elements (its storage, or a staged copy for a strided view). */
  param: Float32Array;
  /** The gradient's elements (read only). */
  grad: Float32Array;
  /** The staged copy of a strided parameter, written back by {@link commit}; null when updated in place. */
  staged: NDArray | null;
}

/**
 * The buffers of parameter number `index` of optimizer `owner` (for error messages). Only float32
 * parameters are supported: the kernels follow PyTorch's float32 rounding.
 */
export function paramBuffers(owner: string, index: number, p: Tensor, grad: Tensor): ParamBuffers {
  const a = p.data;
  const g = grad.data;
  if (a.dtype !== 'float32') {
    throw new DTypeError(`${owner}: parameter ${index} is ${a.dtype}; @gd/optim updates float32 parameters only`);
  }
  if (g.dtype !== a.dtype) {
    throw new DTypeError(`${owner}: the gradient of parameter ${index} is ${g.dtype} but the parameter is ${a.dtype}`);
  }
  if (!sameShape(g.shape, a.shape)) {
    throw new ShapeError(
      `${owner}: the gradient of parameter ${index} has shape ${formatShape(g.shape)} but the parameter has shape ${formatShape(a.shape)}`,
    );
  }
  const gradDense = denseF32(g.isContiguous() ? g : contiguous(g));
  if (a.isContiguous()) return { param: denseF32(a), grad: gradDense, staged: null };
  const staged = contiguous(a);
  return { param: denseF32(staged), grad: gradDense, staged };
}

/** Writes a staged copy back into the parameter and bumps the parameter's version. */
export function commit(p: Tensor, buffers: ParamBuffers): void {
  if (buffers.staged !== null) copy_(p.data, buffers.staged);
  bumpVersion(p.data);
}

/** A fresh float32 state buffer shaped like `p`, filled with `value`. */
export function stateBuffer(p: Tensor, value = 0): NDArray {
  const a = new NDArray(new Float32Array(p.data.size), p.data.shape.slice());
  if (!Object.is(value, 0)) a.data.fill(value);
  return a;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Matrix products with torch.matmul's shape rules: `matmul` (1-D and N-D operands, broadcast batch
 * dims), `mm` (2-D only), `bmm` (3-D, equal batches), `dot` (1-D) and `outer`. The operands may be
 * any strided views (transposes, slices): each 2-D slice is passed to the packed kernel in gemm.ts
 * by its offset and strides, never copied first. Both operands must have the same dtype, as in
 * PyTorch; float32, float64 and int32 are supported, bool is not.
 */
import { type DType, allocate, promoteTypes } from '../dtype.js';
import { DTypeError, ShapeError, formatShape } from '../errors.js';
import { NDArray } from '../ndarray.js';
import { torchTypeName } from '../elementwise/scalar-operand.js';
import { type MatrixOperand, gemm } from './gemm.js';

/**
 * The matrix product with torch.matmul's semantics:
 * - 1-D . 1-D: the dot product, 0-dim;
 * - 2-D . 2-D: the matrix product;
 * - 1-D . N-D: the vector is a row [1, K] whose dim is removed from the result; N-D . 1-D: the
 *   vector is a column [K, 1], likewise removed;
 * - N-D: the last two dims multiply, the others are batch dims that broadcast.
 * @example
 * matmul(zeros([2, 3, 4]), zeros([4, 5])).shape    // [2, 3, 5]
 * matmul(zeros([2, 1, 3, 4]), zeros([5, 4, 6])).shape // [2, 5, 3, 6]
 * matmul(zeros([3, 4]), zeros([4])).shape          // [3]
 * matmul(zeros([3, 4]), zeros([5, 6]))
 * // ShapeError: matmul: shapes [3, 4] and [5, 6] cannot be multiplied (4 != 5)
 */
export function matmul(a: NDArray, b: NDArray): NDArray {
  const dtype = checkDTypes('matmul', a, b);
  if (a.shape.length === 0 || b.shape.length === 0) {
    throw new ShapeError(
      `matmul: both arguments need to be at least 1-D, but got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`,
    );
  }
  if (a.shape.length === 1 && b.shape.length === 1) return dotProduct('matmul', a, b, dtype);
  return batchedProduct('matmul', a, b, dtype);
}

/**
 * The product of two 2-D arrays.
 * @example
 * mm(zeros([3, 4]), zeros([4, 5])).shape // [3, 5]
 */
export function mm(a: NDArray, b: NDArray): NDArray {
  const dtype = checkDTypes('mm', a, b);
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new ShapeError(`mm: expected 2-D operands, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  return batchedProduct('mm', a, b, dtype);
}

/**
 * Batched matrix product of two 3-D arrays with the same batch size (no broadcasting; use
 * matmul for that).
 * @example
 * bmm(zeros([8, 3, 4]), zeros([8, 4, 5])).shape // [8, 3, 5]
 */
export function bmm(a: NDArray, b: NDArray): NDArray {
  const dtype = checkDTypes('bmm', a, b);
  if (a.shape.length !== 3 || b.shape.length !== 3) {
    throw new ShapeError(`bmm: expected 3-D operands, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  if (a.shape[0] !== b.shape[0]) {
    throw new ShapeError(
      `bmm: batch sizes of shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} differ (${a.shape[0]} != ${b.shape[0]})`,
    );
  }
  return batchedProduct('bmm', a, b, dtype);
}

/**
 * The dot product of two 1-D arrays of the same length, as a 0-dim array.
 * @example
 * dot(tensor([1, 2, 3]), tensor([4, 5, 6])).item() // 32
 */
export function dot(a: NDArray, b: NDArray): NDArray {
  const dtype = checkDTypes('dot', a, b);
  if (a.shape.length !== 1 || b.shape.length !== 1) {
    throw new ShapeError(`dot: expected 1-D operands, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  return dotProduct('dot', a, b, dtype);
}

/**
 * The outer product of two 1-D arrays: `out[i, j] = a[i] * b[j]`, with the dtype promotion of
 * `mul` (each product rounded once).
 * @example
 * outer(tensor([1, 2]), tensor([3, 4, 5])).shape // [2, 3]
 */
export function outer(a: NDArray, b: NDArray): NDArray {
  if (a.shape.length !== 1 || b.shape.length !== 1) {
    throw new ShapeError(`outer: expected 1-D operands, got shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`);
  }
  const dtype = promoteTypes(a.dtype, b.dtype);
  const m = a.shape[0]!;
  const n = b.shape[0]!;
  const out = allocate(dtype, m * n);
  const A = a.data;
  const B = b.data;
  const sa = a.strides[0]!;
  const sb = b.strides[0]!;
  const int = dtype === 'int32' || dtype === 'bool';
  for (let i = 0; i < m; i++) {
    const x = A[a.offset + i * sa]!;
    const row = i * n;
    // int32 products are taken modulo 2^32 like PyTorch's integer multiply (imul, not a float product)
    if (int) for (let j = 0, q = b.offset; j < n; j++, q += sb) out[row + j] = Math.imul(x, B[q]!);
    else for (let j = 0, q = b.offset; j < n; j++, q += sb) out[row + j] = x * B[q]!;
  }
  return new NDArray(out, [m, n]);
}

/** PyTorch refuses mixed dtypes in matrix products (no promotion) and bool operands. */
function checkDTypes(op: string, a: NDArray, b: NDArray): DType {
  if (a.dtype !== b.dtype) {
    throw new DTypeError(
      `${op}: expected both operands to have the same dtype, got ${a.dtype} and ${b.dtype} ` +
        `(PyTorch: expected scalar type ${torchTypeName(a.dtype)} but found ${torchTypeName(b.dtype)}); convert one with .to()`,
    );
  }
  if (a.dtype === 'bool') throw new DTypeError(`${op}: bool operands are not supported; convert them with .to('int32')`);
  return a.dtype;
}

function cannotMultiply(op: string, a: NDArray, b: NDArray, ka: number, kb: number): ShapeError {
  return new ShapeError(
    `${op}: shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be multiplied (${ka} != ${kb})`,
  );
}

/** 1-D . 1-D: one float64 sum of products, rounded once into a 0-dim result. */
function dotProduct(op: string, a: NDArray, b: NDArray, dtype: DType): NDArray {
  const n = a.shape[0]!;
  if (b.shape[0] !== n) throw cannotMultiply(op, a, b, n, b.shape[0]!);
  const out = allocate(dtype, 1);
  gemm(1, 1, n, rowOperand(a), columnOperand(b), out, 0);
  return new NDArray(out, []);
}

/** A 1-D array read as a 1 x K matrix. */
function rowOperand(a: NDArray): MatrixOperand {
  return { data: a.data, offset: a.offset, rowStride: 0, colStride: a.strides[0]! };
}

/** A 1-D array read as a K x 1 matrix. */
function columnOperand(b: NDArray): MatrixOperand {
  return { data: b.data, offset: b.offset, rowStride: b.strides[0]!, colStride: 0 };
}

/**
 * Every case with a matrix operand. 1-D operands are promoted (and their dim removed at the end),
 * batch dims broadcast, and the output is [...batch, M, N]. When B is the same matrix for every
 * batch and A's batch and row dims flatten into one strided dim (e.g. [b, m, k] @ [k, n] with a
 * contiguous A, a linear layer on a batch of sequences), the whole batch is one M = b*m product.
 */
function batchedProduct(op: string, a: NDArray, b: NDArray, dtype: DType): NDArray {
  const aVec = a.shape.length === 1;
  const bVec = b.shape.length === 1;
  const M = aVec ? 1 : a.shape[a.shape.length - 2]!;
  const K = a.shape[a.shape.length - 1]!;
  const Kb = bVec ? b.shape[0]! : b.shape[b.shape.length - 2]!;
  const N = bVec ? 1 : b.shape[b.shape.length - 1]!;
  if (K !== Kb) throw cannotMultiply(op, a, b, K, Kb);
  const aBatch = aVec ? [] : a.shape.slice(0, -2);
  const bBatch = bVec ? [] : b.shape.slice(0, -2);
  const batch = broadcastBatch(op, a, b, aBatch, bBatch);
  const aStrides = batchStrides(aBatch, a.strides, batch);
  const bStrides = batchStrides(bBatch, b.strides, batch);
  const A: MatrixOperand = aVec ? rowOperand(a) : matrixOperand(a);
  const B: MatrixOperand = bVec ? columnOperand(b) : matrixOperand(b);
  let batches = 1;
  for (const s of batch) batches *= s;
  const out = allocate(dtype, batches * M * N);

  const shape = [...batch, ...(aVec ? [] : [M]), ...(bVec ? [] : [N])];
  const foldedStride = bStrides.every((s) => s === 0) ? flattenedRowStride(batch, aStrides, M, A.rowStride) : null;
  if (foldedStride !== null) {
    gemm(batches * M, N, K, { ...A, rowStride: foldedStride }, B, out, 0);
    return new NDArray(out, shape);
  }
  const index = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < batches; t++) {
    let aOff = A.offset;
    let bOff = B.offset;
    for (let d = 0; d < batch.length; d++) {
      aOff += index[d]! * aStrides[d]!;
      bOff += index[d]! * bStrides[d]!;
    }
    gemm(M, N, K, { ...A, offset: aOff }, { ...B, offset: bOff }, out, t * M * N);
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++index[d]! < batch[d]!) break;
      index[d] = 0;
    }
  }
  return new NDArray(out, shape);
}

/** The last two dims of `a` as a matrix operand. */
function matrixOperand(a: NDArray): MatrixOperand {
  const n = a.shape.length;
  return { data: a.data, offset: a.offset, rowStride: a.strides[n - 2]!, colStride: a.strides[n - 1]! };
}

/** The broadcast of the two batch shapes, with an error naming both full shapes. */
function broadcastBatch(op: string, a: NDArray, b: NDArray, aBatch: number[], bBatch: number[]): number[] {
  const n = Math.max(aBatch.length, bBatch.length);
  const out = new Array<number>(n);
  for (let i = 1; i <= n; i++) {
    const da = i <= aBatch.length ? aBatch[aBatch.length - i]! : 1;
    const db = i <= bBatch.length ? bBatch[bBatch.length - i]! : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError(
        `${op}: batch dims of shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} cannot be broadcast (dim ${-i - 2}: ${da} vs ${db})`,
      );
    }
    out[n - i] = da === 1 ? db : da;
  }
  return out;
}

/** The strides of an operand's batch dims read as the broadcast `batch` shape (0 where broadcast). */
function batchStrides(own: number[], strides: readonly number[], batch: number[]): number[] {
  const out = new Array<number>(batch.length).fill(0);
  const lead = batch.length - own.length;
  for (let i = 0; i < own.length; i++) out[lead + i] = own[i] === 1 ? 0 : strides[i]!;
  return out;
}

/**
 * The single row stride that walks every row of every batch of A in order, if there is one: the
 * batch dims and the row dim, size-1 dims skipped, must nest like a row-major layout.
 */
function flattenedRowStride(batch: number[], aStrides: number[], M: number, rowStride: number): number | null {
  const sizes = [...batch, M];
  const strides = [...aStrides, rowStride];
  let innermost: number | null = null;
  let expected = 0;
  for (let d = sizes.length - 1; d >= 0; d--) {
    if (sizes[d] === 1) continue;
    if (innermost === null) innermost = strides[d]!;
    else if (strides[d] !== expected) return null;
    expected = strides[d]! * sizes[d]!;
  }
  return innermost ?? rowStride;
}

import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  IndexError,
  ShapeError,
  ValueError,
  arange,
  gather,
  index,
  indexSelect,
  maskedSelect,
  slice,
  tensor,
  zeros,
} from '../src/index.js';
import { elements } from './strided-elements.js';

const int32 = (xs: number[]) => tensor(xs, { dtype: 'int32' });
/** a = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] */
const grid = () => arange(12).view(3, 4);

describe('index: basic specs give views', () => {
  it('integers select (negative from the end)', () => {
    const a = grid();
    const r = a.index(1);
    expect(r.shape).toEqual([4]);
    expect(elements(r)).toEqual([4, 5, 6, 7]);
    expect(r.data).toBe(a.data);
    expect(elements(a.index(-1))).toEqual([8, 9, 10, 11]);
    expect(a.index(2, 3).shape).toEqual([]);
    expect(elements(a.index(2, 3))).toEqual([11]);
  });

  it('slices as strings and as slice()', () => {
    const a = grid();
    expect(elements(a.index('1:3'))).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    expect(elements(a.index(slice(1, 3)))).toEqual([4, 5, 6, 7, 8, 9, 10, 11]);
    const col = a.index(':', 2);
    expect(col.shape).toEqual([3]);
    expect(elements(col)).toEqual([2, 6, 10]);
    const step = a.index(':', '::2');
    expect(step.shape).toEqual([3, 2]);
    expect(step.strides).toEqual([4, 2]);
    expect(elements(step)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(elements(a.index(':', slice(null, null, 3)))).toEqual([0, 3, 4, 7, 8, 11]);
    expect(elements(a.index('-2:', ':-1'))).toEqual([4, 5, 6, 8, 9, 10]);
    expect(elements(a.index(0, '1:3'))).toEqual([1, 2]);
    expect(a.index('1:3').data).toBe(a.data);
  });

  it('slices clamp like Python and can be empty', () => {
    const a = grid();
    expect(a.index('1:100').shape).toEqual([2, 4]);
    expect(a.index('-100:1').shape).toEqual([1, 4]);
    expect(a.index('2:1').shape).toEqual([0, 4]);
    expect(a.index(':', '3:1:2').shape).toEqual([3, 0]);
  });

  it('null adds an axis and ... fills the remaining dims', () => {
    const a = grid();
    expect(a.index(':', null).shape).toEqual([3, 1, 4]);
    expect(a.index(null).shape).toEqual([1, 3, 4]);
    expect(elements(a.index('...', 1))).toEqual([1, 5, 9]);
    const b = arange(24).view(2, 3, 4);
    expect(b.index('...', 1).shape).toEqual([2, 3]);
    expect(b.index(0, '...').shape).toEqual([3, 4]);
    expect(elements(b.index(1, '...', 2))).toEqual([14, 18, 22]);
    expect(b.index().shape).toEqual([2, 3, 4]);
  });

  it('rejects bad basic specs', () => {
    const a = grid();
    expect(() => a.index(3)).toThrow(new IndexError('index: index 3 is out of bounds for dimension 0 with size 3 (shape [3, 4])'));
    expect(() => a.index(0, -5)).toThrow('index -5 is out of bounds for dimension 1 with size 4');
    expect(() => a.index(0, 0, 0)).toThrow(IndexError);
    expect(() => a.index(0, 0, 0)).toThrow('too many indices for tensor of dimension 2');
    expect(() => a.index('...', '...')).toThrow('single ellipsis');
    expect(() => a.index('::-1')).toThrow(new ValueError("index: slice step must be positive, got -1 in '::-1'"));
    expect(() => a.index(slice(0, 2, 0))).toThrow(ValueError);
    expect(() => a.index('a:b')).toThrow(ValueError);
    expect(() => a.index(1.5)).toThrow(ValueError);
  });
});

describe('index: advanced specs copy', () => {
  it('integer arrays gather rows (repeats and negatives allowed)', () => {
    const a = grid();
    const r = a.index(int32([2, 0, 2]));
    expect(r.shape).toEqual([3, 4]);
    expect(elements(r)).toEqual([8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]);
    expect(r.data).not.toBe(a.data);
    expect(elements(a.index([-1, 0]))).toEqual([8, 9, 10, 11, 0, 1, 2, 3]);
  });

  it('a 2-d index array replaces its dim with its shape', () => {
    const a = grid();
    const r = a.index(':', [
      [0, 1],
      [3, 3],
    ]);
    expect(r.shape).toEqual([3, 2, 2]);
    expect(elements(r)).toEqual([0, 1, 3, 3, 4, 5, 7, 7, 8, 9, 11, 11]);
  });

  it('mixes with basic specs as PyTorch does', () => {
    const a = grid();
    expect(elements(a.index(0, [3, 1]))).toEqual([3, 1]);
    const r = a.index([2, 0], '1:3');
    expect(r.shape).toEqual([2, 2]);
    expect(elements(r)).toEqual([9, 10, 1, 2]);
    const b = arange(24).view(2, 3, 4);
    const s = b.index(':', [2, 0], '::2');
    expect(s.shape).toEqual([2, 2, 2]);
    expect(elements(s)).toEqual([8, 10, 0, 2, 20, 22, 12, 14]);
  });

  it('several index arrays broadcast together; non-adjacent ones go first', () => {
    const a = grid();
    expect(elements(a.index([0, 2], [1, 3]))).toEqual([1, 11]);
    const pairs = a.index(
      [[0], [2]],
      [1, 3],
    ); // broadcast to [2, 2]
    expect(pairs.shape).toEqual([2, 2]);
    expect(elements(pairs)).toEqual([1, 3, 9, 11]);
    const b = arange(24).view(2, 3, 4);
    const r = b.index([1, 0], ':', [0, 3]); // separated by a slice: the index dim comes first
    expect(r.shape).toEqual([2, 3]);
    expect(elements(r)).toEqual([12, 16, 20, 3, 7, 11]);
  });

  it('bool masks select where true', () => {
    const a = tensor([
      [1, -2, 3],
      [-4, 5, -6],
    ]);
    const mask = tensor([
      [true, false, true],
      [false, true, false],
    ]);
    const r = a.index(mask);
    expect(r.shape).toEqual([3]);
    expect(elements(r)).toEqual([1, 3, 5]);
    const rows = a.index([false, true]);
    expect(rows.shape).toEqual([1, 3]);
    expect(elements(rows)).toEqual([-4, 5, -6]);
    const cols = a.index(':', tensor([true, false, true]));
    expect(elements(cols)).toEqual([1, 3, -4, -6]);
    expect(a.index(tensor(true)).shape).toEqual([1, 2, 3]);
  });

  it('0-dim integer index drops the dim', () => {
    const a = grid();
    const r = a.index(int32([1]).view([]));
    expect(r.shape).toEqual([4]);
    expect(elements(r)).toEqual([4, 5, 6, 7]);
  });

  it('errors name the dim and size, the dtype, or the mask shape', () => {
    const a = grid();
    expect(() => a.index([0, 3])).toThrow(new IndexError('index: index 3 is out of bounds for dimension 0 with size 3 (shape [3, 4])'));
    expect(() => a.index(':', int32([4]))).toThrow('index 4 is out of bounds for dimension 1 with size 4');
    expect(() => a.index(tensor([0, 1]))).toThrow(
      new DTypeError('index: tensors used as indices must be long, int, byte or bool tensors (got float32)'),
    );
    expect(() => a.index([0.5])).toThrow(DTypeError);
    expect(() => a.index(tensor([true, false]))).toThrow(ShapeError);
    expect(() => a.index(tensor([true, false]))).toThrow('the shape of the mask [2] does not match the shape of the indexed tensor [3, 4]');
    expect(() => a.index([0, 1], [[0, 1, 2]] as never)).toThrow(ShapeError);
  });

  it('index() works as a function too', () => {
    expect(elements(index(grid(), 1, 1))).toEqual([5]);
  });
});

describe('indexSelect', () => {
  it('selects rows of a contiguous matrix (block copies)', () => {
    const a = arange(40).view(2, 20);
    const r = indexSelect(a, 0, int32([1, 0, 1]));
    expect(r.shape).toEqual([3, 20]);
    const row = (i: number) => Array.from({ length: 20 }, (_, j) => i * 20 + j);
    expect(elements(r)).toEqual([...row(1), ...row(0), ...row(1)]);
  });

  it('selects along other dims and from non-contiguous views', () => {
    const a = grid();
    expect(elements(a.indexSelect(1, [3, 0, 3]))).toEqual([3, 0, 3, 7, 4, 7, 11, 8, 11]);
    expect(a.indexSelect(1, [3, 0, 3]).shape).toEqual([3, 3]);
    expect(elements(a.t().indexSelect(0, [1]))).toEqual([1, 5, 9]);
    expect(a.indexSelect(0, int32([])).shape).toEqual([0, 4]);
  });

  it('rejects negative / out-of-range indices, 2-d indices and float indices', () => {
    const a = grid();
    expect(() => a.indexSelect(0, [-1])).toThrow(new IndexError('indexSelect: index -1 is out of bounds for dimension 0 with size 3 (shape [3, 4])'));
    expect(() => a.indexSelect(1, [4])).toThrow(IndexError);
    expect(() => a.indexSelect(0, [[0]])).toThrow(ShapeError);
    expect(() => a.indexSelect(0, tensor([0]))).toThrow(DTypeError);
    expect(() => a.indexSelect(0, tensor([true]))).toThrow(DTypeError);
    expect(() => a.indexSelect(2, [0])).toThrow(IndexError);
  });
});

describe('gather', () => {
  it('picks one element per index position along dim', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const idx = int32([0, 0, 1, 0]).view(2, 2);
    expect(elements(gather(a, 1, idx))).toEqual([1, 1, 4, 3]);
    expect(elements(a.gather(0, idx))).toEqual([1, 2, 3, 2]);
  });

  it('takes class scores like cross-entropy does', () => {
    const logits = arange(12).view(3, 4);
    const target = int32([3, 0, 2]).view(3, 1);
    const r = logits.gather(1, target);
    expect(r.shape).toEqual([3, 1]);
    expect(elements(r)).toEqual([3, 4, 10]);
    // t()[i][j] = logits[j][i]: picks logits[0][1] and logits[1][2]
    expect(elements(logits.t().gather(0, int32([1, 2]).view(1, 2)))).toEqual([1, 6]);
  });

  it('index may be smaller than the input outside dim', () => {
    const a = grid();
    expect(elements(a.gather(1, int32([2]).view(1, 1)))).toEqual([2]);
  });

  it('validates rank, sizes and range', () => {
    const a = grid();
    expect(() => a.gather(1, int32([0]))).toThrow(ShapeError);
    expect(() => a.gather(1, int32([0, 0, 0, 0]).view(4, 1))).toThrow('size does not match at dimension 0');
    expect(() => a.gather(1, int32([4]).view(1, 1))).toThrow(new IndexError('gather: index 4 is out of bounds for dimension 1 with size 4 (input [3, 4])'));
  });
});

describe('maskedSelect', () => {
  it('selects where the (broadcast) mask is true', () => {
    const a = grid();
    const mask = tensor([true, false, false, true]);
    const r = maskedSelect(a, mask);
    expect(r.shape).toEqual([6]);
    expect(elements(r)).toEqual([0, 3, 4, 7, 8, 11]);
    expect(elements(a.t().maskedSelect(tensor([false, true, true])))).toEqual([4, 8, 5, 9, 6, 10, 7, 11]);
    expect(a.maskedSelect(zeros([3, 4], { dtype: 'bool' })).shape).toEqual([0]);
  });

  it('requires a bool mask of a broadcastable shape', () => {
    expect(() => grid().maskedSelect(tensor([1, 0, 0, 1]))).toThrow(DTypeError);
    expect(() => grid().maskedSelect(tensor([true, false]))).toThrow(ShapeError);
  });
});

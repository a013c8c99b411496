/**
 * Python's sequence indexing, shared by the datasets that follow it (a list dataset, `Subset`):
 * negative indices count from the end, anything outside [-length, length) is an IndexError.
 */
import { IndexError, ValueError } from '@gd/tensor';

/**
 * Python's list indexing: `index` in [-length, length), negative from the end. Out of range is
 * Python's IndexError "list index out of range" (with the numbers added).
 */
export function pyListIndex(op: string, index: number, length: number): number {
  if (!Number.isInteger(index)) {
    throw new ValueError(`${op}: indices must be integers, got ${String(index)}`);
  }
  const i = index < 0 ? index + length : index;
  if (i < 0 || i >= length) {
    throw new IndexError(`${op}: list index out of range (index ${index}, length ${length})`);
  }
  return i;
}


/**
 * Classification bookkeeping: the class each row of a [n, classes] output picks (argmax, the
 * first index on ties, as `torch.argmax`) and how many of them are right.
 */
import { type NDArray, ShapeError, formatShape, toTypedArray } from '@gd/tensor';

/** Argmax of each row of a [n, C] output, as class indices. */
export function predictClasses(output: NDArray): Int32Array {
  if (output.shape.length !== 2) throw new ShapeError(`predictClasses: output ${formatShape(output.shape)} is not [n, C]`);
  const n = output.shape[0]!;
  const c = output.shape[1]!;
  const scores = toTypedArray(output) as ArrayLike<number>;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * c;
    let best = 0;
    for (let k = 1; k < c; k++) if (scores[row + k]! > scores[row + best]!) best = k;
    out[i] = best;
  }
  return out;
}

/** Rows of `output` ([n, C] scores) whose argmax equals `target` ([n] class indices). */
export function countCorrect(output: NDArray, target: NDArray): number {
  if (target.shape.length !== 1 || output.shape[0] !== target.shape[0]) {
    throw new ShapeError(`countCorrect: output ${formatShape(output.shape)} and target ${formatShape(target.shape)} (expected [n, C] and [n])`);
  }
  const predicted = predictClasses(output);
  const labels = toTypedArray(target) as ArrayLike<number>;
  let correct = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct;
}

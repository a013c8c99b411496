/**
 * From a table (numeric feature columns plus a target column, as read from a CSV or NDJSON file or
 * a bundled dataset) to training tensors: the task (regression or classification, inferred from
 * the target when not given), the target as float32 [n, 1] values or int32 [n] class indices, and
 * optional standardisation as PyTorch code usually writes it (float32 `mean(0)` and population
 * `std(0)`, then `(x - mean) / std`). What is learned here (classes, mean, std) is returned so a
 * saved model can apply the same preprocessing to new data.
 */
import { NDArray, ValueError, div, mean, randperm, std, sub, tensor, toTypedArray, type Generator } from '@gd/tensor';
import type { Task } from './losses.js';

/** Feature columns and a target column. */
export interface TabularInput {
  /** The data's name, for messages (a file name). */
  name: string;
  featureNames: string[];
  /** float32 [rows, features]. */
  features: NDArray;
  targetName: string;
  /** One value per row: numbers, or labels (text) for classification. */
  target: readonly (number | string)[];
  /** Regression or classification; inferred from the target when not given. */
  task?: Task;
  /** Standardise each feature column. */
  standardize?: boolean;
  /** Class labels to use (from a saved model); by default the sorted distinct target values. */
  classes?: readonly string[];
  /** Mean and std to use (from a saved model) instead of those of this data. */
  scaling?: Scaling | null;
}

/** Per-feature mean and population standard deviation. */
export interface Scaling {
  mean: number[];
  std: number[];
}

export interface TabularData {
  /** float32 [rows, features], standardised when asked. */
  x: NDArray;
  /** float32 [rows, 1] (regression) or int32 [rows] class indices (classification). */
  y: NDArray;
  task: Task;
  /** Why this task (given, or what the inference saw). */
  taskReason: string;
  featureNames: string[];
  targetName: string;
  /** Class labels, index i for class i (classification), else null. */
  classes: string[] | null;
  scaling: Scaling | null;
  /** Outputs the model needs: 1 for regression, the number of classes for classification. */
  outFeatures: number;
}

function isNumeric(v: number | string): boolean {
  return typeof v === 'number' ? Number.isFinite(v) : v.trim() !== '' && Number.isFinite(Number(v));
}

/** Sorted distinct labels: numerically when all are numbers, else as text. */
function distinctLabels(values: readonly (number | string)[]): string[] {
  const labels = [...new Set(values.map(String))];
  if (labels.every((l) => isNumeric(l))) return labels.sort((a, b) => Number(a) - Number(b));
  return labels.sort();
}

/**
 * The task of a target column: classification when some value is not a number, else regression.
 * @example
 * inferTask(['setosa', 'virginica']); // { task: 'classification', reason: ... }
 */
export function inferTask(target: readonly (number | string)[]): { task: Task; reason: string } {
  const text = target.find((v) => !isNumeric(v));
  if (text !== undefined) return { task: 'classification', reason: `inferred: the target holds text such as ${JSON.stringify(String(text))}` };
  return { task: 'regression', reason: 'inferred: the target holds numbers (pass --task classification for numeric class labels)' };
}

/** The feature mean and population std of a [rows, features] float32 array, as PyTorch computes them. */
export function featureScaling(x: NDArray): Scaling {
  const m = mean(x, 0);
  const s = std(x, 0, false, { unbiased: false });
  return { mean: Array.from(toTypedArray(m) as Float32Array), std: Array.from(toTypedArray(s) as Float32Array) };
}

/** `(x - mean) / std` per column, in float32; a constant column (std 0) is only centred. */
export function applyScaling(x: NDArray, scaling: Scaling): NDArray {
  const m = tensor(scaling.mean, { dtype: 'float32' });
  const s = tensor(scaling.std.map((v) => (v === 0 ? 1 : v)), { dtype: 'float32' });
  return div(sub(x, m), s);
}

/** Training tensors from a table (see the file comment). */
export function prepareTabular(input: TabularInput): TabularData {
  const { features, target, name } = input;
  if (features.shape.length !== 2) throw new ValueError(`${name}: features must be [rows, columns]`);
  const rows = features.shape[0]!;
  if (target.length !== rows) throw new ValueError(`${name}: ${target.length} target values for ${rows} rows`);
  if (rows === 0) throw new ValueError(`${name}: no rows`);
  const inferred = input.task === undefined ? inferTask(target) : { task: input.task, reason: 'given' };
  const task = inferred.task;

  let y: NDArray;
  let classes: string[] | null = null;
  if (task === 'classification') {
    classes = input.classes ? [...input.classes] : distinctLabels(target);
    const index = new Map(classes.map((c, i) => [c, i]));
    const labels = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      const k = index.get(String(target[i]));
      if (k === undefined) throw new ValueError(`${name}: row ${i + 1}: unknown class ${JSON.stringify(String(target[i]))} (the model knows ${classes.join(', ')})`);
      labels[i] = k;
    }
    y = new NDArray(labels, [rows], undefined, 0, 'int32');
  } else {
    const values = new Float32Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = target[i]!;
      if (!isNumeric(v)) {
        throw new ValueError(`${name}: row ${i + 1}: target ${JSON.stringify(input.targetName)} is ${JSON.stringify(String(v))}, not a number (a regression target must be numeric; use --task classification for labels)`);
      }
      values[i] = Number(v);
    }
    y = new NDArray(values, [rows, 1], undefined, 0, 'float32');
  }

  let x = features.dtype === 'float32' ? features : features.to('float32');
  let scaling: Scaling | null = null;
  if (input.scaling) scaling = input.scaling;
  else if (input.standardize) scaling = featureScaling(x);
  if (scaling !== null) x = applyScaling(x, scaling);
  return {
    x,
    y,
    task,
    taskReason: inferred.reason,
    featureNames: [...input.featureNames],
    targetName: input.targetName,
    classes,
    scaling,
    outFeatures: classes === null ? 1 : classes.length,
  };
}

/** Rows split into training and validation sets. */
export interface SplitData {
  train: { x: NDArray; y: NDArray };
  val: { x: NDArray; y: NDArray } | null;
}

/**
 * Holds out `fraction` of the rows (chosen by `generator`, a random permutation) for validation;
 * 0 keeps every row for training, in order.
 */
export function splitRows(x: NDArray, y: NDArray, fraction: number, generator: Generator): SplitData {
  if (!(fraction >= 0 && fraction < 1)) throw new ValueError(`splitRows: the validation fraction must be in [0, 1), got ${fraction}`);
  const rows = x.shape[0]!;
  const nVal = Math.round(rows * fraction);
  if (nVal === 0) return { train: { x, y }, val: null };
  if (nVal >= rows) throw new ValueError(`splitRows: a validation fraction of ${fraction} leaves no training rows (of ${rows})`);
  const perm = randperm(rows, { generator });
  const order = toTypedArray(perm) as Int32Array;
  const pick = (idx: Int32Array): { x: NDArray; y: NDArray } => {
    const ix = new NDArray(idx, [idx.length], undefined, 0, 'int32');
    return { x: x.indexSelect(0, ix), y: y.indexSelect(0, ix) };
  };
  return { train: pick(order.slice(0, rows - nVal)), val: pick(order.slice(rows - nVal)) };
}

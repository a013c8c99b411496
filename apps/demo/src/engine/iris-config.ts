/**
 * The Iris panel's settings and results, apart from the training code so that the page can use
 * them without pulling the training packages into its own bundle.
 */

export interface IrisConfig {
  model: 'linear' | 'mlp';
  optimizer: 'sgd' | 'adam';
  lr: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

export const IRIS_DEFAULTS: Readonly<IrisConfig> = Object.freeze({
  model: 'mlp',
  optimizer: 'adam',
  lr: 0.01,
  batchSize: 16,
  epochs: 40,
  seed: 0,
});

/** The share of the 150 flowers held out to test on (30). */
export const IRIS_VAL_SPLIT = 0.2;
export const IRIS_ROWS = 150;
export const IRIS_TEST_SIZE = Math.round(IRIS_ROWS * IRIS_VAL_SPLIT);
export const IRIS_TRAIN_SIZE = IRIS_ROWS - IRIS_TEST_SIZE;

/** The columns as the CLI's bundled dataset names them. */
export const IRIS_FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width'];

/** One finished epoch. */
export interface IrisEpoch {
  epoch: number;
  /** Mean loss over the epoch's batches (weighted by batch size) and accuracy, as the loop counted them. */
  trainLoss: number;
  trainAccuracy: number;
  /** On the 30 held-out flowers after the epoch. */
  testLoss: number;
  testAccuracy: number;
}

export interface IrisSummary {
  classes: string[];
  trainSize: number;
  testSize: number;
  features: string[];
}

/** The same training in the terminal. */
export function irisCommand(c: IrisConfig): string {
  return (
    `gd train --data iris --target species --model ${c.model === 'linear' ? 'linear' : 'mlp:16'} --optimizer ${c.optimizer} ` +
    `--lr ${c.lr} --batch-size ${c.batchSize} --epochs ${c.epochs} --seed ${c.seed} --shuffle --standardize --val-split ${IRIS_VAL_SPLIT}`
  );
}

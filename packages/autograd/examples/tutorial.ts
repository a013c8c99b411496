/**
 * The seed tutorial, "mini-batch gradient descent", ported line by line from PyTorch (the
 * DataLoader is replaced by slicing, since it comes in its own package). With `targets: 'clean'`
 * the model trains on y = -5x as the tutorial's Build_Data does, while the loss curve is measured
 * against the noisy Y; `'noisy'` trains on Y. Every number equals PyTorch's float32 run, including
 * the chaotic batch-size-1 runs (see ../../shared/conformance/tutorial.json).
 *
 * test/tutorial.test.ts runs it. To print the six runs (from the repository root):
 *   npx esbuild packages/autograd/examples/tutorial.ts --bundle --platform=node --format=esm \
 *     --conditions=@gd/source --outfile=/tmp/tutorial.mjs && node /tmp/tutorial.mjs
 */
import { pathToFileURL } from 'node:url';
import { type Tensor, arange, manualSeed, randn, slice, tensor } from '../src/index.js';

/** What one training run records. */
export interface TutorialRun {
  /** Full-data loss against the noisy Y at the start of each epoch. */
  losses: number[];
  /** w and b after each epoch. */
  wPerEpoch: number[];
  bPerEpoch: number[];
  /** w and b after every step of epoch 0 (to find where a run diverges). */
  epoch0: { w: number[]; b: number[] };
  w: number;
  b: number;
}

/** Options of {@link runTutorial}. */
export interface TutorialOptions {
  batchSize: number;
  targets: 'clean' | 'noisy';
  epochs?: number;
  lr?: number;
}

/** Trains `w * x + b` on the tutorial's data with plain SGD, as the PyTorch code does. */
export function runTutorial({ batchSize, targets, epochs = 20, lr = 0.1 }: TutorialOptions): TutorialRun {
  // class Build_Data(Dataset): x = arange(-5, 5, 0.1).view(-1, 1); y = -5 * x (or Y)
  const datasetX = arange(-5, 5, 0.1).view(-1, 1);
  let datasetY = datasetX.mul(-5);

  manualSeed(42);
  const X = arange(-5, 5, 0.1).view(-1, 1);
  const func = X.mul(-5);
  const Y = func.add(randn(X.shape).mul(0.4));
  if (targets === 'noisy') datasetY = Y;

  const forward = (x: Tensor): Tensor => w.mul(x).add(b);
  const criterion = (yPred: Tensor, y: Tensor): Tensor => yPred.sub(y).pow(2).mean();

  const w = tensor(-10.0, { requiresGrad: true });
  const b = tensor(-20.0, { requiresGrad: true });
  const stepSize = lr;
  const n = datasetX.shape[0]!;

  const run: TutorialRun = { losses: [], wPerEpoch: [], bPerEpoch: [], epoch0: { w: [], b: [] }, w: 0, b: 0 };
  for (let epoch = 0; epoch < epochs; epoch++) {
    const yPred = forward(X);
    run.losses.push(criterion(yPred, Y).item());
    // for x, y in train_loader: consecutive batches, no shuffle, last batch kept
    for (let start = 0; start < n; start += batchSize) {
      const rows = slice(start, start + batchSize);
      const x = datasetX.index(rows);
      const y = datasetY.index(rows);
      const loss = criterion(forward(x), y);
      loss.backward();
      w.data = w.data.sub(w.grad!.data.mul(stepSize));
      b.data = b.data.sub(b.grad!.data.mul(stepSize));
      w.grad!.data.zero_();
      b.grad!.data.zero_();
      if (epoch === 0) {
        run.epoch0.w.push(w.item());
        run.epoch0.b.push(b.item());
      }
    }
    run.wPerEpoch.push(w.item());
    run.bPerEpoch.push(b.item());
  }
  run.w = w.item();
  run.b = b.item();
  return run;
}

// When run as a script, print each run's losses and final parameters.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const targets of ['clean', 'noisy'] as const) {
    for (const batchSize of [1, 10, 20]) {
      const r = runTutorial({ batchSize, targets });
      console.log(`${targets} batch ${batchSize}: w ${r.w}, b ${r.b}`);
      console.log(`  losses ${r.losses.map((l) => l.toPrecision(6)).join(', ')}`);
    }
  }
}

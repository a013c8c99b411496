/**
 * `Trainer`: the training loop. Epochs over a DataLoader of `[x, y]` batches; each step is
 * PyTorch's `zero_grad → loss = lossFn(model(x), y) → backward → step`. It keeps the per-epoch
 * history (training loss, validation loss, accuracy for classification, learning rate), steps a
 * scheduler once per epoch, calls the caller's hooks, stops with {@link NonFiniteLossError} when a
 * loss becomes NaN or infinite, and can be stopped between two steps (an AbortSignal) and
 * continued later, exactly, from a {@link Checkpoint}.
 *
 * `fit` is async and yields to the host now and then (signal handlers, repaints); `fitSync` runs
 * the same steps in one go for loaders without workers, and `stepSync` one step per call (a
 * caller that draws between steps, such as the demo site's worker).
 */
import { type Tensor, asTensor, noGrad } from '@gd/autograd';
import type { DataLoader } from '@gd/data';
import type { AnyModule } from '@gd/nn';
import { type NDArray, ValueError, getRngState, setRngState } from '@gd/tensor';
import type { StepInfo, TrainerCallbacks } from './callbacks.js';
import { CHECKPOINT_FORMAT, CHECKPOINT_VERSION, type Checkpoint, type EpochProgress } from './checkpoint.js';
import { CheckpointError, NonFiniteLossError } from './errors.js';
import type { EpochRecord, History } from './history.js';
import { countCorrect } from './metrics.js';
import type { OptimizerLike, SchedulerLike } from './optimizer-like.js';
import { decodeStateDict, encodeStateDict } from './state-codec.js';
import { hostYielder } from './yield-to-host.js';

/** A loss: model output and target in, a one-element Tensor out. */
export type LossFn = (output: Tensor, target: Tensor) => Tensor;

/** Data evaluated in one batch at the end of every epoch. */
export interface ValidationData {
  x: NDArray;
  y: NDArray;
}

export interface TrainerOptions {
  model: AnyModule;
  lossFn: LossFn;
  optimizer: OptimizerLike;
  /** Batches `[x, y]` of NDArrays. */
  loader: DataLoader<unknown, NDArray[]>;
  /** Stepped after every epoch; `ReduceLROnPlateau` (needsMetric) gets the validation loss, else the training loss. */
  scheduler?: SchedulerLike | null;
  /** Whether `scheduler.step` takes the epoch's loss (ReduceLROnPlateau). */
  schedulerNeedsMetric?: boolean;
  validation?: ValidationData | null;
  /** Count correct predictions (argmax of the output against class indices). */
  classification?: boolean;
  /** Stop with NonFiniteLossError when a step's loss is NaN or infinite (default true). */
  stopOnNonFinite?: boolean;
  callbacks?: TrainerCallbacks;
  /** `fit` yields to the host after at least this much work (default 50 ms). */
  yieldIntervalMs?: number;
}

export interface FitOptions {
  /** Train until this many epochs are finished (counting those of a restored checkpoint). */
  epochs: number;
  /** Stops the run between two steps; `fit` then returns with `completed: false`. */
  signal?: AbortSignal;
}

export interface FitResult {
  history: History;
  /** False when the signal stopped the run. */
  completed: boolean;
  /** Epochs finished. */
  epoch: number;
  /** Steps done in the epoch in progress. */
  step: number;
}

type BatchIterator = Iterator<NDArray[]> | AsyncIterator<NDArray[]>;

/**
 * @example
 * const trainer = new Trainer({ model, lossFn: (out, y) => mseLoss(out, y), optimizer, loader });
 * const { history } = await trainer.fit({ epochs: 20 });
 * history.at(-1).trainLoss;
 */
export class Trainer {
  readonly model: AnyModule;
  readonly lossFn: LossFn;
  readonly optimizer: OptimizerLike;
  readonly scheduler: SchedulerLike | null;
  readonly loader: DataLoader<unknown, NDArray[]>;
  readonly validation: ValidationData | null;
  readonly callbacks: TrainerCallbacks;
  readonly history: History = [];
  private readonly classification: boolean;
  private readonly stopOnNonFinite: boolean;
  private readonly schedulerNeedsMetric: boolean;
  private readonly yieldIntervalMs: number;
  private epochsDone = 0;
  private stepsDone = 0;
  private globalSteps = 0;
  private progress: EpochProgress | null = null;
  private iterator: BatchIterator | null = null;

  constructor(options: TrainerOptions) {
    this.model = options.model;
    this.lossFn = options.lossFn;
    this.optimizer = options.optimizer;
    this.loader = options.loader;
    this.scheduler = options.scheduler ?? null;
    this.schedulerNeedsMetric = options.schedulerNeedsMetric ?? false;
    this.validation = options.validation ?? null;
    this.classification = options.classification ?? false;
    this.stopOnNonFinite = options.stopOnNonFinite ?? true;
    this.callbacks = options.callbacks ?? {};
    this.yieldIntervalMs = options.yieldIntervalMs ?? 50;
  }

  /** Epochs finished. */
  get epoch(): number {
    return this.epochsDone;
  }

  /** Steps done in the epoch in progress (0 between epochs). */
  get step(): number {
    return this.stepsDone;
  }

  /** Steps done since the start of training. */
  get globalStep(): number {
    return this.globalSteps;
  }

  /** Trains until `epochs` epochs are finished, yielding to the host between steps now and then. */
  async fit({ epochs, signal }: FitOptions): Promise<FitResult> {
    checkEpochs(epochs);
    const pause = hostYielder(this.yieldIntervalMs);
    while (this.epochsDone < epochs) {
      if (signal?.aborted) return this.result(false);
      const it = this.openEpoch(true);
      for (;;) {
        const r = await it.next();
        if (r.done === true) break;
        this.trainBatch(r.value);
        const wait = pause();
        if (wait !== null) await wait;
        if (signal?.aborted) return this.result(false);
      }
      this.closeEpoch();
    }
    return this.result(true);
  }

  /** The same as {@link fit}, synchronously (the loader must have no workers). */
  fitSync({ epochs }: { epochs: number }): FitResult {
    checkEpochs(epochs);
    while (this.epochsDone < epochs) {
      const it = this.openEpoch(false) as Iterator<NDArray[]>;
      for (let r = it.next(); r.done !== true; r = it.next()) this.trainBatch(r.value);
      this.closeEpoch();
    }
    return this.result(true);
  }

  /**
   * One step of {@link fitSync}: starts an epoch when one is due, trains one batch and, after the
   * epoch's last batch (by the loader's length), closes the epoch (validation, scheduler,
   * `onEpochEnd`) before returning. Returns the step's {@link StepInfo}, or null once `epochs`
   * epochs are finished. Steps and `fitSync` can be mixed: the numbers are those of one `fitSync`.
   * @example
   * for (let info = trainer.stepSync({ epochs: 3 }); info !== null; info = trainer.stepSync({ epochs: 3 })) draw(info);
   */
  stepSync({ epochs }: { epochs: number }): StepInfo | null {
    checkEpochs(epochs);
    while (this.epochsDone < epochs) {
      const it = this.openEpoch(false) as Iterator<NDArray[]>;
      const r = it.next();
      if (r.done === true) {
        this.closeEpoch();
        continue;
      }
      const info = this.trainBatch(r.value);
      const length = this.stepsPerEpoch();
      if (length !== null && this.stepsDone >= length) {
        // finish the iteration as fitSync does (a shuffling sampler draws when it is exhausted)
        const end = it.next();
        if (end.done !== true) {
          throw new ValueError(`Trainer.stepSync: the loader yielded more batches than its length (${length})`);
        }
        this.closeEpoch();
      }
      return info;
    }
    return null;
  }

  /** Ends an epoch left open by a stopped `fit` (stops the loader's workers, if any). */
  async close(): Promise<void> {
    const it = this.iterator;
    this.iterator = null;
    await it?.return?.();
  }

  /**
   * The whole state of the run, as JSON data; call it between steps (in a hook, or after `fit`
   * returned). `meta` is stored as given.
   */
  checkpoint(meta?: Record<string, unknown>): Checkpoint {
    return {
      format: CHECKPOINT_FORMAT,
      version: CHECKPOINT_VERSION,
      epoch: this.epochsDone,
      step: this.stepsDone,
      globalStep: this.globalSteps,
      progress: this.progress === null ? null : { ...this.progress },
      model: encodeStateDict(this.model.stateDict()),
      optimizer: this.optimizer.stateDict(),
      scheduler: this.scheduler?.stateDict() ?? null,
      rng: getRngState(),
      loader: this.loader.stateDict(),
      history: this.history.map((r) => ({ ...r })),
      ...(meta === undefined ? {} : { meta }),
    };
  }

  /**
   * Continues from `ckpt` (made by {@link checkpoint} for the same model, optimizer, scheduler and
   * loader settings): the next `fit` goes on exactly as the interrupted run would have.
   */
  restore(ckpt: Checkpoint): void {
    if (ckpt === null || typeof ckpt !== 'object' || ckpt.format !== CHECKPOINT_FORMAT) {
      throw new CheckpointError('restore: not a gd checkpoint');
    }
    const version: unknown = ckpt.version;
    if (version !== CHECKPOINT_VERSION) {
      throw new CheckpointError(`restore: checkpoint version ${String(version)}, this @gd/train reads version ${CHECKPOINT_VERSION}`);
    }
    try {
      this.model.loadStateDict(decodeStateDict(ckpt.model, 'checkpoint model'));
      this.optimizer.loadStateDict(ckpt.optimizer as never);
      if (this.scheduler !== null && ckpt.scheduler !== null) this.scheduler.loadStateDict(ckpt.scheduler as never);
      this.loader.loadStateDict(ckpt.loader);
      setRngState(ckpt.rng);
    } catch (e) {
      throw new CheckpointError(`restore: the checkpoint does not fit this run: ${(e as Error).message}`);
    }
    this.epochsDone = ckpt.epoch;
    this.stepsDone = ckpt.step;
    this.globalSteps = ckpt.globalStep;
    this.progress = ckpt.progress === null ? null : { ...ckpt.progress };
    this.history.length = 0;
    this.history.push(...ckpt.history.map((r) => ({ ...r })));
  }

  /** Full-data loss (and accuracy) of the model on `x`, `y`, without recording gradients. */
  evaluate(x: NDArray, y: NDArray): { loss: number; accuracy?: number } {
    this.model.eval();
    try {
      return noGrad(() => {
        const out = this.model.call(asTensor(x)) as Tensor;
        const loss = this.lossFn(out, asTensor(y)).item();
        if (!this.classification) return { loss };
        return { loss, accuracy: countCorrect(out.data, y) / y.shape[0]! };
      });
    } finally {
      this.model.train();
    }
  }

  private result(completed: boolean): FitResult {
    return { history: this.history, completed, epoch: this.epochsDone, step: this.stepsDone };
  }

  /** Starts (or, after a restore, resumes) an epoch and returns its batch iterator. */
  private openEpoch(async: boolean): BatchIterator {
    if (this.iterator !== null) return this.iterator;
    if (this.progress === null) {
      this.progress = { lossSum: 0, samples: 0, correct: 0 };
      this.stepsDone = 0;
      this.callbacks.onEpochStart?.(this.epochsDone);
    }
    this.model.train();
    this.iterator = async ? this.loader[Symbol.asyncIterator]() : this.loader[Symbol.iterator]();
    return this.iterator;
  }

  private trainBatch(batch: NDArray[]): StepInfo {
    const [xb, yb] = batch;
    if (xb === undefined || yb === undefined) {
      throw new ValueError(`Trainer: a batch must be [x, y], got ${batch.length} element(s)`);
    }
    const epoch = this.epochsDone;
    const step = this.stepsDone;
    this.optimizer.zeroGrad();
    const out = this.model.call(asTensor(xb)) as Tensor;
    const lossTensor = this.lossFn(out, asTensor(yb));
    const loss = lossTensor.item();
    if (this.stopOnNonFinite && !Number.isFinite(loss)) {
      throw new NonFiniteLossError(epoch, step, loss, this.optimizer.paramGroups[0]?.lr ?? null);
    }
    lossTensor.backward();
    this.optimizer.step();
    const n = xb.shape[0] ?? 1;
    const p = this.progress!;
    p.lossSum += loss * n;
    p.samples += n;
    if (this.classification) p.correct += countCorrect(out.data, yb);
    this.stepsDone++;
    this.globalSteps++;
    const info: StepInfo = { epoch, step, stepsPerEpoch: this.stepsPerEpoch(), globalStep: this.globalSteps, loss, batchSize: n };
    this.callbacks.onStep?.(info);
    return info;
  }

  private closeEpoch(): void {
    this.iterator = null;
    const p = this.progress ?? { lossSum: 0, samples: 0, correct: 0 };
    const record: EpochRecord = {
      epoch: this.epochsDone,
      trainLoss: p.samples > 0 ? p.lossSum / p.samples : NaN,
      lr: this.optimizer.paramGroups[0]?.lr ?? NaN,
      steps: this.stepsDone,
    };
    if (this.classification) record.trainAccuracy = p.samples > 0 ? p.correct / p.samples : NaN;
    if (this.validation !== null) {
      const v = this.evaluate(this.validation.x, this.validation.y);
      record.valLoss = v.loss;
      if (v.accuracy !== undefined) record.valAccuracy = v.accuracy;
    }
    this.history.push(record);
    this.epochsDone++;
    this.stepsDone = 0;
    this.progress = null;
    if (this.scheduler !== null) {
      if (this.schedulerNeedsMetric) this.scheduler.step(record.valLoss ?? record.trainLoss);
      else this.scheduler.step();
    }
    this.callbacks.onEpochEnd?.(record, this.history);
  }

  private stepsPerEpoch(): number | null {
    try {
      return this.loader.length;
    } catch {
      return null;
    }
  }
}

function checkEpochs(epochs: number): void {
  if (!Number.isInteger(epochs) || epochs < 0) throw new ValueError(`Trainer.fit: epochs must be a non-negative integer, got ${epochs}`);
}

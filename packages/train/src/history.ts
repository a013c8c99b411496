/**
 * What a training run records per epoch. Losses are means over samples: the sum over batches of
 * `loss × batch length`, divided by the number of samples, in binary64 (PyTorch's usual
 * `total += loss.item() * len(xb)` bookkeeping), so that they compare with a PyTorch run.
 */

/** One finished epoch. */
export interface EpochRecord {
  /** 0-based epoch number. */
  epoch: number;
  /** Mean training loss over the epoch's batches (weighted by batch length). */
  trainLoss: number;
  /** Loss on the validation data at the end of the epoch, when there is validation data. */
  valLoss?: number;
  /** Fraction of training samples classified correctly during the epoch (classification). */
  trainAccuracy?: number;
  /** Fraction of validation samples classified correctly at the end of the epoch (classification). */
  valAccuracy?: number;
  /** The learning rate the epoch trained with. */
  lr: number;
  /** Training steps (batches) in the epoch. */
  steps: number;
}

/** The records of the finished epochs, in order. */
export type History = EpochRecord[];

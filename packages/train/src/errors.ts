/**
 * The errors of @gd/train. A training run that goes wrong (the loss becomes NaN or infinite) is
 * not bad input: it gets its own class, carrying where it happened so that a caller (the CLI, the
 * demo) can say "epoch 3, step 17" and suggest a smaller learning rate.
 */
import { GdError } from '@gd/tensor';

/** The loss of a training step became NaN or ±Infinity; training stopped before the update. */
export class NonFiniteLossError extends GdError {
  override name = 'NonFiniteLossError';
  /** The epoch (0-based) of the step. */
  readonly epoch: number;
  /** The step within the epoch (0-based). */
  readonly step: number;
  /** The loss value: NaN, Infinity or -Infinity. */
  readonly loss: number;

  constructor(epoch: number, step: number, loss: number, lr: number | null) {
    const hint = lr === null ? 'try a smaller learning rate' : `try a smaller learning rate than ${lr}`;
    super(`the loss became ${String(loss)} at epoch ${epoch + 1}, step ${step + 1}: training stopped; ${hint}`);
    this.epoch = epoch;
    this.step = step;
    this.loss = loss;
  }
}

/** A checkpoint that cannot be restored: wrong format, or made for another model or optimizer. */
export class CheckpointError extends GdError {
  override name = 'CheckpointError';
}

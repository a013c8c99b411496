/**
 * What the training loop needs from an optimizer and a learning-rate scheduler. @gd/optim's
 * classes fit as they are; {@link PlainSGD} (the tutorial's hand-written update) fits too. Keeping
 * the loop on these small interfaces is what lets the tutorial run through the same loop as
 * `gd train`.
 */

/** An optimizer as the loop uses it. */
export interface OptimizerLike {
  /** Parameter groups; the loop reads `lr` of the first for the history. */
  readonly paramGroups: readonly { lr: number }[];
  zeroGrad(): void;
  step(): unknown;
  /** JSON-serialisable state (for checkpoints). */
  stateDict(): unknown;
  loadStateDict(state: never): void;
}

/** A learning-rate scheduler, stepped once per epoch (`ReduceLROnPlateau` gets the metric). */
export interface SchedulerLike {
  step(metric?: number): void;
  stateDict(): unknown;
  loadStateDict(state: never): void;
}

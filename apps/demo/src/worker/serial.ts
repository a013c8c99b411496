/**
 * One queue for all the worker's jobs. Training steps are async (@gd/train's `fit`), and two
 * trainings whose awaits interleaved would swap the global random generator under each other;
 * run one job at a time and each sees only its own generator state.
 */
export class Serial {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `job` after every job queued before it; `onError` gets its failure. */
  run(job: () => void | Promise<void>, onError: (e: unknown) => void): Promise<void> {
    this.tail = this.tail.then(job).catch(onError);
    return this.tail;
  }
}

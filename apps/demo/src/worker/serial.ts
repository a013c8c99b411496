/**
 * One queue for all the worker's jobs, run one at a time and in order. An Iris epoch is async
 * (@gd/train's `fit`, which yields now and then) and holds its own state of the global random
 * generator for the whole epoch; queued, no other job runs in the middle of it, and each training
 * sees only its own generator state. (A tutorial step is synchronous.)
 */
export class Serial {
  private tail: Promise<void> = Promise.resolve();

  /** Runs `job` after every job queued before it; `onError` gets its failure. */
  run(job: () => void | Promise<void>, onError: (e: unknown) => void): Promise<void> {
    this.tail = this.tail.then(job).catch(onError);
    return this.tail;
  }
}

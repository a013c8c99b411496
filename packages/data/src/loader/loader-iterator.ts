/**
 * The iterators a DataLoader hands out for one epoch. Both wrap a `step` function that produces
 * the next batch; they count what they deliver (for `stateDict`) and expose the epoch's base seed
 * (PyTorch's `_base_seed`). `return()` (a `break` out of the loop) closes the epoch's sources.
 */
import type { GeneratorState } from '@gd/tensor';

/** The bookkeeping of one epoch, shared by its iterator and the loader's `stateDict`. */
export interface EpochRecord {
  /** Drawn when the epoch began (or restored by `loadStateDict`). */
  readonly baseSeed: bigint;
  /** The loader generator's state before the base seed was drawn (null without one). */
  readonly generatorStart: GeneratorState | null;
  /** Batches delivered so far (including the ones skipped when resuming). */
  numYielded: number;
  /** True once the epoch is exhausted or closed. */
  finished: boolean;
}

const DONE: IteratorResult<never> = { done: true, value: undefined };

/** The iterator of `for (const batch of loader)` (numWorkers 0). */
export class DataLoaderIterator<B> implements IterableIterator<B> {
  constructor(
    private readonly epoch: EpochRecord,
    private readonly step: () => IteratorResult<unknown>,
    private readonly close: () => void,
  ) {}

  /** The epoch's base seed (what workers are seeded from: worker i gets baseSeed + i). */
  get baseSeed(): bigint {
    return this.epoch.baseSeed;
  }

  /** Batches delivered so far this epoch. */
  get numYielded(): number {
    return this.epoch.numYielded;
  }

  next(): IteratorResult<B> {
    if (this.epoch.finished) return DONE;
    const r = this.step();
    if (r.done === true) {
      this.epoch.finished = true;
      return DONE;
    }
    this.epoch.numYielded++;
    return r as IteratorResult<B>;
  }

  return(): IteratorResult<B> {
    if (!this.epoch.finished) {
      this.epoch.finished = true;
      this.close();
    }
    return DONE;
  }

  [Symbol.iterator](): this {
    return this;
  }

  /** The same epoch as an async iterator (what `for await` over a loader without workers gets). */
  toAsync(): AsyncDataLoaderIterator<B> {
    return new AsyncDataLoaderIterator<B>(
      this.epoch,
      () => {
        if (this.epoch.finished) return DONE;
        const r = this.step();
        return r.done === true ? DONE : r;
      },
      () => this.close(),
    );
  }
}

/** The iterator of `for await (const batch of loader)`. */
export class AsyncDataLoaderIterator<B> implements AsyncIterableIterator<B> {
  constructor(
    private readonly epoch: EpochRecord,
    private readonly step: () => Promise<IteratorResult<unknown>> | IteratorResult<unknown>,
    private readonly close: () => Promise<void> | void,
  ) {}

  get baseSeed(): bigint {
    return this.epoch.baseSeed;
  }

  get numYielded(): number {
    return this.epoch.numYielded;
  }

  async next(): Promise<IteratorResult<B>> {
    if (this.epoch.finished) return DONE;
    const r = await this.step();
    if (r.done === true) {
      if (!this.epoch.finished) {
        this.epoch.finished = true;
        await this.close();
      }
      return DONE;
    }
    this.epoch.numYielded++;
    return r as IteratorResult<B>;
  }

  async return(): Promise<IteratorResult<B>> {
    if (!this.epoch.finished) {
      this.epoch.finished = true;
      await this.close();
    }
    return DONE;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

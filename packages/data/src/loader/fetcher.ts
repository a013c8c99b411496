/**
 * Fetchers: from indices to a batch (PyTorch's `_utils/fetch.py`). The map fetcher takes the
 * dataset's `getItems` fast path when collating with `defaultCollate`, else gets each sample and
 * calls `collateFn`; the iterable fetchers pull `batchSize` samples from the stream.
 */
import { defaultCollate } from '../collate/default-collate.js';
import type { MapDataset } from '../dataset/types.js';

type Collate = (samples: never) => unknown;

/** Builds batches of a map-style dataset. */
export class MapFetcher {
  private readonly fast: boolean;

  constructor(
    private readonly dataset: MapDataset,
    private readonly autoCollation: boolean,
    private readonly collateFn: Collate,
  ) {
    this.fast = autoCollation && collateFn === defaultCollate && typeof dataset.getItems === 'function';
  }

  /** The batch for a list of indices (auto-collation), or the converted sample for one index. */
  fetch(index: ArrayLike<number> | number): unknown {
    const collate = this.collateFn as (x: unknown) => unknown;
    if (!this.autoCollation) return collate(this.dataset.getItem(index as number));
    const indices = index as ArrayLike<number>;
    if (this.fast) return this.dataset.getItems!(indices);
    const samples = new Array<unknown>(indices.length);
    for (let i = 0; i < indices.length; i++) samples[i] = this.dataset.getItem(indices[i]!);
    return collate(samples);
  }
}

/** Builds batches from a sync stream; `done` once the stream cannot fill a batch. */
export class IterableFetcher {
  private ended = false;

  constructor(
    private readonly source: Iterator<unknown>,
    private readonly batchSize: number | null,
    private readonly dropLast: boolean,
    private readonly collateFn: Collate,
  ) {}

  fetch(): IteratorResult<unknown> {
    const collate = this.collateFn as (x: unknown) => unknown;
    if (this.ended) return { done: true, value: undefined };
    if (this.batchSize === null) {
      const r = this.source.next();
      if (r.done === true) return this.end();
      return { done: false, value: collate(r.value) };
    }
    const samples: unknown[] = [];
    while (samples.length < this.batchSize) {
      const r = this.source.next();
      if (r.done === true) {
        this.ended = true;
        break;
      }
      samples.push(r.value);
    }
    if (samples.length === 0 || (this.dropLast && samples.length < this.batchSize)) return this.end();
    return { done: false, value: collate(samples) };
  }

  close(): void {
    this.ended = true;
    this.source.return?.();
  }

  private end(): IteratorResult<unknown> {
    this.ended = true;
    return { done: true, value: undefined };
  }
}

/** {@link IterableFetcher} for an async stream. */
export class AsyncIterableFetcher {
  private ended = false;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly batchSize: number | null,
    private readonly dropLast: boolean,
    private readonly collateFn: Collate,
  ) {}

  async fetch(): Promise<IteratorResult<unknown>> {
    const collate = this.collateFn as (x: unknown) => unknown;
    if (this.ended) return { done: true, value: undefined };
    if (this.batchSize === null) {
      const r = await this.source.next();
      if (r.done === true) return this.end();
      return { done: false, value: collate(r.value) };
    }
    const samples: unknown[] = [];
    while (samples.length < this.batchSize) {
      const r = await this.source.next();
      if (r.done === true) {
        this.ended = true;
        break;
      }
      samples.push(r.value);
    }
    if (samples.length === 0 || (this.dropLast && samples.length < this.batchSize)) return this.end();
    return { done: false, value: collate(samples) };
  }

  async close(): Promise<void> {
    this.ended = true;
    await this.source.return?.();
  }

  private end(): IteratorResult<unknown> {
    this.ended = true;
    return { done: true, value: undefined };
  }
}

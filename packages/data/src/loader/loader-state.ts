/**
 * What `DataLoader.stateDict()` saves: enough to replay the epoch in progress and skip what was
 * already delivered. Plain JSON (bigints as decimal strings), so it can go in a checkpoint file.
 */
import { type GeneratorState, ValueError } from '@gd/tensor';
import type { SamplerState } from '../sampler/sampler.js';

export interface DataLoaderState {
  /** Batches already delivered in the epoch in progress (0: no epoch in progress). */
  numYielded: number;
  /** The epoch's base seed (decimal), null when no epoch is in progress. */
  baseSeed: string | null;
  /**
   * The loader generator's state when the epoch started (or now, when no epoch is in progress);
   * null without a loader generator.
   */
  generatorState: GeneratorState | null;
  /** The sampler's state for the epoch in progress (null if it had not started or has none). */
  samplerState: SamplerState | null;
}

/** Checks the fields of a state read back from a checkpoint (a bad one throws, naming the field). */
export function checkLoaderState(state: unknown): DataLoaderState {
  const s = state as Partial<DataLoaderState> | null;
  if (typeof s !== 'object' || s === null) throw new ValueError('DataLoader.loadStateDict: expected a state object');
  if (!Number.isInteger(s.numYielded) || (s.numYielded as number) < 0) {
    throw new ValueError(`DataLoader.loadStateDict: numYielded must be a non-negative integer, got ${String(s.numYielded)}`);
  }
  if (s.baseSeed !== null && (typeof s.baseSeed !== 'string' || !/^\d+$/.test(s.baseSeed))) {
    throw new ValueError(`DataLoader.loadStateDict: baseSeed must be a decimal string or null, got ${String(s.baseSeed)}`);
  }
  if (s.generatorState !== null && typeof s.generatorState !== 'object') {
    throw new ValueError('DataLoader.loadStateDict: generatorState must be a generator state or null');
  }
  if (s.samplerState !== null && typeof s.samplerState !== 'object') {
    throw new ValueError('DataLoader.loadStateDict: samplerState must be an object or null');
  }
  return s as DataLoaderState;
}

/**
 * Models from a short text, for command lines and saved models: `linear` (one `Linear` layer) or
 * `mlp:64,32` (Linear → ReLU → Linear → ReLU → Linear, hidden widths as listed). The text is kept
 * in saved models so that `gd predict` can build the same model again.
 */
import { type AnyModule, Linear, ReLU, Sequential } from '@gd/nn';
import { ValueError } from '@gd/tensor';

/** A parsed model spec: the hidden layer widths (none for `linear`). */
export interface ModelSpec {
  text: string;
  hidden: number[];
}

/** Parses `linear` or `mlp:W1,W2,...`; throws a ValueError saying what is accepted. */
export function parseModelSpec(text: string): ModelSpec {
  if (text === 'linear') return { text, hidden: [] };
  const m = /^mlp:(.+)$/.exec(text);
  if (m !== null) {
    const hidden = m[1]!.split(',').map((s) => Number(s.trim()));
    if (hidden.every((h) => Number.isInteger(h) && h > 0)) return { text, hidden };
  }
  throw new ValueError(`unknown model '${text}' (use linear or mlp:WIDTH[,WIDTH...], e.g. mlp:64,32)`);
}

/**
 * A fresh model for `spec` with PyTorch's default initialisation (drawn from the global
 * generator, so `manualSeed(s)` first makes it reproducible).
 * @example
 * const model = buildModel(parseModelSpec('mlp:16'), 4, 3); // Linear(4, 16) → ReLU → Linear(16, 3)
 */
export function buildModel(spec: ModelSpec, inFeatures: number, outFeatures: number): AnyModule {
  if (spec.hidden.length === 0) return new Linear(inFeatures, outFeatures);
  const layers: (Linear | ReLU)[] = [];
  let width = inFeatures;
  for (const h of spec.hidden) {
    layers.push(new Linear(width, h), new ReLU());
    width = h;
  }
  layers.push(new Linear(width, outFeatures));
  return new Sequential(...layers);
}

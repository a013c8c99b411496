/**
 * Loading a state dict into a module tree, with PyTorch's rules (`Module.load_state_dict`): each
 * module takes the keys `prefix + name` of its parameters and persistent buffers; a key that is
 * there is shape-checked and copied in place, one that is not is missing; a key under a module's
 * prefix that names neither one of its entries nor a child is unexpected. Shape mismatches are
 * always errors; missing and unexpected keys only when `strict`. All problems are reported at once,
 * and nothing is copied unless the whole load succeeds (PyTorch copies what it can before raising).
 */
import { Tensor, noGrad } from '@gd/autograd';
import { NDArray, formatShape } from '@gd/tensor';
import { StateDictError } from './errors.js';
import type { AnyModule } from './module.js';

/** A state dict: tensors by dotted name (`'0.weight'`), in module order. */
export type StateDict = Record<string, Tensor>;

/** What `loadStateDict` accepts: Tensors or NDArrays by name, as an object or a Map. */
export type StateDictInput = Readonly<Record<string, Tensor | NDArray>> | ReadonlyMap<string, Tensor | NDArray>;

/** Options of `loadStateDict`. */
export interface LoadStateDictOptions {
  /** Throw on missing or unexpected keys (default true). */
  strict?: boolean;
}

/** The keys that did not match, as PyTorch's `_IncompatibleKeys`. */
export interface LoadStateDictResult {
  missingKeys: string[];
  unexpectedKeys: string[];
}

/** Copies `state` into `root` (see the file comment); throws one StateDictError listing every problem. */
export function loadStateDict(root: AnyModule, state: StateDictInput, { strict = true }: LoadStateDictOptions = {}): LoadStateDictResult {
  const entries: [string, Tensor | NDArray][] =
    state instanceof Map ? [...(state as ReadonlyMap<string, Tensor | NDArray>)] : Object.entries(state as Readonly<Record<string, Tensor | NDArray>>);
  const missingKeys: string[] = [];
  const unexpectedKeys: string[] = [];
  const errors: string[] = [];
  const copies: [Tensor, Tensor | NDArray][] = [];

  const load = (m: AnyModule, local: [string, Tensor | NDArray][], prefix: string): void => {
    const own = m.localState();
    const byKey = new Map(local);
    for (const [name, target] of own) {
      const key = prefix + name;
      const value = byKey.get(key);
      if (value === undefined) {
        missingKeys.push(key);
        continue;
      }
      if (!(value instanceof Tensor) && !(value instanceof NDArray)) {
        errors.push(`While copying the parameter named "${key}", expected a Tensor or NDArray from checkpoint but received ${typeof value}`);
        continue;
      }
      if (!sameShape(value.shape, target.shape)) {
        errors.push(
          `size mismatch for ${key}: copying a param with shape ${formatShape(value.shape)} from checkpoint, ` +
            `the shape in current model is ${formatShape(target.shape)}.`,
        );
        continue;
      }
      copies.push([target, value]);
    }
    const children = m.childEntries();
    const known = new Set([...own.map(([n]) => n), ...children.map(([n]) => n)]);
    for (const [key] of local) {
      if (!key.startsWith(prefix)) continue;
      const head = key.slice(prefix.length).split('.', 1)[0]!;
      if (!known.has(head)) unexpectedKeys.push(key);
    }
    for (const [name, child] of children) {
      const childPrefix = `${prefix}${name}.`;
      load(
        child,
        local.filter(([k]) => k.startsWith(childPrefix)),
        childPrefix,
      );
    }
  };
  load(root, entries, '');

  if (strict) {
    if (unexpectedKeys.length > 0) errors.unshift(`Unexpected key(s) in state_dict: ${quoteAll(unexpectedKeys)}.`);
    if (missingKeys.length > 0) errors.unshift(`Missing key(s) in state_dict: ${quoteAll(missingKeys)}.`);
  }
  if (errors.length > 0) {
    throw new StateDictError(`Error(s) in loading state_dict for ${root.constructor.name}:\n\t${errors.join('\n\t')}`);
  }
  noGrad(() => {
    for (const [target, value] of copies) target.copy_(value);
  });
  return { missingKeys, unexpectedKeys };
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function quoteAll(keys: readonly string[]): string {
  return keys.map((k) => `"${k}"`).join(', ');
}

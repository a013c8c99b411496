/**
 * Parameter groups: what an optimizer is given (`[w, b]`, or `[{ params: [w] }, { params: [b],
 * lr: 0.01 }]`) normalised once, at the boundary, into groups that carry every option. A group's own
 * options override the optimizer's defaults; a required option (SGD's `lr`) must come from one or
 * the other. Messages are PyTorch's.
 */
import { Tensor } from '@gd/autograd';
import { ValueError } from '@gd/tensor';

/** The options every optimizer has. */
export interface OptimizerOptions {
  /** Learning rate. */
  lr: number;
}

/**
 * A parameter group as the optimizer keeps it: the parameters and every option of the optimizer.
 * `initialLr` is set by the first learning-rate scheduler attached to the optimizer (PyTorch's
 * `initial_lr`), so later schedulers start from the same base.
 */
export type ParamGroup<O extends OptimizerOptions = OptimizerOptions> = O & {
  params: Tensor[];
  initialLr?: number;
};

/** A parameter group as given to the optimizer: parameters, and any options to override. */
export type ParamGroupInit<O extends OptimizerOptions = OptimizerOptions> = Partial<O> & {
  params: Tensor | Iterable<Tensor>;
  initialLr?: number;
};

/** What an optimizer accepts: parameters, or parameter groups. */
export type ParamsInput<O extends OptimizerOptions = OptimizerOptions> = Iterable<Tensor> | Iterable<ParamGroupInit<O>>;

/** Keys a group may carry besides the optimizer's options. */
const GROUP_KEYS = new Set(['params', 'initialLr']);

/** The groups of `params`: one group of all the tensors, or the groups as given. */
export function normalizeParams<O extends OptimizerOptions>(params: ParamsInput<O>): ParamGroupInit<O>[] {
  if (params instanceof Tensor) {
    throw new TypeError('params argument given to the optimizer should be an iterable of Tensors or dicts, but got Tensor');
  }
  if (params === null || typeof params !== 'object' || !(Symbol.iterator in params)) {
    throw new TypeError(`params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${typeName(params)}`);
  }
  if (params instanceof Set) throw setError();
  const items = Array.from(params as Iterable<unknown>);
  if (items.length === 0) throw new ValueError('optimizer got an empty parameter list');
  // as PyTorch, the first item decides: a group object means a list of groups
  const first = items[0];
  const isGroup = first !== null && typeof first === 'object' && !(first instanceof Tensor) && 'params' in first;
  if (!isGroup) return [{ params: items } as unknown as ParamGroupInit<O>];
  return items as ParamGroupInit<O>[];
}

/**
 * A complete group from `init`: its parameters as an array, every option of `defaults` filled
 * in (arrays copied), unknown keys refused. `owner` names the optimizer in messages.
 */
export function completeGroup<O extends OptimizerOptions>(
  owner: string,
  init: ParamGroupInit<O>,
  defaults: Partial<O>,
  optionKeys: readonly string[],
): ParamGroup<O> {
  if (init === null || typeof init !== 'object' || init instanceof Tensor || Array.isArray(init)) {
    throw new TypeError('param group must be a dict');
  }
  const raw = init.params as unknown;
  let params: Tensor[];
  if (raw instanceof Tensor) params = [raw];
  else if (raw instanceof Set) throw setError();
  else if (raw !== null && typeof raw === 'object' && Symbol.iterator in raw) params = Array.from(raw as Iterable<Tensor>);
  else throw new TypeError(`${owner}: a parameter group needs "params" (a Tensor or an iterable of Tensors), got ${typeName(raw)}`);
  for (const p of params) {
    if (!(p instanceof Tensor)) throw new TypeError(`optimizer can only optimize Tensors, but one of the params is ${typeName(p)}`);
    if (!p.isLeaf) throw new ValueError("can't optimize a non-leaf Tensor");
  }
  const known = new Set<string>(optionKeys);
  for (const key of Object.keys(init)) {
    if (!known.has(key) && !GROUP_KEYS.has(key)) {
      throw new ValueError(`${owner}: unknown option '${key}' (options: ${optionKeys.join(', ')})`);
    }
  }
  const group = { params } as ParamGroup<O>;
  const target = group as unknown as Record<string, unknown>;
  const given = init as Record<string, unknown>;
  const fallback = defaults as Record<string, unknown>;
  for (const key of optionKeys) {
    const value = given[key] !== undefined ? given[key] : fallback[key];
    if (value === undefined) {
      throw new ValueError(`parameter group didn't specify a value of required optimization parameter ${key}`);
    }
    target[key] = Array.isArray(value) ? value.slice() : value;
  }
  if (init.initialLr !== undefined) group.initialLr = init.initialLr;
  return group;
}

function setError(): TypeError {
  return new TypeError(
    'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets will change between runs. Please use a list instead.',
  );
}

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return x.constructor?.name ?? 'object';
}

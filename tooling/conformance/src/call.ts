/**
 * Python's call binding for the reference files' PyTorch calls: positional and keyword arguments
 * onto a parameter list (`bind`), varargs sizes (`sizes`), and a method called by its PyTorch name
 * in camelCase (`callMethod`). Shared by every suite's binding table so that `a.sum(dim=1)` means
 * the same everywhere.
 */
import { UnsupportedError } from './unsupported.js';

export type Value = unknown;

/** The evaluated arguments of one call. */
export interface Call {
  args: Value[];
  kwargs: Record<string, Value>;
}

/** A method's parameters after `self`, or `'sizes'` for varargs sizes (`a.view(2, 3)`). */
export type Params = readonly string[] | 'sizes';

/** `index_select` → `indexSelect`, `requires_grad_` → `requiresGrad_`: PyTorch names as gd spells them. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

/**
 * Keyword arguments as a camelCase options object, every value kept (`batch_size=None` →
 * `{ batchSize: null }`: for some options None means something).
 */
export function camelKeys(kwargs: Readonly<Record<string, Value>>): Record<string, Value> {
  return Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camel(k), v]));
}

/** `table[name]` if `table` has it as its own entry (so `constructor` or `toString` is never a binding). */
export function lookup<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/**
 * Maps a call's positional and keyword arguments onto `params` (Python's rules, no `*args`): the
 * values in parameter order, unset ones `undefined`. Too many arguments, an unknown keyword or a
 * parameter given twice throws.
 *
 * @example
 * bind('sum', ['input', 'dim', 'keepdim'], { args: [x], kwargs: { keepdim: true } }); // [x, undefined, true]
 */
export function bind(what: string, params: readonly string[], { args, kwargs }: Call): Value[] {
  if (args.length > params.length) throw new UnsupportedError(`${what}: too many arguments`);
  const out: Value[] = [...args];
  for (const [k, v] of Object.entries(kwargs)) {
    const i = params.indexOf(k);
    if (i < 0) throw new UnsupportedError(`${what}: unknown keyword argument ${k}`);
    if (i < args.length) throw new UnsupportedError(`${what}: ${k} given twice`);
    out[i] = v;
  }
  return out;
}

/** {@link bind}, with the values by parameter name; a parameter the call does not set is absent. */
export function bindNamed(what: string, params: readonly string[], call: Call): Record<string, Value> {
  const values = bind(what, params, call);
  const out: Record<string, Value> = {};
  values.forEach((v, i) => (out[params[i]!] = v));
  return out;
}

/** Varargs sizes: `a.view(n, m)` and `a.view((n, m))` both mean the shape [n, m]. */
export function sizes(args: Value[]): number[] {
  if (args.length === 1 && Array.isArray(args[0])) return args[0] as number[];
  return args as number[];
}

/**
 * The arguments of a gd call for values bound to PyTorch's parameters: the first `positional` in
 * order, with trailing unset ones dropped so that gd's defaults apply, then the others that are set
 * (not None) as one camelCase options object (`alpha=2` → `{ alpha: 2 }`), if any.
 */
export function gdArguments(params: readonly string[], values: Value[], positional = params.length): Value[] {
  const args = values.slice(0, positional);
  const options: Record<string, Value> = {};
  for (let i = positional; i < params.length; i++) {
    if (values[i] !== undefined && values[i] !== null) options[camel(params[i]!)] = values[i];
  }
  if (Object.keys(options).length > 0) {
    args.length = positional;
    return [...args, options];
  }
  while (args.length && args[args.length - 1] === undefined) args.pop();
  return args;
}

/**
 * Calls the method of `obj` that gd names for the PyTorch method `name` (`index_select` →
 * `indexSelect`), with the call's arguments bound to `params` and passed as {@link gdArguments}.
 *
 * @example
 * callMethod(x, 'add', ['other', 'alpha'], { args: [y], kwargs: { alpha: 2 } }, 1); // x.add(y, { alpha: 2 })
 */
export function callMethod(obj: object, name: string, params: Params, call: Call, positional?: number): Value {
  const method = (obj as Record<string, unknown>)[camel(name)];
  if (typeof method !== 'function') throw new UnsupportedError(`${obj.constructor.name} has no method ${camel(name)}`);
  let args: Value[];
  if (params === 'sizes') {
    if (Object.keys(call.kwargs).length) throw new UnsupportedError(`${name}: keyword arguments`);
    args = sizes(call.args);
  } else {
    args = gdArguments(params, bind(name, params, call), positional);
  }
  return (method as (...a: Value[]) => Value).apply(obj, args);
}

/**
 * How PyTorch's messages print a value (`batch_size={}` in Python is `str(value)`): booleans as
 * True/False, null and undefined as None. Used so that gd's option errors read like PyTorch's.
 */

/** `str(value)` as Python would print the JS value in an f-string. */
export function pyStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') return className(value);
  return typeof value;
}

/** `repr(value)`: strings quoted, everything else as {@link pyStr}. */
export function pyRepr(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : pyStr(value);
}

/** True for an integer that is not a boolean (Python's `isinstance(x, int) and not isinstance(x, bool)`). */
export function isInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value);
}

/** A short description of a value for error messages. */
export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return `an array of length ${x.length}`;
  if (typeof x === 'object') return `an object of class ${className(x)}`;
  if (typeof x === 'string') return `string ${JSON.stringify(x)}`;
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') return `${typeof x} ${x}`;
  return typeof x;
}

function className(x: object): string {
  return (x.constructor as { name?: string } | undefined)?.name ?? 'Object';
}

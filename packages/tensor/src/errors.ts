/**
 * The typed errors of @gd/tensor. Every message names the operation first, then what did not fit
 * (shapes are printed with {@link formatShape}), so a user can find the call that failed.
 */

/** Base class of every error gd throws on bad input. */
export class GdError extends Error {
  override name = 'GdError';
}

/** Shapes that do not fit: broadcasting, reshaping, matmul, cat, ... */
export class ShapeError extends GdError {
  override name = 'ShapeError';
}

/** An operation that does not accept a dtype, or a value that does not fit one. */
export class DTypeError extends GdError {
  override name = 'DTypeError';
}

/** An index or dimension outside its range. */
export class IndexError extends GdError {
  override name = 'IndexError';
}

/** An argument with an invalid value (a negative size, a step of 0, an unknown option...). */
export class ValueError extends GdError {
  override name = 'ValueError';
}

/** `[3, 4]`: how every message prints a shape. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

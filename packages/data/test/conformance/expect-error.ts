/**
 * Checks a thrown error against a reference `{"type", "message"}`: the class by PyTorch's
 * exception name (RuntimeError is any gd error, TypeError a ValueError or DTypeError, since gd
 * has no TypeError of its own; PyTorch's `assert`s are ShapeError or ValueError) and the message by containment, with PyTorch's snake_case option
 * names in camelCase (`batch_size=0` reads `batchSize=0` in gd, which prefixes the operation).
 */
import { DTypeError, GdError, IndexError, ShapeError, ValueError } from '@gd/tensor';
import { UnsupportedExpr, camelizeMessage } from './data-eval.js';

export interface RefError {
  type: string;
  message: string;
}

const classes: Record<string, readonly (abstract new (...a: never[]) => Error)[]> = {
  ValueError: [ValueError],
  IndexError: [IndexError],
  RuntimeError: [ShapeError, GdError],
  TypeError: [DTypeError, ValueError],
  KeyError: [ValueError],
  AssertionError: [ShapeError, ValueError],
};

/** Runs `fn` and throws unless it fails the way `expected` says. */
export function expectRefError(what: string, fn: () => unknown, expected: RefError): void {
  let thrown: unknown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === null) throw new Error(`${what}: no error, expected ${expected.type}: ${expected.message}`);
  if (thrown instanceof UnsupportedExpr) throw thrown;
  const accepted = classes[expected.type];
  if (!accepted) throw new Error(`${what}: no gd counterpart for ${expected.type}`);
  const err = thrown as Error;
  if (!accepted.some((cls) => err instanceof cls)) {
    throw new Error(`${what}: ${err.name} (${err.message}) instead of ${expected.type}`);
  }
  const want = camelizeMessage(expected.message);
  if (!err.message.includes(want)) throw new Error(`${what}: message "${err.message}" does not contain "${want}"`);
}

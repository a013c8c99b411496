/**
 * Checks a thrown error against a reference `{"type", "message"}`: the class by PyTorch's
 * exception name (RuntimeError is any gd error, TypeError a ValueError or DTypeError, since gd
 * has no TypeError of its own; PyTorch's `assert`s are ShapeError or ValueError) and the message by containment, with PyTorch's snake_case option
 * names in camelCase (`batch_size=0` reads `batchSize=0` in gd, which prefixes the operation).
 */
import { OutOfScopeError, PythonSyntaxError, UnsupportedError, camel } from '@gd/conformance';
import { DTypeError, GdError, IndexError, ShapeError, ValueError } from '@gd/tensor';

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

/** Every snake_case word of a message in camelCase (PyTorch's messages name Python options). */
function camelizeMessage(message: string): string {
  return message.replace(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g, camel);
}

/** Runs `fn` and throws unless it fails the way `expected` says. */
export function expectRefError(what: string, fn: () => unknown, expected: RefError): void {
  let thrown: unknown = null;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === null) throw new Error(`${what}: no error, expected ${expected.type}: ${expected.message}`);
  // the evaluator's own failures (an unmapped name, unreadable Python) fail the case as they are
  if (thrown instanceof UnsupportedError || thrown instanceof OutOfScopeError || thrown instanceof PythonSyntaxError) throw thrown;
  const accepted = classes[expected.type];
  if (!accepted) throw new Error(`${what}: no gd counterpart for ${expected.type}`);
  const err = thrown as Error;
  if (!accepted.some((cls) => err instanceof cls)) {
    throw new Error(`${what}: ${err.name} (${err.message}) instead of ${expected.type}`);
  }
  const want = camelizeMessage(expected.message);
  if (!err.message.includes(want)) throw new Error(`${what}: message "${err.message}" does not contain "${want}"`);
}

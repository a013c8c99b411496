/**
 * The errors of an evaluator that meets Python it does not map. They are failures of the test (the
 * suite lacks a binding), never of the code under test, and they are thrown rather than skipped so
 * that a case no suite can evaluate fails.
 */

/** An expression, name, call or operator that the evaluating suite does not map. */
export class UnsupportedError extends Error {
  override name = 'UnsupportedError';
}

/** A case that needs a package the evaluating suite may not import (`F.*` belongs to @gd/nn). */
export class OutOfScopeError extends Error {
  override name = 'OutOfScopeError';
}

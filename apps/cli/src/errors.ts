/**
 * How the CLI fails. Bad input (a flag, a value, a file, a column) is a {@link UsageError}: one
 * line on stderr, exit code 2. A training run that fails (the loss becomes NaN or infinite) is a
 * {@link TrainingFailure}: exit code 1. Anything else is a bug and keeps its stack trace.
 */

export const EXIT_USAGE = 2;
export const EXIT_TRAINING = 1;
export const EXIT_INTERRUPTED = 130;

/** Bad input from the user: exit 2 with `message` alone. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A training run that failed: exit 1 with `message` alone. */
export class TrainingFailure extends Error {
  override name = 'TrainingFailure';
}

/**
 * Parsers for option values. Each returns the value or throws commander's InvalidArgumentError,
 * whose text commander puts after "option '--lr <rate>' argument '-1' is invalid." so the user
 * learns the flag, the value and what is accepted in one line.
 */
import { InvalidArgumentError } from 'commander';

function number(text: string): number {
  const v = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(v)) throw new InvalidArgumentError('It must be a number.');
  return v;
}

/** Any finite number. */
export function finiteNumber(text: string): number {
  return number(text);
}

/** A number > 0. */
export function positiveNumber(text: string): number {
  const v = number(text);
  if (!(v > 0)) throw new InvalidArgumentError('It must be a positive number.');
  return v;
}

/** A number ≥ 0. */
export function nonNegativeNumber(text: string): number {
  const v = number(text);
  if (!(v >= 0)) throw new InvalidArgumentError('It must be zero or a positive number.');
  return v;
}

/** An integer ≥ 1. */
export function positiveInt(text: string): number {
  const v = number(text);
  if (!Number.isInteger(v) || v < 1) throw new InvalidArgumentError('It must be a whole number of at least 1.');
  return v;
}

/** An integer ≥ 0. */
export function nonNegativeInt(text: string): number {
  const v = number(text);
  if (!Number.isInteger(v) || v < 0) throw new InvalidArgumentError('It must be a whole number, 0 or more.');
  return v;
}

/** A fraction in [0, 1). */
export function fraction(text: string): number {
  const v = number(text);
  if (!(v >= 0 && v < 1)) throw new InvalidArgumentError('It must be a fraction from 0 up to (not including) 1, e.g. 0.2.');
  return v;
}

/** A comma-separated list of integers ≥ 1, e.g. `1,10,20`. */
export function positiveIntList(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map(Number);
  if (parts.some((p) => p === '') || values.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new InvalidArgumentError('It must be whole numbers of at least 1, separated by commas, e.g. 1,10,20.');
  }
  return values;
}

/** A comma-separated list of names, e.g. `sgd,adam`. */
export function nameList(text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((n) => n === '')) throw new InvalidArgumentError('It must be names separated by commas.');
  return names;
}

/** Two numbers `b1,b2` (Adam's betas), each in [0, 1). */
export function betas(text: string): [number, number] {
  const v = text.split(',').map((s) => Number(s.trim()));
  if (v.length !== 2 || v.some((b) => !(b >= 0 && b < 1))) throw new InvalidArgumentError('It must be two numbers in [0, 1), e.g. 0.9,0.999.');
  return [v[0]!, v[1]!];
}

/** One of `choices`. */
export function oneOf<T extends string>(choices: readonly T[]): (text: string) => T {
  return (text) => {
    if (!(choices as readonly string[]).includes(text)) throw new InvalidArgumentError(`It must be one of ${choices.join(', ')}.`);
    return text as T;
  };
}

/**
 * Python's operators for the evaluator: on two numbers by Python's rules (`//` floors, `%` takes
 * the divisor's sign), `+` on two lists by concatenating them, on anything else through a suite's
 * {@link Operators}, which {@link torchOperators} builds from a library with PyTorch's function
 * names (`add`, `matmul`, `lt`, ...). An operator neither maps throws, so a case using it fails.
 */
import type { Value } from './call.js';
import { UnsupportedError } from './unsupported.js';

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<' | '>' | '<=' | '>=' | '==' | '!=';

/** The operators on a tensor operand; a missing one is not mapped. */
export type Operators = Readonly<Partial<Record<BinaryOp, (a: Value, b: Value) => Value>>> & {
  /** `-x` */
  readonly neg?: (x: Value) => Value;
};

type Fn2 = (a: never, b: never) => unknown;

/** The functions of a library (gd's ops, or @gd/autograd's) that Python's operators call. */
export interface OperatorLibrary {
  add: Fn2;
  sub: Fn2;
  mul: Fn2;
  div: Fn2;
  pow: Fn2;
  matmul: Fn2;
  lt: Fn2;
  le: Fn2;
  gt: Fn2;
  ge: Fn2;
  eq: Fn2;
  ne: Fn2;
  neg: (x: never) => unknown;
}

/** Python's operators on tensors as the library's functions: `a + b` is `lib.add(a, b)`, and so on. */
export function torchOperators(lib: OperatorLibrary): Operators {
  const op =
    (fn: Fn2) =>
    (a: Value, b: Value): Value =>
      (fn as (x: Value, y: Value) => Value)(a, b);
  return {
    '+': op(lib.add),
    '-': op(lib.sub),
    '*': op(lib.mul),
    '/': op(lib.div),
    '**': op(lib.pow),
    '@': op(lib.matmul),
    '<': op(lib.lt),
    '<=': op(lib.le),
    '>': op(lib.gt),
    '>=': op(lib.ge),
    '==': op(lib.eq),
    '!=': op(lib.ne),
    neg: (x) => (lib.neg as (x: Value) => Value)(x),
  };
}

/** `a op b` for two numbers as Python computes it, or undefined for an operator numbers lack (`@`). */
function numberOperator(op: string, a: number, b: number): number | boolean | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b;
    case '//':
      return Math.floor(a / b);
    case '%':
      return a - Math.floor(a / b) * b;
    case '**':
      return a ** b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
  return undefined;
}

/** `a op b`: numbers by Python's rules, `list + list` concatenated, anything else by `operators`. */
export function binaryOperator(op: string, a: Value, b: Value, operators: Operators): Value {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = numberOperator(op, a, b);
    if (r !== undefined) return r;
  }
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) return [...(a as Value[]), ...(b as Value[])];
  const fn = Object.hasOwn(operators, op) ? operators[op as BinaryOp] : undefined;
  if (!fn) throw new UnsupportedError(`operator ${op} is not mapped`);
  return fn(a, b);
}

/** `-x`, `+x` and `not x`: numbers, booleans and None by Python's rules, `-tensor` by `operators.neg`. */
export function unaryOperator(op: '-' | '+' | 'not', x: Value, operators: Operators): Value {
  if (op === '+') return x;
  if (op === 'not') {
    if (typeof x === 'number' || typeof x === 'boolean' || x === null) return !x;
    throw new UnsupportedError('not is mapped for numbers, booleans and None only');
  }
  if (typeof x === 'number') return -x;
  if (!operators.neg) throw new UnsupportedError('unary - is not mapped');
  return operators.neg(x);
}

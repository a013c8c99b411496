/**
 * The table of every differentiable primitive, by name. Its type maps each name of every family's
 * op list to a rule, so an op without a backward rule is a compile error. Tests walk the table to
 * check every rule against finite differences; nothing else needs it (each op calls its own rule).
 */
import type { AnyRule } from '../rule.js';
import { type BinaryOp, binaryRules } from './binary.js';
import { type IndexingOp, indexingRules } from './indexing.js';
import { type JoinOp, joinRules } from './join.js';
import { type MatmulOp, matmulRules } from './matmul.js';
import { type MovementOp, movementRules } from './movement.js';
import { type ReduceOp, reduceRules } from './reduce.js';
import { type SoftmaxOp, softmaxRules } from './softmax.js';
import { type UnaryOp, unaryRules } from './unary.js';

/** The name of every differentiable primitive. */
export type OpName = UnaryOp | BinaryOp | ReduceOp | SoftmaxOp | MovementOp | IndexingOp | JoinOp | MatmulOp;

/** Every primitive's rule (forward and backward side by side). */
export const rules: { readonly [K in OpName]: AnyRule } = {
  ...unaryRules,
  ...binaryRules,
  ...reduceRules,
  ...softmaxRules,
  ...movementRules,
  ...indexingRules,
  ...joinRules,
  ...matmulRules,
};

/**
 * Questions about a parsed expression that need no evaluation: is it a Python int or float (which
 * decides the dtype of `torch.tensor([2, 0, 2])` and `torch.arange(6.0)`, since JS numbers do not
 * tell), and does it use a name (does a case call `F.*`, is a statement the one in terms of `i`)?
 */
import type { Env } from './evaluate.js';
import { type Expr, type Target, parseExpr } from './python-expr.js';

/** Is this expression a Python int (so that `torch.tensor([2, 0, 2])` is an integer tensor)? */
export function isIntExpr(e: Expr, env: Env): boolean {
  switch (e.kind) {
    case 'num':
      return e.isInt;
    case 'name':
      return Number.isInteger(env[e.id]);
    case 'unary':
      return isIntExpr(e.operand, env);
    case 'binary':
      return e.op !== '/' && e.op !== '**' && isIntExpr(e.left, env) && isIntExpr(e.right, env);
    case 'list':
    case 'tuple':
      return e.items.every((x) => isIntExpr(x, env));
    default:
      return false;
  }
}

/**
 * Is this expression a Python float: a float literal, or a true division, anywhere in its
 * arithmetic (so that `torch.arange(6.0)` is float32 while `torch.arange(L)` stays an integer)?
 * Names and calls count as ints.
 */
export function isFloatExpr(e: Expr): boolean {
  switch (e.kind) {
    case 'num':
      return !e.isInt;
    case 'unary':
      return isFloatExpr(e.operand);
    case 'binary':
      return e.op === '/' || isFloatExpr(e.left) || isFloatExpr(e.right);
    case 'list':
    case 'tuple':
      return e.items.some(isFloatExpr);
    default:
      return false;
  }
}

function binds(target: Target, id: string): boolean {
  return target.kind === 'name' ? target.id === id : target.items.some((t) => binds(t, id));
}

/** Does a node of the AST (or a list or record of nodes) use the name `id` from outside? */
function mentions(node: unknown, id: string): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const e = node as Expr;
  if (e.kind === 'name') return e.id === id;
  if (e.kind !== 'listcomp') return Object.values(node).some((v) => mentions(v, id));
  // a loop variable named `id` hides the outer name from the clauses after it and from the element
  for (const c of e.clauses) {
    if (mentions(c.kind === 'if' ? c.cond : c.iter, id)) return true;
    if (c.kind === 'for' && binds(c.target, id)) return false;
  }
  return mentions(e.elt, id);
}

/**
 * Does the expression use the name `id` (`usesName(src, 'F')`: does it call torch.nn.functional)?
 * A comprehension's own loop variable is not a use (`[i for i in x]` does not use `i`).
 */
export function usesName(src: string | Expr, id: string): boolean {
  return mentions(typeof src === 'string' ? parseExpr(src) : src, id);
}

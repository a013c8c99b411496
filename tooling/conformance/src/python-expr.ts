/**
 * A parser for the small subset of Python that the reference files use to describe a case
 * (`a.sum(dim=1, keepdim=True)`, `a[..., 1]`, `torch.cat([a, b], dim=-1)`, `2.0 ** a`,
 * `torch.manual_seed(0); torch.randn(3)`, `[b[0].tolist() for b in loader]`). It produces an AST;
 * each test suite evaluates it with its own bindings, so the same files can drive every suite.
 */

export type Expr =
  | { kind: 'num'; value: number; isInt: boolean }
  | { kind: 'str'; value: string }
  | { kind: 'const'; value: null | true | false | 'ellipsis' }
  | { kind: 'name'; id: string }
  | { kind: 'attr'; obj: Expr; name: string }
  | { kind: 'call'; fn: Expr; args: Expr[]; kwargs: Record<string, Expr> }
  | { kind: 'index'; obj: Expr; items: Expr[] }
  | { kind: 'slice'; start: Expr | null; stop: Expr | null; step: Expr | null }
  | { kind: 'list'; items: Expr[] }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'unary'; op: '-' | '+' | 'not'; operand: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'listcomp'; elt: Expr; clauses: Clause[] };

/** A loop variable or a tuple of them (`b`, `p, L`, `(i, (a, b))`). */
export type Target = { kind: 'name'; id: string } | { kind: 'tuple'; items: Target[] };

/** One `for target in iter` or `if cond` of a list comprehension, in source order. */
export type Clause = { kind: 'for'; target: Target; iter: Expr } | { kind: 'if'; cond: Expr };

export type Statement = { kind: 'assign'; target: string; value: Expr } | { kind: 'expr'; value: Expr };

export class PythonSyntaxError extends Error {
  override name = 'PythonSyntaxError';
}

type Token = { t: 'num' | 'str' | 'name' | 'op' | 'end'; v: string };

const OPS = ['**', '//', '==', '!=', '<=', '>=', '...', '+', '-', '*', '/', '@', '%', '<', '>', '(', ')', '[', ']', ',', ':', '.', '=', ';'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '#') break; // a comment runs to the end of the line
    if (c === ' ' || c === '\t' || c === '\n') {
      i++;
      continue;
    }
    const num = /^(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(src.slice(i));
    if (num && !(c === '.' && src.slice(i, i + 3) === '...')) {
      out.push({ t: 'num', v: num[0] });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      out.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new PythonSyntaxError(`unterminated string in ${src}`);
      out.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new PythonSyntaxError(`unexpected character ${JSON.stringify(c)} at ${i} in ${src}`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  out.push({ t: 'end', v: '' });
  return out;
}

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly src: string,
  ) {}

  private peek(): Token {
    return this.tokens[this.pos]!;
  }
  private next(): Token {
    return this.tokens[this.pos++]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private expect(v: string): void {
    const t = this.next();
    if (t.t !== 'op' || t.v !== v) throw new PythonSyntaxError(`expected '${v}' but found '${t.v}' in ${this.src}`);
  }
  private isName(v: string): boolean {
    const t = this.peek();
    return t.t === 'name' && t.v === v;
  }
  atEnd(): boolean {
    return this.peek().t === 'end';
  }

  statements(): Statement[] {
    const out: Statement[] = [];
    while (!this.atEnd()) {
      if (this.isOp(';')) {
        this.next();
        continue;
      }
      const t0 = this.tokens[this.pos]!;
      const t1 = this.tokens[this.pos + 1];
      if (t0.t === 'name' && t1?.t === 'op' && t1.v === '=') {
        this.pos += 2;
        out.push({ kind: 'assign', target: t0.v, value: this.expr() });
      } else {
        out.push({ kind: 'expr', value: this.expr() });
      }
      if (!this.atEnd()) this.expect(';');
    }
    return out;
  }

  expr(): Expr {
    return this.comparison();
  }

  private comparison(): Expr {
    let left = this.arith();
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && ['<', '>', '<=', '>=', '==', '!='].includes(t.v)) {
        this.next();
        left = { kind: 'binary', op: t.v, left, right: this.arith() };
      } else return left;
    }
  }

  private arith(): Expr {
    let left = this.term();
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && (t.v === '+' || t.v === '-')) {
        this.next();
        left = { kind: 'binary', op: t.v, left, right: this.term() };
      } else return left;
    }
  }

  private term(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.t === 'op' && ['*', '/', '//', '%', '@'].includes(t.v)) {
        this.next();
        left = { kind: 'binary', op: t.v, left, right: this.unary() };
      } else return left;
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.t === 'op' && (t.v === '-' || t.v === '+')) {
      this.next();
      return { kind: 'unary', op: t.v, operand: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (this.isOp('**')) {
      this.next();
      // right-associative, binds tighter than unary minus on its left: -a ** 2 == -(a ** 2)
      return { kind: 'binary', op: '**', left: base, right: this.unary() };
    }
    return base;
  }

  private postfix(): Expr {
    let e = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const n = this.next();
        if (n.t !== 'name') throw new PythonSyntaxError(`expected a name after '.' in ${this.src}`);
        e = { kind: 'attr', obj: e, name: n.v };
      } else if (this.isOp('(')) {
        this.next();
        const args: Expr[] = [];
        const kwargs: Record<string, Expr> = {};
        while (!this.isOp(')')) {
          const t0 = this.tokens[this.pos]!;
          const t1 = this.tokens[this.pos + 1];
          if (t0.t === 'name' && t1?.t === 'op' && t1.v === '=') {
            this.pos += 2;
            kwargs[t0.v] = this.expr();
          } else args.push(this.expr());
          if (!this.isOp(')')) this.expect(',');
        }
        this.next();
        e = { kind: 'call', fn: e, args, kwargs };
      } else if (this.isOp('[')) {
        this.next();
        const items: Expr[] = [];
        while (!this.isOp(']')) {
          items.push(this.subscriptItem());
          if (!this.isOp(']')) this.expect(',');
        }
        this.next();
        e = { kind: 'index', obj: e, items };
      } else return e;
    }
  }

  private subscriptItem(): Expr {
    let start: Expr | null = null;
    if (!this.isOp(':')) {
      start = this.expr();
      if (!this.isOp(':')) return start;
    }
    this.expect(':');
    let stop: Expr | null = null;
    let step: Expr | null = null;
    if (!this.isOp(':') && !this.isOp(',') && !this.isOp(']')) stop = this.expr();
    if (this.isOp(':')) {
      this.next();
      if (!this.isOp(',') && !this.isOp(']')) step = this.expr();
    }
    return { kind: 'slice', start, stop, step };
  }

  private atom(): Expr {
    const t = this.next();
    if (t.t === 'num') {
      const isInt = /^\d+$/.test(t.v);
      return { kind: 'num', value: Number(t.v), isInt };
    }
    if (t.t === 'str') return { kind: 'str', value: t.v };
    if (t.t === 'name') {
      if (t.v === 'None') return { kind: 'const', value: null };
      if (t.v === 'True') return { kind: 'const', value: true };
      if (t.v === 'False') return { kind: 'const', value: false };
      return { kind: 'name', id: t.v };
    }
    if (t.t === 'op' && t.v === '...') return { kind: 'const', value: 'ellipsis' };
    if (t.t === 'op' && t.v === '[') {
      const items: Expr[] = [];
      while (!this.isOp(']')) {
        items.push(this.expr());
        if (items.length === 1 && this.isName('for')) return this.comprehension(items[0]!);
        if (!this.isOp(']')) this.expect(',');
      }
      this.next();
      return { kind: 'list', items };
    }
    if (t.t === 'op' && t.v === '(') {
      const items: Expr[] = [];
      let tuple = false;
      while (!this.isOp(')')) {
        items.push(this.expr());
        if (!this.isOp(')')) {
          this.expect(',');
          tuple = true;
        }
      }
      this.next();
      if (!tuple && items.length === 1) return items[0]!;
      return { kind: 'tuple', items };
    }
    throw new PythonSyntaxError(`unexpected '${t.v}' in ${this.src}`);
  }

  /** The rest of `[elt for ... in ... if ...]` after `elt`, up to and including the `]`. */
  private comprehension(elt: Expr): Expr {
    const clauses: Clause[] = [];
    while (!this.isOp(']')) {
      if (this.isName('for')) {
        this.next();
        const target = this.targetList();
        if (!this.isName('in')) throw new PythonSyntaxError(`expected 'in' in the comprehension of ${this.src}`);
        this.next();
        clauses.push({ kind: 'for', target, iter: this.expr() });
      } else if (this.isName('if')) {
        this.next();
        clauses.push({ kind: 'if', cond: this.expr() });
      } else {
        throw new PythonSyntaxError(`expected 'for', 'if' or ']' in the comprehension of ${this.src}`);
      }
    }
    this.next();
    return { kind: 'listcomp', elt, clauses };
  }

  /** `a`, `a, b` or `(a, (b, c))`: the names a `for` binds. */
  private targetList(): Target {
    const items: Target[] = [this.target()];
    while (this.isOp(',')) {
      this.next();
      items.push(this.target());
    }
    return items.length === 1 ? items[0]! : { kind: 'tuple', items };
  }

  private target(): Target {
    const t = this.next();
    if (t.t === 'name') return { kind: 'name', id: t.v };
    if (t.t === 'op' && t.v === '(') {
      const inner = this.targetList();
      this.expect(')');
      return inner;
    }
    throw new PythonSyntaxError(`expected a loop variable but found '${t.v}' in ${this.src}`);
  }
}

/** Parses one expression (a trailing `# comment` is ignored). */
export function parseExpr(src: string): Expr {
  const p = new Parser(tokenize(src), src);
  const e = p.expr();
  if (!p.atEnd()) throw new PythonSyntaxError(`unexpected text after the expression in ${src}`);
  return e;
}

/** Parses `;`-separated statements: expressions and `name = expr` assignments. */
export function parseStatements(src: string): Statement[] {
  return new Parser(tokenize(src), src).statements();
}

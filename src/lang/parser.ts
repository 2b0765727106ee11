// Parser for q: tokens → AST.
//
// q has no precedence: an expression is a row of terms evaluated right to left.
// Each term is a noun (constant, name, parenthesised expression, lambda, bracket
// application) or a verb (an operator glyph, an infix keyword such as `in`, or
// anything with an iterator attached: `+/`, `f'`). The row folds from the left:
//
//   noun verb rest   → verb applied infix to noun and (rest)      x+y
//   noun verb        → verb projected on its left argument       (2+)
//   noun rest        → noun applied to (rest) by juxtaposition   f x, v 1
//   verb rest        → verb applied prefix to (rest)              -x, +/x
//   name : rest      → assignment (also ::, +:, name[i]: …)
//
// AST (Node):
//   const   { lit }                       constant from the source (lexer's Lit)
//   splice  { index }                     a JS value spliced in by the tagged template
//   value   { v }                         an engine value (from eval of a parse tree)
//   name    { name }                      variable reference
//   prim    { op }                        operator as a value: + - … : :: ' 0: and the k
//                                         unary forms +: #: … (from `(+)x` or `+:x`)
//   iter    { adv, f }                    derived function f' f/ f\ f': f/: f\:
//   app     { f, args, how }              application; args null = elided (projection);
//                                         how: 'bracket' f[a;b] | 'prefix' f x | 'infix' x f y
//                                         | 'compose': '[f;g] from a row ending in a verb, 2*1+
//   list    { items, holes? }             (a;b;c) and (); an empty item is `::` (holes: their
//                                         indices; evaluated, such a list projects enlist)
//   lambda  { params, locals, body, src } {[a;b] …}; params implicit x y z when not given
//   assign  { name, global, op?, index?, value, src? }   a:v  a::v  a+:v  a[i]:v  a[i;j],:v
//                                         (src: the text of v in a top-level a::v, a view)
//   cond    { args }                      $[c;t;f;…]
//   ctrl    { word, args }                if[…] do[…] while[…]
//   ret     { value }                     :x inside a lambda
//   signal  { value }                     'x
//   seq     { stmts }                     a;b;c at top level (null = empty statement)
//   table   { keys, cols }                ([] a:1 2; b) and keyed ([k:1 2] v:3 4)
//   ext     { kind, data }                a construct of a later layer (q-sql: kind 'qsql'),
//                                         evaluated through eval.ts's `extensions[kind]`
//   nyi     { what }                      a construct no layer handles yet
//
// Conversion to q parse trees (for `parse`) is done by the evaluator, which owns
// the engine values; `toTree` here gives the same shape in plain JS for tests.

import { lex, stripComments, type Lit, type Token } from './lexer.js';
import { qerr } from './error.js';

export type Node =
  | { k: 'const'; lit: Lit }
  | { k: 'splice'; index: number }
  | { k: 'value'; v: unknown }
  | { k: 'name'; name: string }
  | { k: 'prim'; op: string }
  | { k: 'iter'; adv: string; f: Node }
  | { k: 'app'; f: Node; args: (Node | null)[]; how: 'bracket' | 'prefix' | 'infix' | 'compose' }
  | { k: 'list'; items: Node[]; holes?: number[] }
  | { k: 'lambda'; params: string[]; locals: string[]; body: (Node | null)[]; src: string }
  | { k: 'assign'; name: string; global: boolean; op?: string; index?: (Node | null)[]; value: Node; src?: string }
  | { k: 'cond'; args: (Node | null)[] }
  | { k: 'ctrl'; word: 'if' | 'do' | 'while'; args: (Node | null)[] }
  | { k: 'ret'; value: Node }
  | { k: 'signal'; value: Node }
  | { k: 'seq'; stmts: (Node | null)[] }
  | { k: 'table'; keys: { name: string; value: Node }[]; cols: { name: string; value: Node }[] }
  | { k: 'ext'; kind: string; data: unknown }
  | { k: 'nyi'; what: string };

/** A keyword that opens a template running to the end of its statement (q-sql's
 *  select exec update delete): its layer registers how to read the tokens into
 *  the data of an `{k:'ext', kind}` node, so the parser imports no later layer. */
export interface TemplateReader {
  kind: string;
  parse(word: string, toks: Token[], sub: (toks: Token[]) => Node): unknown;
}
export const TEMPLATES = new Map<string, TemplateReader>();

/** Keywords with infix syntax: q lets these (and only these names) sit between arguments. */
export const INFIX_KEYWORDS: ReadonlySet<string> = new Set([
  'and', 'asof', 'bin', 'binr', 'cor', 'cov', 'cross', 'cut', 'div', 'dsave', 'each', 'ema',
  'except', 'fby', 'ij', 'ijf', 'in', 'insert', 'inter', 'like', 'lj', 'ljf', 'lsq', 'mavg',
  'mcount', 'mdev', 'mmax', 'mmin', 'mmu', 'mod', 'msum', 'or', 'over', 'peach', 'pj', 'prior',
  'rotate', 'rsave', 'scan', 'scov', 'set', 'setenv', 'ss', 'sublist', 'sv', 'uj', 'ujf',
  'union', 'upsert', 'vs', 'wavg', 'within', 'wsum', 'xasc', 'xbar', 'xcol', 'xcols', 'xdesc',
  'xexp', 'xgroup', 'xkey', 'xlog', 'xprev', 'xrank',
]);

/** Keywords that are unary functions: they apply to what follows by juxtaposition
 *  (`count x`); before an operator they are nouns (`til~til`, `count . x`), and a
 *  final operator composes with them (`(neg+)`). */
export const UNARY_KEYWORDS: ReadonlySet<string> = new Set([
  'abs', 'acos', 'all', 'any', 'asc', 'asin', 'atan', 'attr', 'avg', 'avgs', 'ceiling', 'cols', 'cos', 'count',
  'deltas', 'desc', 'dev', 'differ', 'distinct', 'enlist', 'eval', 'exp', 'fills', 'first', 'flip', 'floor', 'get',
  'group', 'hcount', 'hdel', 'hopen', 'hsym', 'iasc', 'idesc', 'inv', 'key', 'keys', 'last', 'load', 'log',
  'lower', 'ltrim', 'max', 'maxs', 'med', 'meta', 'min', 'mins', 'neg', 'next', 'not', 'null', 'parse', 'prd',
  'prds', 'prev', 'rank', 'ratios', 'raze', 'read0', 'read1', 'reciprocal', 'reverse', 'rtrim', 'sdev', 'show',
  'signum', 'sin', 'sqrt', 'string', 'sum', 'sums', 'svar', 'system', 'tables', 'tan', 'til', 'trim', 'type',
  'ungroup', 'upper', 'value', 'var', 'where',
]);

const CONTROL = new Set(['if', 'do', 'while']);

interface Term {
  node: Node;
  verb: boolean;
  /** a unary keyword: composes with an operator that ends its row (`(neg+)`) */
  unary?: boolean;
  /** a parenthesised operator: applied prefix it means its unary form */
  parenPrim?: boolean;
  /** written in parentheses: as an assignment target it is a pattern (basics/pattern.md) */
  paren?: boolean;
}

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
/** Depth of ([…]…) literals being read: their entries may have no value (a null pattern). */
let inTableLiteral = 0;

class Parser {
  private i = 0;
  constructor(private readonly toks: Token[], private readonly src: string) {}

  private peek(o = 0): Token | undefined { return this.toks[this.i + o]; }
  private isPunct(t: Token | undefined, p: string): boolean { return !!t && t.kind === 'punct' && t.text === p; }

  private expect(p: string): Token {
    const t = this.toks[this.i];
    if (!this.isPunct(t, p)) throw qerr('parse');
    this.i++;
    return t;
  }

  /** Expressions separated by `;` up to (not including) `closer`, or to the end. */
  statements(closer: string | null): (Node | null)[] {
    const out: (Node | null)[] = [];
    for (;;) {
      const start = this.i;
      out.push(this.expr());
      if (closer === null) this.viewText(out[out.length - 1], start);
      const t = this.peek();
      if (!t) {
        if (closer !== null) throw qerr('parse');
        return out;
      }
      if (this.isPunct(t, ';')) { this.i++; continue; }
      if (closer !== null && this.isPunct(t, closer)) return out;
      // an unmatched closer is the error q names after it: {)} is ') (ref/apply.md)
      throw qerr(t.kind === 'punct' && (t.text === ')' || t.text === ']' || t.text === '}') ? t.text : 'parse');
    }
  }

  /** A top-level name::expr keeps the text of expr: at the console it defines a view (ref/view.md).
   *  The definition runs to the end of the input, semicolons and all (learn/views.md: v::a;b;select…
   *  is one view of three expressions, and vv::a; returns ::). */
  private viewText(n: Node | null, start: number): void {
    if (n?.k !== 'assign' || !n.global || n.index || n.op || this.i <= start + 2) return;
    const op = this.toks[start + 1];
    if (op?.kind !== 'op' || op.text !== '::') return;
    if (this.isPunct(this.peek(), ';')) {
      const stmts = [n.value as Node | null];
      while (this.isPunct(this.peek(), ';')) { this.i++; stmts.push(this.expr()); }
      n.value = { k: 'seq', stmts };
    }
    n.src = this.src.slice(op.end, this.toks[this.i - 1].end).trim();
  }

  /** One expression: a row of terms up to `;`, a closer, or the end. */
  expr(): Node | null {
    const terms: Term[] = [];
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'punct' && (t.text === ';' || t.text === ')' || t.text === ']' || t.text === '}')) break;
      terms.push(this.term());
    }
    return fold(terms, 0);
  }

  private term(): Term {
    let term = this.primary();
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (this.isPunct(t, '[')) {
        this.i++;
        const args = this.statements(']');
        this.expect(']');
        term = { node: { k: 'app', f: term.node, args: args.length === 1 && args[0] === null ? [] : args, how: 'bracket' }, verb: false };
        continue;
      }
      if (t.kind === 'adv') {
        this.i++;
        term = { node: { k: 'iter', adv: t.text, f: term.node }, verb: true };
        continue;
      }
      break;
    }
    return term;
  }

  private primary(): Term {
    const t = this.toks[this.i++];
    switch (t.kind) {
      case 'const':
        if (t.lit!.type === 999) return { node: { k: 'splice', index: t.lit!.data[0] as number }, verb: false };
        return { node: { k: 'const', lit: t.lit! }, verb: false };
      case 'name': {
        const template = TEMPLATES.get(t.text);
        if (template) {
          // a template (q-sql) runs to the end of its statement; its layer reads it
          const start = this.i;
          let depth = 0;
          for (;;) {
            const u = this.peek();
            if (!u) break;
            if (u.kind === 'punct') {
              if (u.text === '(' || u.text === '[' || u.text === '{') depth++;
              else if (u.text === ')' || u.text === ']' || u.text === '}') { if (depth === 0) break; depth--; }
              else if (u.text === ';' && depth === 0) break;
            }
            this.i++;
          }
          const data = template.parse(t.text, this.toks.slice(start, this.i), (ts) => {
            const p = new Parser(ts, this.src);
            const n = p.expr();
            if (n === null || p.i < ts.length) throw qerr('parse');
            return n;
          });
          return { node: { k: 'ext', kind: template.kind, data }, verb: false };
        }
        if (CONTROL.has(t.text) && this.isPunct(this.peek(), '[')) {
          this.i++;
          const args = this.statements(']');
          this.expect(']');
          return { node: { k: 'ctrl', word: t.text as 'if' | 'do' | 'while', args }, verb: false };
        }
        return {
          node: { k: 'name', name: t.text },
          verb: INFIX_KEYWORDS.has(t.text) && !this.isPunct(this.peek(), '['),
          unary: UNARY_KEYWORDS.has(t.text) && !this.isPunct(this.peek(), '['),
        };
      }
      case 'op': {
        if (t.text === ':' && this.isPunct(this.peek(), '[') && !this.peek()!.ws) {
          this.i++;
          const args = this.statements(']');
          this.expect(']');
          if (args.length >= 2) return { node: { k: 'ext', kind: 'pcond', data: { args, names: patternNames(args.filter((_, j) => j % 2 === 1)) } }, verb: false };
          return { node: { k: 'app', f: { k: 'prim', op: ':' }, args, how: 'bracket' }, verb: false };
        }
        if (t.text === '$' && this.isPunct(this.peek(), '[') && !this.peek()!.ws) {
          const save = this.i;
          this.i++;
          const args = this.statements(']');
          this.expect(']');
          if (args.length >= 3) return { node: { k: 'cond', args }, verb: false };
          this.i = save; // $[x;y] is Cast applied with brackets
        }
        return { node: { k: 'prim', op: t.text }, verb: true };
      }
      case 'punct': {
        if (t.text === '(') {
          if (this.isPunct(this.peek(), '[')) return { node: this.table(), verb: false, paren: true };
          const items = this.statements(')');
          this.expect(')');
          if (items.length === 1) {
            const only = items[0];
            if (only === null) return { node: { k: 'list', items: [] }, verb: false };
            return { node: only, verb: false, parenPrim: only.k === 'prim', paren: true };
          }
          const holes = items.flatMap((x, j) => (x === null ? [j] : []));
          return { node: { k: 'list', items: items.map((x) => x ?? { k: 'prim', op: '::' }), ...(holes.length ? { holes } : {}) }, verb: false, paren: true };
        }
        if (t.text === '{') return { node: this.lambda(t), verb: false };
        throw qerr('parse');
      }
      case 'adv':
        throw qerr('parse');
    }
  }

  /** ([keys] cols): each column `name:expr`, or a name standing for itself. */
  private table(): Node {
    this.expect('[');
    inTableLiteral++;
    try {
      const keys = columns(this.statements(']'));
      this.expect(']');
      const cols = columns(this.statements(')'));
      this.expect(')');
      return { k: 'table', keys, cols };
    } finally { inTableLiteral--; }
  }

  private lambda(open: Token): Node {
    let params: string[] | null = null;
    const patterns: Node[] = [];
    if (this.isPunct(this.peek(), '[')) {
      this.i++;
      params = [];
      for (;;) {
        const t = this.peek();
        if (!t) throw qerr('parse');
        if (this.isPunct(t, ']')) { this.i++; break; }
        if (t.kind === 'name' && !t.text.includes('.') && (this.isPunct(this.peek(1), ';') || this.isPunct(this.peek(1), ']'))) {
          params.push(t.text);
          this.i++;
          if (this.isPunct(this.peek(), ';')) { this.i++; if (this.isPunct(this.peek(), ']')) params.push(' p' + params.length); }
          continue;
        }
        // a pattern parameter (basics/pattern.md): a hidden name matched on entry; `;]` is a null pattern
        const pat = this.expr();
        const hidden = ' p' + params.length;
        params.push(hidden);
        if (pat !== null) patterns.push({ k: 'ext', kind: 'match', data: { pat, value: { k: 'name', name: hidden }, names: patternNames([pat]) } });
        if (this.isPunct(this.peek(), ';')) { this.i++; if (this.isPunct(this.peek(), ']')) params.push(' p' + params.length); continue; }
        if (!this.isPunct(this.peek(), ']')) throw qerr('parse');
      }
      if (params.length > 8) throw qerr('params');
    }
    const body = [...patterns, ...this.statements('}')];
    const close = this.expect('}');
    const src = this.src.slice(open.pos, close.end);
    const used = new Set<string>();
    const assigned = new Set<string>();
    for (const s of body) if (s) scan(s, used, assigned);
    if (params === null) {
      params = used.has('z') ? ['x', 'y', 'z'] : used.has('y') ? ['x', 'y'] : ['x'];
    }
    const locals = [...assigned].filter((n) => !params!.includes(n));
    globalThenLocal(body, locals);
    return { k: 'lambda', params, locals, body, src };
  }
}

function columns(stmts: (Node | null)[]): { name: string; value: Node }[] {
  const out: { name: string; value: Node }[] = [];
  for (const s of stmts) {
    if (s === null) continue;
    if (s.k === 'assign' && !s.index && !s.op && !s.global) out.push({ name: s.name, value: s.value });
    else if (s.k === 'name') out.push({ name: s.name.split('.').pop()!, value: s });
    else out.push({ name: out.length ? 'x' + out.length : 'x', value: s });
  }
  return out;
}

/** Names used (for implicit x y z) and names assigned locally, not looking into nested lambdas. */
function scan(n: Node, used: Set<string>, assigned: Set<string>): void {
  switch (n.k) {
    case 'name': used.add(n.name); return;
    case 'iter': scan(n.f, used, assigned); return;
    case 'app':
      scan(n.f, used, assigned);
      for (const a of n.args) if (a) scan(a, used, assigned);
      return;
    case 'list': for (const a of n.items) scan(a, used, assigned); return;
    case 'assign':
      used.add(n.name);
      if (!n.global && !n.index && !n.op && !n.name.includes('.')) assigned.add(n.name);
      if (n.index) for (const a of n.index) if (a) scan(a, used, assigned);
      scan(n.value, used, assigned);
      return;
    case 'cond': case 'ctrl':
      for (const a of n.args) if (a) scan(a, used, assigned);
      return;
    case 'ret': case 'signal': scan(n.value, used, assigned); return;
    case 'table': for (const c of [...n.keys, ...n.cols]) scan(c.value, used, assigned); return;
    case 'seq': for (const a of n.stmts) if (a) scan(a, used, assigned); return;
    // an extension names what a lambda's scan may see: `visible` sub-nodes (q-sql: its table
    // expression), `names` it assigns (pattern matching), `value`/`args` it evaluates
    case 'ext': {
      const d = n.data as { visible?: Node[]; names?: string[]; value?: Node; args?: (Node | null)[] };
      for (const a of d.visible ?? []) scan(a, used, assigned);
      for (const nm of d.names ?? []) { used.add(nm); assigned.add(nm); }
      if (d.value) scan(d.value, used, assigned);
      for (const a of d.args ?? []) if (a) scan(a, used, assigned);
      return;
    }
    default: return;
  }
}

/** A name assigned with :: and later as a local is q's compile error named after it:
 *  {a::1;a:1} is 'a (basics/debug.md). Walks assignments in evaluation order. */
function globalThenLocal(body: (Node | null)[], locals: string[]): void {
  if (locals.length === 0) return;
  const isLocal = new Set(locals), global = new Set<string>();
  const walk = (n: Node | null): void => {
    if (!n) return;
    switch (n.k) {
      case 'assign':
        walk(n.value);
        n.index?.slice().reverse().forEach(walk);
        if (!isLocal.has(n.name) || n.index || n.op) return;
        if (n.global) global.add(n.name);
        else if (global.has(n.name)) throw qerr(n.name);
        return;
      case 'app': n.args.slice().reverse().forEach(walk); walk(n.f); return;
      case 'list': n.items.slice().reverse().forEach(walk); return;
      case 'iter': walk(n.f); return;
      case 'cond': case 'ctrl': n.args.forEach(walk); return;
      case 'ret': case 'signal': walk(n.value); return;
      case 'seq': n.stmts.forEach(walk); return;
      default: return;
    }
  };
  body.forEach(walk);
}

/** The names a pattern (or pattern-conditional patterns) assigns: name leaves, names with an index, `p:check` names. */
function patternNames(ps: (Node | null)[]): string[] {
  const out: string[] = [];
  const walk = (n: Node | null, top: boolean): void => {
    if (!n) return;
    switch (n.k) {
      case 'name': if (!top || ps.length > 0) out.push(n.name); return;
      case 'list': n.items.forEach((x) => walk(x, false)); return;
      case 'assign': out.push(n.name); return;
      case 'app':
        if (n.how === 'bracket' && n.f.k === 'name') { out.push(n.f.name); return; }
        if (n.how === 'infix') { walk(n.args[0], false); walk(n.args[1], false); return; }
        if (n.how === 'prefix') { walk(n.args[0], false); return; }
        return;
      case 'table': [...n.keys, ...n.cols].forEach((c) => walk(c.value, false)); return;
      case 'ext': if (n.kind === 'match') walk((n.data as { pat: Node }).pat, false); return;
      default: return;
    }
  };
  ps.forEach((p) => walk(p, true));
  return out.filter((x, i) => out.indexOf(x) === i && !x.includes('.'));
}

function isAssignOp(t: Term): string | null {
  if (!t.verb || t.node.k !== 'prim') return null;
  const op = t.node.op;
  if (op === ':' || op === '::') return op;
  if (op.length >= 2 && op.endsWith(':') && op !== '/:' && op !== '\\:' && !/^\d:$/.test(op)) return op; // 0: 1: 2: are verbs, not x0:y
  return null;
}

/** Fold a row of terms from index i (see the header). */
function fold(terms: Term[], i: number): Node | null {
  if (i >= terms.length) return null;
  const t = terms[i];
  if (t.verb) {
    const rest = fold(terms, i + 1);
    if (rest === null) return t.node;
    if (t.node.k === 'prim') {
      if (t.node.op === ':') return { k: 'ret', value: rest };
      if (t.node.op === "'") return { k: 'signal', value: rest };
    }
    return { k: 'app', f: t.node, args: [rest], how: 'prefix' };
  }
  if (i + 1 >= terms.length) return t.node;
  const u = terms[i + 1];
  // A keyword has no infix syntax (basics/syntax.md): before an operator it is that operator's
  // left argument, a noun like any other (`til~til` is 1b, `count . enlist 1 4 3` applies count).
  const apply = u.node.k === 'prim' && (u.node.op === '@' || u.node.op === '.');
  const aop = isAssignOp(u);
  if (aop === ':' && t.paren && t.node.k !== 'name') {
    const value = fold(terms, i + 2);
    if (value === null) throw qerr('parse');
    return { k: 'ext', kind: 'match', data: { pat: t.node, value, names: patternNames([t.node]) } };
  }
  if (aop) {
    const target = t.node;
    const name = target.k === 'name' ? target.name
      : target.k === 'app' && target.how === 'bracket' && target.f.k === 'name' ? target.f.name : null;
    if (name !== null) {
      let value = fold(terms, i + 2);
      // ([one:;four:d]): an entry with no value is a null pattern (basics/pattern.md)
      if (value === null && inTableLiteral > 0 && aop === ':' && target.k === 'name') value = { k: 'prim', op: '::' };
      if (value === null) throw qerr('parse');
      const index = target.k === 'app' ? target.args : undefined;
      if (aop === '::') return { k: 'assign', name, global: true, index, value };
      if (aop === ':') return { k: 'assign', name, global: false, index, value };
      return { k: 'assign', name, global: false, op: aop.slice(0, -1), index, value };
    }
  }
  if (u.verb) {
    const rest = fold(terms, i + 2);
    // x :: with nothing after is x (ref/identity.md: q:3 :: makes q 3)
    if (rest === null && u.node.k === 'prim' && u.node.op === '::' && !u.parenPrim) return t.node;
    const compose = (f: Node, g: Node): Node => ({ k: 'app', f: { k: 'prim', op: "'" }, args: [f, g], how: 'compose' });
    // a unary keyword before a final operator composes with it: (neg+) is '[neg;+]
    // (not Apply: sum@ is the projection @[sum;])
    if (rest === null && t.unary && bareOperator(u) && !apply) return compose(t.node, u.node);
    // a row that ends in an operator alone composes with what precedes it: (0|+) is '[0|;+]
    if (rest !== null && i + 3 === terms.length && bareOperator(terms[i + 2])) {
      return compose({ k: 'app', f: u.node, args: [t.node, null], how: 'infix' }, rest);
    }
    // a row that ends in a verb without its right argument is a composition: 2*1+
    if (rest !== null && dangling(rest)) {
      return { k: 'app', f: { k: 'prim', op: "'" }, args: [{ k: 'app', f: u.node, args: [t.node, null], how: 'infix' }, rest], how: 'compose' };
    }
    return { k: 'app', f: u.node, args: [t.node, rest], how: 'infix' };
  }
  const rest = fold(terms, i + 1)!;
  // a parenthesised operator applied prefix denotes its unary form: (+)x is +:x
  if (t.parenPrim && t.node.k === 'prim' && !t.node.op.endsWith(':') && t.node.op !== "'") {
    return { k: 'app', f: { k: 'prim', op: t.node.op + ':' }, args: [rest], how: 'prefix' };
  }
  // unaries before a projection left open on the right compose with it: til count@ is til@count@
  // (ref/apply.md: all but the last @ may be elided)
  const last = terms[terms.length - 1]!;
  if (i + 2 < terms.length && dangling(rest) && bareOperator(last) && last.node.k === 'prim' && last.node.op === '@') {
    return { k: 'app', f: { k: 'prim', op: "'" }, args: [t.node, rest], how: 'compose' };
  }
  return { k: 'app', f: t.node, args: [rest], how: 'prefix' };
}

/** An operator glyph standing alone as a verb (rank 2): the end of an implicit composition. */
const OPERATORS = new Set(['+', '-', '*', '%', '!', '&', '|', '<', '>', '=', '~', ',', '^', '#', '_', '$', '?', '@', '.', '<=', '>=', '<>']);
function bareOperator(t: Term): boolean {
  return t.verb && !t.parenPrim && t.node.k === 'prim' && OPERATORS.has(t.node.op);
}

/** A projection left open on the right by a trailing verb: `1+`, or a composition of them. */
function dangling(n: Node): boolean {
  return n.k === 'app' && ((n.how === 'infix' && n.args[1] === null) || n.how === 'compose');
}

/** Splice marker: the tagged template puts `\u0001<index>\u0001` in the text. */
export const SPLICE = '\u0001';

/** Parse q text (one or more statements separated by `;`). */
export function parse(text: string): Node {
  // k) runs the rest as k: prefix verbs are already their unary (k) forms here
  if (text.startsWith('k)')) text = text.slice(2);
  const src = stripComments(text);
  const toks = lex(src);
  const p = new Parser(toks, src);
  const stmts = p.statements(null);
  return stmts.length === 1 && stmts[0] !== null ? stmts[0] : { k: 'seq', stmts };
}

/** Does the text leave a bracket, brace, parenthesis or string open (so a console would read on)? */
export function isOpen(text: string): boolean {
  const src = stripComments(text);
  let depth = 0;
  let prevWs = true;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === '\\' ? 2 : 1;
      if (j >= src.length) return true;
      i = j;
      prevWs = false;
      continue;
    }
    if (c === '/' && prevWs) {
      const nl = src.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      prevWs = true;
      continue;
    }
    if (c in CLOSE) depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    prevWs = c === ' ' || c === '\t' || c === '\n' || c === '\r';
  }
  return depth > 0;
}

/** Plain-JS view of the q parse tree an AST denotes (tests and debugging). */
export function toTree(n: Node | null): unknown {
  if (n === null) return '::';
  switch (n.k) {
    case 'const': return n.lit.type === -11 ? [`,\`${n.lit.data[0]}`] : n.lit.type === 11 ? [',', (n.lit.data as string[]).map((s) => '`' + s).join('')] : lit2str(n.lit);
    case 'splice': return `$${n.index}`;
    case 'value': return '<value>';
    case 'name': return '`' + n.name;
    case 'prim': return n.op;
    case 'iter': return [n.adv, toTree(n.f)];
    case 'app': return [toTree(n.f), ...n.args.map((a) => (a === null ? '::' : toTree(a)))];
    case 'list': return ['enlist', ...n.items.map(toTree)];
    case 'lambda': return n.src;
    case 'assign': {
      const target = n.index ? [ '`' + n.name, ...n.index.map((a) => (a === null ? '::' : toTree(a)))] : '`' + n.name;
      return [n.global ? '::' : n.op ? n.op + ':' : ':', target, toTree(n.value)];
    }
    case 'cond': return ['$', ...n.args.map(toTree)];
    case 'ctrl': return [n.word, ...n.args.map(toTree)];
    case 'ret': return [':', toTree(n.value)];
    case 'signal': return ["'", toTree(n.value)];
    case 'seq': return [';', ...n.stmts.map(toTree)];
    case 'table': return ['+:', ['!', [',', n.cols.map((c) => '`' + c.name).join('')], ['enlist', ...n.cols.map((c) => toTree(c.value))]]];
    case 'ext': return n.kind;
    case 'nyi': return n.what;
  }
}

function lit2str(l: Lit): string {
  if (l.type === 0) return '(' + l.items!.map(lit2str).join(';') + ')';
  if (typeof l.data === 'string') return JSON.stringify(l.data);
  return l.data.map(String).join(' ') + `:${l.type}`;
}

// q-sql templates → a plain description of the query (a `Template`), from the
// tokens the language parser hands over when it meets `select`, `exec`,
// `update` or `delete`. The template runs to the end of its statement:
//
//   select [L] [distinct] ps [by pb] from texp [where pw]
//   exec   [distinct]     ps [by pb] from texp [where pw]
//   update                ps [by pb] from texp [where pw]
//   delete                names      from texp  |  delete from texp [where pw]
//
// Phrases split on commas at bracket depth 0 (parenthesise a subphrase to use
// Join in it); `name:expr` names a column. A from-expression that is itself a
// template keeps the rest of the text (its where belongs to the inner query).
// Sub-expressions are parsed by the caller's `sub` and stay parser Nodes; this
// module registers itself in the parser's TEMPLATES; the parser imports nothing of q-sql.

import { TEMPLATES, type Node } from '../lang/parser.js';
import type { Token } from '../lang/lexer.js';
import { qerr } from '../lang/error.js';

export type QsqlOp = 'select' | 'exec' | 'update' | 'delete';

/** One subphrase: its explicit name (`name:expr`), or null when q names it. */
export interface Sub { name: string | null; expr: Node }

export interface Template {
  op: QsqlOp;
  cols: Sub[];
  /** null: no By phrase */
  by: Sub[] | null;
  from: Node;
  where: Node[];
  distinct: boolean;
  /** select[n], select[m n], select[>c], select[n;>c] */
  limit: { n: Node | null; order: { dir: '<' | '>'; col: Node } | null } | null;
  /** the nodes a lambda's implicit-argument scan may look into (only the table expression) */
  visible: Node[];
}

export const QSQL_WORDS: ReadonlySet<string> = new Set(['select', 'exec', 'update', 'delete']);

const isPunct = (t: Token | undefined, p: string): boolean => !!t && t.kind === 'punct' && t.text === p;
const isWord = (t: Token | undefined, w: string): boolean => !!t && t.kind === 'name' && t.text === w;

/** Index of the first token at depth 0 satisfying `pred`, from `from`; -1 when none. */
function findTop(toks: Token[], from: number, pred: (t: Token) => boolean): number {
  let depth = 0;
  for (let i = from; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    }
    if (depth === 0 && pred(t)) return i;
  }
  return -1;
}

/** Split tokens on `sep` (an op or punct text) at depth 0. */
function splitTop(toks: Token[], sep: string): Token[][] {
  const out: Token[][] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    }
    // a comma with an iterator attached (,' ,/:) is not a separator
    const adv = toks[i + 1]?.kind === 'adv';
    if (depth === 0 && (t.kind === 'op' || t.kind === 'punct') && t.text === sep && !adv) {
      out.push(toks.slice(start, i));
      start = i + 1;
    }
  }
  out.push(toks.slice(start));
  return out;
}

type SubParse = (toks: Token[]) => Node;

function phrase(toks: Token[], sub: SubParse): Sub[] {
  if (toks.length === 0) return [];
  return splitTop(toks, ',').map((part) => {
    if (part.length === 0) throw qerr('parse');
    const n = sub(part);
    if (n.k === 'assign' && !n.global && !n.op && !n.index) return { name: n.name, expr: n.value };
    return { name: null, expr: n };
  });
}

/** Parse the template that begins with keyword `op`; `toks` are the tokens after it to the end of the statement. */
export function parseTemplate(op: QsqlOp, toks: Token[], sub: SubParse): Template {
  let i = 0;
  let limit: Template['limit'] = null;
  let distinct = false;
  if (op === 'select' && isPunct(toks[0], '[') && !toks[0].ws) {
    const close = findTop(toks, 0, (t) => isPunct(t, ']'));
    if (close < 0) throw qerr('parse');
    const parts = splitTop(toks.slice(1, close), ';');
    if (parts.length > 2) throw qerr('parse');
    const orderOf = (p: Token[]) => {
      const d = p[0].text as '<' | '>';
      if (p.length < 2) throw qerr('parse');
      return { dir: d, col: sub(p.slice(1)) };
    };
    const isOrder = (p: Token[]) => p.length > 0 && p[0].kind === 'op' && (p[0].text === '<' || p[0].text === '>');
    if (parts.length === 1) {
      const p = parts[0];
      if (p.length === 0) throw qerr('parse');
      limit = isOrder(p) ? { n: null, order: orderOf(p) } : { n: sub(p), order: null };
    } else {
      if (!isOrder(parts[1]) || parts[0].length === 0) throw qerr('parse');
      limit = { n: sub(parts[0]), order: orderOf(parts[1]) };
    }
    i = close + 1;
  }
  if ((op === 'select' || op === 'exec') && isWord(toks[i], 'distinct')) { distinct = true; i++; }
  const fromAt = findTop(toks, i, (t) => isWord(t, 'from'));
  if (fromAt < 0) throw qerr('parse');
  const byAt = findTop(toks.slice(0, fromAt), i, (t) => isWord(t, 'by'));
  const colToks = toks.slice(i, byAt < 0 ? fromAt : byAt);
  const byToks = byAt < 0 ? null : toks.slice(byAt + 1, fromAt);
  const rest = toks.slice(fromAt + 1);
  if (rest.length === 0) throw qerr('parse');
  // a nested template keeps the rest of the text: its where is its own
  const nested = rest[0].kind === 'name' && QSQL_WORDS.has(rest[0].text);
  const whereAt = nested ? -1 : findTop(rest, 0, (t) => isWord(t, 'where'));
  const fromToks = whereAt < 0 ? rest : rest.slice(0, whereAt);
  if (fromToks.length === 0) throw qerr('parse');
  const from = sub(fromToks);
  let where: Node[] = [];
  if (whereAt >= 0) {
    const w = rest.slice(whereAt + 1);
    if (w.length === 0) throw qerr('parse');
    where = splitTop(w, ',').map((p) => { if (p.length === 0) throw qerr('parse'); return sub(p); });
  }
  const cols = phrase(colToks, sub);
  const by = byToks === null ? null : phrase(byToks, sub);
  if (op === 'update' && cols.length === 0) throw qerr('parse');
  if (op === 'delete') {
    if (by !== null) throw qerr('parse');
    for (const c of cols) if (c.name !== null || c.expr.k !== 'name') throw qerr('parse');
  }
  return { op, cols, by, from, where, distinct, limit, visible: [from] };
}

// the parser reads these keywords' templates through this module
for (const w of QSQL_WORDS) TEMPLATES.set(w, { kind: 'qsql', parse: (word, toks, sub) => parseTemplate(word as QsqlOp, toks, sub) });

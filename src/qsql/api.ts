// The JS q-sql API, after PyKX's qsql: each call builds the functional form
// and runs the one executor (exec.ts), so it means exactly what the q text does.
//
//   q.select(t, { columns: { avg_x: 'avg x' }, where: ['x>0.5'], by: ['sym'] })
//   q.exec(t, { columns: 'x' })              // a single column: its value
//   q.update(t, { columns: { x: 'x*2' }, where: 'sym=`a' })
//   q.delete(t, { where: 'x<0' })            // rows;  q.delete(t, { columns: ['x'] }) columns
//
// t is a K table (by value) or a table name (by name: update and delete amend
// the global and return its name). columns/by are a name→q-text record, a list
// of q texts (named as q names them), or one q text; where is a q text or a
// list of them, applied successively. A K value in any place is taken as the
// parse tree itself (a functional-form argument). Results are new K.

import { K } from '../k.js';
import { parse, type Node } from '../lang/parser.js';
import { toTree, guarded } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { qerr } from '../lang/error.js';
import { select as selectK, update as updateK } from './exec.js';
import { namesOf } from './tree.js';

type Phrases = Record<string, string | K> | (string | K)[] | string | K;

export interface QueryOptions {
  columns?: Phrases;
  where?: string | K | (string | K)[];
  by?: Phrases;
  /** select only: the distinct rows of the result */
  distinct?: boolean;
}

/** The parse tree of one q text fragment (a new K). */
function treeOf(p: string | K): K {
  if (p instanceof K) return p.ref();
  return toTree(parse(p) as Node);
}

/** A names!trees dict for columns or by (null when none); unnamed texts are named as q names them. */
function phraseDict(p: Phrases | undefined): K | null {
  if (p === undefined) return null;
  if (p instanceof K) return p.ref();
  const subs: { name: string | null; expr: Node; k?: K }[] = [];
  if (typeof p === 'string' || Array.isArray(p)) {
    for (const x of typeof p === 'string' ? [p] : p) {
      if (x instanceof K) { subs.push({ name: null, expr: { k: 'value', v: x }, k: x }); continue; }
      const n = parse(x) as Node;
      subs.push(n.k === 'assign' && !n.global && !n.op && !n.index ? { name: n.name, expr: n.value } : { name: null, expr: n });
    }
  } else for (const [name, x] of Object.entries(p)) subs.push(x instanceof K ? { name, expr: { k: 'value', v: x }, k: x } : { name, expr: parse(x) as Node });
  const names = namesOf(subs);
  const trees: K[] = [];
  try { for (const s of subs) trees.push(s.k ? s.k.ref() : toTree(s.expr)); } catch (e) { trees.forEach((k) => k.dispose()); throw e; }
  return V.dictOf(V.symVec(names), trees.length && trees.every((k) => k.type === -11) ? V.listOf(trees) : V.generalOf(trees));
}

function whereList(w: QueryOptions['where']): K {
  if (w === undefined) return V.generalOf([]);
  if (w instanceof K) return w.ref();
  const ws = typeof w === 'string' ? [w] : w;
  const trees: K[] = [];
  try { for (const x of ws) trees.push(treeOf(x)); } catch (e) { trees.forEach((k) => k.dispose()); throw e; }
  return V.generalOf(trees);
}

function tableArg(t: K | string): K { return typeof t === 'string' ? V.symAtom(t) : t.ref(); }

function run(f: (ks: K[]) => K, make: () => K[]): K {
  return guarded(() => {
    const ks = make();
    try { return f(ks); } finally { ks.forEach((k) => k.dispose()); }
  });
}

/** select: a table (keyed when grouped). */
export function select(t: K | string, o: QueryOptions = {}): K {
  return run(([tt, c, b, a]) => selectK(tt, c, b, a), () => {
    const by = phraseDict(o.by);
    return [tableArg(t), whereList(o.where), by ?? V.boolAtom(!!o.distinct), phraseDict(o.columns) ?? V.generalOf([])];
  });
}

/** exec: a list (one unnamed column), a dictionary, or a grouped dictionary. */
export function exec(t: K | string, o: QueryOptions = {}): K {
  return run(([tt, c, b, a]) => selectK(tt, c, b, a), () => {
    const single = (p: Phrases | undefined) => typeof p === 'string' && !/^\s*[A-Za-z.][A-Za-z0-9_.]*\s*:[^:]/.test(p);
    const a = o.columns === undefined ? V.generalOf([]) : single(o.columns) ? treeOf(o.columns as string) : phraseDict(o.columns)!;
    const b = o.by === undefined ? V.generalOf([]) : single(o.by) ? treeOf(o.by as string) : phraseDict(o.by)!;
    return [tableArg(t), whereList(o.where), b, a];
  });
}

/** update: the amended table (or, by name, the name after amending the global). */
export function update(t: K | string, o: QueryOptions = {}): K {
  if (o.columns === undefined) throw qerr('parse');
  return run(([tt, c, b, a]) => updateK(tt, c, b, a), () => {
    const by = phraseDict(o.by);
    return [tableArg(t), whereList(o.where), by ?? V.boolAtom(false), phraseDict(o.columns)!];
  });
}

/** delete: rows matching where, or the named columns. */
function del(t: K | string, o: { columns?: string[]; where?: QueryOptions['where'] } = {}): K {
  if (o.columns && o.where !== undefined) throw qerr('nyi');
  return run(([tt, c, b, a]) => updateK(tt, c, b, a), () =>
    [tableArg(t), whereList(o.where), V.boolAtom(false), V.symVec(o.columns ?? [])]);
}

/** The functions the q namespace gains. */
export const Q = { select, exec, update, delete: del };

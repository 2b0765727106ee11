// A q-sql template (parse.ts) as its functional form, the list `parse` shows:
//
//   select … → (?;t;c;b;a)  (?;t;c;b;a;n)  (?;t;c;b;a;n;(g;cn))
//   exec   … → (?;t;c;b;a)
//   update … → (!;t;c;b;a)      delete … → (!;t;c;0b;a)
//
// As a parse tree each argument is quoted where it is data: the constraints
// are enlisted (,,(>;`p;0)), a column name standing for itself is a one-item
// symbol list (,`a), a single exec phrase is enlisted. Columns q names itself
// take the leftmost name of their expression (`x` when there is none, and for
// the virtual column i), with numeric suffixes making duplicates unique.

import type { K } from '../k.js';
import type { Node } from '../lang/parser.js';
import * as V from '../lang/values.js';
import { primValue } from '../lang/eval.js';
import { qerr } from '../lang/error.js';
import type { Sub, Template } from './parse.js';

type ToTree = (n: Node | null) => K;

/** The name q gives an unnamed column: the leftmost name in its expression. */
export function autoName(n: Node): string {
  switch (n.k) {
    case 'name': {
      const s = n.name.split('.').filter(Boolean).pop() ?? 'x';
      return s === 'i' ? 'x' : s;
    }
    // a derived or computed function heads no name ((';,) for ,'); an operator looks at its
    // left argument only (2*c is x); a keyword or lambda at its first argument that names one (5 xbar t)
    case 'app': {
      if (n.how === 'compose' || n.f.k === 'iter' || n.f.k === 'app' || n.f.k === 'list' || n.args.length === 0) return 'x';
      // `g#c sets an attribute on c and keeps its name (update `g#sym from t, as the reference's examples use it)
      if (n.f.k === 'prim' && n.f.op === '#' && n.args.length === 2 && n.args[0]?.k === 'const' && n.args[0].lit.type === -11 && n.args[1]) return autoName(n.args[1]);
      if (n.f.k === 'prim') return n.args[0] === null ? 'x' : autoName(n.args[0]);
      for (const a of n.args) { const s = a === null ? 'x' : autoName(a); if (s !== 'x') return s; }
      return 'x';
    }
    case 'list': return n.items.length ? autoName(n.items[0]) : 'x';
    default: return 'x';
  }
}

/** Names for subphrases: explicit ones kept, the others derived, duplicates suffixed 1, 2, … */
export function namesOf(subs: Sub[]): string[] {
  const out: string[] = [];
  const used = new Set<string>();
  for (const s of subs) {
    let nm = s.name ?? autoName(s.expr);
    if (used.has(nm)) {
      let k = 1;
      while (used.has(nm + k)) k++;
      nm = nm + k;
    }
    used.add(nm);
    out.push(nm);
  }
  return out;
}

/** A list of parse trees: a symbol vector when all are symbols (q's own shape), else general. */
function treeList(items: K[]): K {
  return items.length && items.every((k) => k.type === -11) ? V.listOf(items) : V.generalOf(items);
}

/** names!trees as a parse-tree dict. */
function treeDict(names: string[], trees: K[]): K {
  return V.dictOf(V.symVec(names), treeList(trees));
}

/** Quote a value so that evaluating the tree gives it back: ,`a for a symbol, ,x for a list. */
function quote(x: K): K {
  if (x.type === -11) { try { return V.symVec([V.textOf(x)]); } finally { x.dispose(); } }
  if (x.type === 0 || x.type === 11) return V.generalOf([x]);
  return x;
}

/** The arguments of the functional form (values, not yet quoted as a parse tree). */
export interface Args { c: K; b: K; a: K; n: K | null; order: K | null }

export function disposeArgs(x: Args): void {
  x.c.dispose(); x.b.dispose(); x.a.dispose(); x.n?.dispose(); x.order?.dispose();
}

/** c b a n (g;cn) of a template; `limit` makes the value of select[n]'s n. */
export function templateArgs(t: Template, toTree: ToTree, limit: (n: Node) => K): Args {
  const made: K[] = [];
  const keep = <T extends K>(k: T): T => { made.push(k); return k; };
  const trees = (subs: Node[]) => { const out: K[] = []; try { for (const s of subs) out.push(toTree(s)); } catch (e) { out.forEach((k) => k.dispose()); throw e; } return out; };
  try {
    const c = keep(t.where.length ? treeList(trees(t.where)) : V.generalOf([]));
    const bynames = t.by ? namesOf(t.by) : [];
    const colnames = namesOf(t.cols);
    if (t.op === 'select' && t.by && t.cols.length) {
      const dup = colnames.find((nm) => bynames.includes(nm));
      if (dup !== undefined) throw qerr('dup names for cols/groups ' + dup);
    }
    let b: K;
    if (t.op === 'exec') {
      if (!t.by) b = V.generalOf([]);
      // a single unnamed by is the group expression itself (exec … by 0b is no grouping at all)
      else if (t.by.length === 1 && t.by[0].name === null) b = toTree(t.by[0].expr);
      else b = treeDict(bynames, trees(t.by.map((s) => s.expr)));
    } else if (t.op === 'delete' || !t.by) b = V.boolAtom(t.op === 'select' && t.distinct);
    else b = treeDict(bynames, trees(t.by.map((s) => s.expr)));
    keep(b);
    let a: K;
    if (t.op === 'delete') a = V.symVec(colnames);
    else if (t.op === 'exec') {
      const ts = trees(t.cols.map((s) => s.expr));
      if (t.distinct && ts.length) ts[0] = V.generalOf([primValue('?:'), ts[0]]);
      if (ts.length === 0) a = V.generalOf([]);
      else if (ts.length === 1 && t.cols[0].name === null) a = ts[0];
      else a = treeDict(colnames, ts);
    } else if (t.cols.length === 0) a = V.generalOf([]);
    else a = treeDict(colnames, trees(t.cols.map((s) => s.expr)));
    keep(a);
    let n: K | null = null, order: K | null = null;
    if (t.op === 'select' && t.limit) {
      n = keep(t.limit.n ? limit(t.limit.n) : V.atomOf(7, 9223372036854775807n));
      const o = t.limit.order;
      if (o) {
        if (o.col.k !== 'name') throw qerr('nyi');
        order = keep(V.generalOf([primValue(o.dir === '>' ? '>:' : '<:'), V.symAtom(o.col.name)]));
      }
    }
    made.length = 0;
    return { c, b, a, n, order };
  } finally { made.forEach((k) => k.dispose()); }
}

/** The functional form of a template, as the list parse returns. */
export function templateTree(t: Template, toTree: ToTree): K {
  const x = templateArgs(t, toTree, toTree);
  const parts: K[] = [];
  try {
    parts.push(primValue(t.op === 'select' || t.op === 'exec' ? '?' : '!'));
    parts.push(toTree(t.from));
    parts.push(x.c.count ? V.generalOf([x.c.ref()]) : x.c.ref());
    parts.push(x.b.type === -11 || (x.b.type === 0 && x.b.count > 0) ? quote(x.b.ref()) : x.b.ref());
    parts.push(x.a.type === 11 && x.a.count === 0 ? x.a.ref() : x.a.type === 99 || (x.a.type === 0 && x.a.count === 0) ? x.a.ref() : quote(x.a.ref()));
    if (x.n) parts.push(x.n.ref());
    if (x.order) parts.push(V.generalOf([x.order.ref()]));
    return V.generalOf(parts.splice(0));
  } finally { parts.forEach((k) => k.dispose()); disposeArgs(x); }
}

/** Splice nodes (tagged template values) whose value is a symbol become symbol constants, never column names. */
export function quoteSplices(n: Node, splices: readonly K[] | undefined): Node {
  if (!splices) return n;
  const go = (m: Node | null): Node | null => {
    if (!m) return m;
    switch (m.k) {
      case 'splice': {
        const v = splices[m.index];
        if (v && (v.type === -11 || v.type === 11)) return { k: 'const', lit: { type: v.type, data: V.symsOf(v) } };
        return m;
      }
      case 'app': return { ...m, f: go(m.f)!, args: m.args.map(go) };
      case 'iter': return { ...m, f: go(m.f)! };
      case 'list': return { ...m, items: m.items.map((x) => go(x)!) };
      case 'assign': return { ...m, value: go(m.value)!, index: m.index?.map(go) };
      case 'cond': case 'ctrl': return { ...m, args: m.args.map(go) } as Node;
      default: return m;
    }
  };
  return go(n)!;
}

// The one q-sql executor: the functional forms
//
//   ?[t;c;b;a]  ?[t;c;b;a;n]  ?[t;c;b;a;n;(g;cn)]     select and exec
//   ![t;c;b;a]                                         update and delete
//
// that q-sql text compiles to (tree.ts) and the JS API calls. t is a table,
// keyed table or the name of one; c a list of constraint parse trees; b 0b, 1b,
// (), a column name, names, or a dict of group parse trees; a (), a column
// name, a parse tree, a dict of parse trees, or (for delete) column names.
//
// Constraints narrow one row-index vector in turn: each sees only the rows the
// previous ones kept (q's rule, and the fast path). Each phrase is compiled once
// (compile.ts) with the columns it names as its scope; it runs once on the
// selected rows, or once per group. `agg col` phrases in a by run as one grouped
// kernel pass (agg.ts); others fall back to per-group application.
//
// Nothing is changed before the whole result exists: an error leaves every
// table and the workspace as they were.

import { K } from '../k.js';
import { XD, XT, QTYPES } from '../types.js';
import { alloc, mem } from '../runtime.js';
import * as V from '../lang/values.js';
import { compile, type Outer } from '../lang/compile.js';
import { callPrim, fromTree, primValue, getVar, setVar, globals, apply } from '../lang/eval.js';
import type { Node } from '../lang/parser.js';
import { qerr } from '../lang/error.js';
import { colsOf, disposeCols, tableOf, keyed, isKeyed, rowsK, rowsOf, til, at, extend, isList, type Cols } from './frame.js';
import { groupBy, type GroupIndex } from './group.js';
import { groupedExpr, AggCache } from './agg.js';
import { groupedTop } from './topn.js';
import type { Phrase } from './phrase.js';

// ---------------------------------------------------------------- phrases

export type { Phrase };

/** Column names (and the virtual `i`) a node reads. */
function reads(n: Node | null, cols: Set<string>, out: Set<string>): void {
  if (!n) return;
  switch (n.k) {
    case 'name': if (cols.has(n.name) || n.name === 'i') out.add(n.name); return;
    case 'iter': reads(n.f, cols, out); return;
    case 'app': reads(n.f, cols, out); n.args.forEach((a) => reads(a, cols, out)); return;
    case 'list': n.items.forEach((a) => reads(a, cols, out)); return;
    case 'assign': reads(n.value, cols, out); n.index?.forEach((a) => reads(a, cols, out)); return;
    case 'cond': case 'ctrl': n.args.forEach((a) => reads(a, cols, out)); return;
    case 'ret': case 'signal': reads(n.value, cols, out); return;
    case 'seq': n.stmts.forEach((a) => reads(a, cols, out)); return;
    case 'table': [...n.keys, ...n.cols].forEach((c) => reads(c.value, cols, out)); return;
    default: return;
  }
}

/** col.field in a phrase (d.month, tm.hh, p.date) is the cast `field$col. */
function dotFields(n: Node, cols: Set<string>): Node {
  const go = (m: Node | null): Node | null => {
    if (!m) return m;
    switch (m.k) {
      case 'name': {
        const dot = m.name.indexOf('.');
        if (dot <= 0 || cols.has(m.name) || !cols.has(m.name.slice(0, dot))) return m;
        const field = m.name.slice(dot + 1);
        if (field.includes('.')) return m;
        return { k: 'app', f: { k: 'prim', op: '$' }, args: [{ k: 'const', lit: { type: -11, data: [field] } }, { k: 'name', name: m.name.slice(0, dot) }], how: 'infix' };
      }
      case 'app': return { ...m, f: go(m.f)!, args: m.args.map(go) };
      case 'iter': return { ...m, f: go(m.f)! };
      case 'list': return { ...m, items: m.items.map((x) => go(x)!) };
      case 'assign': return { ...m, value: go(m.value)! };
      default: return m;
    }
  };
  return go(n)!;
}

function hasCond(n: Node | null): boolean {
  if (!n) return false;
  switch (n.k) {
    case 'cond': return true;
    case 'iter': return hasCond(n.f);
    case 'app': return hasCond(n.f) || n.args.some(hasCond);
    case 'list': return n.items.some(hasCond);
    case 'assign': return hasCond(n.value);
    default: return false;
  }
}

/** Compiles the phrases of one query; owns the values its parse trees reference. */
class Compiler {
  readonly temps: K[] = [];
  constructor(readonly names: Set<string>, readonly outer?: Outer) {}
  phrase(tree: K): Phrase {
    const node = dotFields(fromTree(tree, this.temps), this.names);
    // Cond is not supported inside a query: q signals 'rank (enclose it in a lambda)
    if (hasCond(node)) throw qerr('rank');
    const s = new Set<string>();
    reads(node, this.names, s);
    const scope = [...s];
    return { node, scope, run: compile(node, scope, this.outer) };
  }
  dispose(): void { this.temps.forEach((k) => k.dispose()); }
}

/** The rows a phrase runs on: row numbers into the table (null = all of them). */
class Selection {
  private cache = new Map<string, K>();
  constructor(readonly t: Cols, readonly rows: K | null, readonly count: number) {}
  column(name: string): K {
    let c = this.cache.get(name);
    if (!c) {
      const j = this.t.names.indexOf(name);
      if (j < 0) {
        if (name !== 'i') throw qerr(name);
        c = this.rows ? this.rows.ref() : til(this.count);
      } else c = this.rows ? at(this.t.cols[j], this.rows) : this.t.cols[j].ref();
      this.cache.set(name, c);
    }
    return c;
  }
  run(p: Phrase): K { return p.run(p.scope.map((s) => this.column(s))); }
  dispose(): void { this.cache.forEach((k) => k.dispose()); this.cache.clear(); }
}

// ---------------------------------------------------------------- arguments

function isEmptyList(x: K): boolean { return x.type === 0 && x.count === 0; }

/** a as (names, trees) when it is a dict; trees are new references. */
function dictPhrases(a: K): { names: string[]; trees: K[] } {
  const k = a.keys, v = a.values;
  try {
    if (k.type !== 11 && !(k.type === 0 && k.count === 0)) throw qerr('type');
    const names = k.type === 11 ? V.symsOf(k) : [];
    const trees = v.type === 0 || (v.type > 0 && v.type < 20) ? V.itemsOf(v) : [];
    if (trees.length !== names.length) { trees.forEach((x) => x.dispose()); throw qerr('length'); }
    return { names, trees };
  } finally { k.dispose(); v.dispose(); }
}

/** The table a query reads: t itself, or the global it names. */
function resolve(t: K): { value: K; name: string | null } {
  if (t.type === -11) {
    const name = V.textOf(t);
    return { value: getVar(name), name };
  }
  return { value: t.ref(), name: null };
}

/** Successive constraints: the surviving rows (null = all). */
function filter(cp: Compiler, t: Cols, n: number, c: K): { rows: K | null; count: number } {
  if (isEmptyList(c)) return { rows: null, count: n };
  if (!(c.type === 0 || c.type === 11)) throw qerr('type');
  const trees = V.itemsOf(c);
  let rows: K | null = null, count = n;
  try {
    for (const tree of trees) {
      const p = cp.phrase(tree);
      const sel = new Selection(t, rows, count);
      let r: K;
      try { r = sel.run(p); } finally { sel.dispose(); }
      try {
        let keep: K;
        if (r.type === -1) keep = V.intValue(r) ? (rows ? rows.ref() : til(count)) : V.longVec([]);
        else {
          if (r.type !== 1) throw qerr('type');
          if (r.count !== count) throw qerr('length');
          const w = callPrim('where', [r]);
          try { keep = rows ? at(rows, w) : w.ref(); } finally { w.dispose(); }
        }
        rows?.dispose();
        rows = keep;
        count = keep.count;
      } finally { r.dispose(); }
    }
    return { rows, count };
  } catch (e) { rows?.dispose(); throw e; } finally { trees.forEach((k) => k.dispose()); }
}

/** All rows as a long vector (new). */
function allRows(rows: K | null, n: number): K { return rows ? rows.ref() : til(n); }

/** Columns of t at rows (new table). */
function rowsTable(t: Cols, rows: K | null): K {
  if (!rows) return tableOf(t.names, t.cols);
  const cols = t.cols.map((c) => at(c, rows));
  try { return tableOf(t.names, cols); } finally { cols.forEach((c) => c.dispose()); }
}

/** Results of select phrases as table columns: atoms are extended, all atoms make one row. */
function tableFrom(names: string[], vals: K[]): K {
  const lens = vals.filter(isList).map((v) => v.count);
  if (lens.length === 0) {
    const cols = vals.map((v) => callPrim('enlist', [v]));
    try { return tableOf(names, cols); } finally { cols.forEach((c) => c.dispose()); }
  }
  const n = lens[0];
  if (lens.some((l) => l !== n)) throw qerr('length');
  const cols = vals.map((v) => extend(v, n));
  try { return tableOf(names, cols); } finally { cols.forEach((c) => c.dispose()); }
}

// ---------------------------------------------------------------- select / exec

/** ?[t;c;b;a] and ?[t;c;b;a;n] and ?[t;c;b;a;n;(g;cn)]. */
export function select(t0: K, c: K, b: K, a: K, n?: K, order?: K, outer?: Outer): K {
  const { value: tv } = resolve(t0);
  const bag: K[] = [tv];
  try {
    let t = tv;
    const wasKeyed = isKeyed(t);
    let nk = 0;
    if (wasKeyed) {
      nk = keyCount(tv);
      t = keyTable(0, tv);
      bag.push(t);
    }
    // a dictionary is one record: exec (b ()) and select (b 0b) read its entries as names
    if (t.type === XD && !wasKeyed && !n && !order && isPlainQuery(b)) return execDict(t, c, a, outer);
    if (t.type !== XT) throw qerr('type');
    const cols = colsOf(t);
    const cp = new Compiler(new Set(cols.names), outer);
    try {
      const { rows: r0, count: c0 } = filter(cp, cols, t.count, c);
      let rows = r0, count = c0;
      if (rows) bag.push(rows);
      // grouped: a dict of groups, a column name, names, or one group expression (a parse tree)
      const grouped = b.type === XD || b.type === -11 || b.type === 11 || (b.type === 0 && b.count > 0);
      if (!grouped && (n || order)) {
        const lim = limitRows(cp, cols, rows, count, n, order);
        if (lim) { bag.push(lim); rows = lim; count = lim.count; }
      }
      if (grouped) {
        const g = groupedQuery(cp, cols, rows, count, b, a);
        if (!n && !order) return g;
        try { return limitGrouped(g, n, order); } finally { g.dispose(); }
      }
      if (!(b.type === -1 || isEmptyList(b))) throw qerr('type');
      const exec = isEmptyList(b);
      const distinct = b.type === -1 && V.intValue(b) === 1;
      let out: K;
      if (isEmptyList(a)) {
        const ft = rowsTable(cols, rows);
        if (exec) { try { out = callPrim('last', [ft]); } finally { ft.dispose(); } }
        else if (wasKeyed && !distinct) { try { out = keyTable(nk, ft); } finally { ft.dispose(); } }
        else out = ft;
      } else if (a.type === XD) {
        const { names, trees } = dictPhrases(a);
        const vals: K[] = [];
        const sel = new Selection(cols, rows, count);
        try {
          for (const tr of trees) vals.push(sel.run(cp.phrase(tr)));
          out = exec ? V.dictOf(V.symVec(names), V.listOf(vals.map((v) => v.ref()))) : tableFrom(names, vals);
        } finally { sel.dispose(); vals.forEach((v) => v.dispose()); trees.forEach((x) => x.dispose()); }
      } else {
        const sel = new Selection(cols, rows, count);
        try { out = sel.run(cp.phrase(a)); } finally { sel.dispose(); }
      }
      if (distinct) { const d = callPrim('distinct', [out]); out.dispose(); out = d; }
      return out;
    } finally { cp.dispose(); disposeCols(cols); }
  } finally { bag.forEach((k) => k.dispose()); }
}

/** select[n], select[m n], select[n;>c]: the rows kept (new), or null when all are. */
function limitRows(cp: Compiler, t: Cols, rows: K | null, count: number, n?: K, order?: K): K | null {
  let r = allRows(rows, count);
  try {
    if (order && !V.isNil(order)) {
      if (order.type !== 0 || order.count !== 2) throw qerr('type');
      const [g, cn] = V.itemsOf(order);
      try {
        const sel = new Selection(t, r, count);
        let col: K;
        try { col = cn.type === -11 ? sel.column(V.textOf(cn)).ref() : sel.run(cp.phrase(cn)); } finally { sel.dispose(); }
        let grade: K;
        try { grade = apply(g, [col]); } finally { col.dispose(); }
        try { const next = at(r, grade); r.dispose(); r = next; } finally { grade.dispose(); }
      } finally { g.dispose(); cn.dispose(); }
    }
    if (n && !V.isNil(n)) {
      const len = r.count;
      let from = 0, to = len;
      if (n.type === 7 || n.type === 6 || n.type === 5) {
        const v = V.itemsOf(n).map((x) => { try { return V.intValue(x) ?? 0; } finally { x.dispose(); } });
        if (v.length !== 2) throw qerr('length');
        from = Math.min(v[0], len); to = Math.min(len, from + v[1]);
      } else if (n.type < 0 && V.isIntegral(-n.type)) {
        const raw = n.type === -7 ? (n.data as BigInt64Array)[0] : BigInt(V.intValue(n) ?? 0);
        const big = raw >= BigInt(len) || raw <= -BigInt(len);
        const k = big ? (raw < 0n ? -len : len) : Number(raw);
        if (k >= 0) to = k; else from = len + k;
      } else throw qerr('type');
      if (from !== 0 || to !== len) {
        const ix = til(to - from);
        const m = (ix.data as BigInt64Array);
        for (let j = 0; j < m.length; j++) m[j] = BigInt(from + j);
        try { const next = at(r, ix); r.dispose(); r = next; } finally { ix.dispose(); }
      }
    }
    return r;
  } catch (e) { r.dispose(); throw e; }
}

/** select[n] … by, select[>c] … by, select[n;>c] … by: the groups of a keyed result sorted by its
 *  column c (a key or value column), then the first (last, when negative) n, or rows m..m+n. */
function limitGrouped(g: K, n?: K, order?: K): K {
  const ordered = !!order && !V.isNil(order);
  if ((!n || V.isNil(n)) && !ordered) return g.ref();
  if (!isKeyed(g)) { if (ordered) throw qerr('type'); return g.ref(); }
  const k = g.keys, v = g.values;
  try {
    const kc = colsOf(k), vc = colsOf(v);
    try {
      const len = k.count;
      let perm: Int32Array = Int32Array.from({ length: len }, (_, j) => j);
      if (ordered) {
        if (order!.type !== 0 || order!.count !== 2) throw qerr('type');
        const [gr, cn] = V.itemsOf(order!);
        try {
          if (cn.type !== -11) throw qerr('type');
          const name = V.textOf(cn);
          const at0 = kc.names.indexOf(name), at1 = vc.names.indexOf(name);
          const col = at0 >= 0 ? kc.cols[at0] : at1 >= 0 ? vc.cols[at1] : null;
          if (!col) throw qerr(name);
          const ix = apply(gr, [col]);
          try { perm = rowsOf(ix); } finally { ix.dispose(); }
        } finally { gr.dispose(); cn.dispose(); }
      }
      let from = 0, to = len;
      if (!n || V.isNil(n)) { /* all of them, in order */ } else if (n.type > 0) {
        const [m0, c] = V.itemsOf(n).map((x) => { try { return V.intValue(x) ?? 0; } finally { x.dispose(); } });
        from = Math.min(m0, len); to = Math.min(len, from + c);
      } else {
        const c = n.type === -7 ? Number((n.data as BigInt64Array)[0]) : V.intValue(n) ?? 0;
        if (c >= 0) to = Math.min(c, len); else from = Math.max(0, len + c);
      }
      const rk = rowsK(perm.subarray(from, to));
      try {
        const kt = rowsTable(kc, rk), vt = rowsTable(vc, rk);
        try { return keyed(kt, vt); } finally { kt.dispose(); vt.dispose(); }
      } finally { rk.dispose(); }
    } finally { disposeCols(kc); disposeCols(vc); }
  } finally { k.dispose(); v.dispose(); }
}

/** A by query: b a dict of groups, a column name, or names. */
function groupedQuery(cp: Compiler, t: Cols, rows: K | null, count: number, b: K, a: K): K {
  // the group keys
  let bnames: string[] = [];
  let btrees: K[] = [];
  if (b.type === XD) ({ names: bnames, trees: btrees } = dictPhrases(b));
  else if (b.type !== 11) btrees = [b.ref()];
  const keys: K[] = [];
  const bag: K[] = [];
  try {
    const sel = new Selection(t, rows, count);
    try {
      for (const tr of btrees) {
        const k = sel.run(cp.phrase(tr));
        try { keys.push(extend(k, count)); } finally { k.dispose(); }
      }
    } finally { sel.dispose(); }
    const ix = b.type === 11 ? groupBy([], count) : groupBy(keys, count);
    bag.push(ix.gidK);
    const rowArr = rows ? rowsOf(rows) : null;
    const orig = (pos: Int32Array): K => {
      if (!rowArr) return rowsK(pos);
      const o = new Int32Array(pos.length);
      for (let k = 0; k < pos.length; k++) o[k] = rowArr[pos[k]];
      return rowsK(o);
    };
    const firstK = rowsK(ix.first);
    bag.push(firstK);
    const keyCols = keys.map((k) => at(k, firstK));
    bag.push(...keyCols);
    // the values
    let vnames: string[];
    let vals: K[];
    let single = false;
    if (isEmptyList(a)) {
      const lastK = orig(ix.last);
      bag.push(lastK);
      vnames = t.names.filter((nm) => !bnames.includes(nm));
      vals = vnames.map((nm) => at(t.cols[t.names.indexOf(nm)], lastK));
    } else {
      let trees: K[];
      if (a.type === XD) ({ names: vnames, trees } = dictPhrases(a));
      else { vnames = ['']; trees = [a.ref()]; single = true; }
      try { vals = perGroup(cp, t, rowArr, ix, trees); } finally { trees.forEach((x) => x.dispose()); }
    }
    bag.push(...vals);
    if (b.type === 11) {
      // names, not a dict: one group of all rows under the empty symbol
      const key = V.symVec(['']);
      let v: K;
      if (single) v = vals[0].ref();
      else {
        const firsts = vals.map((x) => x.item(0));
        try { v = tableFrom(vnames, firsts); } catch (e) { key.dispose(); throw e; } finally { firsts.forEach((x) => x.dispose()); }
      }
      return V.dictOf(key, v);
    }
    const keyPart = b.type !== XD ? keyCols[0].ref() : tableOf(bnames, keyCols);
    if (single) return V.dictOf(keyPart, vals[0].ref());
    const vt = tableOf(vnames, vals);
    try { return b.type === XD ? keyed(keyPart, vt) : V.dictOf(keyPart.ref(), vt.ref()); } finally { vt.dispose(); keyPart.dispose(); }
  } finally {
    keys.forEach((k) => k.dispose());
    btrees.forEach((k) => k.dispose());
    bag.forEach((k) => k.dispose());
  }
}

/** No groups: the phrase run on no rows gives the type of the empty column (a vector for an aggregate). */
function emptyOf(cp: Compiler, t: Cols, p: Phrase): K {
  void cp;
  const none = V.longVec([]);
  const sel = new Selection(t, none, 0);
  try {
    const v = sel.run(p);
    try { return isList(v) ? take0(v) : extend(v, 0); } finally { v.dispose(); }
  } catch { return V.generalOf([]); } finally { sel.dispose(); none.dispose(); }
}

function take0(v: K): K {
  const z = V.longAtom(0);
  try { return callPrim('#', [z, v]); } finally { z.dispose(); }
}

/** Each phrase once per group, on slices of the columns it reads gathered once in group order:
 *  res[j][g] is phrase j's value on group g (new K). */
function runGroups(phrases: Phrase[], t: Cols, rows: Int32Array | null, ix: GroupIndex): K[][] {
  const res: K[][] = phrases.map(() => []);
  const names = [...new Set(phrases.flatMap((p) => p.scope))];
  const order = ix.order;
  const orig = rows ? Int32Array.from(order, (k) => rows[k]) : order;
  const origK = rowsK(orig);
  const grouped = new Map<string, K>();
  try {
    for (const nm of names) {
      if (nm === 'i' && !t.names.includes('i')) grouped.set(nm, origK.ref());
      else grouped.set(nm, at(t.cols[t.names.indexOf(nm)], origK));
    }
    for (let g = 0; g < ix.n; g++) {
      const from = ix.starts[g], to = ix.starts[g + 1];
      const env = new Map<string, K>();
      try {
        for (const nm of names) env.set(nm, slice(grouped.get(nm)!, from, to));
        phrases.forEach((p, j) => res[j].push(p.run(p.scope.map((nm) => env.get(nm)!))));
      } finally { env.forEach((k) => k.dispose()); }
    }
    return res;
  } catch (e) { res.forEach((r) => r.forEach((k) => k.dispose())); throw e; } finally { origK.dispose(); grouped.forEach((k) => k.dispose()); }
}

/** Each phrase once per group: one value per group (a vector when they are atoms of one type). */
function perGroup(cp: Compiler, t: Cols, rows: Int32Array | null, ix: GroupIndex, trees: K[]): K[] {
  const phrases = trees.map((tr) => cp.phrase(tr));
  const out: (K | null)[] = [];
  const cache = new AggCache();
  try { for (const p of phrases) out.push(groupedExpr(p, t, rows, ix, cache, cp.outer) ?? groupedTop(p.node, t, rows, ix, cache)); } catch (e) { out.forEach((k) => k?.dispose()); throw e; } finally { cache.dispose(); }
  try {
    const slow = phrases.map((_, j) => j).filter((j) => out[j] === null);
    if (slow.length) {
      const res = runGroups(slow.map((j) => phrases[j]), t, rows, ix);
      slow.forEach((j, s) => { out[j] = ix.n ? V.listOf(res[s]) : emptyOf(cp, t, phrases[j]); });
    }
    return out as K[];
  } catch (e) { out.forEach((k) => k?.dispose()); throw e; }
}

/** Items from..to-1 of a list (a copy of the bytes for a simple vector). */
function slice(x: K, from: number, to: number): K {
  const t = x.type, n = to - from;
  if (t > 0 && t < 20) {
    const w = QTYPES[t]!.width;
    const p = alloc(t, n);
    const m = mem().u8;
    m.copyWithin(p + 16, x.ptr + 16 + from * w, x.ptr + 16 + to * w);
    return new K(p);
  }
  const ix = rowsK(Array.from({ length: n }, (_, k) => from + k));
  try { return at(x, ix); } finally { ix.dispose(); }
}

/** ?[t;i;p]: simple exec, the parse tree p evaluated on the rows i of t. */
export function simpleExec(t0: K, i: K, p: K): K {
  const { value: t } = resolve(t0);
  try {
    if (t.type !== XT) throw qerr('type');
    const cols = colsOf(t);
    const cp = new Compiler(new Set(cols.names));
    const lj = V.symAtom('long');
    let rows: K;
    try { rows = i.type === 7 ? i.ref() : callPrim('$', [lj, i]); } finally { lj.dispose(); }
    if (rows.type !== 7) { rows.dispose(); throw qerr('type'); }
    try {
      const sel = new Selection(cols, rows, rows.count);
      try { return sel.run(cp.phrase(p)); } finally { sel.dispose(); }
    } finally { rows.dispose(); cp.dispose(); disposeCols(cols); }
  } finally { t.dispose(); }
}

// ---------------------------------------------------------------- update / delete

/** ![t;c;b;a]: update (a a dict) or delete (a column names, or none to delete rows). */
export function update(t0: K, c: K, b: K, a: K, outer?: Outer): K {
  if (t0.type === -11) {
    const name = V.textOf(t0);
    if ((name === '.' || name.startsWith('.')) && a.type === 11 && isEmptyList(c)) return deleteGlobals(name, a, t0);
    const cur = getVar(name);
    let nv: K;
    try { nv = amendValue(cur, c, b, a, outer); } finally { cur.dispose(); }
    try { setVar(name, nv); } finally { nv.dispose(); }
    return t0.ref();
  }
  return amendValue(t0, c, b, a, outer);
}

/** delete names from `. (or a namespace): drop the globals. */
function deleteGlobals(ns: string, a: K, t0: K): K {
  for (const n of V.symsOf(a)) {
    const key = ns === '.' ? n : ns + '.' + n;
    const v = globals.get(key);
    if (v) { globals.delete(key); v.dispose(); }
  }
  return t0.ref();
}

/** The number of key columns of a keyed table. */
function keyCount(kt: K): number {
  const k = kt.keys;
  try { return k.columns.length; } finally { k.dispose(); }
}

function keyTable(n: number, t: K): K {
  const k = V.longAtom(n);
  try { return callPrim('!', [k, t]); } finally { k.dispose(); }
}

function amendValue(tv: K, c: K, b: K, a: K, outer?: Outer): K {
  // delete names … where …: one of c and a must be empty (basics/funsql.md); q answers 'nyi
  if (a.type === 11 && a.count > 0 && !isEmptyList(c)) throw qerr('nyi');
  if (tv.type === XD && !isKeyed(tv)) {
    if (a.type === 11 && isEmptyList(c)) return dropKeys(tv, a);
    if (a.type === XD) return updateDict(tv, c, b, a, outer);
    if (isEmptyList(a) && isEmptyList(c)) return tv.ref();
    // rows are a table's: delete from d where … is 'type
    throw qerr('type');
  }
  if (isKeyed(tv)) {
    const nk = keyCount(tv);
    const u = keyTable(0, tv);
    let r: K;
    try { r = amendTable(u, c, b, a, outer); } finally { u.dispose(); }
    try { return keyTable(nk, r); } finally { r.dispose(); }
  }
  return amendTable(tv, c, b, a, outer);
}

/** delete keys from a dictionary. */
function dropKeys(d: K, names: K): K {
  const ks = d.keys, vs = d.values;
  try {
    if (ks.type !== 11) throw qerr('type');
    const drop = new Set(V.symsOf(names));
    const all = V.symsOf(ks);
    const keep = all.map((_, j) => j).filter((j) => !drop.has(all[j]));
    const ix = rowsK(keep);
    try {
      const nk = at(ks, ix), nv = at(vs, ix);
      return V.dictOf(nk, nv);
    } finally { ix.dispose(); }
  } finally { ks.dispose(); vs.dispose(); }
}

function amendTable(t: K, c: K, b: K, a: K, outer?: Outer): K {
  if (t.type !== XT) throw qerr('type');
  const cols = colsOf(t);
  const n = t.count;
  const cp = new Compiler(new Set(cols.names), outer);
  const bag: K[] = [];
  try {
    // delete columns
    if (a.type === 11 && a.count > 0) {
      const drop = new Set(V.symsOf(a));
      const keep = cols.names.map((_, j) => j).filter((j) => !drop.has(cols.names[j]));
      return tableOf(keep.map((j) => cols.names[j]), keep.map((j) => cols.cols[j]));
    }
    const { rows, count } = filter(cp, cols, n, c);
    if (rows) bag.push(rows);
    // delete rows
    if (a.type === 11 || (a.type === -11 && V.textOf(a) === '')) {
      const del = new Uint8Array(n);
      if (rows) for (const r of rowsOf(rows)) del[r] = 1; else del.fill(1);
      const keep: number[] = [];
      for (let r = 0; r < n; r++) if (!del[r]) keep.push(r);
      const kk = rowsK(keep);
      try { return rowsTable(cols, kk); } finally { kk.dispose(); }
    }
    if (isEmptyList(a)) return t.ref();
    if (a.type !== XD) throw qerr('type');
    const { names, trees } = dictPhrases(a);
    const vals: K[] = [];
    try {
      if (b.type === XD) {
        let bn: string[], bt: K[];
        ({ names: bn, trees: bt } = dictPhrases(b));
        const keys: K[] = [];
        try {
          const sel = new Selection(cols, rows, count);
          try { for (const tr of bt) { const k = sel.run(cp.phrase(tr)); try { keys.push(extend(k, count)); } finally { k.dispose(); } } } finally { sel.dispose(); }
        } finally { bt.forEach((x) => x.dispose()); }
        try {
          const ix = groupBy(keys, count);
          try { for (const tr of trees) vals.push(updateByGroup(cp, cols, rows, count, ix, tr)); } finally { ix.dispose(); }
        } finally { keys.forEach((k) => k.dispose()); void bn; }
      } else {
        if (!(b.type === -1 || isEmptyList(b))) throw qerr('type');
        const sel = new Selection(cols, rows, count);
        try {
          for (const tr of trees) {
            const v = sel.run(cp.phrase(tr));
            try { vals.push(extend(v, count)); } finally { v.dispose(); }
          }
        } finally { sel.dispose(); }
      }
      // assemble: replaced columns in place, new ones appended in order
      const outNames = [...cols.names];
      const outCols = cols.cols.map((k) => k.ref());
      try {
        names.forEach((nm, j) => {
          const at0 = outNames.indexOf(nm);
          let col: K;
          if (!rows) col = vals[j].ref();
          else {
            const base = at0 >= 0 ? outCols[at0].ref() : blank(vals[j], n);
            try { col = amendAt(base, rows, vals[j]); } finally { base.dispose(); }
          }
          if (at0 >= 0) { outCols[at0].dispose(); outCols[at0] = col; } else { outNames.push(nm); outCols.push(col); }
        });
        return tableOf(outNames, outCols);
      } finally { outCols.forEach((k) => k.dispose()); }
    } finally { trees.forEach((x) => x.dispose()); vals.forEach((v) => v.dispose()); }
  } finally { cp.dispose(); disposeCols(cols); bag.forEach((k) => k.dispose()); }
}

/** @[x;rows;:;v] (q's type rules: a value of another type is 'type): a copy of a simple
 *  column with the new items written at rows; general columns go through q's amend. */
function amendAt(x: K, rows: K, v: K): K {
  const t = x.type;
  if (t > 0 && t < 20 && rows.type === 7) {
    if (v.type !== t) throw qerr('type');
    if (v.count !== rows.count) throw qerr('length');
    const w = QTYPES[t]!.width, n = x.count, m = rows.count;
    const r = rowsOf(rows);
    const p = alloc(t, n);
    const u8 = mem().u8;
    u8.copyWithin(p + 16, x.ptr + 16, x.ptr + 16 + n * w);
    for (let k = 0; k < m; k++) {
      const at0 = p + 16 + r[k] * w, src = v.ptr + 16 + k * w;
      u8.copyWithin(at0, src, src + w);
    }
    return new K(p);
  }
  const f = primValue(':');
  try { return callPrim('@', [x, rows, f, v]); } finally { f.dispose(); }
}

/** A new column of n nulls of v's item type. */
function blank(v: K, n: number): K {
  let item: K;
  if (v.type > 0 && v.type < 20) item = V.nullAtom(v.type);
  else if (v.type === 0 && v.count > 0) {
    const f = v.item(0);
    try { item = f.type < 0 && f.type > -20 ? V.nullAtom(-f.type) : f.type > 0 && f.type < 20 ? new K(alloc(f.type, 0)) : V.generalOf([]); } finally { f.dispose(); }
  } else item = V.generalOf([]);
  try {
    if (item.type >= 0) return V.generalOf(Array.from({ length: n }, () => item.ref()));
    return extend(item, n);
  } finally { item.dispose(); }
}

/** One update phrase by group: aggregates spread over their group, uniform results in place. */
function updateByGroup(cp: Compiler, t: Cols, rows: K | null, count: number, ix: GroupIndex, tree: K): K {
  const p = cp.phrase(tree);
  if (ix.n === 0) return emptyOf(cp, t, p);
  const rowArr = rows ? rowsOf(rows) : null;
  // an aggregate the kernels compute: one value per group, spread over the group's rows
  const cache = new AggCache();
  let agg: K | null;
  try { agg = groupedExpr(p, t, rowArr, ix, cache, cp.outer); } finally { cache.dispose(); }
  if (agg) { try { return at(agg, ix.gidK); } finally { agg.dispose(); } }
  const parts: K[] = [];
  try {
    const res = runGroups([p], t, rowArr, ix)[0];
    try { for (let g = 0; g < ix.n; g++) parts.push(extend(res[g], ix.starts[g + 1] - ix.starts[g])); } finally { res.forEach((k) => k.dispose()); }
    let big: K;
    if (parts.length === 1) big = parts[0].ref();
    else {
      const all = V.generalOf(parts.map((k) => k.ref()));
      try { big = callPrim('raze', [all]); } finally { all.dispose(); }
    }
    // big is in group order: put it back in row order
    const inv = new Int32Array(count);
    const order = ix.order;
    for (let k = 0; k < count; k++) inv[order[k]] = k;
    const ik = rowsK(inv);
    try { return count === 0 ? big.ref() : at(big, ik); } finally { ik.dispose(); big.dispose(); }
  } finally { parts.forEach((k) => k.dispose()); }
}

// ---------------------------------------------------------------- dictionaries

/** The entries of a dictionary with symbol keys as the names a phrase may read (new references). */
function dictEntries(d: K): Map<string, K> {
  const ks = d.keys;
  try {
    if (ks.type !== 11) throw qerr('type');
    const names = V.symsOf(ks);
    const m = new Map<string, K>();
    for (const nm of names) {
      if (m.has(nm)) continue;
      const key = V.symAtom(nm);
      try { m.set(nm, V.index1(d, key)); } finally { key.dispose(); }
    }
    return m;
  } finally { ks.dispose(); }
}

/** Phrases run on a dictionary as on one record: its keys are the names they read. */
function runOnDict(cp: Compiler, env: Map<string, K>, tree: K): K {
  const p = cp.phrase(tree);
  return p.run(p.scope.map((nm) => { const v = env.get(nm); if (!v) throw qerr(nm); return v; }));
}

/** A where phrase on a dictionary reads its entries as columns: each constraint (on the entries the
 *  previous ones kept) is a boolean atom (all rows or none) or a boolean vector whose `where` are the
 *  rows kept. The entries that are lists are indexed by the rows; atoms stay as they are. The rows
 *  (null: all of them) and the narrowed entries (new references). */
function filterDict(cp: Compiler, env: Map<string, K>, c: K): { rows: K | null; env: Map<string, K> } {
  let cur = new Map([...env].map(([k, v]) => [k, v.ref()]));
  if (isEmptyList(c)) return { rows: null, env: cur };
  if (!(c.type === 0 || c.type === 11)) throw qerr('type');
  const trees = V.itemsOf(c);
  let rows: K | null = null;
  try {
    for (const tree of trees) {
      const r = runOnDict(cp, cur, tree);
      let keep: K;
      try {
        if (r.type === -1) { if (V.intValue(r)) continue; keep = V.longVec([]); } else if (r.type === 1) keep = callPrim('where', [r]);
        else throw qerr('type');
      } finally { r.dispose(); }
      try {
        const next = new Map<string, K>();
        try { for (const [k, v] of cur) next.set(k, v.type >= 0 && v.type < 98 ? at(v, keep) : v.ref()); } catch (e) { next.forEach((x) => x.dispose()); throw e; }
        cur.forEach((x) => x.dispose());
        cur = next;
        const abs: K = rows ? at(rows, keep) : keep.ref();
        rows?.dispose();
        rows = abs;
      } finally { keep.dispose(); }
    }
    return { rows, env: cur };
  } catch (e) { rows?.dispose(); cur.forEach((x) => x.dispose()); throw e; } finally { trees.forEach((k) => k.dispose()); }
}

/** update … from a dictionary: each phrase's value (computed from the original entries) is
 *  amended in at its name, a new entry when the name is new. A by phrase is 'type (since 4.1).
 *  Under a where phrase (filterDict) the values go in at the rows it keeps: into a list entry
 *  as into a column (a new name gets nulls elsewhere); no rows kept leaves d as it is. */
function updateDict(d: K, c: K, b: K, a: K, outer?: Outer): K {
  if (!(b.type === -1 && V.intValue(b) === 0) && !isEmptyList(b)) throw qerr('type');
  const env0 = dictEntries(d);
  const cp = new Compiler(new Set(env0.keys()), outer);
  const { names, trees } = dictPhrases(a);
  const vals: K[] = [];
  let f: { rows: K | null; env: Map<string, K> } | null = null;
  try {
    f = filterDict(cp, env0, c);
    const { rows, env } = f;
    if (rows && rows.count === 0) return d.ref();
    for (const tr of trees) vals.push(runOnDict(cp, env, tr));
    let out = d.ref();
    const assign = primValue(':');
    try {
      names.forEach((nm, j) => {
        const key = V.symAtom(nm);
        try {
          let v = vals[j].ref();
          if (rows) {
            // the entry's rows amended, as a table column is: a new entry is nulls but at the rows
            const cur = env0.get(nm);
            const n = rowsCount(env0, rows);
            const base = cur ? cur.ref() : blank(v, n);
            try {
              if (base.type < 0) throw qerr('type');
              const vv = extend(v, rows.count);
              try { const next = amendAt(base, rows, vv); v.dispose(); v = next; } finally { vv.dispose(); }
            } catch (e) { v.dispose(); throw e; } finally { base.dispose(); }
          }
          try { const next = callPrim('@', [out, key, assign, v]); out.dispose(); out = next; } finally { v.dispose(); }
        } finally { key.dispose(); }
      });
      return out;
    } catch (e) { out.dispose(); throw e; } finally { assign.dispose(); }
  } finally {
    cp.dispose(); env0.forEach((k) => k.dispose()); f?.rows?.dispose(); f?.env.forEach((k) => k.dispose());
    trees.forEach((x) => x.dispose()); vals.forEach((v) => v.dispose());
  }
}

/** The row count a where phrase on a dictionary ran over: the count of its list entries. */
function rowsCount(env: Map<string, K>, rows: K): number {
  for (const v of env.values()) if (v.type >= 0 && v.type < 98) return v.count;
  return rows.count;
}

/** exec or select (b is () or 0b) with no by phrase. */
function isPlainQuery(b: K): boolean { return isEmptyList(b) || (b.type === -1 && V.intValue(b) === 0); }

/** exec … or select … from a dictionary, as from one record: no phrase is the dictionary itself,
 *  one phrase its value, named phrases a dictionary (what select's phrases always are, so a
 *  select gives a dictionary). A where phrase narrows the entries first (filterDict). A by
 *  phrase, distinct or a limit is 'type, as a by is in an update. */
function execDict(d: K, c: K, a: K, outer?: Outer): K {
  if (isEmptyList(a) && isEmptyList(c)) return d.ref();
  const env0 = dictEntries(d);
  const cp = new Compiler(new Set(env0.keys()), outer);
  let f: { rows: K | null; env: Map<string, K> } | null = null;
  try {
    f = filterDict(cp, env0, c);
    const env = f.env;
    if (isEmptyList(a)) {
      const ks = V.symVec([...env.keys()]);
      return V.dictOf(ks, V.listOf([...env.values()].map((v) => v.ref())));
    }
    if (a.type !== XD) return runOnDict(cp, env, a);
    const { names, trees } = dictPhrases(a);
    const vals: K[] = [];
    try {
      for (const tr of trees) vals.push(runOnDict(cp, env, tr));
      return V.dictOf(V.symVec(names), V.listOf(vals.map((v) => v.ref())));
    } finally { trees.forEach((x) => x.dispose()); vals.forEach((v) => v.dispose()); }
  } finally { cp.dispose(); env0.forEach((k) => k.dispose()); f?.rows?.dispose(); f?.env.forEach((k) => k.dispose()); }
}

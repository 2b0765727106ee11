// Grouped aggregates: a by query's `agg col` phrases (and `count i`) run as
// one pass over the column through the group kernels of
// assembly/kernels/group.ts, with the group ids of the group index; null when
// the phrase is not one of them, and the executor applies it group by group.
//
//   count x · first x · last x     any column (group sizes; gathers at first/last rows)
//   sum x                          long, float
//   min x · max x                  short, int, long, real, float and the temporal types on them
//   avg var dev svar sdev x        short, int, long, real, float
//   prd x                          float
//   sum x                          also boolean, byte, short, int (exact, groupagg.ts) and the
//                                  temporal types on longs
//   med x                          boolean, byte, short, int, long, real, float (groupagg.ts)
//   w wsum x · w wavg x            numeric pairs, widened to float (groupagg.ts)
//   x cov y · x scov y · x cor y   numeric pairs, widened to float (groupagg.ts)

import { K } from '../k.js';
import { alloc, kernel, mem } from '../runtime.js';
import { QTYPES } from '../types.js';
import { payloadOf } from '../lang/eval.js';
import { rowsK, at, type Cols } from './frame.js';
import type { GroupIndex } from './group.js';
import type { Phrase } from './phrase.js';
import type { Node } from '../lang/parser.js';
import { compile, type Outer } from '../lang/compile.js';

const STATS = new Set(['count', 'first', 'last', 'sum', 'min', 'max', 'avg', 'var', 'dev', 'svar', 'sdev', 'prd', 'med']);
const PAIRS = new Set(['wsum', 'wavg', 'cov', 'scov', 'cor']);

/** Engine values shared by the aggregates of one query: the selected columns (the group ids are the index's own). */
export class AggCache {
  private cols = new Map<string, K>();
  gid(ix: GroupIndex): K { return ix.gidK; }
  column(t: Cols, name: string, rows: Int32Array | null): K {
    let c = this.cols.get(name);
    if (!c) {
      const col = t.cols[t.names.indexOf(name)];
      if (rows) { const rk = rowsK(rows); try { c = at(col, rk); } finally { rk.dispose(); } } else c = col.ref();
      this.cols.set(name, c);
    }
    return c;
  }
  dispose(): void { this.cols.forEach((k) => k.dispose()); this.cols.clear(); }
}

/** Functions that apply item by item: on per-group atoms they may run once on the per-group vectors. */
const ATOMIC = new Set(['+', '-', '*', '%', '&', '|', '=', '<', '>', '<=', '>=', '<>', '^', 'neg', 'abs', 'sqrt', 'exp', 'log',
  'floor', 'ceiling', 'signum', 'reciprocal', 'not', 'null', 'xexp', 'xlog', 'div', 'mod', '-:', 'and', 'or']);

/** The name of the function heading an application node, when it is a primitive or keyword. */
export function headOp(f: Node, t: Cols): string | null {
  if (f.k === 'value') {
    const k = f.v as K;
    const pl = k.type >= 100 ? payloadOf(k) : undefined;
    return pl?.kind === 'prim' ? pl.op : null;
  }
  if (f.k === 'prim') return f.op;
  if (f.k === 'name' && !t.names.includes(f.name)) return f.name;
  return null;
}

/** An expression of grouped aggregates under atomic functions and atom constants ((max a)-min b):
 *  each aggregate by its kernel, then the expression once over the per-group vectors. */
export function groupedExpr(p: Phrase, t: Cols, rows: Int32Array | null, ix: GroupIndex, cache: AggCache, outer?: Outer): K | null {
  const direct = groupedAgg(p, t, rows, ix, cache);
  if (direct || p.node.k !== 'app') return direct;
  const made: K[] = [];
  let leaves = 0;
  const go = (n: Node | null): Node | null => {
    if (n === null) return null;
    if (n.k === 'const') return n.lit.type < 0 ? n : null;
    // a constant of a phrase compiled from a parse tree (select's own text goes through parse too)
    if (n.k === 'value') return (n.v as K).type < 0 ? n : null;
    if (n.k !== 'app' || n.args.some((a) => a === null)) return null;
    const v = groupedAgg({ node: n } as Phrase, t, rows, ix, cache);
    if (v) { made.push(v); leaves++; return { k: 'value', v }; }
    const op = headOp(n.f, t);
    if (!op || !ATOMIC.has(op)) return null;
    const args: Node[] = [];
    for (const a of n.args) { const g = go(a); if (!g) return null; args.push(g); }
    return { ...n, args };
  };
  try {
    const sub = go(p.node);
    if (!sub || leaves === 0) return null;
    return compile(sub, [], outer)([]);
  } finally { made.forEach((k) => k.dispose()); }
}

/** The function a node names when it is a primitive or keyword (not a column). */
function opName(f: Node, t: Cols): string | null {
  if (f.k === 'value') {
    const k = f.v as K;
    const pl = k.type >= 100 ? payloadOf(k) : undefined;
    return pl?.kind === 'prim' ? pl.op : null;
  }
  if (f.k === 'name' && !t.names.includes(f.name)) return f.name;
  return null;
}

/** The aggregate and the column(s) of an `agg col` or `col agg col` phrase, or null. */
function recognise(p: Phrase, t: Cols): { op: string; col: string; col2?: string } | null {
  const n = p.node;
  if (n.k !== 'app' || !n.args.every((a) => a && a.k === 'name')) return null;
  let op = opName(n.f, t);
  if (op === '#:') op = 'count';
  if (op === '*:') op = 'first';
  if (!op) return null;
  const names = n.args.map((a) => (a as { name: string }).name);
  if (names.length === 2 && PAIRS.has(op)) {
    return names.every((c) => t.names.includes(c)) ? { op, col: names[0], col2: names[1] } : null;
  }
  if (names.length !== 1 || !STATS.has(op)) return null;
  const col = names[0];
  if (!t.names.includes(col) && !(col === 'i' && op === 'count')) return null;
  return { op, col };
}

/** Storage class of a numeric or temporal type for the group kernels, or null. */
function cls(t: number, temporal: boolean): string | null {
  if (t === 5 || t === 6 || t === 7 || t === 8 || t === 9) return QTYPES[t]!.storage;
  if (temporal && t >= 12 && t <= 19) return QTYPES[t]!.storage;
  return null;
}

/** One value per group for phrase p, computed by a kernel; null when p is not a grouped aggregate. */
export function groupedAgg(p: Phrase, t: Cols, rows: Int32Array | null, ix: GroupIndex, cache: AggCache): K | null {
  const r = recognise(p, t);
  if (!r) return null;
  const m = ix.n;
  if (r.op === 'count') {
    const c = new Int32Array(m);
    for (let g = 0; g < m; g++) c[g] = ix.starts[g + 1] - ix.starts[g];
    return rowsK(c);
  }
  const col = t.cols[t.names.indexOf(r.col)];
  if (r.op === 'first' || r.op === 'last') {
    const pos = r.op === 'first' ? ix.first : ix.last;
    const orig = rows ? Int32Array.from(pos, (k) => rows[k]) : pos;
    const rk = rowsK(orig);
    try { return at(col, rk); } finally { rk.dispose(); }
  }
  const ty = col.type;
  if (r.col2 !== undefined) return pairAgg(r.op, r.col, r.col2, t, rows, ix, cache);
  if (r.op === 'med') return medAgg(r.col, t, rows, ix, cache);
  if (r.op === 'sum' && (ty === 1 || ty === 4 || ty === 5 || ty === 6)) return narrowSum(r.col, t, rows, ix, cache);
  const c = cls(ty, r.op === 'min' || r.op === 'max');
  if (r.op === 'sum' && (ty === 7 || ty === 9 || (ty >= 12 && ty <= 19 && QTYPES[ty]!.storage === 'J'))) {
    // longs and the temporal types stored as longs sum to their own type (timespans, timestamps …)
    const x = cache.column(t, r.col, rows), gid = cache.gid(ix);
    const o = new K(alloc(ty, m));
    kernel(`gsum_${ty === 9 ? 'F' : 'J'}`)(x.ptr + 16, gid.ptr + 16, x.count, m, o.ptr + 16);
    return o;
  }
  if (!c) return null;
  if (r.op === 'sum') return null;
  if (r.op === 'prd' && c !== 'F') return null;
  if (r.op === 'prd' && ty !== 9) return null;
  // the column at the selected rows, and the group ids, in engine memory (shared by the query's aggregates)
  const x = cache.column(t, r.col, rows);
  const n = x.count;
  const gid = cache.gid(ix);
  const temps: K[] = [];
  try {
    const out = (code: number): K => { const k = new K(alloc(code, m)); return k; };
    const call = (name: string, ...extra: number[]) => kernel(name)(x.ptr + 16, gid.ptr + 16, n, m, ...extra);
    // counts that start as the group sizes (gavgs/gvars take the nulls off): no count update per row
    const sizes = (): K => {
      const k = out(6);
      temps.push(k);
      const cs = k.data as Int32Array, st = ix.starts;
      for (let g = 0; g < m; g++) cs[g] = st[g + 1] - st[g];
      return k;
    };
    switch (r.op) {
      case 'sum': { const o = out(ty); call(`gsum_${c}`, o.ptr + 16); return o; }
      case 'prd': { const o = out(9); call('gprd_F', o.ptr + 16); return o; }
      case 'min': case 'max': { const o = out(ty); call(`g${r.op}_${c}`, o.ptr + 16); return o; }
      case 'avg': {
        const o = out(9), cnt = sizes();
        call(`gavgs_${c}`, o.ptr + 16, cnt.ptr + 16);
        return o;
      }
      default: {
        const o = out(9), mean = out(9), cnt = sizes();
        temps.push(mean);
        call(`gvars_${c}`, o.ptr + 16, cnt.ptr + 16, mean.ptr + 16);
        if (r.op === 'var') return o;
        const f = mem().f64, b = (o.ptr + 16) >>> 3, cb = (cnt.ptr + 16) >>> 2;
        const i32 = mem().i32;
        for (let g = 0; g < m; g++) {
          let v = f[b + g];
          if (r.op === 'svar' || r.op === 'sdev') { const k = i32[cb + g]; v = v * k / (k - 1); }
          f[b + g] = r.op === 'var' || r.op === 'svar' ? v : Math.sqrt(v);
        }
        return o;
      }
    }
  } finally { temps.forEach((k) => k.dispose()); }
}


/** Numeric types whose plain sum/med/wsum/cov the kernels reproduce: boolean, byte, short, int, long, real, float. */
const NUMERIC = new Set([1, 4, 5, 6, 7, 8, 9]);

/** sum of a boolean, byte, short or int column per group: an int each, summed exactly in integers. */
function narrowSum(name: string, t: Cols, rows: Int32Array | null, ix: GroupIndex, cache: AggCache): K {
  const x = cache.column(t, name, rows), gid = cache.gid(ix);
  const o = new K(alloc(6, ix.n));
  kernel(`gsumn_${QTYPES[x.type]!.storage}`)(x.ptr + 16, gid.ptr + 16, x.count, ix.n, o.ptr + 16);
  return o;
}

/** med per group: a float each (0n for a group of nulls). */
function medAgg(name: string, t: Cols, rows: Int32Array | null, ix: GroupIndex, cache: AggCache): K | null {
  const col = t.cols[t.names.indexOf(name)];
  if (!NUMERIC.has(col.type)) return null;
  const x = cache.column(t, name, rows), gid = cache.gid(ix);
  const m = ix.n, n = x.count;
  const o = new K(alloc(9, m)), cnt = new K(alloc(6, 2 * m + 1)), buf = new K(alloc(9, n));
  try {
    kernel(`gmed_${QTYPES[x.type]!.storage}`)(x.ptr + 16, gid.ptr + 16, n, m, o.ptr + 16, cnt.ptr + 16, buf.ptr + 16);
    return o;
  } catch (e) { o.dispose(); throw e; } finally { cnt.dispose(); buf.dispose(); }
}

/** A column at the selected rows widened to float (null → NaN): a new K. */
function asFloat(x: K): K {
  if (x.type === 9) return x.ref();
  const o = new K(alloc(9, x.count));
  kernel(`rd_tof_${QTYPES[x.type]!.storage}`)(x.ptr + 16, o.ptr + 16, x.count);
  return o;
}

/** w wsum x, w wavg x, x cov y, x scov y, x cor y per group: a float each. */
function pairAgg(op: string, a: string, b: string, t: Cols, rows: Int32Array | null, ix: GroupIndex, cache: AggCache): K | null {
  const ca = t.cols[t.names.indexOf(a)], cb = t.cols[t.names.indexOf(b)];
  if (!NUMERIC.has(ca.type) || !NUMERIC.has(cb.type)) return null;
  const m = ix.n, gid = cache.gid(ix);
  const ra = cache.column(t, a, rows), rb = cache.column(t, b, rows);
  // cov/scov/cor read two longs, ints or floats of one type in place; other pairs are widened to float first
  const sameType = (op === 'cov' || op === 'scov' || op === 'cor') && ra.type === rb.type && (ra.type === 7 || ra.type === 6);
  const xa = sameType ? ra.ref() : asFloat(ra), xb = sameType ? rb.ref() : asFloat(rb);
  const n = xa.count;
  try {
    if (op === 'wsum' || op === 'wavg') {
      const o = new K(alloc(9, m));
      if (op === 'wsum') { kernel('gwsum_F')(xa.ptr + 16, xb.ptr + 16, gid.ptr + 16, n, m, o.ptr + 16); return o; }
      const ws = new K(alloc(9, m));
      try { kernel('gwavg_F')(xa.ptr + 16, xb.ptr + 16, gid.ptr + 16, n, m, o.ptr + 16, ws.ptr + 16); } finally { ws.dispose(); }
      return o;
    }
    const acc = new K(alloc(9, 6 * m));
    try {
      kernel(`gcov_${QTYPES[xa.type]!.storage}`)(xa.ptr + 16, xb.ptr + 16, gid.ptr + 16, n, m, acc.ptr + 16);
      const o = new K(alloc(9, m));
      const f = mem().f64, ab = (acc.ptr + 16) >>> 3, ob = (o.ptr + 16) >>> 3;
      for (let g = 0; g < m; g++) {
        const cov = f[ab + 6 * g], c = f[ab + 6 * g + 1], vx = f[ab + 6 * g + 2], vy = f[ab + 6 * g + 3];
        f[ob + g] = op === 'cov' ? cov : op === 'scov' ? cov * c / (c - 1) : cov / (Math.sqrt(vx) * Math.sqrt(vy));
      }
      return o;
    } finally { acc.dispose(); }
  } finally { xa.dispose(); xb.dispose(); }
}

// Indexing: x i, x@i (Index At), x . i (Index at depth), and key lookup in
// dictionaries and keyed tables.
//
// A simple vector indexed by an integral vector goes through one gather
// kernel per call (assembly/kernels/struct.ts); indexes outside 0..n-1,
// negative or null, give the type's null. General lists give, for an index out
// of range, the null of their first item's type. Nested indexes keep their
// shape; dictionaries are indexed by key, tables by row or column name.

import {
  E, mem, alloc, check, hdrType, hdrCount, child, kernel, QError, XD, XT, KS,
  cls, ixCls, nullRaw, nullAtom, isGenericNull, isSimpleAtom, isSimpleVec, intAtom,
  buildList, simplify, itemP, protoNull, dictPtr, tableOf, tabNames, tabCols, mapCols, countP, widthOf,
  longAtom, genericNull,
} from './util.js';
import { symbol } from '../../runtime.js';
import { indexedFind } from '../hashindex.js';
import { K } from '../../k.js';
import { lookup } from '../registry.js';

/** x[ix] for a simple vector or general list x and an integral (or boolean)
 *  vector ix: one kernel call. */
export function gatherP(x: number, ix: number): number {
  const t = hdrType(x), it = hdrType(ix);
  const ic = ixCls(it);
  if (!ic) throw new QError('type');
  const n = hdrCount(x), m = hdrCount(ix);
  const c = cls(t);
  if (c === 'K') {
    const nul = protoNull(x);
    let r: number;
    try { r = alloc(t, m); } catch (e) { E.r0(nul); throw e; }
    kernel(`gather_K_${ic}`)(x + 16, n, ix + 16, r + 16, m, nul);
    E.r0(nul);
    return r;
  }
  const r = alloc(t, m);
  if (c === 'U') {
    kernel(`gather_U_${ic}`)(x + 16, n, ix + 16, r + 16, m);
  } else {
    kernel(`gather_${c}_${ic}`)(x + 16, n, ix + 16, r + 16, m, nullRaw(t));
  }
  return r;
}

/** Item k of list/vector x, or the null an out-of-range index gives. */
export function itemOrNull(x: number, k: number): number {
  const t = hdrType(x);
  if (k >= 0 && k < hdrCount(x)) return itemP(x, k);
  return t === 0 ? protoNull(x) : nullAtom(t);
}

/** x@i: Index At for data x (functions are the language's business: 'nyi). */
export function atP(x: number, i: number): number {
  const tx = hdrType(x), ti = hdrType(i);
  if (tx >= 100) throw new QError('nyi');
  if (isGenericNull(i)) return E.r1(x);
  if (tx < 0) throw new QError('type');
  if (tx === XD) return dictAt(x, i);
  if (tx === XT) return tableAt(x, i);
  if (ti < 0) {
    if (!ixCls(ti)) throw new QError('type');
    return itemOrNull(x, intAtom(i));
  }
  if (isSimpleVec(ti)) return gatherP(x, i);
  if (ti === 0) return simplify(buildList(hdrCount(i), (k) => atP(x, child(i, k))));
  if (ti === XD) { const v = atP(x, child(i, 1)); return dictPtr(E.r1(child(i, 0)), v); }
  throw new QError('type');
}

// tables -----------------------------------------------------------------------

function colIndex(t: number, name: number): number {
  const names = tabNames(t), n = hdrCount(names), ids = mem().i32, b = (names + 16) >>> 2;
  for (let c = 0; c < n; c++) if (ids[b + c] === name) return c;
  return -1;
}

/** Column `id` of table t (a new reference), or the q error named after it. */
export function column(t: number, id: number): number {
  const c = colIndex(t, id);
  if (c < 0) throw new QError(symbol(id));
  return E.r1(child(tabCols(t), c));
}

/** Row k of table t as a dictionary (nulls when out of range). */
export function rowDict(t: number, k: number): number {
  const cols = tabCols(t);
  const vals = simplify(buildList(hdrCount(cols), (c) => itemOrNull(child(cols, c), k)));
  return dictPtr(E.r1(tabNames(t)), vals);
}

function tableAt(t: number, i: number): number {
  const ti = hdrType(i);
  if (ti === -KS) return column(t, mem().i32[(i + 16) >>> 2]);
  if (ti === KS) {
    const n = hdrCount(i);
    return buildList(n, (k) => column(t, mem().i32[((i + 16) >>> 2) + k]));
  }
  if (ti < 0) {
    if (!ixCls(ti)) throw new QError('type');
    return rowDict(t, intAtom(i));
  }
  if (isSimpleVec(ti)) {
    if (!ixCls(ti)) throw new QError('type');
    return mapCols(t, (col) => gatherP(col, i));
  }
  if (ti === 0) return buildList(hdrCount(i), (k) => tableAt(t, child(i, k)));
  throw new QError('type');
}

// dictionaries -------------------------------------------------------------------

type KeyOf = (p: number, i: number) => unknown;

/** A function giving a Map key for item i of simple vector/atom p (raw
 *  stored value: nulls match nulls, as q's find). */
function keyGetter(t: number): KeyOf {
  const c = cls(t);
  const a = Math.abs(t);
  if (a === 8) return (p, i) => mem().f32[((p + 16) >>> 2) + i];
  if (a === 9 || a === 15) return (p, i) => mem().f64[((p + 16) >>> 3) + i];
  switch (c) {
    case 'G': return (p, i) => mem().u8[p + 16 + i];
    case 'H': return (p, i) => mem().i16[((p + 16) >>> 1) + i];
    case 'I': return (p, i) => mem().i32[((p + 16) >>> 2) + i];
    case 'J': return (p, i) => mem().i64[((p + 16) >>> 3) + i];
    default: return (p, i) => {
      const b = mem().u8, o = p + 16 + i * 16;
      let s = '';
      for (let j = 0; j < 16; j++) s += String.fromCharCode(b[o + j]);
      return s;
    };
  }
}

/** The find kernels' class: item width, or E/F for floats (compared as q does), U for guids. */
function hashClass(t: number): string {
  const a = Math.abs(t);
  if (a === 2) return 'U';
  if (a === 8) return 'E';
  if (a === 9 || a === 15) return 'F';
  return String(widthOf(a));
}
function hasFind(t: number): boolean {
  return typeof (E as Record<string, unknown>)[`find_${hashClass(t)}`] === 'function';
}

/** Positions of i in the keys of a dictionary (count keys where absent),
 *  shaped like i: an atom for one key, a vector for a vector of keys. */
export function findP(keys: number, i: number): number {
  const tk = hdrType(keys), ti = hdrType(i), n = hdrCount(keys);
  if (tk === 0) return findGeneral(keys, i);
  if (!isSimpleVec(tk)) throw new QError('type');
  if ((ti === tk || ti === -tk) && hasFind(tk)) {
    // the hash find kernel of x?y (assembly/kernels/set.ts)
    const m = ti < 0 ? 1 : hdrCount(i);
    const r = alloc(ti < 0 ? -7 : 7, m);
    try { if (indexedFind(keys, i + 16, m, r + 16, 0)) return r; } catch (e) { E.r0(r); throw e; }
    if (!kernel(`find_${hashClass(tk)}`)(keys + 16, n, i + 16, m, r + 16, 0)) { E.r0(r); check(0); }
    return r;
  }
  if (ti === -tk) {
    const get = keyGetter(tk), v = get(i, 0);
    for (let k = 0; k < n; k++) if (get(keys, k) === v) return longAtom(k);
    return longAtom(n);
  }
  if (ti === tk) {
    const get = keyGetter(tk), m = hdrCount(i);
    const map = new Map<unknown, number>();
    for (let k = n - 1; k >= 0; k--) map.set(get(keys, k), k);
    const r = alloc(7, m);
    const out = mem().i64, o = (r + 16) >>> 3;
    for (let k = 0; k < m; k++) out[o + k] = BigInt(map.get(get(i, k)) ?? n);
    return r;
  }
  if (ti === 0) return simplify(buildList(hdrCount(i), (k) => findP(keys, child(i, k))));
  if (ti < 0) return longAtom(n);
  if (isSimpleVec(ti)) {
    const m = hdrCount(i), r = alloc(7, m);
    mem().i64.fill(BigInt(n), (r + 16) >>> 3, ((r + 16) >>> 3) + m);
    return r;
  }
  throw new QError('type');
}

function findGeneral(keys: number, i: number): number {
  const n = hdrCount(keys), ti = hdrType(i);
  if (ti !== 0) {
    // an atom, a simple list, a dictionary or table is one key (find.md: a
    // list of lists matches a simple y whole; a mixed y item by item)
    for (let k = 0; k < n; k++) if (match(child(keys, k), i)) return longAtom(k);
    return longAtom(n);
  }
  // a list of keys: one pass over the keys into a Map, then a lookup per item
  const map = new Map<string, number>();
  for (let k = n - 1; k >= 0; k--) map.set(keyText(child(keys, k)), k);
  return simplify(buildList(countP(i), (k) => {
    const it = itemP(i, k);
    try { return longAtom(map.get(keyText(it)) ?? n); } finally { E.r0(it); }
  }));
}

/** A string that two values share exactly when they match (~): type, count,
 *  stored bytes (floats: all NaNs alike), children recursively. */
function keyText(p: number): string {
  const t = hdrType(p);
  if (t === 0 || t === XD || t === XT) {
    const n = hdrCount(p);
    let s = `${t}(`;
    for (let k = 0; k < n; k++) s += keyText(child(p, k)) + ';';
    return s + ')';
  }
  if (t >= 100) return `${t}@${mem().i32[(p + 16) >>> 2]}`;
  const n = t < 0 ? 1 : hdrCount(p), get = keyGetter(t);
  let s = `${t}:`;
  for (let k = 0; k < n; k++) { const v = get(p, k); s += (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : String(v)) + ','; }
  return s;
}

function dictAt(d: number, i: number): number {
  const keys = child(d, 0), vals = child(d, 1);
  if (hdrType(keys) === XT) return keyedAt(d, i);
  const pos = mem().u8[keys + 1] === 1 && isSimpleVec(hdrType(keys)) ? stepP(keys, i) : findP(keys, i);
  try { return atP(vals, pos); } finally { E.r0(pos); }
}

/** A step dictionary (sorted keys, `s#): a key's position, or for a key not
 *  present the position of the highest key below it (-1: none), as bin. */
function stepP(keys: number, i: number): number {
  const bin = lookup('bin')?.dyad;
  if (!bin) throw new QError('nyi');
  const kk = new K(E.r1(keys)), ki = new K(E.r1(i));
  try {
    const r = bin(kk, ki);
    const p = E.r1(r.ptr);
    r.dispose();
    return p;
  } finally { kk.dispose(); ki.dispose(); }
}

// keyed tables ---------------------------------------------------------------------

function rowKeys(t: number): string[] {
  const cols = tabCols(t), nc = hdrCount(cols), n = countP(t);
  const gets = Array.from({ length: nc }, (_, c) => {
    const col = child(cols, c), tc = hdrType(col);
    return tc === 0 ? (_p: number, r: number) => `#${child(col, r)}` : keyGetter(tc);
  });
  const out = new Array<string>(n);
  for (let r = 0; r < n; r++) {
    let s = '';
    for (let c = 0; c < nc; c++) s += String(gets[c](child(cols, c), r)) + '\u0000';
    out[r] = s;
  }
  return out;
}

function keyedAt(kt: number, i: number): number {
  const kk = child(kt, 0), vv = child(kt, 1);
  const nk = hdrCount(tabCols(kk));
  const rows = rowKeys(kk);
  const map = new Map<string, number>();
  for (let r = rows.length - 1; r >= 0; r--) map.set(rows[r], r);
  const ti = hdrType(i);
  if (ti === XT) {
    const want = rowKeys(i);
    const pos = alloc(7, want.length);
    want.forEach((s, r) => { mem().i64[((pos + 16) >>> 3) + r] = BigInt(map.get(s) ?? rows.length); });
    try { return mapCols(vv, (col) => gatherP(col, pos)); } finally { E.r0(pos); }
  }
  // one key: an atom (one key column) or a list of nk atoms
  let probe: number;
  if (ti < 0 && nk === 1) probe = buildList(1, () => E.r1(i));
  else if (ti >= 0 && ti < 20 && countP(i) === nk) probe = buildList(nk, (c) => itemP(i, c));
  else if (nk === 1 && isSimpleVec(ti)) {
    // several keys of a single-column key
    const cols = buildList(1, () => E.r1(i));
    const t = tableOf(E.r1(tabNames(kk)), cols);
    try { return keyedAt(kt, t); } finally { E.r0(t); }
  } else throw new QError('type');
  let s = '';
  try {
    for (let c = 0; c < nk; c++) {
      const a = child(probe, c), ta = hdrType(a);
      if (!isSimpleAtom(ta)) { s = '\u0001'; break; }
      s += String(keyGetter(-ta)(a, 0)) + '\u0000';
    }
  } finally { E.r0(probe); }
  return rowDict(vv, map.get(s) ?? rows.length);
}

// deep indexing ---------------------------------------------------------------------

/** Every item of d, each through f (borrowed item -> owned result). */
function eachItem(d: number, f: (item: number) => number): number {
  const t = hdrType(d);
  if (t === XD) { const v = eachItem(child(d, 1), f); return dictPtr(E.r1(child(d, 0)), v); }
  if (t < 0 || t >= 98) throw new QError('type');
  return simplify(buildList(hdrCount(d), (k) => {
    const it = itemP(d, k);
    try { return f(it); } finally { E.r0(it); }
  }));
}

function dotRec(d: number, F: number, R: number[], k: number): number {
  if (isGenericNull(F)) {
    if (k >= R.length) return E.r1(d);
    if (hdrType(d) === XT) {
      // t . (::;c;…) is (t c) . (::;…): a column, then every item of it
      const col = atP(d, R[k]);
      try { return k + 1 >= R.length ? E.r1(col) : eachItem(col, (it) => dotRec(it, R[k + 1], R, k + 2)); } finally { E.r0(col); }
    }
    return eachItem(d, (it) => dotRec(it, R[k], R, k + 1));
  }
  if (k >= R.length) return atP(d, F);
  const tF = hdrType(F);
  if (tF < 0 || tF >= 98) {
    const sub = atP(d, F);
    try { return dotRec(sub, R[k], R, k + 1); } finally { E.r0(sub); }
  }
  if (hdrType(d) === XT && hdrType(R[k]) === -KS) {
    // t[rows;c;…] is (t c)[rows;…]: one gather instead of a row dictionary per row
    const col = atP(d, R[k]);
    try { return dotRec(col, F, R, k + 1); } finally { E.r0(col); }
  }
  return simplify(buildList(countP(F), (j) => {
    const f = itemP(F, j);
    try { return dotRec(d, f, R, k); } finally { E.r0(f); }
  }));
}

/** d . i: Index at depth, i a list of indexes (generic nulls elide a level). */
export function dotP(d: number, path: number): number {
  const tp = hdrType(path);
  if (hdrType(d) >= 100) throw new QError('nyi');
  if (tp < 0) {
    if (isGenericNull(path)) return E.r1(d);
    throw new QError('rank');
  }
  if (tp >= 98) throw new QError('type');
  const n = hdrCount(path);
  if (n === 0) return E.r1(d);
  const items: number[] = [];
  try {
    for (let k = 0; k < n; k++) items.push(itemP(path, k));
    return dotRec(d, items[0], items, 1);
  } finally { for (const p of items) E.r0(p); }
}

// match ------------------------------------------------------------------------------

/** q's x~y on blocks: same type, count and items (nulls match nulls). */
export function match(a: number, b: number): boolean {
  if (a === b) return true;
  const ta = hdrType(a), tb = hdrType(b);
  if (ta !== tb) return false;
  if (ta === 0 || ta === XD || ta === XT) {
    const n = hdrCount(a);
    if (n !== hdrCount(b)) return false;
    for (let k = 0; k < n; k++) if (!match(child(a, k), child(b, k))) return false;
    return true;
  }
  if (ta >= 100) return mem().i32[(a + 16) >>> 2] === mem().i32[(b + 16) >>> 2];
  const n = ta < 0 ? 1 : hdrCount(a);
  if (n !== (tb < 0 ? 1 : hdrCount(b))) return false;
  const get = keyGetter(ta);
  for (let k = 0; k < n; k++) {
    const x = get(a, k), y = get(b, k);
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

export { genericNull, widthOf };

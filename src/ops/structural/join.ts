// Join , (and the in-place append behind x,:y) and raze.
//
// Vectors of one type join with two memcpys into one allocation. Anything
// else becomes a general list of the items. Dictionaries join with upsert
// semantics, tables row-wise by column name. Append reuses the left block when
// its reference count is 1 and its size class has room (`capacity`).

import { simplify as simplifyP, fillNull } from './util.js';
import {
  E, mem, alloc, hdrType, hdrCount, child, kernel, QError, XD, XT,
  widthOf, isSimpleAtom, isSimpleVec, itemP, buildList, dictPtr, tableOf, tabNames, tabCols, countP, longVec,
  isKeyed,
} from './util.js';
import { findP, atP } from './index.js';
import { hdrRef } from '../../runtime.js';

const isList = (t: number): boolean => t >= 0 && t < 20;

/** Pushes owned pointers to the items of x: itself for an atom, its atoms
 *  for a vector, its children (new references) for a general list. */
function itemsOf(x: number, out: number[]): void {
  const t = hdrType(x);
  if (t < 0 || t >= 98) { out.push(E.r1(x)); return; }
  const n = hdrCount(x);
  for (let i = 0; i < n; i++) out.push(itemP(x, i));
}

/** x,y. */
export function joinP(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (tx === XD || ty === XD || tx === XT || ty === XT) return joinDictTable(x, y);
  // () is the identity of join for lists; an atom joined with () is enlisted
  if (tx === 0 && hdrCount(x) === 0) return isList(ty) ? E.r1(y) : enlist1(y);
  if (ty === 0 && hdrCount(y) === 0 && isList(tx)) return E.r1(x);
  const ax = Math.abs(tx), ay = Math.abs(ty);
  if (ax === ay && ax > 0 && ax < 20) {
    const nx = tx < 0 ? 1 : hdrCount(x), ny = ty < 0 ? 1 : hdrCount(y), w = widthOf(ax);
    if (nx + ny > 0xffffffff) throw new QError('limit');
    const r = alloc(ax, nx + ny);
    const cp = kernel('copy_bytes');
    cp(r + 16, x + 16, nx * w);
    cp(r + 16 + nx * w, y + 16, ny * w);
    return r;
  }
  if (tx === 0 && ty === 0) {
    const nx = hdrCount(x), ny = hdrCount(y);
    const r = alloc(0, nx + ny);
    const cp = kernel('copy_bytes');
    cp(r + 16, x + 16, nx * 4);
    cp(r + 16 + nx * 4, y + 16, ny * 4);
    kernel('incref')(r + 16, nx + ny);
    return r;
  }
  const items: number[] = [];
  try {
    itemsOf(x, items);
    itemsOf(y, items);
  } catch (e) { for (const p of items) E.r0(p); throw e; }
  let r: number;
  try { r = alloc(0, items.length); } catch (e) { for (const p of items) E.r0(p); throw e; }
  mem().u32.set(items, (r + 16) >>> 2);
  return r;
}

/** A one-item list of x: a vector for a simple atom. */
function enlist1(x: number): number {
  const t = hdrType(x);
  if (isSimpleAtom(t)) {
    const w = widthOf(t), r = alloc(-t, 1);
    kernel('copy_bytes')(r + 16, x + 16, w);
    return r;
  }
  const r = alloc(0, 1);
  mem().u32[(r + 16) >>> 2] = E.r1(x);
  return r;
}

function joinDictTable(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (tx === XT && ty === XT) return joinTables(x, y);
  if (tx === XD && ty === XD) {
    if (isKeyed(x) !== isKeyed(y)) throw new QError('type');
    if (isKeyed(x)) return upsertKeyed(x, y);
    // a dictionary of an atom key (`d!4) joins as its one-entry list form
    const lx = listDict(x), ly = listDict(y);
    try { return upsert(lx, ly); } finally { E.r0(lx); E.r0(ly); }
  }
  if (tx === XT && ty === XD && !isKeyed(y)) {
    // a table and a record: the record as a one-row table
    const row = recordTable(y);
    try { return joinTables(x, row); } finally { E.r0(row); }
  }
  throw new QError('type');
}

/** d itself (referenced), or for an atom key and value the one-entry dictionary
 *  of their enlisted forms. */
function listDict(d: number): number {
  const k = child(d, 0), v = child(d, 1);
  if (hdrType(k) >= 0) return E.r1(d);
  const lk = enlist1(k);
  let lv: number;
  try { lv = enlist1(v); } catch (e) { E.r0(lk); throw e; }
  return dictPtr(lk, lv);
}

/** A dictionary of column name -> atom (or item) as a one-row table. */
function recordTable(d: number): number {
  const k = child(d, 0), v = child(d, 1);
  if (hdrType(k) !== 11) throw new QError('type');
  const n = hdrCount(k);
  const cols = buildList(n, (i) => enlist1Ptr(v, i));
  return tableOf(E.r1(k), cols);
}
function enlist1Ptr(v: number, i: number): number {
  const it = itemP(v, i);
  try { return enlist1(it); } finally { E.r0(it); }
}

/** Column positions of table y in x's column order, or 'mismatch. */
function alignCols(x: number, y: number): number[] {
  const nx = tabNames(x), ny = tabNames(y), n = hdrCount(nx);
  if (hdrCount(ny) !== n) throw new QError('mismatch');
  const ids = mem().i32, bx = (nx + 16) >>> 2, by = (ny + 16) >>> 2;
  const where = new Map<number, number>();
  for (let c = 0; c < n; c++) where.set(ids[by + c], c);
  const out: number[] = [];
  for (let c = 0; c < n; c++) {
    const j = where.get(ids[bx + c]);
    if (j === undefined) throw new QError('mismatch');
    out.push(j);
  }
  return out;
}

function joinTables(x: number, y: number): number {
  const order = alignCols(x, y);
  const cx = tabCols(x), cy = tabCols(y);
  const cols = buildList(order.length, (c) => joinP(child(cx, c), child(cy, order[c])));
  return tableOf(E.r1(tabNames(x)), cols);
}

/** Dictionary join: x's entries, updated by y's, then y's new keys. */
function upsert(x: number, y: number): number {
  const kx = child(x, 0), vx = child(x, 1), ky = child(y, 0), vy = child(y, 1);
  const nx = countP(kx), ny = countP(ky);
  const pos = findP(kx, ky);
  let at: number[];
  try {
    at = ny === 0 ? [] : hdrType(pos) < 0 ? [Number(mem().i64[(pos + 16) >>> 3])]
      : Array.from(mem().i64.subarray((pos + 16) >>> 3, ((pos + 16) >>> 3) + ny), Number);
  } finally { E.r0(pos); }
  // src[i]: for each result entry, (0, i) from x or (1, j) from y
  const fromY = new Int32Array(nx).fill(-1);
  const fresh: number[] = [];
  at.forEach((p, j) => { if (p < nx) fromY[p] = j; else fresh.push(j); });
  const freshIx = longVec(fresh);
  try {
    const newKeys = atP(ky, freshIx);
    let keys: number;
    try { keys = joinP(kx, newKeys); } finally { E.r0(newKeys); }
    let vals: number;
    try { vals = mergeValues(vx, vy, fromY, freshIx); } catch (e) { E.r0(keys); throw e; }
    return dictPtr(keys, vals);
  } finally { E.r0(freshIx); }
}

/** x's values with fromY[i] >= 0 replaced by y's value there, then y's values at fresh. */
function mergeValues(vx: number, vy: number, fromY: Int32Array, freshIx: number): number {
  const tx = hdrType(vx), ty = hdrType(vy);
  const tail = atP(vy, freshIx);
  try {
    if (tx === XT || ty === XT) throw new QError('nyi');
    if (tx > 0 && tx === ty) {
      // same simple type: copy x, overwrite the updated items, append the new
      const w = widthOf(tx), n = hdrCount(vx), nt = hdrCount(tail);
      const r = alloc(tx, n + nt);
      const cp = kernel('copy_bytes');
      cp(r + 16, vx + 16, n * w);
      for (let i = 0; i < n; i++) if (fromY[i] >= 0) cp(r + 16 + i * w, vy + 16 + fromY[i] * w, w);
      cp(r + 16 + n * w, tail + 16, nt * w);
      return r;
    }
    const n = countP(vx);
    const head = buildList(n, (i) => (fromY[i] >= 0 ? itemP(vy, fromY[i]) : itemP(vx, i)));
    try { return joinP(head, tail); } finally { E.r0(head); }
  } finally { E.r0(tail); }
}

/** Keyed tables: rows of y replace rows of x with the same key; others append. */
function upsertKeyed(x: number, y: number): number {
  const kx = child(x, 0), ky = child(y, 0), vx = child(x, 1), vy = child(y, 1);
  alignCols(kx, ky); alignCols(vx, vy);
  const ny = countP(ky), nx = countP(kx);
  // the row positions in x of each key row of y (via the keyed lookup)
  const rowsX = rowIndex(kx), rowsY = rowIndex(ky);
  const fromY = new Int32Array(nx).fill(-1);
  const fresh: number[] = [];
  for (let j = 0; j < ny; j++) {
    const p = rowsX.get(rowsY[j]);
    if (p === undefined) fresh.push(j); else fromY[p] = j;
  }
  const freshIx = longVec(fresh);
  try {
    const kk = tableRowsAt(ky, freshIx);
    let keys: number;
    try { keys = joinTables(kx, kk); } finally { E.r0(kk); }
    const order = alignCols(vx, vy);
    const cx = tabCols(vx), cy = tabCols(vy);
    let vals: number;
    try {
      const cols = buildList(order.length, (c) => mergeValues(child(cx, c), child(cy, order[c]), fromY, freshIx));
      vals = tableOf(E.r1(tabNames(vx)), cols);
    } catch (e) { E.r0(keys); throw e; }
    return dictPtr(keys, vals);
  } finally { E.r0(freshIx); }
}

function tableRowsAt(t: number, ix: number): number {
  return atP(t, ix);
}

/** Row key strings of a table, and a Map from key to first row (for upserts). */
function rowIndex(t: number): Map<string, number> & string[] {
  const cols = tabCols(t), nc = hdrCount(cols), n = countP(t);
  const keys: string[] = [];
  for (let r = 0; r < n; r++) {
    let s = '';
    for (let c = 0; c < nc; c++) {
      const it = itemP(child(cols, c), r);
      try { s += rawText(it) + '\u0000'; } finally { E.r0(it); }
    }
    keys.push(s);
  }
  const map = new Map<string, number>();
  for (let r = n - 1; r >= 0; r--) map.set(keys[r], r);
  return Object.assign(map, keys) as Map<string, number> & string[];
}

function rawText(p: number): string {
  const t = hdrType(p);
  if (t < 0) {
    const w = widthOf(t), b = mem().u8;
    let s = `${t}:`;
    for (let i = 0; i < w; i++) s += b[p + 16 + i].toString(16);
    return s;
  }
  if (t >= 0 && t < 20) {
    const n = hdrCount(p);
    let s = `${t}[`;
    for (let i = 0; i < n; i++) { const it = itemP(p, i); try { s += rawText(it) + ','; } finally { E.r0(it); } }
    return s + ']';
  }
  return `@${p}`;
}

// append ---------------------------------------------------------------------------------

/** Depth of nesting: 0 for atoms, 1 for vectors, 1 + depth of the first item for lists. */
function rank(p: number): number {
  const t = hdrType(p);
  if (t < 0 || t >= 98) return 0;
  if (t > 0) return 1;
  return hdrCount(p) ? 1 + rank(child(p, 0)) : 1;
}

/** x,:y — takes OWNERSHIP of x's block pointer when it succeeds and returns
 *  the result pointer: x's block itself, grown in place, when its reference
 *  count is 1 and its size class has room. On error x is left as it was (still
 *  the caller's). Strict about types as q's append: a simple vector takes only
 *  atoms or vectors of its own type. */
export function appendP(x: number, y: number): number {
  const r = appendRaw(x, y);
  if (!r.inPlace) E.r0(x);
  return r.ptr;
}

/** The attribute a simple vector x keeps when y is appended in place (the
 *  table layer installs q's rule: s, u and g kept where they still hold). */
export const appendHooks = { keepAttr: (_x: number, _y: number): number => 0 };

/** x,:y borrowing x: the result is x's own block (grown in place, no reference
 *  added) when inPlace, else a new block. */
export function appendRaw(x: number, y: number): { ptr: number; inPlace: boolean } {
  inPlace = false;
  const ptr = appendTo(x, y);
  return { ptr, inPlace };
}
let inPlace = false;

function appendTo(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (isSimpleVec(tx)) {
    if (Math.abs(ty) !== tx) throw new QError('type');
    const n = hdrCount(x), m = ty < 0 ? 1 : hdrCount(y), w = widthOf(tx);
    if (hdrRef(x) === 1 && x !== y && kernel('capacity')(x) >= n + m) {
      const a = appendHooks.keepAttr(x, y); // checked before the items change
      kernel('copy_bytes')(x + 16 + n * w, y + 16, m * w);
      setCount(x, n + m);
      mem().u8[x + 1] = a;
      inPlace = true;
      return x;
    }
    return joinP(x, y);
  }
  if (tx === 0) {
    const one = ty < 0 || ty >= 98 || rank(x) === rank(y) + 1;
    const n = hdrCount(x), m = one ? 1 : countP(y);
    if (hdrRef(x) === 1 && x !== y && kernel('capacity')(x) >= n + m) {
      const items: number[] = [];
      if (one) items.push(E.r1(y));
      else try { itemsOf(y, items); } catch (e) { for (const p of items) E.r0(p); throw e; }
      mem().u32.set(items, ((x + 16) >>> 2) + n);
      setCount(x, n + m);
      inPlace = true;
      return x;
    }
    if (!one) return joinP(x, y);
    const e = enlistAny(y);
    try { return joinP(x, e); } finally { E.r0(e); }
  }
  if (tx === XT) return appendTable(x, y);
  if (tx === XD) return appendDict(x, y);
  throw new QError('type');
}

function enlistAny(x: number): number {
  const r = alloc(0, 1);
  mem().u32[(r + 16) >>> 2] = E.r1(x);
  return r;
}

function setCount(p: number, n: number): void {
  const m = mem();
  m.u32[(p + 8) >>> 2] = n;
  m.u32[(p + 12) >>> 2] = 0;
}

function allTables(x: number): boolean {
  const n = hdrCount(x);
  for (let i = 0; i < n; i++) if (hdrType(child(x, i)) !== XT) return false;
  return true;
}

// raze ------------------------------------------------------------------------------------

/** raze x: the items of x joined (,/), one level of nesting collapsed. */
export function razeP(x: number): number {
  const t = hdrType(x);
  if (t < 0 || t >= 100) return enlist1(x);
  if (t === XD) return razeP(child(x, 1));
  if (t === XT) throw new QError('type');
  if (t > 0) return E.r1(x);
  const n = hdrCount(x);
  if (n === 0) return E.r1(x);
  // one simple type throughout (atoms or vectors of it, ignoring empty general lists)?
  let vt = 0, total = 0, allLists = true, anyDict = false;
  let uniform = true;
  for (let i = 0; i < n; i++) {
    const c = child(x, i), ct = hdrType(c);
    if (ct === XD || ct === XT) { anyDict = true; continue; }
    if (ct !== 0) allLists = false;
    if (ct === 0 && hdrCount(c) === 0) continue;
    const a = Math.abs(ct);
    if (ct === 0 || a >= 20) { uniform = false; continue; }
    if (vt === 0) vt = a; else if (vt !== a) uniform = false;
    total += ct < 0 ? 1 : hdrCount(c);
  }
  if (anyDict && allTables(x)) {
    // tables with the same columns: each column razed once (not n-1 joins)
    const first = child(x, 0);
    const orders = Array.from({ length: n }, (_, i) => alignCols(first, child(x, i)));
    const nc = orders[0].length;
    const cols = buildList(nc, (c) => {
      const parts = buildList(n, (i) => E.r1(child(tabCols(child(x, i)), orders[i][c])));
      try { return razeP(parts); } finally { E.r0(parts); }
    });
    return tableOf(E.r1(tabNames(first)), cols);
  }
  if (anyDict) {
    // ,/ over dictionaries (upserts) or a mix
    let acc = E.r1(child(x, 0));
    try {
      for (let i = 1; i < n; i++) { const r = joinP(acc, child(x, i)); E.r0(acc); acc = r; }
    } catch (e) { E.r0(acc); throw e; }
    return acc;
  }
  if (uniform && vt > 0) {
    if (total > 0xffffffff) throw new QError('limit');
    const r = alloc(vt, total);
    kernel('raze_bytes')(x, n, r + 16, widthOf(vt));
    return r;
  }
  if (allLists) {
    let m = 0;
    for (let i = 0; i < n; i++) m += hdrCount(child(x, i));
    const r = alloc(0, m);
    kernel('raze_K')(x, n, r + 16);
    return r;
  }
  const items: number[] = [];
  try {
    for (let i = 0; i < n; i++) itemsOf(child(x, i), items);
  } catch (e) { for (const p of items) E.r0(p); throw e; }
  let r: number;
  try { r = alloc(0, items.length); } catch (e) { for (const p of items) E.r0(p); throw e; }
  mem().u32.set(items, (r + 16) >>> 2);
  return r;
}

// append to tables and dictionaries ---------------------------------------------------

/** t,:y — rows of a table (possibly missing columns: nulls), a record (a
 *  dictionary, or a list of one atom per column), or a list of records. Column
 *  types must match (q's append is strict where join is not). */
function appendTable(t: number, y: number): number {
  const ty = hdrType(y);
  if (ty === XT) return joinFit(t, y);
  if (ty === XD && !isKeyed(y)) {
    const row = recordTable(y);
    try { return joinFit(t, row); } finally { E.r0(row); }
  }
  if (ty >= 0 && ty < 20) {
    const nc = hdrCount(tabCols(t));
    const n = hdrCount(y);
    const recs = ty === 0 && n > 0 && hdrType(child(y, 0)) >= 0 && hdrType(child(y, 0)) < 20;
    const rows = recs ? n : 1;
    const cols = buildList(nc, (c) => {
      if (!recs) {
        if (n !== nc) throw new QError('length');
        return enlist1Ptr(y, c);
      }
      const items = buildList(rows, (r) => {
        const rec = child(y, r);
        if (countP(rec) !== nc) throw new QError('length');
        return itemP(rec, c);
      });
      return simplifyP(items);
    });
    const tb = tableOf(E.r1(tabNames(t)), cols);
    try { return joinFit(t, tb); } finally { E.r0(tb); }
  }
  throw new QError('type');
}

function joinFit(t: number, y: number): number {
  const f = fitTable(t, y);
  try { return joinTables(t, f); } finally { E.r0(f); }
}

/** y's columns in t's order, nulls for the ones y lacks; 'type when a column of
 *  y does not have the type of t's; 'mismatch for columns t does not have.
 *  Returns a new table (or y itself, referenced, when it already fits). */
function fitTable(t: number, y: number): number {
  const nt = tabNames(t), ny = tabNames(y), ct = tabCols(t), cy = tabCols(y);
  const n = hdrCount(nt), m = countP(y), ids = mem().i32;
  const where = new Map<number, number>();
  for (let c = 0; c < hdrCount(ny); c++) where.set(ids[((ny + 16) >>> 2) + c], c);
  for (const id of where.keys()) {
    let found = false;
    for (let c = 0; c < n; c++) if (ids[((nt + 16) >>> 2) + c] === id) { found = true; break; }
    if (!found) throw new QError('mismatch');
  }
  const cols = buildList(n, (c) => {
    const col = child(ct, c), tc = hdrType(col);
    const j = where.get(mem().i32[((nt + 16) >>> 2) + c]);
    if (j === undefined) return nullsLike(col, m);
    const yc = child(cy, j), tyc = hdrType(yc);
    if (tc > 0 && tyc !== tc && !(tyc === 0 && hdrCount(yc) === 0)) throw new QError('type');
    return E.r1(yc);
  });
  return tableOf(E.r1(nt), cols);
}

/** m nulls of the type of column col (empty lists for a general column). */
function nullsLike(col: number, m: number): number {
  const t = hdrType(col);
  const r = alloc(t, m);
  if (t === 0) {
    const base = (r + 16) >>> 2;
    mem().u32.fill(0, base, base + m);
    try { for (let i = 0; i < m; i++) { const e = alloc(0, 0); mem().u32[base + i] = e; } } catch (e) { E.r0(r); throw e; }
  } else fillNull(r, t, 0, m);
  return r;
}

/** d,:e — upsert; a dictionary of simple values only takes values of its type. */
function appendDict(x: number, y: number): number {
  if (hdrType(y) !== XD) throw new QError('type');
  if (!isKeyed(x)) {
    const vx = child(x, 1), vy = child(y, 1), tv = hdrType(vx), tw = hdrType(vy);
    if (tv > 0 && tw !== tv && !(tw === 0 && hdrCount(vy) === 0)) throw new QError('type');
  }
  return joinP(x, y);
}

// Take #, Drop _, Cut _ / cut, sublist.
//
// Take on a vector is one cyclic copy kernel (the first period, then doubling
// copies); drop and sublist are slices (one memcpy); cut is one kernel that
// allocates every piece.

import {
  E, mem, alloc, check, hdrType, hdrCount, child, kernel, QError, XD, XT, KS,
  widthOf, isGenericNull, isSimpleAtom, isIntAtom, isIntVec, intAtom, isNullInt, intItems,
  intNullOf, buildList, listOf, slice, fillNull, dictPtr, tableOf, tabNames, tabCols, mapCols,
  countP, longVec, isKeyed,
} from './util.js';
import { gatherP, findP, atP } from './index.js';
import { symbol as symbolText, intern } from '../../runtime.js';

// take -------------------------------------------------------------------------------

/** k items of vector/list y, cyclically; from the end when k < 0. */
export function takeVec(k: number, y: number): number {
  const t = hdrType(y), n = hdrCount(y), m = Math.abs(k), w = widthOf(t);
  if (m > 0xffffffff) throw new QError('limit');
  const r = alloc(t, m);
  if (m === 0) return r;
  if (n === 0) {
    if (t === 0) {
      // items of an empty general list: its own null, the empty list
      const base = (r + 16) >>> 2;
      mem().u32.fill(0, base, base + m);
      try { for (let i = 0; i < m; i++) { const e = alloc(0, 0); mem().u32[base + i] = e; } } catch (e) { E.r0(r); throw e; }
    } else fillNull(r, t, 0, m);
    return r;
  }
  const start = k >= 0 ? 0 : (n - (m % n)) % n;
  kernel('take_bytes')(y + 16, n * w, start * w, r + 16, m * w);
  if (t === 0) kernel('incref')(r + 16, m);
  return r;
}

/** |k| copies of atom y: a vector of y's type, or a general list of y. */
function takeAtom(k: number, y: number): number {
  const t = hdrType(y), m = Math.abs(k);
  if (m > 0xffffffff) throw new QError('limit');
  if (isSimpleAtom(t)) {
    const r = alloc(-t, m);
    kernel('fill_bytes')(r + 16, y + 16, widthOf(t), m);
    return r;
  }
  const r = alloc(0, m);
  const base = (r + 16) >>> 2;
  mem().u32.fill(y, base, base + m);
  kernel('incref')(r + 16, m);
  return r;
}

/** k#y for an integer k. */
function takeN(k: number, y: number): number {
  const t = hdrType(y);
  if (t < 0 || t >= 100) return takeAtom(k, y);
  if (t === XT) return mapCols(y, (col) => takeVec(k, col));
  if (t === XD) {
    const ks = takeN(k, child(y, 0));
    let vs: number;
    try { vs = takeN(k, child(y, 1)); } catch (e) { E.r0(ks); throw e; }
    return dictPtr(ks, vs);
  }
  return takeVec(k, y);
}

/** x#y: take, reshape, take keys/columns, or set an attribute (`s#x). */
export function takeP(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (isIntAtom(tx)) {
    if (isNullInt(x)) return ty < 0 || ty >= 100 ? takeAtom(1, y) : E.r1(y);
    return takeN(intAtom(x), y);
  }
  if (isIntVec(tx)) return reshape(x, y);
  if (tx === KS) {
    if (ty === XD && !isKeyed(y)) return takeKeys(x, y);
    if (ty === XT) return takeCols(x, y);
    if (ty === XD) {
      // a keyed table: columns of its value table
      const v = takeCols(x, child(y, 1));
      return dictPtr(E.r1(child(y, 0)), v);
    }
    throw new QError('type');
  }
  if (tx === -KS) return setAttr(x, y);
  if (tx === XT && isKeyed(y)) {
    // rows of a keyed table for the keys in table x, with their keys
    const v = atP(y, x);
    return dictPtr(E.r1(x), v);
  }
  throw new QError('type');
}

/** `a`b#d: the entries of d for the keys x (nulls for missing keys). */
function takeKeys(x: number, d: number): number {
  const v = atP(d, x);
  return dictPtr(E.r1(x), v);
}

/** `a`b#t: the columns x of table t. */
function takeCols(x: number, t: number): number {
  const names = tabNames(t), cols = tabCols(t);
  const n = hdrCount(x);
  const pos = findP(names, x);
  try {
    const nc = hdrCount(names);
    const out = buildList(n, (k) => {
      const c = Number(mem().i64[((pos + 16) >>> 3) + k]);
      if (c >= nc) throw new QError(symbolText(mem().i32[((x + 16) >>> 2) + k]));
      return E.r1(child(cols, c));
    });
    return tableOf(E.r1(x), out);
  } finally { E.r0(pos); }
}

// reshape ------------------------------------------------------------------------------

/** Cuts list y into pieces starting at the given offsets (sorted, in 0..count). */
export function cutAt(offsets: number[], y: number): number {
  const ty = hdrType(y);
  if (ty === XT) {
    const n = countP(y);
    return buildList(offsets.length, (k) => {
      const a = offsets[k], b = k + 1 < offsets.length ? offsets[k + 1] : n;
      return mapCols(y, (col) => slice(col, a, b - a));
    });
  }
  if (ty < 0 || ty >= 98) throw new QError('type');
  const ix = longVec(offsets);
  try {
    const m = offsets.length;
    const out = alloc(0, m);
    mem().u32.fill(0, (out + 16) >>> 2, ((out + 16) >>> 2) + m);
    if (!kernel('cut')(y, ix + 16, m, out)) { E.r0(out); check(0); }
    return out;
  } finally { E.r0(ix); }
}

/** x#y for an integral vector x: a matrix or higher-dimensional array. */
function reshape(x: number, y: number): number {
  const nul = intNullOf(hdrType(x));
  const dims = intItems(x).map((v) => (v === nul ? null : v));
  if (dims.length === 0) { const z = longZero(); try { return atP(y, z); } finally { E.r0(z); } }
  if (dims.length === 1) return dims[0] === null ? E.r1(y) : takeN(dims[0], y);
  const ty = hdrType(y);
  const list = ty < 0 || ty >= 100 ? takeAtom(1, y) : E.r1(y);
  try {
    if (dims.length === 2) {
      const [r, c] = dims;
      if ((r !== null && r < 0) || (c !== null && c < 0) || (r === null && c === null)) throw new QError('domain');
      const n = countP(list);
      if (r === null) {
        if (c === 0) throw new QError('domain');
        const rows = Math.ceil(n / c!);
        return cutAt(Array.from({ length: rows }, (_, i) => i * c!), list);
      }
      if (c === null) {
        if (r === 0) return alloc(0, 0);
        const q = Math.floor(n / r);
        return cutAt(Array.from({ length: r }, (_, i) => i * q), list);
      }
      return grid([r, c], list);
    }
    if (dims.some((d) => d === null || d < 0)) throw new QError('domain');
    const ds = dims as number[];
    for (let i = 1; i < ds.length; i++) if (ds[i] === 0 && ds.slice(i + 1).some((d) => d !== 0)) throw new QError('domain');
    return grid(ds, list);
  } finally { E.r0(list); }
}

/** prod(dims) items of y taken cyclically, then nested by the dimensions. */
function grid(dims: number[], y: number): number {
  const total = dims.reduce((a, b) => a * b, 1);
  if (total > 0xffffffff) throw new QError('limit');
  let cur = takeN(total, y);
  try {
    for (let lvl = dims.length - 1; lvl >= 1; lvl--) {
      const size = dims[lvl];
      const pieces = dims.slice(0, lvl).reduce((a, b) => a * b, 1);
      const next = cutAt(Array.from({ length: pieces }, (_, i) => i * size), cur);
      E.r0(cur);
      cur = next;
    }
    return cur;
  } catch (e) { E.r0(cur); throw e; }
}

function longZero(): number {
  const p = alloc(-7, 1);
  mem().i64[(p + 16) >>> 3] = 0n;
  return p;
}

// attributes ------------------------------------------------------------------------------

const ATTR_CODES: Record<string, number> = { '': 0, s: 1, u: 2, p: 3, g: 4 };

/** `s#x `u#x `p#x `g#x `#x: x with the attribute (checked), as a new block
 *  when x's attribute differs. */
function setAttr(x: number, y: number): number {
  const name = symbolText(mem().i32[(x + 16) >>> 2]);
  const a = ATTR_CODES[name];
  if (a === undefined) throw new QError('domain');
  const ty = hdrType(y);
  if (ty === XD && (a === 1 || a === 0)) {
    // a step dictionary: sorted keys (the outer dictionary is new)
    const kp = child(y, 0);
    if (hdrType(kp) === XT) {
      // a keyed table: s# goes on the key table itself, in place (set-attribute.md:
      // `s#t leaves attr key t `s), and no p# on its first column (as kdb+ sends it)
      if (a === 1 && mem().u8[kp + 1] !== 1 && !rowsSorted(kp)) throw new QError('s-fail');
      mem().u8[kp + 1] = a;
      return dictPtr(E.r1(kp), E.r1(child(y, 1)));
    }
    const k = setAttr(x, kp);
    return dictPtr(k, E.r1(child(y, 1)));
  }
  if (ty === XT && (a === 1 || a === 0)) {
    // sorted on a table: parted on its first column, sorted on the table
    const p = a === 1 ? symAttr('p') : E.r1(x);
    let r: number;
    try {
      const cols = tabCols(y);
      const cs = buildList(hdrCount(cols), (c) => (c === 0 ? setAttr(p, child(cols, 0)) : E.r1(child(cols, c))));
      r = tableOf(E.r1(tabNames(y)), cs);
    } finally { E.r0(p); }
    mem().u8[r + 1] = a;
    return r;
  }
  if (ty < 0 || ty >= 98) throw new QError('type');
  if (ty === 0 && a === 3) throw new QError('type');
  if (mem().u8[y + 1] === a) return E.r1(y);
  if (a !== 0 && !attrHolds(a, y)) throw new QError(a === 1 ? 's-fail' : 'u-fail');
  // setting or unsetting s# on a sorted list changes the list itself, no copy (set-attribute.md)
  if (a === 1 || (a === 0 && mem().u8[y + 1] === 1)) { mem().u8[y + 1] = a; return E.r1(y); }
  const r = slice(y, 0, hdrCount(y));
  mem().u8[r + 1] = a;
  return r;
}

function symAttr(s: string): number {
  const p = alloc(-KS, 1);
  const id = intern(s);
  mem().i32[(p + 16) >>> 2] = id;
  return p;
}

function attrHolds(a: number, y: number): boolean {
  const n = hdrCount(y), ty = hdrType(y);
  if (a === 4) return true;
  const items: unknown[] = [];
  for (let i = 0; i < n; i++) items.push(sortKey(y, i));
  if (a === 1) {
    if (ty === 0) return false;
    for (let i = 1; i < n; i++) if (cmp(items[i - 1], items[i]) > 0) return false;
    return true;
  }
  if (a === 2) return new Set(items.map(String)).size === n;
  // parted: each value's items are contiguous
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const s = String(items[i]);
    if (i > 0 && String(items[i - 1]) === s) continue;
    if (seen.has(s)) return false;
    seen.add(s);
  }
  return true;
}

/** Are the rows of table t in ascending order (column by column, q's order)? */
function rowsSorted(t: number): boolean {
  const cols = tabCols(t), nc = hdrCount(cols);
  const cs = Array.from({ length: nc }, (_, c) => child(cols, c));
  if (cs.some((c) => hdrType(c) <= 0 || hdrType(c) >= 20)) return false;
  const n = nc ? hdrCount(cs[0]) : 0;
  for (let i = 1; i < n; i++) {
    for (const c of cs) {
      const d = cmp(sortKey(c, i - 1), sortKey(c, i));
      if (d > 0) return false;
      if (d < 0) break;
    }
  }
  return true;
}

function sortKey(y: number, i: number): unknown {
  const t = hdrType(y), m = mem(), d = y + 16;
  switch (t) {
    case 0: return `#${child(y, i)}`;
    case 1: case 4: case 10: return m.u8[d + i];
    case 2: return Array.from(m.u8.subarray(d + i * 16, d + i * 16 + 16), (b) => b.toString(16).padStart(2, '0')).join('');
    case 5: return m.i16[(d >>> 1) + i];
    case 8: return m.f32[(d >>> 2) + i];
    case 9: case 15: return m.f64[(d >>> 3) + i];
    case 11: return symbolText(m.i32[(d >>> 2) + i]);
    case 7: case 12: case 16: return m.i64[(d >>> 3) + i];
    default: return m.i32[(d >>> 2) + i];
  }
}

function cmp(a: unknown, b: unknown): number {
  // q orders nulls first; NaN floats are the float nulls
  const an = typeof a === 'number' && Number.isNaN(a), bn = typeof b === 'number' && Number.isNaN(b);
  if (an || bn) return an && bn ? 0 : an ? -1 : 1;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}


// drop ------------------------------------------------------------------------------------

/** k_y: y without its first k (or last -k) items. */
function dropN(k: number, y: number): number {
  const t = hdrType(y);
  if (t === XT) return mapCols(y, (col) => dropN(k, col));
  if (t === XD) {
    const ks = dropN(k, child(y, 0));
    let vs: number;
    try { vs = dropN(k, child(y, 1)); } catch (e) { E.r0(ks); throw e; }
    return dictPtr(ks, vs);
  }
  if (t < 0 || t >= 100) throw new QError('type');
  const n = hdrCount(y), m = Math.min(Math.abs(k), n);
  return slice(y, k >= 0 ? m : 0, n - m);
}

/** Positions 0..n-1 of a list whose keep[i] is true. */
function keepWhere(keep: boolean[]): number[] {
  const out: number[] = [];
  keep.forEach((b, i) => { if (b) out.push(i); });
  return out;
}

/** x _ i: list x without item i, or dictionary x without key i. */
function removeItem(x: number, i: number): number {
  const tx = hdrType(x);
  if (tx === XD) return dropKeys(i, x);
  if (tx === XT) {
    if (!isIntAtom(hdrType(i))) throw new QError('type');
    return mapCols(x, (col) => removeItem(col, i));
  }
  if (!isIntAtom(hdrType(i)) && hdrType(i) !== -1) throw new QError('type');
  const n = hdrCount(x), k = intAtom(i);
  if (!(k >= 0 && k < n)) return E.r1(x);
  const t = hdrType(x), w = widthOf(t);
  const r = alloc(t, n - 1);
  const cp = kernel('copy_bytes');
  cp(r + 16, x + 16, k * w);
  cp(r + 16 + k * w, x + 16 + (k + 1) * w, (n - 1 - k) * w);
  if (t === 0) kernel('incref')(r + 16, n - 1);
  return r;
}

/** keys _ d: d without the entries for keys (an atom or a list of keys). */
function dropKeys(keys: number, d: number): number {
  const dk = child(d, 0), n = countP(dk);
  const pos = findP(dk, keys);
  const keep = new Array<boolean>(n).fill(true);
  try {
    if (hdrType(pos) < 0) { const p = Number(mem().i64[(pos + 16) >>> 3]); if (p < n) keep[p] = false; }
    else if (hdrType(pos) === 7) {
      const m = hdrCount(pos);
      for (let i = 0; i < m; i++) { const p = Number(mem().i64[((pos + 16) >>> 3) + i]); if (p < n) keep[p] = false; }
    } else throw new QError('type');
  } finally { E.r0(pos); }
  const ix = longVec(keepWhere(keep));
  try {
    const k = atP(dk, ix);
    let v: number;
    try { v = atP(child(d, 1), ix); } catch (e) { E.r0(k); throw e; }
    return dictPtr(k, v);
  } finally { E.r0(ix); }
}

/** `a`b _ t: t without the columns named. */
function dropCols(x: number, t: number): number {
  const names = tabNames(t), cols = tabCols(t), nc = hdrCount(names);
  const ids = mem().i32, nb = (names + 16) >>> 2, xb = (x + 16) >>> 2, nx = hdrCount(x);
  const drop = new Set<number>();
  for (let i = 0; i < nx; i++) drop.add(ids[xb + i]);
  const keep: number[] = [];
  for (let c = 0; c < nc; c++) if (!drop.has(ids[nb + c])) keep.push(c);
  const ix = longVec(keep);
  try {
    const cs = listOf(keep.map((c) => E.r1(child(cols, c))));
    let nn: number;
    try { nn = gatherP(names, ix); } catch (e) { E.r0(cs); throw e; }
    return tableOf(nn, cs);
  } finally { E.r0(ix); }
}

/** x _ y: drop, cut, remove an item or key, or drop columns. */
export function dropP(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (isIntAtom(tx) && ty >= 0 && ty < 100) return dropN(intAtom(x), y);
  if (tx === XT && isIntAtom(ty)) return removeItem(x, y);
  if (ty === XT) {
    if (tx === KS) return dropCols(x, y);
    if (isIntVec(tx)) return cutP(x, y);
    throw new QError('type');
  }
  if (ty === XD) {
    if (tx >= 98) throw new QError('type');
    return dropKeys(x, y);
  }
  if (tx === XD) {
    if (ty < 0 || isGenericNull(y)) return dropKeys(y, x);
    throw new QError('type');
  }
  if (isIntVec(tx) && ty >= 0 && ty < 98) return cutP(x, y);
  if (tx >= 0 && tx < 98 && ty < 0) return removeItem(x, y);
  throw new QError('type');
}

// cut -------------------------------------------------------------------------------------

/** x _ y with x a non-decreasing integral vector in 0..count y. */
export function cutP(x: number, y: number): number {
  const ty = hdrType(y);
  if (ty < 0 || ty === XD || ty >= 100) throw new QError('type');
  const n = countP(y);
  const offs = intItems(x);
  for (let i = 0; i < offs.length; i++) {
    const o = offs[i];
    if (o < 0 || o > n || (i > 0 && o < offs[i - 1])) throw new QError('domain');
  }
  return cutAt(offs, y);
}

/** x cut y: rows of x items for an integer atom x, else x _ y. */
export function cutKw(x: number, y: number): number {
  const tx = hdrType(x);
  if (isIntAtom(tx)) {
    const k = intAtom(x);
    if (!(k > 0)) throw new QError('domain');
    const ty = hdrType(y);
    if (ty < 0 || ty === XD || ty >= 100) throw new QError('type');
    const n = countP(y);
    return cutAt(Array.from({ length: Math.ceil(n / k) }, (_, i) => i * k), y);
  }
  if (isIntVec(tx)) return cutP(x, y);
  throw new QError('type');
}

// sublist ---------------------------------------------------------------------------------

/** x sublist y: up to x items from the front (or back), or x[1] items from x[0]. */
export function sublistP(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (ty === XD && !isKeyed(y)) {
    const k = sublistP(x, child(y, 0));
    let v: number;
    try { v = sublistP(x, child(y, 1)); } catch (e) { E.r0(k); throw e; }
    return dictPtr(k, v);
  }
  const n = countP(y);
  if (isIntAtom(tx)) {
    const k = intAtom(x);
    if (Math.abs(k) < n) return takeN(k, y);
    return E.r1(y);
  }
  if (isIntVec(tx) || tx === 0) {
    if (countP(x) !== 2) throw new QError('length');
    const v = tx === 0 ? [0, 1].map((i) => intAtom(child(x, i))) : intItems(x);
    const i = v[0], c = Math.max(0, Math.min(v[1], n - i));
    if (ty < 0 || ty >= 100) throw new QError('type');
    if (i >= 0) {
      if (ty === XT) return mapCols(y, (col) => slice(col, i, c));
      if (ty === XD) return takeKeyed(y, i, c);
      return slice(y, i, c);
    }
    const ix = longVec(Array.from({ length: c }, (_, k) => i + k));
    try { return atP(y, ix); } finally { E.r0(ix); }
  }
  throw new QError('type');
}

function takeKeyed(kt: number, i: number, c: number): number {
  const k = mapCols(child(kt, 0), (col) => slice(col, i, c));
  let v: number;
  try { v = mapCols(child(kt, 1), (col) => slice(col, i, c)); } catch (e) { E.r0(k); throw e; }
  return dictPtr(k, v);
}



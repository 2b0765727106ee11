// Helpers of the sortsearch family: kernel classes per q type, gathers, nulls,
// and the general-list fallbacks (q's order and q's match on any value), which
// run in TypeScript over block pointers.

import { E, mem, alloc, check, kernel, hdrType, hdrCount, child, symbol } from '../../runtime.js';
import { QError } from '../../errors.js';
import { QTYPES, KB, KJ, KS, UU, XD, XT } from '../../types.js';
import { dictPtr, genericNull, specialAtom } from '../../convert.js';

/** Sort/search kernel class of a simple vector type: grade_<C>, sort_<C>, bin_<C>. */
export function sortClass(t: number): string {
  const a = Math.abs(t);
  if (a === UU) return 'U';
  if (a === KS) return 'S';
  const s = QTYPES[a]!.storage;
  return s;
}

/** Hash kernel class: classify_<C>, find_<C>. */
export function hashClass(t: number): string {
  const a = Math.abs(t);
  if (a === UU) return 'U';
  const s = QTYPES[a]!.storage;
  if (s === 'E' || s === 'F') return s;
  return String(QTYPES[a]!.width);
}

export const isVec = (t: number): boolean => t > 0 && t < 20;
export const isAtom = (t: number): boolean => t < 0 && t > -20;
export const widthOf = (t: number): number => QTYPES[Math.abs(t)]!.width;

/** A new atom block holding the null of simple type |t|. */
export const nullAtom = (t: number): number => specialAtom(t);

/** A new long vector of m items from JS numbers. */
export function longsFrom(xs: ArrayLike<number>): number {
  const p = alloc(KJ, xs.length);
  const v = mem().i64, b = (p + 16) >>> 3;
  for (let i = 0; i < xs.length; i++) v[b + i] = BigInt(xs[i]);
  return p;
}

/** Items of a long vector block as JS numbers. */
export function longsOf(p: number): number[] {
  const n = hdrCount(p), v = mem().i64, b = (p + 16) >>> 3;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = Number(v[b + i]);
  return out;
}

/** A new long atom. */
export function longAtom(x: number | bigint): number {
  const p = alloc(-KJ, 1);
  mem().i64[(p + 16) >>> 3] = BigInt(x);
  return p;
}

export function boolAtom(b: boolean): number {
  const p = alloc(-KB, 1);
  mem().u8[p + 16] = b ? 1 : 0;
  return p;
}

/** A general list block owning the given pointers (freed on failure). */
export function listOf(ps: number[]): number {
  let p: number;
  try { p = alloc(0, ps.length); } catch (e) { ps.forEach((c) => E.r0(c)); throw e; }
  const u = mem().u32, b = (p + 16) >>> 2;
  ps.forEach((c, i) => { u[b + i] = c; });
  return p;
}

/** Copy of the first m items of a simple vector block (a new block). */
export function prefix(p: number, m: number): number {
  const t = hdrType(p), w = widthOf(t);
  const r = alloc(t, m);
  mem().u8.copyWithin(r + 16, p + 16, p + 16 + m * w);
  return r;
}

/** Items of list-like p at the long indices in block idx (i64 items): simple
 *  vectors get their type's null for an index out of range, general lists the
 *  generic null; tables take rows. A new block. */
export function take(p: number, idx: number): number {
  const t = hdrType(p), m = hdrCount(idx);
  if (isVec(t)) {
    const n = hdrCount(p), w = widthOf(t);
    const nul = nullAtom(t);
    let r: number;
    try { r = alloc(t, m); } catch (e) { E.r0(nul); throw e; }
    kernel(`take_${w}`)(p + 16, n, idx + 16, m, r + 16, nul + 16);
    E.r0(nul);
    return r;
  }
  if (t === 0) {
    const n = hdrCount(p);
    const r = alloc(0, m);
    const u = mem().u32, b = (r + 16) >>> 2;
    u.fill(0, b, b + m);
    const ix = mem().i64, ib = (idx + 16) >>> 3;
    try {
      for (let i = 0; i < m; i++) {
        const j = Number(ix[ib + i]);
        const item = j >= 0 && j < n ? E.r1(child(p, j)) : genericNull();
        mem().u32[b + i] = item;
      }
    } catch (e) { E.r0(r); throw e; }
    return r;
  }
  if (t === XT) {
    const d = child(p, 0), names = child(d, 0), cols = child(d, 1), nc = hdrCount(cols);
    const out: number[] = [];
    try {
      for (let c = 0; c < nc; c++) out.push(take(child(cols, c), idx));
    } catch (e) { out.forEach((c) => E.r0(c)); throw e; }
    return tableOf(E.r1(names), listOf(out));
  }
  if (t === XD) {
    // a keyed table: rows of both sides
    const k = take(child(p, 0), idx);
    let v: number;
    try { v = take(child(p, 1), idx); } catch (e) { E.r0(k); throw e; }
    return dictPtr(k, v);
  }
  throw new QError('type');
}

/** A table block from owned names and columns. */
export function tableOf(names: number, cols: number): number {
  const d = dictPtr(names, cols);
  let p: number;
  try { p = alloc(XT, 1); } catch (e) { E.r0(d); throw e; }
  mem().u32[(p + 16) >>> 2] = d;
  return p;
}

/** Number of rows/items of a list-like block. */
export function countPtr(p: number): number {
  const t = hdrType(p);
  if (t === XT) {
    const cols = child(child(p, 0), 1);
    return hdrCount(cols) ? countPtr(child(cols, 0)) : 0;
  }
  if (t === XD) return countPtr(child(p, 0));
  if (t < 0 || t >= 100) return 1;
  return hdrCount(p);
}

/** Throws the pending engine error when a kernel reported failure (0). */
export function ok(r: number): void { if (!r) check(0); }

// ---------------------------------------------------------------------------
// q's order over any values (general lists, nested lists, mixed atoms)
//
// An item is addressed as (p, i): item i of list p, or the value p itself when
// i < 0. Atoms of different types order by type number (|t| ascending) as q's
// mixed-list sort does, then by value; an atom sorts before a list; lists
// compare item by item, a prefix first. Dictionaries, tables and functions order
// by type code only.

function atomCmp(t: number, a: number, b: number): number {
  const m = mem();
  const qt = QTYPES[t]!;
  switch (t) {
    case KS: {
      const x = m.i32[a >>> 2], y = m.i32[b >>> 2];
      if (x === y) return 0;
      const sx = symbol(x), sy = symbol(y);
      return byteCmp(sx, sy);
    }
    case UU: {
      for (let i = 0; i < 16; i++) { const d = m.u8[a + i] - m.u8[b + i]; if (d) return d < 0 ? -1 : 1; }
      return 0;
    }
  }
  switch (qt.storage) {
    case 'G': return m.u8[a] - m.u8[b];
    case 'H': return m.i16[a >>> 1] - m.i16[b >>> 1];
    case 'I': return cmpNum(m.i32[a >>> 2], m.i32[b >>> 2]);
    case 'J': { const x = m.i64[a >>> 3], y = m.i64[b >>> 3]; return x < y ? -1 : x > y ? 1 : 0; }
    case 'E': return fcmp(m.f32[a >>> 2], m.f32[b >>> 2]);
    case 'F': return fcmp(m.f64[a >>> 3], m.f64[b >>> 3]);
  }
  return 0;
}
const cmpNum = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0);
/** q's float order: 0n below everything, -0 equal to 0. */
export function fcmp(x: number, y: number): number {
  const nx = x !== x, ny = y !== y;
  if (nx || ny) return nx && ny ? 0 : nx ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
const enc = new TextEncoder();
/** Symbol order: UTF-8 bytes, unsigned. */
export function byteCmp(a: string, b: string): number {
  const x = enc.encode(a), y = enc.encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
}

/** Type and value address of item (p, i); lists give their own block. */
function itemOf(p: number, i: number): [number, number] {
  if (i < 0) return [hdrType(p), hdrType(p) < 0 ? p + 16 : p];
  const t = hdrType(p);
  if (t === 0) { const c = child(p, i); const ct = hdrType(c); return [ct, ct < 0 ? c + 16 : c]; }
  return [-t, p + 16 + i * widthOf(t)];
}

function cmpAt(ta: number, a: number, tb: number, b: number): number {
  const aa = ta < 0 && ta > -20, ba = tb < 0 && tb > -20;
  if (aa && ba) return ta !== tb ? (-ta < -tb ? -1 : 1) : atomCmp(-ta, a, b);
  if (aa !== ba) return aa ? -1 : 1;
  const la = ta >= 0 && ta < 20, lb = tb >= 0 && tb < 20;
  if (!la || !lb) return ta === tb ? 0 : ta < tb ? -1 : 1;
  const na = hdrCount(a), nb = hdrCount(b), n = Math.min(na, nb);
  if (ta === tb && ta > 0 && widthOf(ta) === 1) {
    // strings, bytes, booleans: unsigned bytes
    const u = mem().u8;
    for (let i = 0; i < n; i++) { const d = u[a + 16 + i] - u[b + 16 + i]; if (d) return d < 0 ? -1 : 1; }
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  for (let i = 0; i < n; i++) {
    const [xt, x] = itemOf(a, i), [yt, y] = itemOf(b, i);
    const c = cmpAt(xt, x, yt, y);
    if (c) return c;
  }
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** q's order of items (p, i) and (q, j). */
export function cmpItems(p: number, i: number, q: number, j: number): number {
  const [ta, a] = itemOf(p, i), [tb, b] = itemOf(q, j);
  return cmpAt(ta, a, tb, b);
}

/** Stable grade of a general list (or any list) by q's order, as JS indices. */
export function gradeGeneric(p: number, desc: boolean): number[] {
  const n = hdrCount(p);
  const ix = Array.from({ length: n }, (_, i) => i);
  ix.sort((i, j) => (desc ? cmpItems(p, j, p, i) : cmpItems(p, i, p, j)) || i - j);
  return ix;
}

// ---------------------------------------------------------------------------
// q's match as a string key (general lists, tables): two values match exactly
// when their keys are equal. Floats key by value (0n one key, -0 as 0).

function atomKey(t: number, a: number): string {
  const m = mem();
  const qt = QTYPES[t]!;
  if (t === UU) { let s = ''; for (let i = 0; i < 16; i++) s += m.u8[a + i].toString(16).padStart(2, '0'); return s; }
  switch (qt.storage) {
    case 'G': return String(m.u8[a]);
    case 'H': return String(m.i16[a >>> 1]);
    case 'I': case 'S': return String(m.i32[a >>> 2]);
    case 'J': return String(m.i64[a >>> 3]);
    case 'E': { const x = m.f32[a >>> 2]; return x !== x ? 'n' : String(x + 0); }
    case 'F': { const x = m.f64[a >>> 3]; return x !== x ? 'n' : String(x + 0); }
  }
  return '';
}

function keyAt(t: number, a: number): string {
  if (t < 0 && t > -20) return `${-t}:${atomKey(-t, a)}`;
  if (t > 0 && t < 20) {
    const n = hdrCount(a), w = widthOf(t);
    if (w === 1) {
      const u = mem().u8;
      let s = `v${t}:`;
      for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...u.subarray(a + 16 + i, a + 16 + Math.min(n, i + 4096)));
      return s;
    }
    let s = `v${t}:${n}:`;
    for (let i = 0; i < n; i++) s += atomKey(t, a + 16 + i * w) + ',';
    return s;
  }
  if (t === 0) {
    const n = hdrCount(a);
    let s = `l${n}(`;
    for (let i = 0; i < n; i++) { const k = keyOfPtr(child(a, i)); s += k.length + '|' + k; }
    return s + ')';
  }
  if (t === XD || t === XT) {
    const c = t === XT ? child(a, 0) : a;
    const k = keyOfPtr(child(c, 0)), v = keyOfPtr(child(c, 1));
    return `${t === XT ? 't' : 'd'}${k.length}|${k}${v}`;
  }
  return `f${t}:${fnKeys.key(a)}`;
}

/** The match key of a function value: the language layer, which knows when two
 *  functions match, replaces this; by block until it does. */
export const fnKeys = { key: (p: number): string => '@' + p };

/** The match key of the whole value p. */
export function keyOfPtr(p: number): string {
  const t = hdrType(p);
  return keyAt(t, t < 0 ? p + 16 : p);
}

/** The match key of item i of list p (row i for tables). */
export function keyOfItem(p: number, i: number): string {
  const t = hdrType(p);
  if (t === XT) {
    const cols = child(child(p, 0), 1), nc = hdrCount(cols);
    let s = 'r';
    for (let c = 0; c < nc; c++) { const k = keyOfItem(child(cols, c), i); s += k.length + '|' + k; }
    return s;
  }
  const [ti, a] = itemOf(p, i);
  return keyAt(ti, a);
}

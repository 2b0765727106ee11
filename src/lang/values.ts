// Low-level value helpers for the evaluator: constants to K, lists from items,
// match, indexing and amending. Ownership as everywhere: arguments are
// borrowed, results are new K values the caller owns.

import { alloc, mem, intern, E, hdrType, hdrCount, hdrRef, hdrAttr, child, fnAlloc, fnGet, textAt, setAttr } from '../runtime.js';
import { appendRaw } from '../ops/structural.js';
import { K } from '../k.js';
import { QTYPES, XD, XT, AGROUPED } from '../types.js';
import { genericNull, makeAtomFrom, dictPtr } from '../convert.js';
import { simplify, flip } from '../ops/core.js';
import { indexedFind } from '../ops/hashindex.js';
import { stepFind } from '../ops/sortsearch.js';
import { gatherP } from '../ops/structural/index.js';
import type { Lit } from './lexer.js';
import { qerr } from './error.js';

const enc = new TextEncoder();

/** UTF-8 bytes of s: short ASCII text without the TextEncoder (~1 µs a call). */
function utf8(s: string): Uint8Array {
  const n = s.length;
  if (n > 64) return enc.encode(s);
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) return enc.encode(s);
    b[i] = c;
  }
  return b;
}

/** The generic null `::`. */
export const nil = (): K => new K(genericNull());

export function isNil(k: K): boolean {
  return k.type === 101 && mem().i32[(k.ptr + 16) >>> 2] === 0;
}

/** Writes raw item v at index i of a simple block p of vector code a. */
function put(p: number, a: number, i: number, v: number | bigint | string): void {
  const m = mem();
  const qt = QTYPES[a]!;
  const d = p + 16;
  switch (qt.storage) {
    case 'G': m.u8[d + i] = Number(v); break;
    case 'H': m.i16[(d >>> 1) + i] = Number(v); break;
    case 'I': m.i32[(d >>> 2) + i] = Number(v); break;
    case 'J': m.i64[(d >>> 3) + i] = BigInt(v); break;
    case 'E': m.f32[(d >>> 2) + i] = Number(v); break;
    case 'F': m.f64[(d >>> 3) + i] = Number(v); break;
    case 'S': { const id = intern(String(v)); mem().i32[(d >>> 2) + i] = id; break; } // intern may grow memory
    case 'U': m.u8.fill(0, d + i * 16, d + i * 16 + 16); break;
    default: throw qerr('type');
  }
}

/** A constant from the lexer as a new K. */
export function litToK(l: Lit): K {
  if (l.type === 0) return listOf(l.items!.map(litToK));
  const a = Math.abs(l.type);
  if (a === 10) {
    // the lexer gives chars as bytes, one char code each
    const s = l.data as string, n = s.length;
    if (l.type === -10) {
      const p = alloc(-10, 1);
      mem().u8[p + 16] = n ? s.charCodeAt(0) : 32;
      return new K(p);
    }
    const p = alloc(10, n), u8 = mem().u8;
    for (let i = 0; i < n; i++) u8[p + 16 + i] = s.charCodeAt(i);
    return new K(p);
  }
  const data = l.data as (number | bigint | string)[];
  const n = l.type < 0 ? 1 : data.length;
  const p = alloc(l.type, n);
  for (let i = 0; i < n; i++) put(p, a, i, data[i]);
  return new K(p);
}

export function symAtom(s: string): K {
  const p = alloc(-11, 1);
  const id = intern(s);
  mem().i32[(p + 16) >>> 2] = id;
  return new K(p);
}
export function symVec(ss: string[]): K {
  const p = alloc(11, ss.length);
  ss.forEach((s, i) => { const id = intern(s); mem().i32[((p + 16) >>> 2) + i] = id; });
  return new K(p);
}
export function longAtom(n: number | bigint): K {
  const p = alloc(-7, 1);
  mem().i64[(p + 16) >>> 3] = BigInt(n);
  return new K(p);
}
export function longVec(ns: (number | bigint)[]): K {
  const p = alloc(7, ns.length);
  ns.forEach((n, i) => { mem().i64[((p + 16) >>> 3) + i] = BigInt(n); });
  return new K(p);
}
export function intAtom(n: number): K {
  const p = alloc(-6, 1);
  mem().i32[(p + 16) >>> 2] = n;
  return new K(p);
}
export function boolAtom(b: boolean): K {
  const p = alloc(-1, 1);
  mem().u8[p + 16] = b ? 1 : 0;
  return new K(p);
}
export function charVec(s: string): K {
  const b = utf8(s);
  const p = alloc(10, b.length);
  mem().u8.set(b, p + 16);
  return new K(p);
}
export function atomOf(code: number, v: number | bigint): K {
  const p = alloc(-code, 1);
  put(p, code, 0, v);
  return new K(p);
}

/**
 * Payloads that hold K values (projections, compositions, derived functions),
 * by payload id. The engine drops a payload from its table when the block is
 * freed; `sweep` then releases the K values the payload held.
 */
const holders = new Map<number, object>();

/** Release the values held by payloads whose function blocks have been freed. */
export function sweep(): void {
  for (let again = true; again;) {
    again = false;
    for (const [id, pl] of holders) {
      if (fnGet(id) === pl) continue;
      holders.delete(id);
      (pl as { [Symbol.dispose]?: () => void })[Symbol.dispose]?.();
      again = true;
    }
  }
}

/** A function value of type t whose payload is a JS object. */
export function fnValue(t: number, payload: object): K {
  const id = fnAlloc(payload);
  if (Symbol.dispose in payload) holders.set(id, payload);
  let p: number;
  try { p = alloc(t, 1); } catch (e) { (payload as { [Symbol.dispose]?: () => void })[Symbol.dispose]?.(); throw e; }
  mem().i32[(p + 16) >>> 2] = id;
  return new K(p);
}

/**
 * A list from items, TAKING ownership of them: a vector when all are atoms of
 * one type (q's rule for results built item by item), else a general list.
 */
export function listOf(items: K[]): K {
  const n = items.length;
  if (n > 0 && items.every((k) => k.type === XD)) {
    const t = tableOfDicts(items);
    if (t) { items.forEach((k) => k.dispose()); return t; }
  }
  let p: number;
  try {
    p = alloc(0, n);
  } catch (e) { items.forEach((k) => k.dispose()); throw e; }
  const m = mem();
  for (let i = 0; i < n; i++) m.u32[((p + 16) >>> 2) + i] = E.r1(items[i].ptr);
  items.forEach((k) => k.dispose());
  return new K(simplify(p));
}

/** Dictionaries with the same symbol keys make a table (q's rule for lists of records); null when they don't conform. */
function tableOfDicts(ds: K[]): K | null {
  const keys0 = ds[0].keys;
  try {
    if (keys0.type !== 11) return null;
    for (const d of ds) {
      const k = d.keys;
      try { if (!match(k, keys0)) return null; } finally { k.dispose(); }
    }
    const nk = keys0.count;
    const vals = ds.map((d) => d.values);
    try {
      const cols: K[] = [];
      try {
        for (let j = 0; j < nk; j++) {
          const at = longAtom(j);
          try { cols.push(listOf(vals.map((v) => index1(v, at)))); } finally { at.dispose(); }
        }
      } catch (e) { cols.forEach((c) => c.dispose()); throw e; }
      const d = dictOf(keys0.ref(), generalOf(cols));
      try { return flip(d); } finally { d.dispose(); }
    } finally { vals.forEach((v) => v.dispose()); }
  } finally { keys0.dispose(); }
}

/** A general list from items (taking ownership), never collapsed to a vector. */
export function generalOf(items: K[]): K {
  const p = alloc(0, items.length);
  const m = mem();
  for (let i = 0; i < items.length; i++) m.u32[((p + 16) >>> 2) + i] = E.r1(items[i].ptr);
  items.forEach((k) => k.dispose());
  return new K(p);
}

/** Items of a list/vector as new K atoms or children (for iteration). */
export function itemsOf(x: K): K[] {
  const t = x.type;
  if (t === XD) throw qerr('type');
  if (t < 0 || t >= 100) return [x.ref()];
  if (t === XT) {
    // a table's items are its rows, as dictionaries
    const rows: K[] = [];
    try {
      for (let i = 0; i < x.count; i++) rows.push(tableRow(x, i));
    } catch (e) { rows.forEach((k) => k.dispose()); throw e; }
    return rows;
  }
  const n = x.count;
  const out: K[] = [];
  try {
    for (let i = 0; i < n; i++) out.push(x.item(i));
  } catch (e) { out.forEach((k) => k.dispose()); throw e; }
  return out;
}

/** A dictionary from owned keys and values. */
export function dictOf(keys: K, values: K): K {
  const p = dictPtr(E.r1(keys.ptr), E.r1(values.ptr));
  keys.dispose(); values.dispose();
  return new K(p);
}

/** The integral value of an atom, or null when not an integral atom. */
export function intValue(x: K): number | null {
  const t = x.type;
  const d = mem(), p = x.ptr + 16;
  switch (t) {
    case -1: case -4: return d.u8[p];
    case -5: return d.i16[p >>> 1];
    case -6: return d.i32[p >>> 2] === -2147483648 ? null : d.i32[p >>> 2];
    case -7: { const v = d.i64[p >>> 3]; return v === -9223372036854775808n ? null : Number(v); }
  }
  return null;
}
export function isIntegral(t: number): boolean {
  return t === 1 || t === 4 || t === 5 || t === 6 || t === 7;
}

/** q's match (~): same type, count and items, recursively. */
export function match(a: K, b: K): boolean { return matchP(a.ptr, b.ptr); }

function matchP(p: number, q: number): boolean {
  if (p === q) return true;
  const t = hdrType(p);
  if (t !== hdrType(q)) return false;
  if (t >= 100) {
    return mem().i32[(p + 16) >>> 2] === mem().i32[(q + 16) >>> 2];
  }
  if (t === 0 || t === XD || t === XT) {
    const n = hdrCount(p);
    if (n !== hdrCount(q)) return false;
    for (let i = 0; i < n; i++) if (!matchP(child(p, i), child(q, i))) return false;
    return true;
  }
  const a = Math.abs(t);
  const n = t < 0 ? 1 : hdrCount(p);
  if (n !== (t < 0 ? 1 : hdrCount(q))) return false;
  const m = mem();
  // an enumeration: the same domain (header byte u) and the same int indices
  if (a >= 20 && a <= 76 && m.u8[p + 3] !== m.u8[q + 3]) return false;
  const w = a >= 20 && a <= 76 ? 4 : QTYPES[a]!.width;
  if (a === 9 || a === 15 || a === 8) {
    for (let i = 0; i < n; i++) {
      const x = a === 8 ? m.f32[((p + 16) >>> 2) + i] : m.f64[((p + 16) >>> 3) + i];
      const y = a === 8 ? m.f32[((q + 16) >>> 2) + i] : m.f64[((q + 16) >>> 3) + i];
      if (!(x === y || (Number.isNaN(x) && Number.isNaN(y)))) return false;
    }
    return true;
  }
  for (let i = 0; i < n * w; i++) if (m.u8[p + 16 + i] !== m.u8[q + 16 + i]) return false;
  return true;
}

/** A null atom of vector code a (q's out-of-range index result). */
export function nullAtom(a: number): K {
  const qt = QTYPES[a]!;
  const p = alloc(-a, 1);
  const m = mem(), d = p + 16;
  const raw = qt.null;
  if (a === 11) m.i32[d >>> 2] = 0;
  else if (a === 10) m.u8[d] = 32;
  else if (raw === undefined) m.u8.fill(0, d, d + qt.width);
  else put(p, a, 0, raw);
  return new K(p);
}

/** The "empty item" q gives for an out-of-range index into x. */
function missing(x: K): K {
  const t = x.type;
  if (t > 0 && t < 20) return nullAtom(t);
  if (t === 0 && x.count > 0) {
    const f = x.item(0);
    try {
      const ft = f.type;
      if (ft < 0) return nullAtom(-ft);
      if (ft > 0 && ft < 20) return new K(alloc(ft, 0));
    } finally { f.dispose(); }
    return new K(alloc(0, 0));
  }
  return nil();
}

/** Position of key k in the keys of a dictionary (or -1); sorted keys (`s#) step. */
function findKey(keys: K, k: K): number {
  if (!isStep(keys, k.type)) return findExact(keys, k);
  const r = stepFind(keys.ptr, k.ptr);
  try { return Number(mem().i64[(r + 16) >>> 3]); } finally { E.r0(r); }
}

/** Whether keys are a step dictionary's (`s# on a simple vector) for a lookup of type t (an atom or a vector of theirs). */
function isStep(keys: K, t: number): boolean {
  const kt = keys.type;
  return keys.attr === 's' && kt > 0 && kt < 20 && (t === -kt || t === kt);
}

/** Row of atom k among keys (a `u# or `g# vector of k's type) through the keys' hash index, n where absent; undefined without an index. */
function indexedKey(keys: K, k: K): number | undefined {
  if (keys.attr !== 'u' && keys.attr !== 'g') return undefined;
  const out = alloc(-7, 1);
  try { return indexedFind(keys.ptr, k.ptr + 16, 1, out + 16, 0) ? Number(mem().i64[(out + 16) >>> 3]) : undefined; } finally { E.r0(out); }
}

function findExact(keys: K, k: K): number {
  const n = keys.count;
  const kt = keys.type;
  if (kt > 0 && kt < 20 && k.type === -kt) {
    // `u#/`g# keys: their hash index answers in O(1)
    const ix = indexedKey(keys, k);
    if (ix !== undefined) return ix < n ? ix : -1;
    const w = QTYPES[kt]!.width;
    const m = mem();
    const kp = k.ptr + 16, base = keys.ptr + 16;
    if (kt === 9 || kt === 8 || kt === 15) {
      for (let i = 0; i < n; i++) {
        const it = keys.item(i);
        try { if (match(it, k)) return i; } finally { it.dispose(); }
      }
      return -1;
    }
    outer: for (let i = 0; i < n; i++) {
      for (let j = 0; j < w; j++) if (m.u8[base + i * w + j] !== m.u8[kp + j]) continue outer;
      return i;
    }
    return -1;
  }
  for (let i = 0; i < n; i++) {
    const it = keys.item(i);
    try { if (match(it, k)) return i; } finally { it.dispose(); }
  }
  return -1;
}

/** Indexing the table layer (src/table) takes over: kt[key] by hashed row find. */
export const tableHooks: {
  keyedIndex?: (kt: K, i: K) => K;
  keyedAmend?: (kt: K, i: K, g: (old: K) => K) => K;
  enumIndex?: (e: K, i: K) => K;
  /** @[t;`c;f]: a table amended at column names (src/qsql/amend.ts) */
  tableAmend?: (t: K, names: K, g: (old: K) => K) => K;
  /** t upsert:y where t is a variable's own value and nothing else holds it: y written into t (its new reference), or undefined. */
  upsertOwned?: (t: K, y: K) => K | undefined;
} = {};

/** x[i] / x i: index a list, vector, dictionary or table by one index (any shape). */
export function index1(x: K, i: K): K {
  if (isNil(i)) return x.ref();
  const xt = x.type, it = i.type;
  if (xt === XD) {
    const keys = x.keys, vals = x.values;
    try {
      // a keyed table: look the key up among the rows of the key table
      if (keys.type === XT && vals.type === XT) {
        if (tableHooks.keyedIndex) return tableHooks.keyedIndex(x, i);
        const pos = keyRow(keys, i);
        return tableRow(vals, pos < 0 ? null : pos);
      }
      // a key that is itself a list (of the keys' item shape) looks up each
      const atomKey = it < 0 || (keys.type === 0 && it >= 0);
      if (atomKey || it >= 98) {
        const pos = findKey(keys, i);
        if (pos < 0) return missing(vals);
        return vals.type === XT ? qerrThrow('nyi') : vals.item(pos);
      }
      // a vector looked up in a step dictionary: every position from one pair of binary searches
      if (isStep(keys, it) && vals.type >= 0 && vals.type < 20) {
        const pos = stepFind(keys.ptr, i.ptr);
        try { return new K(gatherP(vals.ptr, pos)); } finally { E.r0(pos); }
      }
      return mapItems(i, (k) => index1(x, k));
    } finally { keys.dispose(); vals.dispose(); }
  }
  if (xt === XT) {
    if (it === -11) return x.col(x.symbol(mem().i32[(i.ptr + 16) >>> 2]));
    if (it === 11) return mapItems(i, (c) => index1(x, c));
    if (it < 0 && isIntegral(-it)) return tableRow(x, intValue(i));
    if (it > 0 && isIntegral(it)) return tableRows(x, i);
    throw qerr('type');
  }
  if (xt < 0) throw qerr('type');
  if (xt >= 100) throw qerr('type');
  if (xt >= 20 && xt <= 76) { if (tableHooks.enumIndex) return tableHooks.enumIndex(x, i); throw qerr('nyi'); }
  // lists and vectors
  if (it < 0) {
    const n = intValue(i);
    if (!isIntegral(-it)) throw qerr('type');
    if (n === null || n < 0 || n >= x.count) return missing(x);
    return x.item(n);
  }
  if (it > 0 && it < 20) {
    if (!isIntegral(it)) throw qerr('type');
    return gather(x, i);
  }
  if (it === 0 || it === XD) return mapItems(i, (k) => index1(x, k));
  throw qerr('type');
}

function qerrThrow(name: string): never { throw qerr(name); }

/** f over owned items, releasing every item and, on failure, the results so far. */
function mapOwned(items: K[], f: (k: K) => K): K[] {
  const out: K[] = [];
  try {
    for (const k of items) out.push(f(k));
    return out;
  } catch (e) { out.forEach((k) => k.dispose()); throw e; } finally { items.forEach((k) => k.dispose()); }
}

/** Row i of a table as a dictionary (nulls when out of range). */
export function tableRow(t: K, i: number | null): K {
  const names = t.keys, cols = t.values;
  try {
    const n = t.count;
    const items = mapOwned(itemsOf(cols), (c) => (i === null || i < 0 || i >= n ? missing(c) : c.item(i)));
    return dictOf(names.ref(), listOf(items));
  } finally { names.dispose(); cols.dispose(); }
}

/** Rows at an index vector: a table of the same columns. */
function tableRows(t: K, idx: K): K {
  const names = t.keys, cols = t.values;
  try {
    const picked = mapOwned(itemsOf(cols), (c) => index1(c, idx));
    const d = dictOf(names.ref(), generalOf(picked));
    try { return flip(d); } finally { d.dispose(); }
  } finally { names.dispose(); cols.dispose(); }
}

/** Row of key table kt whose key matches k (an atom for one key column, else a list), or -1. */
function keyRow(kt: K, k: K): number {
  const cols = kt.values;
  try {
    const cs = itemsOf(cols);
    try {
      const parts = cs.length === 1 ? [k.ref()] : k.type >= 0 && k.type < 98 && k.count === cs.length ? itemsOf(k) : null;
      if (!parts) throw qerr('length');
      try {
        const n = kt.count;
        outer: for (let r = 0; r < n; r++) {
          for (let c = 0; c < cs.length; c++) {
            const it = cs[c].item(r);
            try { if (!match(it, parts[c])) continue outer; } finally { it.dispose(); }
          }
          return r;
        }
        return -1;
      } finally { parts.forEach((p) => p.dispose()); }
    } finally { cs.forEach((c) => c.dispose()); }
  } finally { cols.dispose(); }
}

/** Apply f to each item of a list (or the values of a dict), keeping the shape. */
export function mapItems(x: K, f: (k: K) => K): K {
  if (x.type === XD) {
    const keys = x.keys, vals = x.values;
    try {
      const r = mapItems(vals, f);
      return dictOf(keys.ref(), r);
    } finally { keys.dispose(); vals.dispose(); }
  }
  const items = itemsOf(x);
  const out: K[] = [];
  try {
    for (const it of items) out.push(f(it));
  } catch (e) { out.forEach((k) => k.dispose()); throw e; } finally { items.forEach((k) => k.dispose()); }
  return listOf(out);
}

/** x at integral index vector i (nulls where out of range). */
function gather(x: K, i: K): K {
  const n = i.count, xn = x.count, xt = x.type;
  const idx: number[] = [];
  const m0 = mem(), ip = i.ptr + 16;
  for (let j = 0; j < n; j++) {
    let v: number;
    switch (i.type) {
      case 1: case 4: v = m0.u8[ip + j]; break;
      case 5: v = m0.i16[(ip >>> 1) + j]; break;
      case 6: v = m0.i32[(ip >>> 2) + j]; break;
      default: { const b = m0.i64[(ip >>> 3) + j]; v = b < -1n || b >= BigInt(xn) ? -1 : Number(b); }
    }
    idx.push(v >= 0 && v < xn ? v : -1);
  }
  if (xt === 0) {
    const items: K[] = [];
    for (const j of idx) items.push(j < 0 ? missing(x) : x.item(j));
    return listOf(items);
  }
  const qt = QTYPES[xt]!;
  const w = qt.width;
  const p = alloc(xt, n);
  const nul = nullAtom(xt);
  const m = mem();
  const src = x.ptr + 16, dst = p + 16, np = nul.ptr + 16;
  for (let j = 0; j < n; j++) {
    const from = idx[j] < 0 ? np : src + idx[j] * w;
    m.u8.copyWithin(dst + j * w, from, from + w);
  }
  nul.dispose();
  return new K(p);
}

/** Index at depth: x[i;j;…] (null index = all). */
export function indexDeep(x: K, is: (K | null)[]): K {
  if (is.length === 0) return x.ref();
  const [i, ...rest] = is;
  if (i === null || isNil(i)) {
    if (rest.length === 0) return x.ref();
    // t[;c]: the column(s) of every row
    if (x.type === XT && rest.length === 1 && rest[0] && (rest[0].type === -11 || rest[0].type === 11)) return index1(x, rest[0]);
    if (x.type === XD) return mapItems(x, (row) => indexDeep(row, rest));
    return mapItems(x, (row) => indexDeep(row, rest));
  }
  const r = index1(x, i);
  if (rest.length === 0) return r;
  try {
    if (i.type < 0) return indexDeep(r, rest);
    return mapItems(r, (row) => indexDeep(row, rest));
  } finally { r.dispose(); }
}

/**
 * Amend x at index i with the result of g(old item) (g gets the old item and
 * returns the new one; new is owned by the amend). Returns the new value;
 * x is not modified (q value semantics).
 */
export function amend1(x: K, i: K, g: (old: K) => K): K {
  const xt = x.type, it = i.type;
  if (isNil(i)) {
    // every item
    if (xt === XD) return mapItems(x, g);
    if (xt < 0) return g(x);
    const r = mapItems(x, g);
    // a simple list keeps its type: every new item must be an atom of it (@[1 2;::;3 4*] is 'type)
    if (xt > 0 && xt < 20 && r.type !== xt && x.count > 0) { r.dispose(); throw qerr('type'); }
    return r;
  }
  if (xt === XD) {
    const keys = x.keys, vals = x.values;
    try {
      // a keyed table: look the key up among the rows of the key table
      if (keys.type === XT && vals.type === XT) {
        if (tableHooks.keyedAmend) return tableHooks.keyedAmend(x, i, g);
        const pos = keyRow(keys, i);
        return tableRow(vals, pos < 0 ? null : pos);
      }
      if (it < 0 || keys.type === 0) {
        const pos = findKey(keys, i);
        if (pos < 0) {
          // a new key: append to keys and values
          const old = missing(vals);
          let nv: K;
          try { nv = g(old); } finally { old.dispose(); }
          const nk = appendItem(keys, i);
          let nvals: K;
          try { nvals = appendItem(vals, nv); } finally { nv.dispose(); }
          return dictOf(nk, nvals);
        }
        const posK = longAtom(pos);
        try {
          const nvals = amend1(vals, posK, g);
          return dictOf(keys.ref(), nvals);
        } finally { posK.dispose(); }
      }
      // several keys: one at a time
      let cur = x.ref();
      for (const k of itemsOf(i)) {
        try { const next = amend1(cur, k, g); cur.dispose(); cur = next; } finally { k.dispose(); }
      }
      return cur;
    } finally { keys.dispose(); vals.dispose(); }
  }
  if (xt === XT && (it === -11 || it === 11)) { if (tableHooks.tableAmend) return tableHooks.tableAmend(x, i, g); throw qerr('nyi'); }
  // a table at row numbers amends its rows (dictionaries) as a list's items
  if (xt < 0 || xt > XT || (xt === XT && it !== -7 && it !== 7 && it !== -6 && it !== 6)) throw qerr('type');
  // list/vector
  let positions: number[] = [];
  const n = x.count;
  if (it < 0 || (it > 0 && it < 20)) positions = positionsOf(i, n);
  else if (it === 0) {
    let cur = x.ref();
    for (const k of itemsOf(i)) {
      try { const next = amend1(cur, k, g); cur.dispose(); cur = next; } catch (e) { cur.dispose(); throw e; } finally { k.dispose(); }
    }
    return cur;
  } else throw qerr('type');
  if (xt > 0 && xt < 20) return amendVector(x, positions, [g]);
  // compute new items, then write into a copy
  const items = itemsOf(x);
  try {
    for (const pos of positions) {
      const nv = g(items[pos]);
      items[pos].dispose();
      items[pos] = nv;
    }
    if (xt > 0 && !positions.every((pos) => items[pos].type === (xt === XT ? XD : -xt))) throw qerr('type');
    const r = listOf(items.splice(0));
    // `g# survives amend (ref/set-attribute.md: q keeps the index backing it); the new block indexes afresh
    if (x.attr === 'g' && r.type === xt) setAttr(r.ptr, AGROUPED);
    return r;
  } finally { items.forEach((k) => k.dispose()); }
}

/** Amends simple vector x at positions, item k by gs[k] (or gs[0] for all): only
 *  the amended items become atoms, the rest is copied as bytes (w[0]+:1 made a
 *  handle per item). Every new item must be an atom of x's type ('type
 *  otherwise, as q); a repeated position sees the item its earlier amend made.
 *  `inPlace`: the caller holds x's only other reference and x has no attribute,
 *  so its block is written and returned (q amends a variable's list in place). */
export function amendVector(x: K, positions: number[], gs: ((old: K) => K)[], inPlace = false): K {
  const xt = x.type;
  if (!(xt > 0 && xt < 20)) throw qerr('type');
  const cur = new Map<number, K>();
  try {
    for (let k = 0; k < positions.length; k++) {
      const pos = positions[k];
      const old = cur.get(pos) ?? x.item(pos);
      let nv: K;
      try { nv = (gs.length === 1 ? gs[0] : gs[k])(old); } finally { old.dispose(); cur.delete(pos); }
      cur.set(pos, nv);
    }
    for (const v of cur.values()) if (v.type !== -xt) throw qerr('type');
    const n = x.count, w = QTYPES[xt]!.width;
    const own = inPlace && x.attr === '';
    const p = own ? x.ptr : alloc(xt, n);
    const m = mem();
    if (!own) m.u8.copyWithin(p + 16, x.ptr + 16, x.ptr + 16 + n * w);
    for (const [pos, v] of cur) m.u8.copyWithin(p + 16 + pos * w, v.ptr + 16, v.ptr + 16 + w);
    if (own) return x.ref();
    // `g# survives amend (ref/set-attribute.md: q keeps the index backing it); the new block indexes afresh
    if (x.attr === 'g') setAttr(p, AGROUPED);
    return new K(p);
  } finally { for (const v of cur.values()) v.dispose(); }
}

/** x[i;j;…] op: y written into x's own blocks, for a variable that alone holds x
 *  (the caller checks that). Done only when every block on the way down is held
 *  by its parent alone and has no attribute, every index is an atom naming an
 *  existing item or key, and the last container is a simple vector (the new item
 *  must be an atom of its type, else 'type) or, for `,`, the item is a list that
 *  takes y as x,:y would. Otherwise undefined, with g not called and nothing
 *  changed: the caller amends a copy. */
export function amendInPlace(x: K, is: K[], op: string, y: K, g: (old: K) => K): K | undefined {
  let p = x.ptr;
  for (let d = 0; d < is.length; d++) {
    const i = is[d];
    if (i.type >= 0) return undefined;
    let list = p, pos: number;
    if (hdrType(p) === XD) {
      const keys = child(p, 0), vals = child(p, 1);
      if (hdrType(keys) === XT || hdrRef(vals) !== 1 || hdrAttr(vals) !== 0) return undefined;
      const kk = new K(E.r1(keys));
      try { pos = findKey(kk, i); } finally { kk.dispose(); }
      if (pos < 0) return undefined;
      list = vals;
    } else {
      const v = isIntegral(-i.type) ? intValue(i) : null;
      if (v === null || v < 0 || v >= hdrCount(p) || hdrType(p) >= 20 || hdrType(p) < 0) return undefined;
      pos = v;
    }
    const t = hdrType(list);
    if (d < is.length - 1) {
      if (t !== 0) return undefined;
      p = child(list, pos);
      if (hdrRef(p) !== 1 || hdrAttr(p) !== 0) return undefined;
      continue;
    }
    if (t > 0 && t < 20) {
      const old = new K(makeAtomFrom(list, pos));
      let nv: K;
      try { nv = g(old); } finally { old.dispose(); }
      try {
        if (nv.type !== -t) throw qerr('type');
        const w = QTYPES[t]!.width;
        mem().u8.copyWithin(list + 16 + pos * w, nv.ptr + 16, nv.ptr + 16 + w);
      } finally { nv.dispose(); }
      return x.ref();
    }
    if (op === ',' && t === 0) {
      const c = child(list, pos), tc = hdrType(c);
      // an empty general list takes y's type when joined ((),1 is ,1): not in place
      const takes = (tc === 0 && hdrCount(c) > 0) || (tc > 0 && tc < 20 && Math.abs(y.type) === tc);
      if (hdrRef(c) !== 1 || hdrAttr(c) !== 0 || !takes) return undefined;
      const r = appendRaw(c, y.ptr);
      if (!r.inPlace) { mem().u32[((list + 16) >>> 2) + pos] = r.ptr; E.r0(c); }
      return x.ref();
    }
    return undefined;
  }
  return undefined;
}

/** Positions an integral atom or vector i names in a list of n items ('index past the end). */
export function positionsOf(i: K, n: number): number[] {
  const it = i.type;
  if (!isIntegral(Math.abs(it))) throw qerr('type');
  const out: number[] = [];
  if (it < 0) {
    const v = intValue(i);
    if (v === null || v < 0 || v >= n) throw qerr('index');
    out.push(v);
    return out;
  }
  for (const k of itemsOf(i)) {
    const v = intValue(k);
    k.dispose();
    if (v === null || v < 0 || v >= n) throw qerr('index');
    out.push(v);
  }
  return out;
}

/** Amend at depth: x[i;j;…] via g. */
export function amendDeep(x: K, is: (K | null)[], g: (old: K) => K): K {
  if (is.length === 0) return g(x);
  if (is.length === 1) {
    const i0 = is[0] ?? nil();
    try { return amend1(x, i0, g); } finally { if (is[0] === null) i0.dispose(); }
  }
  const [i, ...rest] = is;
  const idx = i ?? nil();
  try {
    return amend1(x, idx, (row) => amendDeep(row, rest, g));
  } finally { if (i === null) idx.dispose(); }
}

/** x with item v appended (borrowed both). */
export function appendItem(x: K, v: K): K {
  const items = x.type < 0 ? [x.ref()] : itemsOf(x);
  items.push(v.ref());
  if (x.type > 0 && x.type < 20 && v.type === -x.type) return listOf(items);
  if (x.type === 0 && x.count === 0) return listOf(items);
  if (x.type > 0 && x.count === 0 && v.type < 0) return listOf(items);
  return x.type === 0 ? generalOf(items) : listOf(items);
}

/** The q string form of a symbol or char value (signal and error messages). */
export function textOf(x: K): string {
  const t = x.type;
  if (t === -11) return x.symbol(mem().i32[(x.ptr + 16) >>> 2]);
  if (t === 10) {
    const p = x.ptr + 16, n = x.count, u8 = mem().u8;
    if (n <= 64) {
      // short ASCII text without the TextDecoder
      let s = '';
      for (let i = 0; i < n; i++) {
        const c = u8[p + i];
        if (c > 127) return textAt(p, n);
        s += String.fromCharCode(c);
      }
      return s;
    }
    return textAt(p, n);
  }
  if (t === -10) return String.fromCharCode(mem().u8[x.ptr + 16]);
  throw qerr('type');
}

/** Symbol texts of a symbol atom or vector. */
export function symsOf(x: K): string[] {
  const t = x.type;
  if (t === -11) return [x.symbol(mem().i32[(x.ptr + 16) >>> 2])];
  if (t === 11) {
    const out: string[] = [];
    for (let i = 0; i < x.count; i++) out.push(x.symbol(mem().i32[((x.ptr + 16) >>> 2) + i]));
    return out;
  }
  throw qerr('type');
}

export { makeAtomFrom };

/** The y that x,:y appends: enlisted when x is a general list whose rank (the
 *  recursive depth of its first item) is one more than y's (ref/join.md:
 *  s:enlist 1 2 3; s,:4 5 6 appends one item, where s,4 5 6 appends three).
 *  A new reference either way. */
export function appendArg(x: K, y: K): K {
  if (x.type !== 0 || y.type < 0 || y.type >= 20 || x.count === 0) return y.ref();
  return listRank(x.ptr) === listRank(y.ptr) + 1 ? generalOf([y.ref()]) : y.ref();
}
function listRank(p: number): number {
  const t = hdrType(p);
  if (t < 0 || t >= 20) return 0;
  if (t > 0 || hdrCount(p) === 0) return 1;
  return 1 + listRank(child(p, 0));
}

/** x,:y on a variable holding a simple vector takes only atoms or vectors of its
 *  own type (ref/join.md: s:1 2 3; s,:5f is 'type), where x,y would make a mixed list. */
export function checkJoinAssign(x: K, y: K): void {
  const t = x.type;
  const yt = Math.abs(y.type);
  // an enumeration also takes symbols (enumerated on the way, 'cast when not in the domain)
  if (t > 0 && t < 77 && yt !== t && !(t >= 20 && yt === 11) && !(t === 11 && yt >= 20 && yt < 77)) throw qerr('type');
  // a dictionary of simple values takes a dictionary with values of that type (ref/join.md)
  if (t === XD && y.type === XD) {
    const xv = x.values, yv = y.values;
    try {
      const vt = xv.type;
      if (vt > 0 && vt < 20 && Math.abs(yv.type) !== vt) throw qerr('type');
    } finally { xv.dispose(); yv.dispose(); }
  }
}

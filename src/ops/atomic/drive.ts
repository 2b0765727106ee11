// Atomic drivers (oK's `ad`, ktye's `nd`): lift a leaf function over simple
// values (atoms and vectors) to general lists, dictionaries and tables, so the
// kernels never see nesting. Pointer level; every function BORROWS its
// arguments and returns a new block the caller owns.

import { E, mem, alloc, kernel, hdrType, hdrCount, child } from '../../runtime.js';
import { QError } from '../../errors.js';
import { QTYPES, XD, XT } from '../../types.js';
import { makeAtomFrom, dictPtr } from '../../convert.js';
import { simplify } from '../core.js';

export type Leaf1 = (x: number) => number;
export type Leaf2 = (x: number, y: number) => number;

/** Item i of a list-like block as a new reference (atom for vectors). */
export function itemAt(p: number, i: number): number {
  const t = hdrType(p);
  if (t === 0) return E.r1(child(p, i));
  if (t < 1 || t > 19) throw new QError('type');
  return makeAtomFrom(p, i);
}

/** A general list of n results of f(i), simplified to a vector when uniform. */
export function build(n: number, f: (i: number) => number, simple = true): number {
  const out = alloc(0, n);
  const base = (out + 16) >>> 2;
  mem().u32.fill(0, base, base + n);
  try {
    for (let i = 0; i < n; i++) { const r = f(i); mem().u32[base + i] = r; }
  } catch (e) { E.r0(out); throw e; }
  return simple ? simplify(out) : out;
}

export function withTemp<T>(p: number, f: (p: number) => T): T {
  try { return f(p); } finally { E.r0(p); }
}

/** Wraps a dictionary (names!columns) the caller owns back into a table. */
function tableOf(d: number): number {
  let p: number;
  try { p = alloc(XT, 1); } catch (e) { E.r0(d); throw e; }
  mem().u32[(p + 16) >>> 2] = d;
  return p;
}

const isList = (t: number) => t >= 0 && t < 20;

/** Lifts a monadic leaf over lists, dictionaries and tables. */
export function atomic1(leaf: Leaf1, simple = true): Leaf1 {
  const f = (x: number): number => {
    const t = hdrType(x);
    if (t === 0) return build(hdrCount(x), (i) => f(child(x, i)), simple);
    if (t === XD) {
      const v = f(child(x, 1));
      return dictPtr(E.r1(child(x, 0)), v);
    }
    if (t === XT) return tableOf(f(child(x, 0)));
    if (t >= 20 || t <= -20) throw new QError('type');
    return leaf(x);
  };
  return f;
}

/** Lifts a dyadic leaf: atom⊕list maps, list⊕list pairs items ('length unless
 *  counts agree), dictionaries apply to values (two dictionaries: by key, with
 *  upsert semantics; yOnly maps values whose key only y has, as Subtract
 *  negates them), tables to their columns. */
export function atomic2(leaf: Leaf2, simple = true, yOnly?: Leaf1): Leaf2 {
  const f = (x: number, y: number): number => {
    const tx = hdrType(x), ty = hdrType(y);
    if (tx === XT || ty === XT) {
      if (tx === XT && ty === XT) return tableOf(f(child(x, 0), child(y, 0)));
      if (tx === XT && (ty < 0 || ty === XD)) return tableOf(f(child(x, 0), y));
      if (ty === XT && (tx < 0 || tx === XD)) return tableOf(f(x, child(y, 0)));
      // a table is a list of its rows: t+v adds v's items row by row, so each column meets v
      if (tx === XT && isList(ty)) return byColumn(x, (c) => f(c, y), hdrCount(y));
      if (ty === XT && isList(tx)) return byColumn(y, (c) => f(x, c), hdrCount(x));
      throw new QError('type');
    }
    if (tx === XD && ty === XD) return dictDict(f, x, y, yOnly);
    if (tx === XD) { const v = f(child(x, 1), y); return dictPtr(E.r1(child(x, 0)), v); }
    if (ty === XD) { const v = f(x, child(y, 1)); return dictPtr(E.r1(child(y, 0)), v); }
    if (tx >= 20 || ty >= 20 || tx <= -20 || ty <= -20) throw new QError('type');
    if (tx === 0 || ty === 0) {
      if (tx < 0) return build(hdrCount(y), (i) => withTemp(itemAt(y, i), (b) => f(x, b)), simple);
      if (ty < 0) return build(hdrCount(x), (i) => withTemp(itemAt(x, i), (a) => f(a, y)), simple);
      const n = hdrCount(x);
      if (n !== hdrCount(y) || !isList(tx) || !isList(ty)) throw new QError('length');
      return build(n, (i) => withTemp(itemAt(x, i), (a) => withTemp(itemAt(y, i), (b) => f(a, b))), simple);
    }
    return leaf(x, y);
  };
  return f;
}

/** Two keyed tables whose keys differ, by key with upsert semantics: installed by src/table/arith.ts. */
export const keyedHook: { merge?: (f: Leaf2, x: number, y: number, yOnly?: Leaf1) => number } = {};

/** A table t (borrowed) with g applied to each column (a list of n, else 'length). */
function byColumn(t: number, g: (c: number) => number, n: number): number {
  const d = child(t, 0), cols = child(d, 1);
  if (hdrCount(cols) > 0 && hdrCount(child(cols, 0)) !== n) throw new QError('length');
  const vals = build(hdrCount(cols), (i) => g(child(cols, i)), false);
  return tableOf(dictPtr(E.r1(child(d, 0)), vals));
}

/** x op y for two dictionaries: keys of x then the new keys of y; a key in both
 *  gets x[k] op y[k], a key in one keeps its value. */
function dictDict(f: Leaf2, x: number, y: number, yOnly?: Leaf1): number {
  const kx = child(x, 0), ky = child(y, 0), vx = child(x, 1), vy = child(y, 1);
  if (sameKeys(kx, ky)) { const v = f(vx, vy); return dictPtr(E.r1(kx), v); }
  const tk = hdrType(kx);
  if (tk === XT && hdrType(ky) === XT && keyedHook.merge) return keyedHook.merge(f, x, y, yOnly);
  if (tk !== hdrType(ky) || tk <= 0 || tk >= 20) throw new QError('nyi');
  const keyOf = (p: number, i: number) => {
    const w = widthOf(tk);
    return Array.from(mem().u8.subarray(p + 16 + i * w, p + 16 + (i + 1) * w)).join(',');
  };
  const nx = hdrCount(kx), ny = hdrCount(ky);
  const pos = new Map<string, number>();
  for (let i = 0; i < nx; i++) if (!pos.has(keyOf(kx, i))) pos.set(keyOf(kx, i), i);
  const inY = new Map<number, number>();
  const extra: number[] = [];
  for (let j = 0; j < ny; j++) {
    const i = pos.get(keyOf(ky, j));
    if (i === undefined) extra.push(j); else inY.set(i, j);
  }
  const keys = build(nx + extra.length, (i) => i < nx ? itemAt(kx, i) : itemAt(ky, extra[i - nx]));
  let vals: number;
  try {
    vals = build(nx + extra.length, (i) => {
      if (i >= nx) return yOnly ? withTemp(itemAt(vy, extra[i - nx]), yOnly) : itemAt(vy, extra[i - nx]);
      const j = inY.get(i);
      if (j === undefined) return itemAt(vx, i);
      return withTemp(itemAt(vx, i), (a) => withTemp(itemAt(vy, j), (b) => f(a, b)));
    });
  } catch (e) { E.r0(keys); throw e; }
  return dictPtr(keys, vals);
}

const sameKeys = matchPtr;

/** How two function values match, by block: the language layer, which knows what a
 *  lambda or projection is, replaces this; by payload id (:: matches ::) until it does. */
export const fnMatcher = { match: (x: number, y: number): boolean => mem().i32[(x + 16) >>> 2] === mem().i32[(y + 16) >>> 2] };

/** x~y: identical type, shape and items (attributes ignored, floats tolerant). */
export function matchPtr(x: number, y: number): boolean {
  if (x === y) return true;
  const tx = hdrType(x);
  if (tx !== hdrType(y)) return false;
  if (tx >= 100) return fnMatcher.match(x, y);
  if (tx === 0 || tx === XD || tx === XT) {
    const n = hdrCount(x);
    if (n !== hdrCount(y)) return false;
    for (let i = 0; i < n; i++) if (!matchPtr(child(x, i), child(y, i))) return false;
    return true;
  }
  const n = tx < 0 ? 1 : hdrCount(x);
  if (n !== (tx < 0 ? 1 : hdrCount(y))) return false;
  const a = Math.abs(tx);
  // an enumeration: the same domain (header byte u) and the same int indices
  if (a >= 20 && a <= 76) return mem().u8[x + 3] === mem().u8[y + 3] && kernel('same')(x + 16, y + 16, n, 4, 0) === 1;
  const c = QTYPES[a]!.storage;
  return kernel('same')(x + 16, y + 16, n, QTYPES[a]!.width, c === 'E' || c === 'F' ? 1 : 0) === 1;
}

function widthOf(t: number): number {
  return QTYPES[t]!.width;
}

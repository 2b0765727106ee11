// Attributes in use (ref/set-attribute.md):
// - s#: Find on a sorted vector is a binary search (binr) instead of a hash of
//   the whole list.
// - u#, g#: a persistent hash index in engine memory (assembly/kernels/hashindex.ts)
//   answers Find, in, dictionary and keyed-table lookups in O(1) per key; it
//   is built on first use, extended as items are appended, handed to the new
//   block when x,y copies, and freed with the vector.
// - Join (x,y and the in-place x,:y) keeps s#, u# and g# when they still hold,
//   checked in O(count y) (q keeps them on append in memory); p# is dropped.

import type { K } from '../k.js';
import { setAttr, mem, hdrAttr, alloc, E } from '../runtime.js';
import { ASORTED, AUNIQUE, AGROUPED } from '../types.js';
import { prim, lookup } from '../ops/registry.js';
import { appendHooks } from '../ops/structural/join.js';
import { indexedFind, deriveIndex, dropIndex } from '../ops/hashindex.js';
import { K as KC } from '../k.js';
import { qf, using, V, itemsTyped } from './util.js';

/** Storage types whose items compare exactly with = (no NaN): the binary search path. */
const EXACT = new Set([1, 4, 5, 6, 7, 10, 11, 12, 13, 14, 16, 17, 18, 19]);

/** x?y for s# x: the first index of y by binary search, count x where absent. */
function sortedFind(x: K, y: K): K {
  const r = qf('binr', x, y);
  return using([r], () => {
    const at = V.index1(x, r);
    const eq = using([at], () => qf('=', at, y));
    const miss = using([eq], () => qf('not', eq));
    const n = V.longAtom(x.count);
    const gap = using([n], () => qf('-', n, r));
    const add = using([gap, miss], () => qf('*', gap, miss));
    return using([add], () => qf('+', r, add));
  });
}

/** Borrow a block pointer as a K for the duration of f (no reference taken). */
function borrowed<T>(p: number, f: (k: K) => T): T {
  const k = new KC(E.r1(p));
  try { return f(k); } finally { k.dispose(); }
}

/** Is the list x (vector or atom) sorted ascending in q's order? */
function ascending(x: K): boolean {
  if (x.type < 0 || x.count < 2) return true;
  const a = qf('asc', x);
  return using([a], () => V.match(a, x));
}

/** Would x,y (simple vectors of one type, y a vector or atom) still be sorted? */
function sortedAfter(x: K, y: K): boolean {
  if (!ascending(y)) return false;
  if (x.count === 0 || (y.type >= 0 && y.count === 0)) return true;
  const li = V.longAtom(x.count - 1), fi = V.longAtom(0);
  const last = using([li], () => V.index1(x, li));
  const first = using([fi], () => (y.type < 0 ? y.ref() : V.index1(y, fi)));
  const gt = using([last, first], () => qf('>', last, first));
  return using([gt], () => (gt.data as Uint8Array)[0] === 0);
}

/** Would x,y still have distinct items? Through x's index: O(count y). */
function uniqueAfter(x: K, y: K): boolean {
  const m = y.type < 0 ? 1 : y.count;
  if (m === 0) return true;
  if (m > 1) {
    const d = qf('distinct', y);
    if (using([d], () => d.count !== m)) return false;
  }
  const flags = new KC(alloc(1, m));
  return using([flags], () => {
    if (!indexedFind(x.ptr, y.ptr + 16, m, flags.ptr + 16, 1)) {
      const f = qf('in', y, x);
      return using([f], () => !(f.type < 0 ? f.data[0] === 1 : (f.data as Uint8Array).some((b) => b === 1)));
    }
    return !mem().u8.subarray(flags.ptr + 16, flags.ptr + 16 + m).some((b) => b === 1);
  });
}

/** The attribute x keeps with y appended (x a simple vector, y of its type). */
function keptAttr(x: K, y: K): number {
  const a = x.attr;
  if (a === 's') return sortedAfter(x, y) ? ASORTED : 0;
  if (a === 'u') return uniqueAfter(x, y) ? AUNIQUE : 0;
  if (a === 'g') return AGROUPED;
  return 0;
}

/** keptAttr on block pointers (borrowed). */
export function keptAttrP(x: number, y: number): number {
  return hdrAttr(x) ? borrowed(x, (xk) => borrowed(y, (yk) => keptAttr(xk, yk))) : 0;
}

/** x within (lo;hi) for s# x and atom bounds of its type: two binary searches
 *  give the one run of 1b (q's order: nulls lowest, as within compares). */
function sortedWithin(x: K, y: K): K | undefined {
  if (y.count !== 2 || !(y.type === x.type || (y.type === 0 && itemsTyped(y, -x.type)))) return undefined;
  const item = (k: number) => { const ix = V.longAtom(k); return using([ix], () => V.index1(y, ix)); };
  const lo = item(0), hi = item(1);
  return using([lo, hi], () => {
    const i = qf('binr', x, lo), j = qf('bin', x, hi);
    const [from, to] = using([i, j], () => [Number((i.data as BigInt64Array)[0]), Number((j.data as BigInt64Array)[0]) + 1]);
    const r = alloc(1, x.count);
    const m = mem().u8;
    m.fill(0, r + 16, r + 16 + x.count);
    if (to > from) m.fill(1, r + 16 + from, r + 16 + to);
    return new KC(r);
  });
}

export function registerAttrs(): void {
  const within = lookup('within')!.dyad!;
  prim('within', { dyad: (x, y) => {
    if (x.attr === 's' && EXACT.has(x.type) && x.count > 0) { const r = sortedWithin(x, y); if (r) return r; }
    return within(x, y);
  } });
  const inBase = lookup('in')!.dyad!;
  prim('in', { dyad: (x, y) => {
    if (y.attr === 's' && EXACT.has(y.type) && y.count > 0 && (x.type === y.type || x.type === -y.type)) {
      const f = sortedFind(y, x);
      const n = V.longAtom(y.count);
      return using([f, n], () => qf('<', f, n));
    }
    return inBase(x, y);
  } });
  const find = lookup('?')!.dyad!;
  prim('?', { dyad: (x, y) => {
    if (x.attr === 's' && EXACT.has(x.type) && x.count > 0 && (y.type === x.type || y.type === -x.type)) return sortedFind(x, y);
    return find(x, y);
  } });
  const join = lookup(',')!.dyad!;
  prim(',', { dyad: (x, y) => {
    const a = x.attr;
    const simple = x.type > 0 && x.type < 20 && (y.type === x.type || y.type === -x.type);
    const keep = a && a !== 'p' && simple ? keptAttr(x, y) : 0;
    const r = join(x, y);
    if (!keep || r.type !== x.type) return r;
    setAttr(r.ptr, keep);
    if (keep !== ASORTED) deriveIndex(x.ptr, r.ptr);
    return r;
  } });
  // x,:y in place: the same rule, decided before y's items are written
  appendHooks.keepAttr = (x, y) => {
    const a = hdrAttr(x);
    if (!a) return 0;
    const keep = a === 3 ? 0 : borrowed(x, (xk) => borrowed(y, (yk) => keptAttr(xk, yk)));
    if (keep === 0 && (a === 2 || a === 4)) dropIndex(x);
    return keep;
  };
}

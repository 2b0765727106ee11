// q functions of the sortsearch family: registered in the primitive table and exported for the q namespace.
//
//   asc desc iasc idesc rank xasc xdesc  < > (monads)  sort and grade (assembly/kernels/sort.ts)
//   bin binr                              binary search (assembly/kernels/search.ts)
//   ? (find) in distinct group = (monad)  hashing (assembly/kernels/set.ts); n?y roll/deal (sortsearch/random.ts)
//   where & (monad) except union inter
//
// Simple vectors of every type run in the engine; general lists, nested lists,
// dictionaries and tables are handled here (q's order and q's match over any
// value, see sortsearch/util.ts), calling the same kernels on their columns.
// Every function borrows its arguments and returns a new K.
//
// Known differences from kdb+: mixed lists order atoms by type number then
// value, an atom before any list (q leaves atom-vs-list order undocumented);
// -0f equals 0f and every NaN is one 0n in find/distinct/group; the `in`
// shortcut that lets an atom or one-item y of another numeric type match
// (`1 2. in 2`) is not reproduced ('type, as for longer y); roll/deal use their
// own seeded generator, so the numbers differ from kdb+'s.

import type { QFn } from './registry.js';
import { lift as liftK } from './lift.js';
import { E, mem, alloc, kernel, hdrType, hdrCount, hdrAttr, setAttr, child, symbol as symbolText } from '../runtime.js';
import { K } from '../k.js';
import { QError } from '../errors.js';
import { QTYPES, KB, KH, KJ, KI, KS, XD, XT, ASORTED, APARTED, NULL_LONG } from '../types.js';
import { dictPtr } from '../convert.js';
import { from } from '../construct.js';
import { simplify } from './core.js';
import { prim, lookup } from './registry.js';
import {
  sortClass, hashClass, isVec, isAtom, widthOf, longsFrom, longsOf, longAtom, boolAtom, listOf, prefix, take,
  tableOf, countPtr, ok, cmpItems, gradeGeneric, keyOfItem, keyOfPtr,
} from './sortsearch/util.js';
import { roll } from './sortsearch/random.js';
import { indexedFind } from './hashindex.js';

const own = (p: number) => new K(p);

/** Runs f; frees the listed blocks afterwards (also when f throws). */
function using<T>(blocks: number[], f: () => T): T {
  try { return f(); } finally { for (const b of blocks) if (b) E.r0(b); }
}

// ---------------------------------------------------------------------------
// grades

/** Grade (long vector block) of list-like p: stable, ascending or descending. */
function gradePtr(p: number, desc: boolean): number {
  const t = hdrType(p);
  if (isVec(t)) {
    const n = hdrCount(p);
    if (!desc && hdrAttr(p) === ASORTED) return E.til(n) || (ok(0), 0);
    const out = alloc(KJ, n);
    if (!kernel(`grade_${sortClass(t)}`)(p + 16, n, out + 16, desc ? 1 : 0)) { E.r0(out); ok(0); }
    return out;
  }
  if (t === 0) return longsFrom(gradeGeneric(p, desc));
  if (t === XT) return gradeTable(p, desc);
  if (t === XD) return gradePtr(child(p, 1), desc); // by value (a keyed table: by its value columns)
  throw new QError(t < 0 ? 'rank' : 'type');
}

/** Lexicographic stable grade of a table: LSD over columns, last column first. */
function gradeTable(p: number, desc: boolean): number {
  const cols = child(child(p, 0), 1), nc = hdrCount(cols);
  const n = countPtr(p);
  let perm = check0(E.til(n));
  try {
    for (let c = nc - 1; c >= 0; c--) {
      const col = take(child(cols, c), perm);
      const g = using([col], () => gradePtr(col, desc));
      const np = using([g], () => take(perm, g));
      E.r0(perm); perm = np;
    }
  } catch (e) { E.r0(perm); throw e; }
  return perm;
}

function check0(p: number): number { if (!p) ok(0); return p; }

function iascK(x: K): K { return own(gradeOrKeys(x.ptr, false)); }
function idescK(x: K): K { return own(gradeOrKeys(x.ptr, true)); }

/** iasc/idesc: indices; for a dictionary, its keys in that order. */
function gradeOrKeys(p: number, desc: boolean): number {
  const g = gradePtr(p, desc);
  if (hdrType(p) !== XD) return g;
  return using([g], () => take(child(p, 0), g));
}

/** rank: each item's position in the sorted list (iasc iasc x, in one grade). */
function rankPtr(p: number): number {
  const g = gradeOrKeys(p, false);
  if (hdrType(p) === XD) return using([g], () => gradePtr(g, false));
  return using([g], () => {
    const n = hdrCount(g), r = alloc(KJ, n);
    kernel('invperm')(g + 16, n, r + 16);
    return r;
  });
}

function rankK(x: K): K { return own(rankPtr(x.ptr)); }

/** c xasc t, c xdesc t: a table sorted by the named columns, stable; xasc sets s# on the first. */
function xsortPtr(c: number, t: number, desc: boolean): number {
  const tc = hdrType(c);
  if (tc !== KS && tc !== -KS) throw new QError('type');
  if (hdrType(t) !== XT) throw new QError('type');
  const d = child(t, 0), names = child(d, 0), cols = child(d, 1);
  const nn = hdrCount(names), ids = mem().i32, nb = (names + 16) >>> 2;
  const want = tc < 0 ? [ids[(c + 16) >>> 2]] : Array.from({ length: hdrCount(c) }, (_, i) => ids[((c + 16) >>> 2) + i]);
  const pick: number[] = want.map((id) => {
    for (let j = 0; j < nn; j++) if (ids[nb + j] === id) return j;
    throw new QError(symbolText(id));
  });
  if (pick.length === 0) return E.r1(t);
  const sub = tableOf(E.r1(names), listOf(pick.map((j) => E.r1(child(cols, j)))));
  const g = using([sub], () => gradeTable(sub, desc));
  const r = using([g], () => take(t, g));
  if (!desc) {
    const c0 = child(child(child(r, 0), 1), pick[0]);
    if (isVec(hdrType(c0)) || hdrType(c0) === 0) setAttr(c0, ASORTED);
  }
  return r;
}

function xascK(c: K, t: K): K { return own(xsortPtr(c.ptr, t.ptr, false)); }
function xdescK(c: K, t: K): K { return own(xsortPtr(c.ptr, t.ptr, true)); }

// ---------------------------------------------------------------------------
// sorts

function sortPtr(p: number, desc: boolean): number {
  const t = hdrType(p);
  if (isVec(t)) {
    const n = hdrCount(p);
    const c = sortClass(t);
    if (!desc) {
      if (hdrAttr(p) === ASORTED) return E.r1(p);
      if (kernel(`sorted_${c}`)(p + 16, n)) {
        // already in order: a copy carries s#, the argument keeps its attribute (value semantics)
        const w = t === 2 ? 16 : QTYPES[t]!.width;
        const r = alloc(t, n);
        mem().u8.copyWithin(r + 16, p + 16, p + 16 + n * w);
        setAttr(r, ASORTED);
        return r;
      }
    }
    let r: number;
    if (c === 'U') {
      const g = gradePtr(p, desc);
      r = using([g], () => take(p, g));
    } else {
      r = alloc(t, n);
      if (!kernel(`sort_${c}`)(p + 16, n, r + 16, desc ? 1 : 0)) { E.r0(r); ok(0); }
    }
    if (!desc) setAttr(r, ASORTED);
    return r;
  }
  if (t === 0) {
    if (!desc && hdrAttr(p) === ASORTED) return E.r1(p);
    const g = gradePtr(p, desc);
    const r = using([g], () => take(p, g));
    if (!desc) setAttr(r, ASORTED);
    return r;
  }
  if (t === XD) {
    const g = gradePtr(p, desc);
    return using([g], () => {
      const k = take(child(p, 0), g);
      let v: number;
      try { v = take(child(p, 1), g); } catch (e) { E.r0(k); throw e; }
      if (!desc) markTable(v);
      return dictPtr(k, v);
    });
  }
  if (t === XT) {
    const g = gradePtr(p, desc);
    const r = using([g], () => take(p, g));
    if (!desc) markTable(r);
    return r;
  }
  throw new QError(t < 0 ? 'rank' : 'type');
}

/** asc on a table: s# on a single column, p# on the first of several. */
function markTable(p: number): void {
  if (hdrType(p) !== XT) { if (isVec(hdrType(p)) || hdrType(p) === 0) setAttr(p, ASORTED); return; }
  const cols = child(child(p, 0), 1), nc = hdrCount(cols);
  if (nc === 1) setAttr(child(cols, 0), ASORTED);
  else if (nc > 1 && isVec(hdrType(child(cols, 0)))) setAttr(child(cols, 0), APARTED);
}

function ascK(x: K): K { return own(sortPtr(x.ptr, false)); }
function descK(x: K): K { return own(sortPtr(x.ptr, true)); }

// ---------------------------------------------------------------------------
// bin, binr

function binPtr(x: number, y: number, right: boolean): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (tx === XD) {
    const r = binPtr(child(x, 1), y, right);
    return using([r], () => (hdrType(r) < 0 ? atomAt(child(x, 0), Number(mem().i64[(r + 16) >>> 3])) : take(child(x, 0), r)));
  }
  if (isVec(tx)) {
    if (ty === -tx || ty === tx) {
      const m = ty < 0 ? 1 : hdrCount(y);
      const r = alloc(ty < 0 ? -KJ : KJ, m);
      kernel(`bin_${sortClass(tx)}`)(x + 16, hdrCount(x), y + 16, m, r + 16, right ? 1 : 0);
      return r;
    }
    if (ty === 0) return eachItem(y, (c) => binPtr(x, c, right));
    throw new QError('type');
  }
  if (tx === 0) {
    // items of x are ordered lexicographically; y is one item, or a list of them
    const one = (c: number, i: number) => {
      let lo = 0, len = hdrCount(x);
      while (len > 0) {
        const half = len >> 1;
        const k = cmpItems(x, lo + half, c, i);
        if (right ? k < 0 : k <= 0) { lo += half + 1; len -= half + 1; } else len = half;
      }
      return right ? lo : lo - 1;
    };
    if (ty === 0) return longsFrom(Array.from({ length: hdrCount(y) }, (_, i) => one(y, i)));
    return longAtom(one(y, -1));
  }
  if (tx === XT) return binTable(x, y, right);
  throw new QError('type');
}

/** t bin record / t bin table: the last row whose leading columns match and
 *  whose last column is <= the record's (binr: the first row >=); 0N if none. */
function binTable(x: number, y: number, right: boolean): number {
  const cols = child(child(x, 0), 1), nc = hdrCount(cols);
  if (nc === 0) throw new QError('length');
  const n = countPtr(x), last = child(cols, nc - 1);
  const classes = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    let k = '';
    for (let c = 0; c < nc - 1; c++) { const s = keyOfItem(child(cols, c), i); k += s.length + '|' + s; }
    const rows = classes.get(k);
    if (rows) rows.push(i); else classes.set(k, [i]);
  }
  // a record's value c as (list, index): items of a list or dictionary values, or row j of a table
  const ty = hdrType(y);
  const search = (at: (c: number) => [number, number]): bigint => {
    let k = '';
    for (let c = 0; c < nc - 1; c++) { const [l, i] = at(c); const s = keyOfItem(l, i); k += s.length + '|' + s; }
    const rows = classes.get(k);
    if (!rows) return NULL_LONG;
    const [ll, li] = at(nc - 1);
    let lo = 0, len = rows.length;
    while (len > 0) {
      const half = len >> 1;
      const r = cmpItems(last, rows[lo + half], ll, li);
      if (right ? r < 0 : r <= 0) { lo += half + 1; len -= half + 1; } else len = half;
    }
    if (right) return lo < rows.length ? BigInt(rows[lo]) : NULL_LONG;
    return lo > 0 ? BigInt(rows[lo - 1]) : NULL_LONG;
  };
  if (ty === XT) {
    const ycols = child(child(y, 0), 1);
    if (hdrCount(ycols) !== nc) throw new QError('length');
    const m = countPtr(y);
    const out = Array.from({ length: m }, (_, j) => search((c) => [child(ycols, c), j]));
    const p = alloc(KJ, m);
    mem().i64.set(out, (p + 16) >>> 3);
    return p;
  }
  let vals: number;
  if (ty === XD) vals = child(y, 1);
  else if (ty >= 0 && ty < 20) vals = y;
  else throw new QError('type');
  if (countPtr(vals) !== nc) throw new QError('length');
  const p = alloc(-KJ, 1);
  const found = search((c) => [vals, c]);
  mem().i64[(p + 16) >>> 3] = found;
  return p;
}

/** Item i of list p as an atom/child block (the type's null when out of range). */
function atomAt(p: number, i: number): number {
  const idx = longsFrom([i]);
  const r = using([idx], () => take(p, idx));
  if (hdrType(r) === 0) { const c = E.r1(child(r, 0)); E.r0(r); return c; }
  const t = hdrType(r);
  const a = alloc(-t, 1);
  mem().u8.copyWithin(a + 16, r + 16, r + 16 + widthOf(t));
  E.r0(r);
  return a;
}

/** f over the items of general list p, collected (simplified to a vector when all atoms). */
function eachItem(p: number, f: (c: number) => number): number {
  const n = hdrCount(p);
  const out: number[] = [];
  try { for (let i = 0; i < n; i++) out.push(f(child(p, i))); } catch (e) { out.forEach((c) => E.r0(c)); throw e; }
  return simplify(listOf(out));
}

/** A step dictionary's lookup (ref/apply.md): the positions in sorted simple keys x of y (an
 *  atom or vector of x's type) — the first key equal to y, else the last key below it, -1 when y
 *  is below every key. x binr y is the first key not below y and x bin y the last not above it,
 *  so the position is the smaller of the two: two binary searches in the engine, O(log n) each. */
export function stepFind(x: number, y: number): number {
  const b = binPtr(x, y, false);
  let r: number;
  try { r = binPtr(x, y, true); } catch (e) { E.r0(b); throw e; }
  const m = hdrType(y) < 0 ? 1 : hdrCount(y);
  if (hdrCount(x) < 2 ** 31) {
    // positions fit the low word (-1 is all ones in both words)
    const w = mem().i32, pb = (b + 16) >>> 2, pr = (r + 16) >>> 2;
    for (let j = 0; j < 2 * m; j += 2) if (w[pb + j] < w[pr + j]) { w[pr + j] = w[pb + j]; w[pr + j + 1] = w[pb + j + 1]; }
  } else {
    const w = mem().i64, pb = (b + 16) >>> 3, pr = (r + 16) >>> 3;
    for (let j = 0; j < m; j++) if (w[pb + j] < w[pr + j]) w[pr + j] = w[pb + j];
  }
  E.r0(b);
  return r;
}

function binK(x: K, y: K): K { return own(binPtr(x.ptr, y.ptr, false)); }
function binrK(x: K, y: K): K { return own(binPtr(x.ptr, y.ptr, true)); }

// ---------------------------------------------------------------------------
// find, in

/** x?y. */
function findPtr(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (tx === XD) {
    const r = findPtr(child(x, 1), y);
    return using([r], () => (hdrType(r) < 0 ? atomAt(child(x, 0), Number(mem().i64[(r + 16) >>> 3])) : take(child(x, 0), r)));
  }
  if (isVec(tx)) {
    if (ty === -tx || ty === tx) {
      const m = ty < 0 ? 1 : hdrCount(y);
      const r = alloc(ty < 0 ? -KJ : KJ, m);
      try { if (indexedFind(x, y + 16, m, r + 16, 0)) return r; } catch (e) { E.r0(r); throw e; }
      if (!kernel(`find_${hashClass(tx)}`)(x + 16, hdrCount(x), y + 16, m, r + 16, 0)) { E.r0(r); ok(0); }
      return r;
    }
    if (ty === 0) {
      const n = hdrCount(y);
      if (n && hdrType(child(y, 0)) < 0) throw new QError('type');
      return eachItem(y, (c) => findPtr(x, c));
    }
    throw new QError('type');
  }
  if (tx === 0 || tx === XT) {
    const n = countPtr(x);
    const index = new Map<string, number>();
    for (let i = n - 1; i >= 0; i--) index.set(keyOfItem(x, i), i);
    const look = (k: string) => index.get(k) ?? n;
    if (tx === 0) {
      // rank-sensitive: a list of rank r holds objects of rank r-1; y of that
      // rank is one object, a higher rank is searched item by item, a lower
      // rank is not found (ref/in.md: 3 in (1 2;3) is 0b)
      const want = rankOf(x) - 1;
      const one = (c: number): number => {
        const r = rankOf(c);
        if (r === want) return longAtom(look(keyOfPtr(c)));
        if (r < want) return longAtom(n);
        if (hdrType(c) === 0) return eachItem(c, one);
        return longsFrom(Array.from({ length: countPtr(c) }, (_, i) => (want === 0 ? look(keyOfItem(c, i)) : n)));
      };
      return one(y);
    }
    if (tx === XT && ty === XT) return longsFrom(Array.from({ length: countPtr(y) }, (_, i) => look(keyOfItem(y, i))));
    if (tx === XT) return longAtom(look(rowKeyOf(y)));
    return longAtom(look(keyOfPtr(y)));
  }
  if (tx === -KJ || tx === -KI || tx === -KH) return roll(x, y); // Roll, Deal, Permute
  throw new QError('type');
}

/** q's rank of a value: 0 for atoms, 1 for vectors, 1 + the rank of the first
 *  item for general lists (the rule Find uses). */
function rankOf(p: number): number {
  const t = hdrType(p);
  if (t < 0 || t >= 100) return 0;
  if (t === 0) return hdrCount(p) ? 1 + rankOf(child(p, 0)) : 1;
  return 1;
}

/** The row key of a record (a dictionary or a list of column values) for table find. */
function rowKeyOf(y: number): string {
  const t = hdrType(y);
  const vals = t === XD ? child(y, 1) : y;
  const n = countPtr(vals);
  let s = 'r';
  for (let i = 0; i < n; i++) { const k = keyOfItem(vals, i); s += k.length + '|' + k; }
  return s;
}

/** x in y (flag 2: x not in y, for except). */
const NUMERIC_IN = new Set([1, 4, 5, 6, 7, 8, 9]);

function inPtr(x: number, y: number, flag = 1): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (isVec(ty) || isAtom(ty)) {
    const vt = Math.abs(ty);
    if (isVec(tx) || isAtom(tx)) {
      // an atom or one-item y of another numeric type compares by value (ref/in.md: 1 2. in 2)
      if (Math.abs(tx) !== vt && (ty < 0 || hdrCount(y) === 1) && NUMERIC_IN.has(Math.abs(tx)) && NUMERIC_IN.has(vt)) {
        const eq = lookup('=')?.dyad;
        if (eq) {
          const one = ty < 0 ? E.r1(y) : atomAt(y, 0);
          const xk = new K(E.r1(x)), yk = new K(one);
          try { const r = eq(xk, yk); const p = E.r1(r.ptr); r.dispose(); return p; } finally { xk.dispose(); yk.dispose(); }
        }
      }
      if (Math.abs(tx) !== vt) throw new QError('type');
      const m = tx < 0 ? 1 : hdrCount(x);
      const r = alloc(tx < 0 ? -KB : KB, m);
      const ny = ty < 0 ? 1 : hdrCount(y);
      try { if (ty > 0 && indexedFind(y, x + 16, m, r + 16, flag)) return r; } catch (e) { E.r0(r); throw e; }
      if (!kernel(`find_${hashClass(vt)}`)(y + 16, ny, x + 16, m, r + 16, flag)) { E.r0(r); ok(0); }
      return r;
    }
    if (tx === 0) return eachItem(x, (c) => inPtr(c, y));
    throw new QError('type');
  }
  if (ty === 0) {
    // y?x through Find's rank rule; found where the index is within y
    const r = findPtr(y, x);
    return using([r], () => foundFlags(r, hdrCount(y)));
  }
  if (ty === XT && tx === XT) {
    const keys = new Set<string>();
    for (let i = countPtr(y) - 1; i >= 0; i--) keys.add(keyOfItem(y, i));
    const n = countPtr(x);
    const r = alloc(KB, n);
    for (let i = 0; i < n; i++) mem().u8[r + 16 + i] = keys.has(keyOfItem(x, i)) ? 1 : 0;
    return r;
  }
  throw new QError('type');
}

/** Long indices (atom, vector or nested) -> booleans: index < n. */
function foundFlags(r: number, n: number): number {
  const t = hdrType(r);
  if (t === -KJ) return boolAtom(mem().i64[(r + 16) >>> 3] < BigInt(n));
  if (t === KJ) {
    const m = hdrCount(r), b = alloc(KB, m), v = mem().i64, u = mem().u8, N = BigInt(n);
    for (let i = 0; i < m; i++) u[b + 16 + i] = v[((r + 16) >>> 3) + i] < N ? 1 : 0;
    return b;
  }
  return eachItem(r, (c) => foundFlags(c, n));
}

function findK(x: K, y: K): K { return own(findPtr(x.ptr, y.ptr)); }
function inK(x: K, y: K): K { return own(inPtr(x.ptr, y.ptr)); }

// ---------------------------------------------------------------------------
// distinct, group

/** distinct: first occurrences in order. */
function distinctPtr(x: number): number {
  const t = hdrType(x);
  if (isVec(t)) {
    if (hdrAttr(x) === 2) return E.r1(x); // u#: already unique
    const n = hdrCount(x);
    const tmp = alloc(t, n);
    return using([tmp], () => {
      const m = kernel(`classify_${hashClass(t)}`)(x + 16, n, 0, tmp + 16);
      if (m < 0) ok(0);
      return prefix(tmp, m);
    });
  }
  if (t === 0 || t === XT) {
    const firsts = firstIndices(x).firsts;
    const idx = longsFrom(firsts);
    return using([idx], () => take(x, idx));
  }
  throw new QError(t === XD ? 'nyi' : 'type');
}

/** Group ids by match (general lists, tables). */
function firstIndices(x: number): { firsts: number[]; gid: number[] } {
  const n = countPtr(x);
  const seen = new Map<string, number>();
  const firsts: number[] = [], gid = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const k = keyOfItem(x, i);
    let g = seen.get(k);
    if (g === undefined) { g = firsts.length; seen.set(k, g); firsts.push(i); }
    gid[i] = g;
  }
  return { firsts, gid };
}

/** group: distinct items -> their indices. */
function groupPtr(x: number): number {
  const t = hdrType(x);
  if (isVec(t)) {
    const n = hdrCount(x);
    const c = hashClass(t);
    if ('48EF'.includes(c)) {
      // one kernel: hash (counting each group), then the index lists (assembly/kernels/group.ts)
      const keys = alloc(t, n);
      return using([keys], () => {
        const lists = check0(kernel(`ggroup_${c}`)(x + 16, n, keys + 16));
        let k: number;
        try { k = prefix(keys, hdrCount(lists)); } catch (e) { E.r0(lists); throw e; }
        return dictPtr(k, lists);
      });
    }
    const gid = alloc(KI, n), keys = alloc(t, n);
    return using([gid, keys], () => {
      const m = kernel(`classify_${hashClass(t)}`)(x + 16, n, gid + 16, keys + 16);
      if (m < 0) ok(0);
      const lists = check0(kernel('groupLists')(gid + 16, n, m));
      let k: number;
      try { k = prefix(keys, m); } catch (e) { E.r0(lists); throw e; }
      return dictPtr(k, lists);
    });
  }
  if (t === 0 || t === XT) {
    const { firsts, gid } = firstIndices(x);
    const buckets: number[][] = firsts.map(() => []);
    gid.forEach((g, i) => buckets[g].push(i));
    const idx = longsFrom(firsts);
    const k = using([idx], () => take(x, idx));
    let v: number;
    try { v = listOf(buckets.map((b) => longsFrom(b))); } catch (e) { E.r0(k); throw e; }
    return dictPtr(k, v);
  }
  throw new QError(t === XD ? 'nyi' : 'type');
}

function distinctK(x: K): K { return own(distinctPtr(x.ptr)); }
function groupK(x: K): K { return own(groupPtr(x.ptr)); }

// ---------------------------------------------------------------------------
// where

const WHERE_CLASS: Record<number, string> = { 4: 'G', 5: 'H', 6: 'I', 7: 'J' };

function wherePtr(x: number): number {
  const t = hdrType(x);
  if (t === XD) {
    const r = wherePtr(child(x, 1));
    return using([r], () => take(child(x, 0), r));
  }
  if (t === KB || t === -KB) {
    const n = t < 0 ? 1 : hdrCount(x);
    const c = kernel('count_B')(x + 16, n) >>> 0;
    const r = alloc(KJ, c);
    kernel('where_B')(x + 16, n, r + 16, c);
    return r;
  }
  const a = Math.abs(t);
  const cls = (t > 0 || t < 0) ? WHERE_CLASS[a] : undefined;
  if (cls && a < 20) {
    const n = t < 0 ? 1 : hdrCount(x);
    const c = kernel(`wherecount_${cls}`)(x + 16, n) as number;
    if (c < 0) throw new QError('domain');
    if (c > 0xffffffff) throw new QError('limit');
    const r = alloc(KJ, c);
    kernel(`where_${cls}`)(x + 16, n, r + 16);
    return r;
  }
  throw new QError('type');
}

function whereK(x: K): K { return own(wherePtr(x.ptr)); }

// ---------------------------------------------------------------------------
// except, inter, union

/** Items of x (a list) for which keep(flag) holds, flags from x in y itemwise. */
function filterIn(x: number, y: number, keep: boolean): number {
  const tx = hdrType(x), ty = hdrType(y);
  let flags: number;
  let negated = false;
  if (isVec(tx) && (Math.abs(ty) === tx)) {
    flags = inPtr(x, y, keep ? 1 : 2);
    negated = !keep;
  } else if (isVec(tx) && ty === 0) {
    // a vector against a general list: its atoms against the list's items
    const keys = new Set<string>();
    for (let i = 0; i < hdrCount(y); i++) keys.add(keyOfItem(y, i));
    const n = hdrCount(x);
    flags = alloc(KB, n);
    for (let i = 0; i < n; i++) mem().u8[flags + 16 + i] = keys.has(keyOfItem(x, i)) ? 1 : 0;
  } else if (isVec(tx)) {
    throw new QError('type');
  } else if (tx === 0 || tx === XT) {
    const keys = new Set<string>();
    if (ty < 0 || (ty >= 100)) keys.add(keyOfPtr(y));
    else for (let i = countPtr(y) - 1; i >= 0; i--) keys.add(keyOfItem(y, i));
    const n = countPtr(x);
    flags = alloc(KB, n);
    for (let i = 0; i < n; i++) mem().u8[flags + 16 + i] = keys.has(keyOfItem(x, i)) ? 1 : 0;
  } else throw new QError('type');
  return using([flags], () => {
    const n = hdrCount(flags), u = mem().u8, b = flags + 16;
    if (!keep && !negated) for (let i = 0; i < n; i++) u[b + i] ^= 1;
    const w = wherePtr(flags);
    return using([w], () => take(x, w));
  });
}

function exceptPtr(x: number, y: number): number {
  const tx = hdrType(x);
  if (tx < 0) throw new QError('type');
  return filterIn(x, y, false);
}

function interPtr(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  if (tx === XD && ty === XD) return interPtr(child(x, 1), child(y, 1));
  if (tx < 0) throw new QError('type');
  return filterIn(x, y, true);
}

/** distinct x,y. */
function unionPtr(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  const vx = Math.abs(tx), vy = Math.abs(ty);
  let j: number;
  if ((isVec(tx) || isAtom(tx)) && vx === vy) {
    const nx = tx < 0 ? 1 : hdrCount(x), ny = ty < 0 ? 1 : hdrCount(y), w = widthOf(vx);
    j = alloc(vx, nx + ny);
    const u = mem().u8;
    u.copyWithin(j + 16, x + 16, x + 16 + nx * w);
    u.copyWithin(j + 16 + nx * w, y + 16, y + 16 + ny * w);
  } else if (tx === XT && ty === XT) {
    j = joinTables(x, y);
  } else {
    const items: number[] = [];
    try {
      for (const p of [x, y]) {
        const t = hdrType(p);
        if (t < 0 || t >= 98) { items.push(E.r1(p)); continue; }
        const n = hdrCount(p);
        for (let i = 0; i < n; i++) items.push(t === 0 ? E.r1(child(p, i)) : atomAt(p, i));
      }
    } catch (e) { items.forEach((c) => E.r0(c)); throw e; }
    j = listOf(items);
  }
  return using([j], () => distinctPtr(j));
}

/** Rows of x then rows of y (same columns, in order). */
function joinTables(x: number, y: number): number {
  const dx = child(x, 0), dy = child(y, 0);
  if (keyOfPtr(child(dx, 0)) !== keyOfPtr(child(dy, 0))) throw new QError('mismatch');
  const cx = child(dx, 1), cy = child(dy, 1), nc = hdrCount(cx);
  const cols: number[] = [];
  try {
    for (let c = 0; c < nc; c++) cols.push(unionJoin(child(cx, c), child(cy, c)));
  } catch (e) { cols.forEach((p) => E.r0(p)); throw e; }
  return tableOf(E.r1(child(dx, 0)), listOf(cols));
}

/** x,y for two columns (same simple type, else a general list). */
function unionJoin(x: number, y: number): number {
  const tx = hdrType(x), ty = hdrType(y);
  const nx = hdrCount(x), ny = hdrCount(y);
  if (isVec(tx) && tx === ty) {
    const w = widthOf(tx), j = alloc(tx, nx + ny), u = mem().u8;
    u.copyWithin(j + 16, x + 16, x + 16 + nx * w);
    u.copyWithin(j + 16 + nx * w, y + 16, y + 16 + ny * w);
    return j;
  }
  const items: number[] = [];
  try {
    for (const p of [x, y]) {
      const t = hdrType(p), n = hdrCount(p);
      for (let i = 0; i < n; i++) items.push(t === 0 ? E.r1(child(p, i)) : atomAt(p, i));
    }
  } catch (e) { items.forEach((c) => E.r0(c)); throw e; }
  return listOf(items);
}

function exceptK(x: K, y: K): K { return own(exceptPtr(x.ptr, y.ptr)); }
function interK(x: K, y: K): K { return own(interPtr(x.ptr, y.ptr)); }
function unionK(x: K, y: K): K { return own(unionPtr(x.ptr, y.ptr)); }

// ---------------------------------------------------------------------------
// registration

prim('asc', { monad: ascK });
prim('desc', { monad: descK });
prim('iasc', { monad: iascK });
prim('idesc', { monad: idescK });
prim('<', { monad: iascK });
prim('>', { monad: idescK });
prim('rank', { monad: rankK });
prim('xasc', { dyad: xascK });
prim('xdesc', { dyad: xdescK });
prim('bin', { dyad: binK });
prim('binr', { dyad: binrK });
prim('?', { dyad: findK });
prim('in', { dyad: inK });
prim('distinct', { monad: distinctK });
prim('group', { monad: groupK });
prim('=', { monad: groupK });
prim('where', { monad: whereK });
prim('&', { monad: whereK });
prim('except', { dyad: exceptK });
prim('union', { dyad: unionK });
prim('inter', { dyad: interK });

/** The shared lift (JS values converted and released) with q's rank check. */
function lift<A extends 1 | 2>(f: (...xs: K[]) => K, arity: A): A extends 1 ? (x: unknown) => K : (x: unknown, y: unknown) => K {
  const g = liftK(f);
  return ((...xs: unknown[]) => {
    if (xs.length !== arity) throw new QError('rank');
    return g(...xs);
  }) as A extends 1 ? (x: unknown) => K : (x: unknown, y: unknown) => K;
}

/** JS names this family adds to the q namespace. */
export const Q = {
  asc: lift(ascK, 1),
  desc: lift(descK, 1),
  iasc: lift(iascK, 1),
  idesc: lift(idescK, 1),
  rank: lift(rankK, 1),
  xasc: lift(xascK, 2),
  xdesc: lift(xdescK, 2),
  bin: lift(binK, 2),
  binr: lift(binrK, 2),
  find: lift(findK, 2),
  in_: lift(inK, 2),
  distinct: lift(distinctK, 1),
  group: lift(groupK, 1),
  where: lift(whereK, 1),
  except: lift(exceptK, 2),
  union: lift(unionK, 2),
  inter: lift(interK, 2),
};

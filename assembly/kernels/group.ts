// Grouped aggregates: one pass over a column x (n items) with a group id per
// item (gid: u32[n], ids < m), writing one result per group to out[m]. The
// group ids come from the hash kernels (set.ts classify_<C>) and are shared by
// select … by, fby and update … by (src/qsql/group.ts).
//
// q's null rules, as the plain aggregates (agg.ts) apply them per group:
// sum skips nulls (an all-null group sums to 0), min/max ignore nulls (an
// all-null group gives 0W / -0W, the identity), avg and var divide by the
// non-null count, float sums add in row order (so a group's sum equals `sum`
// of the group's items exactly).
//
//   gsum_J gsum_F (x, gid, n, m, out)             out: i64[m] / f64[m]
//   gmin_<C> gmax_<C> (x, gid, n, m, out)         out: T[m], C in H I J E F
//   gcnt_<C> (x, gid, n, m, cnt)                  cnt: i64[m], non-null items
//   gavg_<C> (x, gid, n, m, out, cnt)             out: f64[m] (cnt: scratch i64[m])
//   gvar_<C> (x, gid, n, m, out, cnt, mean)       out: f64[m] population variance
//   gprd_F (x, gid, n, m, out)                    out: f64[m]

import { ISNUL, LD, WMAX, WMIN } from "./reduce/tpl";
import { sysAlloc, sysFree, fail, ga, r0 } from "../mem";
import { EWSFULL, KJ } from "../shared/types";
import { stopAt, stopNow, stopped, POLL_ITEMS } from "../poll";
import { tableFull } from "./set";

@inline function GID(gid: usize, i: u32): usize { return <usize>load<u32>(gid + (<usize>i << 2)); }

@inline function GSUM<T, R>(x: usize, gid: usize, n: u32, m: u32, out: usize): void {
  memory.fill(out, 0, <usize>m * sizeof<R>());
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    if (ISNUL<T>(v)) continue;
    const p = out + GID(gid, i) * sizeof<R>();
    store<R>(p, load<R>(p) + <R>v);
  }
}
export function gsum_J(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GSUM<i64, i64>(x, gid, n, m, out); }
export function gsum_F(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GSUM<f64, f64>(x, gid, n, m, out); }

@inline function GEXT<T>(x: usize, gid: usize, n: u32, m: u32, out: usize, isMax: bool): void {
  const init = isMax ? WMIN<T>() : WMAX<T>();
  for (let g: u32 = 0; g < m; g++) store<T>(out + (<usize>g << alignof<T>()), init);
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    if (ISNUL<T>(v)) continue;
    const p = out + (GID(gid, i) << alignof<T>());
    const c = load<T>(p);
    if (isMax ? v > c : v < c) store<T>(p, v);
  }
}
export function gmax_H(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<i16>(x, gid, n, m, out, true); }
export function gmax_I(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<i32>(x, gid, n, m, out, true); }
export function gmax_J(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<i64>(x, gid, n, m, out, true); }
export function gmax_E(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<f32>(x, gid, n, m, out, true); }
export function gmax_F(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<f64>(x, gid, n, m, out, true); }
export function gmin_H(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<i16>(x, gid, n, m, out, false); }
export function gmin_I(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<i32>(x, gid, n, m, out, false); }
export function gmin_J(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<i64>(x, gid, n, m, out, false); }
export function gmin_E(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<f32>(x, gid, n, m, out, false); }
export function gmin_F(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GEXT<f64>(x, gid, n, m, out, false); }

@inline function GCNT<T>(x: usize, gid: usize, n: u32, m: u32, cnt: usize): void {
  memory.fill(cnt, 0, <usize>m << 3);
  for (let i: u32 = 0; i < n; i++) {
    if (ISNUL<T>(LD<T>(x, i))) continue;
    const p = cnt + (GID(gid, i) << 3);
    store<i64>(p, load<i64>(p) + 1);
  }
}
export function gcnt_H(x: usize, gid: usize, n: u32, m: u32, cnt: usize): void { GCNT<i16>(x, gid, n, m, cnt); }
export function gcnt_I(x: usize, gid: usize, n: u32, m: u32, cnt: usize): void { GCNT<i32>(x, gid, n, m, cnt); }
export function gcnt_J(x: usize, gid: usize, n: u32, m: u32, cnt: usize): void { GCNT<i64>(x, gid, n, m, cnt); }
export function gcnt_E(x: usize, gid: usize, n: u32, m: u32, cnt: usize): void { GCNT<f32>(x, gid, n, m, cnt); }
export function gcnt_F(x: usize, gid: usize, n: u32, m: u32, cnt: usize): void { GCNT<f64>(x, gid, n, m, cnt); }

/** avg: longs sum exactly (wrapping i64, as avg_J) then divide once; the others add as f64 in row order. */
@inline function GAVG<T>(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void {
  memory.fill(cnt, 0, <usize>m << 3);
  memory.fill(out, 0, <usize>m << 3);
  // count and sum in one pass
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    if (ISNUL<T>(v)) continue;
    const g = GID(gid, i) << 3;
    const p = out + g, c = cnt + g;
    store<i64>(c, load<i64>(c) + 1);
    if (isInteger<T>() && sizeof<T>() == 8) store<i64>(p, load<i64>(p) + <i64>v);
    else store<f64>(p, load<f64>(p) + <f64>v);
  }
  for (let g: u32 = 0; g < m; g++) {
    const p = out + (<usize>g << 3);
    const c = <f64>load<i64>(cnt + (<usize>g << 3));
    const s = isInteger<T>() && sizeof<T>() == 8 ? <f64>load<i64>(p) : load<f64>(p);
    store<f64>(p, s / c);
  }
}
export function gavg_H(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVG<i16>(x, gid, n, m, out, cnt); }
export function gavg_I(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVG<i32>(x, gid, n, m, out, cnt); }
export function gavg_J(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVG<i64>(x, gid, n, m, out, cnt); }
export function gavg_E(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVG<f32>(x, gid, n, m, out, cnt); }
export function gavg_F(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVG<f64>(x, gid, n, m, out, cnt); }

/** Population variance per group, two passes as var_<C>: the group means, then squared deviations. */
@inline function GVAR<T>(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void {
  GAVG<T>(x, gid, n, m, mean, cnt);
  memory.fill(out, 0, <usize>m << 3);
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    if (ISNUL<T>(v)) continue;
    const g = GID(gid, i) << 3;
    const d = <f64>v - load<f64>(mean + g);
    store<f64>(out + g, load<f64>(out + g) + d * d);
  }
  for (let g: u32 = 0; g < m; g++) {
    const p = out + (<usize>g << 3);
    store<f64>(p, load<f64>(p) / <f64>load<i64>(cnt + (<usize>g << 3)));
  }
}
export function gvar_H(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVAR<i16>(x, gid, n, m, out, cnt, mean); }
export function gvar_I(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVAR<i32>(x, gid, n, m, out, cnt, mean); }
export function gvar_J(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVAR<i64>(x, gid, n, m, out, cnt, mean); }
export function gvar_E(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVAR<f32>(x, gid, n, m, out, cnt, mean); }
export function gvar_F(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVAR<f64>(x, gid, n, m, out, cnt, mean); }

export function gprd_F(x: usize, gid: usize, n: u32, m: u32, out: usize): void {
  for (let g: u32 = 0; g < m; g++) store<f64>(out + (<usize>g << 3), 1.0);
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<f64>(x, i);
    if (v != v) continue;
    const p = out + (GID(gid, i) << 3);
    store<f64>(p, load<f64>(p) * v);
  }
}

/** Dense group ids (first appearance) of the pairs (a[i], b[i]) of two code vectors (u32[n] each):
 *  open addressing over a table of 2^bits i32 slots holding group ids (tab, filled with -1 by the
 *  kernel), keys compared through each group's first row (first: u32[n] scratch). Returns m. */
export function gpair(a: usize, b: usize, n: u32, gid: usize, first: usize, tab: usize, bits: u32): u32 {
  const mask: u32 = (1 << bits) - 1;
  memory.fill(tab, 0xff, <usize>4 << bits);
  let m: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const x = load<u32>(a + (<usize>i << 2)), y = load<u32>(b + (<usize>i << 2));
    let h = <u32>(((<u64>x * 0x9E3779B97F4A7C15) ^ (<u64>y * 0xC2B2AE3D27D4EB4F)) >> (64 - bits)) & mask;
    for (;;) {
      const p = tab + (<usize>h << 2);
      const s = load<i32>(p);
      if (s < 0) {
        store<i32>(p, <i32>m);
        store<u32>(first + (<usize>m << 2), i);
        store<u32>(gid + (<usize>i << 2), m);
        m++;
        break;
      }
      const r = load<u32>(first + (<usize>s << 2));
      if (load<u32>(a + (<usize>r << 2)) == x && load<u32>(b + (<usize>r << 2)) == y) { store<u32>(gid + (<usize>i << 2), <u32>s); break; }
      h = (h + 1) & mask;
    }
  }
  return m;
}

// ---------------------------------------------------------------------------
// The group index of a `by` (src/qsql/group.ts): dense group ids numbered in
// ascending key order, with no per-group work. Each key column gets codes that
// are its distinct values' ranks in q's order (gdense or classify, then the
// grade of the few distinct values, then gremap/gcomb); several keys fold into
// one composite code (major key first: acc*card + rank, so composite order is
// the lexicographic key order); composite codes become group ids by a direct
// table (gdirecti, small products), a hash of the composites then a grade of
// the distinct ones (ghash), or a grade of all rows (gsortedi, near-unique).
//
//   grange_<C>(x, n, out)                       out: i64[2] min, max (C in I J S; S unsigned)
//   gdense_<C>(x, n, lo, range, code, keys) ->m first-appearance codes through a direct table
//   grank(grade, m, rank)                       rank[grade[k]] = k (grade i64[m])
//   gremap(code, rank, n, out)                  out[i] = rank[code[i]] (u32; out may be code)
//   gcomb(acc, code, rank, n, card, first, mark)   acc[i] = acc[i]*card + rank[code[i]] (u64; rank 0: identity);
//                                               mark (u32[], or 0): mark[acc[i]] = 1, gdirecti's first pass
//   gdirecti(acc, n, p, gid, first, last, starts, marked) -> m   ids of codes < p in ascending order, and
//                                               their index (as gindex; first/last/starts sized min(p, n) (+1));
//                                               marked: a u32[p] table gcomb marked (it is renumbered), or 0
//   ghash(acc, n, cap, gid, keys) -> m          first-appearance ids, distinct codes to keys; -2 past cap groups
//   gsortedi(acc, grade, n, gid, first, last, starts) -> m   ids in ascending order from a stable grade
//                                               of acc, and their index (arrays sized n (+1))
//   gindex(gid, n, m, first, last, starts)      first/last row of each group, starts: i32[m+1] offsets
//   gremapi(code, rank, n, m, gid, first, last, starts)   gremap then gindex, in one pass
//   gorder(gid, n, m, starts, order) -> ok      rows listed group by group, in row order (counting sort)
// A negative result or 0 from gorder is 'wsfull.

@inline function RANGE<T>(x: usize, n: u32, out: usize): void {
  let lo = load<T>(x), hi = lo;
  for (let i: u32 = 1; i < n; i++) {
    const v = load<T>(x + (<usize>i << alignof<T>()));
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  store<i64>(out, <i64>lo);
  store<i64>(out + 8, <i64>hi);
}
export function grange_I(x: usize, n: u32, out: usize): void { RANGE<i32>(x, n, out); }
export function grange_J(x: usize, n: u32, out: usize): void { RANGE<i64>(x, n, out); }
export function grange_S(x: usize, n: u32, out: usize): void { RANGE<u32>(x, n, out); }

@inline function DENSE<T>(x: usize, n: u32, lo: i64, range: u32, code: usize, keys: usize): i32 {
  const tb = sysAlloc(16 + (<u64>range << 2));
  if (!tb) return -1;
  const t = tb + 16;
  memory.fill(t, 0, <usize>range << 2);
  let m: u32 = 0;
  for (let c0: u32 = 0; c0 < n; c0 += <u32>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); stopped(); return -1; }
    for (let i = c0, c1 = min(c0 + <u32>POLL_ITEMS, n); i < c1; i++) {
      const v = load<T>(x + (<usize>i << alignof<T>()));
      const a = t + (<usize>(<i64>v - lo) << 2);
      let g = load<u32>(a);
      if (!g) {
        store<T>(keys + (<usize>m << alignof<T>()), v);
        g = ++m;
        store<u32>(a, g);
      }
      store<u32>(code + (<usize>i << 2), g - 1);
    }
  }
  sysFree(tb);
  return <i32>m;
}
export function gdense_I(x: usize, n: u32, lo: i64, range: u32, code: usize, keys: usize): i32 { return DENSE<i32>(x, n, lo, range, code, keys); }
export function gdense_J(x: usize, n: u32, lo: i64, range: u32, code: usize, keys: usize): i32 { return DENSE<i64>(x, n, lo, range, code, keys); }
export function gdense_S(x: usize, n: u32, lo: i64, range: u32, code: usize, keys: usize): i32 { return DENSE<u32>(x, n, lo, range, code, keys); }

export function grank(grade: usize, m: u32, rank: usize): void {
  for (let k: u32 = 0; k < m; k++) store<u32>(rank + (<usize>load<u32>(grade + (<usize>k << 3)) << 2), k);
}

export function gremap(code: usize, rank: usize, n: u32, out: usize): void {
  for (let i: u32 = 0; i < n; i++) {
    const p = <usize>i << 2;
    store<u32>(out + p, load<u32>(rank + (<usize>load<u32>(code + p) << 2)));
  }
}

export function gcomb(acc: usize, code: usize, rank: usize, n: u32, card: u64, first: bool, mark: usize): void {
  for (let i: u32 = 0; i < n; i++) {
    let r = load<u32>(code + (<usize>i << 2));
    if (rank) r = load<u32>(rank + (<usize>r << 2));
    const p = acc + (<usize>i << 3);
    const c = first ? <u64>r : load<u64>(p) * card + <u64>r;
    store<u64>(p, c);
    if (mark) store<u32>(mark + (<usize>c << 2), 1);
  }
}

export function gdirecti(acc: usize, n: u32, p: u32, gid: usize, first: usize, last: usize, starts: usize, marked: usize): i32 {
  const tb = marked ? 0 : sysAlloc(16 + (<u64>p << 2));
  if (!marked && !tb) return -1;
  const t = marked ? marked : tb + 16;
  if (!marked) {
    memory.fill(t, 0, <usize>p << 2);
    for (let c0: u32 = 0; c0 < n; c0 += <u32>POLL_ITEMS) {
      if (c0 && stopNow()) { sysFree(tb); stopped(); return -1; }
      for (let i = c0, c1 = min(c0 + <u32>POLL_ITEMS, n); i < c1; i++) {
        store<u32>(t + (<usize>load<u64>(acc + (<usize>i << 3)) << 2), 1);
      }
    }
  }
  let m: u32 = 0;
  for (let k: u32 = 0; k < p; k++) {
    const a = t + (<usize>k << 2);
    if (load<u32>(a)) store<u32>(a, m++);
  }
  INDEX_INIT(m, first, starts);
  for (let i: u32 = 0; i < n; i++) {
    const g = load<u32>(t + (<usize>load<u64>(acc + (<usize>i << 3)) << 2));
    store<u32>(gid + (<usize>i << 2), g);
    INDEX_ROW(i, <usize>g, first, last, starts);
  }
  INDEX_END(m, starts);
  if (tb) sysFree(tb);
  return <i32>m;
}

/** Entries [code u64 | id+1 u32 | pad] of a table of 2^bits, linear probing. */
@inline function HSLOT(k: u64, bits: u32): u32 { return <u32>((k * 0x9E3779B97F4A7C15) >> (64 - bits)); }


/** Moves the entries of an open-addressing table (16-byte entries: key U at 0,
 *  group+1 as u32 at 8, 0 when empty, and a u32 at 12 that group counts in;
 *  slots 0..mask) into the zeroed table nb of 2^nbits slots. */
@inline function rehash<U>(tb: usize, mask: u32, nb: usize, nbits: u32, nmask: u32): void {
  for (let s: u32 = 0; s <= mask; s++) {
    const oe = tb + 16 + (<usize>s << 4);
    const ov = load<u32>(oe, 8);
    if (!ov) continue;
    const ok = load<U>(oe);
    let nh = HSLOT(<u64>ok, nbits);
    while (load<u32>(nb + 16 + (<usize>nh << 4), 8)) nh = (nh + 1) & nmask;
    store<U>(nb + 16 + (<usize>nh << 4), ok);
    store<u64>(nb + 16 + (<usize>nh << 4), load<u64>(oe, 8), 8); // id+1, and group's count
  }
}

export function ghash(acc: usize, n: u32, cap: u32, gid: usize, keys: usize): i32 {
  let bits: u32 = 10;
  let tb = sysAlloc(16 + (<u64>16 << bits));
  if (!tb) return -1;
  memory.fill(tb + 16, 0, <usize>16 << bits);
  let mask: u32 = (1 << bits) - 1;
  let m: u32 = 0;
  for (let c0: u32 = 0; c0 < n; c0 += <u32>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); stopped(); return -1; }
    for (let i = c0, c1 = min(c0 + <u32>POLL_ITEMS, n); i < c1; i++) {
      const k = load<u64>(acc + (<usize>i << 3));
      let h = HSLOT(k, bits);
      let g: u32 = 0;
      for (;;) {
        const e = tb + 16 + (<usize>h << 4);
        const v = load<u32>(e, 8);
        if (!v) {
          if (m >= cap) { sysFree(tb); return -2; }
          store<u64>(e, k); store<u32>(e, m + 1, 8);
          store<u64>(keys + (<usize>m << 3), k);
          g = m++;
          if (tableFull(m, bits, mask)) {
            // double the table
            const nb = sysAlloc(16 + (<u64>16 << (bits + 1)));
            if (!nb) { sysFree(tb); return -1; }
            memory.fill(nb + 16, 0, <usize>16 << (bits + 1));
            const nmask: u32 = (mask << 1) | 1;
            rehash<u64>(tb, mask, nb, bits + 1, nmask);
            sysFree(tb);
            tb = nb; bits++; mask = nmask;
          }
          break;
        }
        if (load<u64>(e) == k) { g = v - 1; break; }
        h = (h + 1) & mask;
      }
      store<u32>(gid + (<usize>i << 2), g);
    }
  }
  sysFree(tb);
  return <i32>m;
}

/** Ids in ascending code order from a stable grade of acc, with the index in the same pass: a
 *  group's rows come together in the grade, in row order, so first/last/starts are written in order. */
export function gsortedi(acc: usize, grade: usize, n: u32, gid: usize, first: usize, last: usize, starts: usize): i32 {
  let m: u32 = 0;
  let prev: u64 = 0;
  let prevRow: u32 = 0;
  for (let k: u32 = 0; k < n; k++) {
    const i = load<u32>(grade + (<usize>k << 3));
    const v = load<u64>(acc + (<usize>i << 3));
    if (k == 0 || v != prev) {
      if (k) store<u32>(last + (<usize>(m - 1) << 2), prevRow);
      store<u32>(first + (<usize>m << 2), i);
      store<u32>(starts + (<usize>m << 2), k);
      m++; prev = v;
    }
    store<u32>(gid + (<usize>i << 2), m - 1);
    prevRow = i;
  }
  if (n) store<u32>(last + (<usize>(m - 1) << 2), prevRow);
  store<u32>(starts + (<usize>m << 2), n);
  return <i32>m;
}

@inline function INDEX_INIT(m: u32, first: usize, starts: usize): void {
  memory.fill(first, 0xff, <usize>m << 2);
  memory.fill(starts, 0, (<usize>m + 1) << 2);
}
@inline function INDEX_ROW(i: u32, g: usize, first: usize, last: usize, starts: usize): void {
  const o = g << 2;
  if (load<i32>(first + o) < 0) store<u32>(first + o, i);
  store<u32>(last + o, i);
  store<u32>(starts + o + 4, load<u32>(starts + o + 4) + 1);
}
@inline function INDEX_END(m: u32, starts: usize): void {
  let s: u32 = 0;
  for (let g: u32 = 0; g <= m; g++) {
    const p = starts + (<usize>g << 2);
    s += load<u32>(p);
    store<u32>(p, s);
  }
}

export function gindex(gid: usize, n: u32, m: u32, first: usize, last: usize, starts: usize): void {
  INDEX_INIT(m, first, starts);
  for (let i: u32 = 0; i < n; i++) INDEX_ROW(i, <usize>load<u32>(gid + (<usize>i << 2)), first, last, starts);
  INDEX_END(m, starts);
}

/** gremap and gindex in one pass: gid[i] = rank[code[i]] (gid may be code), then the index of gid. */
export function gremapi(code: usize, rank: usize, n: u32, m: u32, gid: usize, first: usize, last: usize, starts: usize): void {
  INDEX_INIT(m, first, starts);
  for (let i: u32 = 0; i < n; i++) {
    const p = <usize>i << 2;
    const g = load<u32>(rank + (<usize>load<u32>(code + p) << 2));
    store<u32>(gid + p, g);
    INDEX_ROW(i, <usize>g, first, last, starts);
  }
  INDEX_END(m, starts);
}

export function gorder(gid: usize, n: u32, m: u32, starts: usize, order: usize): i32 {
  const fb = sysAlloc(16 + (<u64>m << 2));
  if (!fb) return 0;
  const fill = fb + 16;
  memory.copy(fill, starts, <usize>m << 2);
  for (let c0: u32 = 0; c0 < n; c0 += <u32>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(fb); stopped(); return 0; }
    for (let i = c0, c1 = min(c0 + <u32>POLL_ITEMS, n); i < c1; i++) {
      const a = fill + (<usize>load<u32>(gid + (<usize>i << 2)) << 2);
      const k = load<u32>(a);
      store<u32>(order + (<usize>k << 2), i);
      store<u32>(a, k + 1);
    }
  }
  sysFree(fb);
  return 1;
}

// ---------------------------------------------------------------------------
// group (the primitive): distinct items in first-appearance order and, per
// item, the list of its indices. One hash pass gives each item its group id
// (u16 while there are at most 65536 groups, then u32) and counts each group
// in its table entry; the m index vectors are then allocated at their exact
// sizes and one pass scatters the indices straight into them. (The allocator
// staggers large blocks across cache sets, mem.ts bump, so the m write streams
// do not evict each other.) Floats hash by canonical bits (0n matches 0n, -0f
// matches 0f); the keys keep the first occurrence's own bits.
//
//   ggroup_4 ggroup_8 ggroup_E ggroup_F (src, n, keys) -> p   the general list of m index vectors
//                                             (0: 'wsfull or 'stop); keys: the m distinct items

const G_RAW: i32 = 0, G_E: i32 = 1, G_F: i32 = 2;

@inline function GKEY<U>(mode: i32, src: usize, i: u32): U {
  if (mode == G_E) {
    const x = load<f32>(src + (<usize>i << 2));
    return <U>(x != x ? 0x7fc00000 : reinterpret<u32>(x + 0.0));
  }
  if (mode == G_F) {
    const x = load<f64>(src + (<usize>i << 3));
    return <U>(x != x ? 0x7ff8000000000000 : reinterpret<u64>(x + 0.0));
  }
  return load<U>(src + (<usize>i << alignof<U>()));
}

// the hash pass's table, carried from its u16-id part to its u32-id part
let gTb: usize = 0;
let gBits: u32 = 0;
let gM: u32 = 0;

/** Hashes items from..n-1, writing ids of type G to gid. Returns the index it
 *  stopped at: n, or the first item that would make more than `limit` groups;
 *  -1 on 'wsfull, -2 when told to stop. */
@inline function GHASH<U, G>(mode: i32, src: usize, from: u32, n: u32, keys: usize, gid: usize, limit: u32): i64 {
  let tb = gTb, bits = gBits, m = gM;
  let mask: u32 = (1 << bits) - 1;
  for (let c0 = from; c0 < n; c0 += POLL_ITEMS) {
    if (c0 != from && stopNow()) { gTb = tb; return -2; }
    for (let i = c0, c1 = min(c0 + POLL_ITEMS, n); i < c1; i++) {
      const k = GKEY<U>(mode, src, i);
      let h = HSLOT(<u64>k, bits);
      let g: u32 = 0;
      for (;;) {
        const e = tb + 16 + (<usize>h << 4);
        const v = load<u32>(e, 8);
        if (!v) {
          if (m == limit) { gTb = tb; gBits = bits; gM = m; return <i64>i; }
          store<U>(e, k); store<u32>(e, m + 1, 8); store<u32>(e, 1, 12);
          store<U>(keys + (<usize>m << alignof<U>()), load<U>(src + (<usize>i << alignof<U>())));
          g = m++;
          if (tableFull(m, bits, mask)) {
            const nb = sysAlloc(16 + (<u64>16 << (bits + 1)));
            if (!nb) { gTb = tb; return -1; }
            memory.fill(nb + 16, 0, <usize>16 << (bits + 1));
            const nmask: u32 = (mask << 1) | 1;
            rehash<U>(tb, mask, nb, bits + 1, nmask);
            sysFree(tb);
            tb = nb; bits++; mask = nmask;
          }
          break;
        }
        if (load<U>(e) == k) { g = v - 1; store<u32>(e, load<u32>(e, 12) + 1, 12); break; }
        h = (h + 1) & mask;
      }
      store<G>(gid + (<usize>i << alignof<G>()), <G>g);
    }
  }
  gTb = tb; gBits = bits; gM = m;
  return <i64>n;
}

/** Writes each index i to the next slot of its group's vector (cur: u32[m] addresses). */
@inline function GSCATTER<G>(gid: usize, n: u32, cur: usize): bool {
  for (let c0: u32 = 0; c0 < n; c0 += POLL_ITEMS) {
    if (c0 && stopNow()) return false;
    for (let i = c0, c1 = min(c0 + POLL_ITEMS, n); i < c1; i++) {
      const a = cur + (<usize>load<G>(gid + (<usize>i << alignof<G>())) << 2);
      const p = load<u32>(a);
      store<i64>(<usize>p, <i64>i);
      store<u32>(a, p + 8);
    }
  }
  return true;
}

@inline function GGROUP<U>(mode: i32, src: usize, n: u32, keys: usize): usize {
  let gb = sysAlloc(16 + (<u64>n << 1));
  gTb = sysAlloc(16 + (<u64>16 << 8)); gBits = 8; gM = 0;
  if (!gb || !gTb) { if (gb) sysFree(gb); if (gTb) sysFree(gTb); return fail(EWSFULL); }
  memory.fill(gTb + 16, 0, <usize>16 << 8);
  let wide = false;
  let r = GHASH<U, u16>(mode, src, 0, n, keys, gb + 16, 65536);
  if (r >= 0 && r < <i64>n) {
    // past 65536 groups: widen the ids so far to u32 and go on
    const wb = sysAlloc(16 + (<u64>n << 2));
    if (!wb) r = -1;
    else {
      for (let i: u32 = 0; i < <u32>r; i++) store<u32>(wb + 16 + (<usize>i << 2), load<u16>(gb + 16 + (<usize>i << 1)));
      sysFree(gb); gb = wb; wide = true;
      r = GHASH<U, u32>(mode, src, <u32>r, n, keys, gb + 16, 0xffffffff);
    }
  }
  if (r < 0) { sysFree(gTb); sysFree(gb); return r == -2 ? stopped() : fail(EWSFULL); }
  const m = gM;
  // each group's count, then its vector; cur[g] becomes the vector's fill address
  const list = ga(0, m);
  const cb = sysAlloc(16 + (<u64>m << 2));
  if (!list || !cb) { if (list) r0(list); if (cb) sysFree(cb); sysFree(gTb); sysFree(gb); return fail(EWSFULL); }
  const l = list + 16, cur = cb + 16;
  memory.fill(l, 0, <usize>m << 2);
  for (let s: usize = 0, cap = <usize>1 << gBits; s < cap; s++) {
    const e = gTb + 16 + (s << 4);
    const v = load<u32>(e, 8);
    if (v) store<u32>(cur + (<usize>(v - 1) << 2), load<u32>(e, 12));
  }
  sysFree(gTb);
  for (let g: u32 = 0; g < m; g++) {
    const v = ga(KJ, load<u32>(cur + (<usize>g << 2)));
    if (!v) { r0(list); sysFree(cb); sysFree(gb); return fail(EWSFULL); }
    store<u32>(l + (<usize>g << 2), <u32>v);
    store<u32>(cur + (<usize>g << 2), <u32>(v + 16));
  }
  const ok = wide ? GSCATTER<u32>(gb + 16, n, cur) : GSCATTER<u16>(gb + 16, n, cur);
  sysFree(cb); sysFree(gb);
  if (!ok) { r0(list); return stopped(); }
  return list;
}
export function ggroup_4(src: usize, n: u32, keys: usize): usize { return GGROUP<u32>(G_RAW, src, n, keys); }
export function ggroup_8(src: usize, n: u32, keys: usize): usize { return GGROUP<u64>(G_RAW, src, n, keys); }
export function ggroup_E(src: usize, n: u32, keys: usize): usize { return GGROUP<u32>(G_E, src, n, keys); }
export function ggroup_F(src: usize, n: u32, keys: usize): usize { return GGROUP<u64>(G_F, src, n, keys); }

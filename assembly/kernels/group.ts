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
// table (gdirect, small products), a hash of the composites then a grade of
// the distinct ones (ghash), or a grade of all rows (gsorted, near-unique).
//
//   grange_<C>(x, n, out)                       out: i64[2] min, max (C in I J S; S unsigned)
//   gdense_<C>(x, n, lo, range, code, keys) ->m first-appearance codes through a direct table
//   grank(grade, m, rank)                       rank[grade[k]] = k (grade i64[m])
//   gremap(code, rank, n, out)                  out[i] = rank[code[i]] (u32; out may be code)
//   gcomb(acc, code, rank, n, card, first)      acc[i] = acc[i]*card + rank[code[i]] (u64; rank 0: identity)
//   gdirect(acc, n, p, gid) -> m                ids of codes < p in ascending order
//   ghash(acc, n, cap, gid, keys) -> m          first-appearance ids, distinct codes to keys; -2 past cap groups
//   gsorted(acc, grade, n, gid) -> m            ids in ascending order from a grade of acc
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

export function gcomb(acc: usize, code: usize, rank: usize, n: u32, card: u64, first: bool): void {
  for (let i: u32 = 0; i < n; i++) {
    let r = load<u32>(code + (<usize>i << 2));
    if (rank) r = load<u32>(rank + (<usize>r << 2));
    const p = acc + (<usize>i << 3);
    store<u64>(p, first ? <u64>r : load<u64>(p) * card + <u64>r);
  }
}

export function gdirect(acc: usize, n: u32, p: u32, gid: usize): i32 {
  const tb = sysAlloc(16 + (<u64>p << 2));
  if (!tb) return -1;
  const t = tb + 16;
  memory.fill(t, 0, <usize>p << 2);
  for (let c0: u32 = 0; c0 < n; c0 += <u32>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); stopped(); return -1; }
    for (let i = c0, c1 = min(c0 + <u32>POLL_ITEMS, n); i < c1; i++) {
      store<u32>(t + (<usize>load<u64>(acc + (<usize>i << 3)) << 2), 1);
    }
  }
  let m: u32 = 0;
  for (let k: u32 = 0; k < p; k++) {
    const a = t + (<usize>k << 2);
    if (load<u32>(a)) store<u32>(a, m++);
  }
  for (let i: u32 = 0; i < n; i++) {
    store<u32>(gid + (<usize>i << 2), load<u32>(t + (<usize>load<u64>(acc + (<usize>i << 3)) << 2)));
  }
  sysFree(tb);
  return <i32>m;
}

/** Entries [code u64 | id+1 u32 | pad] of a table of 2^bits, linear probing. */
@inline function HSLOT(k: u64, bits: u32): u32 { return <u32>((k * 0x9E3779B97F4A7C15) >> (64 - bits)); }


/** Moves the entries of an open-addressing table (16-byte entries: key U at 0,
 *  group+1 as u32 at 8, 0 when empty; slots 0..mask) into the zeroed table nb
 *  of 2^nbits slots. */
@inline function rehash<U>(tb: usize, mask: u32, nb: usize, nbits: u32, nmask: u32): void {
  for (let s: u32 = 0; s <= mask; s++) {
    const oe = tb + 16 + (<usize>s << 4);
    const ov = load<u32>(oe, 8);
    if (!ov) continue;
    const ok = load<U>(oe);
    let nh = HSLOT(<u64>ok, nbits);
    while (load<u32>(nb + 16 + (<usize>nh << 4), 8)) nh = (nh + 1) & nmask;
    store<U>(nb + 16 + (<usize>nh << 4), ok);
    store<u32>(nb + 16 + (<usize>nh << 4), ov, 8);
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
          if ((m << 1) > mask) {
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

export function gsorted(acc: usize, grade: usize, n: u32, gid: usize): i32 {
  let m: u32 = 0;
  let prev: u64 = 0;
  for (let k: u32 = 0; k < n; k++) {
    const i = <usize>load<u32>(grade + (<usize>k << 3));
    const v = load<u64>(acc + (i << 3));
    if (k == 0 || v != prev) { m++; prev = v; }
    store<u32>(gid + (i << 2), m - 1);
  }
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
// item, the list of its indices. The hash pass also counts each group, so the
// index lists are sized without another pass over the ids; one more pass
// scatters the indices (a counting sort, into one contiguous u32 run that is
// then widened into the m long vectors).
//
//   ggroup_4 ggroup_8 (src, n, keys) -> p     the general list of m index vectors (0: 'wsfull);
//                                             keys: the m distinct items (4- or 8-byte, as src)

@inline function GGROUP<U>(src: usize, n: u32, keys: usize): usize {
  const gb = sysAlloc(16 + (<u64>n << 2)), cb = sysAlloc(16 + (<u64>n << 2));
  let bits: u32 = 8;
  let tb = sysAlloc(16 + (<u64>16 << bits));
  if (!gb || !cb || !tb) { if (gb) sysFree(gb); if (cb) sysFree(cb); if (tb) sysFree(tb); return fail(EWSFULL); }
  const gid = gb + 16, cnt = cb + 16;
  memory.fill(tb + 16, 0, <usize>16 << bits);
  let mask: u32 = (1 << bits) - 1;
  let m: u32 = 0;
  for (let c0: u32 = 0; c0 < n; c0 += <u32>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); sysFree(gb); sysFree(cb); return stopped(); }
    for (let i = c0, c1 = min(c0 + <u32>POLL_ITEMS, n); i < c1; i++) {
      const k = load<U>(src + (<usize>i << alignof<U>()));
      let h = HSLOT(<u64>k, bits);
      let g: u32 = 0;
      for (;;) {
        const e = tb + 16 + (<usize>h << 4);
        const v = load<u32>(e, 8);
        if (!v) {
          store<U>(e, k); store<u32>(e, m + 1, 8);
          store<U>(keys + (<usize>m << alignof<U>()), k);
          store<u32>(cnt + (<usize>m << 2), 1);
          g = m++;
          if ((m << 1) > mask) {
            const nb = sysAlloc(16 + (<u64>16 << (bits + 1)));
            if (!nb) { sysFree(tb); sysFree(gb); sysFree(cb); return fail(EWSFULL); }
            memory.fill(nb + 16, 0, <usize>16 << (bits + 1));
            const nmask: u32 = (mask << 1) | 1;
            rehash<U>(tb, mask, nb, bits + 1, nmask);
            sysFree(tb);
            tb = nb; bits++; mask = nmask;
          }
          break;
        }
        if (load<U>(e) == k) { g = v - 1; store<u32>(cnt + (<usize>g << 2), load<u32>(cnt + (<usize>g << 2)) + 1); break; }
        h = (h + 1) & mask;
      }
      store<u32>(gid + (<usize>i << 2), g);
    }
  }
  sysFree(tb);
  const list = ga(0, m);
  const ob = sysAlloc(16 + (<u64>m << 2));
  if (!list || !ob) { if (list) r0(list); if (ob) sysFree(ob); sysFree(gb); sysFree(cb); return fail(EWSFULL); }
  const l = list + 16, off = ob + 16;
  memory.fill(l, 0, <usize>m << 2);
  // each group's start in one contiguous index run (counts are in cnt until the scatter)
  let at: u32 = 0;
  for (let g: u32 = 0; g < m; g++) {
    if (stopAt(g)) { r0(list); sysFree(ob); sysFree(gb); sysFree(cb); return stopped(); }
    const c = load<u32>(cnt + (<usize>g << 2));
    const v = ga(KJ, c);
    if (!v) { r0(list); sysFree(ob); sysFree(gb); sysFree(cb); return fail(EWSFULL); }
    store<u32>(l + (<usize>g << 2), <u32>v);
    store<u32>(off + (<usize>g << 2), at);
    at += c;
  }
  // scatter u32 indices into cb, then widen each group's run into its vector: the
  // vectors start at addresses of one power-of-two alignment, so scattering into
  // them directly would keep m write streams in the same cache sets
  const idx = cb + 16;
  for (let i: u32 = 0; i < n; i++) {
    const a = off + (<usize>load<u32>(gid + (<usize>i << 2)) << 2);
    const o = load<u32>(a);
    store<u32>(idx + (<usize>o << 2), i);
    store<u32>(a, o + 1);
  }
  let from: u32 = 0;
  for (let g: u32 = 0; g < m; g++) {
    const to = load<u32>(off + (<usize>g << 2));
    const d = <usize>load<u32>(l + (<usize>g << 2)) + 16;
    for (let j = from; j < to; j++) store<i64>(d + (<usize>(j - from) << 3), <i64>load<u32>(idx + (<usize>j << 2)));
    from = to;
  }
  sysFree(ob); sysFree(gb); sysFree(cb);
  return list;
}
export function ggroup_4(src: usize, n: u32, keys: usize): usize { return GGROUP<u32>(src, n, keys); }
export function ggroup_8(src: usize, n: u32, keys: usize): usize { return GGROUP<u64>(src, n, keys); }

// More grouped aggregates, beside group.ts's: one pass over the column(s) with
// a group id per item (gid: u32[n], ids < m), one result per group in out[m].
// Each gives, for every group, exactly what the plain aggregate (agg.ts) gives
// on that group's items in row order, nulls and all:
//
//   gsumn_<C> (x, gid, n, m, out)      C in G H I: out i32[m], wrapping integer sum, nulls skipped
//   gmed_<C> (x, gid, n, m, out, cnt, buf)
//                                      out f64[m]; cnt scratch u32[2m+1], buf scratch f64[n].
//                                      q's med: nulls sort first and the middle two are averaged
//                                      skipping nulls; an empty group is 0n
//   gwsum_F (w, x, gid, n, m, out)     sum of w*x over the pairs with no null
//   gwavg_F (w, x, gid, n, m, out, ws) (sum w*x) % sum w over those pairs; ws scratch f64[m]
//   gcov_<C> (x, y, gid, n, m, acc)    C in F J I (x and y of one type); acc f64[6m], per group: cov, pairs, var x, var y
//                                      (population, over the pairs with no null), then scratch
//   gtop_<C> (x, gid, n, m, k, desc, top, cnt, val)
//                                      C in H I J E F: the rows of each group's k largest (desc) or
//                                      smallest items in that order, ties in row order (as desc/asc
//                                      sort), nulls smallest: top u32[m*k] (group g's at g*k),
//                                      cnt u32[m] how many (its size when below k); val scratch
//                                      T[m*k] (the kept values, so no compare reads x at random)
//   gavgs_<C> (x, gid, n, m, out, cnt) C in H I J E F: avg per group as gavg_<C> (group.ts), but cnt
//                                      u32[m] holds the group sizes on entry and a null row takes one
//                                      off its group's count: a non-null row updates its sum alone
//   gvars_<C> (x, gid, n, m, out, cnt, mean) C in H I J E F: population variance per group as gvar_<C>
//                                      (group.ts), the means by gavgs_<C> (cnt as there)
//
// The paired kernels take f64 columns (nulls as NaN): callers widen other types
// first with rd_tof_<C> (agg.ts), as the plain wsum/wavg/cov do.

import { ISNUL, LD, ST, TOF } from "./reduce/tpl";

@inline function GID(gid: usize, i: u32): u32 { return load<u32>(gid + (<usize>i << 2)); }

@inline function GSUMN<T>(x: usize, gid: usize, n: u32, m: u32, out: usize): void {
  memory.fill(out, 0, <usize>m << 2);
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    if (ISNUL<T>(v)) continue;
    const p = out + (<usize>GID(gid, i) << 2);
    store<i32>(p, load<i32>(p) + <i32>v);
  }
}
export function gsumn_G(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GSUMN<u8>(x, gid, n, m, out); }
export function gsumn_H(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GSUMN<i16>(x, gid, n, m, out); }
export function gsumn_I(x: usize, gid: usize, n: u32, m: u32, out: usize): void { GSUMN<i32>(x, gid, n, m, out); }

/** The k-th smallest of a[0..n) (f64, no NaN), partially reordering a: quickselect. */
function kth(a: usize, n: u32, k: u32): f64 {
  let lo: u32 = 0, hi: u32 = n - 1;
  while (hi > lo) {
    // median of three as pivot; Hoare partition
    const x0 = LD<f64>(a, lo), x1 = LD<f64>(a, lo + ((hi - lo) >> 1)), x2 = LD<f64>(a, hi);
    const piv = max(min(x0, x1), min(max(x0, x1), x2));
    let i: i64 = <i64>lo, j: i64 = <i64>hi;
    while (i <= j) {
      while (LD<f64>(a, <u32>i) < piv) i++;
      while (LD<f64>(a, <u32>j) > piv) j--;
      if (i <= j) {
        const t = LD<f64>(a, <u32>i);
        ST<f64>(a, <u32>i, LD<f64>(a, <u32>j));
        ST<f64>(a, <u32>j, t);
        i++; j--;
      }
    }
    if (<i64>k <= j) hi = <u32>j;
    else if (<i64>k >= i) lo = <u32>i;
    else return LD<f64>(a, k);
  }
  return LD<f64>(a, k);
}

@inline function GMED<T>(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, buf: usize): void {
  // cnt[0..m): rows per group; cnt[m..2m+1): start of each group's non-null values in buf
  const tot = cnt, off = cnt + (<usize>m << 2);
  memory.fill(cnt, 0, <usize>(2 * m + 1) << 2);
  for (let i: u32 = 0; i < n; i++) {
    const g = GID(gid, i);
    ST<u32>(tot, g, LD<u32>(tot, g) + 1);
    if (!ISNUL<T>(LD<T>(x, i))) ST<u32>(off, g + 1, LD<u32>(off, g + 1) + 1);
  }
  for (let g: u32 = 0; g < m; g++) ST<u32>(off, g + 1, LD<u32>(off, g + 1) + LD<u32>(off, g));
  // scatter the non-null values group by group (off[g] advances to the group's end)
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    if (ISNUL<T>(v)) continue;
    const g = GID(gid, i);
    const at = LD<u32>(off, g);
    ST<f64>(buf, at, <f64>v);
    ST<u32>(off, g, at + 1);
  }
  // now off[g] is group g's end, off[g-1] (0 for g=0) its start
  for (let g: u32 = 0; g < m; g++) {
    const end = LD<u32>(off, g), start = g == 0 ? 0 : LD<u32>(off, g - 1);
    const c = LD<u32>(tot, g), nn = end - start, k = c - nn;
    if (c == 0) { ST<f64>(out, g, NaN); continue; }
    const a = buf + (<usize>start << 3);
    const i0 = (c - 1) >> 1, i1 = c >> 1;
    const lo = i0 < k ? NaN : kth(a, nn, i0 - k);
    const hi = i1 < k ? NaN : (i1 == i0 ? lo : kth(a, nn, i1 - k));
    ST<f64>(out, g, lo != lo ? hi : hi != hi ? lo : (lo + hi) / 2);
  }
}
export function gmed_G(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, buf: usize): void { GMED<u8>(x, gid, n, m, out, cnt, buf); }
export function gmed_H(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, buf: usize): void { GMED<i16>(x, gid, n, m, out, cnt, buf); }
export function gmed_I(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, buf: usize): void { GMED<i32>(x, gid, n, m, out, cnt, buf); }
export function gmed_J(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, buf: usize): void { GMED<i64>(x, gid, n, m, out, cnt, buf); }
export function gmed_E(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, buf: usize): void { GMED<f32>(x, gid, n, m, out, cnt, buf); }
export function gmed_F(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, buf: usize): void { GMED<f64>(x, gid, n, m, out, cnt, buf); }

export function gwsum_F(w: usize, x: usize, gid: usize, n: u32, m: u32, out: usize): void {
  memory.fill(out, 0, <usize>m << 3);
  for (let i: u32 = 0; i < n; i++) {
    const p = LD<f64>(w, i) * LD<f64>(x, i);
    if (p != p) continue;
    const o = out + (<usize>GID(gid, i) << 3);
    store<f64>(o, load<f64>(o) + p);
  }
}

export function gwavg_F(w: usize, x: usize, gid: usize, n: u32, m: u32, out: usize, ws: usize): void {
  memory.fill(out, 0, <usize>m << 3);
  memory.fill(ws, 0, <usize>m << 3);
  for (let i: u32 = 0; i < n; i++) {
    const a = LD<f64>(w, i), b = LD<f64>(x, i);
    if (a != a || b != b) continue;
    const g = <usize>GID(gid, i) << 3;
    store<f64>(out + g, load<f64>(out + g) + a * b);
    store<f64>(ws + g, load<f64>(ws + g) + a);
  }
  for (let g: u32 = 0; g < m; g++) ST<f64>(out, g, LD<f64>(out, g) / LD<f64>(ws, g));
}

/** Per group, 6 slots: [sum x → mean x, sum y → mean y, pairs, sxy, sxx, syy], over the pairs with no null
 *  (items read as f64, nulls as NaN: what the plain cov reads after widening). */
@inline function GCOV<T>(x: usize, y: usize, gid: usize, n: u32, m: u32, acc: usize): void {
  memory.fill(acc, 0, <usize>m * 48);
  for (let i: u32 = 0; i < n; i++) {
    const a = TOF<T>(LD<T>(x, i)), b = TOF<T>(LD<T>(y, i));
    if (a != a || b != b) continue;
    const p = acc + <usize>GID(gid, i) * 48;
    store<f64>(p, load<f64>(p) + a);
    store<f64>(p, load<f64>(p, 8) + b, 8);
    store<f64>(p, load<f64>(p, 16) + 1, 16);
  }
  for (let g: u32 = 0; g < m; g++) {
    const p = acc + <usize>g * 48, c = load<f64>(p, 16);
    store<f64>(p, load<f64>(p) / c);
    store<f64>(p, load<f64>(p, 8) / c, 8);
  }
  for (let i: u32 = 0; i < n; i++) {
    const a = TOF<T>(LD<T>(x, i)), b = TOF<T>(LD<T>(y, i));
    if (a != a || b != b) continue;
    const p = acc + <usize>GID(gid, i) * 48;
    const dx = a - load<f64>(p), dy = b - load<f64>(p, 8);
    store<f64>(p, load<f64>(p, 24) + dx * dy, 24);
    store<f64>(p, load<f64>(p, 32) + dx * dx, 32);
    store<f64>(p, load<f64>(p, 40) + dy * dy, 40);
  }
  // the answer in the first four slots: cov, pairs, var x, var y
  for (let g: u32 = 0; g < m; g++) {
    const p = acc + <usize>g * 48, c = load<f64>(p, 16);
    store<f64>(p, load<f64>(p, 24) / c);
    store<f64>(p, c, 8);
    store<f64>(p, load<f64>(p, 32) / c, 16);
    store<f64>(p, load<f64>(p, 40) / c, 24);
  }
}
export function gcov_F(x: usize, y: usize, gid: usize, n: u32, m: u32, acc: usize): void { GCOV<f64>(x, y, gid, n, m, acc); }
export function gcov_J(x: usize, y: usize, gid: usize, n: u32, m: u32, acc: usize): void { GCOV<i64>(x, y, gid, n, m, acc); }
export function gcov_I(x: usize, y: usize, gid: usize, n: u32, m: u32, acc: usize): void { GCOV<i32>(x, y, gid, n, m, acc); }

/** a before b in q's ascending order: nulls (NaN) first. */
@inline function QLT<T>(a: T, b: T): bool {
  if (isFloat<T>()) return a != a ? b == b : a < b;
  return a < b;
}

@inline function GTOP<T>(x: usize, gid: usize, n: u32, m: u32, k: u32, desc: bool, top: usize, cnt: usize, val: usize): void {
  memory.fill(cnt, 0, <usize>m << 2);
  for (let i: u32 = 0; i < n; i++) {
    const g = GID(gid, i), v = LD<T>(x, i);
    const c = LD<u32>(cnt, g), at = <usize>g * k;
    const base = top + (at << 2), vb = val + (at << alignof<T>());
    // the place of row i among the kept rows: after every kept row not worse than it (stable)
    let p = c;
    while (p > 0) {
      const w = LD<T>(vb, p - 1);
      if (desc ? QLT<T>(w, v) : QLT<T>(v, w)) p--; else break;
    }
    if (p >= k) continue;
    const last = c < k ? c : k - 1;
    if (last > p) {
      memory.copy(base + (<usize>(p + 1) << 2), base + (<usize>p << 2), <usize>(last - p) << 2);
      memory.copy(vb + (<usize>(p + 1) << alignof<T>()), vb + (<usize>p << alignof<T>()), <usize>(last - p) << alignof<T>());
    }
    ST<u32>(base, p, i);
    ST<T>(vb, p, v);
    if (c < k) ST<u32>(cnt, g, c + 1);
  }
}
export function gtop_H(x: usize, gid: usize, n: u32, m: u32, k: u32, desc: bool, top: usize, cnt: usize, val: usize): void { GTOP<i16>(x, gid, n, m, k, desc, top, cnt, val); }
export function gtop_I(x: usize, gid: usize, n: u32, m: u32, k: u32, desc: bool, top: usize, cnt: usize, val: usize): void { GTOP<i32>(x, gid, n, m, k, desc, top, cnt, val); }
export function gtop_J(x: usize, gid: usize, n: u32, m: u32, k: u32, desc: bool, top: usize, cnt: usize, val: usize): void { GTOP<i64>(x, gid, n, m, k, desc, top, cnt, val); }
export function gtop_E(x: usize, gid: usize, n: u32, m: u32, k: u32, desc: bool, top: usize, cnt: usize, val: usize): void { GTOP<f32>(x, gid, n, m, k, desc, top, cnt, val); }
export function gtop_F(x: usize, gid: usize, n: u32, m: u32, k: u32, desc: bool, top: usize, cnt: usize, val: usize): void { GTOP<f64>(x, gid, n, m, k, desc, top, cnt, val); }

@inline function GAVGS<T>(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void {
  memory.fill(out, 0, <usize>m << 3);
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i), g = GID(gid, i);
    if (ISNUL<T>(v)) { ST<u32>(cnt, g, LD<u32>(cnt, g) - 1); continue; }
    const p = out + (<usize>g << 3);
    if (isInteger<T>() && sizeof<T>() == 8) store<i64>(p, load<i64>(p) + <i64>v);
    else store<f64>(p, load<f64>(p) + <f64>v);
  }
  for (let g: u32 = 0; g < m; g++) {
    const p = out + (<usize>g << 3);
    const s = isInteger<T>() && sizeof<T>() == 8 ? <f64>load<i64>(p) : load<f64>(p);
    store<f64>(p, s / <f64>LD<u32>(cnt, g));
  }
}
export function gavgs_H(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVGS<i16>(x, gid, n, m, out, cnt); }
export function gavgs_I(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVGS<i32>(x, gid, n, m, out, cnt); }
export function gavgs_J(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVGS<i64>(x, gid, n, m, out, cnt); }
export function gavgs_E(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVGS<f32>(x, gid, n, m, out, cnt); }
export function gavgs_F(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize): void { GAVGS<f64>(x, gid, n, m, out, cnt); }

@inline function GVARS<T>(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void {
  GAVGS<T>(x, gid, n, m, mean, cnt);
  memory.fill(out, 0, <usize>m << 3);
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    if (ISNUL<T>(v)) continue;
    const g = <usize>GID(gid, i) << 3;
    const d = <f64>v - load<f64>(mean + g);
    store<f64>(out + g, load<f64>(out + g) + d * d);
  }
  for (let g: u32 = 0; g < m; g++) {
    const p = out + (<usize>g << 3);
    store<f64>(p, load<f64>(p) / <f64>LD<u32>(cnt, g));
  }
}
export function gvars_H(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVARS<i16>(x, gid, n, m, out, cnt, mean); }
export function gvars_I(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVARS<i32>(x, gid, n, m, out, cnt, mean); }
export function gvars_J(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVARS<i64>(x, gid, n, m, out, cnt, mean); }
export function gvars_E(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVARS<f32>(x, gid, n, m, out, cnt, mean); }
export function gvars_F(x: usize, gid: usize, n: u32, m: u32, out: usize, cnt: usize, mean: usize): void { GVARS<f64>(x, gid, n, m, out, cnt, mean); }

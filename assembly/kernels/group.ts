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
  GCNT<T>(x, gid, n, m, cnt);
  memory.fill(out, 0, <usize>m << 3);
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    if (ISNUL<T>(v)) continue;
    const p = out + (GID(gid, i) << 3);
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

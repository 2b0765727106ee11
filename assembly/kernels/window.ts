// window kernels: msum mcount mavg mdev mmax mmin ema. (x, r, n, w) style:
// w is the window (0 gives empty windows). The first w-1 windows are partial.
//
// msum is q's difference of running sums, S[i]-S[i-w]; both prefixes are summed
// in order, so float results match that definition bit for bit.

import { ISNUL, WMIN, LD, ST } from "./reduce/tpl";

@inline function MSUM<S, R>(x: usize, r: usize, n: u32, w: u32): void {
  let s: R = 0, t: R = 0;
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<S>(x, i);
    s += select<R>(<R>0, <R>v, ISNUL<S>(v));
    if (i >= w) { const u = LD<S>(x, i - w); t += select<R>(<R>0, <R>u, ISNUL<S>(u)); }
    ST<R>(r, i, s - t);
  }
}
export function msum_G(x: usize, r: usize, n: u32, w: u32): void { MSUM<u8, i32>(x, r, n, w); }
export function msum_H(x: usize, r: usize, n: u32, w: u32): void { MSUM<i16, i32>(x, r, n, w); }
export function msum_I(x: usize, r: usize, n: u32, w: u32): void { MSUM<i32, i32>(x, r, n, w); }
export function msum_J(x: usize, r: usize, n: u32, w: u32): void { MSUM<i64, i64>(x, r, n, w); }
export function msum_E(x: usize, r: usize, n: u32, w: u32): void { MSUM<f32, f32>(x, r, n, w); }
export function msum_F(x: usize, r: usize, n: u32, w: u32): void { MSUM<f64, f64>(x, r, n, w); }

/** Non-null counts per window (i32). */
@inline function MCOUNT<S>(x: usize, r: usize, n: u32, w: u32): void {
  let c: i32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    c += <i32>!ISNUL<S>(LD<S>(x, i));
    if (i >= w) c -= <i32>!ISNUL<S>(LD<S>(x, i - w));
    ST<i32>(r, i, c);
  }
}
export function mcount_G(x: usize, r: usize, n: u32, w: u32): void { MCOUNT<u8>(x, r, n, w); }
export function mcount_H(x: usize, r: usize, n: u32, w: u32): void { MCOUNT<i16>(x, r, n, w); }
export function mcount_I(x: usize, r: usize, n: u32, w: u32): void { MCOUNT<i32>(x, r, n, w); }
export function mcount_J(x: usize, r: usize, n: u32, w: u32): void { MCOUNT<i64>(x, r, n, w); }
export function mcount_E(x: usize, r: usize, n: u32, w: u32): void { MCOUNT<f32>(x, r, n, w); }
export function mcount_F(x: usize, r: usize, n: u32, w: u32): void { MCOUNT<f64>(x, r, n, w); }

/** mavg = msum[w; 0^"f"$x] % mcount[w; x]; with SQ, mdev = sqrt mavg[w;x*x] - m*m. */
@inline function MAVG<S>(x: usize, r: usize, n: u32, w: u32, SQ: bool): void {
  let s: f64 = 0, t: f64 = 0, s2: f64 = 0, t2: f64 = 0;
  let c: i32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const a = LD<S>(x, i);
    const ka = ISNUL<S>(a);
    const fa = select<f64>(0, <f64>a, ka);
    s += fa; c += <i32>!ka;
    if (SQ) s2 += fa * fa;
    if (i >= w) {
      const b = LD<S>(x, i - w);
      const kb = ISNUL<S>(b);
      const fb = select<f64>(0, <f64>b, kb);
      t += fb; c -= <i32>!kb;
      if (SQ) t2 += fb * fb;
    }
    const m = (s - t) / <f64>c;
    if (SQ) ST<f64>(r, i, Math.sqrt((s2 - t2) / <f64>c - m * m));
    else ST<f64>(r, i, m);
  }
}
export function mavg_G(x: usize, r: usize, n: u32, w: u32): void { MAVG<u8>(x, r, n, w, false); }
export function mavg_H(x: usize, r: usize, n: u32, w: u32): void { MAVG<i16>(x, r, n, w, false); }
export function mavg_I(x: usize, r: usize, n: u32, w: u32): void { MAVG<i32>(x, r, n, w, false); }
export function mavg_J(x: usize, r: usize, n: u32, w: u32): void { MAVG<i64>(x, r, n, w, false); }
export function mavg_E(x: usize, r: usize, n: u32, w: u32): void { MAVG<f32>(x, r, n, w, false); }
export function mavg_F(x: usize, r: usize, n: u32, w: u32): void { MAVG<f64>(x, r, n, w, false); }
export function mdev_G(x: usize, r: usize, n: u32, w: u32): void { MAVG<u8>(x, r, n, w, true); }
export function mdev_H(x: usize, r: usize, n: u32, w: u32): void { MAVG<i16>(x, r, n, w, true); }
export function mdev_I(x: usize, r: usize, n: u32, w: u32): void { MAVG<i32>(x, r, n, w, true); }
export function mdev_J(x: usize, r: usize, n: u32, w: u32): void { MAVG<i64>(x, r, n, w, true); }
export function mdev_E(x: usize, r: usize, n: u32, w: u32): void { MAVG<f32>(x, r, n, w, true); }
export function mdev_F(x: usize, r: usize, n: u32, w: u32): void { MAVG<f64>(x, r, n, w, true); }

// mmax / mmin: q's (w-1) iterations of |': / &': with seeds -0W / 0W, i.e. the
// window's max/min where nulls are the smallest value, and partial windows (the
// first w-1) also see the seed. Monotonic deque of indices in q (u32 scratch, n items).

/** a ranks below b in q's order (null < -inf < … for floats). */
@inline function LT<T>(a: T, b: T): bool {
  if (isFloat<T>()) return (a != a) ? (b == b) : a < b;
  return a < b;
}
@inline function MEXT<T>(x: usize, r: usize, n: u32, w: u32, q: usize, MAX: bool): void {
  let h: u32 = 0, t: u32 = 0; // deque q[h..t)
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    // drop items the new one dominates (ties: keep the newer)
    while (t > h) {
      const u = LD<T>(x, LD<u32>(q, t - 1));
      if (MAX ? !LT<T>(v, u) : !LT<T>(u, v)) t--; else break;
    }
    ST<u32>(q, t, i); t++;
    if (i >= w) { while (h < t && LD<u32>(q, h) <= i - w) h++; }
    let m = LD<T>(x, LD<u32>(q, h));
    if (MAX && i + 1 < w && LT<T>(m, WMIN<T>())) m = WMIN<T>();
    ST<T>(r, i, m);
  }
}
export function mmax_G(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<u8>(x, r, n, w, q, true); }
export function mmax_H(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i16>(x, r, n, w, q, true); }
export function mmax_I(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i32>(x, r, n, w, q, true); }
export function mmax_J(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i64>(x, r, n, w, q, true); }
export function mmax_E(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<f32>(x, r, n, w, q, true); }
export function mmax_F(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<f64>(x, r, n, w, q, true); }
export function mmin_G(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<u8>(x, r, n, w, q, false); }
export function mmin_H(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i16>(x, r, n, w, q, false); }
export function mmin_I(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i32>(x, r, n, w, q, false); }
export function mmin_J(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i64>(x, r, n, w, q, false); }
export function mmin_E(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<f32>(x, r, n, w, q, false); }
export function mmin_F(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<f64>(x, r, n, w, q, false); }

/** ema: r[-1]=y[0], r[i]=(x*y[i])+(1-x)*r[i-1]; a (stride 0 or 1) over f64 items. */
export function ema_F(a: usize, sa: u32, y: usize, r: usize, n: u32): void {
  if (n == 0) return;
  let p = load<f64>(y);
  for (let i: u32 = 0; i < n; i++) {
    const al = LD<f64>(a, i * sa);
    p = al * LD<f64>(y, i) + (1 - al) * p;
    ST<f64>(r, i, p);
  }
}

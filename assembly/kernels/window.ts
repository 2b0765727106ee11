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

/** Non-null counts per window (longs). */
@inline function MCOUNT<S>(x: usize, r: usize, n: u32, w: u32): void {
  let c: i64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    c += <i64>!ISNUL<S>(LD<S>(x, i));
    if (i >= w) c -= <i64>!ISNUL<S>(LD<S>(x, i - w));
    ST<i64>(r, i, c);
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
// first w-1) also see the seed. van Herk / Gil-Werman: running extremes forward
// within blocks of w (into r) and backward (into scratch h, n items of T), then
// r[i] = op(h[i-w+1], r[i]): three branchless passes whatever w is.

/** Branch-free integer max/min by masks (V8 may lower a wasm select to a branch). */
@inline function BMAX<T>(a: T, b: T, MAX: bool): T {
  const m: T = -<T>(MAX ? a < b : b < a);
  return a ^ ((a ^ b) & m);
}
// Floats: V8 lowers an f64 select to a branch, which random data mispredicts. The
// float windows therefore run on integer order keys (cmov-friendly): NaN -> the
// smallest key, every other value -> its IEEE bits made two's-complement ordered.
@inline function KEY<T, K>(v: T): K {
  const b = reinterpret<K>(v);
  const k = b ^ ((b >> (<K>(sizeof<K>() * 8 - 1))) & (isInteger<K>() && sizeof<K>() == 8 ? <K>i64.MAX_VALUE : <K>i32.MAX_VALUE));
  return select<K>(sizeof<K>() == 8 ? <K>i64.MIN_VALUE : <K>i32.MIN_VALUE, k, v != v);
}
@inline function UNKEY<T, K>(k: K): T {
  const MINK: K = sizeof<K>() == 8 ? <K>i64.MIN_VALUE : <K>i32.MIN_VALUE;
  const b = k ^ ((k >> (<K>(sizeof<K>() * 8 - 1))) & (sizeof<K>() == 8 ? <K>i64.MAX_VALUE : <K>i32.MAX_VALUE));
  return reinterpret<T>(select<K>(reinterpret<K>(<T>NaN), b, k == MINK));
}
@inline function TOK<T, K>(v: T): K { if (isFloat<T>()) return KEY<T, K>(v); return <K>v; }
@inline function FROMK<T, K>(k: K): T { if (isFloat<T>()) return UNKEY<T, K>(k); return <T>k; }

/** The three passes run chunk by chunk (whole blocks of w, about 4096 items) so
 *  that x, r and h stay in cache between passes. */
@inline function MEXT<T, K>(x: usize, r: usize, n: u32, w: u32, h: usize, MAX: bool): void {
  if (n == 0) return;
  const seed: K = TOK<T, K>(WMIN<T>());
  const C: u32 = w >= 4096 ? w : (4096 / w) * w;
  for (let s: u32 = 0; s < n;) {
    const e: u32 = <u32>min<u64>(<u64>n, <u64>s + <u64>C);
    let k: u32 = 0;
    let g: K = 0;
    for (let i = s; i < e; i++) {
      const v = TOK<T, K>(LD<T>(x, i));
      g = k == 0 ? v : BMAX<K>(g, v, MAX);
      ST<K>(r, i, g);
      k = k + 1 == w ? 0 : k + 1;
    }
    // backward: blocks end at i%w == w-1 (s is a multiple of w) and at the chunk's end
    let ph: u32 = (e - 1 - s) % w;
    let f: K = 0;
    for (let j = e; j-- > s;) {
      const v = TOK<T, K>(LD<T>(x, j));
      f = (ph == w - 1 || j == e - 1) ? v : BMAX<K>(v, f, MAX);
      ST<K>(h, j, f);
      ph = ph == 0 ? w - 1 : ph - 1;
    }
    for (let i = s; i < e; i++) {
      const b = LD<K>(r, i);
      const o: K = i + 1 < w ? (MAX ? BMAX<K>(b, seed, true) : b) : BMAX<K>(LD<K>(h, i - w + 1), b, MAX);
      ST<T>(r, i, FROMK<T, K>(o));
    }
    s = e;
  }
}
export function mmax_G(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<u8, u8>(x, r, n, w, q, true); }
export function mmax_H(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i16, i16>(x, r, n, w, q, true); }
export function mmax_I(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i32, i32>(x, r, n, w, q, true); }
export function mmax_J(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i64, i64>(x, r, n, w, q, true); }
export function mmax_E(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<f32, i32>(x, r, n, w, q, true); }
export function mmax_F(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<f64, i64>(x, r, n, w, q, true); }
export function mmin_G(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<u8, u8>(x, r, n, w, q, false); }
export function mmin_H(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i16, i16>(x, r, n, w, q, false); }
export function mmin_I(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i32, i32>(x, r, n, w, q, false); }
export function mmin_J(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<i64, i64>(x, r, n, w, q, false); }
export function mmin_E(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<f32, i32>(x, r, n, w, q, false); }
export function mmin_F(x: usize, r: usize, n: u32, w: u32, q: usize): void { MEXT<f64, i64>(x, r, n, w, q, false); }

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

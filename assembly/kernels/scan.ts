// scan kernels: sums prds maxs mins (running aggregates, q's +\ *\ |\ &\).
// (x, r, n): x items of storage S, r receives n items of storage R.
// sums/prds treat nulls as 0/1; maxs/mins ignore nulls, and initial nulls become
// -0W/0W (the seed q uses). Float scans run strictly in order so every prefix is
// bit-identical to q's sequential result; integer scans are wrap-around.

import { ISNUL, WMAX, WMIN, LD, ST } from "./reduce/tpl";

@inline function SUMS<S, R>(x: usize, r: usize, n: u32): void {
  let s: R = 0;
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<S>(x, i);
    s += select<R>(<R>0, <R>v, ISNUL<S>(v));
    ST<R>(r, i, s);
  }
}
@inline function PRDS<S, R>(x: usize, r: usize, n: u32): void {
  let s: R = 1;
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<S>(x, i);
    s *= select<R>(<R>1, <R>v, ISNUL<S>(v));
    ST<R>(r, i, s);
  }
}
/** Running max; integer nulls are the smallest value so they never win. */
@inline function MAXS<T>(x: usize, r: usize, n: u32): void {
  let m: T = WMIN<T>();
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    m = select<T>(v, m, v > m);
    ST<T>(r, i, m);
  }
}
@inline function MINS<T>(x: usize, r: usize, n: u32): void {
  let m: T = WMAX<T>();
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    m = select<T>(v, m, v < m && !ISNUL<T>(v));
    ST<T>(r, i, m);
  }
}

export function sums_G(x: usize, r: usize, n: u32): void { SUMS<u8, i32>(x, r, n); }
export function sums_H(x: usize, r: usize, n: u32): void { SUMS<i16, i32>(x, r, n); }
export function sums_I(x: usize, r: usize, n: u32): void { sumsI(x, r, n); }
export function sums_J(x: usize, r: usize, n: u32): void { SUMS<i64, i64>(x, r, n); }
export function sums_E(x: usize, r: usize, n: u32): void { SUMS<f32, f32>(x, r, n); }
export function sums_F(x: usize, r: usize, n: u32): void {
  // the same sequential chain as SUMS, two items a load: nulls masked to +0 in
  // one v128 op, both prefixes stored at once
  let s: f64 = 0;
  let i: u32 = 0;
  for (; i + 2 <= n; i += 2) {
    const v = v128.load(x + (<usize>i << 3));
    const m = v128.and(v, f64x2.eq(v, v));
    const a = s + f64x2.extract_lane(m, 0);
    s = a + f64x2.extract_lane(m, 1);
    v128.store(r + (<usize>i << 3), f64x2.replace_lane(f64x2.splat(a), 1, s));
  }
  for (; i < n; i++) {
    const v = LD<f64>(x, i);
    s += select<f64>(0, v, ISNUL<f64>(v));
    ST<f64>(r, i, s);
  }
}
export function prds_G(x: usize, r: usize, n: u32): void { PRDS<u8, i32>(x, r, n); }
export function prds_H(x: usize, r: usize, n: u32): void { PRDS<i16, i32>(x, r, n); }
export function prds_I(x: usize, r: usize, n: u32): void { PRDS<i32, i32>(x, r, n); }
export function prds_J(x: usize, r: usize, n: u32): void { PRDS<i64, i64>(x, r, n); }
export function prds_E(x: usize, r: usize, n: u32): void { PRDS<f32, f32>(x, r, n); }
export function prds_F(x: usize, r: usize, n: u32): void { PRDS<f64, f64>(x, r, n); }
export function maxs_G(x: usize, r: usize, n: u32): void { MAXS<u8>(x, r, n); }
export function maxs_H(x: usize, r: usize, n: u32): void { MAXS<i16>(x, r, n); }
export function maxs_I(x: usize, r: usize, n: u32): void { MAXS<i32>(x, r, n); }
export function maxs_J(x: usize, r: usize, n: u32): void { MAXS<i64>(x, r, n); }
export function maxs_E(x: usize, r: usize, n: u32): void { MAXS<f32>(x, r, n); }
export function maxs_F(x: usize, r: usize, n: u32): void { MAXS<f64>(x, r, n); }
export function mins_G(x: usize, r: usize, n: u32): void { MINS<u8>(x, r, n); }
export function mins_H(x: usize, r: usize, n: u32): void { MINS<i16>(x, r, n); }
export function mins_I(x: usize, r: usize, n: u32): void { MINS<i32>(x, r, n); }
export function mins_J(x: usize, r: usize, n: u32): void { MINS<i64>(x, r, n); }
export function mins_E(x: usize, r: usize, n: u32): void { MINS<f32>(x, r, n); }
export function mins_F(x: usize, r: usize, n: u32): void { MINS<f64>(x, r, n); }

/** avgs: running mean of the non-null items so far (f64; leading nulls give 0n). */
@inline function AVGS<S>(x: usize, r: usize, n: u32): void {
  let s: f64 = 0;
  let c: f64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<S>(x, i);
    const k = ISNUL<S>(v);
    s += select<f64>(0, <f64>v, k);
    c += select<f64>(0, 1, k);
    ST<f64>(r, i, s / c);
  }
}
export function avgs_G(x: usize, r: usize, n: u32): void { AVGS<u8>(x, r, n); }
export function avgs_H(x: usize, r: usize, n: u32): void { AVGS<i16>(x, r, n); }
export function avgs_I(x: usize, r: usize, n: u32): void { AVGS<i32>(x, r, n); }
export function avgs_J(x: usize, r: usize, n: u32): void { AVGS<i64>(x, r, n); }
export function avgs_E(x: usize, r: usize, n: u32): void { AVGS<f32>(x, r, n); }
export function avgs_F(x: usize, r: usize, n: u32): void { AVGS<f64>(x, r, n); }

/** i32 sums four lanes at a time: an in-register prefix (two shifted adds) plus the
 *  running total broadcast from lane 3 (exact: wrap-around addition is associative).
 *  Twice the scalar loop's speed; i64 sums are memory-bound and stay scalar. */
function sumsI(x: usize, r: usize, n: u32): void {
  const N = i32x4.splat(i32.MIN_VALUE);
  const Z = i32x4.splat(0);
  let c = i32x4.splat(0);
  let i: u32 = 0;
  for (; i + 4 <= n; i += 4) {
    const p = <usize>i << 2;
    let v = v128.load(x + p);
    v = v128.andnot(v, i32x4.eq(v, N));
    v = i32x4.add(v, i8x16.shuffle(Z, v, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27));
    v = i32x4.add(v, i8x16.shuffle(Z, v, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23));
    v = i32x4.add(v, c);
    v128.store(r + p, v);
    c = i32x4.shuffle(v, v, 3, 3, 3, 3);
  }
  let s = i32x4.extract_lane(c, 0);
  for (; i < n; i++) {
    const v = LD<i32>(x, i);
    s += select<i32>(0, v, v == i32.MIN_VALUE);
    ST<i32>(r, i, s);
  }
}


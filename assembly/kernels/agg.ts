// agg kernels: sum prd min max avg var med all any, counts, weighted and paired
// statistics (wsum wavg cov cor). Pure functions over data pointers and counts.
//
// Storage classes (DESIGN.md): G=u8 (boolean byte char) H=i16 I=i32 J=i64 E=f32 F=f64.
// Null rules live here: integer nulls are the minimum of their width, float
// nulls are NaN, G has no null. Aggregations skip nulls (sum/prd treat them as
// the identity, min/max ignore them); the JS side maps "all null" to ±0W.
//
// Float sums add in kdb+'s documented SIMD order (basics/precision.md, "Q SIMD
// sum"): eight lane accumulators over blocks of eight, as
// {x+y}over{x+y}over 0N 8#x, the lanes then added left to right; items past the
// last whole block are added in order after that (so under eight items the sum is
// in order: `sum 7#1%7` is 0.99999999999999978). Real sums add strictly in order.
// Integer sums reassociate freely (wrap-around addition is associative) and run
// 2×v128 accumulators.

import { ISNUL, NUL, WMAX, WMIN, LD, ST, VMAX, VMIN } from "./reduce/tpl";

// sum ---------------------------------------------------------------------------

@inline function SUM<T, R>(x: usize, n: u32, i: u32, s: R): R {
  for (; i < n; i++) { const v = LD<T>(x, i); s += select<R>(<R>0, <R>v, ISNUL<T>(v)); }
  return s;
}

export function sum_G(x: usize, n: u32): i32 {
  let a = i32x4.splat(0);
  let i: u32 = 0;
  for (; i + 16 <= n; i += 16) {
    const v = v128.load(x + <usize>i);
    a = i32x4.add(a, i32x4.extadd_pairwise_i16x8_u(i16x8.extadd_pairwise_i8x16_u(v)));
  }
  let s = i32x4.extract_lane(a, 0) + i32x4.extract_lane(a, 1) + i32x4.extract_lane(a, 2) + i32x4.extract_lane(a, 3);
  for (; i < n; i++) s += <i32>load<u8>(x + <usize>i);
  return s;
}
export function sum_H(x: usize, n: u32): i32 {
  const N = i16x8.splat(-32768);
  let a = i32x4.splat(0);
  let i: u32 = 0;
  for (; i + 8 <= n; i += 8) {
    const v = v128.load(x + (<usize>i << 1));
    a = i32x4.add(a, i32x4.extadd_pairwise_i16x8_s(v128.andnot(v, i16x8.eq(v, N))));
  }
  let s = i32x4.extract_lane(a, 0) + i32x4.extract_lane(a, 1) + i32x4.extract_lane(a, 2) + i32x4.extract_lane(a, 3);
  return SUM<i16, i32>(x, n, i, s);
}
export function sum_I(x: usize, n: u32): i32 {
  const N = i32x4.splat(i32.MIN_VALUE);
  let a = i32x4.splat(0), b = i32x4.splat(0);
  let i: u32 = 0;
  for (; i + 8 <= n; i += 8) {
    const p = x + (<usize>i << 2);
    const v0 = v128.load(p), v1 = v128.load(p, 16);
    a = i32x4.add(a, v128.andnot(v0, i32x4.eq(v0, N)));
    b = i32x4.add(b, v128.andnot(v1, i32x4.eq(v1, N)));
  }
  a = i32x4.add(a, b);
  let s = i32x4.extract_lane(a, 0) + i32x4.extract_lane(a, 1) + i32x4.extract_lane(a, 2) + i32x4.extract_lane(a, 3);
  return SUM<i32, i32>(x, n, i, s);
}
export function sum_J(x: usize, n: u32): i64 {
  const N = i64x2.splat(i64.MIN_VALUE);
  let a = i64x2.splat(0), b = i64x2.splat(0);
  let i: u32 = 0;
  for (; i + 4 <= n; i += 4) {
    const p = x + (<usize>i << 3);
    const v0 = v128.load(p), v1 = v128.load(p, 16);
    a = i64x2.add(a, v128.andnot(v0, i64x2.eq(v0, N)));
    b = i64x2.add(b, v128.andnot(v1, i64x2.eq(v1, N)));
  }
  a = i64x2.add(a, b);
  const s = i64x2.extract_lane(a, 0) + i64x2.extract_lane(a, 1);
  return SUM<i64, i64>(x, n, i, s);
}
export function sum_E(x: usize, n: u32): f32 { return SUM<f32, f32>(x, n, 0, 0); }
/** The two f64 lanes at p with nulls (NaN) as +0. */
@inline function NN2(p: usize): v128 {
  const v = v128.load(p);
  return v128.and(v, f64x2.eq(v, v));
}
export function sum_F(x: usize, n: u32): f64 {
  const blocks = n >> 3;
  let s: f64 = 0;
  if (blocks > 0) {
    // lanes 0..7 as four f64x2, starting from the first block (as `over` does)
    let a = NN2(x), b = NN2(x + 16), c = NN2(x + 32), d = NN2(x + 48);
    for (let k: u32 = 1; k < blocks; k++) {
      const p = x + (<usize>k << 6);
      a = f64x2.add(a, NN2(p));
      b = f64x2.add(b, NN2(p + 16));
      c = f64x2.add(c, NN2(p + 32));
      d = f64x2.add(d, NN2(p + 48));
    }
    s = f64x2.extract_lane(a, 0);
    s += f64x2.extract_lane(a, 1);
    s += f64x2.extract_lane(b, 0);
    s += f64x2.extract_lane(b, 1);
    s += f64x2.extract_lane(c, 0);
    s += f64x2.extract_lane(c, 1);
    s += f64x2.extract_lane(d, 0);
    s += f64x2.extract_lane(d, 1);
  }
  return SUM<f64, f64>(x, n, blocks << 3, s);
}

// prd (nulls are 1) ---------------------------------------------------------------

@inline function PRD<T, R>(x: usize, n: u32): R {
  let s: R = 1;
  let i: u32 = 0;
  if (isInteger<R>()) {
    // wrap-around products are associative: four independent chains
    let a: R = 1, b: R = 1, c: R = 1;
    for (; i + 4 <= n; i += 4) {
      const v0 = LD<T>(x, i), v1 = LD<T>(x, i + 1), v2 = LD<T>(x, i + 2), v3 = LD<T>(x, i + 3);
      s *= select<R>(<R>1, <R>v0, ISNUL<T>(v0));
      a *= select<R>(<R>1, <R>v1, ISNUL<T>(v1));
      b *= select<R>(<R>1, <R>v2, ISNUL<T>(v2));
      c *= select<R>(<R>1, <R>v3, ISNUL<T>(v3));
    }
    s = s * a * b * c;
  }
  for (; i < n; i++) { const v = LD<T>(x, i); s *= select<R>(<R>1, <R>v, ISNUL<T>(v)); }
  return s;
}
export function prd_G(x: usize, n: u32): i32 { return PRD<u8, i32>(x, n); }
export function prd_H(x: usize, n: u32): i32 { return PRD<i16, i32>(x, n); }
export function prd_I(x: usize, n: u32): i32 { return PRD<i32, i32>(x, n); }
export function prd_J(x: usize, n: u32): i64 { return PRD<i64, i64>(x, n); }
export function prd_E(x: usize, n: u32): f32 { return PRD<f32, f32>(x, n); }
export function prd_F(x: usize, n: u32): f64 { return PRD<f64, f64>(x, n); }

// max / min ------------------------------------------------------------------------
// max: integer nulls are the smallest value, so a plain max ignores them; floats
// use pmax (a<b?b:a) with the accumulator first, which keeps it when b is NaN.
// min: integer nulls are first replaced by 0W; floats use pmin the same way.

@inline function MAXS1<T>(x: usize, n: u32, i: u32, m: T): T {
  for (; i < n; i++) { const v = LD<T>(x, i); m = select<T>(v, m, v > m); }
  return m;
}
@inline function MINS1<T>(x: usize, n: u32, i: u32, m: T): T {
  for (; i < n; i++) {
    let v = LD<T>(x, i);
    if (!isFloat<T>()) v = select<T>(WMAX<T>(), v, ISNUL<T>(v));
    m = select<T>(v, m, v < m);
  }
  return m;
}
@inline function LANES<T>(): u32 { return <u32>(16 / sizeof<T>()); }

/** Horizontal max (MAX=true) or min of the lanes, by halving shuffles. */
@inline function HRED<T>(a: v128, MAX: bool): T {
  a = MAX ? VMAX<T>(a, i8x16.shuffle(a, a, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7))
          : VMIN<T>(a, i8x16.shuffle(a, a, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
  if (sizeof<T>() <= 4) a = MAX ? VMAX<T>(a, i8x16.shuffle(a, a, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11))
                               : VMIN<T>(a, i8x16.shuffle(a, a, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11));
  if (sizeof<T>() <= 2) a = MAX ? VMAX<T>(a, i8x16.shuffle(a, a, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13))
                               : VMIN<T>(a, i8x16.shuffle(a, a, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13));
  if (sizeof<T>() == 1) a = MAX ? VMAX<T>(a, i8x16.shuffle(a, a, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14))
                               : VMIN<T>(a, i8x16.shuffle(a, a, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14));
  return v128.extract_lane<T>(a, 0);
}

/** max of x ignoring nulls; null (NaN for floats) when every item is null or n=0. */
@inline function MAX<T>(x: usize, n: u32): T {
  const L: u32 = <u32>(16 / sizeof<T>());
  const init: T = isFloat<T>() ? <T>-Infinity : (sizeof<T>() == 1 ? <T>0 : NUL<T>());
  let a = v128.splat<T>(init), b = a;
  let i: u32 = 0;
  for (; i + 2 * L <= n; i += 2 * L) {
    const p = x + (<usize>i << alignof<T>());
    a = VMAX<T>(a, v128.load(p));
    b = VMAX<T>(b, v128.load(p, 16));
  }
  return MAXS1<T>(x, n, i, HRED<T>(VMAX<T>(a, b), true));
}
@inline function MIN<T>(x: usize, n: u32): T {
  const L: u32 = <u32>(16 / sizeof<T>());
  const init: T = WMAX<T>();
  const W = v128.splat<T>(init);
  const N = v128.splat<T>(NUL<T>());
  let a = W, b = W;
  let i: u32 = 0;
  for (; i + 2 * L <= n; i += 2 * L) {
    const p = x + (<usize>i << alignof<T>());
    let v0 = v128.load(p), v1 = v128.load(p, 16);
    if (isInteger<T>() && sizeof<T>() > 1) {
      v0 = v128.bitselect(W, v0, v128.eq<T>(v0, N));
      v1 = v128.bitselect(W, v1, v128.eq<T>(v1, N));
    }
    a = VMIN<T>(a, v0);
    b = VMIN<T>(b, v1);
  }
  return MINS1<T>(x, n, i, HRED<T>(VMIN<T>(a, b), false));
}
export function max_G(x: usize, n: u32): u8 { return MAX<u8>(x, n); }
export function max_H(x: usize, n: u32): i16 { return MAX<i16>(x, n); }
export function max_I(x: usize, n: u32): i32 { return MAX<i32>(x, n); }
export function max_J(x: usize, n: u32): i64 { return MAX<i64>(x, n); }
export function max_E(x: usize, n: u32): f32 { return MAX<f32>(x, n); }
export function max_F(x: usize, n: u32): f64 { return MAX<f64>(x, n); }
export function min_G(x: usize, n: u32): u8 { return MIN<u8>(x, n); }
export function min_H(x: usize, n: u32): i16 { return MIN<i16>(x, n); }
export function min_I(x: usize, n: u32): i32 { return MIN<i32>(x, n); }
export function min_J(x: usize, n: u32): i64 { return MIN<i64>(x, n); }
export function min_E(x: usize, n: u32): f32 { return MIN<f32>(x, n); }
export function min_F(x: usize, n: u32): f64 { return MIN<f64>(x, n); }

// all / any: is every / some item nonzero (NaN is nonzero, -0.0 is zero) ---------------

@inline function ANY<T>(x: usize, n: u32, ALL: bool): i32 {
  const L: u32 = <u32>(16 / sizeof<T>());
  const Z = v128.splat<T>(<T>0);
  let i: u32 = 0;
  for (; i + 4 * L <= n; i += 4 * L) {
    const p = x + (<usize>i << alignof<T>());
    const e0 = v128.eq<T>(v128.load(p), Z), e1 = v128.eq<T>(v128.load(p, 16), Z);
    const e2 = v128.eq<T>(v128.load(p, 32), Z), e3 = v128.eq<T>(v128.load(p, 48), Z);
    if (ALL) { if (v128.any_true(v128.or(v128.or(e0, e1), v128.or(e2, e3)))) return 0; }
    else if (!i8x16.all_true(v128.and(v128.and(e0, e1), v128.and(e2, e3)))) return 1;
  }
  for (; i < n; i++) {
    const v = LD<T>(x, i);
    if (ALL) { if (v == <T>0) return 0; } else if (v != <T>0) return 1;
  }
  return ALL ? 1 : 0;
}
export function all_G(x: usize, n: u32): i32 { return ANY<u8>(x, n, true); }
export function all_H(x: usize, n: u32): i32 { return ANY<i16>(x, n, true); }
export function all_I(x: usize, n: u32): i32 { return ANY<i32>(x, n, true); }
export function all_J(x: usize, n: u32): i32 { return ANY<i64>(x, n, true); }
export function all_E(x: usize, n: u32): i32 { return ANY<f32>(x, n, true); }
export function all_F(x: usize, n: u32): i32 { return ANY<f64>(x, n, true); }
export function any_G(x: usize, n: u32): i32 { return ANY<u8>(x, n, false); }
export function any_H(x: usize, n: u32): i32 { return ANY<i16>(x, n, false); }
export function any_I(x: usize, n: u32): i32 { return ANY<i32>(x, n, false); }
export function any_J(x: usize, n: u32): i32 { return ANY<i64>(x, n, false); }
export function any_E(x: usize, n: u32): i32 { return ANY<f32>(x, n, false); }
export function any_F(x: usize, n: u32): i32 { return ANY<f64>(x, n, false); }

// counts of non-null items, avg, var ---------------------------------------------

@inline function CNT<T>(x: usize, n: u32): u32 {
  if (sizeof<T>() == 1) return n;
  let c: u32 = 0;
  for (let i: u32 = 0; i < n; i++) c += <u32>!ISNUL<T>(LD<T>(x, i));
  return c;
}
export function cnt_G(x: usize, n: u32): u32 { return n; }
export function cnt_H(x: usize, n: u32): u32 { return CNT<i16>(x, n); }
export function cnt_I(x: usize, n: u32): u32 { return CNT<i32>(x, n); }
export function cnt_J(x: usize, n: u32): u32 { return CNT<i64>(x, n); }
export function cnt_E(x: usize, n: u32): u32 { return CNT<f32>(x, n); }
export function cnt_F(x: usize, n: u32): u32 { return CNT<f64>(x, n); }

/** Mean of the non-null items as f64 (in order); NaN when there are none. */
@inline function AVG<T>(x: usize, n: u32): f64 {
  let s: f64 = 0;
  let c: u32 = 0;
  if (isInteger<T>() && sizeof<T>() == 4) {
    // int: two lanes at a time through f64x2 (order kept: lane 0 then lane 1)
    const N = i32x4.splat(i32.MIN_VALUE);
    let i: u32 = 0;
    for (; i + 4 <= n; i += 4) {
      const v = v128.load(x + (<usize>i << 2));
      const nul = i32x4.eq(v, N);
      const z = v128.andnot(v, nul);
      const lo = f64x2.convert_low_i32x4_s(z);
      const hi = f64x2.convert_low_i32x4_s(i8x16.shuffle(z, z, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7));
      s += f64x2.extract_lane(lo, 0); s += f64x2.extract_lane(lo, 1);
      s += f64x2.extract_lane(hi, 0); s += f64x2.extract_lane(hi, 1);
      c += 4 - <u32>popcnt(i32x4.bitmask(nul));
    }
    for (; i < n; i++) { const v = LD<i32>(x, i); const k = ISNUL<i32>(v); s += select<f64>(0, <f64>v, k); c += <u32>!k; }
    return s / <f64>c;
  }
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    const k = ISNUL<T>(v);
    s += select<f64>(0, <f64>v, k);
    c += <u32>!k;
  }
  return s / <f64>c;
}
export function avg_G(x: usize, n: u32): f64 { return AVG<u8>(x, n); }
export function avg_H(x: usize, n: u32): f64 { return AVG<i16>(x, n); }
export function avg_I(x: usize, n: u32): f64 { return AVG<i32>(x, n); }
/** avg of longs is q's {sum[x]%count x} over the non-nulls: the exact (wrapping)
 *  long sum, then one division. Two lanes at a time; nulls are masked out and
 *  counted. Integer addition reorders freely, so this equals the in-order sum. */
@inline function AVGJ(x: usize, n: u32): f64 {
  const N = i64x2.splat(i64.MIN_VALUE);
  let acc = i64x2.splat(0), nul2 = i64x2.splat(0);
  let i: u32 = 0;
  for (; i + 2 <= n; i += 2) {
    const v = v128.load(x + (<usize>i << 3));
    const m = i64x2.eq(v, N);
    acc = i64x2.add(acc, v128.andnot(v, m));
    nul2 = i64x2.sub(nul2, m); // a null lane is -1: subtracting counts it
  }
  let s: i64 = i64x2.extract_lane(acc, 0) + i64x2.extract_lane(acc, 1);
  let nulls: i64 = i64x2.extract_lane(nul2, 0) + i64x2.extract_lane(nul2, 1);
  for (; i < n; i++) {
    const v = load<i64>(x + (<usize>i << 3));
    if (v == i64.MIN_VALUE) nulls++; else s += v;
  }
  return <f64>s / <f64>(<i64>n - nulls);
}
export function avg_J(x: usize, n: u32): f64 { return AVGJ(x, n); }
export function avg_E(x: usize, n: u32): f64 { return AVG<f32>(x, n); }
export function avg_F(x: usize, n: u32): f64 {
  // in order like sum_F; the NaN mask zeroes nulls and counts them two lanes at a time
  let s: f64 = 0;
  let c = i64x2.splat(0);
  let i: u32 = 0;
  for (; i + 2 <= n; i += 2) {
    const v = v128.load(x + (<usize>i << 3));
    const m = f64x2.eq(v, v);
    const z = v128.and(v, m);
    s += f64x2.extract_lane(z, 0);
    s += f64x2.extract_lane(z, 1);
    c = i64x2.sub(c, m);
  }
  let k = <u32>(i64x2.extract_lane(c, 0) + i64x2.extract_lane(c, 1));
  for (; i < n; i++) { const v = LD<f64>(x, i); const b = v != v; s += select<f64>(0, v, b); k += <u32>!b; }
  return s / <f64>k;
}

/** Population variance of the non-null items, two passes (mean, then squared deviations). */
@inline function VAR<T>(x: usize, n: u32): f64 {
  const m = isInteger<T>() && sizeof<T>() == 8 ? AVGJ(x, n) : AVG<T>(x, n);
  let s: f64 = 0;
  let c: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    const k = ISNUL<T>(v);
    const d = <f64>v - m;
    s += select<f64>(0, d * d, k);
    c += <u32>!k;
  }
  return s / <f64>c;
}
export function var_G(x: usize, n: u32): f64 { return VAR<u8>(x, n); }
export function var_H(x: usize, n: u32): f64 { return VAR<i16>(x, n); }
export function var_I(x: usize, n: u32): f64 { return VAR<i32>(x, n); }
export function var_J(x: usize, n: u32): f64 { return VAR<i64>(x, n); }
export function var_E(x: usize, n: u32): f64 { return VAR<f32>(x, n); }
export function var_F(x: usize, n: u32): f64 { return VAR<f64>(x, n); }

// med: q's {avg x (iasc x)@floor .5*-1 0+count x}: nulls sort first and avg skips them

@inline function SELECT(a: usize, n: u32, k: u32): f64 {
  // quickselect (Hoare partition, median of three) on f64 without NaN
  let lo: u32 = 0, hi: u32 = n - 1;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    let p0 = LD<f64>(a, lo), p1 = LD<f64>(a, mid), p2 = LD<f64>(a, hi);
    let piv = max(min(p0, p1), min(max(p0, p1), p2));
    let i = lo, j = hi;
    while (i <= j) {
      while (LD<f64>(a, i) < piv) i++;
      while (LD<f64>(a, j) > piv) j--;
      if (i <= j) {
        const t = LD<f64>(a, i); ST<f64>(a, i, LD<f64>(a, j)); ST<f64>(a, j, t);
        i++;
        if (j == 0) break;
        j--;
      }
    }
    if (k <= j && j != <u32>-1) hi = j; else if (k >= i) lo = i; else return LD<f64>(a, k);
  }
  return LD<f64>(a, k);
}
@inline function MED<T>(x: usize, n: u32, s: usize): f64 {
  if (n == 0) return NaN;
  let m: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    if (!ISNUL<T>(v)) { ST<f64>(s, m, <f64>v); m++; }
  }
  const k = n - m; // nulls, sorted first
  const i0 = (n - 1) >> 1, i1 = n >> 1;
  const a = i0 < k ? NaN : SELECT(s, m, i0 - k);
  const b = i1 < k ? NaN : (i1 == i0 ? a : SELECT(s, m, i1 - k));
  if (a != a) return b;
  if (b != b) return a;
  return (a + b) / 2;
}
export function med_G(x: usize, n: u32, s: usize): f64 { return MED<u8>(x, n, s); }
export function med_H(x: usize, n: u32, s: usize): f64 { return MED<i16>(x, n, s); }
export function med_I(x: usize, n: u32, s: usize): f64 { return MED<i32>(x, n, s); }
export function med_J(x: usize, n: u32, s: usize): f64 { return MED<i64>(x, n, s); }
export function med_E(x: usize, n: u32, s: usize): f64 { return MED<f32>(x, n, s); }
export function med_F(x: usize, n: u32, s: usize): f64 { return MED<f64>(x, n, s); }

// conversions used by the family (widening, to float with null -> NaN) --------------

@inline function CVT<S, D>(x: usize, r: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<S>(x, i);
    if (isFloat<D>()) ST<D>(r, i, ISNUL<S>(v) ? <D>NaN : <D>v);
    else ST<D>(r, i, ISNUL<S>(v) ? NUL<D>() : <D>v);
  }
}
export function rd_tof_G(x: usize, r: usize, n: u32): void { CVT<u8, f64>(x, r, n); }
export function rd_tof_H(x: usize, r: usize, n: u32): void { CVT<i16, f64>(x, r, n); }
export function rd_tof_I(x: usize, r: usize, n: u32): void { CVT<i32, f64>(x, r, n); }
export function rd_tof_J(x: usize, r: usize, n: u32): void { CVT<i64, f64>(x, r, n); }
export function rd_tof_E(x: usize, r: usize, n: u32): void { CVT<f32, f64>(x, r, n); }
export function rd_toe_F(x: usize, r: usize, n: u32): void { CVT<f64, f32>(x, r, n); }
export function rd_toi_G(x: usize, r: usize, n: u32): void { CVT<u8, i32>(x, r, n); }
export function rd_toi_H(x: usize, r: usize, n: u32): void { CVT<i16, i32>(x, r, n); }
export function rd_toj_G(x: usize, r: usize, n: u32): void { CVT<u8, i64>(x, r, n); }
export function rd_toj_H(x: usize, r: usize, n: u32): void { CVT<i16, i64>(x, r, n); }
export function rd_toj_I(x: usize, r: usize, n: u32): void { CVT<i32, i64>(x, r, n); }

// paired statistics over f64 (sx, sy: 0 for an atom, 1 for a vector) ------------------
// Pairs where either side is null are skipped.

export function wsum_F(x: usize, sx: u32, y: usize, sy: u32, n: u32): f64 {
  let s: f64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const p = LD<f64>(x, i * sx) * LD<f64>(y, i * sy);
    s += select<f64>(0, p, p != p);
  }
  return s;
}
export function wsum_J(x: usize, sx: u32, y: usize, sy: u32, n: u32): i64 {
  let s: i64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const a = LD<i64>(x, i * sx), b = LD<i64>(y, i * sy);
    s += select<i64>(0, a * b, a == i64.MIN_VALUE || b == i64.MIN_VALUE);
  }
  return s;
}
export function wavg_F(x: usize, sx: u32, y: usize, sy: u32, n: u32): f64 {
  let s: f64 = 0, w: f64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const a = LD<f64>(x, i * sx), b = LD<f64>(y, i * sy);
    const k = a != a || b != b;
    s += select<f64>(0, a * b, k);
    w += select<f64>(0, a, k);
  }
  return s / w;
}
/** Covariance (population) of the non-null pairs; out[0]=cov, out[1]=count, out[2]=var x, out[3]=var y. */
export function cov_F(x: usize, sx: u32, y: usize, sy: u32, n: u32, out: usize): void {
  let mx: f64 = 0, my: f64 = 0;
  let c: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const a = LD<f64>(x, i * sx), b = LD<f64>(y, i * sy);
    const k = a != a || b != b;
    mx += select<f64>(0, a, k); my += select<f64>(0, b, k); c += <u32>!k;
  }
  mx /= <f64>c; my /= <f64>c;
  let sxy: f64 = 0, sxx: f64 = 0, syy: f64 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const a = LD<f64>(x, i * sx), b = LD<f64>(y, i * sy);
    const k = a != a || b != b;
    const dx = a - mx, dy = b - my;
    sxy += select<f64>(0, dx * dy, k);
    sxx += select<f64>(0, dx * dx, k);
    syy += select<f64>(0, dy * dy, k);
  }
  store<f64>(out, sxy / <f64>c);
  store<f64>(out, <f64>c, 8);
  store<f64>(out, sxx / <f64>c, 16);
  store<f64>(out, syy / <f64>c, 24);
}

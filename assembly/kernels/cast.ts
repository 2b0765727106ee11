// cast kernels: storage-class conversions and temporal unit changes.
//
//   cast_S_D(x, r, n)     numeric: S, D in G H I J E F (G: unsigned bytes, no null)
//   tob_S(x, r, n)        to boolean: x <> 0 (nulls and NaN are not zero)
//   tmul_SD(x, r, n, k)   temporal, finer unit: x*k     (date -> timestamp …)
//   tdiv_SD(x, r, n, day, k)  coarser unit: floor((x mod day)/k), day 0 = no mod
//   tfx_D(x, r, n, mul, rnd, day, k)  datetime (days, f64) -> integer units
//   txf_S(x, r, n, k)     integer units -> datetime: x/k days
//   d2m / m2d             date <-> month
//
// Nulls map to nulls, and integer infinities to infinities, in every temporal
// conversion. Numeric casts keep the bit-pattern rule of q: a null becomes the
// target's null; other integers are widened or truncated; floats round half
// away from zero, NaN -> null, ±inf -> ±0W of the target, out of range -> null.

import { NUL, INF } from "./arith";

/** v128 prologue for the hot widenings/narrowings; returns the items done. */
@inline function CASTV<S, D>(x: usize, r: usize, N: usize): usize {
  let i: usize = 0;
  if (!ASC_FEATURE_SIMD) return 0;
  if (isInteger<S>() && sizeof<S>() == 4 && isInteger<D>() && sizeof<D>() == 8) {          // I -> J
    const ns = i32x4.splat(0x80000000), nd = i64x2.splat(0x8000000000000000);
    for (; i + 4 <= N; i += 4) {
      const v = v128.load(x + (i << 2)), m = i32x4.eq(v, ns);
      v128.store(r + (i << 3), v128.bitselect(nd, i64x2.extend_low_i32x4_s(v), i64x2.extend_low_i32x4_s(m)));
      v128.store(r + (i << 3), v128.bitselect(nd, i64x2.extend_high_i32x4_s(v), i64x2.extend_high_i32x4_s(m)), 16);
    }
  } else if (isInteger<S>() && sizeof<S>() == 4 && isFloat<D>() && sizeof<D>() == 8) {      // I -> F
    const ns = i32x4.splat(0x80000000), nd = f64x2.splat(NaN);
    for (; i + 4 <= N; i += 4) {
      const v = v128.load(x + (i << 2)), m = i32x4.eq(v, ns);
      const vh = i32x4.shuffle(v, v, 2, 3, 0, 1);
      v128.store(r + (i << 3), v128.bitselect(nd, f64x2.convert_low_i32x4_s(v), i64x2.extend_low_i32x4_s(m)));
      v128.store(r + (i << 3), v128.bitselect(nd, f64x2.convert_low_i32x4_s(vh), i64x2.extend_high_i32x4_s(m)), 16);
    }
  } else if (isInteger<S>() && sizeof<S>() == 2 && isInteger<D>() && sizeof<D>() == 4) {    // H -> I
    const ns = i16x8.splat(<i16>0x8000), nd = i32x4.splat(0x80000000);
    for (; i + 8 <= N; i += 8) {
      const v = v128.load(x + (i << 1)), m = i16x8.eq(v, ns);
      v128.store(r + (i << 2), v128.bitselect(nd, i32x4.extend_low_i16x8_s(v), i32x4.extend_low_i16x8_s(m)));
      v128.store(r + (i << 2), v128.bitselect(nd, i32x4.extend_high_i16x8_s(v), i32x4.extend_high_i16x8_s(m)), 16);
    }
  } else if (sizeof<S>() == 1 && isInteger<D>() && sizeof<D>() == 4) {                      // G -> I
    for (; i + 16 <= N; i += 16) {
      const v = v128.load(x + i);
      const lo = i16x8.extend_low_i8x16_u(v), hi = i16x8.extend_high_i8x16_u(v);
      v128.store(r + (i << 2), i32x4.extend_low_i16x8_u(lo));
      v128.store(r + (i << 2), i32x4.extend_high_i16x8_u(lo), 16);
      v128.store(r + (i << 2), i32x4.extend_low_i16x8_u(hi), 32);
      v128.store(r + (i << 2), i32x4.extend_high_i16x8_u(hi), 48);
    }
  } else if (isFloat<S>() && sizeof<S>() == 4 && isFloat<D>() && sizeof<D>() == 8) {        // E -> F
    for (; i + 4 <= N; i += 4) {
      const v = v128.load(x + (i << 2));
      v128.store(r + (i << 3), f64x2.promote_low_f32x4(v));
      v128.store(r + (i << 3), f64x2.promote_low_f32x4(i32x4.shuffle(v, v, 2, 3, 0, 1)), 16);
    }
  } else if (isFloat<S>() && sizeof<S>() == 8 && isFloat<D>() && sizeof<D>() == 4) {        // F -> E
    for (; i + 4 <= N; i += 4) {
      const a = f32x4.demote_f64x2_zero(v128.load(x + (i << 3)));
      const b = f32x4.demote_f64x2_zero(v128.load(x + (i << 3), 16));
      v128.store(r + (i << 2), i64x2.shuffle(a, b, 0, 2));
    }
  } else if (isInteger<S>() && sizeof<S>() == 8 && isFloat<D>() && sizeof<D>() == 8) {      // J -> F
    // |x| < 2^51: the bits of x + 1.5*2^52 as a double, minus 1.5*2^52, is x exactly.
    // A pair with any other lane (nulls, large values) takes the scalar path.
    const magic = i64x2.splat(0x4338000000000000), fm = f64x2.splat(6755399441055744.0);
    const zero = i64x2.splat(0), one = i64x2.splat(-1);
    for (; i + 2 <= N; i += 2) {
      const v = v128.load(x + (i << 3));
      const h = i64x2.shr_s(v, 51);
      if (i64x2.all_true(v128.or(v128.eq<i64>(h, zero), v128.eq<i64>(h, one)))) {
        v128.store(r + (i << 3), f64x2.sub(i64x2.add(v, magic), fm));
      } else {
        const a0 = load<i64>(x + (i << 3)), a1 = load<i64>(x + (i << 3), 8);
        store<f64>(r + (i << 3), a0 == NUL<i64>() ? NaN : <f64>a0);
        store<f64>(r + (i << 3), a1 == NUL<i64>() ? NaN : <f64>a1, 8);
      }
    }
  } else if (isInteger<S>() && sizeof<S>() == 8 && isInteger<D>() && sizeof<D>() == 4) {    // J -> I
    const ns = i64x2.splat(0x8000000000000000), nd = i32x4.splat(0x80000000);
    for (; i + 4 <= N; i += 4) {
      const a = v128.load(x + (i << 3)), b = v128.load(x + (i << 3), 16);
      const m = i32x4.shuffle(i64x2.eq(a, ns), i64x2.eq(b, ns), 0, 2, 4, 6);
      v128.store(r + (i << 2), v128.bitselect(nd, i32x4.shuffle(a, b, 0, 2, 4, 6), m));
    }
  }
  return i;
}

@inline function CAST<S, D>(x: usize, r: usize, n: u32): void {
  const WS = sizeof<S>(), WD = sizeof<D>();
  for (let i: usize = CASTV<S, D>(x, r, <usize>n); i < <usize>n; i++) {
    const a = load<S>(x + i * WS);
    let v: D;
    if (isFloat<S>()) {
      if (isFloat<D>()) v = <D>a;
      else if (WD == 1) v = a != a ? <D>0 : <D><i64>(a < 0 ? -Math.floor(-<f64>a + 0.5) : Math.floor(<f64>a + 0.5));
      else {
        const f = <f64>a;
        const m = <f64>INF<D>();
        if (f != f) v = NUL<D>();
        else if (f == Infinity) v = INF<D>();
        else if (f == -Infinity) v = <D>(-INF<D>());
        else {
          const g = f < 0 ? -Math.floor(-f + 0.5) : Math.floor(f + 0.5);
          v = g > m || g < -m ? NUL<D>() : <D><i64>g;
        }
      }
    } else if (WS == 1) {
      v = <D>a; // bytes, booleans, chars: no null
    } else if (isFloat<D>()) {
      v = a == NUL<S>() ? NUL<D>() : <D>a;
    } else if (WD == 1) {
      v = <D>a;
    } else {
      v = a == NUL<S>() ? NUL<D>() : <D>a;
    }
    store<D>(r + i * WD, v);
  }
}

@inline function TOB<S>(x: usize, r: usize, n: u32): void {
  for (let i: usize = 0; i < <usize>n; i++) store<u8>(r + i, <u8>(load<S>(x + i * sizeof<S>()) != 0));
}

@inline function FDIV(a: i64, b: i64): i64 { const q = a / b; return (a % b != 0 && ((a ^ b) < 0)) ? q - 1 : q; }
@inline function FMOD(a: i64, b: i64): i64 { const m = a % b; return (m != 0 && ((m ^ b) < 0)) ? m + b : m; }

@inline function TMUL<S, D>(x: usize, r: usize, n: u32, k: i64): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = load<S>(x + i * sizeof<S>());
    let v: D;
    if (a == NUL<S>()) v = NUL<D>();
    else if (a == INF<S>()) v = INF<D>();
    else if (a == -INF<S>()) v = <D>(-INF<D>());
    else {
      // out of the target's range saturates to its infinity (`timestamp$1666.09.02 is -0Wp)
      const b = <i64>a, lim = <i64>INF<D>() / k;
      v = b > lim ? INF<D>() : b < -lim ? <D>(-INF<D>()) : <D>(b * k);
    }
    store<D>(r + i * sizeof<D>(), v);
  }
}
@inline function TDIV<S, D>(x: usize, r: usize, n: u32, day: i64, k: i64): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = load<S>(x + i * sizeof<S>());
    let v: D;
    if (a == NUL<S>()) v = NUL<D>();
    else if (a == INF<S>()) v = INF<D>();
    else if (a == -INF<S>()) v = <D>(-INF<D>());
    else { let b = <i64>a; if (day) b = FMOD(b, day); v = <D>FDIV(b, k); }
    store<D>(r + i * sizeof<D>(), v);
  }
}
@inline function TFX<D>(x: usize, r: usize, n: u32, mul: f64, rnd: i32, day: i64, k: i64): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = load<f64>(x + (i << 3));
    let v: D;
    if (a != a) v = NUL<D>();
    else if (a == Infinity) v = INF<D>();
    else if (a == -Infinity) v = <D>(-INF<D>());
    else {
      const f = rnd ? Math.round(a * mul) : Math.floor(a * mul);
      if (f >= 9.2e18 || f <= -9.2e18) v = NUL<D>();
      else { let b = <i64>f; if (day) b = FMOD(b, day); v = <D>FDIV(b, k); }
    }
    store<D>(r + i * sizeof<D>(), v);
  }
}
@inline function TXF<S>(x: usize, r: usize, n: u32, k: f64): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = load<S>(x + i * sizeof<S>());
    let v: f64;
    if (a == NUL<S>()) v = NaN;
    else if (a == INF<S>()) v = Infinity;
    else if (a == -INF<S>()) v = -Infinity;
    else v = <f64>a / k;
    store<f64>(r + (i << 3), v);
  }
}

// days since 2000.01.01 <-> months since 2000.01 (proleptic Gregorian, H. Hinnant's civil algorithms)
const SHIFT: i64 = 730425; // days from 0000.03.01 to 2000.01.01
export function d2m(x: usize, r: usize, n: u32): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = load<i32>(x + (i << 2));
    let v: i32;
    if (a == NUL<i32>() || a == INF<i32>() || a == -INF<i32>()) v = a;
    else {
      const z = <i64>a + SHIFT;
      const era = FDIV(z, 146097);
      const doe = z - era * 146097;
      const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
      let y = yoe + era * 400;
      const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
      const mp = (5 * doy + 2) / 153;
      const m = mp < 10 ? mp + 3 : mp - 9;
      if (m <= 2) y++;
      v = <i32>((y - 2000) * 12 + m - 1);
    }
    store<i32>(r + (i << 2), v);
  }
}
export function m2d(x: usize, r: usize, n: u32): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = load<i32>(x + (i << 2));
    let v: i32;
    if (a == NUL<i32>() || a == INF<i32>() || a == -INF<i32>()) v = a;
    else {
      let y = 2000 + FDIV(<i64>a, 12);
      const m = FMOD(<i64>a, 12) + 1;
      if (m <= 2) y--;
      const era = FDIV(y, 400);
      const yoe = y - era * 400;
      const doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5;
      const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
      v = <i32>(era * 146097 + doe - SHIFT);
    }
    store<i32>(r + (i << 2), v);
  }
}

export function cast_G_H(x: usize, r: usize, n: u32): void { CAST<u8, i16>(x, r, n); }
export function cast_G_I(x: usize, r: usize, n: u32): void { CAST<u8, i32>(x, r, n); }
export function cast_G_J(x: usize, r: usize, n: u32): void { CAST<u8, i64>(x, r, n); }
export function cast_G_E(x: usize, r: usize, n: u32): void { CAST<u8, f32>(x, r, n); }
export function cast_G_F(x: usize, r: usize, n: u32): void { CAST<u8, f64>(x, r, n); }
export function cast_H_G(x: usize, r: usize, n: u32): void { CAST<i16, u8>(x, r, n); }
export function cast_H_I(x: usize, r: usize, n: u32): void { CAST<i16, i32>(x, r, n); }
export function cast_H_J(x: usize, r: usize, n: u32): void { CAST<i16, i64>(x, r, n); }
export function cast_H_E(x: usize, r: usize, n: u32): void { CAST<i16, f32>(x, r, n); }
export function cast_H_F(x: usize, r: usize, n: u32): void { CAST<i16, f64>(x, r, n); }
export function cast_I_G(x: usize, r: usize, n: u32): void { CAST<i32, u8>(x, r, n); }
export function cast_I_H(x: usize, r: usize, n: u32): void { CAST<i32, i16>(x, r, n); }
export function cast_I_J(x: usize, r: usize, n: u32): void { CAST<i32, i64>(x, r, n); }
export function cast_I_E(x: usize, r: usize, n: u32): void { CAST<i32, f32>(x, r, n); }
export function cast_I_F(x: usize, r: usize, n: u32): void { CAST<i32, f64>(x, r, n); }
export function cast_J_G(x: usize, r: usize, n: u32): void { CAST<i64, u8>(x, r, n); }
export function cast_J_H(x: usize, r: usize, n: u32): void { CAST<i64, i16>(x, r, n); }
export function cast_J_I(x: usize, r: usize, n: u32): void { CAST<i64, i32>(x, r, n); }
export function cast_J_E(x: usize, r: usize, n: u32): void { CAST<i64, f32>(x, r, n); }
export function cast_J_F(x: usize, r: usize, n: u32): void { CAST<i64, f64>(x, r, n); }
export function cast_E_G(x: usize, r: usize, n: u32): void { CAST<f32, u8>(x, r, n); }
export function cast_E_H(x: usize, r: usize, n: u32): void { CAST<f32, i16>(x, r, n); }
export function cast_E_I(x: usize, r: usize, n: u32): void { CAST<f32, i32>(x, r, n); }
export function cast_E_J(x: usize, r: usize, n: u32): void { CAST<f32, i64>(x, r, n); }
export function cast_E_F(x: usize, r: usize, n: u32): void { CAST<f32, f64>(x, r, n); }
export function cast_F_G(x: usize, r: usize, n: u32): void { CAST<f64, u8>(x, r, n); }
export function cast_F_H(x: usize, r: usize, n: u32): void { CAST<f64, i16>(x, r, n); }
export function cast_F_I(x: usize, r: usize, n: u32): void { CAST<f64, i32>(x, r, n); }
export function cast_F_J(x: usize, r: usize, n: u32): void { CAST<f64, i64>(x, r, n); }
export function cast_F_E(x: usize, r: usize, n: u32): void { CAST<f64, f32>(x, r, n); }
export function tob_G(x: usize, r: usize, n: u32): void { TOB<u8>(x, r, n); }
export function tob_H(x: usize, r: usize, n: u32): void { TOB<i16>(x, r, n); }
export function tob_I(x: usize, r: usize, n: u32): void { TOB<i32>(x, r, n); }
export function tob_J(x: usize, r: usize, n: u32): void { TOB<i64>(x, r, n); }
export function tob_E(x: usize, r: usize, n: u32): void { TOB<f32>(x, r, n); }
export function tob_F(x: usize, r: usize, n: u32): void { TOB<f64>(x, r, n); }
export function tmul_II(x: usize, r: usize, n: u32, k: i64): void { TMUL<i32, i32>(x, r, n, k); }
export function tmul_IJ(x: usize, r: usize, n: u32, k: i64): void { TMUL<i32, i64>(x, r, n, k); }
export function tmul_JJ(x: usize, r: usize, n: u32, k: i64): void { TMUL<i64, i64>(x, r, n, k); }
export function tmul_JI(x: usize, r: usize, n: u32, k: i64): void { TMUL<i64, i32>(x, r, n, k); }
export function tdiv_II(x: usize, r: usize, n: u32, day: i64, k: i64): void { TDIV<i32, i32>(x, r, n, day, k); }
export function tdiv_IJ(x: usize, r: usize, n: u32, day: i64, k: i64): void { TDIV<i32, i64>(x, r, n, day, k); }
export function tdiv_JJ(x: usize, r: usize, n: u32, day: i64, k: i64): void { TDIV<i64, i64>(x, r, n, day, k); }
export function tdiv_JI(x: usize, r: usize, n: u32, day: i64, k: i64): void { TDIV<i64, i32>(x, r, n, day, k); }
export function tfx_I(x: usize, r: usize, n: u32, mul: f64, rnd: i32, day: i64, k: i64): void { TFX<i32>(x, r, n, mul, rnd, day, k); }
export function tfx_J(x: usize, r: usize, n: u32, mul: f64, rnd: i32, day: i64, k: i64): void { TFX<i64>(x, r, n, mul, rnd, day, k); }
export function txf_I(x: usize, r: usize, n: u32, k: f64): void { TXF<i32>(x, r, n, k); }
export function txf_J(x: usize, r: usize, n: u32, k: f64): void { TXF<i64>(x, r, n, k); }

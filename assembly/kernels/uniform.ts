// uniform kernels: deltas ratios differ fills reverse xbar. (x, r, n) style.

import { ISNUL, NUL, LD, ST } from "./reduce/tpl";

// deltas: r[0]=x[0], r[i]=x[i]-x[i-1]; a null on either side gives null (q's
// integer arithmetic checks nulls), floats follow IEEE.
@inline function DELTAS<S, R>(x: usize, r: usize, n: u32): void {
  if (n == 0) return;
  let p = LD<S>(x, 0);
  ST<R>(r, 0, ISNUL<S>(p) ? NUL<R>() : <R>p);
  for (let i: u32 = 1; i < n; i++) {
    const v = LD<S>(x, i);
    if (isFloat<R>()) ST<R>(r, i, <R>v - <R>p);
    else ST<R>(r, i, select<R>(NUL<R>(), <R>v - <R>p, ISNUL<S>(v) || ISNUL<S>(p)));
    p = v;
  }
}
/** deltas for long and int vectors: two/four lanes at a time with unaligned loads of x[i-1]. */
function deltasJ(x: usize, r: usize, n: u32): void {
  if (n == 0) return;
  store<i64>(r, load<i64>(x));
  const N = i64x2.splat(i64.MIN_VALUE);
  let i: u32 = 1;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    const a = v128.load(x + o), b = v128.load(x + o - 8);
    const k = v128.or(i64x2.eq(a, N), i64x2.eq(b, N));
    v128.store(r + o, v128.bitselect(N, i64x2.sub(a, b), k));
  }
  for (; i < n; i++) {
    const a = LD<i64>(x, i), b = LD<i64>(x, i - 1);
    ST<i64>(r, i, select<i64>(i64.MIN_VALUE, a - b, a == i64.MIN_VALUE || b == i64.MIN_VALUE));
  }
}
function deltasI(x: usize, r: usize, n: u32): void {
  if (n == 0) return;
  store<i32>(r, load<i32>(x));
  const N = i32x4.splat(i32.MIN_VALUE);
  let i: u32 = 1;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const a = v128.load(x + o), b = v128.load(x + o - 4);
    const k = v128.or(i32x4.eq(a, N), i32x4.eq(b, N));
    v128.store(r + o, v128.bitselect(N, i32x4.sub(a, b), k));
  }
  for (; i < n; i++) {
    const a = LD<i32>(x, i), b = LD<i32>(x, i - 1);
    ST<i32>(r, i, select<i32>(i32.MIN_VALUE, a - b, a == i32.MIN_VALUE || b == i32.MIN_VALUE));
  }
}
function deltasF(x: usize, r: usize, n: u32): void {
  if (n == 0) return;
  store<f64>(r, load<f64>(x));
  let i: u32 = 1;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    v128.store(r + o, f64x2.sub(v128.load(x + o), v128.load(x + o - 8)));
  }
  for (; i < n; i++) ST<f64>(r, i, LD<f64>(x, i) - LD<f64>(x, i - 1));
}
export function deltas_G(x: usize, r: usize, n: u32): void { DELTAS<u8, i32>(x, r, n); }
export function deltas_H(x: usize, r: usize, n: u32): void { DELTAS<i16, i32>(x, r, n); }
export function deltas_I(x: usize, r: usize, n: u32): void { deltasI(x, r, n); }
export function deltas_J(x: usize, r: usize, n: u32): void { deltasJ(x, r, n); }
export function deltas_E(x: usize, r: usize, n: u32): void { DELTAS<f32, f32>(x, r, n); }
export function deltas_F(x: usize, r: usize, n: u32): void { deltasF(x, r, n); }

// ratios: r[0]=x[0], r[i]=x[i]%x[i-1] in float (nulls are NaN)
@inline function RATIOS<S, R>(x: usize, r: usize, n: u32): void {
  if (n == 0) return;
  let p: R = ISNUL<S>(LD<S>(x, 0)) ? <R>NaN : <R>LD<S>(x, 0);
  ST<R>(r, 0, p);
  for (let i: u32 = 1; i < n; i++) {
    const s = LD<S>(x, i);
    const v: R = ISNUL<S>(s) ? <R>NaN : <R>s;
    ST<R>(r, i, v / p);
    p = v;
  }
}
export function ratios_G(x: usize, r: usize, n: u32): void { RATIOS<u8, f64>(x, r, n); }
export function ratios_H(x: usize, r: usize, n: u32): void { RATIOS<i16, f64>(x, r, n); }
export function ratios_I(x: usize, r: usize, n: u32): void { RATIOS<i32, f64>(x, r, n); }
export function ratios_J(x: usize, r: usize, n: u32): void { RATIOS<i64, f64>(x, r, n); }
export function ratios_E(x: usize, r: usize, n: u32): void { RATIOS<f32, f32>(x, r, n); }
export function ratios_F(x: usize, r: usize, n: u32): void {
  if (n == 0) return;
  store<f64>(r, load<f64>(x));
  let i: u32 = 1;
  for (; i + 2 <= n; i += 2) {
    const o = <usize>i << 3;
    v128.store(r + o, f64x2.div(v128.load(x + o), v128.load(x + o - 8)));
  }
  for (; i < n; i++) ST<f64>(r, i, LD<f64>(x, i) / LD<f64>(x, i - 1));
}

// differ: r[0]=1b, r[i]=not x[i]~x[i-1]; floats match when equal or both null
@inline function DIFFER<T>(x: usize, r: usize, n: u32): void {
  if (n == 0) return;
  store<u8>(r, 1);
  for (let i: u32 = 1; i < n; i++) {
    const a = LD<T>(x, i), b = LD<T>(x, i - 1);
    let same = a == b;
    if (isFloat<T>()) same = same || (a != a && b != b);
    store<u8>(r + <usize>i, <u8>!same);
  }
}
export function differ_G(x: usize, r: usize, n: u32): void { DIFFER<u8>(x, r, n); }
export function differ_H(x: usize, r: usize, n: u32): void { DIFFER<i16>(x, r, n); }
export function differ_I(x: usize, r: usize, n: u32): void { DIFFER<i32>(x, r, n); }
export function differ_J(x: usize, r: usize, n: u32): void { DIFFER<i64>(x, r, n); }
export function differ_E(x: usize, r: usize, n: u32): void { DIFFER<f32>(x, r, n); }
export function differ_F(x: usize, r: usize, n: u32): void { DIFFER<f64>(x, r, n); }
export function differ_U(x: usize, r: usize, n: u32): void {
  if (n == 0) return;
  store<u8>(r, 1);
  for (let i: u32 = 1; i < n; i++) {
    const o = <usize>i << 4;
    store<u8>(r + <usize>i, <u8>!i8x16.all_true(i8x16.eq(v128.load(x + o), v128.load(x + o - 16))));
  }
}

// fills: nulls take the last non-null value (leading nulls stay null).
// nul is the null's bit pattern for the integer storages (symbols: 0, chars: 32).
@inline function FILLS<T>(x: usize, r: usize, n: u32, nul: T): void {
  let last: T = nul;
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(x, i);
    const k = isFloat<T>() ? v != v : v == nul;
    last = select<T>(last, v, k);
    ST<T>(r, i, last);
  }
}
export function fills_C(x: usize, r: usize, n: u32): void { FILLS<u8>(x, r, n, 32); }
export function fills_H(x: usize, r: usize, n: u32): void { FILLS<i16>(x, r, n, -32768); }
export function fills_I(x: usize, r: usize, n: u32): void { FILLS<i32>(x, r, n, i32.MIN_VALUE); }
export function fills_S(x: usize, r: usize, n: u32): void { FILLS<i32>(x, r, n, 0); }
export function fills_J(x: usize, r: usize, n: u32): void { FILLS<i64>(x, r, n, i64.MIN_VALUE); }
export function fills_E(x: usize, r: usize, n: u32): void { FILLS<f32>(x, r, n, NaN); }
export function fills_F(x: usize, r: usize, n: u32): void { FILLS<f64>(x, r, n, NaN); }
export function fills_U(x: usize, r: usize, n: u32): void {
  let last = i64x2.splat(0);
  const Z = i64x2.splat(0);
  for (let i: u32 = 0; i < n; i++) {
    const o = <usize>i << 4;
    const v = v128.load(x + o);
    if (!i8x16.all_true(i8x16.eq(v, Z))) last = v;
    v128.store(r + o, last);
  }
}

// reverse by item width
@inline function REVERSE<T>(x: usize, r: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) ST<T>(r, n - 1 - i, LD<T>(x, i));
}
export function reverse_1(x: usize, r: usize, n: u32): void {
  let i: u32 = 0;
  for (; i + 16 <= n; i += 16) {
    const v = v128.load(x + <usize>i);
    v128.store(r + <usize>(n - 16 - i), i8x16.shuffle(v, v, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
  }
  for (; i < n; i++) store<u8>(r + <usize>(n - 1 - i), load<u8>(x + <usize>i));
}
export function reverse_2(x: usize, r: usize, n: u32): void { REVERSE<u16>(x, r, n); }
export function reverse_4(x: usize, r: usize, n: u32): void { REVERSE<u32>(x, r, n); }
export function reverse_8(x: usize, r: usize, n: u32): void { REVERSE<u64>(x, r, n); }
export function reverse_16(x: usize, r: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) v128.store(r + (<usize>(n - 1 - i) << 4), v128.load(x + (<usize>i << 4)));
}

// xbar: y rounded down to a multiple of x; null y (or x=0) gives null
@inline function XBAR<T>(x: T, y: usize, r: usize, n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<T>(y, i);
    if (isFloat<T>()) ST<T>(r, i, x * Math.floor(v / x));
    else {
      let m = x == 0 ? 0 : v % x;
      m = select<T>(m + x, m, m != 0 && ((m ^ x) < 0));
      ST<T>(r, i, select<T>(NUL<T>(), v - m, ISNUL<T>(v) || x == 0));
    }
  }
}
export function xbar_I(x: i32, y: usize, r: usize, n: u32): void { XBAR<i32>(x, y, r, n); }
export function xbar_J(x: i64, y: usize, r: usize, n: u32): void {
  // i64 division (and V8's f64->i64 conversion) are slow: for |y| < 2^51 and
  // 0 < x < 2^51, floor(y * (1/x)) in f64 is off by at most one; it becomes an
  // integer through the 1.5*2^52 bit trick, and the exact remainder check corrects it.
  const B: i64 = <i64>1 << 51;
  if (x <= 0 || x >= B) { XBAR<i64>(x, y, r, n); return; }
  const rx = 1.0 / <f64>x;
  const M: f64 = 6755399441055744.0;
  const MB = reinterpret<i64>(M);
  for (let i: u32 = 0; i < n; i++) {
    const v = LD<i64>(y, i);
    let b: i64;
    if (v > -B && v < B) {
      b = (reinterpret<i64>(Math.floor(<f64>v * rx) + M) - MB) * x;
      b -= x & ((v - b) >> 63);       // remainder negative: one bar down
      b += x & ~((v - b - x) >> 63);  // remainder >= x: one bar up
    } else if (v == i64.MIN_VALUE) b = v;
    else {
      let m = v % x;
      m = select<i64>(m + x, m, m < 0);
      b = v - m;
    }
    ST<i64>(r, i, b);
  }
}
export function xbar_F(x: f64, y: usize, r: usize, n: u32): void { XBAR<f64>(x, y, r, n); }

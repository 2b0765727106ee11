// cmp kernels: x = <> < > <= >= y into booleans (u8), atom⊕vector by stride 0.
//
//   eq_C(x, sx, y, sy, r, n)    C in G (unsigned bytes) H I J F; reals are promoted to F.
//
// Integer nulls are the minimum of their width, so they equal each other and sort
// below everything without a special case. Floats: NaN equals NaN and is below
// every number; comparisons are tolerant (2^-43 of the larger magnitude).
// Symbols: ids compare for = and <>, text (symCmp) for the orderings.

import { symCmp } from "../sym";

const EQ = 0, NE = 1, LT = 2, GT = 3, LE = 4, GE = 5;
const TOL: f64 = 1.1368683772161603e-13; // 2^-43

const OMT: f64 = 1.0 - TOL;   // exact in binary64

// x<y tolerantly: y exceeds x by more than 2^-43 of the larger magnitude. With
// y>0 that is x < y*(1-t); with y<=0 it is x*(1-t) < y (signs differ: plain <).
// NaN (null) is below every number. Equality is "neither is less", so the six
// comparisons agree with each other; vector and scalar code use one formula.
@inline function FLT(a: f64, b: f64): bool {
  return (b > 0 ? a < b * OMT : a * OMT < b) || (a != a && b == b);
}
@inline function FEQ(a: f64, b: f64): bool { return !FLT(a, b) && !FLT(b, a); }

@inline function SCMP<T>(op: i32, a: T, b: T): bool {
  if (isFloat<T>()) {
    const x = <f64>a, y = <f64>b;
    if (op == EQ) return FEQ(x, y);
    if (op == NE) return !FEQ(x, y);
    if (op == LT) return FLT(x, y);
    if (op == GT) return FLT(y, x);
    if (op == LE) return !FLT(y, x);
    return !FLT(x, y);
  }
  if (op == EQ) return a == b;
  if (op == NE) return a != b;
  if (op == LT) return a < b;
  if (op == GT) return a > b;
  if (op == LE) return a <= b;
  return a >= b;
}

// lane masks (all ones where true)
@inline function VFLT(a: v128, b: v128): v128 {
  const om = f64x2.splat(OMT);
  const lt = v128.bitselect(f64x2.lt(a, f64x2.mul(b, om)), f64x2.lt(f64x2.mul(a, om), b), f64x2.gt(b, f64x2.splat(0)));
  return v128.or(lt, v128.and(f64x2.ne(a, a), f64x2.eq(b, b)));
}
@inline function VFEQ(a: v128, b: v128): v128 { return v128.not(v128.or(VFLT(a, b), VFLT(b, a))); }
@inline function VCMP<T>(op: i32, a: v128, b: v128): v128 {
  if (isFloat<T>()) {
    if (op == EQ) return VFEQ(a, b);
    if (op == NE) return v128.not(VFEQ(a, b));
    if (op == LT) return VFLT(a, b);
    if (op == GT) return VFLT(b, a);
    if (op == LE) return v128.not(VFLT(b, a));
    return v128.not(VFLT(a, b));
  }
  if (op == EQ) return v128.eq<T>(a, b);
  if (op == NE) return v128.ne<T>(a, b);
  if (op == LT) return v128.lt<T>(a, b);
  if (op == GT) return v128.gt<T>(a, b);
  if (op == LE) return v128.le<T>(a, b);
  return v128.ge<T>(a, b);
}

/** Sixteen results as one byte vector of 0/1. */
@inline function BLOCK<T>(op: i32, x: usize, y: usize, VX: bool, VY: bool, vx: v128, vy: v128): v128 {
  const W = sizeof<T>();
  let m: v128;
  if (W == 1) {
    m = VCMP<T>(op, VX ? v128.load(x) : vx, VY ? v128.load(y) : vy);
  } else if (W == 2) {
    const m0 = VCMP<T>(op, VX ? v128.load(x) : vx, VY ? v128.load(y) : vy);
    const m1 = VCMP<T>(op, VX ? v128.load(x, 16) : vx, VY ? v128.load(y, 16) : vy);
    m = i8x16.narrow_i16x8_s(m0, m1);
  } else if (W == 4) {
    const m0 = VCMP<T>(op, VX ? v128.load(x) : vx, VY ? v128.load(y) : vy);
    const m1 = VCMP<T>(op, VX ? v128.load(x, 16) : vx, VY ? v128.load(y, 16) : vy);
    const m2 = VCMP<T>(op, VX ? v128.load(x, 32) : vx, VY ? v128.load(y, 32) : vy);
    const m3 = VCMP<T>(op, VX ? v128.load(x, 48) : vx, VY ? v128.load(y, 48) : vy);
    m = i8x16.narrow_i16x8_s(i16x8.narrow_i32x4_s(m0, m1), i16x8.narrow_i32x4_s(m2, m3));
  } else {
    const m0 = VCMP<T>(op, VX ? v128.load(x) : vx, VY ? v128.load(y) : vy);
    const m1 = VCMP<T>(op, VX ? v128.load(x, 16) : vx, VY ? v128.load(y, 16) : vy);
    const m2 = VCMP<T>(op, VX ? v128.load(x, 32) : vx, VY ? v128.load(y, 32) : vy);
    const m3 = VCMP<T>(op, VX ? v128.load(x, 48) : vx, VY ? v128.load(y, 48) : vy);
    const m4 = VCMP<T>(op, VX ? v128.load(x, 64) : vx, VY ? v128.load(y, 64) : vy);
    const m5 = VCMP<T>(op, VX ? v128.load(x, 80) : vx, VY ? v128.load(y, 80) : vy);
    const m6 = VCMP<T>(op, VX ? v128.load(x, 96) : vx, VY ? v128.load(y, 96) : vy);
    const m7 = VCMP<T>(op, VX ? v128.load(x, 112) : vx, VY ? v128.load(y, 112) : vy);
    const a = i16x8.narrow_i32x4_s(i32x4.shuffle(m0, m1, 0, 2, 4, 6), i32x4.shuffle(m2, m3, 0, 2, 4, 6));
    const b = i16x8.narrow_i32x4_s(i32x4.shuffle(m4, m5, 0, 2, 4, 6), i32x4.shuffle(m6, m7, 0, 2, 4, 6));
    m = i8x16.narrow_i16x8_s(a, b);
  }
  return v128.and(m, i8x16.splat(1));
}

@inline function CLOOP<T>(op: i32, x: usize, y: usize, r: usize, n: u32, VX: bool, VY: bool): void {
  const W = sizeof<T>();
  const N = <usize>n;
  const ax = load<T>(x), ay = load<T>(y);
  let i: usize = 0;
  if (ASC_FEATURE_SIMD) {
    const vx = v128.splat<T>(ax), vy = v128.splat<T>(ay);
    for (; i + 16 <= N; i += 16) {
      v128.store(r + i, BLOCK<T>(op, x + i * W, y + i * W, VX, VY, vx, vy));
    }
  }
  for (; i < N; i++) {
    store<u8>(r + i, <u8>SCMP<T>(op, VX ? load<T>(x + i * W) : ax, VY ? load<T>(y + i * W) : ay));
  }
}

@inline function CMP<T>(op: i32, x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void {
  if (sx && sy) CLOOP<T>(op, x, y, r, n, true, true);
  else if (sx) CLOOP<T>(op, x, y, r, n, true, false);
  else if (sy) CLOOP<T>(op, x, y, r, n, false, true);
  else if (n) store<u8>(r, <u8>SCMP<T>(op, load<T>(x), load<T>(y)));
}

export function eq_G(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<u8>(EQ, x, sx, y, sy, r, n); }
export function eq_H(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i16>(EQ, x, sx, y, sy, r, n); }
export function eq_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i32>(EQ, x, sx, y, sy, r, n); }
export function eq_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i64>(EQ, x, sx, y, sy, r, n); }
export function eq_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<f64>(EQ, x, sx, y, sy, r, n); }
export function ne_G(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<u8>(NE, x, sx, y, sy, r, n); }
export function ne_H(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i16>(NE, x, sx, y, sy, r, n); }
export function ne_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i32>(NE, x, sx, y, sy, r, n); }
export function ne_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i64>(NE, x, sx, y, sy, r, n); }
export function ne_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<f64>(NE, x, sx, y, sy, r, n); }
export function lt_G(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<u8>(LT, x, sx, y, sy, r, n); }
export function lt_H(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i16>(LT, x, sx, y, sy, r, n); }
export function lt_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i32>(LT, x, sx, y, sy, r, n); }
export function lt_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i64>(LT, x, sx, y, sy, r, n); }
export function lt_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<f64>(LT, x, sx, y, sy, r, n); }
export function gt_G(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<u8>(GT, x, sx, y, sy, r, n); }
export function gt_H(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i16>(GT, x, sx, y, sy, r, n); }
export function gt_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i32>(GT, x, sx, y, sy, r, n); }
export function gt_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i64>(GT, x, sx, y, sy, r, n); }
export function gt_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<f64>(GT, x, sx, y, sy, r, n); }
export function le_G(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<u8>(LE, x, sx, y, sy, r, n); }
export function le_H(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i16>(LE, x, sx, y, sy, r, n); }
export function le_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i32>(LE, x, sx, y, sy, r, n); }
export function le_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i64>(LE, x, sx, y, sy, r, n); }
export function le_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<f64>(LE, x, sx, y, sy, r, n); }
export function ge_G(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<u8>(GE, x, sx, y, sy, r, n); }
export function ge_H(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i16>(GE, x, sx, y, sy, r, n); }
export function ge_I(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i32>(GE, x, sx, y, sy, r, n); }
export function ge_J(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<i64>(GE, x, sx, y, sy, r, n); }
export function ge_F(x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void { CMP<f64>(GE, x, sx, y, sy, r, n); }

/** Symbol comparisons by text. */
export function cmp_S(op: i32, x: usize, sx: i32, y: usize, sy: i32, r: usize, n: u32): void {
  const ax = load<i32>(x), ay = load<i32>(y);
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = sx ? load<i32>(x + (i << 2)) : ax, b = sy ? load<i32>(y + (i << 2)) : ay;
    const c = op <= NE ? (a == b ? 0 : 1) : symCmp(a, b);
    let v: bool;
    switch (op) {
      case EQ: v = c == 0; break;
      case NE: v = c != 0; break;
      case LT: v = c < 0; break;
      case GT: v = c > 0; break;
      case LE: v = c <= 0; break;
      default: v = c >= 0;
    }
    store<u8>(r + i, <u8>v);
  }
}

/** x~y on the items of two simple vectors of one storage width: 1 when all equal.
 *  Floats (w = 8 with flt, or 4 with flt for reals) compare tolerantly, NaN matches NaN. */
export function same(x: usize, y: usize, n: u32, w: i32, flt: i32): i32 {
  if (!flt) return memory.compare(x, y, <usize>n * <usize>w) == 0 ? 1 : 0;
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = w == 8 ? load<f64>(x + (i << 3)) : <f64>load<f32>(x + (i << 2));
    const b = w == 8 ? load<f64>(y + (i << 3)) : <f64>load<f32>(y + (i << 2));
    if (!FEQ(a, b)) return 0;
  }
  return 1;
}

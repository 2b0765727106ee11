// math kernels: monadic atomic functions over one storage class.
//
//   op_C(x, r, n)    x, r data pointers, n items (an atom is n = 1)
//
// neg/abs keep the class (an integer null is its own negation and absolute
// value: -min wraps to min); signum gives int; not gives boolean; the float
// functions take F (operands promoted first) and give F; floor/ceiling take F
// and give J (null -> 0N, ±inf -> ±0W).

import { NUL, INF } from "./arith";

const NEG = 0, ABS = 1;

@inline function UN<T>(op: i32, x: usize, r: usize, n: u32): void {
  const W = sizeof<T>();
  const L: usize = 16 / W;
  const N = <usize>n;
  let i: usize = 0;
  if (ASC_FEATURE_SIMD) {
    for (; i + L <= N; i += L) {
      const a = v128.load(x + i * W);
      v128.store(r + i * W, op == NEG ? v128.neg<T>(a) : v128.abs<T>(a));
    }
  }
  for (; i < N; i++) {
    const a = load<T>(x + i * W);
    store<T>(r + i * W, op == NEG ? <T>(-a) : (a < 0 ? <T>(-a) : a));
  }
}

@inline function SIGNUM<T>(x: usize, r: usize, n: u32): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = load<T>(x + i * sizeof<T>());
    let s: i32;
    if (isFloat<T>()) s = a > 0 ? 1 : (a == 0 ? 0 : -1); // NaN is null: -1
    else s = a > 0 ? 1 : (a == 0 ? 0 : -1);
    store<i32>(r + (i << 2), s);
  }
}

@inline function NOT<T>(x: usize, r: usize, n: u32): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    store<u8>(r + i, <u8>(load<T>(x + i * sizeof<T>()) == 0));
  }
}

const SQRT = 0, EXP = 1, LOG = 2, SIN = 3, COS = 4, TAN = 5, ASIN = 6, ACOS = 7, ATAN = 8, RECIP = 9;

// AssemblyScript's std sin/cos/tan reduce 2^20*pi/2 <= |x| < 2^22 through a
// table read at a negative offset (wrong quadrant for about half of those
// arguments). There q < 2^22, so Cody-Waite with pi/2 in 31-bit pieces is exact
// (22 + 31 <= 53 bits): r = x - q*pi/2 as a double-double (y0, y1).
const P1: f64 = reinterpret<f64>(0x3FF921FB54400000); // 31 bits of pi/2
const P2: f64 = 6.077100509014471e-11;
const P3: f64 = -2.5082788063426444e-20;
const P4: f64 = 8.4784276603689e-32;
function trigMid(op: i32, x: f64): f64 {
  const q = Math.round(x * 0.6366197723675814);
  const r1 = x - q * P1;                 // exact (Sterbenz)
  const b = -(q * P2);                    // exact product
  const s = r1 + b;                       // TwoSum(r1, b)
  const bb = s - r1;
  const e = (r1 - (s - bb)) + (b - bb);
  const lo = e - q * P3 - q * P4;
  const y0 = s + lo;
  const y1 = (s - y0) + lo;
  const sn = Math.sin(y0) + y1 * Math.cos(y0);
  const cs = Math.cos(y0) - y1 * Math.sin(y0);
  const k = <i32>(<i64>q & 3);
  const sx = k == 0 ? sn : k == 1 ? cs : k == 2 ? -sn : -cs;
  const cx = k == 0 ? cs : k == 1 ? -sn : k == 2 ? -cs : sn;
  return op == SIN ? sx : op == COS ? cx : sx / cx;
}
@inline function MID(a: f64): bool { const b = Math.abs(a); return b >= 1647000.0 && b < 4194304.0; }

@inline function FN(op: i32, x: usize, r: usize, n: u32): void {
  const N = <usize>n;
  let i: usize = 0;
  if (ASC_FEATURE_SIMD && (op == SQRT || op == RECIP)) {
    for (; i + 2 <= N; i += 2) {
      const a = v128.load(x + (i << 3));
      v128.store(r + (i << 3), op == SQRT ? f64x2.sqrt(a) : f64x2.div(f64x2.splat(1.0), a));
    }
  }
  for (; i < N; i++) {
    const a = load<f64>(x + (i << 3));
    let v: f64;
    switch (op) {
      case SQRT: v = Math.sqrt(a); break;
      case EXP: v = Math.exp(a); break;
      case LOG: v = Math.log(a); break;
      case SIN: v = MID(a) ? trigMid(SIN, a) : Math.sin(a); break;
      case COS: v = MID(a) ? trigMid(COS, a) : Math.cos(a); break;
      case TAN: v = MID(a) ? trigMid(TAN, a) : Math.tan(a); break;
      case ASIN: v = Math.asin(a); break;
      case ACOS: v = Math.acos(a); break;
      case ATAN: v = Math.atan(a); break;
      default: v = 1.0 / a;
    }
    store<f64>(r + (i << 3), v);
  }
}

@inline function ROUNDJ(ceil: bool, x: usize, r: usize, n: u32): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = load<f64>(x + (i << 3));
    const f = ceil ? Math.ceil(a) : Math.floor(a);
    let v: i64;
    if (a != a) v = NUL<i64>();
    else if (f >= 9.223372036854775807e18) v = INF<i64>();
    else if (f <= -9.223372036854775807e18) v = -INF<i64>();
    else v = <i64>f;
    store<i64>(r + (i << 3), v);
  }
}

export function neg_H(x: usize, r: usize, n: u32): void { UN<i16>(NEG, x, r, n); }
export function neg_I(x: usize, r: usize, n: u32): void { UN<i32>(NEG, x, r, n); }
export function neg_J(x: usize, r: usize, n: u32): void { UN<i64>(NEG, x, r, n); }
export function neg_E(x: usize, r: usize, n: u32): void { UN<f32>(NEG, x, r, n); }
export function neg_F(x: usize, r: usize, n: u32): void { UN<f64>(NEG, x, r, n); }
export function abs_H(x: usize, r: usize, n: u32): void { UN<i16>(ABS, x, r, n); }
export function abs_I(x: usize, r: usize, n: u32): void { UN<i32>(ABS, x, r, n); }
export function abs_J(x: usize, r: usize, n: u32): void { UN<i64>(ABS, x, r, n); }
export function abs_E(x: usize, r: usize, n: u32): void { UN<f32>(ABS, x, r, n); }
export function abs_F(x: usize, r: usize, n: u32): void { UN<f64>(ABS, x, r, n); }
export function signum_H(x: usize, r: usize, n: u32): void { SIGNUM<i16>(x, r, n); }
export function signum_I(x: usize, r: usize, n: u32): void { SIGNUM<i32>(x, r, n); }
export function signum_J(x: usize, r: usize, n: u32): void { SIGNUM<i64>(x, r, n); }
export function signum_F(x: usize, r: usize, n: u32): void { SIGNUM<f64>(x, r, n); }
export function not_G(x: usize, r: usize, n: u32): void { NOT<u8>(x, r, n); }
export function not_H(x: usize, r: usize, n: u32): void { NOT<i16>(x, r, n); }
export function not_I(x: usize, r: usize, n: u32): void { NOT<i32>(x, r, n); }
export function not_J(x: usize, r: usize, n: u32): void { NOT<i64>(x, r, n); }
export function not_E(x: usize, r: usize, n: u32): void { NOT<f32>(x, r, n); }
export function not_F(x: usize, r: usize, n: u32): void { NOT<f64>(x, r, n); }
export function sqrt_F(x: usize, r: usize, n: u32): void { FN(SQRT, x, r, n); }
export function exp_F(x: usize, r: usize, n: u32): void { FN(EXP, x, r, n); }
export function log_F(x: usize, r: usize, n: u32): void { FN(LOG, x, r, n); }
export function sin_F(x: usize, r: usize, n: u32): void { FN(SIN, x, r, n); }
export function cos_F(x: usize, r: usize, n: u32): void { FN(COS, x, r, n); }
export function tan_F(x: usize, r: usize, n: u32): void { FN(TAN, x, r, n); }
export function asin_F(x: usize, r: usize, n: u32): void { FN(ASIN, x, r, n); }
export function acos_F(x: usize, r: usize, n: u32): void { FN(ACOS, x, r, n); }
export function atan_F(x: usize, r: usize, n: u32): void { FN(ATAN, x, r, n); }
export function reciprocal_F(x: usize, r: usize, n: u32): void { FN(RECIP, x, r, n); }
export function floor_F(x: usize, r: usize, n: u32): void { ROUNDJ(false, x, r, n); }
export function ceiling_F(x: usize, r: usize, n: u32): void { ROUNDJ(true, x, r, n); }
/** floor of chars lower-cases them (k's _:) */
export function floor_C(x: usize, r: usize, n: u32): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const c = load<u8>(x + i);
    store<u8>(r + i, c >= 65 && c <= 90 ? c + 32 : c);
  }
}

// Tok of a list of strings, one call per list: "F"$ "E"$ "J"$ "I"$ "H"$ on a
// general list of char vectors (src/ops/atomic/tok.ts tokRaw is the reference).
//
//   tok_list(x, t, r, redo)  x a general list of strings (or char atoms), r a
//                            vector of type t and x's count, redo an int vector
//                            as long: writes each item's value into r, and the
//                            index of each item it leaves to the caller into
//                            redo; returns how many it left, or -1 when an item
//                            is not a string (the caller takes the whole list), -2 when out of memory.
//
// Decided here: blanks around (as JS trim of latin1 text), 0n 0w -0w in any
// case, and the empty string (nulls and infinities), plain integers of up to
// 18 digits, and decimals of up to 15 significant digits with a power of ten
// up to 22 either way — w·10^k and w/10^k are then exact operations on exact
// doubles, so one rounding gives the correctly rounded value (Clinger), the
// same double Number(text) gives. Everything else (longer numbers, dotted
// IPv4 ints, malformed text) goes back to the caller.

import { ga, r0, dat, tt, nn } from "../mem";
import { stopAt, stopped } from "../poll";

const KH: i32 = 5, KI: i32 = 6, KJ: i32 = 7, KE: i32 = 8, KF: i32 = 9;

// 1e0 .. 1e22, exact doubles
const E10: usize = memory.data<f64>([
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
  1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]);

/** JS String.prototype.trim's whitespace among latin1 chars: \t \n \v \f \r, space, no-break space. */
@inline function blank(c: u32): bool { return (c >= 9 && c <= 13) || c == 32 || c == 160; }
@inline function digit(c: u32): bool { return c - 48 < 10; }
@inline function lower(c: u32): u32 { return c >= 65 && c <= 90 ? c + 32 : c; }

// what one item reads as: a kind and a value
const SKIP: i32 = 0;   // leave to the caller
const NUL: i32 = 1;
const INF: i32 = 2;
const NINF: i32 = 3;
const INT: i32 = 4;    // an integer (i64 at vp)
const FLT: i32 = 5;    // a float (f64 at vp)
const BAD: i32 = 6;    // not a number: the type's null (floats: NaN)

/** Reads s[0..n) for type t; an INT or FLT value goes to vp (8 bytes). */
function readItem(s: usize, n: i32, t: i32, vp: usize): i32 {
  let a = 0, b = n;
  while (a < b && blank(<u32>load<u8>(s + <usize>a))) a++;
  while (b > a && blank(<u32>load<u8>(s + <usize>(b - 1)))) b--;
  const len = b - a;
  const p = s + <usize>a;
  if (len == 0) return NUL;
  const c0 = <u32>load<u8>(p);
  if (len == 2 && c0 == 48) {
    const c1 = lower(<u32>load<u8>(p + 1));
    if (c1 == 110) return NUL;
    if (c1 == 119) return INF;
  }
  if (len == 3 && c0 == 45 && load<u8>(p + 1) == 48 && lower(<u32>load<u8>(p + 2)) == 119) return NINF;
  let i = 0;
  let neg = false;
  if (c0 == 45 || c0 == 43) { neg = c0 == 45; i = 1; }
  if (t == KH || t == KI || t == KJ) {
    // [-+]?\d+ ; up to 18 digits is exact and inside the long range
    const d0 = i;
    let v: i64 = 0;
    while (i < len && digit(<u32>load<u8>(p + <usize>i))) { v = v * 10 + <i64>(load<u8>(p + <usize>i) - 48); i++; }
    if (i == d0 || i < len) {
      // not plain digits: a dotted IPv4 int is the caller's; anything else is null
      return t == KI ? SKIP : BAD;
    }
    if (i - d0 > 18) return SKIP;
    store<i64>(vp, neg ? -v : v);
    return INT;
  }
  // [-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?
  let w: u64 = 0;
  let sig = 0;        // significant digits taken into w
  let drop = 0;       // integer digits beyond what w holds (a power of ten each)
  let scale = 0;      // fraction digits taken into w
  let nd = 0;
  while (i < len && digit(<u32>load<u8>(p + <usize>i))) {
    const d = <u64>(load<u8>(p + <usize>i) - 48);
    if (sig > 0 || d != 0) { if (sig < 19) { w = w * 10 + d; sig++; } else drop++; }
    i++; nd++;
  }
  if (i < len && load<u8>(p + <usize>i) == 46) {
    i++;
    while (i < len && digit(<u32>load<u8>(p + <usize>i))) {
      const d = <u64>(load<u8>(p + <usize>i) - 48);
      if (sig > 0 || d != 0) { if (sig < 19) { w = w * 10 + d; sig++; scale++; } else return SKIP; }
      else scale++;
      i++; nd++;
    }
  }
  if (nd == 0) return BAD;
  let e: i32 = 0;
  if (i < len && (load<u8>(p + <usize>i) | 32) == 101) {
    i++;
    let eneg = false;
    if (i < len && (load<u8>(p + <usize>i) == 45 || load<u8>(p + <usize>i) == 43)) { eneg = load<u8>(p + <usize>i) == 45; i++; }
    const e0 = i;
    while (i < len && digit(<u32>load<u8>(p + <usize>i))) {
      if (e < 100000) e = e * 10 + <i32>(load<u8>(p + <usize>i) - 48);
      i++;
    }
    if (i == e0) return BAD;
    if (eneg) e = -e;
  }
  if (i < len) return BAD;
  if (w == 0) { store<f64>(vp, neg ? -0.0 : 0.0); return FLT; }
  if (sig > 15) return SKIP;
  const k = e + drop - scale;
  let x = <f64>w;
  if (k >= 0) { if (k > 22) return SKIP; x *= load<f64>(E10 + (<usize>k << 3)); }
  else { if (-k > 22) return SKIP; x /= load<f64>(E10 + (<usize>(-k) << 3)); }
  store<f64>(vp, neg ? -x : x);
  return FLT;
}

export function tok_list(x: usize, t: i32, r: usize, redo: usize): i32 {
  const n = <i32>nn(x);
  const xd = dat(x), rd = dat(r), od = dat(redo);
  // every item a string or a char first, so a refusal leaves nothing half done
  for (let i = 0; i < n; i++) {
    const c = <usize>load<u32>(xd + (<usize>i << 2));
    const ct = tt(c);
    if (ct != 10 && ct != -10) return -1;
  }
  const wb = ga(4, 8);
  if (!wb) return -2;
  const vp = dat(wb);
  let left = 0;
  for (let i = 0; i < n; i++) {
    if (stopAt(<usize>i)) { r0(wb); stopped(); return -3; }
    const c = <usize>load<u32>(xd + (<usize>i << 2));
    const len = tt(c) < 0 ? 1 : <i32>nn(c);
    const kind = readItem(dat(c), len, t, vp);
    if (kind == SKIP) { store<i32>(od + (<usize>left << 2), i); left++; continue; }
    if (t == KF || t == KE) {
      const v = kind == FLT ? load<f64>(vp) : kind == INF ? Infinity : kind == NINF ? -Infinity : NaN;
      if (t == KF) store<f64>(rd + (<usize>i << 3), v);
      else store<f32>(rd + (<usize>i << 2), <f32>v);
    } else if (t == KJ) {
      const v: i64 = kind == INT ? load<i64>(vp) : kind == INF ? i64.MAX_VALUE : kind == NINF ? -i64.MAX_VALUE : i64.MIN_VALUE;
      store<i64>(rd + (<usize>i << 3), v);
    } else {
      const W: i64 = t == KI ? 2147483647 : 32767;
      let v: i64 = kind == INT ? load<i64>(vp) : kind == INF ? W : kind == NINF ? -W : -W - 1;
      if (kind == INT && (v > W || v < -W)) v = -W - 1; // out of range reads as null
      if (t == KI) store<i32>(rd + (<usize>i << 2), <i32>v);
      else store<i16>(rd + (<usize>i << 1), <i16>v);
    }
  }
  r0(wb);
  return left;
}

// Tok of a list of strings, one call per list: "F"$ "E"$ "J"$ "I"$ "H"$ and the
// temporals "D"$ "M"$ "P"$ "Z"$ "N"$ "U"$ "V"$ "T"$ on a general list of char vectors (src/ops/atomic/tok.ts tokRaw is the reference).
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
const KP: i32 = 12, KM: i32 = 13, KD: i32 = 14, KZ: i32 = 15, KN: i32 = 16, KU: i32 = 17, KV: i32 = 18, KT: i32 = 19;

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

// ------------------------------------------------------------ temporals
// "D"$ "M"$ "P"$ "Z"$ "N"$ "U"$ "V"$ "T"$ (src/ops/atomic/tok.ts tokRaw is the
// reference, regexes and all). Left to the caller: years below 100 (the
// reference's Date.UTC reads them as 19yy), hours of more than 6 digits, and
// datetimes whose nanosecond count might not fit 63 bits (the reference
// converts the exact count to a double). Timestamps and timespans wrap at 64
// bits exactly as the reference's BigInt64Array store does (only + and *).

const NS_DAY: i64 = 86400000000000;
const TBAD: i32 = -1, TSKIP: i32 = -2;

@inline function ch(p: usize, i: i32): u32 { return <u32>load<u8>(p + <usize>i); }
@inline function isSep(c: u32): bool { return c == 46 || c == 45; }
function allDigits(p: usize, a: i32, b: i32): bool {
  for (let i = a; i < b; i++) if (!digit(ch(p, i))) return false;
  return true;
}
function digitsVal(p: usize, a: i32, b: i32): i64 {
  let v: i64 = 0;
  for (let i = a; i < b; i++) v = v * 10 + <i64>(ch(p, i) - 48);
  return v;
}

/** Days from 2000.01.01 of y.m.d (proleptic Gregorian, H. Hinnant's days_from_civil). */
function civilDays(y: i64, m: i64, d: i64): i64 {
  y -= m <= 2 ? 1 : 0;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 730425;
}

/** ^(\d{4})[.-]?(\d{2})[.-]?(\d{2})$ on [a,b): days at vp, or TBAD / TSKIP. */
function readDate(p: usize, a: i32, b: i32, vp: usize): i32 {
  let j = a;
  if (b - j < 4 || !allDigits(p, j, j + 4)) return TBAD;
  const y = digitsVal(p, j, j + 4); j += 4;
  if (j < b && isSep(ch(p, j))) j++;
  if (b - j < 2 || !allDigits(p, j, j + 2)) return TBAD;
  const m = digitsVal(p, j, j + 2); j += 2;
  if (j < b && isSep(ch(p, j))) j++;
  if (b - j != 2 || !allDigits(p, j, j + 2)) return TBAD;
  const d = digitsVal(p, j, j + 2);
  if (y < 100) return TSKIP;
  if (m < 1 || m > 12 || d < 1 || d > 31) return TBAD;
  const leap = (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0);
  const mdays: i64 = m == 2 ? (leap ? 29 : 28) : (m == 4 || m == 6 || m == 9 || m == 11) ? 30 : 31;
  if (d > mdays) return TBAD;
  store<i64>(vp, civilDays(y, m, d));
  return 0;
}

/** The reference's parseTime on [a,b): signed nanoseconds at vp, or TBAD / TSKIP.
 *  ^(-)?(\d+):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?$, else ^(\d{2})(\d{2})(\d{2})?(\d{0,9})$ */
function readTime(p: usize, a: i32, b: i32, vp: usize): i32 {
  let h: i64 = 0, mi: i64 = 0, se: i64 = 0, fr: i64 = 0;
  let neg = false;
  let j = a;
  if (j < b && ch(p, j) == 45) { neg = true; j++; }
  const h0 = j;
  while (j < b && digit(ch(p, j))) j++;
  let ok = false;
  if (j > h0 && j < b && ch(p, j) == 58 && b - (j + 1) >= 2 && allDigits(p, j + 1, j + 3)) {
    // the colon form
    const h1 = j;
    let k = j + 3;
    let fa = 0, fb = 0;
    if (k == b) ok = true;
    else if (ch(p, k) == 58 && b - (k + 1) >= 2 && allDigits(p, k + 1, k + 3)) {
      se = digitsVal(p, k + 1, k + 3);
      k += 3;
      if (k == b) ok = true;
      else if (ch(p, k) == 46 && b - (k + 1) <= 9 && allDigits(p, k + 1, b)) { ok = true; fa = k + 1; fb = b; }
    }
    if (ok) {
      if (h1 - h0 > 6) return TSKIP;
      h = digitsVal(p, h0, h1);
      mi = digitsVal(p, h1 + 1, h1 + 3);
      if (fb > fa) { fr = digitsVal(p, fa, fb); for (let z = fb - fa; z < 9; z++) fr *= 10; }
    } else se = 0;
  }
  if (!ok) {
    // the digits form: 4 to 15 digits, seconds when there are 6 or more
    const L = b - a;
    if (L < 4 || L > 15 || !allDigits(p, a, b)) return TBAD;
    neg = false;
    h = digitsVal(p, a, a + 2);
    mi = digitsVal(p, a + 2, a + 4);
    let fa = a + 4;
    if (L >= 6) { se = digitsVal(p, a + 4, a + 6); fa = a + 6; }
    if (b > fa) { fr = digitsVal(p, fa, b); for (let z = b - fa; z < 9; z++) fr *= 10; }
  }
  if (mi > 59 || se > 59) return TBAD;
  const ns = ((h * 60 + mi) * 60 + se) * 1000000000 + fr;
  store<i64>(vp, neg ? -ns : ns);
  return 0;
}

/** Reads s[0..n) as temporal type t: 0 with the value at vp (i64, or f64 for datetimes),
 *  1 null, 2 infinity, 3 minus infinity, TSKIP for the caller. */
function readTemporal(s: usize, n: i32, t: i32, vp: usize): i32 {
  let a = 0, b = n;
  while (a < b && blank(ch(s, a))) a++;
  while (b > a && blank(ch(s, b - 1))) b--;
  const len = b - a;
  if (len == 0) return 1;
  if (len == 2 && ch(s, a) == 48) {
    const c1 = lower(ch(s, a + 1));
    if (c1 == 110) return 1;
    if (c1 == 119) return 2;
  }
  if (len == 3 && ch(s, a) == 45 && ch(s, a + 1) == 48 && lower(ch(s, a + 2)) == 119) return 3;
  const p = s;
  switch (t) {
    case KD: {
      const r = readDate(p, a, b, vp);
      return r == TBAD ? 1 : r == TSKIP ? TSKIP : 0;
    }
    case KM: {
      // ^(\d{4})[.-]?(\d{2})m?$
      let j = a;
      if (b - j < 4 || !allDigits(p, j, j + 4)) return 1;
      const y = digitsVal(p, j, j + 4); j += 4;
      if (j < b && isSep(ch(p, j))) j++;
      if (b - j < 2 || !allDigits(p, j, j + 2)) return 1;
      const m = digitsVal(p, j, j + 2); j += 2;
      if (j < b && ch(p, j) == 109) j++;
      if (j != b || m < 1 || m > 12) return 1;
      store<i64>(vp, (y - 2000) * 12 + m - 1);
      return 0;
    }
    case KU: case KV: case KT: {
      const r = readTime(p, a, b, vp);
      if (r == TSKIP) return TSKIP;
      if (r == TBAD) return 1;
      const unit: i64 = t == KU ? 60000000000 : t == KV ? 1000000000 : 1000000;
      const q = load<i64>(vp) / unit;
      if (q < -2147483647 || q > 2147483647) return 1;
      store<i64>(vp, q);
      return 0;
    }
    case KN: {
      // ^(-)?(?:(\d+)D)?(.*)$
      let j = a;
      const neg = ch(p, j) == 45;
      if (neg) j++;
      let k = j;
      while (k < b && digit(ch(p, k))) k++;
      let days: i64 = 0, hasDays = false;
      if (k > j && k < b && ch(p, k) == 68) { days = digitsVal(p, j, k); hasDays = true; j = k + 1; }
      let tod: i64 = 0;
      if (!(j == b && hasDays)) {
        const r = readTime(p, j, b, vp);
        if (r == TSKIP) return TSKIP;
        if (r == TBAD) return 1;
        tod = load<i64>(vp);
      }
      const ns = days * NS_DAY + tod;
      store<i64>(vp, neg ? -ns : ns);
      return 0;
    }
    case KP: case KZ: {
      let j = a;
      while (j < b && digit(ch(p, j))) j++;
      const run = j - a;
      let ns: i64 = 0;
      // seconds since 1970: ^(\d{10,11})(?:\.(\d{1,9}))?$
      if ((run == 10 || run == 11) && (j == b || (ch(p, j) == 46 && b - (j + 1) >= 1 && b - (j + 1) <= 9 && allDigits(p, j + 1, b)))) {
        const secs = digitsVal(p, a, j) - 946684800;
        let fr: i64 = 0;
        if (j < b) { fr = digitsVal(p, j + 1, b); for (let z = b - (j + 1); z < 9; z++) fr *= 10; }
        if (t == KZ && (secs > 9000000000 || secs < -9000000000)) return TSKIP;
        ns = secs * 1000000000 + fr;
      } else {
        let da: i32, db: i32, ta = 0, tb = 0;
        if (run == 8 && j + 1 < b && ch(p, j) == 45 && digit(ch(p, j + 1))) {
          // ^(\d{8})-(\d.*)$
          da = a; db = j; ta = j + 1; tb = b;
        } else {
          // ^([0-9.-]{8,10})(?:[DT](.*))?$
          let k = a;
          while (k < b && (digit(ch(p, k)) || isSep(ch(p, k)))) k++;
          if (k - a < 8 || k - a > 10) return 1;
          if (k < b) {
            const c = ch(p, k);
            if (c != 68 && c != 84) return 1;
            ta = k + 1; tb = b;
          }
          da = a; db = k;
        }
        const r = readDate(p, da, db, vp);
        if (r == TSKIP) return TSKIP;
        if (r == TBAD) return 1;
        const days = load<i64>(vp);
        let tod: i64 = 0;
        if (tb > ta) {
          const rt = readTime(p, ta, tb, vp);
          if (rt == TSKIP) return TSKIP;
          if (rt == TBAD) return 1;
          tod = load<i64>(vp);
        }
        if (t == KZ && (days > 50000 || days < -50000)) return TSKIP;
        ns = days * NS_DAY + tod;
      }
      if (t == KZ) store<f64>(vp, <f64>ns / 8.64e13);
      else store<i64>(vp, ns);
      return 0;
    }
    default: return TSKIP;
  }
}

/** Writes what readTemporal found (kind k, value at vp) as item i of r (type t). */
function putTemporal(t: i32, k: i32, vp: usize, rd: usize, i: i32): void {
  if (t == KZ) {
    store<f64>(rd + (<usize>i << 3), k == 0 ? load<f64>(vp) : k == 2 ? Infinity : k == 3 ? -Infinity : NaN);
  } else if (t == KP || t == KN) {
    store<i64>(rd + (<usize>i << 3), k == 0 ? load<i64>(vp) : k == 2 ? i64.MAX_VALUE : k == 3 ? -i64.MAX_VALUE : i64.MIN_VALUE);
  } else {
    store<i32>(rd + (<usize>i << 2), k == 0 ? <i32>load<i64>(vp) : k == 2 ? 2147483647 : k == 3 ? -2147483647 : -2147483648);
  }
}

/** t$s for one string s (a char vector or atom), t a temporal type: the value into
 *  r's item 0 (an atom of type -t) and 1, or 0 when left to the caller. */
export function tok_temporal(c: usize, t: i32, r: usize): i32 {
  const wb = ga(4, 8);
  if (!wb) return -2;
  const len = tt(c) < 0 ? 1 : <i32>nn(c);
  const k = readTemporal(dat(c), len, t, dat(wb));
  if (k != TSKIP) putTemporal(t, k, dat(wb), dat(r), 0);
  r0(wb);
  return k == TSKIP ? 0 : 1;
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
    if (t >= KP) {
      const k = readTemporal(dat(c), len, t, vp);
      if (k == TSKIP) { store<i32>(od + (<usize>left << 2), i); left++; }
      else putTemporal(t, k, vp, rd, i);
      continue;
    }
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

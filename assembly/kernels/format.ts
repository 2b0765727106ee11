// Numbers and temporals to text, a whole vector per call: q's console rules
// (src/format/*.ts is the TypeScript reference these must match byte for byte).
//
//   fmt_join(p, P, budget)   the items of a simple vector as one line, as the
//                            console writes it: ITEM texts joined by spaces, then
//                            the type suffix q adds (1 2 3f, 1 2h, 0N 0Nd);
//                            stops once the text passes `budget` chars
//   fmt_list(p, P)           `string x`: a general list of char vectors, one per
//                            item (CELL texts: no suffix, nulls empty); an atom
//                            gives one char vector
//   fmt_cells(p, P, mode, n) the first n items' texts in one char vector, and an
//                            int vector of n+1 offsets into it: (text; offsets)
//
// Symbols are their UTF-8 bytes as interned (fmt_join: `a`b`c, the budget in
// UTF-16 units as JS counts the text; ITEM and ATOM add the backtick, CELL not).
//
// Modes: ATOM an atom on its own (suffix, 0Nd), ITEM inside a vector (bare),
// CELL a table cell or `string` item (bare, nulls empty).
//
// Floats are C's printf("%.*g", P, x) (P = 0 means 17): the value times a
// power of ten from a 128-bit table gives the P digits and the rounding
// fraction with an error far below one unit of 2^-64; only when that fraction
// is within a few units of one half does an exact big-integer comparison
// decide (exact ties round to even, as glibc does).

import { ga, dat, tt, nn, r0, fail } from "../mem";
import { EWSFULL, ETYPE } from "../shared/types";
import { stopAt, stopped } from "../poll";
import { POW10_KMIN, POW10_HI, POW10_LO, POW10_EXP } from "./format_pow10";
import { symPtr, symLen } from "../sym";
export { fmt_pow10_layout } from "./format_pow10";

const ATOM: i32 = 0;
const ITEM: i32 = 1;
const CELL: i32 = 2;

/** Widest text of one item (a timestamp is 29 chars, a float at most 24). */
const MAXW: i32 = 48;

// Scratch lives in a workspace block each driver call allocates (no mutable
// module state: calls on several workers could share this memory):
//   ws+0 the digits of a number (32)   ws+32 one item's text (64)
//   ws+96 and ws+480 two big integers of BIGLIMBS u32 limbs
const BIGLIMBS: i32 = 96;
const WS_BYTES: u32 = 96 + 2 * 4 * 96;
@inline function DIG(ws: usize): usize { return ws; }
@inline function ITEMBUF(ws: usize): usize { return ws + 32; }
@inline function BA(ws: usize): usize { return ws + 96; }
@inline function BB(ws: usize): usize { return ws + 96 + BIGLIMBS * 4; }

// 10^0 .. 10^19
const P10: usize = memory.data<u64>([
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
  10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
  1000000000000000, 10000000000000000, 100000000000000000, 1000000000000000000,
  10000000000000000000,
]);
@inline function p10(i: i32): u64 { return load<u64>(P10 + (<usize>i << 3)); }

// "00" .. "99"
const DIGITS2: usize = memory.data(200, 16);
for (let i = 0; i < 100; i++) {
  store<u8>(DIGITS2 + (<usize>i << 1), <u8>(48 + i / 10));
  store<u8>(DIGITS2 + (<usize>i << 1) + 1, <u8>(48 + i % 10));
}

const TYPE_CHAR: usize = memory.data<u8>([32, 98, 103, 32, 120, 104, 105, 106, 101, 102, 99, 115, 112, 109, 100, 122, 110, 117, 118, 116]);
const HEX: usize = memory.data<u8>([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);

// ------------------------------------------------------------ small writers

@inline function put(o: usize, c: i32): usize { store<u8>(o, <u8>c); return o + 1; }

/** Decimal of v, no padding. */
function writeU64(v: u64, o: usize, ws: usize): usize {
  const end = DIG(ws) + 32;
  let q = end;
  while (v >= 100000000) {
    let lo = <u32>(v % 100000000);
    v /= 100000000;
    for (let j = 0; j < 4; j++) {
      q -= 2;
      store<u16>(q, load<u16>(DIGITS2 + (<usize>(lo % 100) << 1)));
      lo /= 100;
    }
  }
  let w = <u32>v;
  while (w >= 100) {
    q -= 2;
    store<u16>(q, load<u16>(DIGITS2 + (<usize>(w % 100) << 1)));
    w /= 100;
  }
  if (w >= 10) { q -= 2; store<u16>(q, load<u16>(DIGITS2 + (<usize>w << 1))); }
  else { q -= 1; store<u8>(q, <u8>(48 + w)); }
  const n = end - q;
  memory.copy(o, q, n);
  return o + n;
}

function writeI64(v: i64, o: usize, ws: usize): usize {
  if (v < 0) { o = put(o, 45); return writeU64(<u64>(-v), o, ws); }
  return writeU64(<u64>v, o, ws);
}

/** Two digits at least (hours may run past 99). */
@inline function w2(v: i64, o: usize, ws: usize): usize {
  if (v < 100) { store<u16>(o, load<u16>(DIGITS2 + (<usize>v << 1))); return o + 2; }
  return writeU64(<u64>v, o, ws);
}

/** Exactly k digits of v < 10^k, zero-padded. */
function wfix(v: u32, k: i32, o: usize): usize {
  let q = o + <usize>k;
  for (let j = 0; j < k; j++) { q--; store<u8>(q, <u8>(48 + v % 10)); v /= 10; }
  return o + <usize>k;
}

function writeHex2(b: u32, o: usize): usize {
  store<u8>(o, load<u8>(HEX + (b >> 4)));
  store<u8>(o + 1, load<u8>(HEX + (b & 15)));
  return o + 2;
}

function writeGuid(s: usize, o: usize): usize {
  for (let i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) o = put(o, 45);
    o = writeHex2(<u32>load<u8>(s + <usize>i), o);
  }
  return o;
}

function writeStr(o: usize, s: string): usize {
  for (let i = 0; i < s.length; i++) o = put(o, s.charCodeAt(i));
  return o;
}

/** A char as inside a q string literal ("\n", "\\", "\001"). */
function writeEsc(c: u32, o: usize): usize {
  if (c == 34) { o = put(o, 92); return put(o, 34); }
  if (c == 92) { o = put(o, 92); return put(o, 92); }
  if (c >= 32 && c < 127) return put(o, c);
  if (c == 10) { o = put(o, 92); return put(o, 110); }
  if (c == 13) { o = put(o, 92); return put(o, 114); }
  if (c == 9) { o = put(o, 92); return put(o, 116); }
  o = put(o, 92);
  o = put(o, 48 + (c >> 6));
  o = put(o, 48 + ((c >> 3) & 7));
  return put(o, 48 + (c & 7));
}

// ------------------------------------------------------------ floats

/** High 64 bits of a*b. */
@inline function mulhi(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}

/** Low 64 bits of the 192-bit (r2 r1 r0) shifted right by s (0 <= s < 192). */
@inline function shr192(r2: u64, r1: u64, r0: u64, s: i32): u64 {
  if (s >= 128) return r2 >> <u64>(s - 128);
  if (s >= 64) { const t = s - 64; return t == 0 ? r1 : (r1 >> <u64>t) | (r2 << <u64>(64 - t)); }
  return s == 0 ? r0 : (r0 >> <u64>s) | (r1 << <u64>(64 - s));
}

// big integers for the exact tie test: little-endian u32 limbs, length returned
function bnSet(b: usize, v: u64): i32 {
  store<u32>(b, <u32>v);
  store<u32>(b + 4, <u32>(v >> 32));
  return (v >> 32) != 0 ? 2 : 1;
}
function bnMul(b: usize, n: i32, f: u32): i32 {
  let c: u64 = 0;
  for (let i = 0; i < n; i++) {
    const q = b + (<usize>i << 2);
    const v = <u64>load<u32>(q) * <u64>f + c;
    store<u32>(q, <u32>v);
    c = v >> 32;
  }
  if (c) { store<u32>(b + (<usize>n << 2), <u32>c); n++; }
  return n;
}
function bnMulPow5(b: usize, n: i32, k: i32): i32 {
  while (k >= 13) { n = bnMul(b, n, 1220703125); k -= 13; } // 5^13
  let f: u32 = 1;
  while (k > 0) { f *= 5; k--; }
  return f == 1 ? n : bnMul(b, n, f);
}
function bnShl(b: usize, n: i32, s: i32): i32 {
  const w = s >> 5, r = s & 31;
  // top limb first (moving up)
  store<u32>(b + (<usize>(n + w) << 2), 0);
  for (let i = n - 1; i >= 0; i--) {
    const v = <u64>load<u32>(b + (<usize>i << 2)) << <u64>r;
    const hi = b + (<usize>(i + w + 1) << 2);
    store<u32>(hi, load<u32>(hi) | <u32>(v >> 32));
    store<u32>(b + (<usize>(i + w) << 2), <u32>v);
  }
  for (let i = 0; i < w; i++) store<u32>(b + (<usize>i << 2), 0);
  n += w + 1;
  while (n > 1 && load<u32>(b + (<usize>(n - 1) << 2)) == 0) n--;
  return n;
}
function bnCmp(a: usize, na: i32, b: usize, nb: i32): i32 {
  if (na != nb) return na > nb ? 1 : -1;
  for (let i = na - 1; i >= 0; i--) {
    const x = load<u32>(a + (<usize>i << 2)), y = load<u32>(b + (<usize>i << 2));
    if (x != y) return x > y ? 1 : -1;
  }
  return 0;
}

/** Sign of m·2^e2·10^k - (D0 + 1/2), exactly: 2m·2^e2·5^k·2^k against 2·D0+1. */
function halfCmp(m: u64, e2: i32, k: i32, D0: u64, ws: usize): i32 {
  let na = bnSet(BA(ws), m), nb = bnSet(BB(ws), 2 * D0 + 1);
  if (k >= 0) na = bnMulPow5(BA(ws), na, k);
  else nb = bnMulPow5(BB(ws), nb, -k);
  const s = e2 + 1 + k;
  if (s >= 0) na = bnShl(BA(ws), na, s);
  else nb = bnShl(BB(ws), nb, -s);
  return bnCmp(BA(ws), na, BB(ws), nb);
}

/** printf("%.*g", p, x) for finite x, 1 <= p <= 17. */
function writeG(x: f64, p: i32, o: usize, ws: usize): usize {
  let bits = reinterpret<u64>(x);
  if (bits >> 63) { o = put(o, 45); bits &= 0x7fffffffffffffff; }
  if (bits == 0) return put(o, 48);
  const be = <i32>(bits >> 52);
  let m = bits & 0xfffffffffffff;
  let e2: i32;
  if (be == 0) { const s = <i32>clz(m) - 11; m <<= <u64>s; e2 = -1074 - s; }
  else { m |= 0x10000000000000; e2 = be - 1075; }
  // x = m·2^e2, 2^52 <= m < 2^53; E = floor(log10 x) is est or est+1
  let E = <i32>Math.floor(<f64>(e2 + 52) * 0.30102999566398119521);
  let D0: u64 = 0, F: u64 = 0, k = 0;
  for (;;) {
    k = p - 1 - E;
    const ix = <usize>(k - POW10_KMIN);
    const th = load<u64>(POW10_HI + (ix << 3)), tl = load<u64>(POW10_LO + (ix << 3));
    const sh = -(e2 + <i32>load<i16>(POW10_EXP + (ix << 1)));
    // m·T as 192 bits
    const l1 = m * tl, h1 = mulhi(m, tl), l2 = m * th, h2 = mulhi(m, th);
    const r1 = l2 + h1;
    const r2 = h2 + (r1 < l2 ? 1 : 0);
    D0 = shr192(r2, r1, l1, sh);
    F = shr192(r2, r1, l1, sh - 64);
    if (D0 < p10(p)) break;
    E++;
  }
  // the computed value is below the true one by less than 2 units of F
  const HALF: u64 = 0x8000000000000000;
  let up: bool;
  if (F > HALF) up = true;
  else if (F < HALF - 16) up = false;
  else {
    const c = halfCmp(m, e2, k, D0, ws);
    up = c > 0 || (c == 0 && (D0 & 1) != 0);
  }
  let D = up ? D0 + 1 : D0;
  if (D == p10(p)) { D = p10(p - 1); E++; }
  // p digits of D into DIG[0..p), significant ones nd
  let v = D;
  for (let j = p - 1; j >= 0; j--) { store<u8>(DIG(ws) + <usize>j, <u8>(48 + <u32>(v % 10))); v /= 10; }
  let nd = p;
  while (nd > 1 && load<u8>(DIG(ws) + <usize>(nd - 1)) == 48) nd--;
  if (E < -4 || E >= p) {
    o = put(o, load<u8>(DIG(ws)));
    if (nd > 1) { o = put(o, 46); memory.copy(o, DIG(ws) + 1, nd - 1); o += <usize>(nd - 1); }
    o = put(o, 101);
    let ae = E;
    if (E < 0) { o = put(o, 45); ae = -E; } else o = put(o, 43);
    if (ae < 10) o = put(o, 48);
    return writeU64(<u64>ae, o, ws);
  }
  if (E >= 0) {
    memory.copy(o, DIG(ws), E + 1);
    o += <usize>(E + 1);
    if (nd > E + 1) { o = put(o, 46); memory.copy(o, DIG(ws) + <usize>(E + 1), nd - E - 1); o += <usize>(nd - E - 1); }
    return o;
  }
  o = put(o, 48); o = put(o, 46);
  for (let j = 0; j < -E - 1; j++) o = put(o, 48);
  memory.copy(o, DIG(ws), nd);
  return o + <usize>nd;
}

// ------------------------------------------------------------ temporals

const BAD_DATE = "0000.00.00";

/** Days from 2000.01.01 as yyyy.mm.dd; outside years 1..9999, 0000.00.00. */
function writeDate(d: i64, o: usize, ws: usize): usize {
  if (d < -100000000 || d > 100000000) return writeStr(o, BAD_DATE);
  const z = d + 730425;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const day = doy - (153 * mp + 2) / 5 + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1 || year > 9999) return writeStr(o, BAD_DATE);
  o = wfix(<u32>year, 4, o);
  o = put(o, 46);
  o = w2(month, o, ws);
  o = put(o, 46);
  return w2(day, o, ws);
}

@inline function floorDiv(a: i64, b: i64): i64 { const q = a / b; return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q; }

function writeMonth(mo: i64, o: usize, ws: usize): usize {
  const y = 2000 + floorDiv(mo, 12);
  const m = mo - floorDiv(mo, 12) * 12 + 1;
  if (y < 1 || y > 9999) return writeStr(o, "0000.00");
  o = wfix(<u32>y, 4, o);
  o = put(o, 46);
  return w2(m, o, ws);
}

function writeMinute(u: i64, o: usize, ws: usize): usize {
  if (u < 0) { o = put(o, 45); u = -u; }
  o = w2(u / 60, o, ws);
  o = put(o, 58);
  return w2(u % 60, o, ws);
}

function writeSecond(v: i64, o: usize, ws: usize): usize {
  if (v < 0) { o = put(o, 45); v = -v; }
  o = w2(v / 3600, o, ws); o = put(o, 58);
  o = w2((v / 60) % 60, o, ws); o = put(o, 58);
  return w2(v % 60, o, ws);
}

function writeTime(t: i64, o: usize, ws: usize): usize {
  if (t < 0) { o = put(o, 45); t = -t; }
  const s = t / 1000;
  o = w2(s / 3600, o, ws); o = put(o, 58);
  o = w2((s / 60) % 60, o, ws); o = put(o, 58);
  o = w2(s % 60, o, ws); o = put(o, 46);
  return wfix(<u32>(t % 1000), 3, o);
}

const NS_DAY: i64 = 86400000000000;

/** 0 <= ns < one day as hh:mm:ss.nnnnnnnnn. */
function writeNanos(ns: i64, o: usize, ws: usize): usize {
  const s = ns / 1000000000;
  o = w2(s / 3600, o, ws); o = put(o, 58);
  o = w2((s / 60) % 60, o, ws); o = put(o, 58);
  o = w2(s % 60, o, ws); o = put(o, 46);
  return wfix(<u32>(ns % 1000000000), 9, o);
}

function writeTimestamp(p: i64, o: usize, ws: usize): usize {
  let days = p / NS_DAY, rem = p % NS_DAY;
  if (rem < 0) { rem += NS_DAY; days -= 1; }
  o = writeDate(days, o, ws);
  o = put(o, 68);
  return writeNanos(rem, o, ws);
}

function writeTimespan(n: i64, o: usize, ws: usize): usize {
  if (n < 0) { o = put(o, 45); n = -n; }
  o = writeU64(<u64>(n / NS_DAY), o, ws);
  o = put(o, 68);
  return writeNanos(n % NS_DAY, o, ws);
}

/** Datetime: float days, rounded to the millisecond half up (JS Math.round). */
function writeDatetime(z: f64, o: usize, ws: usize): usize {
  const v = z * 86400000.0;
  let ms = Math.floor(v);
  if (v - ms >= 0.5) ms += 1;
  const days = Math.floor(ms / 86400000.0);
  if (days < -100000000 || days > 100000000) return writeStr(o, "0000.00.00T00:00:00.000");
  const s = o;
  o = writeDate(<i64>days, o, ws);
  if (load<u8>(s) == 48 && load<u8>(s + 1) == 48 && load<u8>(s + 2) == 48 && load<u8>(s + 3) == 48) return writeStr(s, "0000.00.00T00:00:00.000");
  o = put(o, 84);
  return writeTime(<i64>(ms - days * 86400000.0), o, ws);
}

// ------------------------------------------------------------ one item

const NH: i64 = -32768, WH: i64 = 32767;
const NI: i64 = -2147483648, WI: i64 = 2147483647;
const NJ: i64 = i64.MIN_VALUE, WJ: i64 = i64.MAX_VALUE;

/** Integer storage of item i (sign-extended), for the integer-like types. */
@inline function intAt(t: i32, d: usize, i: i32): i64 {
  switch (t) {
    case 5: return <i64>load<i16>(d + (<usize>i << 1));
    case 7: case 12: case 16: return load<i64>(d + (<usize>i << 3));
    default: return <i64>load<i32>(d + (<usize>i << 2));
  }
}

/** 0 finite, 1 null, 2 infinity, 3 minus infinity (src/format/item.ts special). */
function special(t: i32, d: usize, i: i32): i32 {
  switch (t) {
    case 5: return load<i16>(d + (<usize>i << 1)) == <i16>NH ? 1 : 0;
    case 6: case 13: case 14: case 17: case 18: case 19: {
      const v = load<i32>(d + (<usize>i << 2));
      return v == <i32>NI ? 1 : v == <i32>WI ? 2 : v == -<i32>WI ? 3 : 0;
    }
    case 7: case 12: case 16: {
      const v = load<i64>(d + (<usize>i << 3));
      return v == NJ ? 1 : v == WJ ? 2 : v == -WJ ? 3 : 0;
    }
    case 8: case 9: case 15: {
      const x = t == 8 ? <f64>load<f32>(d + (<usize>i << 2)) : load<f64>(d + (<usize>i << 3));
      return x != x ? 1 : x == Infinity ? 2 : x == -Infinity ? 3 : 0;
    }
    default: return 0;
  }
}

/** Bare text of a null or infinity inside a vector: 0N 0W -0W, floats 0n 0w -0w, reals and datetimes 0N 0w -0w. */
function writeSpecial(t: i32, s: i32, o: usize): usize {
  if (s == 3) o = put(o, 45);
  o = put(o, 48);
  const lowerInf = t == 9 || t == 8 || t == 15;
  if (s == 1) return put(o, t == 9 ? 110 : 78);
  return put(o, lowerInf ? 119 : 87);
}

/** Text of a finite item, no suffix. */
function writeFinite(t: i32, d: usize, i: i32, P: i32, o: usize, ws: usize): usize {
  switch (t) {
    case 1: return put(o, load<u8>(d + <usize>i) ? 49 : 48);
    case 4: return writeHex2(<u32>load<u8>(d + <usize>i), o);
    case 5: case 6: case 7: return writeI64(intAt(t, d, i), o, ws);
    case 8: return writeG(<f64>load<f32>(d + (<usize>i << 2)), P, o, ws);
    case 9: return writeG(load<f64>(d + (<usize>i << 3)), P, o, ws);
    case 12: return writeTimestamp(load<i64>(d + (<usize>i << 3)), o, ws);
    case 13: return writeMonth(<i64>load<i32>(d + (<usize>i << 2)), o, ws);
    case 14: return writeDate(<i64>load<i32>(d + (<usize>i << 2)), o, ws);
    case 15: return writeDatetime(load<f64>(d + (<usize>i << 3)), o, ws);
    case 16: return writeTimespan(load<i64>(d + (<usize>i << 3)), o, ws);
    case 17: return writeMinute(<i64>load<i32>(d + (<usize>i << 2)), o, ws);
    case 18: return writeSecond(<i64>load<i32>(d + (<usize>i << 2)), o, ws);
    case 19: return writeTime(<i64>load<i32>(d + (<usize>i << 2)), o, ws);
    default: return o;
  }
}

/** True when float text has none of . e n w: q adds f to keep it a float. */
function looksIntegral(s: usize, e: usize): bool {
  for (let q = s; q < e; q++) {
    const c = load<u8>(q);
    if (c == 46 || c == 101 || c == 110 || c == 119) return false;
  }
  return true;
}

/** Text of item i of type t (1..19 but symbols) in a mode; returns the end. */
function writeItem(t: i32, d: usize, i: i32, P: i32, mode: i32, o: usize, ws: usize): usize {
  if (t == 2) return writeGuid(d + (<usize>i << 4), o);
  if (t == 10) {
    const c = <u32>load<u8>(d + <usize>i);
    if (mode == CELL) return put(o, c);
    if (mode == ATOM) { o = put(o, 34); o = writeEsc(c, o); return put(o, 34); }
    return writeEsc(c, o);
  }
  if (t == 5 && mode == ITEM) {
    // inside a vector the console writes 0W and -0W for shorts too
    const v = <i64>load<i16>(d + (<usize>i << 1));
    if (v == NH) return writeStr(o, "0N");
    if (v == WH) return writeStr(o, "0W");
    if (v == -WH) return writeStr(o, "-0W");
    return writeI64(v, o, ws);
  }
  const s = special(t, d, i);
  if (s != 0) {
    if (mode == CELL) return s == 1 ? o : writeSpecial(t, s, o);
    o = writeSpecial(t, s, o);
    if (mode == ITEM || t == 7 || t == 9) return o;
    return put(o, load<u8>(TYPE_CHAR + <usize>t));
  }
  if (mode != ATOM) return writeFinite(t, d, i, P, o, ws);
  if (t == 4) { o = put(o, 48); o = put(o, 120); }
  const b = o;
  o = writeFinite(t, d, i, P, o, ws);
  switch (t) {
    case 1: case 5: case 6: case 8: case 13: return put(o, load<u8>(TYPE_CHAR + <usize>t));
    case 9: return looksIntegral(b, o) ? put(o, 102) : o;
    default: return o;
  }
}

@inline function digitsFor(P: i32): i32 { return P == 0 ? 17 : P; }

const formattable = (t: i32): bool => t >= 1 && t <= 19 && t != 3;

// ------------------------------------------------------------ symbols

/** UTF-16 length of n UTF-8 bytes at p (what JS's s.length gives once decoded). */
function utf16Len(p: usize, n: u32): f64 {
  let k: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const c = <u32>load<u8>(p + i);
    if ((c & 0xc0) != 0x80) k++;   // a lead or ASCII byte starts a code point
    if (c >= 0xf0) k++;            // 4-byte sequences are surrogate pairs
  }
  return <f64>k;
}

/** The text of symbol item i, with the backtick unless mode is CELL. */
@inline function writeSym(d: usize, i: i32, mode: i32, o: usize): usize {
  const id = load<i32>(d + (<usize>i << 2));
  if (mode != CELL) o = put(o, 96);
  const n = symLen(id);
  memory.copy(o, symPtr(id), n);
  return o + n;
}

/** Bytes the first n symbols of d take, at most, in any mode. */
function symBytes(d: usize, n: i32): u64 {
  let b: u64 = 0;
  for (let i = 0; i < n; i++) b += <u64>symLen(load<i32>(d + (<usize>i << 2))) + 1;
  return b;
}

/** The console line of a symbol vector: `a`b`c, stopping once past budget. */
function joinSyms(p: usize, budget: f64): usize {
  const n = <i32>nn(p), d = dat(p);
  let len: f64 = 0;
  let m = 0, bytes: u64 = 0;
  for (; m < n && len <= budget; m++) {
    if (stopAt(<usize>m)) return stopped();
    const id = load<i32>(d + (<usize>m << 2));
    const k = symLen(id);
    bytes += <u64>k + 1;
    len += utf16Len(symPtr(id), k) + 1;
  }
  if (m == 0) bytes = 1;
  if (bytes > 0x7fff0000) return fail(EWSFULL);
  const out = ga(10, <u32>bytes);
  if (!out) return fail(EWSFULL);
  let o = dat(out);
  if (m == 0) o = put(o, 96);
  for (let i = 0; i < m; i++) o = writeSym(d, i, ITEM, o);
  return out;
}

// ------------------------------------------------------------ drivers

/** A char vector of cap bytes whose first `used` bytes are copied from old (old released). */
function regrow(old: usize, used: usize, cap: u64): usize {
  if (cap > 0x7fff0000) return 0;
  const p = ga(10, <u32>cap);
  if (!p) { r0(old); return 0; }
  memory.copy(dat(p), dat(old), used);
  r0(old);
  return p;
}

/** The console line of a simple numeric or temporal vector (display.ts vectorBody), budget in chars. */
export function fmt_join(p: usize, P: i32, budget: f64): usize {
  const w = ga(4, WS_BYTES);
  if (!w) return fail(EWSFULL);
  const r = joinWith(p, P, budget, dat(w));
  r0(w);
  return r;
}
function joinWith(p: usize, P: i32, budget: f64, ws: usize): usize {
  const t = tt(p);
  if (t == 11) return joinSyms(p, budget);
  if (!((t >= 5 && t <= 9) || (t >= 12 && t <= 19))) return fail(ETYPE);
  const n = <i32>nn(p), d = dat(p), pd = digitsFor(P);
  // about 12 chars an item, or what the budget lets through; grown when short
  let cap: u64 = min<u64>(<u64>n * 12 + 64, 1 << 24);
  if (budget < 1e9) cap = min<u64>(cap, <u64>budget + <u64>(2 * MAXW + 64));
  let out = ga(10, <u32>cap);
  if (!out) return fail(EWSFULL);
  let o = dat(out);
  let len: f64 = 0;
  let allSpecial = true, integral = true;
  for (let i = 0; i < n && len <= budget; i++) {
    if (stopAt(<usize>i)) { r0(out); return stopped(); }
    let used = o - dat(out);
    if (<u64>used + <u64>MAXW + 2 > cap) {
      cap = cap * 2;
      out = regrow(out, used, cap);
      if (!out) return fail(EWSFULL);
      o = dat(out) + used;
    }
    if (i > 0) o = put(o, 32);
    const b = o;
    o = writeItem(t, d, i, pd, ITEM, o, ws);
    if (allSpecial && special(t, d, i) == 0) allSpecial = false;
    if (t == 9 && integral && !looksIntegral(b, o)) integral = false;
    len += <f64>(o - b) + 1;
  }
  switch (t) {
    case 5: case 6: case 8: case 13: o = put(o, load<u8>(TYPE_CHAR + <usize>t)); break;
    case 9: if (integral) o = put(o, 102); break;
    case 12: case 14: case 15: case 16: case 17: case 18: case 19:
      if (allSpecial) o = put(o, load<u8>(TYPE_CHAR + <usize>t));
      break;
    default: break;
  }
  store<i64>(out + 8, <i64>(o - dat(out)));
  return out;
}

/** `string x` of a simple vector or atom (not symbols): one char vector per item. */
export function fmt_list(p: usize, P: i32): usize {
  const w = ga(4, WS_BYTES);
  if (!w) return fail(EWSFULL);
  const r = listWith(p, P, dat(w));
  r0(w);
  return r;
}
function listWith(p: usize, P: i32, ws: usize): usize {
  let t = tt(p);
  const atom = t < 0;
  if (atom) t = -t;
  if (!formattable(t)) return fail(ETYPE);
  const d = dat(p), pd = digitsFor(P);
  if (t == 11) return symStrings(d, atom ? -1 : <i32>nn(p));
  if (atom) {
    const e = writeItem(t, d, 0, pd, CELL, ITEMBUF(ws), ws);
    const c = ga(10, <u32>(e - ITEMBUF(ws)));
    if (!c) return fail(EWSFULL);
    memory.copy(dat(c), ITEMBUF(ws), e - ITEMBUF(ws));
    return c;
  }
  const n = <i32>nn(p);
  const out = ga(0, n);
  if (!out) return fail(EWSFULL);
  const od = dat(out);
  for (let i = 0; i < n; i++) {
    if (stopAt(<usize>i)) { store<i64>(out + 8, <i64>i); r0(out); return stopped(); }
    const e = writeItem(t, d, i, pd, CELL, ITEMBUF(ws), ws);
    const len = e - ITEMBUF(ws);
    const c = ga(10, <u32>len);
    if (!c) { store<i64>(out + 8, <i64>i); r0(out); return fail(EWSFULL); }
    memory.copy(dat(c), ITEMBUF(ws), len);
    store<u32>(od + (<usize>i << 2), <u32>c);
  }
  return out;
}

/** `string` of symbols: each one's bytes as a char vector (n < 0: one atom). */
function symStrings(d: usize, n: i32): usize {
  if (n < 0) {
    const id = load<i32>(d);
    const c = ga(10, symLen(id));
    if (!c) return fail(EWSFULL);
    memory.copy(dat(c), symPtr(id), symLen(id));
    return c;
  }
  const out = ga(0, n);
  if (!out) return fail(EWSFULL);
  const od = dat(out);
  for (let i = 0; i < n; i++) {
    if (stopAt(<usize>i)) { store<i64>(out + 8, <i64>i); r0(out); return stopped(); }
    const id = load<i32>(d + (<usize>i << 2));
    const c = ga(10, symLen(id));
    if (!c) { store<i64>(out + 8, <i64>i); r0(out); return fail(EWSFULL); }
    memory.copy(dat(c), symPtr(id), symLen(id));
    store<u32>(od + (<usize>i << 2), <u32>c);
  }
  return out;
}

/** Texts of the first n items (or the atom) in a mode: (chars; n+1 int offsets). */
export function fmt_cells(p: usize, P: i32, mode: i32, n: i32): usize {
  const w = ga(4, WS_BYTES);
  if (!w) return fail(EWSFULL);
  const r = cellsWith(p, P, mode, n, dat(w));
  r0(w);
  return r;
}
function cellsWith(p: usize, P: i32, mode: i32, n: i32, ws: usize): usize {
  let t = tt(p);
  if (t < 0) { t = -t; n = 1; }
  if (!formattable(t)) return fail(ETYPE);
  const d = dat(p), pd = digitsFor(P);
  const offs = ga(6, <u32>(n + 1));
  if (!offs) return fail(EWSFULL);
  const cap: u64 = t == 11 ? symBytes(d, n) + 16 : <u64>n * MAXW + 16;
  if (cap > 0x7fff0000) { r0(offs); return fail(EWSFULL); }
  const text = ga(10, <u32>cap);
  if (!text) { r0(offs); return fail(EWSFULL); }
  const out = ga(0, 2);
  if (!out) { r0(offs); r0(text); return fail(EWSFULL); }
  store<u32>(dat(out), <u32>text);
  store<u32>(dat(out) + 4, <u32>offs);
  const base = dat(text);
  let o = base;
  for (let i = 0; i < n; i++) {
    if (stopAt(<usize>i)) { r0(out); return stopped(); }
    store<i32>(dat(offs) + (<usize>i << 2), <i32>(o - base));
    o = t == 11 ? writeSym(d, i, mode, o) : writeItem(t, d, i, pd, mode, o, ws);
  }
  store<i32>(dat(offs) + (<usize>n << 2), <i32>(o - base));
  store<i64>(text + 8, <i64>(o - base));
  return out;
}

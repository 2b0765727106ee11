// Sort kernels: grades (iasc/idesc) and value sorts (asc/desc).
//
// Every orderable storage class is mapped to an unsigned KEY whose unsigned
// order is q's order (nulls are the minimum):
//
//   mode   storage            key
//   M_G    u8  (b x c)        the byte
//   M_H    i16                x ^ 0x8000            (0Nh -> 0)
//   M_I    i32 (i m d u v t)  x ^ 0x80000000
//   M_J    i64 (j p n)        x ^ 1<<63
//   M_U32  u32 (ranks)        x
//   M_E    f32                IEEE total order, NaN (0n) -> 0, -0 -> +0   (grades)
//   M_F    f64 (f z)          same for f64
//   M_EB   f32                bijective: total order rotated so every NaN is
//   M_FB   f64                below -inf; exact bits survive (value sorts)
//
// Grades are a stable LSD radix argsort on 8-bit digits (4 passes for 32-bit
// keys, 8 for 64-bit). One read pass builds every digit's histogram; a digit
// on which all keys agree is skipped (dates, small-range longs, symbol ranks
// need 1-2 passes). Key and index travel as one entry, so each of the 256
// buckets is a single write stream: 8 bytes (32-bit key | index), 16 bytes
// for 64-bit keys until only high-half digits remain, then 8 again. The first
// pass reads the source through the key transform, the last writes i64
// indices straight into the result. Descending grades complement the key: the
// sort stays stable, so equal items keep index order (as q's idesc does).
// Value sorts (asc/desc) run the same passes on keys alone and invert the
// transform on the last pass, so exact bits (NaN payloads, -0) survive.
//
// Limits: every pass is a scatter bound by memory bandwidth and by the number
// of concurrent write streams (TLB and write-combining): 8-bit digits beat
// 11-bit ones here (also in a C baseline on this machine), so random 64-bit
// keys cost 8 passes; an MSD-first hybrid (buckets finished in cache) measured
// no better and was dropped. Small inputs (< 48) use insertion.

import { sysAlloc, sysFree, fail } from "../mem";
import { symCmp, symCount } from "../sym";
import { EWSFULL, EDOMAIN } from "../shared/types";
import { stopAt, stopNow, stopped, POLL_ITEMS } from "../poll";

/** HIST's answer when asked to stop; grades and sorts return it as -3. */
const HSTOP: u32 = 0xffffffff;

export const M_G: i32 = 0;
export const M_H: i32 = 1;
export const M_I: i32 = 2;
export const M_J: i32 = 3;
export const M_U32: i32 = 4;
export const M_E: i32 = 5;
export const M_F: i32 = 6;
export const M_EB: i32 = 7;
export const M_FB: i32 = 8;
export const M_MAP: i32 = 9; // u32 ids looked up in a u32 table (aux): symbol ranks

const RB: u32 = 8;
const RADIX: u32 = 1 << RB;
const RMASK: u32 = RADIX - 1;
const SMALL: u32 = 48;

// ---------------------------------------------------------------------------
// keys

/** The order key of item i. */
@inline export function KEY<U>(mode: i32, src: usize, i: usize, aux: usize = 0): U {
  switch (mode) {
    case M_MAP: return <U>load<u32>(aux + (<usize>load<u32>(src + (i << 2)) << 2));
    case M_G: return <U>load<u8>(src + i);
    case M_H: return <U>(<u32>load<u16>(src + (i << 1)) ^ 0x8000);
    case M_I: return <U>(load<u32>(src + (i << 2)) ^ 0x80000000);
    case M_U32: return <U>load<u32>(src + (i << 2));
    case M_J: return <U>(load<u64>(src + (i << 3)) ^ 0x8000000000000000);
    case M_E: {
      const x = load<f32>(src + (i << 2));
      if (x != x) return <U>0;
      const b = reinterpret<u32>(x + 0.0); // -0 + 0 = +0
      return <U>(b ^ (<u32>(<i32>b >> 31) | 0x80000000));
    }
    case M_F: {
      const x = load<f64>(src + (i << 3));
      if (x != x) return <U>0;
      const b = reinterpret<u64>(x + 0.0);
      return <U>(b ^ (<u64>(<i64>b >> 63) | 0x8000000000000000));
    }
    case M_EB: {
      const b = load<u32>(src + (i << 2));
      return <U>((b ^ (<u32>(<i32>b >> 31) | 0x80000000)) + 0x007fffff);
    }
    case M_FB: {
      const b = load<u64>(src + (i << 3));
      return <U>((b ^ (<u64>(<i64>b >> 63) | 0x8000000000000000)) + 0x000fffffffffffff);
    }
  }
  return <U>0;
}

/** Stores the value whose key is k (inverse of KEY; value-sort modes only). */
@inline function UNKEY<U>(mode: i32, dst: usize, i: usize, k: U): void {
  switch (mode) {
    case M_G: store<u8>(dst + i, <u8>k); break;
    case M_H: store<u16>(dst + (i << 1), <u16>(<u32>k ^ 0x8000)); break;
    case M_I: store<u32>(dst + (i << 2), <u32>k ^ 0x80000000); break;
    case M_U32: store<u32>(dst + (i << 2), <u32>k); break;
    case M_J: store<u64>(dst + (i << 3), <u64>k ^ 0x8000000000000000); break;
    case M_EB: {
      const b = <u32>k - 0x007fffff;
      store<u32>(dst + (i << 2), (b & 0x80000000) ? b ^ 0x80000000 : ~b);
      break;
    }
    case M_FB: {
      const b = <u64>k - 0x000fffffffffffff;
      store<u64>(dst + (i << 3), (b & 0x8000000000000000) ? b ^ 0x8000000000000000 : ~b);
      break;
    }
  }
}

@inline function DIGITS<U>(): u32 { return sizeof<U>() == 8 ? 8 : 4; }

// ---------------------------------------------------------------------------
// histograms

@inline function HINC<U>(h: usize, k: U, d: u32): void {
  const a = h + ((<usize>(d * RADIX + (<u32>(k >> <U>(d * RB)) & RMASK))) << 2);
  store<u32>(a, load<u32>(a) + 1);
}

/** Counts every digit of every key; returns the mask of active (non-constant) digits (HSTOP: stop). */
@inline function HIST<U>(mode: i32, src: usize, n: u32, desc: bool, h: usize, aux: usize = 0): u32 {
  const D = DIGITS<U>();
  memory.fill(h, 0, <usize>(D * RADIX) << 2);
  for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
    if (c0 && stopNow()) return HSTOP;
    for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
      let k = KEY<U>(mode, src, i, aux);
      if (desc) k = ~k;
      HINC<U>(h, k, 0); HINC<U>(h, k, 1); HINC<U>(h, k, 2);
      if (D > 3) HINC<U>(h, k, 3);
      if (D > 4) { HINC<U>(h, k, 4); HINC<U>(h, k, 5); }
      if (D > 6) { HINC<U>(h, k, 6); HINC<U>(h, k, 7); }
    }
  }
  // active digits; turn counts into exclusive offsets
  let k0 = KEY<U>(mode, src, 0, aux);
  if (desc) k0 = ~k0;
  let act: u32 = 0;
  for (let d: u32 = 0; d < D; d++) {
    const hd = h + (<usize>(d * RADIX) << 2);
    const dig = <u32>(k0 >> <U>(d * RB)) & RMASK;
    if (load<u32>(hd + (<usize>dig << 2)) == n) continue;
    act |= 1 << d;
    let s: u32 = 0;
    for (let j: u32 = 0; j < RADIX; j++) {
      const a = hd + (<usize>j << 2);
      const c = load<u32>(a);
      store<u32>(a, s);
      s += c;
    }
  }
  return act;
}

// ---------------------------------------------------------------------------
// grades

/** Stable insertion grade for short inputs. */
@inline function GRADE_SMALL<U>(mode: i32, src: usize, n: u32, out: usize, desc: bool, aux: usize = 0): void {
  for (let i: u32 = 0; i < n; i++) {
    let k = KEY<U>(mode, src, i, aux);
    if (desc) k = ~k;
    let j = i;
    while (j > 0) {
      const pj = <usize>load<i64>(out + (<usize>(j - 1) << 3));
      let kj = KEY<U>(mode, src, pj, aux);
      if (desc) kj = ~kj;
      if (kj <= k) break;
      store<i64>(out + (<usize>j << 3), <i64>pj);
      j--;
    }
    store<i64>(out + (<usize>j << 3), <i64>i);
  }
}

/** Stable radix grade of n keys into out (i64 indices). 0 ok, -1 'wsfull.
 *  Key and index travel together as one entry, so each bucket is a single
 *  write stream: 32-bit keys as a u64 (key << 32 | index), 64-bit keys as a
 *  v128 (key, index), or as 32-bit keys when their high half is constant. */
@inline function GRADE<U>(mode: i32, src: usize, n: u32, out: usize, desc: bool, aux: usize = 0): i32 {
  if (n < SMALL) { GRADE_SMALL<U>(mode, src, n, out, desc, aux); return 0; }
  const D = DIGITS<U>();
  const hb = sysAlloc(16 + (<u64>(D * RADIX) << 2));
  if (!hb) return -1;
  const h = hb + 16;
  const act = HIST<U>(mode, src, n, desc, h, aux);
  if (act == HSTOP) { sysFree(hb); return -3; }
  const na = popcnt(act);
  if (na == 0) {
    for (let i: u32 = 0; i < n; i++) store<i64>(out + (<usize>i << 3), <i64>i);
    sysFree(hb);
    return 0;
  }
  // 64-bit keys whose high half never varies travel as 32-bit keys
  const narrow = sizeof<U>() == 4 || (act >> 4) == 0;
  const ES: usize = narrow ? 8 : 16;
  let ea: usize = 0, eb: usize = 0, bufA: usize = 0, bufB: usize = 0;
  if (na >= 2) {
    bufA = sysAlloc(16 + <u64>n * ES);
    if (!bufA) { sysFree(hb); return -1; }
    ea = bufA + 16;
  }
  if (na >= 3) {
    bufB = sysAlloc(16 + <u64>n * ES);
    if (!bufB) { sysFree(bufA); sysFree(hb); return -1; }
    eb = bufB + 16;
  }
  // entry formats: LO 32-bit key in the high half of a u64 (| index), WIDE
  // v128 (key, index), HI the key's high 32 bits in place (| index): once
  // only digits of the high half remain, 64-bit keys shrink to 8 bytes
  const LO = 1, WIDE = 2, HI = 3;
  let fmt = 0;
  let pass: u32 = 0;
  let ein: usize = 0, eout = ea;
  let stop = false;
  for (let d: u32 = 0; d < D && !stop; d++) {
    if (!(act & (1 << d))) continue;
    const hd = h + (<usize>(d * RADIX) << 2);
    const sh = <U>(d * RB);
    const last = pass == na - 1;
    // what this pass writes
    const w = last ? 0 : narrow ? LO : (act & ~((<u32>2 << d) - 1) & 0xf) == 0 ? HI : WIDE;
    if (pass == 0) {
      for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
        if (c0 && stopNow()) { stop = true; break; }
        for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
          let k = KEY<U>(mode, src, i, aux);
          if (desc) k = ~k;
          const a = hd + (<usize>(<u32>(k >> sh) & RMASK) << 2);
          const p = <usize>load<u32>(a); store<u32>(a, <u32>p + 1);
          if (w == 0) store<i64>(out + (p << 3), <i64>i);
          else if (w == LO) store<u64>(eout + (p << 3), (<u64>(<u32>k) << 32) | <u64>i);
          else if (w == HI) store<u64>(eout + (p << 3), (<u64>k & 0xffffffff00000000) | <u64>i);
          else v128.store(eout + (p << 4), i64x2.replace_lane(i64x2.splat(<i64>k), 1, <i64>i));
        }
      }
    } else if (fmt != WIDE) {
      const sh2 = <u64>(d * RB) + (fmt == LO ? 32 : 0);
      for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
        if (c0 && stopNow()) { stop = true; break; }
        for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
          const e = load<u64>(ein + (i << 3));
          const a = hd + (<usize>(<u32>(e >> sh2) & RMASK) << 2);
          const p = <usize>load<u32>(a); store<u32>(a, <u32>p + 1);
          if (last) store<i64>(out + (p << 3), <i64>(e & 0xffffffff));
          else store<u64>(eout + (p << 3), e);
        }
      }
    } else {
      for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
        if (c0 && stopNow()) { stop = true; break; }
        for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
          const e = v128.load(ein + (i << 4));
          const k = <u64>i64x2.extract_lane(e, 0);
          const a = hd + (<usize>(<u32>(k >> <u64>sh) & RMASK) << 2);
          const p = <usize>load<u32>(a); store<u32>(a, <u32>p + 1);
          if (w == 0) store<i64>(out + (p << 3), i64x2.extract_lane(e, 1));
          else if (w == HI) store<u64>(eout + (p << 3), (k & 0xffffffff00000000) | <u64>i64x2.extract_lane(e, 1));
          else v128.store(eout + (p << 4), e);
        }
      }
    }
    fmt = w;
    pass++;
    ein = eout;
    eout = eout == ea ? eb : ea;
  }
  if (bufB) sysFree(bufB);
  if (bufA) sysFree(bufA);
  sysFree(hb);
  return stop ? -3 : 0;
}

/** Stable value sort of n keys into dst (same storage as src). */
@inline function SORTV<U>(mode: i32, src: usize, n: u32, dst: usize, desc: bool): i32 {
  const W: usize = sizeof<U>();
  const D = DIGITS<U>();
  if (n == 0) return 0;
  const hb = sysAlloc(16 + (<u64>(D * RADIX) << 2));
  if (!hb) return -1;
  const h = hb + 16;
  const act = HIST<U>(mode, src, n, desc, h);
  if (act == HSTOP) { sysFree(hb); return -3; }
  const na = popcnt(act);
  if (na == 0) {
    if (dst != src) memory.copy(dst, src, <usize>n * W);
    sysFree(hb);
    return 0;
  }
  let ka: usize = 0, kb: usize = 0, bufA: usize = 0, bufB: usize = 0;
  if (na >= 2) {
    bufA = sysAlloc(16 + <u64>n * W);
    if (!bufA) { sysFree(hb); return -1; }
    ka = bufA + 16;
  }
  if (na >= 3) {
    bufB = sysAlloc(16 + <u64>n * W);
    if (!bufB) { sysFree(bufA); sysFree(hb); return -1; }
    kb = bufB + 16;
  }
  let pass: u32 = 0;
  let kin: usize = 0, kout = ka;
  let stop = false;
  for (let d: u32 = 0; d < D && !stop; d++) {
    if (!(act & (1 << d))) continue;
    const hd = h + (<usize>(d * RADIX) << 2);
    const sh = <U>(d * RB);
    const last = pass == na - 1;
    if (pass == 0) {
      if (last) {
        for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
          if (c0 && stopNow()) { stop = true; break; }
          for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
            let k = KEY<U>(mode, src, i);
            if (desc) k = ~k;
            const a = hd + (<usize>(<u32>(k >> sh) & RMASK) << 2);
            const p = load<u32>(a); store<u32>(a, p + 1);
            UNKEY<U>(mode, dst, <usize>p, desc ? ~k : k);
          }
        }
      } else {
        for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
          if (c0 && stopNow()) { stop = true; break; }
          for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
            let k = KEY<U>(mode, src, i);
            if (desc) k = ~k;
            const a = hd + (<usize>(<u32>(k >> sh) & RMASK) << 2);
            const p = <usize>load<u32>(a); store<u32>(a, <u32>p + 1);
            store<U>(kout + p * W, k);
          }
        }
      }
    } else if (last) {
      for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
        if (c0 && stopNow()) { stop = true; break; }
        for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
          const k = load<U>(kin + i * W);
          const a = hd + (<usize>(<u32>(k >> sh) & RMASK) << 2);
          const p = load<u32>(a); store<u32>(a, p + 1);
          UNKEY<U>(mode, dst, <usize>p, desc ? ~k : k);
        }
      }
    } else {
      for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
        if (c0 && stopNow()) { stop = true; break; }
        for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
          const k = load<U>(kin + i * W);
          const a = hd + (<usize>(<u32>(k >> sh) & RMASK) << 2);
          const p = <usize>load<u32>(a); store<u32>(a, <u32>p + 1);
          store<U>(kout + p * W, k);
        }
      }
    }
    pass++;
    kin = kout;
    kout = kout == ka ? kb : ka;
  }
  if (bufB) sysFree(bufB);
  if (bufA) sysFree(bufA);
  sysFree(hb);
  return stop ? -3 : 0;
}

// ---------------------------------------------------------------------------
// one-byte types: counting sorts

function grade1(src: usize, n: u32, out: usize, desc: bool): i32 {
  const hb = sysAlloc(16 + 1024);
  if (!hb) return -1;
  const h = hb + 16;
  memory.fill(h, 0, 1024);
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = h + (<usize>(desc ? 255 - load<u8>(src + i) : load<u8>(src + i)) << 2);
    store<u32>(a, load<u32>(a) + 1);
  }
  let s: u32 = 0;
  for (let j: usize = 0; j < 256; j++) { const c = load<u32>(h + (j << 2)); store<u32>(h + (j << 2), s); s += c; }
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = h + (<usize>(desc ? 255 - load<u8>(src + i) : load<u8>(src + i)) << 2);
    const p = load<u32>(a); store<u32>(a, p + 1);
    store<i64>(out + (<usize>p << 3), <i64>i);
  }
  sysFree(hb);
  return 0;
}

function sort1(src: usize, n: u32, dst: usize, desc: bool): i32 {
  const hb = sysAlloc(16 + 1024);
  if (!hb) return -1;
  const h = hb + 16;
  memory.fill(h, 0, 1024);
  for (let i: usize = 0; i < <usize>n; i++) {
    const a = h + (<usize>load<u8>(src + i) << 2);
    store<u32>(a, load<u32>(a) + 1);
  }
  let p: usize = 0;
  for (let j = 0; j < 256; j++) {
    const v = desc ? 255 - j : j;
    const c = <usize>load<u32>(h + (<usize>v << 2));
    if (c) { memory.fill(dst + p, <u8>v, c); p += c; }
  }
  sysFree(hb);
  return 0;
}

// ---------------------------------------------------------------------------
// guids: stable merge grade on 16-byte big-endian keys

@inline function guidLess(src: usize, a: u32, b: u32): bool {
  const pa = src + (<usize>a << 4), pb = src + (<usize>b << 4);
  const a0 = bswap<u64>(load<u64>(pa)), b0 = bswap<u64>(load<u64>(pb));
  if (a0 != b0) return a0 < b0;
  return bswap<u64>(load<u64>(pa, 8)) < bswap<u64>(load<u64>(pb, 8));
}

@inline function guidCmp(src: usize, a: u32, b: u32): i32 {
  return guidLess(src, a, b) ? -1 : guidLess(src, b, a) ? 1 : 0;
}

@inline function symLess(src: usize, a: u32, b: u32): bool {
  return symCmp(load<i32>(src + (<usize>a << 2)), load<i32>(src + (<usize>b << 2))) < 0;
}

/** Bottom-up stable merge sort of u32 indices in idx (n items) using tmp;
 *  cmpKind 0: guids at src, 1: symbol ids at src. Returns the buffer holding the result. */
function mergeGrade(src: usize, idx: usize, tmp: usize, n: u32, cmpKind: i32, desc: bool): usize {
  // runs of 8 by insertion
  for (let s: u32 = 0; s < n; s += 8) {
    if (stopAt(s)) return 0;
    const e = min(s + 8, n);
    for (let i = s + 1; i < e; i++) {
      const v = load<u32>(idx + (<usize>i << 2));
      let j = i;
      while (j > s) {
        const u = load<u32>(idx + (<usize>(j - 1) << 2));
        const gt = cmpKind == 0 ? (desc ? guidLess(src, u, v) : guidLess(src, v, u))
          : (desc ? symLess(src, u, v) : symLess(src, v, u));
        if (!gt) break;
        store<u32>(idx + (<usize>j << 2), u);
        j--;
      }
      store<u32>(idx + (<usize>j << 2), v);
    }
  }
  let a = idx, b = tmp;
  for (let w: u32 = 8; w < n; w <<= 1) {
    for (let lo: u32 = 0; lo < n; lo += w << 1) {
      if (stopAt(lo)) return 0;
      const mid = min(lo + w, n), hi = min(lo + (w << 1), n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const u = load<u32>(a + (<usize>i << 2)), v = load<u32>(a + (<usize>j << 2));
        // take from the right only when it is strictly before the left
        const right = cmpKind == 0 ? (desc ? guidLess(src, u, v) : guidLess(src, v, u))
          : (desc ? symLess(src, u, v) : symLess(src, v, u));
        if (right) { store<u32>(b + (<usize>k << 2), v); j++; } else { store<u32>(b + (<usize>k << 2), u); i++; }
        k++;
      }
      while (i < mid) { store<u32>(b + (<usize>k << 2), load<u32>(a + (<usize>i << 2))); i++; k++; }
      while (j < hi) { store<u32>(b + (<usize>k << 2), load<u32>(a + (<usize>j << 2))); j++; k++; }
    }
    const t = a; a = b; b = t;
  }
  return a;
}

function gradeU(src: usize, n: u32, out: usize, desc: bool): i32 { return gradeMerge(src, n, out, desc, 0); }

/** Comparison grade (guids; symbols when a rank table would cost more than the sort). */
function gradeMerge(src: usize, n: u32, out: usize, desc: bool, kind: i32): i32 {
  const buf = sysAlloc(16 + (<u64>n << 3));
  if (!buf) return -1;
  const idx = buf + 16, tmp = idx + (<usize>n << 2);
  for (let i: u32 = 0; i < n; i++) store<u32>(idx + (<usize>i << 2), i);
  if (kind == 1) {
    const cnt = <u32>symCount();
    for (let i: usize = 0; i < <usize>n; i++) if (load<u32>(src + (i << 2)) >= cnt) { sysFree(buf); return -2; }
  }
  const r = mergeGrade(src, idx, tmp, n, kind, desc);
  if (!r) { sysFree(buf); return -3; }
  for (let i: usize = 0; i < <usize>n; i++) store<i64>(out + (i << 3), <i64>load<u32>(r + (i << 2)));
  sysFree(buf);
  return 0;
}

// ---------------------------------------------------------------------------
// symbols: rank each distinct id once (by text), then radix the ranks

/** Fills keys (u32 per item) with the text rank of each symbol; writes the
 *  sorted distinct ids to ids (when non-zero, capacity n). Returns the distinct
 *  count, -1 on 'wsfull, -2 on an id outside the symbol table. */
function symRanks(src: usize, n: u32, keys: usize, ids: usize): i32 {
  const cnt = <u32>symCount();
  const mb = sysAlloc(16 + (<u64>cnt << 2));
  if (!mb) return -1;
  const mark = mb + 16;
  memory.fill(mark, 0xff, <usize>cnt << 2);
  const dcap = min(n, cnt);
  const db = sysAlloc(16 + (<u64>dcap << 3));
  if (!db) { sysFree(mb); return -1; }
  const dl = db + 16, tmp = dl + (<usize>dcap << 2);
  let m: u32 = 0;
  for (let i: usize = 0; i < <usize>n; i++) {
    const id = load<u32>(src + (i << 2));
    if (id >= cnt) { sysFree(db); sysFree(mb); return -2; }
    const a = mark + (<usize>id << 2);
    if (load<u32>(a) == 0xffffffff) { store<u32>(a, m); store<u32>(dl + (<usize>m << 2), id); m++; }
  }
  // sort the distinct ids by text: ids are the "source", indices are themselves
  const r = mergeGradeIds(dl, tmp, m);
  for (let k: u32 = 0; k < m; k++) {
    const id = load<u32>(r + (<usize>k << 2));
    store<u32>(mark + (<usize>id << 2), k);
    if (ids) store<u32>(ids + (<usize>k << 2), id);
  }
  for (let i: usize = 0; i < <usize>n; i++) {
    store<u32>(keys + (i << 2), load<u32>(mark + (<usize>load<u32>(src + (i << 2)) << 2)));
  }
  sysFree(db); sysFree(mb);
  return <i32>m;
}

/** Merge sort of symbol ids by text (ids are distinct, so stability is moot). */
function mergeGradeIds(a0: usize, b0: usize, n: u32): usize {
  let a = a0, b = b0;
  for (let s: u32 = 0; s < n; s += 8) {
    const e = min(s + 8, n);
    for (let i = s + 1; i < e; i++) {
      const v = load<i32>(a + (<usize>i << 2));
      let j = i;
      while (j > s) {
        const u = load<i32>(a + (<usize>(j - 1) << 2));
        if (symCmp(v, u) >= 0) break;
        store<i32>(a + (<usize>j << 2), u);
        j--;
      }
      store<i32>(a + (<usize>j << 2), v);
    }
  }
  for (let w: u32 = 8; w < n; w <<= 1) {
    for (let lo: u32 = 0; lo < n; lo += w << 1) {
      const mid = min(lo + w, n), hi = min(lo + (w << 1), n);
      let i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        const u = load<i32>(a + (<usize>i << 2)), v = load<i32>(a + (<usize>j << 2));
        if (symCmp(v, u) < 0) { store<i32>(b + (<usize>k << 2), v); j++; } else { store<i32>(b + (<usize>k << 2), u); i++; }
        k++;
      }
      while (i < mid) { store<i32>(b + (<usize>k << 2), load<i32>(a + (<usize>i << 2))); i++; k++; }
      while (j < hi) { store<i32>(b + (<usize>k << 2), load<i32>(a + (<usize>j << 2))); j++; k++; }
    }
    const t = a; a = b; b = t;
  }
  return a;
}

/** Few symbols among many interned: compare texts instead of ranking every id. */
@inline function fewSyms(n: u32): bool { return n < 64 || (<u64>n << 4) < <u64>symCount(); }

/** Every id is below cnt (unsigned). */
function idsBelow(src: usize, n: u32, cnt: u32): bool {
  const lim = i32x4.splat(<i32>cnt);
  let bad = i32x4.splat(0);
  let i: usize = 0;
  const e = <usize>n & ~3;
  for (; i < e; i += 4) bad = v128.or(bad, i32x4.ge_u(v128.load(src + (i << 2)), lim));
  if (v128.any_true(bad)) return false;
  for (; i < <usize>n; i++) if (load<u32>(src + (i << 2)) >= cnt) return false;
  return true;
}

function gradeS(src: usize, n: u32, out: usize, desc: bool): i32 {
  if (fewSyms(n)) return gradeMerge(src, n, out, desc, 1);
  // rank table over the whole symbol table: ids -> rank of their text among
  // the ids present; the radix then reads ranks through it (no key array)
  const cnt = <u32>symCount();
  const mb = sysAlloc(16 + (<u64>cnt << 2));
  if (!mb) return -1;
  const mark = mb + 16;
  memory.fill(mark, 0xff, <usize>cnt << 2);
  // few interned symbols against a long vector: rank them all (no scan of the
  // vector for its distinct ids, only a SIMD range check); else rank the ids present
  const all = (<u64>cnt << 4) <= <u64>n;
  const dcap = all ? cnt : min(n, cnt);
  const db = sysAlloc(16 + (<u64>dcap << 3));
  if (!db) { sysFree(mb); return -1; }
  const dl = db + 16, tmp = dl + (<usize>dcap << 2);
  let m: u32 = 0;
  if (all) {
    if (!idsBelow(src, n, cnt)) { sysFree(db); sysFree(mb); return -2; }
    for (; m < cnt; m++) store<u32>(dl + (<usize>m << 2), m);
  } else {
    for (let i: usize = 0; i < <usize>n; i++) {
      const id = load<u32>(src + (i << 2));
      if (id >= cnt) { sysFree(db); sysFree(mb); return -2; }
      const a = mark + (<usize>id << 2);
      if (load<u32>(a) == 0xffffffff) { store<u32>(a, m); store<u32>(dl + (<usize>m << 2), id); m++; }
    }
  }
  const r = mergeGradeIds(dl, tmp, m);
  for (let k: u32 = 0; k < m; k++) store<u32>(mark + (<usize>load<u32>(r + (<usize>k << 2)) << 2), k);
  sysFree(db);
  const res = GRADE<u32>(M_MAP, src, n, out, desc, mark);
  sysFree(mb);
  return res;
}

function sortS(src: usize, n: u32, dst: usize, desc: bool): i32 {
  if (fewSyms(n)) {
    const gb = sysAlloc(16 + (<u64>n << 3));
    if (!gb) return -1;
    const g = gb + 16;
    const r = gradeMerge(src, n, g, desc, 1);
    if (r == 0) for (let i: usize = 0; i < <usize>n; i++) store<u32>(dst + (i << 2), load<u32>(src + (<usize>load<i64>(g + (i << 3)) << 2)));
    sysFree(gb);
    return r;
  }
  const kb = sysAlloc(16 + (<u64>n << 3));
  if (!kb) return -1;
  const keys = kb + 16, ids = keys + (<usize>n << 2);
  const m = symRanks(src, n, keys, ids);
  if (m < 0) { sysFree(kb); return m; }
  const r = SORTV<u32>(M_U32, keys, n, dst, desc);
  if (r == 0) {
    for (let i: usize = 0; i < <usize>n; i++) {
      store<u32>(dst + (i << 2), load<u32>(ids + (<usize>load<u32>(dst + (i << 2)) << 2)));
    }
  }
  sysFree(kb);
  return r;
}

// ---------------------------------------------------------------------------
// exports: grade_<C>(src, n, out i64, desc) and sort_<C>(src, n, dst, desc).
// 0 on success; on failure the engine error is set and the result is 0.

@inline function done(r: i32): i32 {
  if (r == -1) { fail(EWSFULL); return 0; }
  if (r == -2) { fail(EDOMAIN); return 0; }
  if (r == -3) { stopped(); return 0; }
  return 1;
}

export function grade_G(src: usize, n: u32, out: usize, desc: bool): i32 { return done(grade1(src, n, out, desc)); }
export function grade_H(src: usize, n: u32, out: usize, desc: bool): i32 { return done(GRADE<u32>(M_H, src, n, out, desc)); }
export function grade_I(src: usize, n: u32, out: usize, desc: bool): i32 { return done(GRADE<u32>(M_I, src, n, out, desc)); }
export function grade_J(src: usize, n: u32, out: usize, desc: bool): i32 { return done(GRADE<u64>(M_J, src, n, out, desc)); }
export function grade_E(src: usize, n: u32, out: usize, desc: bool): i32 { return done(GRADE<u32>(M_E, src, n, out, desc)); }
export function grade_F(src: usize, n: u32, out: usize, desc: bool): i32 { return done(GRADE<u64>(M_F, src, n, out, desc)); }
export function grade_S(src: usize, n: u32, out: usize, desc: bool): i32 { return done(gradeS(src, n, out, desc)); }
export function grade_U(src: usize, n: u32, out: usize, desc: bool): i32 { return done(gradeU(src, n, out, desc)); }

export function sort_G(src: usize, n: u32, dst: usize, desc: bool): i32 { return done(sort1(src, n, dst, desc)); }
export function sort_H(src: usize, n: u32, dst: usize, desc: bool): i32 { return done(SORTV<u32>(M_H, src, n, dst, desc)); }
export function sort_I(src: usize, n: u32, dst: usize, desc: bool): i32 { return done(SORTV<u32>(M_I, src, n, dst, desc)); }
export function sort_J(src: usize, n: u32, dst: usize, desc: bool): i32 { return done(SORTV<u64>(M_J, src, n, dst, desc)); }
export function sort_E(src: usize, n: u32, dst: usize, desc: bool): i32 { return done(SORTV<u32>(M_EB, src, n, dst, desc)); }
export function sort_F(src: usize, n: u32, dst: usize, desc: bool): i32 { return done(SORTV<u64>(M_FB, src, n, dst, desc)); }
export function sort_S(src: usize, n: u32, dst: usize, desc: bool): i32 { return done(sortS(src, n, dst, desc)); }

/** 1 when the n items are in q's ascending order (non-decreasing keys). */
@inline function SORTED<U>(mode: i32, src: usize, n: u32): bool {
  if (n < 2) return true;
  let p = KEY<U>(mode, src, 0);
  for (let i: usize = 1; i < <usize>n; i++) {
    const k = KEY<U>(mode, src, i);
    if (k < p) return false;
    p = k;
  }
  return true;
}
export function sorted_G(src: usize, n: u32): bool { return SORTED<u32>(M_G, src, n); }
/** Signed integers: lanes compare each item with its successor (unaligned load at +1). */
@inline function SORTED_V<T>(src: usize, n: u32): bool {
  const S: usize = sizeof<T>();
  const L: usize = 16 / S;
  let i: usize = 0;
  for (; i + L < <usize>n; i += L) {
    const a = v128.load(src + i * S), b = v128.load(src + (i + 1) * S);
    const gt = S == 8 ? i64x2.gt_s(a, b) : S == 4 ? i32x4.gt_s(a, b) : i16x8.gt_s(a, b);
    if (v128.any_true(gt)) return false;
  }
  for (; i + 1 < <usize>n; i++) if (load<T>(src + i * S) > load<T>(src + (i + 1) * S)) return false;
  return true;
}
export function sorted_H(src: usize, n: u32): bool { return SORTED_V<i16>(src, n); }
export function sorted_I(src: usize, n: u32): bool { return SORTED_V<i32>(src, n); }
export function sorted_J(src: usize, n: u32): bool { return SORTED_V<i64>(src, n); }
export function sorted_E(src: usize, n: u32): bool { return SORTED<u32>(M_E, src, n); }
export function sorted_F(src: usize, n: u32): bool { return SORTED<u64>(M_F, src, n); }
export function sorted_S(src: usize, n: u32): bool {
  for (let i: usize = 1; i < <usize>n; i++) {
    if (symCmp(load<i32>(src + ((i - 1) << 2)), load<i32>(src + (i << 2))) > 0) return false;
  }
  return true;
}
export function sorted_U(src: usize, n: u32): bool {
  for (let i: u32 = 1; i < n; i++) if (guidLess(src, i, i - 1)) return false;
  return true;
}

/** Guid order for TS fallbacks: -1, 0, 1. */
export function guidCompare(a: usize, b: usize): i32 {
  const a0 = bswap<u64>(load<u64>(a)), b0 = bswap<u64>(load<u64>(b));
  if (a0 != b0) return a0 < b0 ? -1 : 1;
  const a1 = bswap<u64>(load<u64>(a, 8)), b1 = bswap<u64>(load<u64>(b, 8));
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}

// ---------------------------------------------------------------------------
// gathers: dst[i] = src[idx[i]] (i64 indices), nul (w bytes) for indices out of [0, n)

@inline function TAKE<T>(src: usize, n: u32, idx: usize, m: u32, dst: usize, nul: usize): void {
  const z = load<T>(nul);
  const S = sizeof<T>();
  for (let i: usize = 0; i < <usize>m; i++) {
    const j = load<i64>(idx + (i << 3));
    store<T>(dst + i * S, <u64>j < <u64>n ? load<T>(src + <usize>j * S) : z);
  }
}
export function take_1(src: usize, n: u32, idx: usize, m: u32, dst: usize, nul: usize): void { TAKE<u8>(src, n, idx, m, dst, nul); }
export function take_2(src: usize, n: u32, idx: usize, m: u32, dst: usize, nul: usize): void { TAKE<u16>(src, n, idx, m, dst, nul); }
export function take_4(src: usize, n: u32, idx: usize, m: u32, dst: usize, nul: usize): void { TAKE<u32>(src, n, idx, m, dst, nul); }
export function take_8(src: usize, n: u32, idx: usize, m: u32, dst: usize, nul: usize): void { TAKE<u64>(src, n, idx, m, dst, nul); }
export function take_16(src: usize, n: u32, idx: usize, m: u32, dst: usize, nul: usize): void { TAKE<v128>(src, n, idx, m, dst, nul); }

/** rank: the inverse of a grade, r[g[i]] = i (g a permutation of til n). */
export function invperm(g: usize, n: u32, r: usize): void {
  for (let i: usize = 0; i < <usize>n; i++) {
    const j = <usize>load<i64>(g + (i << 3));
    if (j < <usize>n) store<i64>(r + (j << 3), <i64>i);
  }
}

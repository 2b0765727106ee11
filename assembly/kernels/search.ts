// Search kernels: bin/binr (branchless binary search of many keys in a sorted
// vector) and where (indices of 1b, or each index repeated count times).
//
// bin and binr compare in q's order through the sort keys (sort.ts KEY): nulls
// are the minimum, floats compare as IEEE total order with 0n below -0w.

import { KEY, M_G, M_H, M_I, M_J, M_E, M_F, guidCompare, grade_G, grade_H, grade_I, grade_J, grade_E, grade_F } from "./sort";
import { symCmp } from "../sym";
import { sysAlloc, sysFree, clearErr } from "../mem";

const G: usize = 16; // searches run in lockstep, so their cache misses overlap

/** out[j] = (number of x items <= y[j]) - 1 for bin, number of x items < y[j] for binr.
 *  Branchless; G keys at a time share the step sequence (it depends on n only). */
@inline function BIN<U>(mode: i32, x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void {
  if (m >= 256 && (<u64>m << 4) >= <u64>n && BINMERGE<U>(mode, x, n, y, m, out, right)) return;
  const sb = sysAlloc(16 + G * 16);
  let j: usize = 0;
  if (sb && n > 1) {
    const ks = sb + 16, ls = ks + G * 8;
    const mg = <usize>m - <usize>m % G;
    for (; j < mg; j += G) {
      for (let g: usize = 0; g < G; g++) { store<U>(ks + g * 8, KEY<U>(mode, y, j + g)); store<u32>(ls + (g << 2), 0); }
      let len = <usize>n;
      while (len > 1) {
        const half = len >> 1;
        for (let g: usize = 0; g < G; g++) {
          const lo = <usize>load<u32>(ls + (g << 2));
          const kx = KEY<U>(mode, x, lo + half), k = load<U>(ks + g * 8);
          store<u32>(ls + (g << 2), <u32>select<usize>(lo + half, lo, right ? kx < k : kx <= k));
        }
        len -= half;
      }
      for (let g: usize = 0; g < G; g++) {
        const lo = <usize>load<u32>(ls + (g << 2));
        const kx = KEY<U>(mode, x, lo), k = load<U>(ks + g * 8);
        const c = <i64>lo + <i64>(right ? kx < k : kx <= k);
        store<i64>(out + ((j + g) << 3), right ? c : c - 1);
      }
    }
  }
  if (sb) sysFree(sb);
  for (; j < <usize>m; j++) {
    const k = KEY<U>(mode, y, j);
    let lo: usize = 0, len = <usize>n;
    while (len > 1) {
      const half = len >> 1;
      const kx = KEY<U>(mode, x, lo + half);
      lo = select<usize>(lo + half, lo, right ? kx < k : kx <= k);
      len -= half;
    }
    let c: i64 = 0;
    if (n) {
      const kx = KEY<U>(mode, x, lo);
      c = <i64>lo + <i64>(right ? kx < k : kx <= k);
    }
    store<i64>(out + (j << 3), right ? c : c - 1);
  }
}

/** Many keys: grade them, then walk x once in key order (sequential, cache
 *  friendly): O(n + m) after an O(m) radix grade. False when out of memory. */
@inline function BINMERGE<U>(mode: i32, x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): bool {
  const gb = sysAlloc(16 + (<u64>m << 3));
  if (!gb) return false;
  const g = gb + 16;
  let r: i32 = 0;
  switch (mode) {
    case M_G: r = grade_G(y, m, g, false); break;
    case M_H: r = grade_H(y, m, g, false); break;
    case M_I: r = grade_I(y, m, g, false); break;
    case M_J: r = grade_J(y, m, g, false); break;
    case M_E: r = grade_E(y, m, g, false); break;
    case M_F: r = grade_F(y, m, g, false); break;
  }
  if (!r) { clearErr(); sysFree(gb); return false; }
  let c: usize = 0;
  for (let j: usize = 0; j < <usize>m; j++) {
    const i = <usize>load<i64>(g + (j << 3));
    const k = KEY<U>(mode, y, i);
    while (c < <usize>n) {
      const kx = KEY<U>(mode, x, c);
      if (right ? kx >= k : kx > k) break;
      c++;
    }
    store<i64>(out + (i << 3), right ? <i64>c : <i64>c - 1);
  }
  sysFree(gb);
  return true;
}

export function bin_G(x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void { BIN<u32>(M_G, x, n, y, m, out, right); }
export function bin_H(x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void { BIN<u32>(M_H, x, n, y, m, out, right); }
export function bin_I(x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void { BIN<u32>(M_I, x, n, y, m, out, right); }
export function bin_J(x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void { BIN<u64>(M_J, x, n, y, m, out, right); }
export function bin_E(x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void { BIN<u32>(M_E, x, n, y, m, out, right); }
export function bin_F(x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void { BIN<u64>(M_F, x, n, y, m, out, right); }

/** Symbols and guids compare through a function (text / 16 bytes). */
@inline function BINCMP(kind: i32, x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void {
  for (let j: usize = 0; j < <usize>m; j++) {
    let lo: usize = 0, len = <usize>n;
    let c: i64 = 0;
    if (n) {
      while (len > 1) {
        const half = len >> 1;
        const r = kind == 0 ? symCmp(load<i32>(x + ((lo + half) << 2)), load<i32>(y + (j << 2)))
          : guidCompare(x + ((lo + half) << 4), y + (j << 4));
        lo = select<usize>(lo + half, lo, right ? r < 0 : r <= 0);
        len -= half;
      }
      const r = kind == 0 ? symCmp(load<i32>(x + (lo << 2)), load<i32>(y + (j << 2)))
        : guidCompare(x + (lo << 4), y + (j << 4));
      c = <i64>lo + <i64>(right ? r < 0 : r <= 0);
    }
    store<i64>(out + (j << 3), right ? c : c - 1);
  }
}
export function bin_S(x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void { BINCMP(0, x, n, y, m, out, right); }
export function bin_U(x: usize, n: u32, y: usize, m: u32, out: usize, right: bool): void { BINCMP(1, x, n, y, m, out, right); }

// ---------------------------------------------------------------------------
// where

@inline function hsum(acc: v128): u32 {
  const w = i32x4.extadd_pairwise_i16x8_s(i16x8.extadd_pairwise_i8x16_s(acc));
  return <u32>-(i32x4.extract_lane(w, 0) + i32x4.extract_lane(w, 1) + i32x4.extract_lane(w, 2) + i32x4.extract_lane(w, 3));
}

/** Number of 1b (non-zero bytes) in n booleans. */
export function count_B(src: usize, n: u32): u32 {
  let c: u32 = 0;
  let i: usize = 0;
  const e = <usize>n & ~15;
  let acc = i8x16.splat(0);
  let k = 0;
  for (; i < e; i += 16) {
    // booleans are 0/1: add bytes lane-wise, flush before a lane can overflow
    acc = i8x16.add(acc, i8x16.ne(v128.load(src + i), i8x16.splat(0)));
    if (++k == 127) {
      c += hsum(acc);
      acc = i8x16.splat(0); k = 0;
    }
  }
  c += hsum(acc);
  for (; i < <usize>n; i++) c += <u32>(load<u8>(src + i) != 0);
  return c;
}

/** where over booleans: out (i64, room for cnt = count_B) gets the index of
 *  every non-zero byte. Blocks of 16 are written branch-free while 16 more
 *  slots remain (a store may land one past the last 1b, never past cnt). */
export function where_B(src: usize, n: u32, out: usize, cnt: u32): void {
  let j: usize = 0;
  let i: usize = 0;
  const e = <usize>n & ~15;
  for (; i < e && j + 16 <= <usize>cnt; i += 16) {
    if (!v128.any_true(v128.load(src + i))) continue;
    for (let q: usize = 0; q < 16; q++) {
      store<i64>(out + (j << 3), <i64>(i + q));
      j += <usize>(load<u8>(src + i + q) != 0);
    }
  }
  for (; i < <usize>n; i++) {
    if (load<u8>(src + i)) { store<i64>(out + (j << 3), <i64>i); j++; }
  }
}

/** Sum of counts for where over integers; -1 when a count is negative (null included). */
@inline function WHERECOUNT<T>(src: usize, n: u32): i64 {
  let s: i64 = 0;
  for (let i: usize = 0; i < <usize>n; i++) {
    const v = <i64>load<T>(src + i * sizeof<T>());
    if (v < 0) return -1;
    s += v;
    if (s > 0xffffffff) return 0x100000000;
  }
  return s;
}
@inline function WHERE<T>(src: usize, n: u32, out: usize): void {
  let j: usize = 0;
  for (let i: usize = 0; i < <usize>n; i++) {
    const c = <usize>load<T>(src + i * sizeof<T>());
    for (let q: usize = 0; q < c; q++) store<i64>(out + ((j + q) << 3), <i64>i);
    j += c;
  }
}
export function wherecount_G(src: usize, n: u32): f64 { return <f64>WHERECOUNT<u8>(src, n); }
export function wherecount_H(src: usize, n: u32): f64 { return <f64>WHERECOUNT<i16>(src, n); }
export function wherecount_I(src: usize, n: u32): f64 { return <f64>WHERECOUNT<i32>(src, n); }
export function wherecount_J(src: usize, n: u32): f64 { return <f64>WHERECOUNT<i64>(src, n); }
export function where_G(src: usize, n: u32, out: usize): void { WHERE<u8>(src, n, out); }
export function where_H(src: usize, n: u32, out: usize): void { WHERE<u16>(src, n, out); }
export function where_I(src: usize, n: u32, out: usize): void { WHERE<u32>(src, n, out); }
export function where_J(src: usize, n: u32, out: usize): void { WHERE<u64>(src, n, out); }

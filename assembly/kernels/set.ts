// Set kernels: hash-based find (x?y), in, distinct, group (and through them
// except, union, inter).
//
// Equality is q's exact equality: floats compare by value (0n matches 0n,
// -0f matches 0f), so float items are hashed by canonical bits. Symbols hash
// by id. One- and two-byte types use a direct table indexed by the value;
// wider types use open addressing (linear probing, Fibonacci hashing) over
// entries [key | value u32], starting small and doubling at half load, so the
// table tracks the number of distinct keys, not the input length.
//
//   classify_<C>(src, n, gid, keys)  -> m   group id per item in first-occurrence
//                                          order (gid: u32[n] or 0), distinct items
//                                          written to keys (or 0); -1 on 'wsfull
//   find_<C>(x, nx, y, ny, out, flag)       out[j] = first index of y[j] in x, else nx
//                                          (i64); flag 1: 1b where found, 2: 1b where
//                                          not found (u8); 0 on 'wsfull
//   groupLists(gid, n, m)            -> p   the m index vectors of group (a general list)

import { sysAlloc, sysFree, fail, ga, r0 } from "../mem";
import { EWSFULL, KJ } from "../shared/types";
import { stopAt, stopNow, stopped, POLL_ITEMS } from "../poll";

const H_2: i32 = 0;  // u16 read as a u32 key
const H_4: i32 = 1;  // u32
const H_8: i32 = 2;  // u64
const H_E: i32 = 3;  // f32 canonical
const H_F: i32 = 4;  // f64 canonical

@inline function HKEY<U>(mode: i32, src: usize, i: usize): U {
  switch (mode) {
    case H_2: return <U>load<u16>(src + (i << 1));
    case H_4: return <U>load<u32>(src + (i << 2));
    case H_8: return <U>load<u64>(src + (i << 3));
    case H_E: {
      const x = load<f32>(src + (i << 2));
      return <U>(x != x ? 0x7fc00000 : reinterpret<u32>(x + 0.0));
    }
    case H_F: {
      const x = load<f64>(src + (i << 3));
      return <U>(x != x ? 0x7ff8000000000000 : reinterpret<u64>(x + 0.0));
    }
  }
  return <U>0;
}

/** Copies item i of src (w bytes) to slot m of dst. */
@inline function COPYITEM(w: i32, src: usize, i: usize, dst: usize, m: usize): void {
  if (w == 1) store<u8>(dst + m, load<u8>(src + i));
  else if (w == 2) store<u16>(dst + (m << 1), load<u16>(src + (i << 1)));
  else if (w == 4) store<u32>(dst + (m << 2), load<u32>(src + (i << 2)));
  else if (w == 8) store<u64>(dst + (m << 3), load<u64>(src + (i << 3)));
  else v128.store(dst + (m << 4), v128.load(src + (i << 4)));
}

@inline function HASH<U>(k: U, bits: u32): u32 {
  if (sizeof<U>() == 8) return <u32>((<u64>k * 0x9E3779B97F4A7C15) >> (64 - bits));
  return (<u32>k * 0x9E3779B1) >> (32 - bits);
}

const INITBITS: u32 = 8;

// A table stays at most an eighth full while it has under 2^SPARSEBITS slots,
// then at most half full: with few keys (a table within L2) most items then
// find their key at the first probe, which measured up to twice as fast over
// 1000 keys as half full (branch mispredictions on the probe loop).
const SPARSEBITS: u32 = 14;
/** Whether a table of 2^bits slots (mask = 2^bits-1) holding m keys must double. */
@inline export function tableFull(m: u32, bits: u32, mask: u32): bool {
  return (m << (bits < SPARSEBITS ? 3 : 1)) > mask;
}

/** A zeroed table of 1<<bits entries of es bytes (block pointer; entries at +16). */
@inline function newTable(bits: u32, es: usize): usize {
  const t = sysAlloc(16 + (<u64>es << bits));
  if (t) memory.fill(t + 16, 0, es << bits);
  return t;
}

/** Doubles a [key U | val u32] table; returns the new block or 0. */
@inline function GROW<U>(tb: usize, bits: u32): usize {
  const ES: usize = sizeof<U>() * 2;
  const W: usize = sizeof<U>();
  const nb = newTable(bits + 1, ES);
  if (!nb) return 0;
  const t = tb + 16, nt = nb + 16;
  const nmask: u32 = (1 << (bits + 1)) - 1;
  const cap: usize = <usize>1 << bits;
  for (let s: usize = 0; s < cap; s++) {
    const e = t + s * ES;
    const v = load<u32>(e + W);
    if (!v) continue;
    const k = load<U>(e);
    let h = HASH<U>(k, bits + 1);
    while (load<u32>(nt + <usize>h * ES + W)) h = (h + 1) & nmask;
    store<U>(nt + <usize>h * ES, k);
    store<u32>(nt + <usize>h * ES + W, v);
  }
  sysFree(tb);
  return nb;
}

@inline function CLASSIFY<U>(mode: i32, w: i32, src: usize, n: u32, gid: usize, keys: usize): i32 {
  const ES: usize = sizeof<U>() * 2;
  const W: usize = sizeof<U>();
  let bits = INITBITS;
  let tb = newTable(bits, ES);
  if (!tb) { fail(EWSFULL); return -1; }
  let mask: u32 = (1 << bits) - 1;
  let m: u32 = 0;
  for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); stopped(); return -1; }
    for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
      const k = HKEY<U>(mode, src, i);
      let h = HASH<U>(k, bits);
      let g: u32 = 0;
      while (true) {
        const e = tb + 16 + <usize>h * ES;
        const v = load<u32>(e + W);
        if (!v) {
          store<U>(e, k); store<u32>(e + W, m + 1);
          if (keys) COPYITEM(w, src, i, keys, <usize>m);
          g = m++;
          if (tableFull(m, bits, mask)) {
            const nb = GROW<U>(tb, bits);
            if (!nb) { sysFree(tb); fail(EWSFULL); return -1; }
            tb = nb; bits++; mask = (mask << 1) | 1;
          }
          break;
        }
        if (load<U>(e) == k) { g = v - 1; break; }
        h = (h + 1) & mask;
      }
      if (gid) store<u32>(gid + (i << 2), g);
    }
  }
  sysFree(tb);
  return <i32>m;
}

@inline function FIND<U>(mode: i32, x: usize, nx: u32, y: usize, ny: u32, out: usize, flag: i32): i32 {
  const ES: usize = sizeof<U>() * 2;
  const W: usize = sizeof<U>();
  let bits = INITBITS;
  let tb = newTable(bits, ES);
  if (!tb) { fail(EWSFULL); return 0; }
  let mask: u32 = (1 << bits) - 1;
  let m: u32 = 0;
  for (let c0: usize = 0; c0 < <usize>nx; c0 += <usize>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); stopped(); return 0; }
    for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>nx); i < c1; i++) {
      const k = HKEY<U>(mode, x, i);
      let h = HASH<U>(k, bits);
      while (true) {
        const e = tb + 16 + <usize>h * ES;
        const v = load<u32>(e + W);
        if (!v) {
          store<U>(e, k); store<u32>(e + W, <u32>i + 1);
          m++;
          if (tableFull(m, bits, mask)) {
            const nb = GROW<U>(tb, bits);
            if (!nb) { sysFree(tb); fail(EWSFULL); return 0; }
            tb = nb; bits++; mask = (mask << 1) | 1;
          }
          break;
        }
        if (load<U>(e) == k) break;
        h = (h + 1) & mask;
      }
    }
  }
  const t = tb + 16;
  for (let c0: usize = 0; c0 < <usize>ny; c0 += <usize>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); stopped(); return 0; }
    for (let j = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>ny); j < c1; j++) {
      const k = HKEY<U>(mode, y, j);
      let h = HASH<U>(k, bits);
      let r: u32 = nx;
      while (true) {
        const e = t + <usize>h * ES;
        const v = load<u32>(e + W);
        if (!v) break;
        if (load<U>(e) == k) { r = v - 1; break; }
        h = (h + 1) & mask;
      }
      if (flag) store<u8>(out + j, <u8>((r != nx) != (flag == 2)));
      else store<i64>(out + (j << 3), <i64>r);
    }
  }
  sysFree(tb);
  return 1;
}

// direct tables for one- and two-byte items ----------------------------------

@inline function CLASSIFY_D<T>(src: usize, n: u32, gid: usize, keys: usize): i32 {
  const N: usize = <usize>1 << (sizeof<T>() * 8);
  const tb = sysAlloc(16 + (N << 2));
  if (!tb) { fail(EWSFULL); return -1; }
  const t = tb + 16;
  memory.fill(t, 0, N << 2);
  let m: u32 = 0;
  for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); stopped(); return -1; }
    for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
      const k = <usize>load<T>(src + i * sizeof<T>());
      const a = t + (k << 2);
      let g = load<u32>(a);
      if (!g) {
        store<u32>(a, ++m); g = m;
        if (keys) store<T>(keys + <usize>(m - 1) * sizeof<T>(), <T>k);
      }
      if (gid) store<u32>(gid + (i << 2), g - 1);
    }
  }
  sysFree(tb);
  return <i32>m;
}

@inline function FIND_D<T>(x: usize, nx: u32, y: usize, ny: u32, out: usize, flag: i32): i32 {
  const N: usize = <usize>1 << (sizeof<T>() * 8);
  const tb = sysAlloc(16 + (N << 2));
  if (!tb) { fail(EWSFULL); return 0; }
  const t = tb + 16;
  memory.fill(t, 0xff, N << 2);
  for (let i = <isize>nx - 1; i >= 0; i--) {
    if (stopAt(<usize>i)) { sysFree(tb); stopped(); return 0; }
    store<u32>(t + (<usize>load<T>(x + <usize>i * sizeof<T>()) << 2), <u32>i);
  }
  for (let c0: usize = 0; c0 < <usize>ny; c0 += <usize>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); stopped(); return 0; }
    for (let j = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>ny); j < c1; j++) {
      const r = load<u32>(t + (<usize>load<T>(y + j * sizeof<T>()) << 2));
      if (flag) store<u8>(out + j, <u8>((r != 0xffffffff) != (flag == 2)));
      else store<i64>(out + (j << 3), r == 0xffffffff ? <i64>nx : <i64>r);
    }
  }
  sysFree(tb);
  return 1;
}

// guids: entries [index+1 u32 | group u32], keys compared in the source -----

@inline function guidHash(p: usize, bits: u32): u32 {
  const a = load<u64>(p), b = load<u64>(p, 8);
  return <u32>(((a ^ rotl<u64>(b, 29)) * 0x9E3779B97F4A7C15) >> (64 - bits));
}
@inline function guidEq(a: usize, b: usize): bool {
  return load<u64>(a) == load<u64>(b) && load<u64>(a, 8) == load<u64>(b, 8);
}

/** Shared by classify_U (gid/keys) and find_U (probe y). */
function guidTable(src: usize, n: u32, gid: usize, keys: usize, y: usize, ny: u32, out: usize, flag: i32, probe: bool): i32 {
  let bits = INITBITS;
  let tb = newTable(bits, 8);
  if (!tb) { fail(EWSFULL); return -1; }
  let mask: u32 = (1 << bits) - 1;
  let m: u32 = 0;
  for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(tb); stopped(); return -1; }
    for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
      const p = src + (i << 4);
      let h = guidHash(p, bits);
      let g: u32 = 0;
      while (true) {
        const e = tb + 16 + (<usize>h << 3);
        const v = load<u32>(e);
        if (!v) {
          store<u32>(e, <u32>i + 1); store<u32>(e + 4, m);
          if (keys) v128.store(keys + (<usize>m << 4), v128.load(p));
          g = m++;
          if (tableFull(m, bits, mask)) {
            const nb = newTable(bits + 1, 8);
            if (!nb) { sysFree(tb); fail(EWSFULL); return -1; }
            const nmask: u32 = (mask << 1) | 1;
            for (let s: usize = 0; s <= <usize>mask; s++) {
              const oe = tb + 16 + (s << 3);
              const ov = load<u32>(oe);
              if (!ov) continue;
              let nh = guidHash(src + (<usize>(ov - 1) << 4), bits + 1);
              while (load<u32>(nb + 16 + (<usize>nh << 3))) nh = (nh + 1) & nmask;
              store<u64>(nb + 16 + (<usize>nh << 3), load<u64>(oe));
            }
            sysFree(tb);
            tb = nb; bits++; mask = nmask;
          }
          break;
        }
        if (guidEq(src + (<usize>(v - 1) << 4), p)) { g = load<u32>(e + 4); break; }
        h = (h + 1) & mask;
      }
      if (gid) store<u32>(gid + (i << 2), g);
    }
  }
  if (probe) {
    for (let j: usize = 0; j < <usize>ny; j++) {
      if (stopAt(j)) { sysFree(tb); stopped(); return -1; }
      const p = y + (j << 4);
      let h = guidHash(p, bits);
      let r: u32 = n;
      while (true) {
        const e = tb + 16 + (<usize>h << 3);
        const v = load<u32>(e);
        if (!v) break;
        if (guidEq(src + (<usize>(v - 1) << 4), p)) { r = v - 1; break; }
        h = (h + 1) & mask;
      }
      if (flag) store<u8>(out + j, <u8>((r != n) != (flag == 2)));
      else store<i64>(out + (j << 3), <i64>r);
    }
  }
  sysFree(tb);
  return <i32>m;
}

// exports --------------------------------------------------------------------

const DIRECT2: u32 = 16384; // two-byte items: direct table from this many items

export function classify_1(src: usize, n: u32, gid: usize, keys: usize): i32 { return CLASSIFY_D<u8>(src, n, gid, keys); }
export function classify_2(src: usize, n: u32, gid: usize, keys: usize): i32 {
  return n >= DIRECT2 ? CLASSIFY_D<u16>(src, n, gid, keys) : CLASSIFY<u32>(H_2, 2, src, n, gid, keys);
}
export function classify_4(src: usize, n: u32, gid: usize, keys: usize): i32 { return CLASSIFY<u32>(H_4, 4, src, n, gid, keys); }
export function classify_8(src: usize, n: u32, gid: usize, keys: usize): i32 { return CLASSIFY<u64>(H_8, 8, src, n, gid, keys); }
export function classify_E(src: usize, n: u32, gid: usize, keys: usize): i32 { return CLASSIFY<u32>(H_E, 4, src, n, gid, keys); }
export function classify_F(src: usize, n: u32, gid: usize, keys: usize): i32 { return CLASSIFY<u64>(H_F, 8, src, n, gid, keys); }
export function classify_U(src: usize, n: u32, gid: usize, keys: usize): i32 { return guidTable(src, n, gid, keys, 0, 0, 0, 0, false); }

export function find_1(x: usize, nx: u32, y: usize, ny: u32, out: usize, flag: i32): i32 { return FIND_D<u8>(x, nx, y, ny, out, flag); }
export function find_2(x: usize, nx: u32, y: usize, ny: u32, out: usize, flag: i32): i32 {
  return nx >= DIRECT2 || ny >= DIRECT2 ? FIND_D<u16>(x, nx, y, ny, out, flag) : FIND<u32>(H_2, x, nx, y, ny, out, flag);
}
export function find_4(x: usize, nx: u32, y: usize, ny: u32, out: usize, flag: i32): i32 { return FIND<u32>(H_4, x, nx, y, ny, out, flag); }
export function find_8(x: usize, nx: u32, y: usize, ny: u32, out: usize, flag: i32): i32 { return FIND<u64>(H_8, x, nx, y, ny, out, flag); }
export function find_E(x: usize, nx: u32, y: usize, ny: u32, out: usize, flag: i32): i32 { return FIND<u32>(H_E, x, nx, y, ny, out, flag); }
export function find_F(x: usize, nx: u32, y: usize, ny: u32, out: usize, flag: i32): i32 { return FIND<u64>(H_F, x, nx, y, ny, out, flag); }
export function find_U(x: usize, nx: u32, y: usize, ny: u32, out: usize, flag: i32): i32 {
  return guidTable(x, nx, 0, 0, y, ny, out, flag, true) < 0 ? 0 : 1;
}

/** The index vectors of group: m long vectors (a general list), item g holding
 *  the indices i with gid[i] == g in order. 0 on 'wsfull (nothing leaked). */
export function groupLists(gid: usize, n: u32, m: u32): usize {
  const cb = sysAlloc(16 + (<u64>m << 2));
  if (!cb) return fail(EWSFULL);
  const c = cb + 16;
  memory.fill(c, 0, <usize>m << 2);
  for (let c0: usize = 0; c0 < <usize>n; c0 += <usize>POLL_ITEMS) {
    if (c0 && stopNow()) { sysFree(cb); return stopped(); }
    for (let i = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>n); i < c1; i++) {
      const a = c + (<usize>load<u32>(gid + (i << 2)) << 2);
      store<u32>(a, load<u32>(a) + 1);
    }
  }
  const list = ga(0, m);
  if (!list) { sysFree(cb); return 0; }
  const l = list + 16;
  memory.fill(l, 0, <usize>m << 2);
  for (let g: usize = 0; g < <usize>m; g++) {
    const v = ga(KJ, load<u32>(c + (g << 2)));
    if (!v) {
      r0(list); // frees the vectors made so far (the rest are 0)
      sysFree(cb);
      return fail(EWSFULL);
    }
    store<u32>(l + (g << 2), <u32>v);
    store<u32>(c + (g << 2), 0); // becomes the fill cursor
  }
  for (let i: usize = 0; i < <usize>n; i++) {
    const g = <usize>load<u32>(gid + (i << 2));
    const a = c + (g << 2);
    const k = load<u32>(a);
    store<u32>(a, k + 1);
    store<i64>(<usize>load<u32>(l + (g << 2)) + 16 + (<usize>k << 3), <i64>i);
  }
  sysFree(cb);
  return list;
}

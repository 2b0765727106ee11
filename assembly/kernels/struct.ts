// Structural kernels: gather (index), cyclic take, byte copies, raze, cut.
//
// Kernels work on data pointers and counts. Items are moved by storage width
// only (q type does not matter): G=1, H=2, I=4, J=8, U=16 bytes; E/F travel as
// I/J bit patterns, K (general lists, dictionaries) as u32 pointers whose
// reference counts the kernel adds where it copies them.
//
// Index vectors come in four widths: j (i64), i (i32), h (i16), b (u8 boolean).
// An index outside 0..n-1 (negative, null or too large) yields the null `nul`.

import { ga, dat, nn, tt, width, fail } from "../mem";
import { EWSFULL } from "../shared/types";

// gather ---------------------------------------------------------------------

/** r[k] = x[ix[k]] for k < m; `nul` where ix[k] is not in 0..n-1.
 *  Branch-free: an out-of-range index loads x[0] (every block has at least 16
 *  data bytes) and a select replaces it. */
@inline function GATHER<T, X>(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: T): void {
  const un = <u64>n;
  let k: u32 = 0;
  // unrolled by 4: independent loads keep the memory pipeline busy
  for (; k + 4 <= m; k += 4) {
    const p = ix + (<usize>k) * sizeof<X>();
    const i0 = <u64><i64>load<X>(p), i1 = <u64><i64>load<X>(p, sizeof<X>());
    const i2 = <u64><i64>load<X>(p, 2 * sizeof<X>()), i3 = <u64><i64>load<X>(p, 3 * sizeof<X>());
    const o0 = i0 < un, o1 = i1 < un, o2 = i2 < un, o3 = i3 < un;
    const v0 = load<T>(x + <usize>(o0 ? i0 : 0) * sizeof<T>());
    const v1 = load<T>(x + <usize>(o1 ? i1 : 0) * sizeof<T>());
    const v2 = load<T>(x + <usize>(o2 ? i2 : 0) * sizeof<T>());
    const v3 = load<T>(x + <usize>(o3 ? i3 : 0) * sizeof<T>());
    const q = r + (<usize>k) * sizeof<T>();
    store<T>(q, select<T>(v0, nul, o0));
    store<T>(q, select<T>(v1, nul, o1), sizeof<T>());
    store<T>(q, select<T>(v2, nul, o2), 2 * sizeof<T>());
    store<T>(q, select<T>(v3, nul, o3), 3 * sizeof<T>());
  }
  for (; k < m; k++) {
    const i = <u64><i64>load<X>(ix + (<usize>k) * sizeof<X>());
    const ok = i < un;
    const v = load<T>(x + <usize>(ok ? i : 0) * sizeof<T>());
    store<T>(r + (<usize>k) * sizeof<T>(), select<T>(v, nul, ok));
  }
}

export function gather_G_j(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: u8): void { GATHER<u8, i64>(x, n, ix, r, m, nul); }
export function gather_G_i(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: u8): void { GATHER<u8, i32>(x, n, ix, r, m, nul); }
export function gather_G_h(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: u8): void { GATHER<u8, i16>(x, n, ix, r, m, nul); }
export function gather_G_b(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: u8): void { GATHER<u8, u8>(x, n, ix, r, m, nul); }
export function gather_H_j(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i16): void { GATHER<i16, i64>(x, n, ix, r, m, nul); }
export function gather_H_i(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i16): void { GATHER<i16, i32>(x, n, ix, r, m, nul); }
export function gather_H_h(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i16): void { GATHER<i16, i16>(x, n, ix, r, m, nul); }
export function gather_H_b(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i16): void { GATHER<i16, u8>(x, n, ix, r, m, nul); }
export function gather_I_j(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i32): void { GATHER<i32, i64>(x, n, ix, r, m, nul); }
export function gather_I_i(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i32): void { GATHER<i32, i32>(x, n, ix, r, m, nul); }
export function gather_I_h(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i32): void { GATHER<i32, i16>(x, n, ix, r, m, nul); }
export function gather_I_b(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i32): void { GATHER<i32, u8>(x, n, ix, r, m, nul); }
export function gather_J_j(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i64): void { GATHER<i64, i64>(x, n, ix, r, m, nul); }
export function gather_J_i(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i64): void { GATHER<i64, i32>(x, n, ix, r, m, nul); }
export function gather_J_h(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i64): void { GATHER<i64, i16>(x, n, ix, r, m, nul); }
export function gather_J_b(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: i64): void { GATHER<i64, u8>(x, n, ix, r, m, nul); }
// guids: 16 bytes, null is all zero
export function gather_U_j(x: usize, n: u32, ix: usize, r: usize, m: u32): void { GATHER<v128, i64>(x, n, ix, r, m, i64x2.splat(0)); }
export function gather_U_i(x: usize, n: u32, ix: usize, r: usize, m: u32): void { GATHER<v128, i32>(x, n, ix, r, m, i64x2.splat(0)); }
export function gather_U_h(x: usize, n: u32, ix: usize, r: usize, m: u32): void { GATHER<v128, i16>(x, n, ix, r, m, i64x2.splat(0)); }
export function gather_U_b(x: usize, n: u32, ix: usize, r: usize, m: u32): void { GATHER<v128, u8>(x, n, ix, r, m, i64x2.splat(0)); }

/** General lists: gathers child pointers (`nul` for out-of-range, a block the
 *  caller owns one reference to per use) and adds a reference to each. */
@inline function GATHER_K<X>(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: u32): void {
  GATHER<u32, X>(x, n, ix, r, m, nul);
  incref(r, m);
}
export function gather_K_j(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: u32): void { GATHER_K<i64>(x, n, ix, r, m, nul); }
export function gather_K_i(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: u32): void { GATHER_K<i32>(x, n, ix, r, m, nul); }
export function gather_K_h(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: u32): void { GATHER_K<i16>(x, n, ix, r, m, nul); }
export function gather_K_b(x: usize, n: u32, ix: usize, r: usize, m: u32, nul: u32): void { GATHER_K<u8>(x, n, ix, r, m, nul); }

/** Adds a reference to each of the m child pointers at p. */
export function incref(p: usize, m: u32): void {
  for (let k: u32 = 0; k < m; k++) {
    const c = <usize>load<u32>(p + (<usize>k << 2));
    store<i32>(c + 4, load<i32>(c + 4) + 1);
  }
}

// copies ---------------------------------------------------------------------

/** memmove of n bytes. */
export function copy_bytes(dst: usize, src: usize, n: usize): void { memory.copy(dst, src, n); }

/** Fills `total` bytes at dst with the cyclic repetition of the nb bytes at
 *  src, starting `start` bytes into the cycle (take: `5#x`, `-5#x`). The first
 *  period is copied from src, then the filled prefix doubles (log copies). */
export function take_bytes(src: usize, nb: usize, start: usize, dst: usize, total: usize): void {
  if (nb == 0 || total == 0) return;
  let have = min<usize>(nb - start, total);
  memory.copy(dst, src + start, have);
  if (have < total) {
    const c = min<usize>(start, total - have);
    memory.copy(dst + have, src, c);
    have += c;
  }
  while (have < total) {
    const c = min<usize>(have, total - have);
    memory.copy(dst + have, dst, c);
    have += c;
  }
}

/** Fills m items of width w at dst with the w-byte value at src (atom repeat). */
export function fill_bytes(dst: usize, src: usize, w: u32, m: u32): void {
  if (m == 0) return;
  take_bytes(src, w, 0, dst, <usize>w * m);
}

// raze -----------------------------------------------------------------------

/** Concatenates the items of general list block x (n children, each a vector
 *  of one type or an atom of it, item width w) into the data at dst. */
export function raze_bytes(x: usize, n: u32, dst: usize, w: u32): void {
  let o = dst;
  for (let i: u32 = 0; i < n; i++) {
    const c = <usize>load<u32>(x + 16 + (<usize>i << 2));
    const b = tt(c) < 0 ? <usize>w : <usize>nn(c) * w;
    memory.copy(o, dat(c), b);
    o += b;
  }
}

/** Concatenates general lists (or, for dictionaries' value lists, K blocks):
 *  children of each item of x are copied and referenced. */
export function raze_K(x: usize, n: u32, dst: usize): void {
  let o = dst;
  for (let i: u32 = 0; i < n; i++) {
    const c = <usize>load<u32>(x + 16 + (<usize>i << 2));
    const b = <usize>nn(c) << 2;
    memory.copy(o, dat(c), b);
    incref(o, nn(c));
    o += b;
  }
}

// cut ------------------------------------------------------------------------

/** y cut at the m sorted i64 offsets at ix (already checked to lie in
 *  0..count): out (a general list block of m zeroed slots) receives the pieces
 *  y[ix[k] .. ix[k+1]). Returns 0 on 'wsfull (the caller frees out). */
export function cut(y: usize, ix: usize, m: u32, out: usize): u32 {
  const t = tt(y), n = nn(y);
  const w = <usize>(t == 0 ? 4 : width(t));
  for (let k: u32 = 0; k < m; k++) {
    const a = <u32>load<i64>(ix + (<usize>k << 3));
    const b = k + 1 < m ? <u32>load<i64>(ix + (<usize>(k + 1) << 3)) : n;
    const p = ga(t, b - a);
    if (!p) return <u32>fail(EWSFULL);
    memory.copy(dat(p), dat(y) + <usize>a * w, <usize>(b - a) * w);
    if (t == 0) incref(dat(p), b - a);
    store<u32>(out + 16 + (<usize>k << 2), <u32>p);
  }
  return 1;
}

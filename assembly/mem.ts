// The allocator and value blocks. Every q value lives in a block:
//
//    0      1      2      3      4             8                   16
//    ┌──────┬──────┬──────┬──────┬─────────────┬───────────────────┬──────────
//    │  m   │  a   │  t   │  u   │  r (i32)    │  n (i64)          │ data …
//    └──────┴──────┴──────┴──────┴─────────────┴───────────────────┴──────────
//    m size class (block is 1<<m bytes)   a attribute   t q type   u flags
//    r reference count                    n item count (1 for atoms)
//
// data starts at +16 and every block is a multiple of 16 bytes from a 16-byte
// aligned heap, so v128 loads of data are aligned. Lists, dictionaries and
// tables hold u32 pointers to child blocks, each owning one reference.
//
// Memory map:  [0, heapStart) static data │ [heapStart, top) blocks │ [top, memory.size) unused
//
// Size classes are powers of two from 32 bytes to 2 GiB, each with a free list
// threaded through the n field of free blocks. A request takes its class's
// list, else splits a larger free block, else bumps `top` (growing memory).
// Blocks are not coalesced (as kdb+): memory is reused within its class.

import { XT, XD, FN, EWSFULL } from "./shared/types";

export const HDR: usize = 16;
const MINCLASS: i32 = 5;
const MAXCLASS: i32 = 31;
const MAXMEM: u64 = 0x1_0000_0000; // wasm32 limit: 4 GiB
// Blocks live anywhere below 4 GiB. A pointer crosses to JS as an i32, which
// JS reads signed: src/runtime.ts makes the usize results of exports unsigned
// again, and JS indexes memory with unsigned shifts (`p >>> 3`). The largest
// block is class 31 (2 GiB): the heap starts above 0, so two can never fit.


// free list heads, one u32 per class 0..31
const FREE: usize = memory.data(32 * 4, 16);
// bytes per item by |type| 0..19 (0: general list of pointers)
const WIDTH: usize = memory.data<u8>([4, 1, 16, 0, 1, 2, 4, 8, 4, 8, 1, 4, 8, 4, 4, 8, 8, 4, 4, 4]);

// u64: the bump pointer may reach exactly 4 GiB, which a u32 cannot hold
let top: u64 = <u64>((__heap_base + 15) & ~15);
let heapStart: u64 = top;

// statistics (what .Q.w reports)
let usedBytes: u64 = 0;   // bytes in live blocks
let peakBytes: u64 = 0;
let liveBlocks: i32 = 0;
let errCode: i32 = 0;

// Engine-side helpers -------------------------------------------------------

/** Reports a q error to JS (read with `err()`); callers return 0. */
export function fail(code: i32): usize { errCode = code; return 0; }
export function err(): i32 { return errCode; }
export function clearErr(): void { errCode = 0; }

@inline export function width(t: i32): i32 {
  t = t < 0 ? -t : t;
  return t < 20 ? <i32>load<u8>(WIDTH + <usize>t) : 4;
}

@inline function classFor(bytes: u64): i32 {
  if (bytes <= 32) return MINCLASS;
  return 64 - <i32>clz(bytes - 1);
}

function pop(m: i32): usize {
  const h = FREE + (<usize>m << 2);
  const p = <usize>load<u32>(h);
  if (p) store<u32>(h, load<u32>(p + 8));
  return p;
}

@inline function push(m: i32, p: usize): void {
  const h = FREE + (<usize>m << 2);
  store<u32>(p + 8, load<u32>(h));
  store<u32>(p + 12, 0);
  store<u8>(p, <u8>m);
  store<u8>(p + 2, 0x80); // type -128 marks a free block (debug aid)
  store<u32>(h, <u32>p);
}

// A free block of KEEPCLASS (16 MiB) or more is split for a smaller request
// only when the heap cannot grow: blocks are never coalesced, so a split
// 1 GiB block could not hold a 1 GiB vector again.
const KEEPCLASS: i32 = 24;

// Blocks of 4 KiB to 8 MiB taken from the top start at successive 64-byte
// offsets (up to a sixteenth of the block, at most 4 KiB), the skipped bytes
// becoming free blocks of 64 B to 2 KiB. Without it, blocks of one class bumped
// in a row lie at one offset modulo every cache's set stride, and a kernel
// filling many of them in lockstep (group's index lists) keeps its write
// streams in a few cache sets: about twice as slow at 1000 lists.
const COLORMIN: i32 = 12;
let color: u64 = 0;

/** A new block of class m at the top of the heap (growing memory), or 0. */
function bump(m: i32): usize {
  const size: u64 = <u64>1 << m;
  let pad: u64 = 0;
  if (m >= COLORMIN && m < KEEPCLASS) {
    color = (color + 1) & 63;
    pad = (color << 6) & ((size >> 4) - 1);
  }
  let end: u64 = top + pad + size;
  if (end > MAXMEM) { pad = 0; end = top + size; }
  if (end > MAXMEM) return 0;
  const have: u64 = <u64>memory.size() << 16;
  if (end > have) {
    const need = <i32>((end - have + 0xffff) >> 16);
    // grow by at least an eighth of the heap to keep growth events rare
    let want = max<i32>(need, memory.size() >> 3);
    if (<u64>(memory.size() + want) > 65536) want = need;
    if (memory.grow(want) < 0 && (want == need || memory.grow(need) < 0)) return 0;
  }
  for (let k: i32 = 11; k >= 6; k--) {
    if (pad & (<u64>1 << k)) { push(k, <usize>top); top += <u64>1 << k; }
  }
  const p = <usize>top;
  top = end;
  return p;
}

/** Allocates a raw block of class m, or 0 when memory is exhausted. */
function balloc(m: i32): usize {
  let p = pop(m);
  if (!p) {
    let j = m + 1;
    while (j <= MAXCLASS && !load<u32>(FREE + (<usize>j << 2))) j++;
    if (j > MAXCLASS || j >= KEEPCLASS) p = bump(m);
    if (!p) {
      if (j > MAXCLASS) return 0;
      p = pop(j);
      while (j > m) {
        j--;
        push(j, p + (<usize>1 << j));
      }
    }
  }
  store<u8>(p, <u8>m);
  const sz: u64 = <u64>1 << m;
  usedBytes += sz;
  if (usedBytes > peakBytes) peakBytes = usedBytes;
  liveBlocks++;
  return p;
}

/** New block of type t with n items, r=1, attribute none; 0 on 'wsfull. */
export function ga(t: i32, n: u32): usize {
  const w: u64 = <u64>(t == 0 || t >= 20 ? 4 : width(t)); // lists, dicts, tables, functions: u32 slots
  const bytes: u64 = <u64>HDR + <u64>n * w;
  if (bytes > (<u64>1 << MAXCLASS)) return fail(EWSFULL);
  const p = balloc(classFor(bytes));
  if (!p) return fail(EWSFULL);
  store<u8>(p + 1, 0);
  store<i8>(p + 2, <i8>t);
  store<u8>(p + 3, 0);
  store<i32>(p + 4, 1);
  store<i64>(p + 8, <i64>n);
  return p;
}

/** New atom of type t (negative); its value is at +16. */
export function atom(t: i32): usize { return ga(t, 1); }

// header accessors
@inline export function tt(p: usize): i32 { return <i32>load<i8>(p + 2); }
@inline export function nn(p: usize): u32 { return <u32>load<i64>(p + 8); }
@inline export function rr(p: usize): i32 { return load<i32>(p + 4); }
@inline export function dat(p: usize): usize { return p + HDR; }

/** Adds a reference. */
export function r1(p: usize): usize { store<i32>(p + 4, load<i32>(p + 4) + 1); return p; }

@external("env", "fnfree")
declare function fnfree(id: i32): void;

/** Drops a reference; frees the block (and its children) at zero. Iterative:
 *  containers whose count reaches zero are chained through their own r field
 *  (no longer needed), so a 1e6-deep nest frees without deep recursion. */
export function r0(p: usize): void {
  let pending: usize = 0;
  for (;;) {
    // a block already on a free list (type -128): a second release must not push
    // it twice, which would hand the same memory to two later allocations
    if (load<i8>(p + 2) != -128) {
      const r = load<i32>(p + 4) - 1;
      store<i32>(p + 4, r);
      if (r <= 0) {
        const t = tt(p);
        if (t == 0 || t == XD || t == XT) {
          if (nn(p)) { store<u32>(p + 4, <u32>pending); pending = p; }
          else release(p);
        } else {
          if (t >= FN) fnfree(load<i32>(p + HDR));
          release(p);
        }
      }
    }
    // next: a child of the innermost pending container, else done
    for (;;) {
      if (!pending) return;
      const n = nn(pending);
      if (n == 0) { // all children released: free the container itself
        const c = pending;
        pending = <usize>load<u32>(c + 4);
        release(c);
        continue;
      }
      // take the last child, shrinking the count as we go
      store<i64>(pending + 8, <i64>(n - 1));
      const c = <usize>load<u32>(pending + HDR + (<usize>(n - 1) << 2));
      if (c) { p = c; break; }
    }
  }
}

// A layer above the allocator that keeps state per block (kernels/hashindex.ts:
// a `u#/`g# vector's hash index goes with it) registers here at start and arms
// the call only while it holds any, so a release costs one flag test otherwise.
let releaseObserver: (p: usize) => void = (p: usize): void => {};
let releaseArmed: bool = false;
export function observeRelease(f: (p: usize) => void): void { releaseObserver = f; }
export function armReleaseObserver(on: bool): void { releaseArmed = on; }

@inline function release(p: usize): void {
  if (releaseArmed) releaseObserver(p);
  const m = <i32>load<u8>(p);
  usedBytes -= <u64>1 << m;
  liveBlocks--;
  push(m, p);
}

/** Block capacity in items for an in-place append (joins reuse r=1 blocks). */
export function capacity(p: usize): u32 {
  const t = tt(p);
  const w = t == 0 || t >= 20 ? 4 : width(t);
  return <u32>((((<u64>1) << load<u8>(p)) - HDR) / <u64>w);
}

// statistics for q.memory() / .Q.w
export function memUsed(): f64 { return <f64>usedBytes; }
export function memPeak(): f64 { return <f64>peakBytes; }
export function memHeap(): f64 { return <f64>((<u64>memory.size()) << 16); }
export function memBlocks(): i32 { return liveBlocks; }
export function memTop(): f64 { return <f64>(top - heapStart); }
/** Free blocks per class, for the allocator tests. */
export function freeCount(m: i32): i32 {
  let c = 0;
  let p = <usize>load<u32>(FREE + (<usize>m << 2));
  while (p) { c++; p = <usize>load<u32>(p + 8); }
  return c;
}

/** Engine-internal storage (symbol text, hash tables, scratch): allocated from
 *  the same heap but not counted as live values, so leak checks see only values. */
let sysBytes: u64 = 0;
export function sysAlloc(bytes: u64): usize {
  if (bytes > (<u64>1 << MAXCLASS)) return 0;
  const m = classFor(bytes);
  const p = balloc(m);
  if (!p) return 0;
  usedBytes -= <u64>1 << m; liveBlocks--; sysBytes += <u64>1 << m;
  return p;
}
export function sysFree(p: usize): void {
  const m = <i32>load<u8>(p);
  sysBytes -= <u64>1 << m;
  push(m, p);
}
export function memSys(): f64 { return <f64>sysBytes; }

// Persistent hash indexes: what `u# and `g# keep beside a vector so that find
// (x?y), in, dictionary and keyed-table lookups are O(1) per key.
//
// Representation. The value header has no spare word (its u byte holds the
// enumeration domain), so an index lives in a side table, DIR, keyed by the
// vector block's address:
//
//    DIR: open addressing over [block u32 | entry u32]   (linear probing,
//         backward-shift deletion, load <= 1/2)
//    entry = index block I (owned by this block)  or  I|1 (an inheritance:
//            this block was made from I's owner by an append, see below)
//            or C|2 (this block is a column of composite index C, below)
//
//    index block I (engine-internal, sysAlloc'd, invisible to leak counts):
//      +16 owner u32    +20 bits u32    +24 covered u32   +28 distinct u32
//      +32 heir u32     +36 heirN u32   +40 mode i32      +48 slots u32[1<<bits]
//    slot = row+1 of the FIRST occurrence of a value (0: empty). Keys are not
//    stored: a probe compares against the owner's items, so a slot is 4 bytes.
//
// Items are never changed in place in the engine (only appended to, by `,:`
// on a block with one reference), so an index stays valid for its block's
// prefix: `covered` says how many items are in it, and every use first adds
// the items appended since (incremental, amortised O(1) per item). A block
// whose count fell below `covered` is re-indexed from scratch.
//
// Appends that make a new block (x,y when x is shared or full) do not copy the
// index: hidx_derive(x, r) names r the heir of x's index. When x is released
// while the index still describes only r's prefix, the index moves to r
// (normally x is the old column of a table being replaced). If r is looked up
// first, r gets a copy. The release hook in mem.ts frees or hands over the
// index of every block released, so memory comes back with the vector.
//
// Writing through a JS view (k.data) changes items behind the index's back:
// drop the attribute (`#x) or use q's amend instead.

import { sysAlloc, sysFree, fail, nn, tt, observeRelease, armReleaseObserver } from "../mem";
import { EWSFULL } from "../shared/types";
import { stopAt, stopNow, stopped, POLL_ITEMS } from "../poll";

/** extend() was asked to stop: the index stays valid, covering the items added so far. */
let halted = false;

// key modes: how an item is read and compared
const M1: i32 = 1, M2: i32 = 2, M4: i32 = 4, M8: i32 = 8, ME: i32 = 5, MF: i32 = 9, MU: i32 = 16;

const O_OWNER: usize = 16, O_BITS: usize = 20, O_COV: usize = 24, O_DIST: usize = 28;
const O_HEIR: usize = 32, O_HEIRN: usize = 36, O_MODE: usize = 40, O_SLOTS: usize = 48;

let live: i32 = 0;        // index blocks alive
let dir: usize = 0;       // DIR block (entries at +16)
let dirBits: u32 = 0;
let dirUsed: u32 = 0;

/** Number of indexes alive (tests: memory comes back with the vectors). */
export function hidx_live(): i32 { return live; }

function modeOf(t: i32): i32 {
  if (t == 2) return MU;
  if (t == 8) return ME;
  if (t == 9 || t == 15) return MF;
  if (t == 1 || t == 4 || t == 10) return M1;
  if (t == 5) return M2;
  if (t == 6 || t == 11 || (t >= 13 && t <= 14) || (t >= 17 && t <= 19) || (t >= 20 && t < 77)) return M4;
  if (t == 7 || t == 12 || t == 16) return M8;
  return 0;
}

/** Item i of base as a u64 key; floats canonical (0n one value, -0 = 0) as q's find. */
@inline function KEY(mode: i32, base: usize, i: usize): u64 {
  switch (mode) {
    case M1: return <u64>load<u8>(base + i);
    case M2: return <u64>load<u16>(base + (i << 1));
    case M4: return <u64>load<u32>(base + (i << 2));
    case M8: return load<u64>(base + (i << 3));
    case ME: { const x = load<f32>(base + (i << 2)); return <u64>(x != x ? 0x7fc00000 : reinterpret<u32>(x + 0.0)); }
    case MF: { const x = load<f64>(base + (i << 3)); return x != x ? 0x7ff8000000000000 : reinterpret<u64>(x + 0.0); }
  }
  // guid: both halves folded for the hash; equality checks the 16 bytes
  const p = base + (i << 4);
  return load<u64>(p) ^ rotl<u64>(load<u64>(p, 8), 29);
}

@inline function EQ(mode: i32, a: usize, i: usize, b: usize, j: usize, ka: u64, kb: u64): bool {
  if (mode != MU) return ka == kb;
  const p = a + (i << 4), q = b + (j << 4);
  return load<u64>(p) == load<u64>(q) && load<u64>(p, 8) == load<u64>(q, 8);
}

@inline function HASH(k: u64, bits: u32): u32 { return <u32>((k * 0x9E3779B97F4A7C15) >> (64 - bits)); }

// the directory ---------------------------------------------------------------

@inline function phash(p: usize, bits: u32): u32 { return (<u32>p * 0x9E3779B1) >> (32 - bits); }

function dirGet(p: usize): usize {
  if (!dir) return 0;
  const mask: u32 = (1 << dirBits) - 1;
  let h = phash(p, dirBits);
  while (true) {
    const e = dir + 16 + (<usize>h << 3);
    const k = <usize>load<u32>(e);
    if (!k) return 0;
    if (k == p) return <usize>load<u32>(e + 4);
    h = (h + 1) & mask;
  }
}

/** Sets DIR[p] = v. Replacing an existing entry never allocates. */
function dirPut(p: usize, v: usize): bool {
  if (dir) {
    const mask: u32 = (1 << dirBits) - 1;
    let h = phash(p, dirBits);
    while (true) {
      const e = dir + 16 + (<usize>h << 3);
      const k = <usize>load<u32>(e);
      if (!k) break;
      if (k == p) { store<u32>(e + 4, <u32>v); return true; }
      h = (h + 1) & mask;
    }
  }
  if (!dir || ((dirUsed + 1) << 1) > (<u32>1 << dirBits)) {
    const nbits = dir ? dirBits + 1 : 6;
    const nd = sysAlloc(16 + (<u64>8 << nbits));
    if (!nd) return false;
    memory.fill(nd + 16, 0, <usize>8 << nbits);
    const nmask: u32 = (1 << nbits) - 1;
    if (dir) {
      const cap = <usize>1 << dirBits;
      for (let s: usize = 0; s < cap; s++) {
        const e = dir + 16 + (s << 3);
        const k = <usize>load<u32>(e);
        if (!k) continue;
        let h = phash(k, nbits);
        while (load<u32>(nd + 16 + (<usize>h << 3))) h = (h + 1) & nmask;
        store<u64>(nd + 16 + (<usize>h << 3), load<u64>(e));
      }
      sysFree(dir);
    }
    dir = nd; dirBits = nbits;
  }
  const mask: u32 = (1 << dirBits) - 1;
  let h = phash(p, dirBits);
  while (true) {
    const e = dir + 16 + (<usize>h << 3);
    const k = <usize>load<u32>(e);
    if (!k) { store<u32>(e, <u32>p); store<u32>(e + 4, <u32>v); dirUsed++; if (dirUsed == 1) armReleaseObserver(true); return true; }
    if (k == p) { store<u32>(e + 4, <u32>v); return true; }
    h = (h + 1) & mask;
  }
}

function dirDel(p: usize): void {
  if (!dir) return;
  const mask: u32 = (1 << dirBits) - 1;
  let h = phash(p, dirBits);
  while (true) {
    const e = dir + 16 + (<usize>h << 3);
    const k = <usize>load<u32>(e);
    if (!k) return;
    if (k == p) break;
    h = (h + 1) & mask;
  }
  // backward-shift deletion keeps every probe chain unbroken
  let i = h;
  let j = h;
  while (true) {
    j = (j + 1) & mask;
    const ej = dir + 16 + (<usize>j << 3);
    const k = <usize>load<u32>(ej);
    if (!k) break;
    const home = phash(k, dirBits);
    // move entry j to the hole at i when its home is not in (i, j]
    const between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
    if (!between) {
      store<u64>(dir + 16 + (<usize>i << 3), load<u64>(ej));
      i = j;
    }
  }
  store<u64>(dir + 16 + (<usize>i << 3), 0);
  dirUsed--;
  if (dirUsed == 0) armReleaseObserver(false);
}

// index blocks ---------------------------------------------------------------

function newIndex(owner: usize, mode: i32, bits: u32): usize {
  const I = sysAlloc(<u64>O_SLOTS + (<u64>4 << bits));
  if (!I) return 0;
  memory.fill(I + O_SLOTS, 0, <usize>4 << bits);
  store<u32>(I + O_OWNER, <u32>owner);
  store<u32>(I + O_BITS, bits);
  store<u32>(I + O_COV, 0);
  store<u32>(I + O_DIST, 0);
  store<u32>(I + O_HEIR, 0);
  store<u32>(I + O_HEIRN, 0);
  store<i32>(I + O_MODE, mode);
  live++;
  return I;
}

function freeIndex(I: usize): void {
  const h = <usize>load<u32>(I + O_HEIR);
  if (h) dirDel(h);
  live--;
  sysFree(I);
}

/** Doubles the slot table of I (owner's items rehashed); the new block or 0. */
function grow(I: usize, base: usize): usize {
  const bits = load<u32>(I + O_BITS), mode = load<i32>(I + O_MODE);
  const nb = bits + 1;
  const N = sysAlloc(<u64>O_SLOTS + (<u64>4 << nb));
  if (!N) return 0;
  memory.copy(N + 16, I + 16, O_SLOTS - 16);
  store<u32>(N + O_BITS, nb);
  memory.fill(N + O_SLOTS, 0, <usize>4 << nb);
  const nmask: u32 = (1 << nb) - 1;
  const cap = <usize>1 << bits;
  for (let s: usize = 0; s < cap; s++) {
    const v = load<u32>(I + O_SLOTS + (s << 2));
    if (!v) continue;
    let h = HASH(KEY(mode, base, <usize>(v - 1)), nb);
    while (load<u32>(N + O_SLOTS + (<usize>h << 2))) h = (h + 1) & nmask;
    store<u32>(N + O_SLOTS + (<usize>h << 2), v);
  }
  sysFree(I);
  return N;
}

/** Adds items covered..n-1 of the owner (first occurrences win); I may move. 0 on 'wsfull. */
function extend(I: usize, base: usize, n: u32): usize {
  const mode = load<i32>(I + O_MODE);
  let bits = load<u32>(I + O_BITS);
  let mask: u32 = (1 << bits) - 1;
  let dist = load<u32>(I + O_DIST);
  for (let i = <usize>load<u32>(I + O_COV); i < <usize>n; i++) {
    if (stopAt(i)) {
      store<u32>(I + O_DIST, dist);
      store<u32>(I + O_COV, <u32>i);
      halted = true;
      return I;
    }
    const k = KEY(mode, base, i);
    let h = HASH(k, bits);
    while (true) {
      const s = I + O_SLOTS + (<usize>h << 2);
      const v = load<u32>(s);
      if (!v) {
        store<u32>(s, <u32>i + 1);
        dist++;
        if ((dist << 1) > mask) {
          store<u32>(I + O_DIST, dist);
          store<u32>(I + O_COV, <u32>i + 1);
          const N = grow(I, base);
          if (!N) return 0;
          I = N; bits++; mask = (mask << 1) | 1;
        }
        break;
      }
      const r = <usize>(v - 1);
      if (EQ(mode, base, r, base, i, KEY(mode, base, r), k)) break;
      h = (h + 1) & mask;
    }
  }
  store<u32>(I + O_DIST, dist);
  store<u32>(I + O_COV, n);
  return I;
}

@inline function bitsFor(n: u32): u32 {
  let b: u32 = 4;
  while ((<u64>1 << b) < (<u64>n << 1) + 2) b++;
  return b;
}

/** The index of block p, brought up to date (built, copied from an append's
 *  source, or extended); 0 when p cannot have one or memory is exhausted. */
function ensure(p: usize): usize {
  const t = tt(p);
  const mode = t > 0 ? modeOf(t) : 0;
  if (!mode) return 0;
  const n = nn(p);
  const base = p + 16;
  let e = dirGet(p);
  if (e & 2) { evictC(e & ~(<usize>3)); e = 0; } // a column of a composite index gets an index of its own
  let I: usize = 0;
  if (e & 1) {
    // p inherits from a live source: take a copy of the source's slots
    const S = e & ~(<usize>1);
    store<u32>(S + O_HEIR, 0);
    dirDel(p);
    if (load<u32>(S + O_COV) <= load<u32>(S + O_HEIRN) && load<u32>(S + O_COV) <= n) {
      const bits = load<u32>(S + O_BITS);
      I = sysAlloc(<u64>O_SLOTS + (<u64>4 << bits));
      if (!I) { fail(EWSFULL); return 0; }
      memory.copy(I + 16, S + 16, (O_SLOTS - 16) + (<usize>4 << bits));
      store<u32>(I + O_OWNER, <u32>p);
      store<u32>(I + O_HEIR, 0);
      live++;
      if (!dirPut(p, I)) { live--; sysFree(I); fail(EWSFULL); return 0; }
    }
  } else if (e) {
    I = e;
    if (load<u32>(I + O_COV) > n) { dirDel(p); freeIndex(I); I = 0; }
  }
  if (!I) {
    I = newIndex(p, mode, bitsFor(n));
    if (!I) { fail(EWSFULL); return 0; }
    if (!dirPut(p, I)) { live--; sysFree(I); fail(EWSFULL); return 0; }
  }
  if (load<u32>(I + O_COV) < n) {
    const N = extend(I, base, n);
    if (!N) { dirDel(p); freeIndex(I); fail(EWSFULL); return 0; }
    if (N != I) {
      // the block moved: its owner's entry, and its heir's inheritance, follow (replacements never allocate)
      dirPut(p, N);
      const h = <usize>load<u32>(N + O_HEIR);
      if (h) dirPut(h, N | 1);
    }
    I = N;
  }
  return I;
}

// exports --------------------------------------------------------------------

/** Builds (or brings up to date) the index of vector p: 1, 0 on 'wsfull, -1 for a type without one. */
export function hidx_build(p: usize): i32 {
  const t = tt(p);
  if (!(t > 0 && modeOf(t))) return -1;
  const I = ensure(p);
  if (halted) { halted = false; stopped(); return 0; }
  return I ? 1 : 0;
}

/** Whether p has an index of its own (tests). */
export function hidx_has(p: usize): i32 { const e = dirGet(p); return e && !(e & 3) ? 1 : 0; }

/** Frees p's index (the attribute was removed). */
export function hidx_drop(p: usize): void {
  const e = dirGet(p);
  if (!e) return;
  if (e & 2) { evictC(e & ~(<usize>3)); return; }
  dirDel(p);
  if (e & 1) store<u32>((e & ~(<usize>1)) + O_HEIR, 0);
  else freeIndex(e);
}

/** x?y through x's index, y's items at yd (ny of them, x's type): out[j] the
 *  first row of y[j] in x, else count x (i64); flag 1: 1b where found, 2: 1b
 *  where not (u8). 1 done, 0 'wsfull, -1 x has no attribute using an index. */
export function hidx_find(x: usize, yd: usize, ny: u32, out: usize, flag: i32): i32 {
  const a = load<u8>(x + 1);
  if (a != 2 && a != 4) return -1;
  const t = tt(x);
  if (!(t > 0 && modeOf(t))) return -1;
  const I = ensure(x);
  if (halted) { halted = false; stopped(); return 0; }
  if (!I) return 0;
  const mode = load<i32>(I + O_MODE);
  const bits = load<u32>(I + O_BITS);
  const mask: u32 = (1 << bits) - 1;
  const nx = nn(x);
  const base = x + 16;
  for (let c0: usize = 0; c0 < <usize>ny; c0 += <usize>POLL_ITEMS) {
    if (c0 && stopNow()) { stopped(); return 0; }
    for (let j = c0, c1 = min(c0 + <usize>POLL_ITEMS, <usize>ny); j < c1; j++) {
      const k = KEY(mode, yd, j);
      let h = HASH(k, bits);
      let r: u32 = nx;
      while (true) {
        const v = load<u32>(I + O_SLOTS + (<usize>h << 2));
        if (!v) break;
        const i = <usize>(v - 1);
        if (EQ(mode, base, i, yd, j, KEY(mode, base, i), k)) { r = v - 1; break; }
        h = (h + 1) & mask;
      }
      if (flag) store<u8>(out + j, <u8>((r != nx) != (flag == 2)));
      else store<i64>(out + (j << 3), <i64>r);
    }
  }
  return 1;
}

/** r was made from x's items followed by more (x,y into a new block): r is the
 *  heir of x's index (see the header). No effect when x has no index. */
export function hidx_derive(x: usize, r: usize): void {
  if (x == r) return;
  const I = dirGet(x);
  if (!I || (I & 3) || dirGet(r)) return;
  const old = <usize>load<u32>(I + O_HEIR);
  if (old) dirDel(old);
  if (!dirPut(r, I | 1)) { store<u32>(I + O_HEIR, 0); return; }
  store<u32>(I + O_HEIR, <u32>r);
  store<u32>(I + O_HEIRN, nn(x));
}

/** Release hook (mem.ts): block p is being freed. */
export function hidxRelease(p: usize): void {
  if (!dirUsed) return;
  const e = dirGet(p);
  if (!e) return;
  if (e & 2) { evictC(e & ~(<usize>3)); return; }
  dirDel(p);
  if (e & 1) { store<u32>((e & ~(<usize>1)) + O_HEIR, 0); return; }
  const I = e;
  const h = <usize>load<u32>(I + O_HEIR);
  if (h && load<u32>(I + O_COV) <= load<u32>(I + O_HEIRN)) {
    // hand the index to the block made from this one
    store<u32>(I + O_HEIR, 0);
    store<u32>(I + O_OWNER, <u32>h);
    dirPut(h, I); // h's inheritance entry becomes the index itself (no allocation)
    return;
  }
  freeIndex(I);
}

// composite indexes ----------------------------------------------------------
//
// The rows of several columns of one count (a keyed table's key columns) as
// one key: what keyed lookup, upsert and the keyed joins probe when a table is
// keyed on two or more columns. Same scheme as above (slot = row+1 of the
// first occurrence, keys read from the columns, extended as rows are appended),
// but owned by all its columns at once: each column block's DIR entry is C|2,
// and releasing, amending or indexing any one of them frees C. A column
// belongs to one composite index at a time (a newer one evicts the older).
//
//    composite block C: +16 ncols u32  +20 bits u32  +24 covered u32  +28 distinct u32
//                       +32 + 8c: column c's block u32, its key mode i32   then slots u32[1<<bits]

const C_N: usize = 16, C_BITS: usize = 20, C_COV: usize = 24, C_DIST: usize = 28, C_COLS: usize = 32;
const C_MAXCOLS: u32 = 32;

@inline function cslots(k: u32): usize { return (C_COLS + (<usize>k << 3) + 15) & ~(<usize>15); }

/** The composite hash of row i of C's columns. */
function CHASH(C: usize, k: u32, i: usize): u64 {
  let h: u64 = 0;
  for (let c: u32 = 0; c < k; c++) {
    const e = C + C_COLS + (<usize>c << 3);
    h = (rotl<u64>(h, 27) ^ KEY(load<i32>(e, 4), <usize>load<u32>(e) + 16, i)) * 0x9E3779B97F4A7C15;
  }
  return h;
}

/** Row i of C's columns equals row j of the look columns at L (k block
 *  addresses, u32 each, 1<<sh bytes apart). */
function CEQ(C: usize, k: u32, i: usize, L: usize, sh: u32, j: usize): bool {
  for (let c: u32 = 0; c < k; c++) {
    const e = C + C_COLS + (<usize>c << 3);
    const mode = load<i32>(e, 4), a = <usize>load<u32>(e) + 16, b = <usize>load<u32>(L + (<usize>c << sh)) + 16;
    if (!EQ(mode, a, i, b, j, KEY(mode, a, i), KEY(mode, b, j))) return false;
  }
  return true;
}

/** The composite hash of row j of the look columns at L. */
function LHASH(C: usize, k: u32, L: usize, j: usize): u64 {
  let h: u64 = 0;
  for (let c: u32 = 0; c < k; c++) {
    const mode = load<i32>(C + C_COLS + (<usize>c << 3), 4);
    h = (rotl<u64>(h, 27) ^ KEY(mode, <usize>load<u32>(L + (<usize>c << 2)) + 16, j)) * 0x9E3779B97F4A7C15;
  }
  return h;
}

/** Frees C and the DIR entries of its columns. */
function evictC(C: usize): void {
  const k = load<u32>(C + C_N);
  for (let c: u32 = 0; c < k; c++) {
    const p = <usize>load<u32>(C + C_COLS + (<usize>c << 3));
    if (dirGet(p) == (C | 2)) dirDel(p);
  }
  live--;
  sysFree(C);
}

/** Doubles C's slot table; the new block (its columns' entries follow) or 0. */
function growC(C: usize): usize {
  const k = load<u32>(C + C_N), bits = load<u32>(C + C_BITS), nb = bits + 1;
  const S = cslots(k);
  const N = sysAlloc(<u64>S + (<u64>4 << nb));
  if (!N) return 0;
  memory.copy(N + 16, C + 16, S - 16);
  store<u32>(N + C_BITS, nb);
  memory.fill(N + S, 0, <usize>4 << nb);
  const nmask: u32 = (1 << nb) - 1;
  const cap = <usize>1 << bits;
  for (let s: usize = 0; s < cap; s++) {
    const v = load<u32>(C + S + (s << 2));
    if (!v) continue;
    let h = HASH(CHASH(N, k, <usize>(v - 1)), nb);
    while (load<u32>(N + S + (<usize>h << 2))) h = (h + 1) & nmask;
    store<u32>(N + S + (<usize>h << 2), v);
  }
  for (let c: u32 = 0; c < k; c++) dirPut(<usize>load<u32>(N + C_COLS + (<usize>c << 3)), N | 2);
  sysFree(C);
  return N;
}

/** Adds rows covered..n-1 of C's columns; C may move. 0 on 'wsfull (C freed). */
function extendC(C: usize, n: u32): usize {
  const k = load<u32>(C + C_N), S = cslots(k);
  let bits = load<u32>(C + C_BITS);
  let mask: u32 = (1 << bits) - 1;
  let dist = load<u32>(C + C_DIST);
  for (let i = <usize>load<u32>(C + C_COV); i < <usize>n; i++) {
    let h = HASH(CHASH(C, k, i), bits);
    while (true) {
      const s = C + S + (<usize>h << 2);
      const v = load<u32>(s);
      if (!v) {
        store<u32>(s, <u32>i + 1);
        dist++;
        if ((dist << 1) > mask) {
          store<u32>(C + C_DIST, dist);
          store<u32>(C + C_COV, <u32>i + 1);
          const N = growC(C);
          if (!N) { evictC(C); return 0; }
          C = N; bits++; mask = (mask << 1) | 1;
        }
        break;
      }
      if (CEQ(C, k, <usize>(v - 1), C + C_COLS, 3, i)) break;
      h = (h + 1) & mask;
    }
  }
  store<u32>(C + C_DIST, dist);
  store<u32>(C + C_COV, n);
  return C;
}

/** The composite index of the k column blocks whose addresses are at K (u32
 *  each), up to date; 0 on 'wsfull, 1 when it does not apply (a type without
 *  key modes, counts that differ, a column with an index of its own). */
function ensureC(K: usize, k: u32): usize {
  if (k < 2 || k > C_MAXCOLS) return 1;
  const p0 = <usize>load<u32>(K);
  const n = nn(p0);
  for (let c: u32 = 0; c < k; c++) {
    const p = <usize>load<u32>(K + (<usize>c << 2)), t = tt(p);
    if (!(t > 0 && modeOf(t)) || nn(p) != n) return 1;
  }
  let C: usize = 0;
  const e = dirGet(p0);
  if (e & 2) {
    C = e & ~(<usize>3);
    let same = load<u32>(C + C_N) == k && load<u32>(C + C_COV) <= n;
    for (let c: u32 = 0; same && c < k; c++) same = load<u32>(C + C_COLS + (<usize>c << 3)) == load<u32>(K + (<usize>c << 2));
    if (!same) { evictC(C); C = 0; }
  }
  if (!C) {
    // every column free, or a column of another composite index (evicted)
    for (let c: u32 = 0; c < k; c++) {
      const x = dirGet(<usize>load<u32>(K + (<usize>c << 2)));
      if (x & 2) evictC(x & ~(<usize>3));
      else if (x) return 1;
    }
    const bits = bitsFor(n), S = cslots(k);
    C = sysAlloc(<u64>S + (<u64>4 << bits));
    if (!C) { fail(EWSFULL); return 0; }
    memory.fill(C + 16, 0, S - 16 + (<usize>4 << bits));
    store<u32>(C + C_N, k);
    store<u32>(C + C_BITS, bits);
    for (let c: u32 = 0; c < k; c++) {
      const p = <usize>load<u32>(K + (<usize>c << 2));
      store<u32>(C + C_COLS + (<usize>c << 3), <u32>p);
      store<i32>(C + C_COLS + (<usize>c << 3), modeOf(tt(p)), 4);
    }
    live++;
    for (let c: u32 = 0; c < k; c++) {
      if (!dirPut(<usize>load<u32>(K + (<usize>c << 2)), C | 2)) { evictC(C); fail(EWSFULL); return 0; }
    }
  }
  if (load<u32>(C + C_COV) < n) {
    C = extendC(C, n);
    if (!C) { fail(EWSFULL); return 0; }
  }
  return C;
}

/** Row find over k >= 2 columns through their composite index: K holds the k
 *  key column blocks, L the k look column blocks (u32 addresses; look column
 *  c of key column c's type), ny rows looked up; out[j] (i64) the first key
 *  row equal to look row j, else the key count. 1 done, 0 'wsfull, -1 not
 *  applicable (the caller combines per-column finds instead). */
export function cidx_find(K: usize, L: usize, k: u32, ny: u32, out: usize): i32 {
  for (let c: u32 = 0; c < k; c++) {
    const l = <usize>load<u32>(L + (<usize>c << 2));
    if (tt(l) != tt(<usize>load<u32>(K + (<usize>c << 2))) || nn(l) != ny) return -1;
  }
  const C = ensureC(K, k);
  if (C == 0) return 0;
  if (C == 1) return -1;
  const bits = load<u32>(C + C_BITS), S = cslots(k);
  const mask: u32 = (1 << bits) - 1;
  const nk = nn(<usize>load<u32>(K));
  for (let j: usize = 0; j < <usize>ny; j++) {
    let h = HASH(LHASH(C, k, L, j), bits);
    let r: u32 = nk;
    while (true) {
      const v = load<u32>(C + S + (<usize>h << 2));
      if (!v) break;
      if (CEQ(C, k, <usize>(v - 1), L, 2, j)) { r = v - 1; break; }
      h = (h + 1) & mask;
    }
    store<i64>(out + (j << 3), <i64>r);
  }
  return 1;
}

/** Whether block p is a column of a composite index (tests). */
export function cidx_has(p: usize): i32 { return dirGet(p) & 2 ? 1 : 0; }

/** Whether any index or inheritance entry exists (release fast path). */
@inline export function hidxAny(): bool { return dirUsed != 0; }

observeRelease(hidxRelease); // the allocator calls it while any index exists (mem.ts)

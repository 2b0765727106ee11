// Symbol intern table. A symbol is an i32 id; id 0 is the empty symbol (q's
// symbol null). Text is UTF-8 in append-only arena chunks; symbols are never
// freed, as in kdb+. Lookup is open addressing over u32 slots holding id+1.
//
//   ids:   [ptr u32, len u32] per id          (grows by doubling)
//   slots: [id+1 u32] per slot, power of two  (rehashed at 1/2 load)

import { sysAlloc, sysFree, fail } from "./mem";
import { EWSFULL } from "./shared/types";

let ids: usize = 0;       // block; entries start at +16
let idCap: i32 = 0;
let count: i32 = 0;
let slots: usize = 0;
let slotMask: u32 = 0;
let arena: usize = 0;     // current chunk cursor and end
let arenaEnd: usize = 0;
let scratch: usize = 0;
let scratchCap: u32 = 0;

@inline function hash(p: usize, n: u32): u32 {
  let h: u32 = 2166136261;
  for (let i: u32 = 0; i < n; i++) h = (h ^ <u32>load<u8>(p + i)) * 16777619;
  return h;
}

@inline export function symPtr(id: i32): usize { return <usize>load<u32>(ids + 16 + (<usize>id << 3)); }
@inline export function symLen(id: i32): u32 { return load<u32>(ids + 20 + (<usize>id << 3)); }

function same(id: i32, p: usize, n: u32): bool {
  return symLen(id) == n && memory.compare(symPtr(id), p, n) == 0;
}

function rehash(cap: u32): bool {
  const s = sysAlloc(16 + (<u64>cap << 2));
  if (!s) return false;
  memory.fill(s + 16, 0, <usize>cap << 2);
  const mask = cap - 1;
  for (let id = 0; id < count; id++) {
    let h = hash(symPtr(id), symLen(id)) & mask;
    while (load<u32>(s + 16 + (<usize>h << 2))) h = (h + 1) & mask;
    store<u32>(s + 16 + (<usize>h << 2), <u32>id + 1);
  }
  if (slots) sysFree(slots);
  slots = s; slotMask = mask;
  return true;
}

function init(): void {
  idCap = 1024;
  ids = sysAlloc(16 + (<u64>idCap << 3));
  rehash(2048);
  store<u32>(ids + 16, 0); store<u32>(ids + 20, 0); // id 0: ""
  count = 1;
  let h = hash(0, 0) & slotMask;
  store<u32>(slots + 16 + (<usize>h << 2), 1);
}

/** Interns n bytes at p; returns the id, or -1 on 'wsfull. */
export function intern(p: usize, n: u32): i32 {
  if (!ids) init();
  let h = hash(p, n) & slotMask;
  let s: u32;
  while ((s = load<u32>(slots + 16 + (<usize>h << 2))) != 0) {
    if (same(<i32>s - 1, p, n)) return <i32>s - 1;
    h = (h + 1) & slotMask;
  }
  // new symbol: copy its text into the arena
  if (<u64>arena + n > <u64>arenaEnd) {
    const chunk: u64 = max<u64>(65536 - 16, <u64>n);
    const c = sysAlloc(16 + chunk);
    if (!c) { fail(EWSFULL); return -1; }
    arena = c + 16; arenaEnd = c + 16 + <usize>chunk;
  }
  memory.copy(arena, p, n);
  if (count == idCap) {
    const ni = sysAlloc(16 + (<u64>idCap << 4));
    if (!ni) { fail(EWSFULL); return -1; }
    memory.copy(ni + 16, ids + 16, <usize>idCap << 3);
    sysFree(ids); ids = ni; idCap <<= 1;
  }
  const id = count++;
  store<u32>(ids + 16 + (<usize>id << 3), <u32>arena);
  store<u32>(ids + 20 + (<usize>id << 3), n);
  arena += n;
  store<u32>(slots + 16 + (<usize>h << 2), <u32>id + 1);
  if (<u32>count * 2 > slotMask + 1) {
    if (!rehash((slotMask + 1) << 1)) { fail(EWSFULL); return -1; }
  }
  return id;
}

export function symCount(): i32 { if (!ids) init(); return count; }
export function symText(id: i32): usize { return symPtr(id); }
export function symBytes(id: i32): u32 { return symLen(id); }

/** A scratch area of at least n bytes for passing text and arguments in. */
export function scratchBuf(n: u32): usize {
  if (n > scratchCap) {
    if (scratch) sysFree(scratch);
    let cap: u32 = 256;
    while (cap < n) cap <<= 1;
    scratch = sysAlloc(16 + <u64>cap);
    if (!scratch) { scratchCap = 0; return fail(EWSFULL); }
    scratchCap = cap;
  }
  return scratch + 16;
}

/** Lexicographic (byte) order of two symbols: <0, 0, >0. */
export function symCmp(a: i32, b: i32): i32 {
  if (a == b) return 0;
  const la = symLen(a), lb = symLen(b);
  const c = memory.compare(symPtr(a), symPtr(b), min(la, lb));
  return c != 0 ? c : <i32>la - <i32>lb;
}

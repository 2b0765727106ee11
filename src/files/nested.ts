// Nested columns: a column whose items are lists (strings, say).
//
// Old layout (before kdb+ 3.6): `name` is a simple-vector file of type 77+t
// whose items are i64 end offsets (in items) into `name#`, the raw items of
// every list one after another with no header.
//
// Anymap layout (3.6+): `name` has a 4 KiB header of type 77 and one i64 ref
// per item; `name#` is a 4 KiB-header byte file; `name##` (when there are
// symbols) a symbol list. A ref is the object's byte offset in the data of
// `name#` (low 56 bits) with a flag byte on top. At an offset sits either
//   - a compact object: one byte t+0x7f (t the q type, negative for atoms),
//     then for a vector a one-byte count, then the items (symbols as i32
//     indexes into `name##`), unaligned; or
//   - a full object (first byte >= 0xa0): a 16-byte header (byte 1 attr,
//     byte 2 type, bytes 8..15 count), then simple items, or for general
//     lists (0 and 77), dictionaries (99: keys, values) and tables (98: column
//     names, columns) one 8-byte ref per item.

import { QError } from '../errors.js';
import { alloc, mem, E, intern, setAttr, hdrType, hdrCount, child } from '../runtime.js';
import { K } from '../k.js';
import { QTYPES, XD, XT } from '../types.js';
import { storage } from './storage.js';
import { readWhole } from './compress.js';
import { classify, bigHeader, writeOptions, BIG_HDR } from './header.js';
import { symbolNames, symbolFile } from './symbols.js';
import { dictPtr } from '../convert.js';
import { flip } from '../ops/core.js';
/** How an enumeration finds its domain: the symbol ids of the variable named
 *  (usually `sym`), or QError(name) when it is not defined. */
export type DomainLookup = (name: string) => Int32Array;

type ReadAt = (dst: Uint8Array, pos: number) => number;

function mainRefs(n0: number, data: number, size: number, readAt: ReadAt): BigUint64Array {
  const n = n0 || Math.floor((size - data) / 8);
  if (data + n * 8 > size) throw new QError('length');
  const refs = new BigUint64Array(n);
  if (readAt(new Uint8Array(refs.buffer), data) !== n * 8) throw new QError('length');
  return refs;
}

/** A general list of n items from a builder of each item's block (owned). */
function generalList(n: number, item: (i: number) => number): number {
  const p = alloc(0, n);
  mem().u32.fill(0, (p + 16) >>> 2, ((p + 16) >>> 2) + n);
  try {
    for (let i = 0; i < n; i++) { const c = item(i); mem().u32[((p + 16) >>> 2) + i] = c; }
  } catch (e) { E.r0(p); throw e; }
  return p;
}

function vectorBlock(t: number, src: Uint8Array, at: number, n: number): number {
  const w = QTYPES[t]!.width;
  if (at + n * w > src.length) throw new QError('length');
  const p = alloc(t, n);
  mem().u8.set(src.subarray(at, at + n * w), p + 16);
  return p;
}

export function readOldNested(path: string, t: number, n0: number, size: number, readAt: ReadAt): K {
  const qt = QTYPES[t];
  if (!qt || t === 11) throw new QError('type');
  const ends = mainRefs(n0, 16, size, readAt);
  const raw = readWhole(path + '#');
  const w = qt.width;
  let start = 0;
  return new K(generalList(ends.length, (i) => {
    const end = Number(ends[i]);
    if (end < start || end * w > raw.length) throw new QError('length');
    const p = vectorBlock(t, raw, start * w, end - start);
    start = end;
    return p;
  }));
}

export function readAnymap(path: string, n0: number, size: number, readAt: ReadAt, _domains: DomainLookup): K {
  const refs = mainRefs(n0, BIG_HDR, size, readAt);
  const hashFile = readWhole(path + '#');
  const kind = classify(hashFile, hashFile.length);
  if (!kind || kind.kind !== 'vector' || kind.t !== 4) throw new QError('type');
  const data = hashFile.subarray(BIG_HDR);
  let syms: number[] | undefined;
  const symAt = (i: number): number => {
    if (!syms) {
      const b = storage().exists(path + '##') ? readWhole(path + '##') : undefined;
      if (!b || b[0] !== 0xff || b[1] !== 0x01) throw new QError(path.split('/').pop() + '##');
      syms = symbolNames(b.subarray(2)).map((s) => intern(s));
    }
    if (i < 0 || i >= syms.length) throw new QError('index');
    return syms[i];
  };
  const dv = new DataView(data.buffer, data.byteOffset, data.length);
  const refAt = (at: number): number => {
    if (at + 8 > data.length) throw new QError('length');
    return Number(dv.getBigUint64(at, true) & 0x00ff_ffff_ffff_ffffn);
  };
  const obj = (off: number, depth: number): number => {
    if (off >= data.length || depth > 64) throw new QError('length');
    const c = data[off];
    if (c >= 0xa0) return full(off, depth);
    const t = c - 0x7f;
    if (t < 0) return atom(t, off + 1);
    const n = data[off + 1];
    return simple(t, off + 2, n);
  };
  const atom = (t: number, at: number): number => {
    if (t === -11) {
      const id = symAt(dv.getInt32(at, true));
      const p = alloc(-11, 1);
      mem().i32[(p + 16) >>> 2] = id;
      return p;
    }
    if (!QTYPES[-t]) throw new QError('type');
    const w = QTYPES[-t]!.width;
    if (at + w > data.length) throw new QError('length');
    const p = alloc(t, 1);
    mem().u8.set(data.subarray(at, at + w), p + 16);
    return p;
  };
  const simple = (t: number, at: number, n: number): number => {
    if (t === 11) {
      if (at + 4 * n > data.length) throw new QError('length');
      const ids: number[] = [];
      for (let i = 0; i < n; i++) ids.push(symAt(dv.getInt32(at + 4 * i, true)));
      const p = alloc(11, n);
      mem().i32.set(ids, (p + 16) >>> 2);
      return p;
    }
    if (!QTYPES[t]) throw new QError('type');
    return vectorBlock(t, data, at, n);
  };
  const full = (off: number, depth: number): number => {
    const attr = data[off + 1], t = (data[off + 2] << 24) >> 24;
    const n = Number(dv.getBigInt64(off + 8, true));
    if (n < 0 || n > data.length) throw new QError('length');
    const at = off + 16;
    if (t < 0) return atom(t, at);
    if (t > 0 && t < 20) { const p = simple(t, at, n); if (attr <= 4) setAttr(p, attr); return p; }
    if (t === 20) {
      // an enumeration inside a nested column: i64 indexes into `name##`
      if (at + 8 * n > data.length) throw new QError('length');
      const ids: number[] = [];
      for (let i = 0; i < n; i++) ids.push(symAt(Number(dv.getBigInt64(at + 8 * i, true))));
      const p = alloc(11, n);
      mem().i32.set(ids, (p + 16) >>> 2);
      if (attr <= 4) setAttr(p, attr);
      return p;
    }
    if (t === 0 || t === 77) return generalList(n, (i) => obj(refAt(at + 8 * i), depth + 1));
    if (t === XD || t === XT) {
      const k = obj(refAt(at), depth + 1);
      let v: number;
      try { v = obj(refAt(at + 8), depth + 1); } catch (e) { E.r0(k); throw e; }
      const d = dictPtr(k, v);
      if (t === XD) return d;
      const dk = new K(d);
      try { return takeRef(flip, dk); } finally { dk.dispose(); }
    }
    throw new QError('type');
  };
  return new K(generalList(refs.length, (i) => obj(Number(refs[i] & 0x00ff_ffff_ffff_ffffn), 0)));
}

/** flip of a dictionary K as an owned pointer. */
function takeRef(f: (x: K) => K, x: K): number {
  const r = f(x);
  const p = E.r1(r.ptr);
  r.dispose();
  return p;
}

const COMPACT_MAX_BYTES = 127; // unverified threshold: compact seen up to 80 bytes, full from 240

/** Writes a general list of simple vectors and atoms in the anymap layout.
 *  Symbols (vectors and atoms) are i32 indexes into the column's own symbol
 *  list `name##`, in order of first appearance (as the TorQ fixture shows). */
export function writeNested(path: string, x: K): void {
  const n = x.count;
  const parts: Uint8Array[] = [];
  const refs = new BigUint64Array(n);
  const names: string[] = [];
  const index = new Map<number, number>(); // symbol id -> index in name##
  const symIndexes = (c: number, m: number): Uint8Array => {
    const ids = mem().i32, base = (c + 16) >>> 2;
    const out = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      const id = ids[base + j];
      let k = index.get(id);
      if (k === undefined) { k = names.push(x.symbol(id)) - 1; index.set(id, k); }
      out[j] = k;
    }
    return new Uint8Array(out.buffer);
  };
  let off = 0;
  for (let i = 0; i < n; i++) {
    const c = child(x.ptr, i);
    const t = hdrType(c), w = QTYPES[Math.abs(t)]!.width, m = t < 0 ? 1 : hdrCount(c);
    const bytes = Math.abs(t) === 11 ? symIndexes(c, m) : mem().u8.slice(c + 16, c + 16 + m * w);
    if (t < 0) { // an atom: its code, then its value
      const b = new Uint8Array(1 + bytes.length);
      b[0] = t + 0x7f; b.set(bytes, 1);
      refs[i] = (1n << 56n) | BigInt(off);
      parts.push(b); off += b.length;
    } else if (m <= 255 && bytes.length <= COMPACT_MAX_BYTES) {
      const b = new Uint8Array(2 + bytes.length);
      b[0] = t + 0x7f; b[1] = m; b.set(bytes, 2);
      refs[i] = (1n << 56n) | BigInt(off);
      parts.push(b); off += b.length;
    } else {
      const pad = (16 - (off % 16)) % 16;
      if (pad) { parts.push(new Uint8Array(pad)); off += pad; }
      const h = new Uint8Array(16);
      const dv = new DataView(h.buffer);
      h[0] = 0xfb; h[2] = t; dv.setInt32(4, 1, true); dv.setBigInt64(8, BigInt(m), true);
      refs[i] = BigInt(off);
      parts.push(h, bytes); off += 16 + bytes.length;
    }
  }
  if (names.length) storage().write(path + '##', [symbolFile(names, 0, true)]);
  storage().write(path + '#', [bigHeader('', 4, 0, off, 0, writeOptions.countAlways), ...parts]);
  storage().write(path, [bigHeader('', 77, 0, n, 1, writeOptions.countAlways), new Uint8Array(refs.buffer)]);
}

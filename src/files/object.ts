// get and set of one file: a simple vector maps straight into engine memory
// (one read into the block's items, never an item-by-item decode), an
// enumeration resolves against its domain, a nested column reads its `#`
// companions, anything else is a serialized object.

import { QError } from '../errors.js';
import { alloc, mem, E, setAttr, hdrType, hdrAttr, intern as internName } from '../runtime.js';
import { K } from '../k.js';
import { QTYPES } from '../types.js';
import { storage } from './storage.js';
import { classify, vectorHeader, bigHeader, writeOptions, BIG_HDR, type FileKind } from './header.js';
import { symbolNames, bodyAttr, symbolFile, atomFromBody, atomFile } from './symbols.js';
import { readOldNested, readAnymap, writeNested } from './nested.js';
import { decompress } from './compress.js';
import type { DomainLookup } from './nested.js';
import { enumBlock, domainOf, isEnum } from '../table/enum.js';
import { partedIndex, uniqueIndex } from './attrindex.js';

const NI = -2147483648;

export type { DomainLookup };

/** The IPC codec for what files store serialized (general lists,
 *  dictionaries, tables, …): kdb+ messages without their 8-byte header.
 *  Undefined until the ipc layer provides it. */
export interface BodyCodec {
  /** body bytes (no message header) -> value */
  decode(body: Uint8Array): K;
  /** value -> body bytes (no message header) */
  encode(x: K): Uint8Array;
}
export const codecs: { body?: BodyCodec } = {};

const HEAD = BIG_HDR;

/** The file's first bytes (up to 4096) and its size. */
function head(path: string): { head: Uint8Array; size: number } {
  const st = storage();
  const size = st.size(path);
  const h = new Uint8Array(Math.min(size, HEAD));
  st.readInto(path, h, 0);
  return { head: h, size };
}

/** get `:path for a file (directories are the splayed-table layer's). */
export function readFile(path: string, domains: DomainLookup): K {
  const { head: h, size } = head(path);
  const kind = classify(h, size);
  if (!kind) throw new QError('type');
  if (kind.kind === 'compressed') return readBytes(decompress(storage().read(path)), path, domains);
  return readKind(kind, path, size, domains, undefined);
}

/** A value from the whole bytes of an (uncompressed) file: what a compressed
 *  file holds once expanded. */
export function readBytes(bytes: Uint8Array, path: string, domains: DomainLookup): K {
  const kind = classify(bytes, bytes.length);
  if (!kind) throw new QError('type');
  return readKind(kind, path, bytes.length, domains, bytes);
}

function readKind(kind: FileKind, path: string, size: number, domains: DomainLookup, bytes: Uint8Array | undefined): K {
  const readAt = (dst: Uint8Array, pos: number): number => {
    if (!bytes) return storage().readInto(path, dst, pos);
    const part = bytes.subarray(pos, pos + dst.length);
    dst.set(part);
    return part.length;
  };
  switch (kind.kind) {
    case 'vector': return readVector(kind.t, kind.attr, kind.n, kind.data, size, readAt);
    case 'enum': return readEnum(kind, size, readAt, domains);
    case 'object': return readObject(bytes ?? storage().read(path));
    case 'oldnested': return readOldNested(path, kind.t, kind.n, size, readAt);
    case 'anymap': return readAnymap(path, kind.n, size, readAt, domains);
    case 'compressed': throw new QError('type');
  }
}

/** Item count: the header's when written, else what the data size holds. */
function countOf(n: number, attr: number, data: number, size: number, w: number): number {
  const room = Math.floor((size - data) / w);
  if (n === 0 && !attr) {
    if ((size - data) % w) throw new QError('length');
    return room;
  }
  if (n > room) throw new QError('length'); // a truncated file
  return n;
}

function readVector(t: number, attr: number, n0: number, data: number, size: number,
  readAt: (dst: Uint8Array, pos: number) => number): K {
  const qt = t > 0 && t < 20 ? QTYPES[t] : undefined;
  if (!qt || t === 11) throw new QError('type');
  const n = countOf(n0, attr, data, size, qt.width);
  const p = alloc(t, n);
  const bytes = n * qt.width;
  // the one copy: file bytes straight into the block's items
  const got = readAt(mem().u8.subarray(p + 16, p + 16 + bytes), data);
  if (got !== bytes) { E.r0(p); throw new QError('length'); }
  if (attr <= 4) setAttr(p, attr);
  return new K(p);
}

function readEnum(kind: Extract<FileKind, { kind: 'enum' }>, size: number,
  readAt: (dst: Uint8Array, pos: number) => number, domains: DomainLookup): K {
  domains(kind.domain); // the domain must exist ('sym when it does not), as the enumeration resolves through it
  const n = countOf(kind.n, kind.attr, kind.data, size, kind.width);
  // an enumeration, as kdb+ reads it: int indices into the domain's global
  const p = enumBlock(kind.domain, n);
  const base = (p + 16) >>> 2;
  if (kind.width === 4) {
    const got = readAt(mem().u8.subarray(p + 16, p + 16 + 4 * n), kind.data);
    if (got !== 4 * n) { E.r0(p); throw new QError('length'); }
  } else {
    const raw = new Int32Array(2 * n);
    const got = readAt(new Uint8Array(raw.buffer), kind.data);
    if (got !== raw.byteLength) { E.r0(p); throw new QError('length'); }
    const ids = mem().i32;
    for (let i = 0; i < n; i++) {
      const lo = raw[2 * i], hi = raw[2 * i + 1];
      // i64 indexes to int ones: the null enumeration stays null, no index exceeds an int
      ids[base + i] = hi === 0 && lo >= 0 ? lo : NI;
    }
  }
  if (kind.attr <= 4) setAttr(p, kind.attr);
  return new K(p);
}

/** An "ff01" file: symbol vectors and atoms here, the rest through the codec. */
export function readObject(bytes: Uint8Array): K {
  const body = bytes.subarray(2);
  if (body[0] === 11) {
    const names = symbolNames(body);
    const p = alloc(11, names.length);
    for (let i = 0; i < names.length; i++) { const id = internName(names[i]); mem().i32[((p + 16) >>> 2) + i] = id; }
    const a = bodyAttr(body);
    if (a <= 4) setAttr(p, a);
    return new K(p);
  }
  const atom = atomFromBody(body);
  if (atom) return atom;
  if (!codecs.body) throw new QError('nyi'); // general lists, dictionaries, tables: the IPC codec
  return codecs.body.decode(body);
}


/** Attribute byte and index data kdb+ writes for a column of n items in raw
 *  (each `width` bytes, type t) ending at file offset end: s# needs none; p#
 *  and u# carry an index after the items (attrindex.ts: proved for integers,
 *  guessed for other types); g# only its attribute byte (guessed, attrindex.ts).
 *  Items that are not parted are written without the attribute. */
function indexed(x: K, raw: Uint8Array, t: number, width: number, end: number): { a: number; tail?: Uint8Array } {
  switch (x.attr) {
    case 's': return { a: 1 };
    case 'u': return { a: 2, tail: uniqueIndex(raw, x.count, width) };
    case 'p': { const tail = partedIndex(raw, x.count, t, width, end); return tail ? { a: 3, tail } : { a: 0 }; }
    case 'g': return { a: 4 };
    default: return { a: 0 };
  }
}

/** Bytes of a simple vector file for x (types 1..19 but symbols). */
export function vectorFile(x: K): Uint8Array[] {
  const t = x.type, n = x.count, w = QTYPES[t]!.width;
  const p = x.ptr;
  const items = mem().u8.subarray(p + 16, p + 16 + n * w);
  const ix = indexed(x, items, t, w, 16 + n * w);
  const parts = [vectorHeader(t, ix.a, n, writeOptions.countAlways), items];
  if (ix.tail) parts.push(ix.tail);
  return parts;
}

/** set `:path x for a single file. */
export function writeFile(path: string, x: K): void {
  const t = x.type;
  if (t < 0 && t >= -19 && QTYPES[-t]) { storage().write(path, [atomFile(x)]); return; }
  if (t === 11) {
    storage().write(path, [symbolFile(symNames(x), hdrAttr(x.ptr), writeOptions.countAlways)]); // kdb+ rebuilds a serialized index, as from IPC
    return;
  }
  if (t > 0 && t < 20) { storage().write(path, vectorFile(x)); return; }
  if (t === 20) { storage().write(path, enumIndexFile(x)); return; }
  if (t === 0 && isNestedSimple(x)) { writeNested(path, x); return; }
  if (!codecs.body) throw new QError('nyi');
  const body = codecs.body.encode(x);
  const out = new Uint8Array(body.length + 2);
  out[0] = 0xff; out[1] = 0x01; out.set(body, 2);
  storage().write(path, [out]);
}

/** A general list whose items are simple vectors or atoms (a string column,
 *  a column of symbol lists, say): stored as a nested column. */
export function isNestedSimple(x: K): boolean {
  const n = x.count;
  if (x.type !== 0 || n === 0) return false;
  const base = (x.ptr + 16) >>> 2;
  for (let i = 0; i < n; i++) {
    const t = Math.abs(hdrType(mem().u32[base + i]));
    if (t === 0 || t >= 20 || !QTYPES[t]) return false;
  }
  return true;
}

export function symNames(x: K): string[] {
  const n = x.count, out: string[] = new Array(n);
  const ids = x.data as Int32Array;
  for (let i = 0; i < n; i++) out[i] = x.symbol(ids[i]);
  return out;
}

/** An enumeration's own bytes: its domain's name and its indices as i64. */
export function enumIndexFile(x: K): Uint8Array[] {
  const n = x.count;
  const out = new Int32Array(2 * n);
  const ids = mem().i32, base = (x.ptr + 16) >>> 2;
  for (let i = 0; i < n; i++) {
    const j = ids[base + i];
    if (j === NI) { out[2 * i + 1] = NI; continue; } // 0N as an i64 null
    out[2 * i] = j;
  }
  return enumParts(domainOf(x), x, out);
}

/** An enumerated column's file: header, i64 indexes, index data for p#/u#. */
function enumParts(domain: string, x: K, out: Int32Array): Uint8Array[] {
  const n = x.count;
  const ix = indexed(x, new Uint8Array(out.buffer), 20, 8, BIG_HDR + 8 * n);
  const parts = [bigHeader(domain, 20, ix.a, n, 0, writeOptions.countAlways), new Uint8Array(out.buffer)];
  if (ix.tail) parts.push(ix.tail);
  return parts;
}

/** Enumerated column bytes: a 4 KiB header naming the domain, then i64 indexes. */
export function enumFile(domainName: string, x: K, index: Map<number, number>): Uint8Array[] {
  const n = x.count;
  const out = new Int32Array(2 * n); // i64 indexes, little-endian: low word, high word 0
  const ids = x.data as Int32Array;
  // symbol ids are small dense integers: a table from id to domain index
  let top = 0;
  for (const id of index.keys()) if (id > top) top = id;
  const slot = new Int32Array(top + 1).fill(-1);
  for (const [id, j] of index) slot[id] = j;
  for (let i = 0; i < n; i++) {
    const id = ids[i];
    const j = id <= top ? slot[id] : -1;
    if (j < 0) throw new QError('type'); // not in the domain: .Q.en first
    out[2 * i] = j;
  }
  return enumParts(domainName, x, out);
}

// kdb+ IPC serialization: the entry points over the engine's codec kernels
// (assembly/kernels/codec.ts). Values are encoded from and decoded into linear
// memory; a vector's items move with one memory copy.
//
//   serialize(x, {msgType, compress})  a whole message, as -8! (or -18!) gives
//   deserialize(bytes)                 a value from a whole message, as -9!
//   encodeBody(x) / decodeBody(...)    a body without the 8-byte header (kdb+ files)
//
// Ownership: K arguments are borrowed; returned K values are new.

import { E, mem, alloc, hdrCount, onLoad } from '../runtime.js';
import { K } from '../k.js';
import { QError, engineError } from '../errors.js';
import { fnCodec } from './functions.js';
import { messageLength } from './header.js';

export type MsgType = 0 | 1 | 2;
export interface SerializeOptions {
  /** 0 async (default), 1 sync, 2 response */
  msgType?: MsgType;
  /** apply kdb+'s compression rule (message over 2000 bytes, kept when under half) */
  compress?: boolean;
}

// engine codec error codes (assembly/kernels/codec.ts)
export const CODEC_BAD = 100, CODEC_QERR = 101, CODEC_DEEP = 102;
/** kdb+ compresses a message only when it is longer than this (header included). */
export const COMPRESS_MIN = 2000;

interface CodecExports {
  ipcMsg(p: number, msgType: number, most: number): number;
  ipcBodySize(p: number): number;
  ipcWriteBody(p: number, dst: number): number;
  ipcReadBody(src: number, n: number, le: number, partial: number): number;
  ipcReadEnd(): number;
  ipcCompress(m: number): number;
  ipcUncompress(src: number, n: number): number;
  ipcErrPtr(): number;
  ipcErrLen(): number;
}
// the engine's exports, re-read once it is loaded (the browser bundle loads before its engine)
let C = E as unknown as CodecExports;
onLoad(() => { C = E as unknown as CodecExports; });
const dec = new TextDecoder();
const ELIMIT = 7; // assembly/shared/types.ts

/** The pending error of a codec kernel that returned 0, as a QError. */
export function codecError(decoding: boolean): QError {
  const js = fnCodec.takeError();
  const code = E.err();
  E.clearErr();
  if (js) return js;
  if (code === CODEC_QERR) {
    const p = C.ipcErrPtr(), n = C.ipcErrLen();
    return new QError(dec.decode(mem().u8.subarray(p, p + n)));
  }
  if (code === CODEC_BAD) return new QError('badmsg');
  if (code === CODEC_DEEP) return new QError(decoding ? 'badmsg' : 'stack');
  return engineError(code || 1);
}

function must(p: number, decoding: boolean): number {
  if (p === 0) throw codecError(decoding);
  return p;
}

/** A whole message for x as a new byte vector K (-8!, or -18! with compress);
 *  'limit past the largest block (2 GiB less its header). */
export function serializeK(x: K, opts: SerializeOptions = {}): K {
  const m = serializeUpTo(x, opts, Infinity);
  if (m === null) throw new QError('limit');
  return m;
}

/** As serializeK, or null (nothing allocated) when the message is longer than `most` bytes. */
export function serializeUpTo(x: K, opts: SerializeOptions, most: number): K | null {
  const mt = opts.msgType ?? 0;
  if (mt !== 0 && mt !== 1 && mt !== 2) throw new QError('domain');
  let m = fnCodec.run(() => C.ipcMsg(x.ptr, mt, most));
  if (m === 0 && E.err() === ELIMIT) { E.clearErr(); fnCodec.takeError(); return null; }
  must(m, false);
  if (opts.compress && hdrCount(m) > COMPRESS_MIN) {
    const c = C.ipcCompress(m);
    if (c) { E.r0(m); m = c; } else if (E.err()) { E.r0(m); throw codecError(false); }
  }
  return new K(m);
}

/** A whole message for x as bytes (a copy out of engine memory). */
export function serialize(x: K, opts: SerializeOptions = {}): Uint8Array {
  const m = serializeK(x, opts);
  try { return m.data.slice() as Uint8Array; } finally { m.dispose(); }
}

/** -22!x: the length of x's uncompressed message. */
export function serializedLength(x: K): number {
  const n = fnCodec.run(() => C.ipcBodySize(x.ptr));
  if (n < 0) throw codecError(false);
  return n + 8;
}

/** The body of x without a header (kdb+'s format for non-mapped objects in files). */
export function encodeBody(x: K): Uint8Array {
  return fnCodec.run(() => {
    const n = C.ipcBodySize(x.ptr);
    if (n < 0) throw codecError(false);
    const b = alloc(4, n);
    try {
      C.ipcWriteBody(x.ptr, b + 16);
      return mem().u8.slice(b + 16, b + 16 + n);
    } finally { E.r0(b); }
  });
}

/** Reads the header of a message of n bytes at engine address p. */
function header(p: number, n: number): { le: boolean; compressed: boolean; msgType: number } {
  const u8 = mem().u8;
  if (n < 9) throw new QError('badmsg');
  const e = u8[p];
  if (e > 1) throw new QError('badmsg');
  const le = e === 1;
  if (messageLength(u8.subarray(p, p + 8)) !== n) throw new QError('badmsg');
  const z = u8[p + 2];
  if (z > 1) throw new QError('badmsg');
  return { le, compressed: z === 1, msgType: u8[p + 1] };
}

/** The value of the message held by the byte vector m (borrowed), as -9!. */
export function deserializeK(m: K): K {
  if (m.type !== 4) throw new QError('type');
  return new K(readMessage(m.ptr + 16, m.count).value);
}

/** Decodes the message of n bytes at engine address p: its value (an owned
 *  block pointer) and its message type. */
export function readMessage(p: number, n: number): { value: number; msgType: number } {
  const h = header(p, n);
  if (!h.compressed) {
    return { value: must(C.ipcReadBody(p + 8, n - 8, h.le ? 1 : 0, 0), true), msgType: h.msgType };
  }
  const plain = must(C.ipcUncompress(p, n), true);
  try {
    const size = hdrCount(plain);
    return { value: must(C.ipcReadBody(plain + 24, size - 8, h.le ? 1 : 0, 0), true), msgType: h.msgType };
  } finally { E.r0(plain); }
}

/** The value of a whole message (compressed or not, either byte order), as -9!. */
export function deserialize(bytes: Uint8Array): K {
  const b = alloc(4, bytes.length);
  try {
    mem().u8.set(bytes, b + 16);
    return new K(readMessage(b + 16, bytes.length).value);
  } finally { E.r0(b); }
}

/** Decodes one body at `offset` of `bytes`; `end` is where it stopped. */
export function decodeBodyAt(bytes: Uint8Array, offset = 0, littleEndian = true): { value: K; end: number } {
  if (offset < 0 || offset > bytes.length) throw new QError('badmsg');
  const n = bytes.length - offset;
  const b = alloc(4, n);
  try {
    mem().u8.set(bytes.subarray(offset), b + 16);
    const v = must(C.ipcReadBody(b + 16, n, littleEndian ? 1 : 0, 1), true);
    return { value: new K(v), end: offset + (C.ipcReadEnd() - (b + 16)) };
  } finally { E.r0(b); }
}

/** Decodes the body at `offset` of `bytes` (trailing bytes are ignored). */
export function decodeBody(bytes: Uint8Array, offset = 0, littleEndian = true): K {
  return decodeBodyAt(bytes, offset, littleEndian).value;
}

/** Compresses a whole message as kdb+ does; returns it unchanged (a copy) when
 *  compression would not bring it under half its size. */
export function compress(msg: Uint8Array): Uint8Array {
  const b = alloc(4, msg.length);
  try {
    mem().u8.set(msg, b + 16);
    header(b + 16, msg.length);
    const c = C.ipcCompress(b);
    if (!c) { if (E.err()) throw codecError(false); return msg.slice(); }
    try { return mem().u8.slice(c + 16, c + 16 + hdrCount(c)); } finally { E.r0(c); }
  } finally { E.r0(b); }
}

/** The plain form of a compressed message (a plain one is returned as a copy). */
export function uncompress(msg: Uint8Array): Uint8Array {
  const b = alloc(4, msg.length);
  try {
    mem().u8.set(msg, b + 16);
    const h = header(b + 16, msg.length);
    if (!h.compressed) return msg.slice();
    const c = must(C.ipcUncompress(b + 16, msg.length), true);
    try { return mem().u8.slice(c + 16, c + 16 + hdrCount(c)); } finally { E.r0(c); }
  } finally { E.r0(b); }
}

/** An error response message: type -128 and the error text. */
export function serializeError(text: string, msgType: MsgType = 2): Uint8Array {
  const t = new TextEncoder().encode(text);
  const out = new Uint8Array(10 + t.length);
  out[0] = 1; out[1] = msgType;
  new DataView(out.buffer).setInt32(4, out.length, true);
  out[8] = 0x80;
  out.set(t, 9);
  return out;
}

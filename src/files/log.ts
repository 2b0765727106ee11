// kdb+ transaction logs: an "ff01" file holding a serialized general list
// whose items (chunks, usually (`upd;`t;data)) are appended one after another
// while the list's count stays as written (0 for a tickerplant's log). -11!
// finds each chunk's extent here, decodes it with the IPC codec and applies it.

import { QError } from '../errors.js';
import { K } from '../k.js';
import * as V from '../lang/values.js';
import { callPrim } from '../lang/eval.js';
import { storage } from './storage.js';
import { codecs } from './object.js';

const WIDTH: Record<number, number> = { 1: 1, 2: 16, 4: 1, 5: 2, 6: 4, 7: 8, 8: 4, 9: 8, 10: 1, 12: 8, 13: 4, 14: 4, 15: 8, 16: 8, 17: 4, 18: 4, 19: 4 };

/** End offset of the serialized object at off, or -1 when the bytes end first
 *  (or do not hold a serialized object). */
export function skip(b: Uint8Array, off: number, depth = 0): number {
  if (off >= b.length || depth > 256) return -1;
  const t = (b[off] << 24) >> 24;
  let p = off + 1;
  const cstr = (q: number): number => { while (q < b.length && b[q] !== 0) q++; return q < b.length ? q + 1 : -1; };
  const i32 = (q: number): number => (q + 4 <= b.length ? new DataView(b.buffer, b.byteOffset + q, 4).getInt32(0, true) : -1);
  if (t < 0) {
    if (t === -11 || t === -128) return cstr(p);
    const w = WIDTH[-t];
    if (!w) return -1;
    return p + w <= b.length ? p + w : -1;
  }
  if (t > 0 && t < 20) {
    const n = i32(p + 1);
    if (n < 0) return -1;
    p += 5;
    if (t === 11) { for (let i = 0; i < n; i++) { p = cstr(p); if (p < 0) return -1; } return p; }
    const w = WIDTH[t];
    if (!w) return -1;
    return p + n * w <= b.length ? p + n * w : -1;
  }
  switch (t) {
    case 0: {
      const n = i32(p + 1);
      if (n < 0) return -1;
      p += 5;
      for (let i = 0; i < n; i++) { p = skip(b, p, depth + 1); if (p < 0) return -1; }
      return p;
    }
    case 98: return skip(b, p + 1, depth + 1);
    case 99: case 127: { const k = skip(b, p, depth + 1); return k < 0 ? -1 : skip(b, k, depth + 1); }
    case 100: { const c = cstr(p); return c < 0 ? -1 : skip(b, c, depth + 1); }
    case 101: case 102: case 103: return p + 1 <= b.length ? p + 1 : -1;
    case 104: case 105: {
      const n = i32(p);
      if (n < 0) return -1;
      p += 4;
      for (let i = 0; i < n; i++) { p = skip(b, p, depth + 1); if (p < 0) return -1; }
      return p;
    }
    default:
      if (t >= 106 && t <= 111) return skip(b, p, depth + 1);
      return -1;
  }
}

/** The chunks of a log (their body bytes) and the length of its valid part. */
export function logChunks(bytes: Uint8Array): { chunks: Uint8Array[]; valid: number; complete: boolean } {
  if (bytes.length < 8 || bytes[0] !== 0xff || bytes[1] !== 0x01 || bytes[2] !== 0) throw new QError('type');
  const chunks: Uint8Array[] = [];
  let p = 8;
  while (p < bytes.length) {
    const e = skip(bytes, p);
    if (e < 0) break;
    chunks.push(bytes.subarray(p, e));
    p = e;
  }
  return { chunks, valid: p, complete: p === bytes.length };
}

/** One chunk's body as a K, through the IPC codec. */
function decode(body: Uint8Array): K {
  if (!codecs.body) throw new QError('nyi'); // needs the IPC codec (src/ipc)
  return codecs.body.decode(body);
}

/** -11!x, -11!(-1;x), -11!(-2;x), -11!(n;x). */
export function replayLog(x: K, pathOf: (k: K) => string): K {
  let n = -1, fk = x;
  if (x.type === 0) {
    if (x.count !== 2) throw new QError('length');
    const a = x.item(0);
    const v = V.intValue(a); a.dispose();
    if (v === null) throw new QError('type');
    n = v; fk = x.item(1);
  }
  try {
    const { chunks, valid, complete } = logChunks(storage().read(pathOf(fk)));
    if (n === -2) return complete ? V.longAtom(chunks.length) : V.longVec([chunks.length, valid]);
    const todo = n < 0 ? chunks.length : Math.min(n, chunks.length);
    for (let i = 0; i < todo; i++) {
      const msg = decode(chunks[i]);
      try { callPrim('value', [msg]).dispose(); } finally { msg.dispose(); }
    }
    // the valid chunks are replayed; then a damaged end is signalled
    if (n < 0 && !complete) throw new QError('badtail');
    return V.longAtom(todo);
  } finally { if (fk !== x) fk.dispose(); }
}

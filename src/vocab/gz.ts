// .Q.gz (ref/dotq.md): gzip (RFC 1952) in memory. .Q.gz[::] says whether zlib is
// there, .Q.gz x inflates, .Q.gz (level;x) deflates; x is a char or byte vector and
// the result has its type. Node's zlib does both at every level. Without Node (the
// browser has no synchronous zlib: CompressionStream is async only) inflation runs
// on files/inflate.ts and deflation writes stored blocks, a valid gzip that any
// gunzip reads but not the size kdb+ produces.

import { K } from '../k.js';
import { alloc, mem } from '../runtime.js';
import { prim } from '../ops/registry.js';
import { qerr } from '../lang/error.js';
import * as V from '../lang/values.js';
import { inflate, deflateStored } from '../files/inflate.js';

type Zlib = typeof import('node:zlib');
const nodeZlib = (): Zlib | undefined =>
  (globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } }).process?.getBuiltinModule?.('node:zlib') as Zlib | undefined;

let CRC: Uint32Array | undefined;
function crc32(b: Uint8Array): number {
  if (!CRC) {
    CRC = new Uint32Array(256);
    for (let n = 0; n < 256; n++) { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; CRC[n] = c >>> 0; }
  }
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC[(c ^ b[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The deflate data of a gzip member, past its header (with the optional fields its flags name). */
function gzipBody(b: Uint8Array): Uint8Array {
  if (b.length < 18 || b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) throw qerr('domain');
  const flg = b[3];
  let p = 10;
  if (flg & 4) p += 2 + (b[p] | (b[p + 1] << 8));
  if (flg & 8) { while (p < b.length && b[p]) p++; p++; }
  if (flg & 16) { while (p < b.length && b[p]) p++; p++; }
  if (flg & 2) p += 2;
  if (p > b.length - 8) throw qerr('domain');
  return b.subarray(p, b.length - 8);
}

export function gunzip(b: Uint8Array): Uint8Array {
  const z = nodeZlib();
  if (z) { try { return new Uint8Array(z.gunzipSync(b)); } catch { throw qerr('domain'); } }
  return gunzipJS(b);
}

/** gunzip without Node's zlib. */
export function gunzipJS(b: Uint8Array): Uint8Array {
  const body = gzipBody(b);
  const wrapped = new Uint8Array(body.length + 2);
  wrapped[0] = 0x78; wrapped[1] = 0x01; wrapped.set(body, 2); // a zlib header for the raw deflate data
  const out = inflate(wrapped);
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  if (dv.getUint32(b.length - 8, true) !== crc32(out) || dv.getUint32(b.length - 4, true) !== (out.length >>> 0)) throw qerr('domain');
  return out;
}

export function gzip(b: Uint8Array, level: number): Uint8Array {
  const z = nodeZlib();
  if (z) return new Uint8Array(z.gzipSync(b, { level }));
  return gzipJS(b);
}

/** gzip without Node's zlib: stored blocks. */
export function gzipJS(b: Uint8Array): Uint8Array {
  const zl = deflateStored(b);
  const body = zl.subarray(2, zl.length - 4);
  const out = new Uint8Array(10 + body.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  out.set(body, 10);
  const dv = new DataView(out.buffer);
  dv.setUint32(10 + body.length, crc32(b), true);
  dv.setUint32(14 + body.length, b.length >>> 0, true);
  return out;
}

function bytesIn(x: K): Uint8Array {
  if (x.type !== 10 && x.type !== 4) throw qerr('type');
  return mem().u8.slice(x.ptr + 16, x.ptr + 16 + x.count);
}
function bytesOut(b: Uint8Array, t: number): K {
  const p = alloc(t, b.length);
  mem().u8.set(b, p + 16);
  return new K(p);
}

prim('.Q.gz', {
  monad: (x) => {
    if (V.isNil(x)) return V.boolAtom(true);
    if (x.type === 0) {
      if (x.count !== 2) throw qerr('length');
      const [l, d] = V.itemsOf(x);
      try {
        const level = V.intValue(l);
        if (level === null || !(l.type === -7 || l.type === -6)) throw qerr('type');
        if (level < 0 || level > 9) throw qerr('domain');
        return bytesOut(gzip(bytesIn(d), level), d.type);
      } finally { l.dispose(); d.dispose(); }
    }
    return bytesOut(gunzip(bytesIn(x)), x.type);
  },
});

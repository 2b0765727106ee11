// Compressed kdb+ files ("kxzipped"). Layout, as the fixture files show it:
//
//   "kxzipped" │ block 0 │ block 1 │ … │ trailer
//   trailer:  u32 version (2 or 3) │ u8 algorithm │ u8 level │ u16 0 │ i64 uncompressed size
//             │ i64 end of the last block │ i64 logical block size
//             │ per block: i32 compressed size, i32 algorithm │ i64 block count
//
// Each block holds logicalBlockSize bytes of the plain file (the last one
// fewer). Algorithm 1 is kdb+'s IPC compression (a block is a compressed
// message: 8-byte header, i32 plain size + 8, then the LZ stream), 2 is zlib
// (gzip level 0-9), 3 snappy's raw block format (snappy.ts), 4 an LZ4 block
// (lz4.ts, whose plain size is the logical block size), 5 a zstd frame
// (zstd.ts, zstdenc.ts). No fixture uses 3 or 4: their framing (one raw
// snappy stream or raw LZ4 block per logical block, nothing around it) is how
// a public reader of kdb+ files decodes them (DolphinDB's kdb+ plugin), and
// blocks the lz4 tool writes read back (test/files/blockframing.test.ts).

import { QError } from '../errors.js';
import { storage } from './storage.js';
import { inflate, deflateStored } from './inflate.js';
import { snappyCompress, snappyUncompress } from './snappy.js';
import { lz4Compress, lz4Uncompress } from './lz4.js';
import { zstdDecompress } from './zstd.js';
import { zstdCompress } from './zstdenc.js';

type Zlib = typeof import('node:zlib');
/** Node's zlib when there is one; else (the browser) inflate.ts: a JS inflate,
 *  and stored deflate blocks for writing. */
const jsZlib = {
  inflateSync: (b: Uint8Array): Uint8Array => inflate(b),
  deflateSync: (b: Uint8Array, _o?: { level: number }): Uint8Array => deflateStored(b),
};
export const zlibChoice: { js: boolean } = { js: false };
function zlib(): Pick<Zlib, 'inflateSync' | 'deflateSync'> | typeof jsZlib {
  if (zlibChoice.js) return jsZlib;
  const g = globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } };
  return (g.process?.getBuiltinModule?.('node:zlib') as Zlib | undefined) ?? jsZlib;
}

const MAGIC = 'kxzipped';
const enc = new TextEncoder();

export interface CompressionInfo {
  algorithm: number; level: number; logicalBlockSize: number;
  uncompressedLength: number; compressedLength: number;
}

function i64(dv: DataView, at: number): number {
  if (at < 0 || at + 8 > dv.byteLength) throw new QError('length');
  const v = dv.getBigInt64(at, true);
  if (v < 0n || v > 1n << 48n) throw new QError('length');
  return Number(v);
}

function trailer(b: Uint8Array): { info: CompressionInfo; blocks: { size: number; algo: number }[] } {
  const dv = new DataView(b.buffer, b.byteOffset, b.length);
  const n = i64(dv, b.length - 8);
  const pairs = b.length - 8 - 8 * n;
  const t = pairs - 32;
  if (t < 8) throw new QError('length');
  const info: CompressionInfo = {
    algorithm: b[t + 4], level: b[t + 5],
    uncompressedLength: i64(dv, t + 8), compressedLength: i64(dv, t + 16), logicalBlockSize: i64(dv, t + 24),
  };
  const blocks = [];
  for (let i = 0; i < n; i++) blocks.push({ size: dv.getInt32(pairs + 8 * i, true), algo: dv.getInt32(pairs + 8 * i + 4, true) });
  return { info, blocks };
}

/** -21!: what a compressed file's trailer says (undefined for a plain file). */
export function compressionInfo(b: Uint8Array): CompressionInfo | undefined {
  if (b.length < 8 || new TextDecoder().decode(b.subarray(0, 8)) !== MAGIC) return undefined;
  return trailer(b).info;
}

/** The plain bytes of a compressed file. */
export function decompress(b: Uint8Array): Uint8Array {
  const { info, blocks } = trailer(b);
  const out = new Uint8Array(info.uncompressedLength);
  let src = 8, dst = 0;
  for (const blk of blocks) {
    if (blk.size < 0 || src + blk.size > b.length) throw new QError('length');
    const part = b.subarray(src, src + blk.size);
    src += blk.size;
    let plain: Uint8Array;
    switch (blk.algo) {
      case 0: plain = part; break;
      case 1: plain = ipcUncompress(part); break;
      case 2:
        try { plain = zlib().inflateSync(part); } catch (e) {
          if (e instanceof QError) throw e;
          throw new QError('length'); // zlib's own complaint about a damaged block
        }
        break;
      case 3: plain = snappyUncompress(part); break;
      case 4: plain = lz4Uncompress(part, Math.min(info.logicalBlockSize, out.length - dst)); break;
      case 5: plain = zstdDecompress(part, Math.min(info.logicalBlockSize, out.length - dst)); break;
      default: throw new QError('nyi');
    }
    if (dst + plain.length > out.length) throw new QError('length');
    out.set(plain, dst);
    dst += plain.length;
  }
  if (dst !== out.length) throw new QError('length');
  return out;
}

/** kdb+ IPC decompression of one compressed message (header included); returns
 *  the plain bytes after the 8-byte message header. */
export function ipcUncompress(src: Uint8Array): Uint8Array {
  if (src.length < 12) throw new QError('length');
  const dv = new DataView(src.buffer, src.byteOffset, src.length);
  const total = dv.getInt32(8, true);
  if (total < 8) throw new QError('length');
  const dst = new Uint8Array(total);
  const seen = new Int32Array(256);
  let s = 8, p = 8, d = 12, flags = 0, bit = 0;
  while (s < total) {
    if (bit === 0) { if (d >= src.length) throw new QError('length'); flags = src[d++]; bit = 1; }
    let n = 0;
    if (flags & bit) {
      let r = seen[src[d++]];
      n = src[d++];
      if (s + 2 + n > total) throw new QError('length');
      dst[s++] = dst[r++]; dst[s++] = dst[r++];
      for (let m = 0; m < n; m++) dst[s + m] = dst[r + m];
    } else {
      if (d >= src.length) throw new QError('length');
      dst[s++] = src[d++];
    }
    while (p < s - 1) { seen[dst[p] ^ dst[p + 1]] = p; p++; }
    if (flags & bit) { s += n; p = s; }
    bit = (bit << 1) & 0xff;
  }
  return dst.subarray(8);
}

/** kdb+ IPC compression of plain bytes into one compressed message (header
 *  included), or undefined when it would not shrink them. It keeps its table
 *  of recent byte pairs exactly as the decoder rebuilds it, so every match it
 *  emits names the position the decoder will find. */
export function ipcCompress(plain: Uint8Array): Uint8Array | undefined {
  const total = plain.length + 8;
  const x = new Uint8Array(total);
  x.set(plain, 8);
  const out = new Uint8Array(total); // give up when the output would not be smaller
  const seen = new Int32Array(256);
  let s = 8, p = 8, d = 12, c = 0, bit = 0;
  while (s < total) {
    if (bit === 0) { if (d >= out.length) return undefined; c = d++; out[c] = 0; bit = 1; }
    if (d + 2 >= out.length) return undefined;
    const r = s + 1 < total ? seen[x[s] ^ x[s + 1]] : 0;
    if (r >= 8 && x[r] === x[s] && x[r + 1] === x[s + 1]) {
      let n = 0;
      while (n < 255 && s + 2 + n < total && x[r + 2 + n] === x[s + 2 + n]) n++;
      out[c] |= bit;
      out[d++] = x[s] ^ x[s + 1];
      out[d++] = n;
      s += 2;
      while (p < s - 1) { seen[x[p] ^ x[p + 1]] = p; p++; }
      s += n; p = s;
    } else {
      out[d++] = x[s++];
      while (p < s - 1) { seen[x[p] ^ x[p + 1]] = p; p++; }
    }
    bit = (bit << 1) & 0xff;
  }
  if (d >= total) return undefined;
  const dv = new DataView(out.buffer);
  out[0] = 1; out[2] = 1;
  dv.setInt32(4, d, true);
  dv.setInt32(8, total, true);
  return out.slice(0, d);
}

/** A compressed file of plain bytes: algorithm 0 (none), 1 (kdb+ IPC), 2
 *  (gzip, level 0-9), 3 (snappy, level 0), 4 (lz4hc, level 0-16, higher as
 *  16: one greedy compressor here, whatever the level) or 5 (zstd, levels
 *  -7..22, negative ones as 1); logical block size 2^lbs bytes (12..20). */
export function compress(plain: Uint8Array, lbs: number, algo: number, level: number): Uint8Array {
  const levelOk = algo === 2 ? level >= 0 && level <= 9 : algo === 3 ? level === 0 : algo === 4 ? level >= 0
    : algo === 5 ? level >= -7 && level <= 22 : level >= 0 && level <= 9;
  if (!(lbs >= 12 && lbs <= 20) || !(algo >= 0 && algo <= 5) || !levelOk) throw new QError('domain');
  const bs = 2 ** lbs;
  const parts: Uint8Array[] = [enc.encode(MAGIC)];
  const sizes: { size: number; algo: number }[] = [];
  let end = 8;
  for (let o = 0; o < plain.length; o += bs) {
    const block = plain.subarray(o, Math.min(o + bs, plain.length));
    let z: Uint8Array;
    if (algo === 2) z = zlib().deflateSync(block, { level });
    else if (algo === 1) z = ipcCompress(block) ?? block;
    else if (algo === 3) z = snappyCompress(block);
    else if (algo === 4) z = lz4Compress(block);
    else if (algo === 5) z = zstdCompress(block, level);
    else z = block;
    parts.push(z);
    // a block IPC compression cannot shrink is stored plain (block algorithm 0)
    sizes.push({ size: z.length, algo: algo === 1 && z === block ? 0 : algo });
    end += z.length;
  }
  const tail = new Uint8Array(32 + 8 * sizes.length + 8);
  const dv = new DataView(tail.buffer);
  dv.setUint32(0, 3, true);
  tail[4] = algo; tail[5] = level;
  dv.setBigInt64(8, BigInt(plain.length), true);
  dv.setBigInt64(16, BigInt(end), true);
  dv.setBigInt64(24, BigInt(bs), true);
  sizes.forEach((b, i) => { dv.setInt32(32 + 8 * i, b.size, true); dv.setInt32(36 + 8 * i, b.algo, true); });
  dv.setBigInt64(32 + 8 * sizes.length, BigInt(sizes.length), true);
  parts.push(tail);
  return concatAll(parts);
}

function concatAll(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** A whole file, expanded when it is compressed. */
export function readWhole(path: string): Uint8Array {
  const b = storage().read(path);
  return compressionInfo(b) ? decompress(b) : b;
}

// How a compressed kdb+ file frames snappy (algorithm 3) and LZ4 (4) blocks.
// No fixture uses them; the layout comes from a public reader of kdb+ files
// (DolphinDB's kdb+ plugin, `kdb::BinFile::inflateBody2`): after "kxzipped",
// each logical block is compressed on its own and stored whole, sizes and
// algorithms in the trailer; a snappy block is snappy's raw format (it starts
// with the varint of its plain length: snappy::RawUncompress reads it), an LZ4
// block is LZ4's raw block format, decoded into a buffer of the logical block
// size (LZ4_decompress_safe), so it carries no length of its own.
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { compress, decompress, compressionInfo } from '../../src/files/compress.js';
import { snappyUncompress } from '../../src/files/snappy.js';
import { lz4Uncompress } from '../../src/files/lz4.js';

/** Deterministic bytes: runs, a counter and noise. */
function sample(n: number, seed = 7): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = (i >> 9) % 4 === 0 ? x >>> 24 : (i >> 9) % 4 === 1 ? i & 0xff : 42;
  }
  return b;
}

/** The blocks of a compressed file, as its trailer lists them. */
function blocks(z: Uint8Array): { bytes: Uint8Array; algo: number }[] {
  const dv = new DataView(z.buffer, z.byteOffset, z.length);
  const n = Number(dv.getBigInt64(z.length - 8, true));
  const pairs = z.length - 8 - 8 * n;
  const out = [];
  let at = 8;
  for (let i = 0; i < n; i++) {
    const size = dv.getInt32(pairs + 8 * i, true), algo = dv.getInt32(pairs + 8 * i + 4, true);
    out.push({ bytes: z.subarray(at, at + size), algo });
    at += size;
  }
  expect(at).toBe(Number(dv.getBigInt64(pairs - 16, true))); // the trailer's end of the last block
  return out;
}

/** A varint (snappy's preamble) at the start of b. */
function varint(b: Uint8Array): number {
  let n = 0, shift = 0, i = 0;
  for (;;) { const c = b[i++]; n += (c & 0x7f) * 2 ** shift; if (!(c & 0x80)) return n; shift += 7; }
}

const SIZES = [0, 1, 4095, 4096, 4097, 3 * 4096 + 5, 70000];

describe('the kxzipped container', () => {
  it('trailer: version, algorithm, level, plain size, end of blocks, block size, (size; algorithm) per block, block count', () => {
    const plain = sample(10000);
    const z = compress(plain, 12, 4, 9);
    const dv = new DataView(z.buffer);
    expect(new TextDecoder().decode(z.subarray(0, 8))).toBe('kxzipped');
    const n = Number(dv.getBigInt64(z.length - 8, true));
    expect(n).toBe(3);
    const t = z.length - 8 - 8 * n - 32;
    expect([dv.getUint32(t, true), z[t + 4], z[t + 5], dv.getUint16(t + 6, true)]).toEqual([3, 4, 9, 0]);
    expect(Number(dv.getBigInt64(t + 8, true))).toBe(10000);
    expect(Number(dv.getBigInt64(t + 24, true))).toBe(4096);
    expect(compressionInfo(z)).toEqual({ algorithm: 4, level: 9, logicalBlockSize: 4096, uncompressedLength: 10000, compressedLength: Number(dv.getBigInt64(t + 16, true)) });
    expect(blocks(z).map((b) => b.algo)).toEqual([4, 4, 4]);
  });
});

describe('snappy blocks (algorithm 3)', () => {
  for (const size of SIZES) {
    it(`${size} bytes: one raw snappy stream per logical block, each decodable alone`, () => {
      const plain = sample(size);
      const z = compress(plain, 12, 3, 0);
      const bs = blocks(z);
      expect(bs.length).toBe(Math.ceil(size / 4096));
      bs.forEach((b, i) => {
        const want = plain.subarray(4096 * i, Math.min(4096 * (i + 1), size));
        expect(b.algo).toBe(3);
        expect(varint(b.bytes)).toBe(want.length); // the block's own plain length leads it
        expect(Buffer.from(snappyUncompress(b.bytes)).equals(Buffer.from(want))).toBe(true);
      });
      expect(Buffer.from(decompress(z)).equals(Buffer.from(plain))).toBe(true);
    });
  }
});

// xxHash32 (for the LZ4 frame's header checksum, below)
function xxh32(b: Uint8Array, seed = 0): number {
  const P1 = 2654435761, P2 = 2246822519, P3 = 3266489917, P4 = 668265263, P5 = 374761393;
  const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;
  let h = (seed + P5 + b.length) >>> 0, i = 0;
  if (b.length >= 16) throw new Error('only short inputs here');
  for (; i + 4 <= b.length; i += 4) {
    const w = (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
    h = Math.imul(rotl((h + Math.imul(w, P3)) >>> 0, 17), P4) >>> 0;
  }
  for (; i < b.length; i++) h = Math.imul(rotl((h + Math.imul(b[i], P5)) >>> 0, 11), P1) >>> 0;
  h ^= h >>> 15; h = Math.imul(h, P2) >>> 0; h ^= h >>> 13; h = Math.imul(h, P3) >>> 0; h ^= h >>> 16;
  return h >>> 0;
}

/** Raw LZ4 blocks inside an LZ4 frame (independent blocks, no checksums), for the lz4 tool. */
function frame(raw: Uint8Array[]): Uint8Array {
  const desc = Uint8Array.of(0x60, 0x70); // version 1, independent blocks; blocks up to 4 MB
  const parts: number[] = [0x04, 0x22, 0x4d, 0x18, ...desc, (xxh32(desc) >>> 8) & 0xff];
  for (const r of raw) parts.push(r.length & 0xff, (r.length >>> 8) & 0xff, (r.length >>> 16) & 0xff, (r.length >>> 24) & 0x7f, ...r);
  parts.push(0, 0, 0, 0);
  return Uint8Array.from(parts);
}

const hasLz4 = (() => { try { execFileSync('lz4', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe('LZ4 blocks (algorithm 4)', () => {
  for (const size of SIZES) {
    it(`${size} bytes: one raw LZ4 block per logical block, no length of its own, decodable alone into the block size`, () => {
      const plain = sample(size);
      const z = compress(plain, 12, 4, 0);
      const bs = blocks(z);
      bs.forEach((b, i) => {
        const want = plain.subarray(4096 * i, Math.min(4096 * (i + 1), size));
        expect(b.algo).toBe(4);
        expect(Buffer.from(lz4Uncompress(b.bytes, want.length)).equals(Buffer.from(want))).toBe(true);
      });
      expect(Buffer.from(decompress(z)).equals(Buffer.from(plain))).toBe(true);
    });
  }
  it.skipIf(!hasLz4)('the lz4 tool decodes the blocks qwasm writes (framed as independent blocks)', () => {
    const plain = sample(3 * 65536 + 123, 3);
    const z = compress(plain, 16, 4, 0);
    const out = execFileSync('lz4', ['-d', '-c', '-q'], { input: frame(blocks(z).map((b) => b.bytes)), maxBuffer: 1 << 24 });
    expect(Buffer.from(out).equals(Buffer.from(plain))).toBe(true);
  });
  it.skipIf(!hasLz4)('blocks the lz4 tool writes (lz4hc -12, independent 64 KB blocks) read as a kdb+ algorithm-4 file', () => {
    const plain = sample(3 * 65536 + 123, 4);
    const f = new Uint8Array(execFileSync('lz4', ['-12', '-c', '-q', '-B4', '-BI', '--no-frame-crc'], { input: plain, maxBuffer: 1 << 24 }));
    // the frame's blocks: after the 7-byte header, (u32 size │ bytes)… until a 0 size
    // (the high bit: a block it stores plain, as a kxzipped file's block algorithm 0)
    const raw: Uint8Array[] = [], stored: boolean[] = [];
    const dv = new DataView(f.buffer);
    for (let at = 7; ;) {
      const w = dv.getUint32(at, true) & 0x7fffffff, plainBlock = dv.getUint32(at, true) >>> 31 === 1; at += 4;
      if (w === 0) break;
      raw.push(f.subarray(at, at + w)); stored.push(plainBlock); at += w;
    }
    expect(stored).toContain(false);
    // the same blocks in a kxzipped file of 64 KB logical blocks
    const z = compress(plain, 16, 4, 12);
    const ours = blocks(z);
    expect(ours.length).toBe(raw.length);
    const parts: Uint8Array[] = [z.subarray(0, 8), ...raw];
    const tail = z.slice(8 + ours.reduce((s, b) => s + b.bytes.length, 0));
    const tv = new DataView(tail.buffer);
    const t = tail.length - 8 - 8 * raw.length - 32;
    const end = 8 + raw.reduce((s, r) => s + r.length, 0);
    tv.setBigInt64(t + 16, BigInt(end), true);
    raw.forEach((r, i) => { tv.setInt32(t + 32 + 8 * i, r.length, true); tv.setInt32(t + 36 + 8 * i, stored[i] ? 0 : 4, true); });
    parts.push(tail);
    const theirs = Buffer.concat(parts);
    expect(Buffer.from(decompress(new Uint8Array(theirs))).equals(Buffer.from(plain))).toBe(true);
  });
});

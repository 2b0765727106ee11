// Zstandard (kdb+ compression algorithm 5) against Debian's zstd tool, both
// ways: streams the tool writes (levels 1..19, fast and ultra levels, with
// and without checksums, several frames, skippable frames) decode byte-exact,
// and what qwasm writes the tool decodes byte-exact. Damaged streams are
// clean q errors. CI installs the tool (.ci/run).
import { describe, it, expect } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { q } from '../../src/index.js';
import { QError } from '../../src/errors.js';
import { zstdDecompress } from '../../src/files/zstd.js';
import { zstdCompress } from '../../src/files/zstdenc.js';
import { zstdCompress as zstdCompressPage } from '../../src/files/zstdenc.browser.js';
import { xxh64low } from '../../src/files/xxh64.js';
import { compress, decompress } from '../../src/files/compress.js';
import { tmp, q1, qerr, withGlobals, fix } from './helpers.js';

const zstd = (args: string[], input?: Uint8Array): Uint8Array =>
  new Uint8Array(execFileSync('zstd', args, { input, maxBuffer: 1 << 28 }));

/** Seeded noise. */
function noise(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1103515245) + 12345) >>> 0; b[i] = x >>> 24; }
  return b;
}
/** Lines of text with repeats at every distance. */
function text(lines: number): Uint8Array {
  let s = '';
  for (let i = 0; i < lines; i++) s += `${i} trade ${['IBM', 'MSFT', 'AAPL', 'GOOG'][i % 4]} ${(i * 7919) % 1000}.${i % 100} ${i % 3 ? 'B' : 'S'}\n`;
  return new TextEncoder().encode(s);
}
/** A kdb+ long column's bytes: small values, mostly zero bytes. */
function longs(n: number): Uint8Array {
  const v = new BigInt64Array(n);
  for (let i = 0; i < n; i++) v[i] = BigInt((i * 37) % 1000);
  return new Uint8Array(v.buffer);
}
const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
const cat = (...xs: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(xs));

const samples: [string, Uint8Array][] = [
  ['noise', noise(80000, 7)],
  ['text', text(4000)],
  ['longs', longs(40000)],
  ['mixed', cat(noise(20000, 3), text(1500), longs(10000), new Uint8Array(5000).fill(9), text(1500))],
];

describe('zstd decoding: streams written by the zstd tool', () => {
  it('every level 1..19 of noise, text, a long column and a mix, byte-exact (checksums checked)', () => {
    for (const [name, plain] of samples) {
      for (let level = 1; level <= 19; level++) {
        const z = zstd([`-${level}`, '-c', '-q'], plain);
        expect(same(zstdDecompress(z), plain), `${name} at ${level}`).toBe(true);
      }
    }
  });
  it('fast and ultra levels, no checksum, no content size, long windows, tiny and empty inputs', () => {
    const mixed = samples[3][1];
    for (const args of [['--fast=1'], ['--fast=7'], ['--ultra', '-22'], ['--no-check', '-3'], ['--long=20', '-5'], ['-19', '--no-check']]) {
      expect(same(zstdDecompress(zstd([...args, '-c', '-q'], mixed)), mixed), args.join(' ')).toBe(true);
    }
    // from a pipe the tool writes no content size
    const { dir, done } = tmp();
    try {
      writeFileSync(join(dir, 'p'), mixed);
      const piped = new Uint8Array(execFileSync('sh', ['-c', `cat ${join(dir, 'p')} | zstd -3 -c -q`], { maxBuffer: 1 << 26 }));
      expect(same(zstdDecompress(piped), mixed)).toBe(true);
    } finally { done(); }
    for (const plain of [new Uint8Array(0), Uint8Array.of(42), new TextEncoder().encode('abcabcabcabcabcabcabc'), new Uint8Array(300000).fill(0)]) {
      expect(same(zstdDecompress(zstd(['-3', '-c', '-q'], plain)), plain)).toBe(true);
    }
  });
  it('several frames one after another, and skippable frames passed over', () => {
    const a = text(300), b = noise(1000, 2);
    const skip = Uint8Array.of(0x53, 0x2a, 0x4d, 0x18, 3, 0, 0, 0, 1, 2, 3);
    const z = cat(zstd(['-1', '-c', '-q'], a), skip, zstd(['-9', '-c', '-q'], b));
    expect(same(zstdDecompress(z), cat(a, b))).toBe(true);
  });
  it('the frame checksum: XXH64 of nothing, and a damaged checksum is an error', () => {
    expect(xxh64low(new Uint8Array(0))).toBe(0x51d8e999); // XXH64("") = ef46db3751d8e999
    const z = zstd(['-3', '-c', '-q'], text(100));
    z[z.length - 1] ^= 1;
    expect(() => zstdDecompress(z)).toThrow(QError);
  });
});

describe('zstd encoding: what the zstd tool decodes', () => {
  it('levels 1, 3, 9 and 19 of every sample decode byte-exact; repeats compress', () => {
    for (const [name, plain] of samples) {
      for (const level of [1, 3, 9, 19]) {
        const z = zstdCompress(plain, level);
        expect(same(zstd(['-d', '-c', '-q'], z), plain), `${name} at ${level}`).toBe(true);
        expect(same(zstdDecompress(z), plain)).toBe(true);
        if (name !== 'noise') expect(z.length, `${name} at ${level}`).toBeLessThan(plain.length / 2);
        else expect(z.length).toBeLessThan(plain.length + 64); // stored raw
      }
    }
  });
  it('literals are Huffman-coded: one stream and four, direct and FSE-coded weights, long codes', () => {
    // random lowercase letters: no repeats to match, about 4.7 bits a byte
    const letters = (n: number, seed: number, skew = false): Uint8Array => {
      const b = noise(n, seed);
      // skewed: letter k about twice as likely as k+1, so codes run long
      return b.map((x) => 97 + (skew ? Math.min(25, Math.clz32(x | 1) - 24) : x % 26));
    };
    for (const plain of [letters(200, 1), letters(900, 2), letters(5000, 3), letters(200000, 4), letters(70000, 5, true)]) {
      const z = zstdCompress(plain, 3);
      expect(same(zstd(['-d', '-c', '-q'], z), plain)).toBe(true);
      expect(same(zstdDecompress(z), plain)).toBe(true);
      // the direct tree description costs about 62 bytes for lowercase letters
      expect(z.length).toBeLessThan(plain.length * 0.7 + 80);
    }
    // bytes above 128: the weights themselves are FSE-coded; 64 distinct bytes are 6 bits each
    const high = noise(200000, 8).map((x) => (x & 0xf0) | ((x >> 2) & 3));
    for (const level of [1, 19]) {
      const z = zstdCompress(high, level);
      expect(same(zstd(['-d', '-c', '-q'], z), high)).toBe(true);
      expect(same(zstdDecompress(z), high)).toBe(true);
      expect(z.length).toBeLessThan(high.length * 0.77);
      expect(z.length).toBeLessThan(zstd([`-${level}`, '-c', '-q'], high).length * 1.02); // as small as the tool's own, near enough
    }
  });
  it('the page bundle\'s encoder (zstdenc.browser.ts) writes raw blocks the tool and the decoder read', () => {
    for (const plain of [new Uint8Array(0), Uint8Array.of(7), samples[1][1], cat(samples[3][1], samples[3][1], samples[3][1])]) {
      const z = zstdCompressPage(plain, 9);
      expect(same(zstd(['-d', '-c', '-q'], z), plain)).toBe(true);
      expect(same(zstdDecompress(z), plain)).toBe(true);
      expect(z.length).toBeLessThanOrEqual(plain.length + 6 + 8 + 3 * Math.max(1, Math.ceil(plain.length / 131072)));
    }
  });
  it('lazy parsing from level 5 (two positions ahead from 12): smaller than greedy level 4, near the tool', () => {
    const csv = new Uint8Array(readFileSync(fix('dolphindb-DolphinDBPlugin/csv_sample/Orders.csv')));
    const size = (b: Uint8Array, level: number): number => {
      const z = zstdCompress(b, level);
      expect(same(zstd(['-d', '-c', '-q'], z), b)).toBe(true);
      return z.length;
    };
    const greedy = size(csv, 4), lazy = size(csv, 5), lazy2 = size(csv, 12);
    expect(lazy).toBeLessThan(greedy * 0.9);
    expect(lazy2).toBeLessThan(lazy);
    expect(lazy).toBeLessThan(zstd(['-5', '-c', '-q'], csv).length * 1.05);
    expect(lazy2).toBeLessThan(zstd(['-12', '-c', '-q'], csv).length * 1.05);
    const t = samples[1][1];
    expect(size(t, 5)).toBeLessThan(size(t, 4) * 0.96);
  });
  it('sequence codes use FSE tables built from the block when cheaper than the predefined ones: as small as the tool on a column', () => {
    // running sums of small steps: offsets and lengths the predefined tables code badly
    const v = new BigInt64Array(200000);
    let x = 0n, r = 11;
    for (let i = 0; i < v.length; i++) { r = (Math.imul(r, 1103515245) + 12345) >>> 0; x += BigInt(r >>> 25); v[i] = x; }
    const plain = new Uint8Array(v.buffer);
    for (const level of [1, 3]) {
      const z = zstdCompress(plain, level);
      expect(same(zstd(['-d', '-c', '-q'], z), plain)).toBe(true);
      expect(same(zstdDecompress(z), plain)).toBe(true);
      expect(z.length).toBeLessThan(zstd([`-${level}`, '-c', '-q'], plain).length * 1.1);
    }
    // few sequences or one code only: predefined tables or a two-symbol table, still valid
    for (const plain of [longs(64), new Uint8Array(9000).map((_, i) => (i % 7 === 0 ? 1 : i % 251))]) {
      const z = zstdCompress(plain, 3);
      expect(same(zstd(['-d', '-c', '-q'], z), plain)).toBe(true);
      expect(same(zstdDecompress(z), plain)).toBe(true);
    }
  });
  it('empty, one byte, runs (one-byte blocks), more than one 128 KB block, offsets reaching back past a block', () => {
    const far = noise(100000, 5);
    for (const plain of [new Uint8Array(0), Uint8Array.of(7), new Uint8Array(400000).fill(1), cat(far, noise(100000, 6), far), longs(100000)]) {
      const z = zstdCompress(plain, 3);
      expect(same(zstd(['-d', '-c', '-q'], z), plain)).toBe(true);
      expect(same(zstdDecompress(z), plain)).toBe(true);
    }
    expect(zstdCompress(cat(far, noise(100000, 6), far), 3).length).toBeLessThan(210000);
  });
});

describe('damaged zstd streams are clean errors', () => {
  it('every truncation of a stream, bytes flipped anywhere, a bad magic, a reserved block type', () => {
    const plain = cat(text(200), longs(500));
    for (const z of [zstd(['-19', '-c', '-q'], plain), zstdCompress(plain, 3), zstd(['--fast=3', '-c', '-q', '--no-check'], plain)]) {
      for (let cut = 0; cut < z.length; cut++) expect(() => zstdDecompress(z.subarray(0, cut))).toThrow(QError);
      let seed = 11;
      for (let k = 0; k < 400; k++) {
        const d = z.slice();
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        d[4 + (seed % (d.length - 4))] ^= 1 << ((seed >>> 8) & 7);
        try { zstdDecompress(d, plain.length); } catch (e) { expect(e).toBeInstanceOf(QError); }
      }
    }
    expect(() => zstdDecompress(Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8))).toThrow('length');
    expect(() => zstdDecompress(Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, 0x20, 0, 0x07, 0, 0))).toThrow('length');
    // the output never outgrows what the caller allows
    expect(() => zstdDecompress(zstd(['-3', '-c', '-q'], plain), plain.length - 1)).toThrow('length');
  });
});

describe('kdb+ files compressed with zstd (algorithm 5)', () => {
  it('(`:f;lbs;5;lvl) set x and .z.zd: vectors, tables and nested columns read back; -21! says 5; each block is a zstd frame', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('x:100000#til 1000; f:1.5 0n 0w -0w,10000?100f; t:([]sym:`a`b`a;v:1 2 3;n:("x";"yz";""))').dispose();
      for (const lvl of [-7, 1, 9, 22]) {
        for (const lbs of [12, 17, 20]) {
          q(`(\`:${dir}/x;${lbs};5;${lvl}) set x`).dispose();
          expect(q1(`x~get\`:${dir}/x`)).toBe('1b');
        }
      }
      expect(q1(`(-21!\`:${dir}/x)\`algorithm\`logicalBlockSize\`zipLevel`)).toBe('5 20 22i');
      expect(readFileSync(join(dir, 'x')).length).toBeLessThan(800016 / 5);
      q(`(\`:${dir}/f;16;5;3) set f`).dispose();
      expect(q1(`f~get\`:${dir}/f`)).toBe('1b');
      q(`(\`:${dir}/t/;16;5;3) set .Q.en[\`:${dir}] t`).dispose();
      expect(q1(`{flip{$[20h=type x;value x;x]}each flip x}[get\`:${dir}/t]~t`)).toBe('1b');
      expect(q1(`(-21!\`$":${dir}/t/n#")\`algorithm`)).toBe('5i');
      q('.z.zd:17 5 3').dispose();
      q(`\`:${dir}/zd set x`).dispose();
      expect(q1(`(-21!\`:${dir}/zd)\`algorithm\`zipLevel`)).toBe('5 3i');
      q('.z.zd:0 0 0').dispose();
      expect(qerr(`(\`:${dir}/bad;17;5;23) set x`)).toBe('domain');
      expect(qerr(`(\`:${dir}/bad;17;5;-8) set x`)).toBe('domain');
      // the container's blocks, each decoded by the tool
      const file = new Uint8Array(readFileSync(join(dir, 'zd')));
      const dv = new DataView(file.buffer);
      const n = Number(dv.getBigInt64(file.length - 8, true));
      const pairs = file.length - 8 - 8 * n;
      let at = 8;
      const parts: Uint8Array[] = [];
      for (let i = 0; i < n; i++) {
        const size = dv.getInt32(pairs + 8 * i, true);
        expect(dv.getInt32(pairs + 8 * i + 4, true)).toBe(5);
        parts.push(zstd(['-d', '-c', '-q'], file.subarray(at, at + size)));
        at += size;
      }
      expect(same(cat(...parts), decompress(file))).toBe(true);
    } finally { done(); }
  }));
  it('a container whose blocks the zstd tool wrote reads back; a damaged block is a clean error and leaks nothing', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/plain set 50000?1000`).dispose();
      const plain = new Uint8Array(readFileSync(join(dir, 'plain')));
      // our own container, its blocks replaced by the tool's frames of the same bytes
      const ours = compress(plain, 16, 5, 3);
      const blocks: Uint8Array[] = [];
      for (let o = 0; o < plain.length; o += 65536) blocks.push(zstd(['-19', '-c', '-q'], plain.subarray(o, o + 65536)));
      const dv0 = new DataView(ours.buffer);
      const n = Number(dv0.getBigInt64(ours.length - 8, true));
      expect(n).toBe(blocks.length);
      const tail = ours.slice(ours.length - 8 - 8 * n - 32);
      const tv = new DataView(tail.buffer);
      const body = cat(new TextEncoder().encode('kxzipped'), ...blocks);
      tv.setBigInt64(16, BigInt(body.length), true);
      blocks.forEach((b, i) => tv.setInt32(32 + 8 * i, b.length, true));
      const file = cat(body, tail);
      expect(same(decompress(file), plain)).toBe(true);
      writeFileSync(join(dir, 'tool'), file);
      expect(q1(`(get\`:${dir}/plain)~get\`:${dir}/tool`)).toBe('1b');
      const broken = file.slice();
      broken[8 + 20] ^= 0xff;
      writeFileSync(join(dir, 'broken'), broken);
      expect(qerr(`get\`:${dir}/broken`)).toBe('length');
      writeFileSync(join(dir, 'cut'), file.subarray(0, file.length - 30));
      expect(qerr(`get\`:${dir}/cut`)).toBe('length');
    } finally { done(); }
  }));
});

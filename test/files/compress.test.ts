// Compression algorithms 3 (snappy, raw block format) and 4 (lz4hc, LZ4
// block format): the codecs against reference streams, and files written
// with them read back; a zstd (5) file whose blocks are no zstd frames is an error
// (zstd itself: zstd.test.ts).
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { snappyCompress, snappyUncompress } from '../../src/files/snappy.js';
import { lz4Compress, lz4Uncompress } from '../../src/files/lz4.js';
import { compress, decompress } from '../../src/files/compress.js';
import { tmp, q1, qerr, withGlobals } from './helpers.js';

const enc = (s: string) => new TextEncoder().encode(s);

/** Deterministic bytes: some runs, some noise. */
function sample(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = (i >> 6) % 3 === 0 ? (x >>> 24) : (i % 17) + 65;
  }
  return b;
}

describe('snappy (algorithm 3)', () => {
  it('the format: varint length, a literal, a copy with a 1-byte offset, a literal', () => {
    const plain = enc('abcdabcdabcd-x');
    const z = new Uint8Array([0x0e, 0x0c, 0x61, 0x62, 0x63, 0x64, 0x11, 0x04, 0x04, 0x2d, 0x78]);
    expect([...snappyCompress(plain)]).toEqual([...z]);
    expect(new TextDecoder().decode(snappyUncompress(z))).toBe('abcdabcdabcd-x');
    // a 2-byte-offset copy and an overlapping one (offset 1 repeats the byte)
    expect(new TextDecoder().decode(snappyUncompress(new Uint8Array([0x0a, 0x00, 0x7a, 0x22, 0x01, 0x00])))).toBe('zzzzzzzzzz');
  });
  it('round trips: empty, short, long runs, noise, 100 KB', () => {
    for (const b of [new Uint8Array(0), enc('a'), new Uint8Array(70000).fill(7), sample(1000), sample(100000, 9)]) {
      expect(Buffer.from(snappyUncompress(snappyCompress(b))).equals(Buffer.from(b))).toBe(true);
    }
    expect(snappyCompress(new Uint8Array(70000).fill(7)).length).toBeLessThan(4000);
  });
  it('damaged streams are length errors', () => {
    const z = snappyCompress(sample(5000));
    for (const cut of [1, 7, z.length - 1]) expect(() => snappyUncompress(z.subarray(0, cut))).toThrow('length');
    expect(() => snappyUncompress(new Uint8Array([0x05, 0x01, 0x09]))).toThrow('length'); // a copy before any byte
  });
});

describe('LZ4 blocks (algorithm 4)', () => {
  it('decodes the block the lz4 tool (-12, HC) writes; encodes what it reads', () => {
    // the one block of `lz4 -12` on this text (lz4 1.9)
    const block = new Uint8Array([0x3f, 0x61, 0x62, 0x63, 0x03, 0x00, 0x08, 0xa0, 0x2d, 0x71, 0x77, 0x61, 0x73, 0x6d, 0x2d, 0x6c, 0x7a, 0x34]);
    const text = 'abcabcabcabcabcabcabcabcabcabc-qwasm-lz4';
    expect(new TextDecoder().decode(lz4Uncompress(block, 40))).toBe(text);
    expect(new TextDecoder().decode(lz4Uncompress(lz4Compress(enc(text)), 40))).toBe(text);
    // the last 5 bytes are literals; nothing shorter than 13 bytes has a match
    expect([...lz4Compress(enc('aaaaaaaaaaaaaaaaaaaa'))]).toEqual([0x1a, 0x61, 0x01, 0x00, 0x50, 0x61, 0x61, 0x61, 0x61, 0x61]);
    expect([...lz4Compress(enc('aaaaaaaaaaaa'))]).toEqual([0xc0, ...enc('aaaaaaaaaaaa')]);
  });
  it('round trips, and damaged blocks are length errors', () => {
    for (const b of [new Uint8Array(0), enc('xyz'), new Uint8Array(300000).fill(1), sample(4096), sample(131072, 5)]) {
      expect(Buffer.from(lz4Uncompress(lz4Compress(b), b.length)).equals(Buffer.from(b))).toBe(true);
    }
    const z = lz4Compress(sample(5000));
    expect(() => lz4Uncompress(z, 4999)).toThrow('length');
    expect(() => lz4Uncompress(z.subarray(0, z.length - 3), 5000)).toThrow('length');
    expect(() => lz4Uncompress(new Uint8Array([0x04, 0x00, 0x00]), 8)).toThrow('length'); // offset 0
  });
});

describe('compressed files with snappy and lz4hc', () => {
  it('(`:f;lbs;alg;lvl) set x and get, for vectors, tables and nested columns; -21! says the algorithm', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('x:100000#til 1000; f:1.5 0n 0w -0w,10000?100f; s:`a`b`c; t:([]sym:`a`b`a;v:1 2 3;n:("x";"yz";""))').dispose();
      for (const alg of [3, 4]) {
        for (const lbs of [12, 17, 20]) {
          q(`(\`:${dir}/x${alg}_${lbs};${lbs};${alg};0) set x`).dispose();
          expect(q1(`x~get\`:${dir}/x${alg}_${lbs}`)).toBe('1b');
        }
        expect(q1(`(-21!\`:${dir}/x${alg}_17)\`algorithm\`logicalBlockSize\`uncompressedLength`)).toBe(`(${alg}i;17i;800016)`);
        expect(readFileSync(join(dir, `x${alg}_17`)).length).toBeLessThan(800016 / 5);
        q(`(\`:${dir}/f${alg};16;${alg};0) set f`).dispose();
        expect(q1(`f~get\`:${dir}/f${alg}`)).toBe('1b');
        q(`(\`:${dir}/e${alg};16;${alg};0) set \`long$()`).dispose();
        expect(q1(`get\`:${dir}/e${alg}`)).toBe('`long$()');
        q(`(\`:${dir}/t${alg}/;16;${alg};0) set .Q.en[\`:${dir}] t`).dispose();
        expect(q1(`{flip{$[20h=type x;value x;x]}each flip x}[get\`:${dir}/t${alg}]~t`)).toBe('1b');
        expect(q1(`(-21!\`$":${dir}/t${alg}/n#")\`algorithm`)).toBe(`${alg}i`);
      }
      q('.z.zd:17 4 9').dispose();
      q(`\`:${dir}/zd set x`).dispose();
      expect(q1(`(-21!\`:${dir}/zd)\`algorithm\`zipLevel`)).toBe('4 9i');
      q('.z.zd:0 0 0').dispose();
      expect(qerr(`(\`:${dir}/bad;17;3;1) set x`)).toBe('domain'); // snappy has level 0 only
      expect(qerr(`(\`:${dir}/bad;17;4;-1) set x`)).toBe('domain');
      expect(q1(`x~get(\`:${dir}/hi;17;4;20) set x`)).toBe('1b'); // lz4hc above 16 is 16
    } finally { done(); }
  }));
  it('a file labelled zstd whose blocks are not zstd frames is a length error; a zstd level out of range a domain error', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      expect(q1(`til[10]~get(\`:${dir}/z;17;5;3) set til 10`)).toBe('1b');
      expect(qerr(`(\`:${dir}/z;17;5;30) set til 10`)).toBe('domain');
      // an lz4 file relabelled as zstd (trailer algorithm bytes and block algorithms)
      const plain = new Uint8Array(64).fill(3);
      const z = compress(plain, 12, 4, 0);
      const dv = new DataView(z.buffer);
      const n = Number(dv.getBigInt64(z.length - 8, true));
      const pairs = z.length - 8 - 8 * n, t = pairs - 32;
      z[t + 4] = 5;
      for (let i = 0; i < n; i++) dv.setInt32(pairs + 8 * i + 4, 5, true);
      expect(() => decompress(z)).toThrow('length');
      writeFileSync(join(dir, 'zz'), z);
      expect(qerr(`get\`:${dir}/zz`)).toBe('length');
    } finally { done(); }
  }));
});

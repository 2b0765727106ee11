// The JS zlib path the browser uses: inflate against Node's deflate at every
// level, stored blocks that Node's inflate reads, kdb+'s gzip files through it.
import { describe, it, expect, afterEach } from 'vitest';
import { deflateSync, inflateSync } from 'node:zlib';
import { join } from 'node:path';
import { q, QError } from '../../src/index.js';
import { inflate, deflateStored } from '../../src/files/inflate.js';
import { zlibChoice } from '../../src/files/compress.js';
import { fix, q1, tmp } from './helpers.js';

afterEach(() => { zlibChoice.js = false; });

function data(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) { s = (s * 1103515245 + 12345) & 0x7fffffff; b[i] = i % 7 === 0 ? s & 255 : (i >> 4) & 255; }
  return b;
}

describe('inflate', () => {
  it('reads what Node deflates, at every level, for empty, tiny and large inputs', () => {
    for (const n of [0, 1, 7, 1000, 70000, 300000]) {
      const b = data(n, n + 1);
      for (const level of [0, 1, 6, 9]) expect(inflate(deflateSync(b, { level })), `${n}@${level}`).toEqual(b);
    }
  });
  it('stored blocks are a zlib stream Node reads', () => {
    for (const n of [0, 5, 65535, 65536, 200000]) {
      const b = data(n, 7);
      expect(new Uint8Array(inflateSync(deflateStored(b)))).toEqual(b);
      expect(inflate(deflateStored(b))).toEqual(b);
    }
  });
  it('damaged streams are q errors', () => {
    const z = deflateSync(data(5000, 3));
    for (const cut of [0, 1, 2, 10, z.length >> 1]) expect(() => inflate(z.subarray(0, cut))).toThrow(QError);
    expect(() => inflate(new Uint8Array([0x78, 0x9c, 0xff, 0xff]))).toThrow(QError);
  });
  it("kdb+'s gzip files read and written through the JS path", () => {
    zlibChoice.js = true;
    const d = fix('dolphindb-DolphinDBPlugin/kdb_sample');
    expect(q1(`5#get\`:${d}/compressCharArrayVector/nestChar`)).toBe('("aa";"a";"";"dolphindb";"123456789")');
    const { dir, done } = tmp();
    try {
      q(`(\`:${join(dir, 'z')};17;2;6) set til 100000`).dispose();
      zlibChoice.js = false;
      expect(q1(`(til 100000)~get\`:${join(dir, 'z')}`)).toBe('1b'); // Node's zlib reads the stored blocks
    } finally { done(); }
  });
});

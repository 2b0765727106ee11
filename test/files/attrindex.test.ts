// p# and u# columns on disk: kdb+ writes index data after the items (see
// src/files/attrindex.ts for the layout the fixtures show). Columns written by
// kdb+ are read with their attribute and written again byte for byte.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { fix, bytesOf, tmp, q1, qerr, withGlobals } from './helpers.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('p# enumerated columns written by kdb+ (.Q.dpft)', () => {
  for (const t of ['trade', 'quote']) {
    it(`SirCsimbok ${t}/sym: read as p#, written again byte for byte`, () => withGlobals(() => {
      const h = fix('SirCsimbok-kdb-tick/hdb');
      const src = `${h}/2024.01.29/${t}/sym`;
      q(`sym:get\`:${h}/sym`).dispose();
      expect(q1(`attr get\`:${src}`)).toBe('`p');
      const { dir, done } = tmp();
      try {
        q(`\`:${dir}/c set get\`:${src}`).dispose();
        expect(hex(bytesOf(join(dir, 'c')))).toBe(hex(bytesOf(src)));
        // the same column as symbols, enumerated when the splayed table is written
        q(`\`:${dir}/t/ set ([] sym:\`p#value get\`:${src})`).dispose();
        expect(hex(bytesOf(join(dir, 't', 'sym')))).toBe(hex(bytesOf(src)));
        expect(q1(`attr get\`:${dir}/t/sym`)).toBe('`p');
        expect(q1(`(get\`:${dir}/t/sym)~get\`:${src}`)).toBe('1b');
      } finally { done(); }
    }));
  }
  it('DolphinDB quote_cffex/sym: an empty p# column, written again byte for byte', () => withGlobals(() => {
    const src = fix('dolphindb-DolphinDBPlugin/kdb_sample/2023.03.24/quote_cffex/sym');
    q('sym_quote_cffex:`symbol$()').dispose();
    expect(q1(`attr get\`:${src}`)).toBe('`p');
    expect(q1(`count get\`:${src}`)).toBe('0');
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/c set get\`:${src}`).dispose();
      expect(hex(bytesOf(join(dir, 'c')))).toBe(hex(bytesOf(src)));
    } finally { done(); }
  }));
  it('TorQ old-layout p# columns (i32 indexes, a trailer after them) read as p#', () => withGlobals(() => {
    q('sym:`a`b`c').dispose();
    const src = fix('DataIntellectTech-TorQ-Finance-Starter-Pack/hdb/2015.01.07/trade_iex/sym');
    expect(q1(`attr get\`:${src}`)).toBe('`p');
    expect(q1(`count get\`:${src}`)).toBe('0');
  }));
});

/** The index data after the items of a file: its bytes past header+items. */
function tail(path: string, hdr: number, itemBytes: number): Uint8Array {
  return bytesOf(path).subarray(hdr + itemBytes);
}

describe('p# and u# integer columns: the index kdb+ keeps, from the q side', () => {
  it('p# longs: distinct values as a u# vector with its hash slots, then the run starts', () => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/c set \`p#1 1 2 2 2 7`).dispose();
      const b = tail(join(dir, 'c'), 16, 48);
      const dv = new DataView(b.buffer, b.byteOffset, b.length);
      let at = 8; // items end at 64: padded to 72 (8 mod 16)
      expect([b[at], b[at + 1], b[at + 2], b[at + 3]]).toEqual([3, 0, 7, 2]); // 16<<3 bytes hold it; long; u#
      expect(dv.getBigInt64(at + 8, true)).toBe(3n);
      expect([0, 1, 2].map((i) => dv.getBigInt64(at + 16 + 8 * i, true))).toEqual([1n, 2n, 7n]);
      at += 16 + 24 + 24 + 8 * 8; // 3 distinct, 3 words, 8 slots
      expect([b[at], b[at + 2]]).toEqual([2, 7]);
      expect([0, 1, 2, 3].map((i) => dv.getBigInt64(at + 16 + 8 * i, true))).toEqual([0n, 2n, 5n, 6n]);
      expect(at + 16 + 32).toBe(b.length);
      expect(q1(`attr get\`:${dir}/c`)).toBe('`p');
      expect(q1(`get\`:${dir}/c`)).toBe('`p#1 1 2 2 2 7');
    } finally { done(); }
  });
  it('u# ints: the hash slots hold each item\'s position', () => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/c set \`u#3 1 0N 2i`).dispose();
      const b = tail(join(dir, 'c'), 16, 16);
      const dv = new DataView(b.buffer, b.byteOffset, b.length);
      expect(b.length).toBe(8 * (3 + 8));
      const slots = Array.from({ length: 8 }, (_, i) => Number(dv.getBigInt64(24 + 8 * i, true)));
      expect(slots.filter((s) => s >= 0).sort()).toEqual([0, 1, 2, 3]);
      expect(q1(`get\`:${dir}/c`)).toBe('`u#3 1 0N 2i');
    } finally { done(); }
  });
  it('symbols keep their attribute byte (kdb+ rebuilds the index, as from IPC); floats get the guessed index', () => {
    const { dir, done } = tmp();
    try {
      // symbols are a serialized file: the attribute byte, as in IPC
      q(`\`:${dir}/s set \`u#\`a\`b\`c`).dispose();
      expect(hex(bytesOf(join(dir, 's')).subarray(0, 4))).toBe('ff010b02');
      expect(q1(`get\`:${dir}/s`)).toBe('`u#`a`b`c');
      q(`\`:${dir}/g set \`g#\`a\`b\`a`).dispose();
      expect(q1(`get\`:${dir}/g`)).toBe('`g#`a`b`a');
      // floats: written with the index (its hash guessed: attrindex.ts), read back p#
      q(`\`:${dir}/f set \`p#1 1 2f`).dispose();
      expect(bytesOf(join(dir, 'f')).length).toBeGreaterThan(16 + 24);
      expect(q1(`get\`:${dir}/f`)).toBe('`p#1 1 2f');
    } finally { done(); }
  });
  it('appending to a p# file drops the index and the attribute', () => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/c set \`p#1 1 2`).dispose();
      q(`.[\`:${dir}/c;();,;3 3]`).dispose();
      expect(q1(`get\`:${dir}/c`)).toBe('1 1 2 3 3');
      expect(bytesOf(join(dir, 'c')).length).toBe(16 + 40);
    } finally { done(); }
  });
  it('a truncated index still reads (kdb+ rebuilds p# from the items); a truncated column is \'length', () => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/c set \`p#1 1 2`).dispose();
      const b = bytesOf(join(dir, 'c'));
      q(`\`:${dir}/d 1: 0x${hex(b.subarray(0, 16 + 24 + 8))}`).dispose();
      expect(q1(`get\`:${dir}/d`)).toBe('`p#1 1 2');
      q(`\`:${dir}/e 1: 0x${hex(b.subarray(0, 16 + 20))}`).dispose();
      expect(qerr(`get\`:${dir}/e`)).toBe('length');
    } finally { done(); }
  });
});
void readFileSync;

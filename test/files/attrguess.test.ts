// p#, u# and g# columns of every type on disk. kdb+'s index after the items
// is proved only for integer values (attrindex.test.ts); for the other types
// the hash input is guessed (src/files/attrindex.ts: the item's stored bits),
// and g# is written with its attribute byte and count only. What must hold
// whatever the guess: every type round-trips with its attribute, nulls and
// infinities, and a reader never trusts the index (a junk tail reads the same).
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { bytesOf, tmp, q1, withGlobals } from './helpers.js';

/** Parted samples (nulls and infinities in runs) of every simple vector type but symbols. */
const PARTED: Record<string, string> = {
  boolean: '0011b', byte: '0x0000ff01', short: '0N 0N 3 -0W 0Wh', int: '5 5 0N -0W 0W 1i', long: '7 7 0N 0N -0W 0W',
  real: '0N 0N 1.5 1.5 -0W 0We', float: '0n 0n 1 1 -0w 0w 2.5', char: '"aabbz "',
  timestamp: '2024.01.01D10:00 2024.01.01D10:00 0N 0Wp', month: '2024.01 2024.01 0N 2024.02m',
  date: '2024.01.01 2024.01.01 0N 0W -0Wd', timespan: '0D01 0D01 0N 0Wn', minute: '09:30 09:30 0Nu 10:00',
  second: '09:30:00 09:30:00 0Nv', time: '09:30:00.000 09:30:00.000 0Nt', datetime: '2024.01.01T10:00 2024.01.01T10:00 0Nz',
  guid: '"G"$("8c680a01-5a49-5aab-5a65-d4bfddb6a661";"8c680a01-5a49-5aab-5a65-d4bfddb6a661";"00000000-0000-0000-0000-000000000000")',
};
/** Distinct samples for u#. */
const UNIQUE: Record<string, string> = {
  byte: '0x00ff01', short: '0N 3 -0W 0Wh', int: '5 0N -0W 0W 1i', long: '7 0N -0W 0W', real: '0N 1.5 -0W 0We',
  float: '0n 1 -0w 0w 2.5 -0.5', char: '"abz "', timestamp: '2024.01.01D10:00 0N 0Wp', date: '2024.01.01 0N 0W -0Wd',
  time: '09:30:00.000 0Nt', guid: '"G"$("8c680a01-5a49-5aab-5a65-d4bfddb6a661";"00000000-0000-0000-0000-000000000000")',
};

describe('every type with an attribute round-trips through set and get', () => {
  for (const [name, v] of Object.entries(PARTED)) {
    it(`p# and g# ${name}`, () => withGlobals(() => {
      const { dir, done } = tmp();
      try {
        for (const a of ['p', 'g']) {
          q(`v:\`${a}#${v}`).dispose();
          q(`\`:${dir}/${a} set v`).dispose();
          expect(q1(`attr get\`:${dir}/${a}`), a).toBe(`\`${a}`);
          expect(q1(`(get\`:${dir}/${a})~v`), a).toBe('1b');
          // the items themselves are where a vector file keeps them
          expect(q1(`{i:14_-8!\`#x; i~(count i)#16_read1 y}[v;\`:${dir}/${a}]`), a).toBe('1b');
        }
      } finally { done(); }
    }));
  }
  for (const [name, v] of Object.entries(UNIQUE)) {
    it(`u# ${name}`, () => withGlobals(() => {
      const { dir, done } = tmp();
      try {
        q(`v:\`u#${v}`).dispose();
        q(`\`:${dir}/u set v`).dispose();
        expect(q1(`attr get\`:${dir}/u`)).toBe('`u');
        expect(q1(`(get\`:${dir}/u)~v`)).toBe('1b');
        expect(q1(`(get\`:${dir}/u)?v`)).toBe(q1('til count v'));
      } finally { done(); }
    }));
  }
});

const G = 0x9E3779B97F4A7C15n;
/** The slot of hash input v in S slots (the rule attrindex.ts proves for integers). */
const slotOf = (v: bigint, s: number): number => Number(((BigInt.asUintN(64, v) * G) & ((1n << 64n) - 1n)) >> 43n) & (s - 1);

describe('the guessed index of a float column', () => {
  it('p# floats: the distinct values (their bytes) as a u# float vector, slots from their bit patterns, then the run starts', () => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/f set \`p#1.5 1.5 0n 0n 0n -0w`).dispose();
      const b = bytesOf(join(dir, 'f'));
      const dv = new DataView(b.buffer, b.byteOffset, b.length);
      expect([b[0], b[1], b[2], b[3]]).toEqual([0xfe, 0x20, 9, 3]);
      expect(dv.getBigInt64(8, true)).toBe(6n);
      let at = 16 + 48 + 8; // items end at 64 ≡ 0 (mod 16): padded to 72
      expect([b[at + 2], b[at + 3]]).toEqual([9, 2]); // a u# float vector
      expect(dv.getBigInt64(at + 8, true)).toBe(3n);
      const vals = [0, 1, 2].map((i) => dv.getFloat64(at + 16 + 8 * i, true));
      expect(vals[0]).toBe(1.5); expect(vals[1]).toBeNaN(); expect(vals[2]).toBe(-Infinity);
      const bits = [0, 1, 2].map((i) => dv.getBigInt64(at + 16 + 8 * i, true));
      const slots0 = at + 16 + 24 + 24; // after the values and 3 words: 8 slots (the least power of 2 ≥ 2×3)
      const slots = Array.from({ length: 8 }, (_, i) => Number(dv.getBigInt64(slots0 + 8 * i, true)));
      // each value sits at its hashed slot, or further on after a collision
      const placed = new Array(8).fill(-1);
      bits.forEach((v, i) => { let s = slotOf(v, 8); while (placed[s] !== -1) s = (s + 1) & 7; placed[s] = i; });
      expect(slots).toEqual(placed);
      at = slots0 + 64;
      expect([b[at + 2], b[at + 3]]).toEqual([7, 0]); // a long vector of the run starts
      expect([0, 1, 2, 3].map((i) => dv.getBigInt64(at + 16 + 8 * i, true))).toEqual([0n, 2n, 5n, 6n]);
      expect(at + 16 + 32).toBe(b.length);
    } finally { done(); }
  });
  it('g#: the attribute byte and the count, no index', () => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/g set \`g#3 1 3 0N`).dispose();
      const b = bytesOf(join(dir, 'g'));
      expect(b.length).toBe(16 + 32);
      expect([b[2], b[3], b[8]]).toEqual([7, 4, 4]);
    } finally { done(); }
  });
});

describe('a reader never trusts the index after the items', () => {
  it('p#/u#/g# files with a junk tail read the same values; find, group and where use an index rebuilt from the items', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      for (const [a, v] of [['p', '1 1 2 2 2 0N 5f'], ['u', '3 1 0N 2 9'], ['g', '4 1 4 0N 1 1']]) {
        q(`v:\`${a}#${v}`).dispose();
        q(`\`:${dir}/${a} set v`).dispose();
        const good = bytesOf(join(dir, a));
        const n = Number(new DataView(good.buffer, good.byteOffset).getBigInt64(8, true));
        const items = 16 + 8 * n;
        // a tail of 0xff (slots all -1, absurd counts) and a tail of random words
        for (const fill of [0xff, 0x5a]) {
          const bad = new Uint8Array(items + 200).fill(fill);
          bad.set(good.subarray(0, items));
          writeFileSync(join(dir, 'bad'), bad);
          expect(q1(`(get\`:${dir}/bad)~v`), `${a} ${fill}`).toBe('1b');
          expect(q1(`(get\`:${dir}/bad)?v`)).toBe(q1('v?v'));
          expect(q1(`group get\`:${dir}/bad`)).toBe(q1('group v'));
          expect(q1(`select i from ([]c:get\`:${dir}/bad) where c=first v`)).toBe(q1('select i from ([]c:v) where c=first v'));
        }
      }
    } finally { done(); }
  }));
  it('splayed tables keep p#, u# and g# columns of any type', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('t:([]s:`p#`a`a`b`b;f:`p#1 1 2 2f;g:`g#"xyxz";u:`u#4?0Ng)').dispose();
      q(`\`:${dir}/t/ set .Q.en[\`:${dir}] t`).dispose();
      expect(q1(`exec attr each (s;f;g;u) from get\`:${dir}/t`)).toBe('`p`p`g`u');
      expect(q1(`(select f,g,u from get\`:${dir}/t where f=2)~select f,g,u from t where f=2`)).toBe('1b');
      expect(q1(`exec value s from get\`:${dir}/t where f=2`)).toBe('`b`b');
    } finally { done(); }
  }));
});

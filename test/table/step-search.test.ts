// Stepped keyed tables (`s# key) on two or more key columns: an absent key
// takes the record of the highest key row below it, found by a binary search
// comparing the key tuple in engine memory. Checked against q's own order of
// rows (iasc of the key rows and the looked-up rows together: the key row just
// before a looked-up row is its step row) on random keys of every simple type
// with nulls, one record per call and many in one call. Also: one record of a
// plain two-key table and a `u#/`g# dictionary answer through their indexes.
import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../src/lang/index.js';
import { liveIndexes } from '../../src/ops/hashindex.js';

const ev = (s: string) => { const r = evaluate(s); try { return String(r); } finally { r.dispose(); } };
const run = (s: string) => { evaluate(s).dispose(); };
const longs = (s: string): number[] => { const r = evaluate(s); try { return Array.from(r.data as BigInt64Array, Number); } finally { r.dispose(); } };

afterEach(() => {
  run('delete sk, sl, st, sd, su from `.');
  expect(liveIndexes(), 'indexes left alive').toBe(0);
});

const cell = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: fc.integer({ min: -3, max: 5 }) });
const TYPES: Record<string, (x: number | null) => string> = {
  long: (x) => (x === null ? '0N' : String(x)),
  int: (x) => (x === null ? '0Ni' : `${x}i`),
  short: (x) => (x === null ? '0Nh' : `${x}h`),
  float: (x) => (x === null ? '0n' : x === 5 ? '0w' : x === -3 ? '-0w' : `${x}.5`),
  real: (x) => (x === null ? '0Ne' : `${x}.5e`),
  symbol: (x) => (x === null ? '`' : x < 0 ? `\`a${-x}` : `\`b${x}x`),
  char: (x) => (x === null ? '" "' : `"${String.fromCharCode(100 + x)}"`),
  date: (x) => (x === null ? '0Nd' : `2001.01.${String(x + 4).padStart(2, '0')}`),
  timestamp: (x) => (x === null ? '0Np' : `2001.01.01D${String(x + 4).padStart(2, '0')}`),
  boolean: (x) => (x === null || x < 2 ? '0b' : '1b'),
  byte: (x) => (x === null ? '0x00' : `0x0${x + 3}`),
  guid: (x) => (x === null ? '0Ng' : `"G"$"${String(x + 4).repeat(8)}-0000-0000-0000-000000000000"`),
};
const column = (ty: string, xs: (number | null)[]) =>
  `${ty === 'char' || ty === 'byte' || ty === 'guid' ? '' : '`' + ty + '$'}${xs.length === 1 ? 'enlist ' + TYPES[ty](xs[0]) : `(${xs.map(TYPES[ty]).join(';')})`}`;

describe('step lookups on a `s# keyed table of several key columns', () => {
  it('equal the key row just before each looked-up row in q order: every simple type, nulls, one and many per call', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom(...Object.keys(TYPES)), { minLength: 2, maxLength: 3 }),
      fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 30 }),
      fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
      (tys, krows, lrows) => {
        const tab = (rows: (number | null)[][]) => `([] ${tys.map((t, c) => `c${c}:${column(t, rows.map((r) => r[c]))}`).join('; ')})`;
        const kn = tys.length;
        run(`sk:asc distinct ${tab(krows)}; sl:${tab(lrows)}`);
        run(`st:\`s#${kn}!update v:til count sk from sk`);
        const n = longs('count sk')[0];
        // q's order of key rows and looked-up rows together; iasc is stable, so an equal key row comes first
        const order = longs('iasc sk,sl');
        const want: number[] = new Array(lrows.length);
        let last = -1;
        for (const p of order) { if (p < n) last = p; else want[p - n] = last; }
        const got = longs('exec v from st sl');
        expect(got.map((v) => (v < -1e18 ? -1 : v))).toEqual(want);
        // one record per call goes through the single-record path
        for (let j = 0; j < lrows.length; j++) {
          const v = longs(`enlist st[value sl ${j}]\`v`)[0];
          expect(v < -1e18 ? -1 : v).toBe(want[j]);
        }
      }), { numRuns: 60 });
  });

  it('a key below every key row finds no record; the highest key steps to the last row', () => {
    run('st:`s#([a:`a`a`b; b:1 5 3] v:10 20 30)');
    expect(ev('st[(`a;0)]`v')).toBe('0N');
    expect(ev('st[(`a;4)]`v')).toBe('10');
    expect(ev('st[(`a;99)]`v')).toBe('20');
    expect(ev('st[(`zz;0N)]`v')).toBe('30');
    expect(ev('st[(`;7)]`v')).toBe('0N');
    expect(ev('st[([] a:`a`b`c; b:2 2 2)]`v')).toBe('10 20 30');
  });

  it('a one-record lookup of another type than a key column keeps the general path', () => {
    run('st:`s#([a:`a`b; b:1 3i] v:10 20)');
    expect(ev('st[(`a;2i)]`v')).toBe('10');
    expect(ev('st[(`b;3i)]`v')).toBe('20');
    expect(() => ev('st[(`a;1;2)]')).toThrow('length');
  });
});

describe('one record of a plain keyed table and a dictionary with an indexed key', () => {
  it('kt[(a;b)] answers the record or nulls, also for null key items', () => {
    run('st:([a:`x`y`x; b:1 2 0N] v:1.5 2.5 3.5)');
    expect(ev('st[(`x;0N)]`v')).toBe('3.5');
    expect(ev('st[(`y;2)]')).toBe(ev('enlist[`v]!enlist 2.5'));
    expect(ev('st[(`y;3)]`v')).toBe('0n');
  });

  it('d k on `u#/`g# keys equals d k without the attribute', () => {
    run('sd:(5 1 3 0N 9)!`a`b`c`d`e; su:(`u#5 1 3 0N 9)!`a`b`c`d`e');
    for (const k of ['5', '0N', '9', '7', '-1']) expect(ev(`su ${k}`)).toBe(ev(`sd ${k}`));
    run('su:(`g#`p`q`p)!1 2 3');
    expect(ev('su`p')).toBe('1');
    expect(ev('su`z')).toBe('0N');
  });
});

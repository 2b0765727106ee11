// The composite hash index over a keyed table's key columns (two or more):
// lookups through it answer exactly what combining per-column finds answers
// (the first row whose every key equals, nulls equal to nulls, count where
// absent) on random keys with nulls and duplicates; it follows appends, it is
// evicted when a column joins another table's index, and it goes with its
// columns (no index and no block outlives a test).
import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../src/lang/index.js';
import type { K } from '../../src/k.js';
import { liveIndexes, inComposite } from '../../src/ops/hashindex.js';
import { rowFind } from '../../src/table/find.js';

const ev = (s: string) => { const r = evaluate(s); try { return String(r); } finally { r.dispose(); } };
const run = (s: string) => { evaluate(s).dispose(); };
const RUNS = { numRuns: 50 };

afterEach(() => {
  run('delete ca, cb, cc, ck, cl, cm, cn, cv from `.');
  expect(liveIndexes(), 'indexes left alive').toBe(0);
});

/** The key columns of q text as K handles (disposed by f's caller). */
function cols(text: string): K[] {
  const t = evaluate(`value flip 0!${text}`);
  try { return Array.from({ length: t.count }, (_, i) => t.item(i)); } finally { t.dispose(); }
}

/** rows of look in keys, through the index and through per-column finds. */
function both(keys: string, look: string): [string, string] {
  const k = cols(keys), l = cols(look);
  try {
    const a = rowFind(k, l, true), b = rowFind(k, l, false);
    try { return [String(a), String(b)]; } finally { a.dispose(); b.dispose(); }
  } finally { [...k, ...l].forEach((c) => c.dispose()); }
}

const cell = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 5, arbitrary: fc.integer({ min: -3, max: 6 }) });
const TYPES: Record<string, (x: number | null) => string> = {
  long: (x) => (x === null ? '0N' : String(x)),
  int: (x) => (x === null ? '0Ni' : `${x}i`),
  short: (x) => (x === null ? '0Nh' : `${x}h`),
  float: (x) => (x === null ? '0n' : `${x}.5`),
  real: (x) => (x === null ? '0Ne' : `${x}.5e`),
  symbol: (x) => (x === null ? '`' : x < 0 ? `\`n${-x}` : `\`s${x}`),
  char: (x) => (x === null ? '" "' : `"${String.fromCharCode(100 + x)}"`),
  date: (x) => (x === null ? '0Nd' : `2001.01.${String(x + 4).padStart(2, '0')}`),
  timestamp: (x) => (x === null ? '0Np' : `2001.01.01D${String(x + 4).padStart(2, '0')}`),
  boolean: (x) => (x === null || x < 2 ? '0b' : '1b'),
  guid: (x) => (x === null ? '0Ng' : `"G"$"${String(x + 4).repeat(8)}-0000-0000-0000-000000000000"`),
};
/** A column of q text: items joined as a general list, then razed to a vector. */
const column = (ty: string, xs: (number | null)[]) => `${ty === 'guid' || ty === 'char' ? '' : '`' + ty + '$'}${xs.length === 1 ? 'enlist ' + TYPES[ty](xs[0]) : `(${xs.map(TYPES[ty]).join(';')})`}`;

describe('keyed lookup on two or more key columns', () => {
  it('through the index equals per-column finds: every key type, nulls, duplicates, empty, one row', () => {
    const types = Object.keys(TYPES);
    fc.assert(fc.property(
      fc.array(fc.constantFrom(...types), { minLength: 2, maxLength: 3 }),
      fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 40 }),
      fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 20 }),
      (tys, krows, lrows) => {
        const tab = (rows: (number | null)[][]) => `([] ${tys.map((t, c) => `c${c}:${rows.length ? column(t, rows.map((r) => r[c])) : `\`${t === 'char' ? 'char' : t}$()`}`).join('; ')})`;
        run(`ck:${tab(krows)}; cl:${tab(lrows)}`);
        const [a, b] = both('ck', 'cl');
        expect(a).toBe(b);
        // and a second time (the index kept) and a lookup of the keys themselves
        expect(both('ck', 'cl')[0]).toBe(b);
        const [s1, s2] = both('ck', 'ck');
        expect(s1).toBe(s2);
      }), RUNS);
  });

  it('kt[(k1;k2)], kt each, kt[table], lj and ij on a two-key table', () => {
    run('ck:([s:`a`b`a`c; j:1 1 2 0N] v:10 20 30 40)');
    expect(ev('ck[(`a;2)]')).toBe(ev('enlist[`v]!enlist 30'));
    expect(ev('ck[(`c;0N)]`v')).toBe('40');
    expect(ev('ck[(`d;1)]`v')).toBe('0N');
    expect(ev('ck[([] s:`b`a`x; j:1 1 1)]')).toBe(ev('([] v:20 10 0N)'));
    expect(ev('ck each ((`a;1);(`c;0N))')).toBe(ev('([] v:10 40)'));
    expect(ev('([] s:`a`x`a; j:2 0 1; w:1 2 3) lj ck')).toBe(ev('([] s:`a`x`a; j:2 0 1; w:1 2 3; v:30 0N 10)'));
    expect(ev('([] s:`a`x`a; j:2 0 1; w:1 2 3) ij ck')).toBe(ev('([] s:`a`a; j:2 1; w:1 3; v:30 10)'));
    const c = evaluate('value flip key ck');
    try {
      const s = c.item(0);
      try { expect(inComposite(s.ptr)).toBe(true); } finally { s.dispose(); }
    } finally { c.dispose(); }
    expect(liveIndexes()).toBe(1);
  });

  it('wrong lookups keep q errors: too many keys, a missing key column', () => {
    run('ck:([s:`a`b; j:1 2] v:10 20)');
    expect(() => ev('ck[(`a;1;2)]')).toThrow('length');
    expect(() => ev('ck[([] s:`a`b)]')).toThrow('j');
    expect(ev('ck[(`a;1)]`v')).toBe('10');
  });

  it('follows single-row upserts by name (the index is extended, never wrong)', () => {
    run('ck:([s:`symbol$(); j:`long$()] v:`long$())');
    for (let i = 0; i < 300; i++) {
      run(`\`ck upsert (\`s${i % 7}; ${i % 11}; ${i})`);
      if (i % 37 === 0) expect(ev(`ck[(\`s${i % 7}; ${i % 11})]\`v`)).toBe(String(i));
    }
    expect(ev('count ck')).toBe('77');
    expect(ev('ck[(`s3;3)]`v')).toBe(ev('exec last v from ([] s:`$"s",/:string (til 300) mod 7; j:(til 300) mod 11; v:til 300) where s=`s3, j=3'));
    run('ck:ck upsert ([] s:`s1`zz; j:1 1; v:-1 -2)');
    expect(ev('ck[(`zz;1)]`v')).toBe('-2');
    expect(ev('ck[(`s1;1)]`v')).toBe('-1');
  });

  it('two tables sharing a key column: each lookup right (one index per column at a time)', () => {
    run('ca:`a`b`c`a; ck:([s:ca; j:1 2 3 4] v:til 4); cl:([s:ca; f:0 0 1 1f] w:10 20 30 40)');
    for (let i = 0; i < 3; i++) {
      expect(ev('ck[(`a;4)]`v')).toBe('3');
      expect(ev('cl[(`a;1f)]`w')).toBe('40');
      expect(ev('cl[(`c;0f)]`w')).toBe('0N');
    }
    expect(liveIndexes()).toBe(1);
  });

  it('a key column with an index of its own (`g#, `u#) answers the same', () => {
    run('ck:([s:`g#`a`b`a; j:1 1 2] v:10 20 30); cl:([s:`a`b`a; j:1 1 2] v:10 20 30)');
    expect(ev('ck[([] s:`a`a`b`c; j:2 1 1 1)]')).toBe(ev('cl[([] s:`a`a`b`c; j:2 1 1 1)]'));
    expect(ev('ck[(`a;2)]')).toBe(ev('cl[(`a;2)]'));
  });

  it('lookups of other types than the key columns are not answered by the index', () => {
    run('ck:([s:`a`b; j:1 2i] v:10 20)');
    expect(ev('ck[(`b;2i)]`v')).toBe('20');
    expect(() => ev('ck[([] s:`a`b; j:1 2)]')).toThrow('type');
  });
});

// Property tests: the engine's joins (src/table/join.ts, assembly/kernels/join.ts)
// against the naive per-row references in test/ref/joins.ts, on random long
// tables with nulls, duplicates, one row and none. The leak check of
// test/setup.ts runs after every property.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { K } from '../src/index.js';
import { evaluate } from '../src/lang/index.js';
import { callPrim } from '../src/lang/eval.js';
import * as ref from './ref/joins.js';

const RUNS = { numRuns: 80 };
const NJ = ref.NJ;

/** A small long with nulls often enough to matter. */
const cell = fc.oneof({ weight: 1, arbitrary: fc.constant(NJ) }, { weight: 6, arbitrary: fc.bigInt({ min: -3n, max: 6n }) });
const colOf = (n: number) => fc.array(cell, { minLength: n, maxLength: n });
/** A table of the named long columns with 0..maxRows rows. */
const tab = (names: string[], maxRows: number) =>
  fc.integer({ min: 0, max: maxRows }).chain((n) => fc.tuple(...names.map(() => colOf(n))).map((cs) => Object.fromEntries(names.map((c, i) => [c, cs[i]])) as ref.Tab));

function mk(t: ref.Tab): K {
  const cols: Record<string, unknown> = {};
  for (const [c, v] of Object.entries(t)) cols[c] = BigInt64Array.from(v);
  return K.table(cols);
}
/** n!t for a JS table. */
function keyed(t: ref.Tab, n: number): K {
  const k = mk(t), nn = K.long(n);
  try { return callPrim('!', [nn, k]); } finally { k.dispose(); nn.dispose(); }
}
/** A table's columns as JS bigint arrays (unkeyed first). */
function cols(k: K): ref.Tab {
  const z = K.long(0);
  const t = k.type === 98 ? k.ref() : callPrim('!', [z, k]);
  z.dispose();
  try {
    const out: ref.Tab = {};
    for (const c of t.columns) { const v = t.col(c); out[c] = Array.from(v.data as BigInt64Array); v.dispose(); }
    return out;
  } finally { t.dispose(); }
}
/** Distinct keys: the first row of each key (q's find would use the first anyway; keyed tables have unique keys). */
function uniqueOn(t: ref.Tab, ks: string[]): ref.Tab {
  const seen = new Set<string>();
  const keep: number[] = [];
  const n = t[ks[0]].length;
  for (let i = 0; i < n; i++) { const key = ks.map((c) => String(t[c][i])).join('|'); if (!seen.has(key)) { seen.add(key); keep.push(i); } }
  return Object.fromEntries(Object.entries(t).map(([c, v]) => [c, keep.map((i) => v[i])]));
}
/** Sorted by time (stable): as aj wants its right table. */
function sortedBy(t: ref.Tab, c: string): ref.Tab {
  const n = t[c].length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => (t[c][a] < t[c][b] ? -1 : t[c][a] > t[c][b] ? 1 : a - b));
  return Object.fromEntries(Object.entries(t).map(([k, v]) => [k, idx.map((i) => v[i])]));
}
function run(f: string, ...args: K[]): K {
  try { return callPrim(f, args); } finally { args.forEach((a) => a.dispose()); }
}

describe('aj equals the naive per-row search', () => {
  it('one equality column and a time column', () => {
    fc.assert(fc.property(tab(['s', 't', 'a'], 12), tab(['s', 't', 'v'], 16), (x, y0) => {
      const y = sortedBy(y0, 't');
      const c = K.symbol(['s', 't']);
      const r = run('aj', c, mk(x), mk(y));
      const got = cols(r);
      r.dispose();
      expect(got.v).toEqual(ref.aj(x, y, ['s'], 't', 'v'));
      expect(got.a).toEqual(x.a);
      expect(got.t).toEqual(x.t);
    }), RUNS);
  });
  it('time only and two equality columns', () => {
    fc.assert(fc.property(tab(['s', 'u', 't'], 10), tab(['s', 'u', 't', 'v'], 14), (x, y0) => {
      const y = sortedBy(y0, 't');
      const r1 = run('aj', K.symbol(['t']), mk(x), mk(y));
      expect(cols(r1).v).toEqual(ref.aj(x, y, [], 't', 'v'));
      r1.dispose();
      const r2 = run('aj', K.symbol(['s', 'u', 't']), mk(x), mk(y));
      expect(cols(r2).v).toEqual(ref.aj(x, y, ['s', 'u'], 't', 'v'));
      r2.dispose();
    }), RUNS);
  });
});

describe('keyed joins equal naive implementations', () => {
  it('lj and ij on one key column, v common to both', () => {
    fc.assert(fc.property(tab(['k', 'v'], 12), tab(['k', 'v', 'w'], 10), (x, y0) => {
      const y = uniqueOn(y0, ['k']);
      const l = run('lj', mk(x), keyed(y, 1));
      expect(cols(l)).toEqual(ref.lj(x, y, ['k']));
      l.dispose();
      const i = run('ij', mk(x), keyed(y, 1));
      expect(cols(i)).toEqual(ref.ij(x, y, ['k']));
      i.dispose();
    }), RUNS);
  });
  it('lj on two key columns', () => {
    fc.assert(fc.property(tab(['k', 'j', 'a'], 12), tab(['k', 'j', 'w'], 10), (x, y0) => {
      const y = uniqueOn(y0, ['k', 'j']);
      const l = run('lj', mk(x), keyed(y, 2));
      expect(cols(l)).toEqual(ref.lj(x, y, ['k', 'j']));
      l.dispose();
    }), RUNS);
  });
  it('uj of simple tables and of keyed tables', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(tab(['a', 'b'], n), tab(['b', 'c'], n))), ([x, y]) => {
      const r = run('uj', mk(x), mk(y));
      expect(cols(r)).toEqual(ref.ujSimple(x, y));
      r.dispose();
    }), RUNS);
    fc.assert(fc.property(tab(['k', 'v'], 10), tab(['k', 'w', 'v'], 10), (x0, y0) => {
      const x = uniqueOn(x0, ['k']), y = uniqueOn(y0, ['k']);
      if (!x.k.length || !y.k.length) return;
      const r = run('uj', keyed(x, 1), keyed(y, 1));
      expect(cols(r)).toEqual(ref.ujKeyed(x, y, ['k']));
      r.dispose();
    }), RUNS);
  });
});

describe('errors leave nothing behind', () => {
  it('type and length errors', () => {
    for (const s of ['aj[`s`t;([]s:1 2;t:1 2);([]s:1 2;t:1 2f)]', '([]a:1 2) lj ([]a:1 2)', '`x insert (1;2)',
      '([k:1 2]v:1 2) uj ([j:1 2]v:1 2)', 'wj[(1 2;3 4);`t;([]t:1 2);(([]t:1 2;v:1 2);(sum;`zz))]', '([]a:1 2),([]b:1 2)',
      'ej[`zz;([]a:1 2);([]a:1 2)]', '`zz xkey ([]a:1 2)', '`a`b`c xcol ([]a:1 2)', '(enlist[`q]!enlist`r) xcol ([]a:1 2)',
      '([k:1 2]v:1 2) upsert ([]j:1 2)', '`zz xasc ([]a:1 2)', 'aj[`a`t;([]a:1 2;t:1 2);([]t:1 2)]',
      '([]a:1 2) pj ([k:1 2]v:`a`b)', 'asof[([]t:1 2;v:3 4);`t!enlist 1.5]', 'wj1[(1 2;3 4);`t;([]t:1 2);(([]t:1 2f;v:1 2);(sum;`v))]']) {
      expect(() => evaluate(s)).toThrow();
    }
  });
});

describe('by-name verbs leave the global unchanged when they fail', () => {
  it('insert, upsert, xkey, aj', () => {
    evaluate('tt:([k:`a`b]v:1 2)');
    const before = evaluate('tt');
    for (const s of ['`tt insert (`a;5)', '`tt insert (`c;1.5)', '`tt upsert ([]j:1)', '`zz xkey `tt', 'aj[`k`zz;`tt;([]k:`a;zz:1)]']) {
      expect(() => evaluate(s)).toThrow();
      const now = evaluate('tt');
      expect(now.toString()).toBe(before.toString());
      now.dispose();
    }
    before.dispose();
    evaluate('tt:0').dispose();
  });
  it('enumerate and extend: cast and type errors', () => {
    evaluate('dd:`a`b').dispose();
    expect(() => evaluate('`dd$`c')).toThrow('cast');
    expect(() => evaluate('`dd?1 2')).toThrow('type');
    const d = evaluate('dd');
    expect(d.toString()).toBe('`a`b');
    d.dispose();
    evaluate('dd:0').dispose();
  });
});

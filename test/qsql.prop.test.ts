// Property tests for q-sql: `select … where` equals filtering by hand, and
// `select agg by` (the grouped kernels of assembly/kernels/group.ts) equals
// per-group aggregation by hand (test/ref/qsql.ts), on random tables with
// nulls, empty results, one row and 1e5 rows; the engine's blocks are checked
// after every test (test/setup.ts), including after errors.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K } from '../src/index.js';
import * as ref from './ref/qsql.js';

const runs = { numRuns: 40 };

interface Tab { k: bigint[]; v: number[]; w: bigint[]; n: number }

const arbLong = fc.oneof({ weight: 1, arbitrary: fc.constant(ref.NJ) }, { weight: 6, arbitrary: fc.bigInt({ min: -1000n, max: 1000n }) });
const arbFloat = fc.oneof({ weight: 1, arbitrary: fc.constant(NaN) }, { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) });
const arbKey = fc.oneof({ weight: 1, arbitrary: fc.constant(ref.NJ) }, { weight: 8, arbitrary: fc.bigInt({ min: -3n, max: 5n }) });

function arbTab(maxRows: number): fc.Arbitrary<Tab> {
  return fc.integer({ min: 0, max: maxRows }).chain((n) => fc.record({
    k: fc.array(arbKey, { minLength: n, maxLength: n }),
    v: fc.array(arbFloat, { minLength: n, maxLength: n }),
    w: fc.array(arbLong, { minLength: n, maxLength: n }),
    n: fc.constant(n),
  }));
}

function mk(t: Tab): K {
  return q.table({ k: BigInt64Array.from(t.k), v: Float64Array.from(t.v), w: BigInt64Array.from(t.w) });
}

const col = (r: K, name: string): unknown[] => Array.from(r.col(name).data as ArrayLike<unknown>);
const same = (a: number, b: number): boolean => (Number.isNaN(a) && Number.isNaN(b)) || a === b;

describe('select … where equals filtering by hand', () => {
  it('successive constraints', () => {
    fc.assert(fc.property(arbTab(60), fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.bigInt({ min: -1000n, max: 1000n }), (t, c, d) => {
      const tk = mk(t);
      const r = q`select from ${tk} where v>${K.from(c)}, w<${K.from(d)}`;
      const rows = ref.filterRows(t.n, [(i) => ref.gtF(t.v[i], c), (i) => t.w[i] < d]);
      expect(r.count).toBe(rows.length);
      expect(col(r, 'k')).toEqual(rows.map((i) => t.k[i]));
      expect(col(r, 'w')).toEqual(rows.map((i) => t.w[i]));
      col(r, 'v').forEach((x, j) => expect(same(x as number, t.v[rows[j]])).toBe(true));
    }), runs);
  });
  it('q text and functional form agree, and i is the row number', () => {
    fc.assert(fc.property(arbTab(40), (t) => {
      const tk = mk(t);
      const a = q`select i, w from ${tk} where not null v, w>0`;
      const rows = ref.filterRows(t.n, [(i) => !Number.isNaN(t.v[i]), (i) => t.w[i] > 0n]);
      expect(col(a, 'x')).toEqual(rows.map(BigInt));
      expect(col(a, 'w')).toEqual(rows.map((i) => t.w[i]));
      const b = q('{?[x;((not;(null;`v));(>;`w;0));0b;`x`w!`i`w]}', tk);
      expect(q.match(a, b).toJS()).toBe(true);
    }), runs);
  });
});

function checkGrouped(t: Tab): void {
  const tk = mk(t);
  const r = q`select s:sum v, sw:sum w, a:avg w, av:avg v, mx:max w, mn:min v, c:count i, f:first v, l:last w, vr:var v, dv:dev w, sd:svar v by k from ${tk}`;
  const gs = ref.groups(t.k, Array.from({ length: t.n }, (_, i) => i));
  const key = r.keys;
  const val = r.values;
  expect(col(key, 'k')).toEqual(gs.map((g) => g.key));
  const pick = <T>(xs: T[], rows: number[]) => rows.map((i) => xs[i]);
  gs.forEach((g, j) => {
    const vs = pick(t.v, g.rows), ws = pick(t.w, g.rows);
    expect(same(col(val, 's')[j] as number, ref.sumF(vs))).toBe(true);
    expect(col(val, 'sw')[j]).toBe(ref.sumJ(ws));
    expect(same(col(val, 'a')[j] as number, ref.avg(ws))).toBe(true);
    expect(same(col(val, 'av')[j] as number, ref.avg(vs))).toBe(true);
    expect(col(val, 'mx')[j]).toBe(ref.maxJ(ws));
    expect(same(col(val, 'mn')[j] as number, ref.minF(vs))).toBe(true);
    expect(col(val, 'c')[j]).toBe(BigInt(g.rows.length));
    expect(same(col(val, 'f')[j] as number, vs[0])).toBe(true);
    expect(col(val, 'l')[j]).toBe(ws[ws.length - 1]);
    expect(same(col(val, 'vr')[j] as number, ref.variance(vs))).toBe(true);
    expect(same(col(val, 'dv')[j] as number, Math.sqrt(ref.variance(ws)))).toBe(true);
    const c = vs.filter((x) => !Number.isNaN(x)).length;
    expect(same(col(val, 'sd')[j] as number, ref.variance(vs) * c / (c - 1))).toBe(true);
  });
  // the per-group fallback (a lambda is no kernel) gives the same table
  const slow = q`select s:{sum x} v, sw:{sum x} w, a:{avg x} w, mx:{max x} w, c:{count x} i by k from ${tk}`;
  const fast = q`select s:sum v, sw:sum w, a:avg w, mx:max w, c:count i by k from ${tk}`;
  expect(q.match(slow, fast).toJS()).toBe(true);
  // expressions of aggregates run once over the per-group vectors: the same as per group
  const ex = q`select r:(max w)-min w, z:2*sum v, y:(avg w)%1+count i by k from ${tk}`;
  const ex1 = q`select r:{(max x)-min x} w, z:{2*sum x} v, y:{(avg x)%1+count x} w by k from ${tk}`;
  expect(q.match(ex, ex1).toJS()).toBe(true);
}

describe('select agg by equals per-group aggregation by hand', () => {
  it('random tables with nulls, empty and one row', () => {
    fc.assert(fc.property(arbTab(50), (t) => checkGrouped(t)), runs);
  });
  it('one row', () => {
    checkGrouped({ k: [1n], v: [NaN], w: [ref.NJ], n: 1 });
    checkGrouped({ k: [ref.NJ], v: [2.5], w: [7n], n: 1 });
  });
  it('no rows', () => {
    const t = mk({ k: [], v: [], w: [], n: 0 });
    const r = q`select sum v by k from ${t}`;
    expect(r.count).toBe(0);
  });
  it('1e5 rows', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), (seed) => {
      const n = 100000;
      let s = seed;
      const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
      const t: Tab = { n, k: [], v: [], w: [] };
      for (let i = 0; i < n; i++) {
        t.k.push(rnd() < 0.01 ? ref.NJ : BigInt(Math.floor(rnd() * 100)));
        t.v.push(rnd() < 0.05 ? NaN : rnd() * 100);
        t.w.push(rnd() < 0.05 ? ref.NJ : BigInt(Math.floor(rnd() * 1e6)));
      }
      checkGrouped(t);
    }), { numRuns: 2 });
  });
  it('where then by, several keys', () => {
    fc.assert(fc.property(arbTab(60), (t) => {
      const tk = mk(t);
      const r = q`select s:sum w by k, p:v>0 from ${tk} where w>0`;
      const rows = ref.filterRows(t.n, [(i) => t.w[i] > 0n]);
      const m = new Map<string, { k: bigint; p: boolean; rows: number[] }>();
      for (const i of rows) {
        const p = t.v[i] > 0;
        const key = `${t.k[i]}|${p}`;
        if (!m.has(key)) m.set(key, { k: t.k[i], p, rows: [] });
        m.get(key)!.rows.push(i);
      }
      const gs = [...m.values()].sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : Number(a.p) - Number(b.p)));
      expect(col(r.keys, 'k')).toEqual(gs.map((g) => g.k));
      expect(col(r.keys, 'p')).toEqual(gs.map((g) => (g.p ? 1 : 0)));
      expect(col(r.values, 's')).toEqual(gs.map((g) => ref.sumJ(g.rows.map((i) => t.w[i]))));
    }), runs);
  });
});

describe('update … by and fby agree with grouping by hand', () => {
  it('update broadcasts the group aggregate', () => {
    fc.assert(fc.property(arbTab(50), (t) => {
      const tk = mk(t);
      const r = q`update m:max w by k from ${tk}`;
      const gs = ref.groups(t.k, Array.from({ length: t.n }, (_, i) => i));
      const want = new Array<bigint>(t.n);
      for (const g of gs) { const m = ref.maxJ(g.rows.map((i) => t.w[i])); for (const i of g.rows) want[i] = m; }
      expect(col(r, 'm')).toEqual(want);
      const f = q`select from ${tk} where w=(max;w) fby k`;
      const keep = Array.from({ length: t.n }, (_, i) => i).filter((i) => t.w[i] === want[i]);
      expect(col(f, 'w')).toEqual(keep.map((i) => t.w[i]));
    }), runs);
  });
});

describe('errors leave the engine and the table as they were', () => {
  it('unknown column, type and length errors', () => {
    fc.assert(fc.property(arbTab(20), (t) => {
      const tk = mk(t);
      const before = q.memory().blocks;
      expect(() => q`select nosuch from ${tk}`).toThrow('nosuch');
      if (t.w.some((w) => w > 0n)) expect(() => q`update w:\`x from ${tk} where w>0`).toThrow('type');
      expect(() => q`select from ${tk} where k`).toThrow('type');
      expect(q.memory().blocks).toBe(before);
      expect(col(tk, 'w')).toEqual(t.w);
    }), { numRuns: 20 });
  });
});

describe('grouping on keys whose combined range passes 2^31 (pairs hashed directly)', () => {
  it('three wide keys (each with tens of thousands of values)', () => {
    fc.assert(fc.property(fc.integer({ min: 50000, max: 60000 }), fc.integer({ min: 0, max: 1 << 20 }), (n, seed) => {
      let s = seed;
      const rnd = (m: number) => { s = (s * 1103515245 + 12345) % 2147483648; return s % m; };
      const a: bigint[] = [], b: bigint[] = [], c: bigint[] = [];
      for (let i = 0; i < n; i++) { a.push(BigInt(rnd(1000000))); b.push(BigInt(rnd(1000000))); c.push(BigInt(rnd(3))); }
      const t = q.table({ a: BigInt64Array.from(a), b: BigInt64Array.from(b), c: BigInt64Array.from(c) });
      const r = q`select n:count i by a,b,c from ${t}`;
      const m = new Map<string, number>();
      for (let i = 0; i < n; i++) { const k = `${a[i]},${b[i]},${c[i]}`; m.set(k, (m.get(k) ?? 0) + 1); }
      const keys = [...m.keys()].map((k) => k.split(',').map(BigInt)).sort((x, y) => (x[0] - y[0] || x[1] - y[1] || x[2] - y[2]) < 0n ? -1 : 1);
      expect(col(r.keys, 'a')).toEqual(keys.map((k) => k[0]));
      expect(col(r.keys, 'b')).toEqual(keys.map((k) => k[1]));
      expect(col(r.keys, 'c')).toEqual(keys.map((k) => k[2]));
      expect(col(r.values, 'n')).toEqual(keys.map((k) => BigInt(m.get(k.join(','))!)));
    }), { numRuns: 3 });
  });
});

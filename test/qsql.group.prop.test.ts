// Property tests for the group index of `by` (src/qsql/group.ts): every path
// that numbers the groups (a direct table over small key ranges, hashing of
// wide keys, composite keys numbered directly, by a hash of few groups, by a
// grade of near-unique rows, and the fold that renumbers when a composite
// would pass 2^62) must give q's result: groups ascending by key (symbols by
// their text, nulls first, 0n first among floats, -0 the same group as 0),
// each group's rows in row order. Checked against grouping by hand in JS.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K } from '../src/index.js';

const NI = -2147483648, NH = -32768, NJ = -9223372036854775808n;

type Cell = string | number | bigint;
/** One key column: its q type letter, its values as JS (q's nulls as their sentinels). */
interface KeyCol { ty: 's' | 'j' | 'd' | 'f' | 'h' | 'c' | 'b' | 'i'; v: Cell[] }

function rng(seed: number): (m: number) => number {
  let s = seed >>> 0 || 1;
  return (m) => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return (s >>> 8) % m; };
}

/** q's ascending order of one column's values. */
function cmp(ty: KeyCol['ty'], a: Cell, b: Cell): number {
  if (ty === 's') return a < b ? -1 : a > b ? 1 : 0;
  if (ty === 'f') {
    const x = a as number, y = b as number;
    if (Number.isNaN(x) || Number.isNaN(y)) return Number(!Number.isNaN(x)) - Number(!Number.isNaN(y));
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
/** The value q groups by (0n and -0 are one group each way of writing them). */
const norm = (ty: KeyCol['ty'], x: Cell): string => (ty === 'f' ? (Number.isNaN(x as number) ? 'nan' : String((x as number) + 0)) : String(x));

/** Groups by hand: ascending by key tuple, rows in row order. */
function groupsByHand(cols: KeyCol[], n: number): number[][] {
  const m = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const k = cols.map((c) => norm(c.ty, c.v[i])).join('\u0001');
    let g = m.get(k);
    if (!g) { g = []; m.set(k, g); }
    g.push(i);
  }
  const gs = [...m.values()];
  gs.sort((x, y) => {
    for (const c of cols) { const r = cmp(c.ty, c.v[x[0]], c.v[y[0]]); if (r) return r; }
    return 0;
  });
  return gs;
}

/** A q table of the key columns (named k0 k1 …) plus v, a long column 0 1 2 …. */
function table(cols: KeyCol[], n: number): K {
  const parts = cols.map((c, j) => {
    const name = `k${j}`;
    switch (c.ty) {
      case 's': return [name, '`$', K.from(c.v as string[])] as const;
      case 'j': return [name, '', K.from(BigInt64Array.from(c.v as bigint[]))] as const;
      case 'i': return [name, '', K.from(Int32Array.from(c.v as number[]))] as const;
      case 'd': return [name, '`date$', K.from(Int32Array.from(c.v as number[]))] as const;
      case 'f': return [name, '', K.from(Float64Array.from(c.v as number[]))] as const;
      case 'h': return [name, '`short$', K.from(Int32Array.from(c.v as number[]))] as const;
      case 'c': return [name, '`char$', K.from(Int32Array.from(c.v as number[]))] as const;
      case 'b': return [name, '0<', K.from(Int32Array.from(c.v as number[]))] as const;
    }
  });
  const body = parts.map(([name, f], j) => `${name}:${f}x ${j}`).join(';');
  const args = K.from(parts.map((p) => p[2]));
  const v = K.from(BigInt64Array.from({ length: n }, (_, i) => BigInt(i)));
  try {
    if (!parts.length) return q('{([] v:y)}', args, v);
    return q(`{([] ${body}; v:y)}`, args, v);
  } finally { args.dispose(); v.dispose(); parts.forEach((p) => p[2].dispose()); }
}

const rowsOf = (k: K): number[] => Array.from(k.data as BigInt64Array, Number);

/** select by the key columns equals grouping by hand: keys, counts, first/last rows, the rows themselves. */
function check(cols: KeyCol[], n: number, withRows = true): void {
  const t = table(cols, n);
  const by = cols.map((_, j) => `k${j}`).join(',');
  const want = groupsByHand(cols, n);
  const r = q(`{select c:count i, f:first v, l:last v, s:sum v by ${by} from x}`, t);
  expect(r.count).toBe(want.length);
  const vals = r.values;
  expect(rowsOf(vals.col('f'))).toEqual(want.map((g) => g[0]));
  expect(rowsOf(vals.col('l'))).toEqual(want.map((g) => g[g.length - 1]));
  expect(rowsOf(vals.col('c'))).toEqual(want.map((g) => g.length));
  expect(rowsOf(vals.col('s'))).toEqual(want.map((g) => g.reduce((a, b) => a + b, 0)));
  // the key columns are the first row's keys of each group
  const firsts = K.from(BigInt64Array.from(want.map((g) => BigInt(g[0]))));
  const keysAt = q(`{(enlist[${cols.map((_, j) => '`k' + j).join(';')}])#x y}`, t, firsts);
  expect(q.match(r.keys, keysAt).toJS()).toBe(true);
  if (withRows) {
    // the rows of each group, in row order (the per-group path and its group order)
    const g = q(`{select r:{x} v by ${by} from x}`, t);
    const lists = g.values.col('r');
    expect(lists.count).toBe(want.length);
    want.forEach((rows, k) => { const it = lists.item(k); expect(rowsOf(it)).toEqual(rows); });
  }
  firsts.dispose();
}

function col(ty: KeyCol['ty'], n: number, r: (m: number) => number, spread: number, nulls = true): KeyCol {
  const isNull = () => nulls && r(10) === 0;
  const v: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const x = r(spread);
    switch (ty) {
      case 's': v.push(isNull() ? '' : 'n' + (x * 7919 % spread).toString(36)); break;
      case 'j': v.push(isNull() ? NJ : BigInt(x) * 1000003n - 5000n); break;
      case 'i': v.push(isNull() ? NI : x - 50); break;
      case 'd': v.push(isNull() ? NI : 7000 + x); break;
      case 'f': v.push(isNull() ? NaN : r(7) === 0 ? -0 : x === 0 ? 0 : (x - spread / 2) / 4); break;
      case 'h': v.push(isNull() ? NH : x - 20); break;
      case 'c': v.push(97 + (x % 26)); break;
      case 'b': v.push(x & 1); break;
    }
  }
  return { ty, v };
}

const TYPES: KeyCol['ty'][] = ['s', 'j', 'd', 'f', 'h', 'c', 'b', 'i'];

describe('the group index of a by equals grouping by hand', () => {
  it('symbol, long, date, float, short, char, boolean and int keys mixed, with nulls', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 300 }), fc.array(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 4 }),
      fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 40 }), (n, tys, seed, spread) => {
        const r = rng(seed);
        check(tys.map((ty) => col(ty, n, r, spread)), n);
      }), { numRuns: 60 });
  });
  it('one row, no rows, one key value', () => {
    for (const ty of TYPES) {
      const r = rng(7);
      check([col(ty, 1, r, 5)], 1);
      check([col(ty, 0, r, 5), col('s', 0, r, 5)], 0);
      check([col(ty, 50, r, 1, false), col('j', 50, r, 1, false)], 50);
    }
    // longs in a small range (numbered through a direct table), negative and positive
    const r = rng(17);
    check([{ ty: 'j', v: Array.from({ length: 500 }, () => BigInt(r(40) - 20)) }, col('s', 500, r, 3)], 500);
  });
  it('many keys (eight columns, each type)', () => {
    const r = rng(99);
    check(TYPES.map((ty) => col(ty, 2000, r, 4)), 2000, false);
  });
  it('wide key ranges fall back to hashing; few combinations of them are numbered directly', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (seed) => {
      const r = rng(seed), n = 3000;
      const pool = Array.from({ length: 20 }, () => BigInt(r(2 ** 30)) * BigInt(r(2 ** 30)) - (1n << 58n));
      const a: KeyCol = { ty: 'j', v: Array.from({ length: n }, () => (r(15) === 0 ? NJ : pool[r(20)])) };
      const b: KeyCol = { ty: 'i', v: Array.from({ length: n }, () => (r(9) === 0 ? NI : r(2 ** 31 - 2) - 2 ** 30)) };
      check([a], n);
      check([a, col('s', n, r, 6)], n);
      check([col('d', n, r, 3), a, b], n, false);
    }), { numRuns: 4 });
  });
  it('composites over a large product with few groups (hashed), many groups (graded)', () => {
    const r = rng(5), n = 5000;
    // correlated keys: a million combinations possible, a thousand present
    const a = Array.from({ length: n }, () => r(1000));
    check([{ ty: 'j', v: a.map(BigInt) }, { ty: 'i', v: a.map((x) => 999 - x) }, { ty: 's', v: a.map((x) => 'x' + (x % 3)) }], n, false);
    // independent keys: nearly every row its own group
    check([col('i', n, r, 1000), col('j', n, r, 1000), col('s', n, r, 1000)], n, false);
  });
  it('keys whose product passes 2^62 are renumbered on the way', () => {
    const r = rng(11), n = 20000;
    const wide = (): KeyCol => ({ ty: 'j', v: Array.from({ length: n }, () => BigInt(r(2 ** 30)) * 4096n + BigInt(r(3))) });
    check([wide(), wide(), wide(), wide(), wide(), col('s', n, r, 3)], n, false);
    // every row in one of four groups, whatever the other keys' cardinality
    const big = Array.from({ length: n }, (_, i) => BigInt(i % 4) * 123456789012n);
    check([{ ty: 'j', v: big }, { ty: 'j', v: big.map((x) => -x) }, wide(), { ty: 'j', v: big }, wide(), wide(), wide()], n, false);
  });
  it('update … by and fby see the same groups', () => {
    const r = rng(3), n = 400;
    const cols = [col('s', n, r, 5), col('f', n, r, 4), col('d', n, r, 3)];
    const t = table(cols, n);
    const u = q('{update m:max v, c:count i by k0,k1,k2 from x}', t);
    const want = groupsByHand(cols, n);
    const m = new Array<number>(n), c = new Array<number>(n);
    for (const g of want) for (const i of g) { m[i] = g[g.length - 1]; c[i] = g.length; }
    expect(rowsOf(u.col('m'))).toEqual(m);
    expect(rowsOf(u.col('c'))).toEqual(c);
    const f = q('{exec v from x where v=(max;v) fby ([] k0;k1;k2)}', t);
    expect(rowsOf(f)).toEqual(want.map((g) => g[g.length - 1]).sort((x, y) => x - y));
  });
});

describe('group (the primitive) on wide and large vectors', () => {
  const byHand = (xs: ArrayLike<unknown>): [unknown, number[]][] => {
    const m = new Map<unknown, number[]>();
    for (let i = 0; i < xs.length; i++) { let l = m.get(xs[i]); if (!l) { l = []; m.set(xs[i], l); } l.push(i); }
    return [...m.entries()];
  };
  const checkGroup = (x: K, xs: ArrayLike<unknown>): void => {
    const g = q.group(x);
    const want = byHand(xs);
    expect(Array.from(g.keys.data as ArrayLike<unknown>)).toEqual(want.map(([k]) => k));
    const v = g.values;
    expect(v.count).toBe(want.length);
    want.forEach(([, rows], j) => { const it = v.item(j); expect(rowsOf(it)).toEqual(rows); it.dispose(); });
    [g, v].forEach((k) => k.dispose());
  };
  it('longs and ints with thousands of distinct values (the hash table grows), nulls among them', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 20000 }), (seed, spread) => {
      const r = rng(seed), n = 30000;
      const j = BigInt64Array.from({ length: n }, () => (r(50) === 0 ? NJ : BigInt(r(spread)) * 3000000019n - 7n));
      const i = Int32Array.from({ length: n }, () => (r(50) === 0 ? NI : r(spread) - 10000));
      const xj = K.from(j), xi = K.from(i);
      checkGroup(xj, j);
      checkGroup(xi, i);
      xj.dispose(); xi.dispose();
    }), { numRuns: 3 });
  });
  it('symbols, and empty and one-item vectors', () => {
    const r = rng(4);
    const s = Array.from({ length: 5000 }, () => (r(20) === 0 ? '' : 's' + r(3000)));
    const xs = K.from(s);
    const g = q.group(xs);
    expect(g.keys.toJS()).toEqual(byHand(s).map(([k]) => k));
    g.dispose(); xs.dispose();
    for (const x of [K.from(new BigInt64Array(0)), K.from(new Int32Array(0)), K.from(BigInt64Array.from([5n])), K.from(Int32Array.from([NI]))]) {
      checkGroup(x, x.data as ArrayLike<unknown>);
      x.dispose();
    }
  });
});

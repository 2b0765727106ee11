// Property tests for the grouped kernels of assembly/kernels/groupagg.ts (med,
// wsum, wavg, cov, scov, cor, exact int/short/boolean sums in a `by`): each
// equals the TypeScript per-group reference (test/ref/groupagg.ts) and the
// per-group fallback (the same aggregate inside a lambda, which is no kernel),
// on random tables with nulls, infinities, one row and no rows; the kernels
// called directly give q's empty-group answers. Leaks are checked after every
// test (test/setup.ts).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K } from '../src/index.js';
import { kernel } from '../src/runtime.js';
import * as ref from './ref/groupagg.js';
import { groups, NJ } from './ref/qsql.js';

const NI = -2147483648, NH = -32768;

interface Tab { n: number; k: bigint[]; i: number[]; h: number[]; b: boolean[]; v: number[]; w: number[] }

const arbInt = fc.oneof({ weight: 1, arbitrary: fc.constant(NI) }, { weight: 1, arbitrary: fc.constantFrom(2147483647, -2147483647) },
  { weight: 8, arbitrary: fc.integer({ min: -1000, max: 1000 }) });
const arbShort = fc.oneof({ weight: 1, arbitrary: fc.constant(NH) }, { weight: 1, arbitrary: fc.constantFrom(32767, -32767) },
  { weight: 8, arbitrary: fc.integer({ min: -100, max: 100 }) });
const arbFloat = fc.oneof({ weight: 1, arbitrary: fc.constant(NaN) }, { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity) },
  { weight: 8, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) });
const arbKey = fc.oneof({ weight: 1, arbitrary: fc.constant(NJ) }, { weight: 8, arbitrary: fc.bigInt({ min: 0n, max: 4n }) });

function arbTab(maxRows: number): fc.Arbitrary<Tab> {
  return fc.integer({ min: 0, max: maxRows }).chain((n) => {
    const a = <T>(x: fc.Arbitrary<T>) => fc.array(x, { minLength: n, maxLength: n });
    return fc.record({ n: fc.constant(n), k: a(arbKey), i: a(arbInt), h: a(arbShort), b: a(fc.boolean()), v: a(arbFloat), w: a(arbFloat) });
  });
}

const mk = (t: Tab): K => q.table({
  k: BigInt64Array.from(t.k), i: Int32Array.from(t.i), h: Int16Array.from(t.h),
  b: q('{`boolean$x}', K.from(Int32Array.from(t.b.map((x) => (x ? 1 : 0))))), v: Float64Array.from(t.v), w: Float64Array.from(t.w),
});

const col = (r: K, name: string): unknown[] => Array.from(r.col(name).data as ArrayLike<unknown>);
const same = (a: number, b: number): boolean => (Number.isNaN(a) && Number.isNaN(b)) || a === b;
const f = (x: number, nul: number): number => (x === nul ? NaN : x);

function check(t: Tab): void {
  const tk = mk(t);
  const fast = q`select si:sum i, sh:sum h, sb:sum b, mi:med i, mh:med h, mv:med v, ws:w wsum v, wa:w wavg v, wi:i wavg v,
    cv:v cov w, sc:v scov w, cr:v cor w, ci:i cor h by k from ${tk}`;
  const gs = groups(t.k, Array.from({ length: t.n }, (_, j) => j));
  const val = fast.values;
  expect(col(fast.keys, 'k')).toEqual(gs.map((g) => g.key));
  gs.forEach((g, j) => {
    const pick = <T>(xs: T[]) => g.rows.map((r) => xs[r]);
    const i = pick(t.i).map((x) => f(x, NI)), h = pick(t.h).map((x) => f(x, NH)), v = pick(t.v), w = pick(t.w);
    expect(col(val, 'si')[j]).toBe(ref.sumI(i));
    expect(col(val, 'sh')[j]).toBe(ref.sumI(h));
    expect(col(val, 'sb')[j]).toBe(pick(t.b).filter(Boolean).length);
    const eq = (c: string, want: number) => expect(same(col(val, c)[j] as number, want), `${c} group ${j}`).toBe(true);
    eq('mi', ref.med(i)); eq('mh', ref.med(h)); eq('mv', ref.med(v));
    eq('ws', ref.wsum(w, v)); eq('wa', ref.wavg(w, v)); eq('wi', ref.wavg(i, v));
    eq('cv', ref.cov(v, w).cov); eq('sc', ref.scov(v, w)); eq('cr', ref.cor(v, w)); eq('ci', ref.cor(i, h));
  });
  // the fallback applies the plain aggregates group by group: the same table, types and all
  const slow = q`select si:{sum x} i, sh:{sum x} h, sb:{sum x} b, mi:{med x} i, mh:{med x} h, mv:{med x} v, ws:{x wsum y}[w;v],
    wa:{x wavg y}[w;v], wi:{x wavg y}[i;v], cv:{x cov y}[v;w], sc:{x scov y}[v;w], cr:{x cor y}[v;w], ci:{x cor y}[i;h] by k from ${tk}`;
  expect(q.match(fast, slow).toJS()).toBe(true);
  // and update … by spreads the same values over each group's rows
  const up = q`update m:med v, s:sum i, c:v cor w by k from ${tk}`;
  const up1 = q`update m:{med x} v, s:{sum x} i, c:{x cor y}[v;w] by k from ${tk}`;
  expect(q.match(up, up1).toJS()).toBe(true);
  // aggregates under atomic functions with constants ((v cor w) xexp 2, as db-benchmark's q9):
  // kernels first, then the expression once over the per-group values
  const ex = q`select r2:(v cor w) xexp 2, p:(sum i)+2, d:(max v)-2f, m:2*med h by k from ${tk}`;
  const ex1 = q`select r2:{(x cor y) xexp 2}[v;w], p:{(sum x)+2} i, d:{(max x)-2f} v, m:{2*med x} h by k from ${tk}`;
  expect(q.match(ex, ex1).toJS()).toBe(true);
}

describe('grouped med, wsum, wavg, cov, scov, cor and int sums equal per-group references', () => {
  it('random tables with nulls and infinities', () => {
    fc.assert(fc.property(arbTab(40), check), { numRuns: 60 });
  });
  it('one row, and no rows', () => {
    check({ n: 1, k: [2n], i: [NI], h: [7], b: [true], v: [NaN], w: [Infinity] });
    check({ n: 1, k: [NJ], i: [3], h: [NH], b: [false], v: [-Infinity], w: [2] });
    const t = mk({ n: 0, k: [], i: [], h: [], b: [], v: [], w: [] });
    expect(q`select med v, sum i, w wavg v by k from ${t}`.count).toBe(0);
  });
  it('2e4 rows, a few groups', () => {
    let s = 7;
    const rnd = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
    const n = 20000;
    const t: Tab = { n, k: [], i: [], h: [], b: [], v: [], w: [] };
    for (let j = 0; j < n; j++) {
      t.k.push(BigInt(Math.floor(rnd() * 7)));
      t.i.push(rnd() < 0.05 ? NI : Math.floor(rnd() * 2e9 - 1e9));
      t.h.push(rnd() < 0.05 ? NH : Math.floor(rnd() * 200 - 100));
      t.b.push(rnd() < 0.5);
      t.v.push(rnd() < 0.05 ? NaN : rnd() * 100);
      t.w.push(rnd() < 0.05 ? NaN : rnd());
    }
    check(t);
  });
});

describe('the kernels on groups with no rows', () => {
  it('med is 0n, int sums 0, wsum 0, wavg and cov 0n', () => {
    // rows in groups 0 and 2 of 4: groups 1 and 3 are empty
    const gid = q('`int$0 2 0 2 0');
    const x = K.from(Float64Array.from([1, 5, NaN, 2, 3]));
    const xi = q('1 5 0N 2 3i');
    const out = q('4#0n'), sums = q('4#0i'), cnt = q('9#0i'), buf = q('5#0n'), acc = q('24#0n');
    const p = (k: K) => k.ptr + 16;
    kernel('gmed_F')(p(x), p(gid), 5, 4, p(out), p(cnt), p(buf));
    expect(Array.from(out.data as Float64Array)).toEqual([1, NaN, 3.5, NaN]);
    kernel('gsumn_I')(p(xi), p(gid), 5, 4, p(sums));
    expect(Array.from(sums.data as Int32Array)).toEqual([4, 0, 7, 0]);
    kernel('gwsum_F')(p(x), p(x), p(gid), 5, 4, p(out));
    expect(Array.from(out.data as Float64Array)).toEqual([10, 0, 29, 0]);
    kernel('gcov_F')(p(x), p(x), p(gid), 5, 4, p(acc));
    const a = acc.data as Float64Array;
    expect([a[6], a[7], a[18], a[19]].map(Number.isNaN)).toEqual([true, false, true, false]);
    expect(a[7]).toBe(0);
    [gid, x, xi, out, sums, cnt, buf, acc].forEach((k) => k.dispose());
  });
});

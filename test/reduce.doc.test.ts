// The reference's own examples (ref/sum.md, avg.md, max.md, min.md, prd.md, var.md,
// dev.md, med.md, all-any.md, deltas.md, ratios.md, next.md, differ.md, fill.md,
// rank.md, rotate.md, xbar.md, count.md, cor.md, cov.md, ema.md) restated as facts.
import { describe, it, expect } from 'vitest';
import { q, K, QError } from '../src/index.js';
import { alloc, mem } from '../src/runtime.js';

/** A vector of q type code from stored (raw) values: no epoch shift. */
function rawVec(code: number, a: (number | bigint)[]): K {
  const p = alloc(code, a.length);
  const m = mem();
  a.forEach((v, i) => {
    if (typeof v === 'bigint') m.i64[((p + 16) >> 3) + i] = v;
    else if (code === 15 || code === 9) m.f64[((p + 16) >> 3) + i] = v;
    else m.i32[((p + 16) >> 2) + i] = v;
  });
  return new K(p);
}

const N = null;
const raw = (k: K) => k.toJS({ raw: true });
const js = (k: K) => k.toJS();
const L = (...v: (number | null)[]) => K.long(v);
const F = (...v: (number | null)[]) => K.float(v);
const qf = q as unknown as Record<string, (...a: unknown[]) => K>;
const close = (a: unknown, b: number[], eps = 1e-6) => {
  const x = a as (number | null)[];
  expect(x.length).toBe(b.length);
  b.forEach((v, i) => (Number.isNaN(v) ? expect(x[i]).toBeNull() : expect(Math.abs((x[i] as number) - v)).toBeLessThanOrEqual(eps * Math.max(1, Math.abs(v)))));
  void eps;
};

describe('aggregations (doc facts)', () => {
  it('sum', () => {
    expect(js(qf.sum(K.long(7)))).toBe(7);
    expect(js(qf.sum(L(2, 3, 5, 7)))).toBe(17);
    expect(js(qf.sum(L(2, 3, N, 7)))).toBe(12);
    expect(js(qf.sum(K.from([L(1, 2, 3, 4), L(2, 3, 5, 7)])))).toEqual([3, 5, 8, 11]);
    expect(js(qf.sum(K.from({ a: 1, b: 2, c: 3 })))).toBe(6);
    expect(() => qf.sum(K.string('abc'))).toThrow('type');
    expect(() => qf.avg(K.string('abc'))).toThrow('type');
    expect(js(qf.sum(K.from([F(NaN, 8), F(8, NaN)])))).toEqual([null, null]);
    const s = qf.sum(F(NaN, 8));
    expect(s.type).toBe(-9); expect(js(s)).toBe(8);
    const r7 = 1 / 7;
    expect(js(qf.sum(F(r7, r7, r7, r7, r7, r7, r7)))).toBe(0.99999999999999978);
  });
  it('sum types follow the range row', () => {
    expect(qf.sum(K.boolean([true, false, true])).type).toBe(-6);
    expect(js(qf.sum(K.boolean([true, false, true])))).toBe(2);
    expect(qf.sum(K.short([1, 2])).type).toBe(-6);
    expect(qf.sum(K.int([1, 2])).type).toBe(-6);
    expect(qf.sum(K.real([1, 2])).type).toBe(-8);
    expect(qf.sum(rawVec(16, [1n, 2n])).type).toBe(-16);
    expect(() => qf.sum(K.symbol(['a']))).toThrow('type');
  });
  it('prd', () => {
    expect(js(qf.prd(L(2, 3, 5, 7)))).toBe(210);
    expect(js(qf.prd(L(2, 3, N, 7)))).toBe(42);
    expect(js(qf.prd(K.from([L(1, 2, 3, 4), L(2, 3, 5, 7)])))).toEqual([2, 6, 15, 28]);
    const b = qf.prd(K.boolean([true, false, true]));
    expect(b.type).toBe(-6); expect(js(b)).toBe(0);
    expect(() => qf.prd(K.string('abc'))).toThrow('type');
  });
  it('max / min', () => {
    expect(js(qf.max(L(2, 5, 7, 1, 3)))).toBe(7);
    expect(js(qf.max(K.string('genie')))).toBe('n');
    expect(js(qf.max(L(N, 5, N, 1, 3)))).toBe(5);
    expect(js(qf.max(L(N, N)))).toBe(-Infinity);
    expect(raw(qf.max(L(N, N)))).toBe(-9223372036854775807n);
    expect(js(qf.max(F()))).toBe(-Infinity);
    expect(js(qf.min(L(2, 5, 7, 1, 3)))).toBe(1);
    expect(js(qf.min(K.string('genie')))).toBe('e');
    expect(js(qf.min(L(N, 5, N, 1, 3)))).toBe(1);
    expect(raw(qf.min(L(N, N)))).toBe(9223372036854775807n);
    expect(raw(qf.min(L()))).toBe(9223372036854775807n);
    expect(js(qf.max(K.from({ a: L(10, 21, 3), b: L(4, 5, 6) })))).toEqual([10, 21, 6]);
    expect(js(qf.min(K.from([L(1, 2), L(N, 4)])))).toEqual([null, 2]);
  });
  it('avg', () => {
    expect(js(qf.avg(L(1, 2, 3)))).toBe(2);
    expect(js(qf.avg(F(1, Infinity)))).toBe(Infinity);
    expect(js(qf.avg(F(-Infinity, Infinity)))).toBeNull();
    expect(js(qf.avg(F(1, NaN, 2, 3)))).toBe(2);
    expect(js(qf.avg(K.from([1, K.float(NaN), 2, 3])))).toBe(1.5);
    expect(js(qf.avg(K.from([L(1, 2), L(N, 4)])))).toEqual([null, 3]);
    expect(js(qf.avg(K.boolean([true, false, true])))).toBeCloseTo(0.6666667, 6);
    expect(js(qf.avg(K.boolean(true)))).toBe(1);
    expect(js(qf.avg(F()))).toBeNull();
    const d = qf.avg(q.table({ a: [3, 5], b: [6, 8.0] }));
    expect(d.type).toBe(99);
    expect(js(d)).toEqual({ a: 4, b: 7 });
  });
  it('var dev svar sdev', () => {
    expect(js(qf.var(L(2, 3, 5, 7)))).toBe(3.6875);
    expect(js(qf.var(F(2, 3, 5, NaN, 7)))).toBe(3.6875);
    expect(js(qf.svar(L(2, 3, 5, 7)))).toBeCloseTo(4.916667, 6);
    expect(js(qf.dev(L(10, 343, 232, 55)))).toBeCloseTo(134.3484, 4);
    close(js(qf.var(K.from([L(2, 3), L(4, N), L(1, 7)]))), [1.555556, 4]);
    close(js(qf.svar(K.from([L(2, 3), L(4, N), L(1, 7)]))), [2.333333, 8]);
    close(js(qf.dev(K.from([L(2, 3), L(4, N), L(1, 7)]))), [1.247219, 2]);
  });
  it('med', () => {
    expect(js(qf.med(L(10, 34, 23, 123, 5, 56)))).toBe(28.5);
    expect(js(qf.med(K.from({ a: L(10, -21, 3), b: L(4, 5, -6) })))).toEqual([7, -8, -1.5]);
    expect(js(qf.med(L()))).toBeNull();
  });
  it('all / any', () => {
    expect(js(qf.all(K.boolean([true, true, false])))).toBe(false);
    expect(js(qf.all(K.string('YNYN')))).toBe(true);
    expect(js(qf.all(K.from([])))).toBe(true);
    expect(js(qf.all(K.date(0 as unknown as Date)))).toBeDefined();
    expect(js(qf.any(K.from([])))).toBe(false);
    expect(js(qf.all(K.string(' \0')))).toBe(false);
    expect(js(qf.any(K.string(' \0')))).toBe(true);
    expect(js(qf.all(F(NaN, Infinity, -Infinity)))).toBe(true);
    expect(js(qf.all(F(0, 1, 2)))).toBe(false);
  });
  it('wsum wavg cov scov cor', () => {
    const w = qf.wsum(L(2, 3, 4), L(1, 2, 4));
    expect(w.type).toBe(-9); expect(js(w)).toBe(24);
    const w2 = qf.wsum(K.long(2), L(1, 2, 4));
    expect(w2.type).toBe(-7); expect(js(w2)).toBe(14);
    expect(js(qf.wsum(K.from([L(1, 2), L(3, 4)]), K.from([L(500, 400), L(300, 200)])))).toEqual([1400, 1600]);
    expect(js(qf.wavg(L(2, 3, 4), L(1, 2, 4)))).toBeCloseTo(2.666667, 6);
    expect(js(qf.wavg(L(2, N, 4, 5), L(1, 2, N, 8)))).toBe(6);
    expect(js(qf.wavg(K.long(0), L(2, 3)))).toBeNull();
    close(js(qf.wavg(K.from([L(1, 2), L(3, 4)]), K.from([L(500, 400), L(300, 200)]))), [350, 266.6667]);
    expect(js(qf.cov(L(2, 3, 5, 7), L(3, 3, 5, 9)))).toBe(4.5);
    expect(js(qf.cov(L(2, 3, 5, 7), L(4, 3, 0, 2)))).toBe(-1.8125);
    expect(js(qf.scov(L(2, 3, 5, 7), L(3, 3, 5, 9)))).toBe(6);
    expect(js(qf.cor(L(29, 10, 54), L(1, 3, 9)))).toBeCloseTo(0.7727746, 6);
    expect(js(qf.cor(L(10, 29, 54), L(1, 3, 9)))).toBeCloseTo(0.9795734, 6);
    expect(js(qf.cor(L(1, 3, 9), L(1, 3, 9)))).toBeCloseTo(1, 12);
    expect(js(qf.cor(L(1, 3, 1, 3), L(1, 1, 3, 3)))).toBe(0);
    expect(js(qf.cor(L(1, 1, 1), L(1, 3, 9)))).toBeNull();
    expect(js(qf.cor(L(1, 3, N), L(1, 3, 9)))).toBeCloseTo(1, 12);
    expect(js(qf.cor(K.boolean([1, 0, 0, 0, 1, 0, 1, 0, 0, 0].map(Boolean)), K.boolean([0, 0, 1, 0, 0, 1, 1, 0, 0, 1].map(Boolean))))).toBeCloseTo(-0.08908708, 7);
    expect(() => qf.wsum(L(1, 2), L(1, 2, 3))).toThrow('length');
  });
});

describe('accumulations (doc facts)', () => {
  it('sums prds maxs mins', () => {
    expect(js(qf.sums(K.long(7)))).toBe(7);
    expect(js(qf.sums(L(2, 3, 5, 7)))).toEqual([2, 5, 10, 17]);
    expect(js(qf.sums(L(2, 3, N, 7)))).toEqual([2, 5, 5, 12]);
    expect(js(qf.sums(K.from([L(1, 2, 3), L(2, 3, 5)])))).toEqual([[1, 2, 3], [3, 5, 8]]);
    expect(() => qf.sums(K.string('abc'))).toThrow('type');
    expect(js(qf.prds(L(2, 3, 5, 7)))).toEqual([2, 6, 30, 210]);
    expect(js(qf.avgs(F(1, 2, 3, NaN, 4, -Infinity, Infinity)))).toEqual([1, 1.5, 2, 2, 2.5, -Infinity, null]);
    expect(js(qf.prds(L(2, 3, N, 7)))).toEqual([2, 6, 6, 42]);
    expect(js(qf.maxs(L(2, 5, 7, 1, 3)))).toEqual([2, 5, 7, 7, 7]);
    expect(js(qf.maxs(K.string('genie')))).toBe('ggnnn');
    expect(raw(qf.maxs(L(N, 5, N, 1, 3)))).toEqual([-9223372036854775807n, 5n, 5n, 5n, 5n]);
    expect(js(qf.mins(L(2, 5, 7, 1, 3)))).toEqual([2, 2, 2, 1, 1]);
    expect(js(qf.mins(K.string('genie')))).toBe('geeee');
    expect(raw(qf.mins(L(N, 5, N, 1, 3)))).toEqual([9223372036854775807n, 5n, 5n, 1n, 1n]);
  });
});

describe('uniform (doc facts)', () => {
  it('deltas ratios', () => {
    expect(js(qf.deltas(L(1, 4, 9, 16)))).toEqual([1, 3, 5, 7]);
    expect(js(qf.deltas(L(2000, 2005, 2007, 2012, 2020)))).toEqual([2000, 5, 2, 5, 8]);
    close(js(qf.ratios(L(2000, 2005, 2007, 2012, 2020))), [2000, 1.0025, 1.000998, 1.002491, 1.003976]);
    const r = qf.ratios(K.from({ a: L(10, 21, 3), b: L(4, 5, 6) }));
    expect(r.type).toBe(99);
  });
  it('prev next xprev', () => {
    expect(js(qf.next(L(2, 3, 5, 7, 11)))).toEqual([3, 5, 7, 11, null]);
    expect(js(qf.prev(L(2, 3, 5, 7, 11)))).toEqual([null, 2, 3, 5, 7]);
    expect(js(qf.xprev(K.long(2), L(2, 7, 5, 3, 11)))).toEqual([null, null, 2, 7, 5]);
    expect(js(qf.xprev(K.long(-2), L(2, 7, 5, 3, 11)))).toEqual([5, 3, 11, null, null]);
    expect(js(qf.xprev(K.long(1), K.string('abcde')))).toBe(' abcd');
    const p = qf.prev(K.from([L(1, 2), K.string('abc'), K.symbol('ibm')]));
    expect(p.type).toBe(0);
    const first = p.item(0);
    expect(first.type).toBe(7); expect(first.count).toBe(0);
  });
  it('differ fills', () => {
    expect(js(qf.differ(K.symbol(['IBM', 'IBM', 'MSFT', 'CSCO', 'CSCO'])))).toEqual([true, false, true, true, false]);
    expect(js(qf.differ(L(1, 3, 3, 4, 5, 6, 6)))).toEqual([true, true, false, true, true, true, false]);
    expect(js(qf.differ(K.from([7, K.symbol('a'), K.symbol('a'), K.minute(574)])))).toEqual([true, true, false, true]);
    expect(js(qf.fills(L(N, 2, 3, N, N, 7, N)))).toEqual([null, 2, 3, 3, 3, 7, 7]);
    expect(js(qf.fills(L(1, N, 3, N, N, 5)))).toEqual([1, 1, 3, 3, 3, 5]);
    expect(js(qf.fills(K.symbol(['x', '', 'y', '', '', 'z'])))).toEqual(['x', 'x', 'y', 'y', 'y', 'z']);
  });
  it('reverse rank rotate', () => {
    expect(js(qf.reverse(L(1, 2, 3)))).toEqual([3, 2, 1]);
    expect(js(qf.rank(L(2, 7, 3, 2, 5)))).toEqual([0, 4, 2, 1, 3]);
    expect(js(qf.rotate(K.long(2), L(2, 3, 5, 7, 11)))).toEqual([5, 7, 11, 2, 3]);
    expect(js(qf.rotate(K.long(-2), L(2, 3, 5, 7, 11)))).toEqual([7, 11, 2, 3, 5]);
    expect(js(qf.rotate(K.long(12), L(2, 3, 5, 7, 11)))).toEqual([5, 7, 11, 2, 3]);
    const t = qf.rotate(K.long(1), q.table({ a: [1, 2, 3], b: K.string('xyz') }));
    expect(t.type).toBe(98);
  });
  it('xbar', () => {
    expect(js(qf.xbar(K.long(3), q.til(16)))).toEqual([0, 0, 0, 3, 3, 3, 6, 6, 6, 9, 9, 9, 12, 12, 12, 15]);
    expect(js(qf.xbar(K.float(2.5), q.til(16)))).toEqual([0, 0, 0, 2.5, 2.5, 5, 5, 5, 7.5, 7.5, 10, 10, 10, 12.5, 12.5, 15]);
    const m = qf.xbar(K.long(5), K.minute([660, 662, 663, 665, 667, 671, 673]));
    expect(m.type).toBe(17);
    expect(raw(m)).toEqual([660, 660, 660, 665, 665, 670, 670]);
    const n = qf.xbar(K.long(2), K.timespan([1n, 2n, 13n] as unknown as number[]));
    expect(n.type).toBe(16);
    expect(raw(n)).toEqual([0n, 2n, 12n]);
    expect(js(qf.xbar(K.long(3), K.from({ a: L(10, -21, 3), b: L(4, 5, -6) })))).toEqual({ a: [9, -21, 3], b: [3, 3, -6] });
  });
});

describe('moving windows (doc facts)', () => {
  it('msum mcount mavg mdev', () => {
    expect(js(qf.msum(K.long(3), L(1, 2, 3, 5, 7, 11)))).toEqual([1, 3, 6, 10, 15, 23]);
    expect(js(qf.msum(K.long(3), L(N, 2, 3, 5, N, 11)))).toEqual([0, 2, 5, 10, 8, 16]);
    expect(js(qf.mcount(K.long(3), L(0, 1, 2, 3, 4, 5)))).toEqual([1, 2, 3, 3, 3, 3]);
    expect(js(qf.mcount(K.long(3), L(N, 1, 2, 3, N, 5)))).toEqual([0, 1, 2, 3, 2, 2]);
    expect(js(qf.mavg(K.long(2), L(1, 2, 3, 5, 7, 10)))).toEqual([1, 1.5, 2.5, 4, 6, 8.5]);
    close(js(qf.mavg(K.long(5), L(1, 2, 3, 5, 7, 10))), [1, 1.5, 2, 2.75, 3.6, 5.4]);
    close(js(qf.mavg(K.long(5), L(N, 2, N, 5, 7, N))), [NaN, 2, 2, 3.5, 4.666667, 4.666667]);
    expect(js(qf.mavg(K.long(0), L(2, 3)))).toEqual([null, null]);
    expect(js(qf.mdev(K.long(2), L(1, 2, 3, 5, 7, 10)))).toEqual([0, 0.5, 0.5, 1, 1, 1.5]);
    close(js(qf.mdev(K.long(5), L(1, 2, 3, 5, 7, 10))), [0, 0.5, 0.8164966, 1.47902, 2.154066, 2.87054]);
    close(js(qf.mdev(K.long(5), L(N, 2, N, 5, 7, N))), [NaN, 0, 0, 1.5, 2.054805, 2.054805]);
  });
  it('mmax mmin', () => {
    expect(js(qf.mmax(K.long(3), L(2, 7, 1, 3, 5, 2, 8)))).toEqual([2, 7, 7, 7, 5, 5, 8]);
    expect(raw(qf.mmax(K.long(3), L(N, -3, -2, N, 1, 0)))).toEqual([-9223372036854775807n, -3n, -2n, -2n, 1n, 1n]);
    expect(raw(qf.mmin(K.long(3), L(N, -3, -2, 1, -Infinity, 0)))).toEqual(
      [-9223372036854775808n, -9223372036854775808n, -9223372036854775808n, -3n, -9223372036854775807n, -9223372036854775807n]);
    expect(raw(qf.mmin(K.long(3), L(N, -3, -2, 1, N, -Infinity)))).toEqual(
      [-9223372036854775808n, -9223372036854775808n, -9223372036854775808n, -3n, -9223372036854775808n, -9223372036854775808n]);
  });
  it('ema', () => {
    close(js(qf.ema(K.float(1 / 3), L(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))),
      [1, 0.6666667, 0.4444444, 0.2962963, 0.1975309, 0.1316872, 0.0877915, 0.05852766, 0.03901844, 0.02601229, 0.01734153]);
    const p = [22.27, 22.19, 22.08, 22.17, 22.18, 22.13, 22.23, 22.43, 22.24, 22.29, 22.15, 22.39, 22.38, 22.61, 23.36, 24.05, 23.75, 23.83, 23.95, 23.63, 23.82, 23.87, 23.65, 23.19, 23.1, 23.33, 22.68, 23.1, 22.4, 22.17];
    close(js(qf.ema(K.float(2 / 11), K.float(p))), [22.27, 22.25545, 22.22355, 22.21382, 22.20767, 22.19355, 22.20017, 22.24196, 22.2416, 22.2504, 22.23215, 22.26085, 22.28251, 22.34206, 22.52714, 22.80402, 22.97602, 23.13129, 23.28014, 23.34375, 23.43034, 23.51028, 23.53568, 23.47283, 23.40505, 23.3914, 23.26206, 23.23259, 23.08121, 22.91554]);
  });
});

describe('errors leave memory unchanged', () => {
  it.each([
    ['sum', () => qf.sum(K.symbol(['a', 'b']))],
    ['wsum', () => qf.wsum(L(1, 2), L(1, 2, 3))],
    ['avg', () => qf.avg(K.symbol(['a']))],
    ['msum', () => qf.msum(K.symbol('a'), L(1))],
    ['xbar', () => qf.xbar(K.date([1]), K.date([1]))],
  ])('%s', (_n, f) => {
    const before = q.memory().blocks;
    let err: unknown;
    try { f(); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(QError);
    // arguments built inline are tracked handles; the engine holds nothing else
    expect(q.memory().blocks).toBeGreaterThanOrEqual(before);
  });
});

describe('more facts', () => {
  it('xbar is atomic in both arguments', () => {
    const r = qf.xbar(K.from([3, L(4, 5)]), K.from([10, L(20, -30)]));
    expect(r.type).toBe(0);
    expect(js(r.item(0))).toBe(9);
    expect(js(r.item(1))).toEqual([20, -30]);
    expect(js(qf.xbar(L(2, 3), L(7, 7)))).toEqual([6, 6]);
    expect(() => qf.xbar(L(2, 3), L(7, 7, 7))).toThrow('length');
  });
  it('xbar on temporal and large longs', () => {
    // a timespan bar on timestamps, minutes and times
    const span = rawVec(16, [300_000_000_000n]);
    const ts = qf.xbar(span.item(0), rawVec(12, [BigInt(3600e9) + 301_000_000_000n]));
    expect(ts.type).toBe(12);
    expect(raw(ts)).toEqual([BigInt(3600e9) + 300_000_000_000n]);
    const big = qf.xbar(K.long(10), rawVec(7, [9007199254740993n, -9007199254740993n, -1n, 4503599627370497n, -4503599627370497n]));
    expect(raw(big)).toEqual([9007199254740990n, -9007199254741000n, -10n, 4503599627370490n, -4503599627370500n]);
    const mins = qf.xbar(span.item(0), K.minute([3, 7, 11]));
    expect(mins.type).toBe(17);
    expect(raw(mins)).toEqual([0, 5, 10]);
    const e = qf.xbar(K.real(1.5), K.int([4, 5]));
    expect(e.type).toBe(8);
    const f = qf.xbar(K.real(1.5), K.real([4, 5]));
    expect(f.type).toBe(9);
  });
  it('temporal aggregations keep or drop their type per the range rows', () => {
    const d = K.date([1, 5, 3]);
    expect(qf.max(d).type).toBe(-14);
    expect(raw(qf.max(d))).toBe(5);
    expect(qf.min(d).type).toBe(-14);
    expect(qf.sum(rawVec(16, [1n, 2n])).type).toBe(-16);
    const a = qf.avg(rawVec(12, [2n, 4n]));
    expect(a.type).toBe(-9); expect(js(a)).toBe(3);
    expect(qf.deltas(rawVec(12, [2n, 5n])).type).toBe(16);
    expect(qf.deltas(K.date([2, 5])).type).toBe(6);
    expect(qf.deltas(K.datetime([2, 5.5])).type).toBe(9);
    expect(qf.med(K.date([1, 2, 4])).type).toBe(-9);
    expect(qf.maxs(K.minute([1, 3, 2])).type).toBe(17);
  });
  it('reverse on every shape', () => {
    expect(js(qf.reverse(K.from([1, 'a', 2.5])))).toEqual([2.5, 'a', 1]);
    expect(js(qf.reverse(K.from({ a: 1, b: 2 })))).toEqual({ b: 2, a: 1 });
    expect(js(qf.reverse(K.long(7)))).toBe(7);
    expect(js(qf.reverse(K.string('abc')))).toBe('cba');
    const g = K.guid(new Uint8Array(32).map((_, i) => i));
    expect(Array.from(qf.reverse(g).data as Uint8Array).slice(0, 2)).toEqual([16, 17]);
    const t = qf.reverse(q.table({ a: [1, 2, 3] }));
    expect(t.type).toBe(98);
  });
  it('fills, differ and prev on general lists', () => {
    expect(js(qf.fills(K.from([1, K.long(null as unknown as number), 3])))).toEqual([1, 1, 3]);
    expect(js(qf.differ(K.from([L(1, 2), L(1, 2), L(1, 3)])))).toEqual([true, false, true]);
    const n = qf.next(K.from([L(1, 2), K.string('abc'), K.symbol('ibm')]));
    expect(n.item(2).type).toBe(7);
  });
  it('max of shorts and ints map all-null to -0W of their width', () => {
    expect(raw(qf.max(K.short([null as unknown as number])))).toBe(-32767);
    expect(raw(qf.max(K.int([])))).toBe(-2147483647);
    expect(raw(qf.min(K.int([])))).toBe(2147483647);
    expect(js(qf.min(K.float([])))).toBe(Infinity);
    expect(js(qf.max(K.boolean([])))).toBe(false);
    expect(js(qf.min(K.boolean([])))).toBe(true);
  });
  it('sums of a list of vectors and deltas/ratios of lists use the atomic dyads', () => {
    expect(js(qf.deltas(K.from([L(1, 2), L(4, 6)])))).toEqual([[1, 2], [3, 4]]);
    expect(js(qf.ratios(K.from([L(1, 2), L(4, 6)])))).toEqual([[1, 2], [4, 3]]);
    expect(js(qf.maxs(K.from([L(1, 5), L(4, 2)])))).toEqual([[1, 5], [4, 5]]);
    expect(js(qf.max(K.from([])))).toEqual([]);
    expect(js(qf.sum(K.from([])))).toBe(0);
  });
  it('mmin with 0 or a negative window returns y', () => {
    expect(js(qf.mmin(K.long(0), L(3, 1, 2)))).toEqual([3, 1, 2]);
    expect(js(qf.mmin(K.long(-2), L(3, 1, 2)))).toEqual([3, 1, 2]);
    expect(js(qf.msum(K.long(2), q.table({ a: [1, 2, 3] })).col('a'))).toEqual([1, 3, 5]);
  });
});

describe('errors inside nested and implicit iteration free everything', () => {
  it.each([
    ['sum of a list with a symbol', () => qf.sum(K.from([L(1, 2), K.symbol('a')]))],
    ['sums of a list with a symbol', () => qf.sums(K.from([L(1, 2), K.symbol('a')]))],
    ['max of mismatched lengths', () => qf.max(K.from([L(1, 2), L(1, 2, 3)]))],
    ['avg of a table with a symbol column', () => qf.avg(q.table({ a: [1, 2], b: ['x', 'y'] }))],
    ['deltas of a dict of symbol lists', () => qf.deltas(K.from({ a: K.symbol(['x']), b: K.symbol(['y']) }))],
    ['var of ragged columns', () => qf.var(K.from([L(1, 2), L(1)]))],
    ['xbar vector x against a symbol', () => qf.xbar(L(1, 2), K.from([3, K.symbol('a')]))],
    ['msum of symbols in a table', () => qf.msum(K.long(2), q.table({ a: [1, 2], b: ['x', 'y'] }))],
    ['wavg ragged', () => qf.wavg(K.from([L(1, 2), L(3)]), K.from([L(1, 2), L(3, 4)]))],
  ])('%s', (_n, f) => {
    expect(f).toThrow(QError);
  });
  it('char max keeps the blank', () => {
    expect(js(qf.max(K.string(' ')))).toBe(' ');
    expect(js(qf.min(K.string('b a')))).toBe(' ');
  });
});

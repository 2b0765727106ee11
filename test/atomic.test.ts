// Unit tests: the q reference's own examples restated as facts, result-type
// grids cell by cell, errors, nesting, dictionaries, tables, methods, guards.
import { describe, it, expect } from 'vitest';
import { q, K } from '../src/index.js';
import * as G from '../src/ops/atomic/grids.js';
import { lookup } from '../src/ops/registry.js';
import { raw, items, code, CHARS } from './atomic_util.js';

const J = (k: K) => k.toJS({ raw: true });
const N = (k: K) => k.toJS();
const days = (s: string) => Math.round((Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) - Date.UTC(2000, 0, 1)) / 86400000);
const date = (...s: string[]) => raw(14, s.map(days), false);
const dateA = (s: string) => raw(14, [days(s)], true);
const ms = (h: number, m: number, s: number, f = 0) => ((h * 60 + m) * 60 + s) * 1000 + f;
const NJ = -(2n ** 63n), WJ = 2n ** 63n - 1n;
const NI = -2147483648, WI = 2147483647;
const close = (a: unknown, b: number[], d = 6) => (a as number[]).forEach((x, i) => (Number.isNaN(b[i]) ? expect(x ?? NaN).toBeNaN() : Math.abs(b[i]) === Infinity ? expect(x).toBe(b[i]) : expect(x).toBeCloseTo(b[i], d)));
const blocks = () => q.memory().blocks;

describe('Add, Subtract, Multiply, Divide (ref examples)', () => {
  it('2+3 4 5', () => expect(N(q.add(2, [3, 4, 5]))).toEqual([5, 6, 7]));
  it('date + time is timestamp', () => {
    const r = q.add(dateA('2000.11.22'), raw(19, [ms(3, 44, 55, 666)], true));
    expect(r.type).toBe(-12);
    expect(J(r)).toBe(BigInt(days('2000.11.22')) * 86400000000000n + BigInt(ms(3, 44, 55, 666)) * 1000000n);
  });
  it('date - time', () => {
    const r = q.sub(dateA('2000.11.22'), raw(19, [ms(3, 44, 55, 666)], true));
    expect(J(r)).toBe(BigInt(days('2000.11.21')) * 86400000000000n + BigInt(ms(20, 15, 4, 334)) * 1000000n);
  });
  it('int + dict', () => expect(N(q.add(5, { a: 100, b: 200, c: 300 }))).toEqual({ a: 105, b: 205, c: 305 }));
  it('(10;20 30)+(2;3 4)', () => expect(N(q.add(K.from([10, [20, 30]]), K.from([2, [3, 4]])))).toEqual([12, [23, 34]]));
  it('(10;20 30)-(2;3 4) and *', () => {
    expect(N(q.sub(K.from([10, [20, 30]]), K.from([2, [3, 4]])))).toEqual([8, [17, 26]]);
    expect(N(q.mul(K.from([10, [20, 30]]), K.from([2, [3, 4]])))).toEqual([20, [60, 120]]);
  });
  const d = () => K.from({ a: [10, -21, 3], b: [4, 5, -6] });
  const e = () => K.from({ b: [10, 20, 30], c: [1000, 2000, 3000] });
  it('dict + atom, dict + dict with upsert', () => {
    expect(N(q.add(d(), 10))).toEqual({ a: [20, -11, 13], b: [14, 15, 4] });
    expect(N(q.add(d(), e()))).toEqual({ a: [10, -21, 3], b: [14, 25, 24], c: [1000, 2000, 3000] });
    expect(N(q.sub(d(), e()))).toEqual({ a: [10, -21, 3], b: [-6, -15, -36], c: [-1000, -2000, -3000] });
    expect(N(q.mul(d(), e()))).toEqual({ a: [10, -21, 3], b: [40, 100, -180], c: [1000, 2000, 3000] });
    expect(N(q.and(d(), e()))).toEqual({ a: [10, -21, 3], b: [4, 5, -6], c: [1000, 2000, 3000] });
    expect(N(q.or(d(), e()))).toEqual({ a: [10, -21, 3], b: [10, 20, 30], c: [1000, 2000, 3000] });
    expect(N(q.sub(d(), 1))).toEqual({ a: [9, -22, 2], b: [3, 4, -7] });
    expect(N(q.mul(d(), 2))).toEqual({ a: [20, -42, 6], b: [8, 10, -12] });
  });
  it('table + atom, table * table, keyed table', () => {
    const t = () => q.table({ a: [10, -21, 3], b: [4, 5, -6] });
    const r = q.add(t(), 100);
    expect(r.type).toBe(98);
    expect(N(r)).toEqual({ a: [110, 79, 103], b: [104, 105, 94] });
    expect(N(q.sub(t(), 100))).toEqual({ a: [-90, -121, -97], b: [-96, -95, -106] });
    expect(N(q.mul(t(), t()))).toEqual({ a: [100, 441, 9], b: [16, 25, 36] });
    const kt = q.dict(q.table({ k: ['abc', 'def', 'ghi'] }), t());
    const s = q.add(kt, kt);
    expect(s.type).toBe(99);
    expect(N(s.values)).toEqual({ a: [20, -42, 6], b: [8, 10, -12] });
    const kt2 = q.dict(q.table({ k: ['abc', 'def', 'ghi'] }), t());
    expect(N(q.mul(kt, kt2).values)).toEqual({ a: [100, 441, 9], b: [16, 25, 36] });
    expect(N(q.idiv(kt, 5).values)).toEqual({ a: [2, -5, 0], b: [0, 1, -2] });
    expect(N(q.signum(t()))).toEqual({ a: [1, -1, 1], b: [1, 1, -1] });
  });
  it('int + long is long', () => expect(q.add(K.int(1), 55).type).toBe(-7));
  it('3 4 5-2 and 3 4 5*2.2', () => {
    expect(N(q.sub([3, 4, 5], 2))).toEqual([1, 2, 3]);
    close(N(q.mul([3, 4, 5], 2.2)), [6.6, 8.8, 11]);
  });
  it('2%3, 1b%0b, timespan ratio, date ratio', () => {
    expect(N(q.div(2, 3))).toBeCloseTo(0.6666667, 6);
    expect(N(q.div(true, false))).toBe(Infinity);
    expect(N(q.div(raw(16, [10000000000n], true), raw(16, [5000000000n], true)))).toBe(2);
    expect(N(q.div(dateA('2010.01.01'), dateA('2005.01.01')))).toBeCloseTo(1.999453, 6);
    expect(N(q.div(K.char('z'), K.char('a')))).toBeCloseTo(1.257732, 6);
    const r = q.div(K.from([10, [20, 30]]), K.from([2, [3, 4]]));
    expect(N(r.item(0))).toBe(5);
    close(N(r.item(1)), [6.666667, 7.5]);
    expect(N(q.div(1, [0, -1, 0]).neg())).toEqual([-Infinity, 1, -Infinity]);
    expect(N(q.div(-1, 0))).toBe(-Infinity);
    expect(N(q.div(0, 0))).toBe(null);
  });
});

describe('div and mod', () => {
  it('ref examples', () => {
    expect(N(q.idiv(7, 3))).toBe(2);
    expect(N(q.idiv(7, [2, 3, 4]))).toEqual([3, 2, 1]);
    const row = (x: number) => [-2.5, -2, 2, 2.5].map((y) => N(q.idiv(x, y)));
    expect(row(-7)).toEqual([2, 3, -4, -3]);
    expect(row(7)).toEqual([-3, -4, 3, 2]);
    const r = q.idiv(K.float(7), 2); expect(r.type).toBe(-9); expect(N(r)).toBe(3);
    const i = q.idiv(K.int(6), 4); expect(i.type).toBe(-6); expect(N(i)).toBe(1);
    const dd = q.idiv(dateA('2014.10.13'), 365); expect(dd.type).toBe(-14); expect(J(dd)).toBe(days('2000.01.15'));
    const h = q.idiv(K.short(7), 3); expect(h.type).toBe(-6); expect(N(h)).toBe(2);
    const x = q.idiv(K.byte(0x80), 16); expect(x.type).toBe(-6); expect(N(x)).toBe(8);
    const c = q.idiv(K.char('\x13'), 8); expect(c.type).toBe(-6); expect(N(c)).toBe(2);
    expect(N(q.idiv(K.from([10, [20, 30]]), K.from([[3, 4], -5])))).toEqual([[3, 2], [-4, -6]]);
    expect(N(q.idiv({ a: [10, -21, 3], b: [4, 5, -6] }, 5))).toEqual({ a: [2, -5, 0], b: [0, 1, -2] });
  });
  it('mod ref examples', () => {
    expect(N(q.mod([-3, -2, -1, 0, 1, 2, 3, 4], 3))).toEqual([0, 1, 2, 0, 1, 2, 0, 1]);
    expect(N(q.mod(7, [2, 3, 4]))).toEqual([1, 1, 3]);
    const row = (x: number) => [-2.5, -2, 2, 2.5].map((y) => N(q.mod(x, y)));
    expect(row(-7)).toEqual([-2, -1, 1, 0.5]);
    expect(row(7)).toEqual([-0.5, -1, 1, 2]);
    expect(N(q.mod(K.from([10, [20, 30]]), K.from([[7, 13], -12])))).toEqual([[3, 10], [-4, -6]]);
    expect(N(q.mod({ a: [10, -21, 3], b: [4, 5, -6] }, 5))).toEqual({ a: [0, 4, 3], b: [4, 0, 4] });
    expect(N(q.mod(5, { a: [10, -21, 3], b: [4, 5, -6] }))).toEqual({ a: [5, -16, 2], b: [1, 0, -1] });
  });
  it('nulls and zero divisors', () => {
    expect(N(q.idiv([1, null, -7], 0))).toEqual([null, null, null]);
    expect(N(q.mod([5, null], 0))).toEqual([5, null]);
    expect(N(q.idiv(K.float(1), 0))).toBe(Infinity);
  });
});

describe('monads (ref examples)', () => {
  it('neg', () => {
    expect(N(q.neg([-1, 0, 1, 2]))).toEqual([1, 0, -1, -2]);
    const b = q.neg(K.boolean([false, true, false, false, true])); expect(b.type).toBe(6); expect(N(b)).toEqual([0, -1, 0, 0, -1]);
    expect(N(q.neg(K.long([WJ, null, 5])))).toEqual([-Infinity, null, -5]);
    expect(N(q.neg(K.float([-Infinity])))).toEqual([Infinity]);
    expect(J(q.neg(date('2000.01.01', '2012.01.01')))).toEqual([0, days('1988.01.01')]);
  });
  it('abs', () => {
    expect(N(q.abs(-1.0))).toBe(1);
    expect(N(q.abs([10, -43, null]))).toEqual([10, 43, null]);
    expect(J(q.abs(dateA('1999.01.01')))).toBe(days('2000.12.31'));
    expect(N(q.abs(K.from([10, [20, -30]])))).toEqual([10, [20, 30]]);
  });
  it('signum', () => {
    const s = q.signum([-2, 0, 1, 3]); expect(s.type).toBe(6); expect(N(s)).toEqual([-1, 0, 1, 1]);
    const nulls = [K.float(null), K.long(null), K.time(null), K.date(null), K.datetime(null), K.minute(null), K.second(null), K.month(null), K.short(null), K.int(null), K.real(null)];
    expect(nulls.map((k) => N(q.signum(k)))).toEqual(nulls.map(() => -1));
    expect(N(q.signum(dateA('1999.12.31')))).toBe(-1);
  });
  it('sqrt, exp, log, reciprocal', () => {
    close(N(q.sqrt([-1, NaN, 0, 25, 50])), [NaN, NaN, 0, 5, 7.071068]);
    expect(N(q.sqrt(raw(16, [43200000000000n], true)))).toBeCloseTo(6572671, 0);
    expect(N(q.sqrt(K.short(Infinity)))).toBeCloseTo(181.0166, 4);
    expect(N(q.sqrt(K.boolean([true, false, true])))).toEqual([1, 0, 1]);
    expect(N(q.exp(1))).toBeCloseTo(2.718282, 6);
    close(N(q.exp([-4.2, 0, 0.1, NaN, Infinity])), [0.01499558, 1, 1.105171, NaN, Infinity], 6);
    close(N(q.exp(raw(18, [0, 12, 43200], false))), [1, 162754.8, Infinity], 1);
    close(N(q.log([-2, NaN, 0, 0.1, 1, 42])), [NaN, NaN, -Infinity, -2.302585, 0, 3.73767]);
    expect(N(q.log(q.exp(42)))).toBe(42);
    close(N(q.reciprocal([0, Infinity, NaN, 3, 10])), [Infinity, 0, NaN, 0.3333333, 0.1]);
    expect(N(q.reciprocal(true))).toBe(1);
  });
  it('trig', () => {
    expect(N(q.sin(0.5))).toBeCloseTo(0.4794255, 7);
    expect(N(q.sin(Infinity))).toBe(null);
    expect(N(q.asin(0.8))).toBeCloseTo(0.9272952, 7);
    expect(N(q.cos(0.2))).toBeCloseTo(0.9800666, 7);
    expect(N(q.acos(-0.4))).toBeCloseTo(1.982313, 6);
    close(N(q.tan([0, 0.5, 1, 2, Infinity])), [0, 0.5463025, 1.557408, -2.18504, NaN], 5);
    expect(N(q.atan(42))).toBeCloseTo(1.546991, 6);
    // 2^20*pi/2 <= |x| < 2^22: AssemblyScript's own reduction picks the wrong quadrant there
    const big = [1654563.2961317284, -2e6, 3e6, 4194303.5, 1e7, 1e15];
    expect(N(q.sin(K.float(big)))).toEqual(big.map((x) => expect.closeTo(Math.sin(x), 15)));
    expect(N(q.cos(K.float(big)))).toEqual(big.map((x) => expect.closeTo(Math.cos(x), 15)));
    (N(q.tan(K.float(big))) as number[]).forEach((v, i) => expect(Math.abs(v - Math.tan(big[i]!)) / Math.abs(Math.tan(big[i]!))).toBeLessThan(1e-12));
  });
  it('floor and ceiling', () => {
    expect(N(q.floor([-2.1, 0, 2.1]))).toEqual([-3, 0, 2]);
    expect(N(q.ceiling([-2.1, 0, 2.1]))).toEqual([-2, 0, 3]);
    const c = q.ceiling(K.boolean([false, true])); expect(c.type).toBe(6); expect(N(c)).toEqual([0, 1]);
    expect(N(q.floor(K.from([1.2, [3.4, 5.6]])))).toEqual([1, [3, 5]]);
    expect(N(q.floor({ a: 1.2, b: [3.4, 5.6] }))).toEqual({ a: 1, b: [3, 5] });
    expect(N(q.floor(K.float([NaN, Infinity, -Infinity])))).toEqual([null, Infinity, -Infinity]);
    expect(N(q.floor(K.string('AbC')))).toBe('abc');
    expect(N(q.floor(K.symbol(['AB', 'c'])))).toEqual(['ab', 'c']);
    expect(() => q.floor(true)).toThrow('type');
  });
  it('not', () => {
    expect(N(q.not([-1, 0, 1, 2]))).toEqual([false, true, false, false]);
    expect(N(q.not(K.string('abc\0')))).toEqual([false, false, false, true]);
    expect(N(q.not(date('2000.01.01', '2020.06.30')))).toEqual([true, false]);
    expect(N(q.not(raw(18, [0], true)))).toBe(true);
    expect(N(q.not(raw(16, [43200000000000n], true)))).toBe(false);
    expect(N(q.not(K.long([WJ, -WJ, null])))).toEqual([false, false, false]);
    expect(N(q.not(K.float([Infinity, -Infinity, NaN])))).toEqual([false, false, false]);
    expect(() => q.not(K.symbol('a'))).toThrow('type');
  });
});

describe('fill, lesser, greater', () => {
  it('fill examples', () => {
    expect(N(q.fill(0, [1, 2, 3, null]))).toEqual([1, 2, 3, 0]);
    expect(N(q.fill(100, [1, 2, -5, null, 10, null]))).toEqual([1, 2, -5, 100, 10, 100]);
    expect(N(q.fill(1.0, [1.2, -4.5, NaN, NaN, 15]))).toEqual([1.2, -4.5, 1, 1, 15]);
    expect(N(q.fill(K.symbol('nobody'), K.symbol(['tom', 'dick', '', 'harry'])))).toEqual(['tom', 'dick', 'nobody', 'harry']);
    expect(N(q.fill([1, 2, 3, 4, 5], [6, null, 8, 9, null]))).toEqual([6, 2, 8, 9, 5]);
    const f = q.fill(10, [11.0, 2.1, 3.1, NaN, 4.5, NaN]); expect(f.type).toBe(9); expect(N(f)).toEqual([11, 2.1, 3.1, 10, 4.5, 10]);
    const i = q.fill(5, K.int([null, 2, 3])); expect(i.type).toBe(7); expect(N(i)).toEqual([5, 2, 3]);
    expect(N(q.fill({ a: 1, b: 2, c: 3 }, { b: null, c: 30 }))).toEqual({ a: 1, b: 2, c: 30 });
    expect(N(q.fill(K.char('x'), K.string('a b')))).toBe('axb');
    expect(N(q.fill(K.boolean(true), K.boolean([false, true])))).toEqual([false, true]);
  });
  it('lesser and greater', () => {
    expect(N(q.and(2, 3))).toBe(2);
    expect(N(q.or(2, 3))).toBe(3);
    expect(N(q.and(K.boolean([true, false, true, false]), K.boolean([true, true, false, false])))).toEqual([true, false, false, false]);
    expect(N(q.or(K.boolean([true, false, true, false]), K.boolean([true, true, false, false])))).toEqual([true, true, true, false]);
    expect(N(q.and(K.string('sat'), K.string('cow')))).toBe('cat');
    expect(N(q.or(K.string('sat'), K.string('cow')))).toBe('sow');
    const b = q.and(98, K.char('c')); expect(b.type).toBe(-10); expect(N(b)).toBe('b');
    expect(N(q.or(98, K.char('a')))).toBe('b');
    expect(N(q.and(K.from([10, [20, 30]]), K.from([2, [3, 4]])))).toEqual([2, [3, 4]]);
    expect(N(q.or(K.from([10, [20, 30]]), K.from([2, [3, 4]])))).toEqual([10, [20, 30]]);
    expect(N(q.and(K.float([1, NaN]), K.float([NaN, 2])))).toEqual([null, null]);
    expect(N(q.or(K.float([1, NaN]), K.float([NaN, 2])))).toEqual([1, 2]);
  });
});

describe('comparisons', () => {
  const pair = (f: (x: unknown, y: unknown) => K) => N(f(K.from([3, K.char('a')]), K.from([[2, 3, 4], K.string('abc')])));
  it('(3;"a") op (2 3 4;"abc")', () => {
    const b = (s: string) => s.split('').map((c) => c === '1');
    expect(pair(q.eq as never)).toEqual([b('010'), b('100')]);
    expect(pair(q.ne as never)).toEqual([b('101'), b('011')]);
    // ref/less-than.md prints 000b for "a"<"abc", contradicting its own <= row (111b) and
    // > row (000b): "a"<"b" holds, so the row is 011b.
    expect(pair(q.lt as never)).toEqual([b('001'), b('011')]);
    expect(pair(q.le as never)).toEqual([b('011'), b('111')]);
    expect(pair(q.gt as never)).toEqual([b('100'), b('000')]);
    expect(pair(q.ge as never)).toEqual([b('110'), b('100')]);
  });
  it('basics/comparison examples', () => {
    expect(N(q.eq(K.string('hello'), K.string('world')))).toEqual([false, false, false, true, false]);
    expect(N(q.gt(K.short(5), K.short(4)))).toBe(true);
    expect(N(q.lt(K.byte(5), 4))).toBe(false);
    expect(N(q.gt(0, K.from([K.int(1), -2, K.short(0), true, null, -Infinity].map((v) => (v === null ? K.long(null) : v)))))).toEqual([false, true, false, false, true, true]);
    expect(N(q.ge(5, { a: 4, b: 6 }))).toEqual({ a: true, b: false });
    expect(N(q.eq(1, K.short(1)))).toBe(true);
    expect(N(q.eq(1 + 1e-13, 1))).toBe(true);
    expect(N(q.lt(K.char('0'), K.from([K.char('4'), K.char('f'), K.char('F'), 4])))).toEqual([true, true, true, false]);
    expect(N(q.gt(K.string('alpha'), K.string('omega')))).toEqual([false, false, true, true, false]);
    expect(N(q.gt(K.symbol('alpha'), K.symbol('omega')))).toBe(false);
    expect(N(q.lt(K.symbol(['b', 'a', '', 'ab']), K.symbol('ab')))).toEqual([false, true, true, false]);
  });
  it('nulls of any type are equal, and below every value', () => {
    const nulls = [K.short(null), K.int(null), K.long(null), K.real(null), K.float(null)];
    const infs = [K.short(Infinity), K.int(Infinity), K.long(Infinity), K.real(Infinity), K.float(Infinity)];
    for (const a of nulls) for (const b of nulls) expect(N(q.eq(a, b))).toBe(true);
    nulls.forEach((n, i) => expect(N(q.lt(n, q.neg(infs[i])))).toBe(true));
  });
  it('tolerance', () => {
    const f = (x: number) => K.float(x);
    expect(N(q.eq(f(1e12), f(1e12 - 1)))).toBe(false);
    expect(N(q.eq(f(1e13), f(1e13 - 1)))).toBe(true);
    expect(N(q.eq(0, q.sub(f(1e13), f(1e13 - 1))))).toBe(false);
    expect(N(q.lt(f(1e13 - 1), f(1e13)))).toBe(false);
    expect(N(q.le(f(1e13), f(1e13 - 1)))).toBe(true);
    expect(N(q.eq(Infinity, K.float(1e308)))).toBe(false);
    expect(N(q.eq(Infinity, Infinity))).toBe(true);
  });
  it('temporal comparisons convert per basics/comparison.md', () => {
    const span = raw(16, [BigInt(ms(20, 0, 0)) * 1000000n + 603286n], true);
    const tt = raw(19, [ms(13, 30, 0), ms(20, 0, 0)]);
    expect(N(q.within(span, tt))).toBe(false);
    const ts = raw(12, [BigInt(days('2024.10.07')) * 86400000000000n + BigInt(ms(20, 0, 0)) * 1000000n + 603286n], true);
    expect(N(q.within(ts, tt))).toBe(true);
    const tss = raw(12, [ms(9, 29, 1), ms(9, 29, 15), ms(9, 30, 1), ms(9, 28, 0)].map((x) => BigInt(days('2016.09.06')) * 86400000000000n + BigInt(x) * 1000000n));
    const minute = raw(17, [9 * 60 + 29], true);
    expect(N(q.eq(tss, minute))).toEqual([true, true, false, false]);
    expect(N(q.gt(tss, minute))).toEqual([false, false, true, false]);
    expect(N(q.lt(dateA('2000.01.02'), raw(12, [86400000000001n], true)))).toBe(true);
    expect(() => q.lt(dateA('2000.01.02'), raw(17, [1], true))).toThrow('type');
    expect(N(q.eq(dateA('2000.01.02'), 1))).toBe(true);
  });
  it('within', () => {
    expect(N(q.within([1, 3, 10, 6, 4], [2, 6]))).toEqual([false, true, false, true, true]);
    expect(N(q.within(K.string('acyxmpu'), K.string('br')))).toEqual([false, true, false, false, true, true, false]);
    expect(N(q.within(K.symbol(['dd', 'ccc', 'ccc']), K.symbol(['c', 'd'])))).toEqual([false, true, true]);
    expect(() => q.within(1, [1, 2, 3])).toThrow('length');
  });
});

describe('match', () => {
  it('ref examples', () => {
    expect(N(q.match(q.add([1, 2, 3], [4, 5, 6]), q.add([4, 5, 6], [1, 2, 3])))).toBe(true);
    expect(N(q.match(q.sub([1, 2, 3], [4, 5, 6]), q.sub([4, 5, 6], [1, 2, 3])))).toBe(false);
    expect(N(q.match([1, 2, 3], K.symbol(['a', 'b'])))).toBe(false);
    expect(N(q.match(1, K.short(1)))).toBe(false);
    expect(N(q.match(3, K.float(3)))).toBe(false);
    expect(N(q.match(K.from([1, [2, 3]]), K.from([1, [2, 3]])))).toBe(true);
    expect(N(q.match(K.float([NaN, 1]), K.float([NaN, 1 + 1e-14])))).toBe(true);
    expect(N(q.match({ a: 1 }, { a: 1 }))).toBe(true);
    expect(N(q.match({ a: 1 }, { b: 1 }))).toBe(false);
    expect(N(q.match(q.table({ x: [1, 2, 3] }), q.table({ x: [1, 2, 3] })))).toBe(true);
    expect(N(q.match([1], 1))).toBe(false);
  });
});

describe('cast', () => {
  it('numbers to temporals keep the underlying value', () => {
    const codes = [12, 13, 14, 15, 16, 17, 18, 19];
    expect(codes.map((c) => J(q.cast(c, 42)))).toEqual([42n, 42, 42, 42, 42n, 42, 42, 42]);
    expect(codes.map((c) => q.cast(c, 42).type)).toEqual(codes.map((c) => -c));
    const l = q.cast(K.from([K.short(12), K.char('m'), K.symbol('date')]), 42);
    expect(l.type).toBe(0);
    expect(J(l)).toEqual([42n, 42, 42]);
    const m = q.cast(K.from([K.short(12), K.char('m'), K.symbol('date')]), [42, 43, 44]);
    expect(J(m)).toEqual([42n, 43, 44]);
  });
  it('ints and booleans', () => {
    expect(J(q.cast('i', 10))).toBe(10);
    expect(['int', 'i', 6].map((t) => q.cast(t, 10).type)).toEqual([-6, -6, -6]);
    expect(N(q.cast('int', [6.1, 6.6]))).toEqual([6, 7]);
    expect(N(q.cast('int', [-6.1, -6.6]))).toEqual([-6, -7]);
    expect(N(q.cast('int', [2.5, -2.5, NaN, Infinity, -Infinity, 1e10]))).toEqual([3, -3, null, Infinity, -Infinity, null]);
    expect(N(q.cast(1, [1, 0, 2]))).toEqual([true, false, true]);
    expect(N(q.cast(1, [-1, 0, -2]))).toEqual([true, false, true]);
    expect((N(q.cast('b', K.string(' abcXYZ_09'))) as boolean[]).every((b) => b)).toBe(true);
    expect(J(q.cast('x', [3, 4, 5]))).toEqual([3, 4, 5]);
    expect(J(q.cast('x', K.string('abc')))).toEqual([0x61, 0x62, 0x63]);
    expect(N(q.cast('float', K.short(Infinity)))).toBe(32767);
    expect(N(q.cast('float', K.short(null)))).toBe(null);
    expect(N(q.cast('j', K.int([null, Infinity])))).toEqual([null, 2147483647]);
    expect(N(q.cast('*', 1))).toBe(1);
    expect(N(q.cast(0, 1))).toBe(1);
    expect(N(q.cast('c', [65, 66]))).toBe('AB');
    expect(N(q.cast('i', K.string('ab')))).toEqual([97, 98]);
  });
  it('temporal', () => {
    expect(J(q.cast('i', date('2010.01.01', '2005.01.01')))).toEqual([3653, 1827]);
    expect(J(q.cast('j', date('1999.01.01', '2000.12.31')))).toEqual([-365n, 365n]);
    expect(J(q.cast('d', raw(15, [days('2017.08.23') + (23 * 3600 + 50 * 60 + 12) / 86400], true)))).toBe(days('2017.08.23'));
    expect(J(q.cast('p', date('2000.01.02')))).toEqual([86400000000000n]);
    expect(J(q.cast('d', raw(12, [-1n, 86400000000000n, NJ, WJ])))).toEqual([-1, 1, NI, WI]);
    expect(J(q.cast('m', date('2000.01.31', '2000.02.01', '1999.12.31', '2024.02.29')))).toEqual([0, 1, -1, 24 * 12 + 1]);
    expect(J(q.cast('d', raw(13, [0, 1, -1, 289])))).toEqual([0, 31, -31, days('2024.02.01')]);
    expect(J(q.cast('m', raw(12, [BigInt(days('2024.03.05')) * 86400000000000n + 5n])))).toEqual([24 * 12 + 2]);
    expect(J(q.cast('u', raw(19, [ms(9, 29, 59, 999)])))).toEqual([9 * 60 + 29]);
    expect(J(q.cast('t', raw(17, [61])))).toEqual([61 * 60000]);
    expect(J(q.cast('t', raw(12, [-1n])))).toEqual([86399999]);
    expect(J(q.cast('z', date('2000.01.03')))).toEqual([2]);
    expect(J(q.cast('z', raw(19, [43200000])))).toEqual([0.5]);
    expect(J(q.cast('p', raw(15, [1.5])))).toEqual([129600000000000n]);
    expect(J(q.cast('t', raw(15, [1.5])))).toEqual([43200000]);
    expect(() => q.cast('m', raw(19, [1]))).toThrow('type');
    expect(J(q.cast('p', date('1666.09.02', '2500.01.01')))).toEqual([-(2n ** 63n - 1n), 2n ** 63n - 1n]);
    const e = q.cast('j', K.from([])); expect(e.type).toBe(7); expect(e.count).toBe(0);
    const ts = raw(12, [BigInt(days('2015.10.28')) * 86400000000000n + BigInt(ms(3, 55, 58)) * 1000000n], true);
    const parts = q.cast(K.symbol(['year', 'dd', 'mm', 'hh', 'uu', 'ss']), ts);
    expect(parts.type).toBe(6);
    expect(N(parts)).toEqual([2015, 28, 10, 3, 55, 58]);
    expect(N(q.cast(K.symbol(['hh', 'uu', 'ss']), raw(19, [ms(3, 55, 58, 110)], true)))).toEqual([3, 55, 58]);
    expect(N(q.cast('year', date('1999.12.31', '2024.02.29')))).toEqual([1999, 2024]);
    expect(N(q.cast('mm', date('1999.12.31', '2024.02.29')))).toEqual([12, 2]);
    expect(N(q.cast('dd', date('1999.12.31', '2024.02.29')))).toEqual([31, 29]);
    const wk = q.cast('week', date('2000.01.03', '2000.01.09', '2024.11.22'));
    expect(wk.type).toBe(14);
    expect(J(wk)).toEqual([days('2000.01.03'), days('2000.01.03'), days('2024.11.18')]);
    expect(N(q.cast('year', K.date(null)))).toBe(null);
    expect(() => q.cast('dd', raw(19, [1], true))).toThrow('type');
    expect(J(q.cast(K.short([12, 13]), 42))).toEqual([42n, 42]);
    expect(J(q.cast(K.string('ij'), [1.5, 2.5]))).toEqual([2, 3n]);
  });
  it('symbols and strings', () => {
    const s = q.cast('', K.string('abc')); expect(s.type).toBe(-11); expect(N(s)).toBe('abc');
    const v = q.cast('', K.from([K.string('ab'), K.string('cd')])); expect(v.type).toBe(11); expect(N(v)).toEqual(['ab', 'cd']);
    expect(N(q.cast('s', K.symbol('x')))).toBe('x');
    expect(N(q.string(K.symbol('abc')))).toBe('abc');
    expect(N(q.string(K.symbol(['ab', 'c'])))).toEqual(['ab', 'c']);
    expect(N(q.string(K.string('ab')))).toEqual(['a', 'b']);
    expect(J(q.cast('I', K.string('1')))).toBe(1);
    expect(N(q.string(42))).toBe('42');
    expect(N(q.string(K.long([1, 2, null, Infinity])))).toEqual(['1', '2', '', '0W']);
    expect(N(q.string(K.int(7)))).toBe('7');
    expect(N(q.string(1.5))).toBe('1.5');
    expect(N(q.string(q.div(1, 3)))).toBe('0.3333333');
    expect(N(q.string(K.boolean([true, false])))).toEqual(['1', '0']);
    expect(N(q.string(K.byte(0x1f)))).toBe('1f');
    expect(N(q.string(dateA('2000.11.22')))).toBe('2000.11.22');
    expect(N(q.string(K.char('a')))).toBe('a');
    expect(N(q.string(K.from([1, K.symbol('ab')])))).toEqual([['1'], 'ab'].map((x) => (Array.isArray(x) ? x[0] : x)));
    expect(N(q.string({ a: 1 }))).toEqual({ a: '1' });
    expect(q.string([1]).type).toBe(0);
    expect(() => q.cast('i', K.symbol('a'))).toThrow('type');
    expect(() => q.cast('q', 1)).toThrow('domain');
    expect(N(q.cast('', K.string('   IBM   ')))).toBe('IBM');
  });
});

describe('result-type grids, every cell', () => {
  const sample = (t: number): K => {
    if (t === 2) return K.guid(null);
    if (t === 11) return K.symbol('a');
    if (t === 10) return K.char('a');
    if (t === 1) return K.boolean(true);
    return raw(t, [t === 12 || t === 16 || t === 7 ? 3n : 3], true);
  };
  const GRIDS: [string, Int8Array, (x: K, y: K) => K][] = [
    ['add', G.ADD, q.add as never], ['sub', G.SUB, q.sub as never], ['mul', G.MUL, q.mul as never],
    ['div', G.DIV, q.div as never], ['idiv', G.IDIV, q.idiv as never], ['mod', G.MOD, q.mod as never],
    ['min', G.MINMAX, q.and as never], ['max', G.MINMAX, q.or as never], ['fill', G.FILL, q.fill as never],
    ['xexp', G.XEXP, q.xexp as never], ['xlog', G.XLOG, q.xlog as never],
  ];
  it.each(GRIDS)('%s', (_name, g, f) => {
    for (const a of CHARS) for (const b of CHARS) {
      const tx = code(a), ty = code(b), R = G.cell(g, tx, ty);
      const x = sample(tx), y = sample(ty);
      const before = q.memory().blocks;
      if (!R) expect(() => f(x, y), `${a} ${b}`).toThrow('type');
      else {
        const r = f(x, y);
        expect(r.type, `${a} ${b}`).toBe(-R);
        r.dispose();
      }
      expect(q.memory().blocks).toBe(before);
      x.dispose(); y.dispose();
    }
  });
  it('spot checks written out from the reference', () => {
    const ty = (f: (x: K, y: K) => K, a: string, b: string) => -f(sample(code(a)), sample(code(b))).type;
    expect(ty(q.add as never, 'i', 'j')).toBe(7);
    expect(ty(q.add as never, 'b', 'b')).toBe(6);
    expect(ty(q.add as never, 'd', 'i')).toBe(14);
    expect(ty(q.add as never, 'd', 't')).toBe(12);
    expect(ty(q.sub as never, 'p', 'p')).toBe(16);
    expect(ty(q.sub as never, 'd', 'd')).toBe(6);
    expect(ty(q.sub as never, 'z', 'z')).toBe(9);
    expect(ty(q.mul as never, 'd', 'f')).toBe(15);
    expect(ty(q.mod as never, 'p', 'i')).toBe(16);
    expect(ty(q.and as never, 'p', 'u')).toBe(17);
  });
  it('monadic ranges', () => {
    const R: [string, Int8Array, (x: K) => K][] = [
      ['neg', G.R_NEG, q.neg as never], ['abs', G.R_ABS, q.abs as never], ['signum', G.R_SIGNUM, q.signum as never],
      ['sqrt', G.R_FLOAT, q.sqrt as never], ['exp', G.R_FLOAT, q.exp as never], ['reciprocal', G.R_RECIP, q.reciprocal as never],
      ['floor', G.R_FLOOR, q.floor as never], ['ceiling', G.R_CEILING, q.ceiling as never],
    ];
    for (const [name, rng, f] of R) for (const a of CHARS) {
      const t = code(a), x = sample(t);
      if (!rng[t]) expect(() => f(x), `${name} ${a}`).toThrow('type');
      else expect(f(x).type, `${name} ${a}`).toBe(-rng[t]);
    }
  });
});

describe('errors leave memory unchanged', () => {
  it('length, type, nested length', () => {
    const x = K.long([1, 2]), y = K.long([1, 2, 3]), s = K.symbol('a');
    const nx = K.from([1, [1, 2], [3, 4]]), ny = K.from([1, [1, 2], [3, 4, 5]]);
    const l2 = K.from([1, 2]), ls = K.from([1, K.symbol('a')]);
    const b = blocks();
    expect(() => q.add(x, y)).toThrow('length');
    expect(() => q.add(s, 1)).toThrow('type');
    expect(() => q.add(nx, ny)).toThrow('length');
    expect(() => q.eq(x, y)).toThrow('length');
    expect(() => q.lt(s, 1)).toThrow('type');
    expect(() => q.neg(s)).toThrow('type');
    expect(() => q.add(l2, ls)).toThrow('type');
    expect(() => q.fill(x, y)).toThrow('length');
    expect(() => q.cast('i', ls)).toThrow('type');
    expect(() => q.within(l2, ls)).toThrow('type');
    expect(blocks()).toBe(b);
  });
});

describe('guards', () => {
  it('inputs and neighbouring blocks are unchanged by every kernel', () => {
    for (const n of [1, 7, 16, 17, 33]) {
      const before = K.long(Array.from({ length: 5 }, (_, i) => i));
      const x = K.float(Array.from({ length: n }, (_, i) => i - 3.5));
      const y = K.int(Array.from({ length: n }, (_, i) => i * 3 - 7));
      const after = K.long(Array.from({ length: 5 }, (_, i) => 10 + i));
      const xs = items(x), ys = items(y);
      const rs = [q.add(x, y), q.mul(y, y), q.eq(x, y), q.lt(y, 0), q.and(x, 1), q.fill(0, y), q.neg(y), q.abs(x), q.cast('j', x), q.not(y), q.sqrt(y)];
      expect(items(x)).toEqual(xs);
      expect(items(y)).toEqual(ys);
      expect(N(before)).toEqual([0, 1, 2, 3, 4]);
      expect(N(after)).toEqual([10, 11, 12, 13, 14]);
      rs.forEach((r) => expect(r.count).toBe(n));
    }
  });
  it('empty operands', () => {
    expect(N(q.add(K.long([]), 1))).toEqual([]);
    expect(q.add(K.long([]), 1).type).toBe(7);
    expect(q.eq(K.float([]), K.float([])).type).toBe(1);
    expect(N(q.add(K.from([]), 1))).toEqual([]);
  });
});

describe('methods on K', () => {
  it('chains with K and plain JS arguments', () => {
    const x = q.til(5);
    expect(N(x.mul(2).add(10))).toEqual([10, 12, 14, 16, 18]);
    expect(N(x.sub(K.long(1)).div(2))).toEqual([-0.5, 0, 0.5, 1, 1.5]);
    expect(N(x.idiv(2))).toEqual([0, 0, 1, 1, 2]);
    expect(N(x.mod(2))).toEqual([0, 1, 0, 1, 0]);
    expect(N(x.min(2))).toEqual([0, 1, 2, 2, 2]);
    expect(N(x.max(2))).toEqual([2, 2, 2, 3, 4]);
    expect(N(x.eq(2))).toEqual([false, false, true, false, false]);
    expect(N(x.ne(2))).toEqual([true, true, false, true, true]);
    expect(N(x.lt(2))).toEqual([true, true, false, false, false]);
    expect(N(x.ge(2))).toEqual([false, false, true, true, true]);
    expect(N(x.within([1, 3]))).toEqual([false, true, true, true, false]);
    expect(N(x.match(q.til(5)))).toBe(true);
    expect(N(x.neg())).toEqual([0, -1, -2, -3, -4]);
    expect(N(x.neg().abs())).toEqual([0, 1, 2, 3, 4]);
    expect(N(x.signum())).toEqual([0, 1, 1, 1, 1]);
    expect(N(x.not())).toEqual([true, false, false, false, false]);
    expect(N(x.sqrt().floor())).toEqual([0, 1, 1, 1, 2]);
    expect(N(K.long(7).fill(K.long([1, null])))).toEqual([1, 7]);
    expect(N(q.fill(K.long([1, null]), 7))).toEqual([7, 7]);
    expect(N(K.long(2).xexp(3))).toBeCloseTo(8, 10);
    expect(N(K.long(2).xlog(8))).toBeCloseTo(3, 10);
    expect(N(x.cast('f'))).toEqual([0, 1, 2, 3, 4]);
    expect(x.cast('float').type).toBe(9);
    expect(N(K.boolean([true, false]).and(K.boolean([true, true])))).toEqual([true, false]);
    expect(N(K.boolean([true, false]).or(K.boolean([false, false])))).toEqual([true, false]);
  });
});

describe('every method matches its q function', () => {
  it('monads and dyads', () => {
    const x = K.float([0.25, -1, NaN, 4]);
    const Q = q as unknown as Record<string, (...a: unknown[]) => K>;
    const M = x as unknown as Record<string, (...a: unknown[]) => K>;
    for (const m of ['neg', 'abs', 'signum', 'sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'ceiling', 'floor', 'reciprocal', 'not'])
      expect(N(q.match(M[m]!.call(x), Q[m]!(x))), m).toBe(true);
    for (const d of ['add', 'sub', 'mul', 'div', 'idiv', 'mod', 'xexp', 'xlog', 'and', 'or', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'match'])
      expect(N(q.match(M[d]!.call(x, 2), Q[d]!(x, 2))), d).toBe(true);
    expect(N(q.match(x.min(2), q.and(x, 2)))).toBe(true);
    expect(N(q.match(x.max(2), q.or(x, 2)))).toBe(true);
    expect(N(q.match(K.float(2).fill(x), q.fill(2, x)))).toBe(true);
    expect(N(K.symbol('ab').string())).toBe('ab');
  });
  it('errors inside dictionary and list drivers leave memory unchanged', () => {
    const d1 = K.from({ a: 1, b: 2 }), d2 = K.from({ b: K.symbol('x'), c: 3 });
    const specs = K.from([K.short(7), K.symbol('nosuchtype')]);
    const b = blocks();
    expect(() => q.add(d1, d2)).toThrow('type');
    expect(() => q.cast(specs, 1)).toThrow('domain');
    expect(() => q.within(d1, specs)).toThrow();
    expect(blocks()).toBe(b);
  });
});

describe('q.min and q.max', () => {
  it('two arguments are Lesser/Greater, one argument the aggregate (atomic.Q)', async () => {
    const { Q } = await import('../src/ops/atomic.js');
    expect(N(Q.min(2, 3))).toBe(2);
    expect(N(Q.max(K.long([1, 5]), 3))).toEqual([3, 5]);
    if (lookup('min')?.monad) expect(N(Q.min(K.long([3, 1, 2])))).toBe(1);
    expect(() => (Q.min as unknown as (...a: unknown[]) => K)(1, 2, 3)).toThrow('rank');
    if (lookup('max')?.monad) expect(N(K.long([3, 1, 2]).max())).toBe(3);
    expect(N(K.long([3, 1, 2]).max(2))).toEqual([3, 2, 2]);
  });
});

describe('primitive table', () => {
  it('registers glyphs and keywords', () => {
    for (const g of ['+', '-', '*', '%', '&', '|', '=', '<', '>', '~', '^', '$', '<>', '<=', '>=', 'div', 'mod', 'xexp', 'xlog', 'and', 'or', 'within'])
      expect(lookup(g)?.dyad, g).toBeTypeOf('function');
    for (const m of ['neg', 'abs', 'signum', 'sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'ceiling', 'floor', 'reciprocal', 'not', '-', '%', '~', '^'])
      expect(lookup(m)?.monad, m).toBeTypeOf('function');
    const p = lookup('+')!.dyad!(K.long(1), K.long(2));
    expect(N(p)).toBe(3);
  });
});

describe('errors in dictionary values release the keys', () => {
  it('dict op atom, atom op dict, dict op dict (same and different keys)', () => {
    const d = K.from({ a: 1, b: 2 }), e = K.from({ a: K.symbol('x'), b: 1 }), f = K.from({ c: K.symbol('y'), a: K.symbol('z') }), s = K.symbol('s');
    const t = q.table({ a: [1, 2] });
    const b = blocks();
    expect(() => q.add(d, s)).toThrow('type');
    expect(() => q.add(s, d)).toThrow('type');
    expect(() => q.add(d, e)).toThrow('type');
    expect(() => q.add(d, f)).toThrow('type');
    expect(() => q.neg(e)).toThrow('type');
    expect(() => q.lt(t, s)).toThrow('type');
    expect(blocks()).toBe(b);
  });
});

describe('Tok (ref/tok.md)', () => {
  const S = (s: string) => K.string(s);
  it('examples', () => {
    const e = q.cast('E', S('3.14')); expect(e.type).toBe(-8); expect(N(e)).toBeCloseTo(3.14, 6);
    expect(q.cast(-8, S('3.14')).type).toBe(-8);
    expect(J(q.cast('D', S('2000-12-12')))).toBe(days('2000.12.12'));
    expect(J(q.cast('D', S('2000.12.12')))).toBe(days('2000.12.12'));
    expect(J(q.cast('D', S('20001212')))).toBe(days('2000.12.12'));
    expect(J(q.cast('U', S('12:13:14')))).toBe(12 * 60 + 13);
    expect(J(q.cast('T', S('123456789')))).toBe(ms(12, 34, 56, 789));
    expect(J(q.cast('P', S('2015-10-28D03:55:58.6542')))).toBe(BigInt(days('2015.10.28')) * 86400000000000n + BigInt(ms(3, 55, 58, 654)) * 1000000n + 200000n);
  });
  it('outside the domain is null', () => {
    expect(N(q.cast('H', S('32768')))).toBe(null);
    expect(N(q.cast('I', S('2147483648')))).toBe(null);
    expect(N(q.cast('D', S('2147483648')))).toBe(null);
    expect(N(q.cast('J', S('abc')))).toBe(null);
    expect(N(q.cast('F', S('x1')))).toBe(null);
  });
  it('iteration stops at strings', () => {
    const r = q.cast(S('BXH'), K.from([S('42'), S('42'), S('42')]));
    expect(J(r)).toEqual([false, 0x42, 42]);
    expect(r.item(0).type).toBe(-1);
    expect(r.item(2).type).toBe(-5);
    const l = q.cast(K.from([K.char('B'), S('XHI')]), K.from([S('42'), K.from([S('42'), S('42'), S('42')])]));
    expect(J(l)).toEqual([false, [0x42, 42, 42]]);
    expect(N(q.cast('B', S('   Y  ')))).toBe(true);
    expect(N(q.cast('B', K.from([S(' Y '), S('    N ')])))).toEqual([true, false]);
    expect(N(q.cast('S', S('hello')))).toBe('hello');
    expect(N(q.cast('J', K.from([S('1'), S('0N'), S('0W'), S('-7')])))).toEqual([1, null, Infinity, -7]);
    expect(N(q.cast('F', K.from([S('1.5'), S('0n'), S('-0w'), S('1e3')])))).toEqual([1.5, null, -Infinity, 1000]);
    expect(J(q.cast('M', S('2000.12')))).toBe(11);
    expect(J(q.cast('N', S('0D01:00:00.5')))).toBe(3600500000000n);
    expect(J(q.cast('V', S('01:02:03')))).toBe(3723);
    expect(J(q.cast('Z', S('2000.01.02T12:00:00.000')))).toBe(1.5);
    expect(N(q.cast('*', S('ab')))).toBe('ab');
  });
  it('IPv4 as int and guid', () => {
    expect(N(q.cast('I', S('192.168.1.34')))).toBe(-1062731486);
    expect(N(q.cast('G', S('192.0.2.1')))).toBe('00000000-0000-0000-0000-ffffc0000201');
    expect(N(q.cast('G', S('8c680a01-5a49-5aab-5a65-d4bfddb6a661')))).toBe('8c680a01-5a49-5aab-5a65-d4bfddb6a661');
  });
});

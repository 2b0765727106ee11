// The reference docs' examples restated as facts, attributes, general lists,
// dictionaries, tables, errors (memory unchanged) and guards.
import { describe, it, expect } from 'vitest';
import { q as q0, K, QError } from '../src/index.js';
import { Q as SS } from '../src/ops/sortsearch.js';
import { lookup } from '../src/ops/registry.js';
import { nums } from './sortsearch.helpers.js';

/** The q namespace with this family's functions typed. */
const q = q0 as typeof q0 & typeof SS & { dict: (k: unknown, v: unknown) => K; table: (c: Record<string, unknown>) => K };

const js = (k: K) => k.toJS();
const L = (xs: number[]) => K.long(xs);

describe('asc desc iasc idesc (ref/asc.md, ref/desc.md)', () => {
  it('vectors', () => {
    const x = L([2, 1, 3, 4, 2, 1, 2]);
    expect(js(q.asc(x))).toEqual([1, 1, 2, 2, 2, 3, 4]);
    expect(q.asc(x).attr).toBe('s');
    expect(js(q.iasc(x))).toEqual([1, 5, 0, 4, 6, 2, 3]);
    expect(js(q.desc(x))).toEqual([4, 3, 2, 2, 2, 1, 1]);
    expect(q.desc(x).attr).toBe('');
    expect(js(q.idesc(x))).toEqual([3, 2, 0, 4, 6, 1, 5]); // stable: equal items keep index order
    expect(x.attr).toBe('');
  });
  it('asc of a sorted vector returns an s# copy and leaves every reference to the argument alone', () => {
    const a = L([0, 1]);
    const b = a.ref();
    const r = q.asc(b);
    expect(r.ptr).not.toBe(a.ptr);
    expect(r.attr).toBe('s');
    expect(a.attr).toBe(''); // value semantics: another reference never sees a change
    const r2 = q.asc(r); // an s# argument is already the answer
    expect(r2.ptr).toBe(r.ptr);
    expect(js(a)).toEqual([0, 1]);
  });
  it('iasc of an s# vector is til', () => {
    const s = q.asc(L([5, 3, 9, 1]));
    expect(js(q.iasc(s))).toEqual([0, 1, 2, 3]);
  });
  it('iasc inverts a permutation', () => {
    const is = L([4, 2, 1, 3, 0]);
    expect(js(q.iasc(is))).toEqual([4, 2, 1, 3, 0]);
  });
  it('mixed lists sort by type, then value', () => {
    const l = q.asc(K.from([1, true, K.char('b'), K.date(new Date(Date.UTC(2009, 0, 1))), K.char('a'), 0]));
    expect(Array.from({ length: l.count }, (_, i) => { const it = l.item(i); const t = it.type; it.dispose(); return t; }))
      .toEqual([-1, -7, -7, -10, -10, -14]);
    expect(l.attr).toBe('s');
    const d = q.desc(K.from([1, true, K.char('b'), K.char('a'), 0]));
    expect(js(d)).toEqual(['b', 'a', 1, 0, true]);
  });
  it('nested lists sort lexicographically', () => {
    const l = K.from([K.string('bat'), K.string('dog'), K.string('cow'), K.string('cat')]);
    expect(js(q.asc(l))).toEqual(['bat', 'cat', 'cow', 'dog']);
    expect(q.asc(l).attr).toBe('s');
    expect(js(q.iasc(l))).toEqual([0, 3, 2, 1]);
    expect(js(q.iasc(K.from([[1, 2], [1], [0, 5, 5], [1, 2]])))).toEqual([2, 1, 0, 3]);
  });
  it('dictionaries sort by value', () => {
    const d = q.dict(K.symbol(['a', 'b', 'c']), L([2, 1, 3])) as K;
    expect(js(q.asc(d))).toEqual({ b: 1, a: 2, c: 3 });
    expect(Object.keys(js(q.asc(d)) as object)).toEqual(['b', 'a', 'c']);
    expect(Object.keys(js(q.desc(d)) as object)).toEqual(['c', 'a', 'b']);
    expect(js(q.iasc(q.dict(K.symbol(['a', 'b', 'c']), L([2, 3, 1])) as K))).toEqual(['c', 'a', 'b']);
    expect(js(q.idesc(q.dict(K.symbol(['a', 'c', 'b']), L([1, 2, 3])) as K))).toEqual(['b', 'c', 'a']);
  });
  it('tables sort lexicographically by their columns', () => {
    const t = q.table({ a: [4, 3, 4], b: ['s', 'a', 'd'] }) as K;
    expect(t.toRows()).toEqual([{ a: 4, b: 's' }, { a: 3, b: 'a' }, { a: 4, b: 'd' }]);
    const s = q.asc(t);
    expect(s.toRows()).toEqual([{ a: 3, b: 'a' }, { a: 4, b: 'd' }, { a: 4, b: 's' }]);
    const a = s.col('a');
    expect(a.attr).toBe('p');
    const one = q.asc(q.table({ a: [3, 4, 1] }) as K);
    const c = one.col('a');
    expect(c.attr).toBe('s');
    expect(q.desc(q.table({ a: [4, 4, 1], b: ['a', 'd', 's'] }) as K).toRows())
      .toEqual([{ a: 4, b: 'd' }, { a: 4, b: 'a' }, { a: 1, b: 's' }]);
  });
  it('floats: 0n first, then -0w; -0 equals 0 (stable)', () => {
    const x = K.float([1, -Infinity, NaN, 0, -0, Infinity, NaN, -1]);
    expect(js(q.iasc(x))).toEqual([2, 6, 1, 7, 3, 4, 0, 5]);
    expect(js(q.idesc(x))).toEqual([5, 0, 3, 4, 7, 1, 2, 6]);
  });
  it('symbols sort by text; the null symbol first', () => {
    const s = K.symbol(['b', 'a', 'ab', '', 'B', 'é']);
    expect(js(q.asc(s))).toEqual(['', 'B', 'a', 'ab', 'b', 'é']);
    expect(js(q.idesc(s))).toEqual([5, 0, 2, 1, 4, 3]);
  });
  it('monads < and > are iasc and idesc', () => {
    expect(lookup('<')!.monad).toBeDefined();
    const x = L([3, 1, 2]);
    expect(js(lookup('<')!.monad!(x))).toEqual([1, 2, 0]);
    expect(js(lookup('>')!.monad!(x))).toEqual([0, 2, 1]);
  });
});

describe('bin binr (ref/bin.md)', () => {
  it('examples', () => {
    const x = L([0, 2, 4, 6, 8, 10]);
    const r = q.bin(x, 5);
    expect(r.type).toBe(-7);
    expect(js(r)).toBe(2);
    expect(js(q.bin(x, L([-10, 0, 4, 5, 6, 20])))).toEqual([-1, 0, 2, 2, 3, 5]);
    expect(js(q.bin(L([0, 1, 1, 2]), L([0, 1, 2])))).toEqual([0, 2, 3]);
    expect(js(q.binr(L([0, 1, 1, 2]), L([0, 1, 2])))).toEqual([0, 1, 3]);
  });
  it('dictionary with sorted values gives keys', () => {
    const d = q.dict(K.symbol(['a', 'b', 'c']), L([0, 2, 4])) as K;
    expect(js(q.bin(d, L([-1, 3])))).toEqual(['', 'b']);
  });
  it('non-simple lists compare lexicographically', () => {
    const x = K.from([K.string('apple'), K.string('banana'), K.string('coffee')]);
    expect(js(q.bin(x, K.from([K.string('anise'), K.string('berry'), K.string('curry')])))).toEqual([-1, 1, 2]);
    expect(js(q.bin(x, K.string('banana')))).toBe(1);
  });
  it('empty x', () => {
    expect(js(q.bin(K.long([]), L([1, 2])))).toEqual([-1, -1]);
    expect(js(q.binr(K.long([]), L([1, 2])))).toEqual([0, 0]);
  });
  it('no type promotion', () => {
    expect(() => q.bin(L([1, 2]), K.int(1))).toThrow('type');
  });
});

describe('find ? (ref/find.md)', () => {
  const w = () => L([10, -8, 3, 5, -1, 2, 3]);
  it('examples', () => {
    expect(js(q.find(w(), -8))).toBe(1);
    expect(js(q.find(w(), 3))).toBe(2);
    expect(js(q.find(w(), 17))).toBe(7);
    expect(js(q.find(K.string('abcde'), K.char('d')))).toBe(3);
  });
  it('right-atomic over a list of vectors', () => {
    const rt = K.from([L([10, 5, -1]), L([-8]), L([3, 17])]);
    expect(js(q.find(w(), rt))).toEqual([[0, 3, 4], [1], [2, 7]]);
    expect(() => q.find(w(), K.from([1, K.string('a')]))).toThrow('type');
  });
  it('lists of lists match whole items', () => {
    const u = K.from([K.string('abcde'), L([10, 2, -6]), K.from([L([2, 3]), K.symbol('ab')])]);
    expect(js(q.find(u, L([10, 2, -6])))).toBe(1);
    expect(js(q.find(u, K.string('abcde')))).toBe(0);
    expect(js(q.find(u, K.from([L([2, 3]), K.symbol('ab')])))).toEqual([3, 3]);
  });
  it('nulls find nulls; -0 finds 0', () => {
    expect(js(q.find(K.float([1, NaN, 0]), K.float([NaN, -0])))).toEqual([1, 2]);
    expect(js(q.find(K.symbol(['a', '', 'b']), K.symbol(['', 'b', 'c'])))).toEqual([1, 2, 3]);
  });
  it('type mismatch is a type error', () => {
    expect(() => q.find(L([1, 2]), K.int(1))).toThrow('type');
    expect(() => q.find(L([1, 2]), K.int([1]))).toThrow('type');
  });
  it('dictionary: reverse lookup', () => {
    const d = q.dict(K.symbol(['a', 'b', 'c']), L([1, 2, 3])) as K;
    expect(js(q.find(d, 2))).toBe('b');
  });
});

describe('in (ref/in.md)', () => {
  it('examples', () => {
    expect(js(q.in_(K.char('x'), K.char('a')))).toBe(false);
    expect(js(q.in_(K.char('x'), K.string('acdexyz')))).toBe(true);
    expect(js(q.in_(K.string('wx'), K.string('acdexyz')))).toEqual([false, true]);
    expect(js(q.in_(L([1, 3, 7, 6, 4]), L([5, 4, 1, 6])))).toEqual([true, false, false, true, true]);
    const x = K.from([K.string('abc'), K.from([K.string('def'), K.string('ghi')]), K.string('jkl')]);
    expect(js(q.in_(x, K.string('bed')))).toEqual([[false, true, false], [[true, true, false], [false, false, false]], [false, false, false]]);
  });
  it('y a general list: whether x is an item of y', () => {
    expect(js(q.in_(K.string('wx'), K.from([K.string('acdexyz'), K.string('abcd'), K.string('wx')])))).toBe(true);
    expect(js(q.in_(L([1, 2]), K.from([9, K.from([L([1, 2]), L([3, 4])])])))).toEqual([false, false]); // rank rule: y holds atoms
    expect(js(q.in_(3, K.from([L([1, 2]), 3])))).toBe(false);
    expect(js(q.in_(L([1, 2]), K.from([L([1, 2]), 9])))).toBe(true);
    expect(js(q.in_(K.from([L([1, 2]), L([3, 4])]), K.from([K.from([L([1, 2]), L([3, 4])]), 9])))).toBe(true);
    expect(js(q.in_(3, K.from([3, L([1, 2])])))).toBe(true);
  });
});

describe('distinct group where (ref/distinct.md, group.md, where.md)', () => {
  it('distinct', () => {
    expect(js(q.distinct(L([2, 3, 7, 3, 5, 3])))).toEqual([2, 3, 7, 5]);
    expect(q.distinct(L([2, 3, 3])).attr).toBe('');
    expect(js(q.distinct(K.float([2, 2.0000000000001])))).toEqual([2, 2.0000000000001]);
    expect(() => q.distinct(5)).toThrow('type');
    const t = q.table({ a: [1, 2, 1], b: [2, 3, 2], c: ['a', 'b', 'a'] }) as K;
    expect(q.distinct(t).toRows()).toEqual([{ a: 1, b: 2, c: 'a' }, { a: 2, b: 3, c: 'b' }]);
    expect(js(q.distinct(K.from([K.string('ab'), 1, K.string('ab'), 1, L([1])])))).toEqual(['ab', 1, [1]]);
  });
  it('group', () => {
    const g = q.group(K.string('mississippi'));
    expect(js(g.keys)).toBe('misp');
    expect(js(g.values)).toEqual([[0], [1, 4, 7, 10], [2, 3, 5, 6], [8, 9]]);
    expect(lookup('=')!.monad).toBeDefined();
    const e = q.group(K.long([]));
    expect(e.keys.count).toBe(0);
    expect(e.values.type).toBe(0);
  });
  it('where', () => {
    expect(js(q.where(L([2, 3, 0, 1])))).toEqual([0, 0, 1, 1, 1, 3]);
    expect(js(q.where(K.boolean([false, true, true, false, true])))).toEqual([1, 2, 4]);
    const d = q.dict(K.symbol(['amr', 'ibm', 'msft']), L([2, 3, 1])) as K;
    expect(js(q.where(d))).toEqual(['amr', 'amr', 'ibm', 'ibm', 'ibm', 'msft']);
    expect(() => q.where(L([1, -1]))).toThrow('domain');
    expect(() => q.where(K.float([1]))).toThrow('type');
    expect(lookup('&')!.monad).toBeDefined();
  });
});

describe('except union inter (ref/except.md, union.md, inter.md)', () => {
  it('examples', () => {
    expect(js(q.except(L([1, 2, 3]), 2))).toEqual([1, 3]);
    expect(js(q.except(L([1, 2, 3, 4, 1, 3]), L([2, 3])))).toEqual([1, 4, 1]);
    expect(js(q.union(L([1, 2, 3, 3, 6]), L([2, 4, 6, 8])))).toEqual([1, 2, 3, 6, 4, 8]);
    expect(js(q.inter(L([1, 3, 4, 2]), L([2, 3, 5, 7, 11])))).toEqual([3, 2]);
    expect(js(q.inter(L([1, 2, 3, 1, 4]), L([4, 1, 4])))).toEqual([1, 1, 4]);
  });
  it('tables', () => {
    const t0 = q.table({ x: [2, 3, 5], y: ['a', 'b', 'c'] }) as K;
    const t1 = q.table({ x: [2, 4], y: ['a', 'd'] }) as K;
    expect(q.union(t0, t1).toRows()).toEqual([{ x: 2, y: 'a' }, { x: 3, y: 'b' }, { x: 5, y: 'c' }, { x: 4, y: 'd' }]);
    const x = q.table({ a: ['x', 'y', 'z', 't'], b: [10, 20, 30, 40] }) as K;
    const y = q.table({ a: ['y', 't', 'x'], b: [50, 40, 10] }) as K;
    expect(q.inter(x, y).toRows()).toEqual([{ a: 'x', b: 10 }, { a: 't', b: 40 }]);
  });
  it('general lists', () => {
    expect(js(q.except(K.from([1, K.string('a'), 2]), K.from([K.string('a'), 2])))).toEqual([1]);
    expect(js(q.union(K.from([1, K.string('a')]), K.from([K.string('a'), 3])))).toEqual([1, 'a', 3]);
  });
});

describe('errors leave memory unchanged', () => {
  type F = (...a: K[]) => unknown;
  const cases: [string, () => K[], F][] = [
    ['bin type', () => [K.long([1, 2]), K.int([1])], (x, y) => q.bin(x, y)],
    ['find type', () => [K.long([1, 2]), K.symbol(['a'])], (x, y) => q.find(x, y)],
    ['find list of atoms', () => [K.long([1, 2]), K.from([1, K.string('a')])], (x, y) => q.find(x, y)],
    ['in type', () => [K.long([1, 2]), K.int([1, 2])], (x, y) => q.in_(x, y)],
    ['where domain', () => [K.long([1, 2, -3])], (x) => q.where(x)],
    ['where type', () => [K.symbol(['a'])], (x) => q.where(x)],
    ['distinct atom', () => [K.long(1)], (x) => q.distinct(x)],
    ['iasc atom', () => [K.long(1)], (x) => q.iasc(x)],
    ['asc atom', () => [K.long(1)], (x) => q.asc(x)],
    ['except atom', () => [K.long(1), K.long([1])], (x, y) => q.except(x, y)],
    ['union mismatch tables', () => [q.table({ a: [1] }) as K, q.table({ b: [1] }) as K], (x, y) => q.union(x, y)],
  ];
  it.each(cases)('%s', (_n, args, f) => {
    const ks = args();
    const before = q.memory().blocks;
    expect(() => f(...ks)).toThrow(QError);
    expect(q.memory().blocks).toBe(before);
    ks.forEach((k) => k.dispose());
  });
});

describe('guards: neighbours and arguments untouched', () => {
  it('kernels write only their outputs', () => {
    const xs = Array.from({ length: 1001 }, (_, i) => (i * 7919) % 997 - 400);
    const before = K.long([1, 2, 3]);
    const x = K.long(xs);
    const after = K.long([4, 5, 6]);
    const outs = [q.asc(x), q.desc(x), q.iasc(x), q.idesc(x), q.distinct(x), q.group(x), q.find(x, x), q.in_(x, x),
      q.where(q.in_(x, K.long([1, 2])))];
    expect(js(before)).toEqual([1, 2, 3]);
    expect(js(after)).toEqual([4, 5, 6]);
    expect(js(x)).toEqual(xs);
    outs.forEach((o) => o.dispose());
  });
  it('results are exactly sized', () => {
    const x = K.long([3, 1, 3, 2]);
    expect(q.distinct(x).count).toBe(3);
    expect(nums(q.where(K.boolean([true, false, true])))).toEqual([0, 2]);
  });
});

describe('roll, deal, permute (ref/deal.md)', () => {
  it('roll integers into til y', () => {
    const r = q.find(10, 5);
    expect(r.type).toBe(7);
    expect(r.count).toBe(10);
    expect(nums(r).every((v) => v >= 0 && v < 5)).toBe(true);
  });
  it('deal gives distinct values', () => {
    const d = q.find(-5, 20);
    expect(new Set(nums(d)).size).toBe(5);
    expect(nums(d).every((v) => v >= 0 && v < 20)).toBe(true);
    const all = q.find(-10, 10);
    expect([...nums(all)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => q.find(-11, 10)).toThrow('length');
  });
  it('items of a list', () => {
    const s = K.symbol(['Arthur', 'Steve', 'Dennis']);
    const r = q.find(5, s);
    expect(r.type).toBe(11);
    expect((r.toJS() as string[]).every((x) => ['Arthur', 'Steve', 'Dennis'].includes(x))).toBe(true);
    const d = q.find(-3, K.symbol(['the', 'quick', 'brown', 'fox']));
    expect(new Set(d.toJS() as string[]).size).toBe(3);
  });
  it('permute', () => {
    const p = q.find(K.long(null), 10);
    expect([...nums(p)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const l = q.find(K.long(null), K.long([5, 4, 2]));
    expect([...nums(l)].sort((a, b) => a - b)).toEqual([2, 4, 5]);
  });
  it('generated atoms: floats, booleans, chars, symbols, guids', () => {
    const f = q.find(5, 4.5);
    expect(f.type).toBe(9);
    expect((f.toJS() as number[]).every((v) => v >= 0 && v < 4.5)).toBe(true);
    const b = q.find(20, false);
    expect(b.type).toBe(1);
    const c = q.find(30, K.char(' '));
    expect(/^[a-z]{30}$/.test(c.toJS() as string)).toBe(true);
    const s = q.find(10, K.symbol('3'));
    expect((s.toJS() as string[]).every((x) => /^[a-p]{3}$/.test(x))).toBe(true);
    const g = q.find(-100, K.guid.null);
    expect(g.type).toBe(2);
    expect(g.count).toBe(100);
    const dd = q.distinct(g);
    expect(dd.count).toBe(100);
  });
});

describe('keyed tables and table search', () => {
  it('asc of a keyed table sorts by the value columns', () => {
    const kt = q.dict(q.table({ c1: ['a', 'b'] }), q.table({ c2: [2, 1] }));
    const s = q.asc(kt);
    const k = s.keys, v = s.values;
    expect(k.toRows()).toEqual([{ c1: 'b' }, { c1: 'a' }]);
    expect(v.toRows()).toEqual([{ c2: 1 }, { c2: 2 }]);
    const c2 = v.col('c2');
    expect(c2.attr).toBe('s');
    expect(q.iasc(kt).toRows()).toEqual([{ c1: 'b' }, { c1: 'a' }]);
  });
  it('find rows of a table; distinct and group of a table', () => {
    const t = q.table({ s: ['s1', 's2', 's1', 's1'], qty: [200, 450, 200, 300] });
    expect(q.find(t, K.from([K.symbol('s1'), K.long(300)])).toJS()).toBe(3);
    expect(q.find(t, q.dict(K.symbol(['s', 'qty']), K.from([K.symbol('s2'), K.long(450)]))).toJS()).toBe(1);
    expect(q.find(t, q.table({ s: ['s1', 'x'], qty: [200, 1] })).toJS()).toEqual([0, 4]);
    expect(q.distinct(t).toRows()).toEqual([{ s: 's1', qty: 200 }, { s: 's2', qty: 450 }, { s: 's1', qty: 300 }]);
    const g = q.group(t);
    expect(g.values.toJS()).toEqual([[0, 2], [1], [3]]);
    expect(q.in_(t, q.table({ s: ['s1'], qty: [300] })).toJS()).toEqual([false, false, false, true]);
  });
});

describe('rank, xasc, xdesc (ref/rank.md, ref/asc.md, ref/desc.md)', () => {
  it('rank', () => {
    const x = L([2, 7, 3, 2, 5]);
    expect(js(q.rank(x))).toEqual([0, 4, 2, 1, 3]);
    const g = q.iasc(x);
    expect(js(q.iasc(g))).toEqual([0, 4, 2, 1, 3]);
    expect(js(q.rank(K.symbol(['b', 'a', 'c'])))).toEqual([1, 0, 2]);
    expect(js(q.rank(K.long([])))).toEqual([]);
  });
  it('xasc and xdesc', () => {
    const t = q.table({ sym: ['c', 'a', 'b', 'b', 'a', 'c'], date: [1, 2, 1, 2, 1, 2], val: [51, 53, 50, 55, 53.8, 55.6] });
    const byDate = q.xasc(K.symbol('date'), t);
    expect(byDate.toRows().map((r) => r.sym)).toEqual(['c', 'b', 'a', 'a', 'b', 'c']);
    const both = q.xasc(K.symbol(['sym', 'date']), t);
    expect(both.toRows().map((r) => `${r.sym}${r.date}`)).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
    const s = both.col('sym');
    expect(s.attr).toBe('s');
    const d = q.xdesc(K.symbol('date'), t);
    expect(d.toRows().map((r) => r.sym)).toEqual(['a', 'b', 'c', 'c', 'b', 'a']);
    const ds = d.col('date');
    expect(ds.attr).toBe('');
    expect(() => q.xasc(K.symbol('nope'), t)).toThrow('nope');
  });
});

describe('bin on tables (ref/bin.md)', () => {
  it('examples', () => {
    const t = q.table({ a: ['p', 'p', 'p', 'q', 'q', 'q'], b: [0, 2, 4, 0, 2, 4] });
    expect(js(q.bin(t, q.dict(K.symbol(['a', 'b']), K.from([K.symbol('p'), K.long(3)]))))).toBe(1);
    expect(js(q.bin(t, q.table({ a: ['q', 'q', 'q', 'q'], b: [-1, 1, 3, 5] })))).toEqual([null, 3, 4, 5]);
    expect(js(q.bin(t, q.dict(K.symbol(['a', 'b']), K.from([K.symbol('r'), K.long(2)]))))).toBe(null);
    expect(js(q.bin(t, K.from([K.symbol('p'), K.long(4)])))).toBe(2);
    expect(js(q.binr(t, K.from([K.symbol('q'), K.long(1)])))).toBe(4);
  });
});

describe('engine scratch memory', () => {
  it('kernels return every scratch block (radix buffers, hash tables, rank tables)', () => {
    const xs = Array.from({ length: 70001 }, (_, i) => ((i * 2654435761) % 100003) - 50000);
    const ks = [K.long(xs), K.int(xs), K.short(xs.map((v) => v % 30000)), K.float(xs.map((v) => v / 7)), K.real(xs.map((v) => v / 3)),
      K.byte(xs.map((v) => (v + 50000) % 256)), K.symbol(xs.map((v) => 's' + (v % 500))), K.guid(new Uint8Array(16 * 100).map((_, i) => (i * 37) % 256)),
      K.timestamp(xs.map((v) => BigInt(v) * 1000000007n))];
    const run = () => {
      for (const k of ks) {
        const out = [q.asc(k), q.desc(k), q.iasc(k), q.idesc(k), q.distinct(k), q.group(k), q.find(k, k), q.in_(k, k), q.rank(k)];
        const s = q.asc(k);
        out.push(q.bin(s, k), q.binr(s, k), s);
        out.forEach((o) => o.dispose());
      }
    };
    run(); // first use may grow the symbol table
    const before = q.memory();
    run();
    const after = q.memory();
    expect(after.syms).toBe(before.syms);
    expect(after.blocks).toBe(before.blocks);
  }, 60000);
});

describe('symbol ids outside the symbol table', () => {
  it.each([10, 1000, 100000])('grading %i symbols with a corrupt id is a domain error, memory unchanged', (n) => {
    const k = K.symbol(Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][i % 3]));
    (k.data as Int32Array)[n - 1] = 0x7fffffff;
    const before = q.memory().blocks;
    expect(() => q.iasc(k)).toThrow('domain');
    expect(() => q.asc(k)).toThrow('domain');
    expect(q.memory().blocks).toBe(before);
    (k.data as Int32Array)[n - 1] = 0;
  });
});

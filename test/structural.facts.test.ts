// The reference documentation's own examples (take.md, drop.md, cut.md,
// sublist.md, join.md, raze.md, apply.md, application.md), restated as facts.
import { describe, it, expect } from 'vitest';
import { q as q0, K } from '../src/index.js';
import { Q as QS } from '../src/ops/structural.js';

/** The q namespace, with this family's functions typed. */
const q = q0 as typeof q0 & typeof QS;
import { QError } from '../src/errors.js';

const js = (k: K) => k.toJS();
const S = (...s: string[]) => K.symbol(s);
const s1 = (s: string) => K.symbol(s);
const str = (s: string) => K.string(s);
const L = (...xs: unknown[]) => K.from(xs);
const err = (f: () => unknown, name: string) => {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(QError); expect((e as Error).message).toBe(name); return; }
  throw new Error(`expected '${name}`);
};
const til = (n: number) => q.til(n);
const trade = () => q.table({ name: ['Dent', 'Beeblebrox', 'Prefect'], iq: [98, 42, 126], age: [20, 22, 25] });

describe('take #', () => {
  it('leading and trailing items', () => {
    expect(js(q.take(5, L(0, 1, 2, 3, 4, 5, 6, 7, 8)))).toEqual([0, 1, 2, 3, 4]);
    expect(js(q.take(-5, L(0, 1, 2, 3, 4, 5, 6, 7, 8)))).toEqual([4, 5, 6, 7, 8]);
  });
  it('treats the list as circular', () => {
    expect(js(q.take(5, S('Arthur', 'Steve', 'Dennis')))).toEqual(['Arthur', 'Steve', 'Dennis', 'Arthur', 'Steve']);
    expect(js(q.take(-5, S('Arthur', 'Steve', 'Dennis')))).toEqual(['Steve', 'Dennis', 'Arthur', 'Steve', 'Dennis']);
    expect(js(q.take(3, 9))).toEqual([9, 9, 9]);
    expect(js(q.take(2, s1('a')))).toEqual(['a', 'a']);
  });
  it('0# gives an empty list of the type', () => {
    const t = q.take(0, K.time.null);
    expect(t.type).toBe(19); expect(t.count).toBe(0);
    expect(q.take(0, s1('')).type).toBe(11);
    expect(q.take(0, K.float.null).type).toBe(9);
    expect(q.take(0, K.long.null).type).toBe(7);
  });
  it('from an empty list gives nulls of its type', () => {
    const e = q.take(0, 0);
    expect(js(q.take(3, e))).toEqual([null, null, null]);
    expect(js(q.take(2, str('')))).toBe('  ');
  });
  it('reshapes to a matrix', () => {
    expect(js(q.take([2, 5], K.char('!')))).toEqual(['!!!!!', '!!!!!']);
    expect(js(q.take([2, 3], til(6)))).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(js(q.take([2, 4], S('Arthur', 'Steve', 'Dennis')))).toEqual([
      ['Arthur', 'Steve', 'Dennis', 'Arthur'], ['Steve', 'Dennis', 'Arthur', 'Steve']]);
  });
  it('reshapes to higher dimensions', () => {
    expect(js(q.take([2, 3, 4], K.char('a')))).toEqual([['aaaa', 'aaaa', 'aaaa'], ['aaaa', 'aaaa', 'aaaa']]);
    const five = q.take([2, 3, 4], til(5));
    expect(js(q.first(five))).toEqual([[0, 1, 2, 3], [4, 0, 1, 2], [3, 4, 0, 1]]);
    expect(js(q.take([2, 2, 3], til(5)))).toEqual([[[0, 1, 2], [3, 4, 0]], [[1, 2, 3], [4, 0, 1]]]);
    expect(js(q.take([1, 2, 0], K.char('a')))).toEqual([['', '']]);
  });
  it('a null dimension is maximal', () => {
    expect(js(q.take(K.long([null, 3]), til(10)))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(js(q.take(K.long([3, null]), til(10)))).toEqual([[0, 1, 2], [3, 4, 5], [6, 7, 8, 9]]);
    expect(js(q.take(K.long([4, null]), til(9)))).toEqual([[0, 1], [2, 3], [4, 5], [6, 7, 8]]);
    expect(js(q.take(K.long([2, null]), q.take(0, 0)))).toEqual([[], []]);
    const ten = q.take(K.long([10, null]), K.long([10]));
    expect(ten.count).toBe(10);
    expect(js(ten)).toEqual([[], [], [], [], [], [], [], [], [], [10]]);
    expect(q.first(ten).type).toBe(7);
  });
  it('a one-item shape is a plain take', () => {
    expect(js(q.take(K.long([2]), til(10)))).toEqual([0, 1]);
  });
  it('shapes of more than two with nulls or negatives are domain errors', () => {
    err(() => q.take([1, 0, 2], L(1, 2)), 'domain');
    err(() => q.take(K.long([2, 3, null]), L(1, 2)), 'domain');
    err(() => q.take(K.long([null, 2, 1]), L(1, 2)), 'domain');
    err(() => q.take([-1, 2, 3], L(1, 2)), 'domain');
  });
  it('dictionaries: leading/trailing entries and keys', () => {
    const d = () => K.from({ a: 1, b: 2, c: 3 });
    expect(js(q.take(2, d()))).toEqual({ a: 1, b: 2 });
    expect(js(q.take(-2, d()))).toEqual({ b: 2, c: 3 });
    expect(js(q.take(S('a', 'b'), d()))).toEqual({ a: 1, b: 2 });
    expect(js(q.take(S('a'), d()))).toEqual({ a: 1 });
  });
  it('tables: rows and columns', () => {
    expect(js(q.take(2, trade()))).toEqual({ name: ['Dent', 'Beeblebrox'], iq: [98, 42], age: [20, 22] });
    expect(js(q.take(-2, trade()))).toEqual({ name: ['Beeblebrox', 'Prefect'], iq: [42, 126], age: [22, 25] });
    const c = q.take(S('name', 'age'), trade());
    expect(c.type).toBe(98);
    expect(js(c)).toEqual({ name: ['Dent', 'Beeblebrox', 'Prefect'], age: [20, 22, 25] });
  });
  it('keyed tables: the rows for a table of keys, with their keys', () => {
    const kt = q.dict(q.table({ s: ['s1', 's2', 's3'] }), q.table({ name: ['smith', 'jones', 'blake'], status: [20, 10, 30] }));
    const r = q.take(q.table({ s: ['s1', 's2'] }), kt);
    expect(r.toRows()).toEqual([{ s: 's1', name: 'smith', status: 20 }, { s: 's2', name: 'jones', status: 10 }]);
  });
});

describe('drop _', () => {
  it('leading and trailing items', () => {
    expect(js(q.drop(5, L(0, 1, 2, 3, 4, 5, 6, 7, 8)))).toEqual([5, 6, 7, 8]);
    expect(js(q.drop(-5, L(0, 1, 2, 3, 4, 5, 6, 7, 8)))).toEqual([0, 1, 2, 3]);
    expect(js(q.drop(1, K.from({ a: 1, b: 2, c: 3 })))).toEqual({ b: 2, c: 3 });
    const over = q.drop(10, S('a', 'b'));
    expect(over.type).toBe(11); expect(over.count).toBe(0);
  });
  it('from a string', () => {
    const b = str('apple: banana: cherry');
    expect(js(q.drop(5, b))).toBe(': banana: cherry');
  });
  it('selected items and keys', () => {
    expect(js(q.drop(L(0, 1, 2, 3, 4, 5, 6, 7, 8), 5))).toEqual([0, 1, 2, 3, 4, 6, 7, 8]);
    expect(js(q.drop(K.from({ a: 1, b: 2, c: 3 }), s1('a')))).toEqual({ b: 2, c: 3 });
    expect(js(q.drop(s1('a'), K.from({ a: 1, b: 2, c: 3 })))).toEqual({ b: 2, c: 3 });
    expect(js(q.drop(S('a', 'b'), K.from({ a: 1, b: 2, c: 3 })))).toEqual({ c: 3 });
    err(() => q.drop(K.from({ a: 1, b: 2, c: 3 }), S('a', 'b')), 'type');
  });
  it('integer arguments with integer-keyed dictionaries', () => {
    const d = () => q.dict([100, 200], S('a', 'b'));
    const m = (k: K) => (k.toJS({ map: true }) as Map<number, string>);
    expect([...m(q.drop(1, d()))]).toEqual([[200, 'b']]);
    expect([...m(q.drop(d(), 1))]).toEqual([[100, 'a'], [200, 'b']]);
    expect([...m(q.drop(d(), 100))]).toEqual([[200, 'b']]);
    expect([...m(q.drop(K.long([1]), d()))]).toEqual([[100, 'a'], [200, 'b']]);
    expect([...m(q.drop(K.long([100]), d()))]).toEqual([[200, 'b']]);
    expect(q.drop(100, d()).count).toBe(0);
  });
  it('columns from a table', () => {
    const t = () => q.table({ a: [1, 2, 3], b: [4, 5, 6], c: ['d', 'e', 'f'] });
    expect(js(q.drop(S('a', 'b'), t()))).toEqual({ c: ['d', 'e', 'f'] });
    err(() => q.drop(t(), S('a', 'b')), 'type');
    err(() => q.drop(s1('a'), t()), 'type');
    err(() => q.drop(t(), s1('a')), 'type');
  });
});

describe('cut', () => {
  it('_ cuts at indexes', () => {
    expect(js(q.drop([2, 4, 9], til(10)))).toEqual([[2, 3], [4, 5, 6, 7, 8], [9]]);
    const c = q.drop([2, 4, 4, 9], til(10));
    expect(js(c)).toEqual([[2, 3], [], [4, 5, 6, 7, 8], [9]]);
    expect(c.item(1).type).toBe(7);
    expect(js(q.drop([0, 4, 5], til(7)))).toEqual([[0, 1, 2, 3], [4], [5, 6]]);
  });
  it('_ cuts tables into tables', () => {
    const ts = q.drop([0, 3], q.table({ a: [0, 1, 2, 3, 4], b: ['a', 'b', 'c', 'd', 'e'] }));
    expect(ts.item(0).type).toBe(98);
    expect(js(ts.item(0))).toEqual({ a: [0, 1, 2], b: ['a', 'b', 'c'] });
    expect(js(ts.item(1))).toEqual({ a: [3, 4], b: ['d', 'e'] });
  });
  it('cut keyword', () => {
    expect(js(q.cut(4, til(10)))).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(js(q.cut([2, 4, 9], til(10)))).toEqual([[2, 3], [4, 5, 6, 7, 8], [9]]);
    expect(js(q.cut(3, str('abcdefg')))).toEqual(['abc', 'def', 'g']);
  });
  it('indexes must be non-decreasing and within the list', () => {
    err(() => q.drop([4, 2], til(10)), 'domain');
    err(() => q.drop([-1, 2], til(10)), 'domain');
    err(() => q.drop([2, 11], til(10)), 'domain');
    err(() => q.cut(0, til(10)), 'domain');
  });
});

describe('sublist', () => {
  const p = () => L(2, 3, 5, 7, 11);
  it('head or tail', () => {
    expect(js(q.sublist(3, p()))).toEqual([2, 3, 5]);
    expect(js(q.sublist(10, p()))).toEqual([2, 3, 5, 7, 11]);
    expect(js(q.sublist(-2, p()))).toEqual([7, 11]);
    expect(js(q.sublist(2, K.from({ a: [1, 2, 3], b: str('xyz'), c: [2, 3, 5] })))).toEqual({ a: [1, 2, 3], b: 'xyz' });
    expect(js(q.sublist(10, str('take me')))).toBe('take me');
    expect(js(q.take(10, str('take me')))).toBe('take metak');
  });
  it('slice', () => {
    expect(js(q.sublist([1, 2], p()))).toEqual([3, 5]);
    expect(js(q.sublist([3, 10], p()))).toEqual([7, 11]);
    expect(js(q.sublist([9, 2], p()))).toEqual([]);
  });
  it('rows of a table', () => {
    expect(js(q.sublist(-2, trade()))).toEqual({ name: ['Beeblebrox', 'Prefect'], iq: [42, 126], age: [22, 25] });
  });
});

describe('join ,', () => {
  it('atoms and vectors', () => {
    expect(js(q.join(L(1, 2, 3), 4))).toEqual([1, 2, 3, 4]);
    expect(js(q.join(L(1, 2), L(3, 4)))).toEqual([1, 2, 3, 4]);
    expect(js(q.join(L(1, 2.4, 5), L(-7.9, 10)))).toEqual([1, 2.4, 5, -7.9, 10]);
    expect(q.join(L(1, 2.4, 5), -7.9).type).toBe(9);
    expect(q.join(1, 2).type).toBe(7);
  });
  it('mixed types make a general list', () => {
    const r = q.join(L(1, 2.4, 5), K.real([-7.9, 10]));
    expect(r.type).toBe(0);
    expect(r.count).toBe(5);
    expect(r.item(3).type).toBe(-8);
    const g = q.join(K.from([0, [1, 2.5], [true, false]]), K.from([s1('a'), str('abc')]));
    expect(g.count).toBe(5);
    expect(js(g)).toEqual([0, [1, 2.5], [true, false], 'a', 'abc']);
  });
  it('() is the identity for lists, (),atom enlists', () => {
    const e = K.from([]);
    expect(e.type).toBe(0);
    const a = q.join(e, L(1, 2, 3));
    expect(a.type).toBe(7); expect(js(a)).toEqual([1, 2, 3]);
    const b = q.join(e, 5);
    expect(b.type).toBe(7); expect(js(b)).toEqual([5]);
    expect(js(q.join(str('ab'), e))).toBe('ab');
  });
  it('dictionaries upsert', () => {
    const r = q.join(K.from({ a: 1, b: 2, c: 3 }), K.from({ c: 4, d: 5 }));
    expect(js(r)).toEqual({ a: 1, b: 2, c: 4, d: 5 });
    expect(q.value(r).type).toBe(7);
  });
  it('tables row-wise', () => {
    const t = q.table({ a: [1, 2, 3], b: ['a', 'b', 'c'] }), s = q.table({ a: [10, 11], b: ['d', 'e'] });
    expect(js(q.join(t, s))).toEqual({ a: [1, 2, 3, 10, 11], b: ['a', 'b', 'c', 'd', 'e'] });
    err(() => q.join(t, q.table({ a: [1], c: [2] })), 'mismatch');
  });
  it('cannot join a list and a dictionary', () => {
    err(() => q.join(10, K.from({ a: [1, 2], b: [3, 5] })), 'type');
  });
  it(', monad is enlist', async () => {
    const { lookup } = await import('../src/ops/registry.js');
    const r = lookup(',')!.monad!(K.from(5));
    expect(r.type).toBe(7); expect(js(r)).toEqual([5]);
  });
});

describe('raze', () => {
  it('flattens one level', () => {
    expect(js(q.raze(K.from([[1, 2], [3, 4, 5]])))).toEqual([1, 2, 3, 4, 5]);
    const b = q.raze(K.from([[1, 2], [[3, 4], [5, 6]], 7, 8]));
    expect(js(b)).toEqual([1, 2, [3, 4], [5, 6], 7, 8]);
    const all = q.raze(b);
    expect(js(q.raze(all))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const r = q.raze(42);
    expect(r.type).toBe(7); expect(js(r)).toEqual([42]);
  });
  it('razes the values of a dictionary', () => {
    expect(js(q.raze(K.from({ q: [1, 2], w: [3, 4], e: [5, 6] })))).toEqual([1, 2, 3, 4, 5, 6]);
  });
  it('needs joinable items', () => {
    err(() => q.raze(K.from([10, K.from({ a: [1, 2], b: [3, 5] })])), 'type');
  });
  it('strings', () => {
    expect(js(q.raze(K.from([str('ab'), str('cd')])))).toBe('abcd');
  });
});

describe('index', () => {
  it('out of bounds gives a null of the type', () => {
    expect(js(q.at(til(5), 99))).toBe(null);
    expect(q.at(til(5), 99).type).toBe(-7);
    const d = K.from({ a: 1.414214, b: 2.718282, c: 3.141593 });
    const x = q.at(d, s1('x'));
    expect(x.type).toBe(-9); expect(js(x)).toBe(null);
    expect(js(q.at(str('abc'), 5))).toBe(' ');
    expect(js(q.at(S('a', 'b'), -1))).toBe('');
  });
  it('table rows out of range give a dictionary of nulls', () => {
    const t = q.table({ name: ['dick', 'jane'], sex: ['m', 'f'] });
    expect(js(q.at(t, 2))).toEqual({ name: '', sex: '' });
    expect(js(q.at(t, 1))).toEqual({ name: 'jane', sex: 'f' });
  });
  it('keyed tables by key', () => {
    const kt = q.dict(q.table({ name: ['Tom', 'Jo', 'Tom'], city: ['NYC', 'LA', 'Lagos'] }),
      q.table({ eye: ['green', 'blue', 'brown'], sex: ['m', 'f', 'm'] }));
    expect(js(q.at(kt, S('Tom', 'Lagos')))).toEqual({ eye: 'brown', sex: 'm' });
    expect(js(q.at(kt, S('Jack', 'London')))).toEqual({ eye: '', sex: '' });
  });
  it('dictionaries by key (missing keys give the null of the values)', () => {
    const d = K.from({ cat: 'chat', cow: 'vache', dog: 'chien', sheep: 'mouton' });
    expect(js(q.at(d, S('sheep', 'snake', 'cat', 'ant')))).toEqual(['mouton', '', 'chat', '']);
    const e = q.dict(q.take(10, K.long([0, 10, 20, 30, 40, 50, 60, 70, 80, 90])), til(10));
    expect(js(q.at(e, L(80, 35, 20, -10)))).toEqual([8, null, 2, null]);
  });
  it('matrix indexing with elision (application.md)', () => {
    const m = q.take([4, 3], str('abcdefghijklmnopqrstuvwxyz'));
    expect(js(q.index(m, 3, 1))).toBe('k');
    expect(js(q.index(m, L(3, 1), 1))).toBe('ke');
    expect(js(q.index(m, L(3, 1), undefined))).toEqual(['jkl', 'def']);
    expect(js(q.index(m, L(3, 1)))).toEqual(['jkl', 'def']);
    expect(js(q.at(m, L(3, 1)))).toEqual(['jkl', 'def']);
    expect(js(q.dotIndex(m, L(3, 1)))).toBe('k');
    expect(js(q.dotIndex(m, K.from([L(3, 1), 1])))).toBe('ke');
    expect(js(q.index(m, undefined, 1))).toBe('behk');
  });
  it('index at depth (apply.md)', () => {
    const d = K.from([[[1, 2, 3], [4, 5, 6, 7]], [[8, 9], 10, [11, 12]], [[13, 14], [15, 16, 17, 18], [19, 20]]]);
    expect(js(q.dotIndex(d, K.long([1])))).toEqual([[8, 9], 10, [11, 12]]);
    expect(js(q.dotIndex(d, L(1, 2)))).toEqual([11, 12]);
    expect(js(q.dotIndex(d, L(1, 2, 0)))).toBe(11);
    expect(js(q.dotIndex(d, K.from([L(2, 0), L(0, 1)])))).toEqual([[[13, 14], [15, 16, 17, 18]], [[1, 2, 3], [4, 5, 6, 7]]]);
    expect(js(q.index(d, undefined, 0))).toEqual([[1, 2, 3], [8, 9], [13, 14]]);
    expect(js(q.index(d, L(0, 2), undefined, L(1, 0)))).toEqual([[[2, 1], [5, 4]], [[14, 13], [16, 15], [20, 19]]]);
    expect(js(q.dotIndex(d, K.from([null])))).toEqual(js(d));
    expect(js(q.dotIndex(K.from([1, K.from({ a: [2, 3, 4], b: [10, 20, 30, 40] })]), K.from([1, s1('b'), 2])))).toBe(30);
  });
  it('symbolic indexing of nested dictionaries', () => {
    const dir = K.from({ a: [2, 3, 4], b: str('abcdefg') });
    expect(js(q.dotIndex(dir, S('b')))).toBe('abcdefg');
    expect(js(q.dotIndex(dir, K.from([s1('b'), L(1, 3, 5)])))).toBe('bdf');
  });
  it('tables by column, columns, rows, and cross sections', () => {
    const t = trade();
    expect(js(q.at(t, s1('iq')))).toEqual([98, 42, 126]);
    expect(js(q.at(t, S('iq', 'age')))).toEqual([[98, 42, 126], [20, 22, 25]]);
    expect(js(q.at(t, L(2, 0)))).toEqual({ name: ['Prefect', 'Dent'], iq: [126, 98], age: [25, 20] });
    expect(js(q.index(t, L(2, 0), s1('iq')))).toEqual([126, 98]);
    expect(js(q.index(t, 1, s1('name')))).toBe('Beeblebrox');
    expect(js(q.index(t, undefined, s1('age')))).toEqual([20, 22, 25]);
    err(() => q.at(t, s1('zz')), 'zz');
  });
  it('nested and dictionary indexes keep their shape', () => {
    const x = L(10, 20, 30);
    expect(js(q.at(x, K.from([L(0, 1), 2])))).toEqual([[10, 20], 30]);
    expect(js(q.at(x, K.from({ a: 0, b: 2 })))).toEqual({ a: 10, b: 30 });
    expect(js(q.at(x, K.boolean([true, false, true])))).toEqual([20, 10, 20]);
  });
  it('bad indexes', () => {
    err(() => q.at(L(1, 2), 1.5), 'type');
    err(() => q.at(L(1, 2), s1('a')), 'type');
    err(() => q.at(5, 0), 'type');
  });
  it('@ and . on functions are left to the language', async () => {
    const { lookup } = await import('../src/ops/registry.js');
    const f = K.from(null); // :: is a function value (type 101)
    expect(() => lookup('@')!.dyad!(f, K.from(1))).toThrow('nyi');
    expect(() => lookup('.')!.dyad!(f, K.from([1]))).toThrow('nyi');
  });
});

describe('attributes with #', () => {
  it('`s# `u# `p# `g# set and check', () => {
    expect(q.take(s1('s'), L(1, 2, 3)).attr).toBe('s');
    expect(q.take(s1('u'), L(3, 1, 2)).attr).toBe('u');
    expect(q.take(s1('p'), L(1, 1, 2)).attr).toBe('p');
    expect(q.take(s1('g'), L(2, 1, 2)).attr).toBe('g');
    err(() => q.take(s1('s'), L(3, 1, 2)), 's-fail');
    err(() => q.take(s1('u'), L(1, 1)), 'u-fail');
    err(() => q.take(s1('p'), L(1, 2, 1)), 'u-fail');
    err(() => q.take(s1('p'), K.from([1, s1('a')])), 'type');
    err(() => q.take(s1('x'), L(1, 2)), 'domain');
    const x = q.take(s1('s'), L(1, 2));
    expect(q.take(s1(''), x).attr).toBe('');
    // unsetting s# on a sorted list changes the list itself (set-attribute.md: no copy is made)
    expect(x.attr).toBe('');
    const y = q.take(s1('u'), L(1, 2));
    expect(q.take(s1(''), y).attr).toBe('');
    expect(y.attr).toBe('u');
  });
  it('`s# on a table sets parted on its first column', () => {
    const t = q.take(s1('s'), q.table({ ti: [0, 1, 3], v: [98, 98, 100] }));
    expect(t.attr).toBe('s');
    const c = q.at(t, s1('ti'));
    expect(c.attr).toBe('p');
    expect(q.at(t, s1('v')).attr).toBe('');
  });
});

describe('til (v128 loop, scalar tail)', () => {
  it('0..40 items', () => {
    for (let n = 0; n <= 40; n++) expect(q.til(n).toJS()).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});

describe('step dictionaries (apply.md)', () => {
  it('keys not present take the value of the highest key below', () => {
    const d = K.from({ cat: 'chat', cow: 'vache', dog: 'chien', sheep: 'mouton' });
    const ds = q.take(s1('s'), d);
    expect(js(q.at(ds, S('sheep', 'snake', 'cat', 'ant')))).toEqual(['mouton', 'mouton', 'chat', '']);
    // s# went on d's own keys (set-attribute.md: the key in place, the outer dictionary copied): d steps too
    expect(js(q.at(d, S('sheep', 'snake', 'cat', 'ant')))).toEqual(['mouton', 'mouton', 'chat', '']);
    const d2 = K.from({ cat: 'chat', cow: 'vache' });
    expect(js(q.at(d2, S('cat', 'cot')))).toEqual(['chat', '']);
    const e = q.dict(K.long([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]), til(10));
    const es = q.take(s1('s'), e);
    expect(js(q.at(es, L(80, 35, 20, -10)))).toEqual([8, 3, 2, null]);
    expect(js(q.at(es, 35))).toBe(3);
  });
});

describe('t _ i', () => {
  it('removes row i of a table (a table is a list of records)', () => {
    const t = q.table({ a: [1, 2, 3], b: ['x', 'y', 'z'] });
    expect(js(q.drop(t, 1))).toEqual({ a: [1, 3], b: ['x', 'z'] });
    expect(js(q.drop(t, 7))).toEqual({ a: [1, 2, 3], b: ['x', 'y', 'z'] });
  });
});

describe('dictionaries with an atom key', () => {
  it('join as one-entry dictionaries (dict.q.txt)', async () => {
    const { dictPtr } = await import('../src/convert.js');
    const { E } = await import('../src/runtime.js');
    const one = (k: K, v: K) => new K(dictPtr(E.r1(k.ptr), E.r1(v.ptr)));
    const d = K.from({ a: 1, b: 2, c: 3 });
    expect(js(q.join(d, one(s1('d'), K.from(4))))).toEqual({ a: 1, b: 2, c: 3, d: 4 });
    expect(js(q.join(d, one(s1('a'), K.from(10))))).toEqual({ a: 10, b: 2, c: 3 });
  });
});

describe('raze of tables', () => {
  it('joins the rows of tables with the same columns (by name)', () => {
    const a = q.table({ a: [1, 2], b: ['x', 'y'] }), b = q.table({ b: ['z'], a: [3] }), c = q.table({ a: K.long([]), b: K.symbol([]) });
    const r = q.raze(K.from([a, b, c, a]));
    expect(r.type).toBe(98);
    expect(js(r)).toEqual({ a: [1, 2, 3, 1, 2], b: ['x', 'y', 'z', 'x', 'y'] });
    err(() => q.raze(K.from([a, q.table({ a: [1] })])), 'mismatch');
  });
  it('upserts dictionaries in order', () => {
    expect(js(q.raze(K.from([K.from({ a: 1, b: 2 }), K.from({ b: 3, c: 4 })])))).toEqual({ a: 1, b: 3, c: 4 });
  });
});

describe('methods on K', () => {
  it('take drop join raze cut sublist index', () => {
    const x = K.long([1, 2, 3, 4, 5]);
    expect(js(x.take(2))).toEqual([1, 2]);
    expect(js(x.take(-7))).toEqual([4, 5, 1, 2, 3, 4, 5]);
    expect(js(x.drop(3))).toEqual([4, 5]);
    expect(js(x.join([6, 7]))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(js(x.cut(2))).toEqual([[1, 2], [3, 4], [5]]);
    expect(js(x.cut(2).raze())).toEqual([1, 2, 3, 4, 5]);
    expect(js(x.sublist([1, 2]))).toEqual([2, 3]);
    expect(js(x.index([4, 0, 9]))).toEqual([5, 1, null]);
    expect(js(x.take([2, 2]).index(undefined, 1))).toEqual([2, 4]);
  });
});

describe('dictsandtables.md', () => {
  const d = () => K.from({ a: 10, b: 20, c: 30, d: 10 });
  it('taking and dropping from a dictionary', () => {
    expect(js(q.take(-2, d()))).toEqual({ c: 30, d: 10 });
    expect(js(q.drop(-1, d()))).toEqual({ a: 10, b: 20, c: 30 });
    expect(js(q.take(S('b', 'd'), d()))).toEqual({ b: 20, d: 10 });
    expect(js(q.drop(S('b', 'x'), d()))).toEqual({ a: 10, c: 30, d: 10 });
  });
  it('indexing by a list of keys and a list of indexes', () => {
    const dic = q.dict(S('a', 'b', 'c', 'd', 'e'), L(10, 20, 30, 40, 50));
    expect(js(q.at(dic, S('d', 'b')))).toEqual([40, 20]);
    expect(js(q.at(L(10, 20, 30, 40, 50), L(3, 1)))).toEqual([40, 20]);
    expect(js(q.at(L(10, 20, 30, 40, 50), 5))).toBe(null);
    expect(js(q.at(dic, s1('x')))).toBe(null);
  });
  it('joining dictionaries upserts', () => {
    expect(js(q.join(K.from({ a: 10, b: 20, c: 30 }), K.from({ c: 400, d: 500 })))).toEqual({ a: 10, b: 20, c: 400, d: 500 });
  });
});

describe('dictionaries with general keys', () => {
  it('strings as keys: one key, a list of keys, missing keys', () => {
    const d = q.dict(K.from([str('ab'), str('cd'), str('e')]), L(1, 2, 3));
    expect(js(q.at(d, str('cd')))).toBe(2);
    expect(js(q.at(d, K.from([str('e'), str('zz'), str('ab')])))).toEqual([3, null, 1]);
    expect(js(q.at(d, str('zz')))).toBe(null);
    expect(js(q.drop(K.from([str('ab')]), d))).toEqual(new Map([['cd', 2], ['e', 3]]));
  });
  it('mixed keys', () => {
    const d = q.dict(K.from([1, s1('a'), K.from([1, 2])]), S('x', 'y', 'z'));
    expect(js(q.at(d, s1('a')))).toBe('y');
    expect(js(q.at(d, L(1, 2)))).toBe('z');
    expect(js(q.at(d, 1))).toBe('x');
    expect(js(q.at(d, 7))).toBe('');
  });
});

describe('find.md: general keys match a simple list whole, a mixed list item by item', () => {
  it('u?10 2 -6, u?(2 3;`ab) as dictionary lookups', () => {
    const u = K.from([str('abcde'), L(10, 2, -6), K.from([L(2, 3), s1('ab')])]);
    const d = q.dict(u, L(0, 1, 2));
    expect(js(q.at(d, L(10, 2, -6)))).toBe(1);
    expect(js(q.at(d, str('abcde')))).toBe(0);
    expect(js(q.at(d, K.from([L(2, 3), s1('ab')])))).toEqual([null, null]);
  });
});

// Memory behaviour of the structural family: errors leave memory as it was,
// neighbouring values are never touched, results alias their arguments only
// through reference counts, and append grows a block in place only when it
// owns it alone.
import { describe, it, expect } from 'vitest';
import { q as q0, K } from '../src/index.js';
import { Q as QS } from '../src/ops/structural.js';

/** The q namespace, with this family's functions typed. */
const q = q0 as typeof q0 & typeof QS;
import { QError } from '../src/errors.js';
import { hdrRef } from '../src/runtime.js';

const blocks = () => q.memory().blocks;
const L = (...xs: unknown[]) => K.from(xs);
const S = (...s: string[]) => K.symbol(s);

/** f must throw QError(name) and leave the engine's live blocks unchanged;
 *  the K arguments f uses are made first, by args. */
function failsClean<A extends unknown[]>(args: () => A, f: (...a: A) => unknown, name: string): void {
  const a = args();
  const before = blocks();
  let msg = '';
  try { f(...a); } catch (e) { expect(e).toBeInstanceOf(QError); msg = (e as Error).message; }
  expect(msg).toBe(name);
  expect(blocks()).toBe(before);
  for (const k of a) if (k instanceof K) k.dispose();
}

describe('errors leave memory unchanged', () => {
  it('take, drop, cut, sublist, join, raze, index', () => {
    const x = L(1, 2, 3), t = q.table({ a: [1, 2], b: ['x', 'y'] }), d = K.from({ a: 1, b: 2 });
    const k = (f: () => K) => f(); // builds an argument outside the measured call
    const neg = k(() => K.long([-1, 2])), zz = S('zz'), big = k(() => K.long([2 ** 20, 2 ** 12])), sa = S('a'), sab = S('a', 'b');
    const t2 = q.table({ a: [1], c: [2] }), l1 = K.from([1, d]), nest = K.from([0, [1, 1.5]]), sazz = S('a', 'zz');
    const m2 = K.from([[1, 2], [3, 4]]), p2 = K.from([1, 0.5]), f15 = K.from(1.5), i5 = K.from(5), c102 = K.long([1, 0, 2]);
    const big2 = K.long([2 ** 20, 2 ** 11]), d31 = K.long([3, 1]), m1 = K.from(-1), l123 = K.long([1, 2, 3]), two33 = K.from(2 ** 33), two31 = K.from(2 ** 31), one = K.from(1);
    failsClean(() => [] as const, () => q.take(f15, x), 'type');
    failsClean(() => [] as const, () => q.take(c102, x), 'domain');
    failsClean(() => [] as const, () => q.take(neg, x), 'domain');
    failsClean(() => [] as const, () => q.take(zz, t), 'zz');
    failsClean(() => [] as const, () => q.take(two33, x), 'limit');
    failsClean(() => [] as const, () => q.take(two31, x), 'wsfull');
    failsClean(() => [] as const, () => q.take(big, x), 'limit');
    failsClean(() => [] as const, () => q.take(big2, x), 'wsfull');
    failsClean(() => [] as const, () => q.drop(t, sa), 'type');
    failsClean(() => [] as const, () => q.drop(d, sab), 'type');
    failsClean(() => [] as const, () => q.drop(one, i5), 'type');
    failsClean(() => [] as const, () => q.drop(d31, x), 'domain');
    failsClean(() => [] as const, () => q.cut(m1, x), 'domain');
    failsClean(() => [] as const, () => q.sublist(l123, x), 'length');
    failsClean(() => [] as const, () => q.join(x, d), 'type');
    failsClean(() => [] as const, () => q.join(t, t2), 'mismatch');
    failsClean(() => [] as const, () => q.raze(l1), 'type');
    failsClean(() => [] as const, () => q.at(x, f15), 'type');
    failsClean(() => [] as const, () => q.at(t, sazz), 'zz');
    failsClean(() => [] as const, () => q.at(x, nest), 'type');
    failsClean(() => [] as const, () => q.dotIndex(m2, p2), 'type');
  });
});

describe('neighbours and arguments are untouched', () => {
  it('values allocated around the arguments keep their bytes', () => {
    const before = K.long([11, 12, 13]);
    const x = K.long([1, 2, 3, 4, 5]);
    const after = K.long([21, 22, 23]);
    const outs = [
      q.take(-12, x), q.take(3, x), q.drop(2, x), q.drop(x, 1), q.join(x, x), q.at(x, K.long([4, -1, 9, 0])),
      q.cut(2, x), q.sublist([1, 9], x), q.raze(K.from([x, x])), q.take([3, 4], x),
    ];
    expect(before.toJS()).toEqual([11, 12, 13]);
    expect(after.toJS()).toEqual([21, 22, 23]);
    expect(x.toJS()).toEqual([1, 2, 3, 4, 5]);
    outs.forEach((o) => o.dispose());
  });
  it('results never share a block with a vector argument', () => {
    const x = K.long([1, 2, 3]);
    const r = q.take(3, x);
    expect(r.ptr).not.toBe(x.ptr);
    (r.data as BigInt64Array)[0] = 99n;
    expect(x.toJS()).toEqual([1, 2, 3]);
  });
  it('general-list results hold their own references to shared children', () => {
    const a = K.long([1, 2]);
    const g = K.from([a, a]);
    const r0 = hdrRef(a.ptr);
    const t = q.take(5, g);
    expect(hdrRef(a.ptr)).toBe(r0 + 5);
    const i = q.at(g, K.long([0, 1, 0, 7]));
    expect(hdrRef(a.ptr)).toBe(r0 + 5 + 3);
    t.dispose(); i.dispose();
    expect(hdrRef(a.ptr)).toBe(r0);
  });
  it('x,x and raze of a list holding one vector twice', () => {
    const x = L(1, 2, 3);
    expect(q.join(x, x).toJS()).toEqual([1, 2, 3, 1, 2, 3]);
    expect(q.raze(K.from([x, x, x])).toJS()).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3]);
  });
});

describe('append x,:y', () => {
  it('grows a block it owns alone in place', () => {
    let x = K.long([1]);
    const p = x.ptr;
    x = q.append(x, 2) as K;
    expect(x.ptr).toBe(p);   // 32-byte block: room for 2 longs
    expect(x.toJS()).toEqual([1, 2]);
  });
  it('amortises: 10k appends make a handful of allocations', () => {
    let x = K.long([]);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) { x = q.append(x, i) as K; seen.add(x.ptr); }
    expect(x.count).toBe(10_000);
    expect(Number((x.data as BigInt64Array)[9999])).toBe(9999);
    expect(seen.size).toBeLessThan(20);
  });
  it('copies when another reference exists, leaving it unchanged', () => {
    const x = K.long([1, 2, 3]);
    const y = x.ref();
    const z = q.append(y, K.long([4])) as K;
    expect(y.disposed).toBe(true);
    expect(z.ptr).not.toBe(x.ptr);
    expect(x.toJS()).toEqual([1, 2, 3]);
    expect(z.toJS()).toEqual([1, 2, 3, 4]);
  });
  it('x,:x', () => {
    let x = K.long([1, 2]);
    x = q.append(x, x) as K;
    expect(x.toJS()).toEqual([1, 2, 1, 2]);
  });
  it('is strict about types and leaves x usable after an error', () => {
    const x = K.long([1, 2, 3]);
    const i1 = K.int([1]), f = K.from(5.5);
    const before = blocks();
    expect(() => q.append(x, f)).toThrow('type');
    expect(() => q.append(x, i1)).toThrow('type');
    expect(blocks()).toBe(before);
    expect(x.disposed).toBe(false);
    expect(x.toJS()).toEqual([1, 2, 3]);
  });
  it('general lists: any item; a list one rank lower is one item', () => {
    let s = K.from([K.from(null), 3, 4]);
    s = q.append(s, 5.5) as K;
    expect(s.toJS()).toEqual([null, 3, 4, 5.5]);
    let e = K.from([K.long([1, 2, 3])]);
    e = q.append(e, K.long([4, 5, 6])) as K;
    expect(e.toJS()).toEqual([[1, 2, 3], [4, 5, 6]]);
    const j = q.join(K.from([K.long([1, 2, 3])]), K.long([4, 5, 6]));
    expect(j.toJS()).toEqual([[1, 2, 3], 4, 5, 6]);
  });
  it('dictionaries upsert', () => {
    let d = K.from({ a: 1, b: 2 });
    d = q.append(d, K.from({ a: 3, c: 4 })) as K;
    expect(d.toJS()).toEqual({ a: 3, b: 2, c: 4 });
  });
  it('tables append rows', () => {
    let t = q.table({ a: K.int([1, 2]), b: [3, 4] });
    t = q.append(t, q.table({ a: K.int([5, 6]), b: [7, 8] })) as K;
    expect(t.toJS()).toEqual({ a: [1, 2, 5, 6], b: [3, 4, 7, 8] });
  });
});

describe('no leaks on many shapes', () => {
  it('nested takes, cuts and indexes release everything', () => {
    const before = blocks();
    const ab = K.string('ab'), xy = K.string('xy'), ix = K.long([0, 9, 2]), e = K.from([]);
    const x = K.from([[1, 2], ab, [xy, 3]]);
    const rs = [q.take(7, x), q.take(-7, x), q.at(x, ix), q.index(x, undefined, 0), q.cut(2, x), q.raze(x),
      q.take([2, 2], x), q.drop(x, 1), q.drop(1, x), q.sublist([-1, 3], x), q.join(x, 5), q.take(3, e)];
    rs.forEach((r) => r.dispose());
    [x, ab, xy, ix, e].forEach((k) => k.dispose());
    expect(blocks()).toBe(before);
  });
});

describe('append to tables (append in join.md)', () => {
  it('strict column types', () => {
    const t = q.table({ a: K.int([1, 2]), b: [3.5, 4] });
    const bad = q.table({ a: [5.5, 6], b: K.int([7, 8]) });
    const before = blocks();
    expect(() => q.append(t, bad)).toThrow('type');
    expect(blocks()).toBe(before);
    expect(t.disposed).toBe(false);
  });
  it('records: a list of one atom per column, a list of records', () => {
    let t = q.table({ a: [1, 2], b: [3, 4] });
    t = q.append(t, [5, 6]);
    t = q.append(t, K.from([K.long([7, 8]), K.long([9, 10])]));
    expect(t.toJS()).toEqual({ a: [1, 2, 5, 7, 9], b: [3, 4, 6, 8, 10] });
  });
  it('missing columns are filled with nulls', () => {
    let t = q.table({ a: [1, 2], b: [3, 4] });
    t = q.append(t, K.from({ a: 5 }));
    t = q.append(t, q.table({ b: [6, 7] }));
    expect(t.toJS()).toEqual({ a: [1, 2, 5, null, null], b: [3, 4, null, 6, 7] });
    expect(() => q.append(t, q.table({ z: [1] }))).toThrow('mismatch');
  });
  it('dictionaries of simple values take only their type', () => {
    let s = K.from({ a: 1, b: 2 });
    s = q.append(s, K.from({ a: 3, c: 4 }));
    expect(s.toJS()).toEqual({ a: 3, b: 2, c: 4 });
    expect(() => q.append(s, K.from({ d: 5.5 }))).toThrow('type');
  });
});

// Adversarial tests of the core q functions (src/ops/core.ts) and the K handle
// (src/k.ts): every type and shape, errors are QErrors, nothing leaks.
import { describe, it, expect } from 'vitest';
import { q, K, QError } from '../src/index.js';
import { E } from '../src/runtime.js';

const qerr = (f: () => unknown, name: string) => {
  let err: unknown;
  try { f(); } catch (e) { err = e; }
  expect(err, `expected '${name}`).toBeInstanceOf(QError);
  expect((err as Error).message).toBe(name);
};
const blocks = () => q.memory().blocks;

/** One value of every shape the core handles. */
function samples(): K[] {
  return [
    K.boolean(true), K.boolean([true, false]), K.guid('0123456789abcdef0123456789abcdef'), K.guid([null]),
    K.byte(7), K.byte([1, 2]), K.short(null), K.short([1, null]), K.int(Infinity), K.int([1, -Infinity]),
    K.long(3), K.long([]), K.real(NaN), K.real([1.5]), K.float(-0), K.float([1, NaN]), K.char('a'), K.string('ab'),
    K.symbol('x'), K.symbol(['', 'y']), K.timestamp(null), K.timestamp([0n]), K.month(1), K.month([null]),
    K.date(-1), K.date([Infinity]), K.datetime(0.5), K.datetime([NaN]), K.timespan(1n), K.timespan([null]),
    K.minute(1), K.minute([2]), K.second(3), K.second([4]), K.time(5), K.time([6]),
    K.from([]), K.from([1, 'a', [2, 3]]), K.from({ a: 1, b: [2, 3] }), q.table({ a: [1, 2], b: ['x', 'y'] }),
    q.table({}), q('{x+y}'), K.from(null),
  ];
}

describe('core functions on every type and shape', () => {
  const fns: [string, (x: K) => K][] = [
    ['count', q.count], ['type', q.type], ['enlist', (x) => q.enlist(x)], ['first', q.first], ['last', q.last],
    ['null', q.null], ['flip', q.flip], ['key', q.key], ['value', q.value], ['attr', q.attr], ['til', q.til],
  ];
  for (const [name, f] of fns) {
    it(`${name} gives a value or a QError, leaves its argument intact and leaks nothing`, () => {
      const b0 = blocks();
      const xs = samples();
      const refs = xs.map((x) => E.memory && new Int32Array(E.memory.buffer)[(x.ptr + 4) >> 2]);
      const shown = xs.map((x) => String(x));
      for (const x of xs) {
        try { const r = f(x); expect(() => String(r)).not.toThrow(); r.dispose(); }
        catch (e) { expect(e, `${name} ${String(x)}`).toBeInstanceOf(QError); }
      }
      xs.forEach((x, i) => {
        expect(new Int32Array(E.memory.buffer)[(x.ptr + 4) >> 2], `refcount of ${shown[i]}`).toBe(refs[i]);
        expect(String(x)).toBe(shown[i]);
      });
      xs.forEach((x) => x.dispose());
      expect(blocks()).toBe(b0);
    });
  }

  it('flip extends atom values to the columns\' length, as the reference shows', () => {
    expect(String(q('flip `sym`price`size!(`I;10.2 23.45 45.67;100)'))).toBe(
      String(q('([] sym:`I`I`I; price:10.2 23.45 45.67; size:100 100 100)')));
    const d = q.dict(K.symbol(['a', 'b']), K.from([K.long(1), K.long([2, 3])]));
    const t = q.flip(d);
    expect(t.toJS()).toEqual({ a: [1, 1], b: [2, 3] });
    qerr(() => q('flip `a`b!(1;2)'), 'rank');
    qerr(() => q('flip `a`b!(1 2;3 4 5)'), 'length');
    expect(String(q('flip (1 2 3;4)'))).toBe('(1 4;2 4;3 4)');
  });

  it('til: integral atoms only; negative is domain; results are exact', () => {
    expect(q.til(K.long(0)).count).toBe(0);
    expect(q.til(K.boolean(true)).toJS()).toEqual([0]);
    expect(q.til(K.short(5)).toJS()).toEqual([0, 1, 2, 3, 4]);
    const big = q.til(K.long(100003));
    const d = big.data as BigInt64Array;
    for (let i = 0; i < d.length; i++) if (d[i] !== BigInt(i)) throw new Error(`til at ${i}`);
    qerr(() => q.til(K.long(-1)), 'domain');
    qerr(() => q.til(K.long(null)), 'domain');
    qerr(() => q.til(K.long(Infinity)), 'limit');
    qerr(() => q.til(K.long(2 ** 31)), 'wsfull');
    qerr(() => q.til(K.float(3)), 'type');
    qerr(() => q.til(K.long([3])), 'type');
  });

  it('dictionaries and tables hold one reference to each child; disposal frees all', () => {
    const b0 = blocks();
    const c1 = K.long([1, 2]), c2 = K.string('xy');
    const k = K.symbol(['a', 'b']), v = K.from([c1, c2]);
    c1.dispose(); c2.dispose();
    const rc = (x: K) => new Int32Array(E.memory.buffer)[(x.ptr + 4) >> 2];
    const d = q.dict(k, v);
    expect([rc(k), rc(v)]).toEqual([2, 2]);
    const t = q.flip(d);
    expect([rc(k), rc(v)]).toEqual([3, 3]);
    const d2 = q.flip(t);
    expect(rc(d2)).toBe(2); // the table's own dictionary
    for (const x of [d, t, d2]) x.dispose();
    expect([rc(k), rc(v)]).toEqual([1, 1]);
    k.dispose(); v.dispose();
    expect(blocks()).toBe(b0);
  });

  it('K.col on a dictionary whose values are a table is a QError, not a TypeError', () => {
    const t = q.table({ x: [1, 2] });
    const d = q.dict(K.symbol(['a', 'b']), t);
    qerr(() => d.col('a'), 'nyi');
    expect(d.col.bind(d, 'zz')).toThrow(QError);
    const ok = K.from({ a: 1, b: 'x' });
    expect(ok.col('b').toJS()).toBe('x');
  });
});

describe('handles', () => {
  const uses: [string, (k: K) => unknown][] = [
    ['ptr', (k) => k.ptr], ['type', (k) => k.type], ['typeName', (k) => k.typeName], ['isAtom', (k) => k.isAtom],
    ['count', (k) => k.count], ['attr', (k) => k.attr], ['ref', (k) => k.ref()], ['data', (k) => k.data],
    ['item', (k) => k.item(0)], ['at', (k) => k.at(0)], ['iterate', (k) => [...k]], ['keys', (k) => k.keys],
    ['values', (k) => k.values], ['columns', (k) => k.columns], ['col', (k) => k.col('a')], ['fnPayload', (k) => k.fnPayload],
    ['toJS', (k) => k.toJS()], ['toRows', (k) => k.toRows()], ['toString', (k) => String(k)], ['show', (k) => k.show()],
    ['q.count', (k) => q.count(k)], ['q.first', (k) => q.first(k)], ['q.flip', (k) => q.flip(k)], ['q.sum', (k) => q.sum(k)],
    ['K.from', (k) => K.from(k)], ['K.from nested', (k) => K.from([k, 1])], ['K.long', (k) => K.long(k)],
    ['q(text, arg)', (k) => q('{x}', k)],
  ];
  it('every getter and method of a disposed handle throws QError disposed', () => {
    for (const mk of [() => K.long([1, 2]), () => q.table({ a: [1] }), () => K.from({ a: 1 })]) {
      for (const [name, use] of uses) {
        const k = mk();
        k.dispose();
        k.dispose(); // twice is fine
        expect(k.disposed).toBe(true);
        let err: unknown;
        try { use(k); } catch (e) { err = e; }
        expect(err, name).toBeInstanceOf(QError);
        expect((err as Error).message, name).toBe('disposed');
      }
    }
  });

  it('ref() handles share one block; it lives until the last is released', () => {
    const b0 = blocks();
    const a = K.long([1, 2, 3]);
    const b = a.ref(), c = b.ref();
    expect(b.ptr).toBe(a.ptr);
    a.dispose(); b.dispose();
    expect(c.toJS()).toEqual([1, 2, 3]);
    c.dispose();
    expect(blocks()).toBe(b0);
  });

  it('using releases at the end of the scope', () => {
    const b0 = blocks();
    {
      using k = K.float([1, 2]);
      expect(k.count).toBe(2);
    }
    expect(blocks()).toBe(b0);
  });

  it('a second release of a block already freed does not corrupt the free lists', () => {
    const b0 = blocks();
    const p = E.ga(7, 3);
    E.r0(p);
    E.r0(p); // a stray double release (e.g. a kernel bug) is ignored
    const x = E.ga(7, 3), y = E.ga(7, 3);
    expect(x).not.toBe(y);
    E.r0(x); E.r0(y);
    expect(blocks()).toBe(b0);
  });

  it('views are re-created after memory.grow; old views are detached, k.data stays right', () => {
    const k = K.long([5, 6, 7]);
    const v = k.data;
    const buf = E.memory.buffer;
    const big = K.float(new Float64Array(((q.memory().heap) / 8) | 0)); // forces growth
    expect(E.memory.buffer).not.toBe(buf);
    expect(v.length).toBe(0); // detached
    expect(Array.from(k.data as BigInt64Array)).toEqual([5n, 6n, 7n]);
    (k.data as BigInt64Array)[0] = 9n;
    expect(k.toJS()).toEqual([9, 6, 7]);
    big.dispose();
  });
});

describe('item extraction', () => {
  it('makeAtomFrom on a list, dictionary, table or function block, or out of range, is a QError', async () => {
    const { makeAtomFrom } = await import('../src/convert.js');
    const b0 = blocks();
    for (const k of [K.from([1, 'a']), K.from({ a: 1 }), q.table({ a: [1] }), q('{x}')]) {
      qerr(() => makeAtomFrom(k.ptr, 0), 'type');
      k.dispose();
    }
    const v = K.long([1, 2]);
    qerr(() => makeAtomFrom(v.ptr, 2), 'index');
    qerr(() => makeAtomFrom(v.ptr, -1), 'index');
    const a = new K(makeAtomFrom(v.ptr, 1));
    expect(a.toJS()).toBe(2);
    a.dispose(); v.dispose();
    expect(blocks()).toBe(b0);
  });
});

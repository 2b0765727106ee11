// Engine core: constructors, views, conversions, lifetime, errors.
import { describe, it, expect } from 'vitest';
import { q, K, QError } from '../src/index.js';
import { E } from '../src/runtime.js';

const TYPES = [
  ['boolean', 1], ['guid', 2], ['byte', 4], ['short', 5], ['int', 6], ['long', 7], ['real', 8], ['float', 9],
  ['char', 10], ['symbol', 11], ['timestamp', 12], ['month', 13], ['date', 14], ['datetime', 15],
  ['timespan', 16], ['minute', 17], ['second', 18], ['time', 19],
] as const;

/** One sample JS value per type, accepted by the typed constructor. */
const SAMPLE: Record<string, unknown> = {
  boolean: true, guid: '8c680a01-5a49-5aab-5a65-d4bfddb6a661', byte: 255, short: -7, int: 123456,
  long: 9007199254740993n, real: 1.5, float: 0.25, char: 'x', symbol: 'abc',
  timestamp: new Date(Date.UTC(2024, 0, 15, 10, 30)), month: new Date(Date.UTC(2024, 0, 1)),
  date: new Date(Date.UTC(2024, 0, 15)), datetime: new Date(Date.UTC(2024, 0, 15, 12)),
  timespan: 3600000000000n, minute: 90, second: 3661, time: 45296789,
};

const VIEW: Record<string, string> = {
  boolean: 'Uint8Array', guid: 'Uint8Array', byte: 'Uint8Array', short: 'Int16Array', int: 'Int32Array',
  long: 'BigInt64Array', real: 'Float32Array', float: 'Float64Array', char: 'Uint8Array', symbol: 'Int32Array',
  timestamp: 'BigInt64Array', month: 'Int32Array', date: 'Int32Array', datetime: 'Float64Array',
  timespan: 'BigInt64Array', minute: 'Int32Array', second: 'Int32Array', time: 'Int32Array',
};

const ctor = (name: string) => (K as unknown as Record<string, (v: unknown) => K>)[name];

describe.each(TYPES)('%s (type %i)', (name, code) => {
  it('atom: type, count, view, round trip', () => {
    const a = ctor(name)(SAMPLE[name]);
    expect(a.type).toBe(-code);
    expect(a.typeName).toBe(name);
    expect(a.count).toBe(1);
    expect(a.data.constructor.name).toBe(VIEW[name]);
    const back = a.toJS();
    const again = ctor(name)(back);
    expect(again.toJS({ raw: true })).toEqual(a.toJS({ raw: true }));
  });
  it('vector: empty, singleton, several, nulls', () => {
    const e = ctor(name)([]);
    expect(e.type).toBe(code);
    expect(e.count).toBe(0);
    expect(e.toJS()).toEqual(name === 'char' ? '' : []);
    const one = ctor(name)([SAMPLE[name]]);
    expect(one.count).toBe(1);
    const three = ctor(name)([SAMPLE[name], null, SAMPLE[name]]);
    expect(three.count).toBe(3);
    expect(three.data.constructor.name).toBe(VIEW[name]);
    const js = three.toJS() as unknown[] | string;
    if (name === 'boolean') { expect(js).toEqual([true, false, true]); return; } // no boolean null: 0b
    if (name === 'byte') { expect(js).toEqual([255, 0, 255]); return; }
    if (name === 'char') { expect(js).toBe('x x'); return; }
    if (name === 'symbol') { expect(js).toEqual(['abc', '', 'abc']); return; }
    expect((js as unknown[])[1]).toBeNull();
  });
  it('carries null and infinities', () => {
    const c = ctor(name) as unknown as { null: K; inf: K; ninf: K };
    if (['boolean', 'byte', 'char', 'symbol', 'guid'].includes(name)) {
      if (name !== 'boolean' && name !== 'byte') expect(c.null.type).toBe(-code);
      expect(() => c.inf).toThrow(QError);
      return;
    }
    expect(c.null.toJS()).toBeNull();
    const inf = c.inf.toJS({ raw: true }), ninf = c.ninf.toJS({ raw: true });
    expect(typeof inf === 'bigint' ? inf : Number(inf)).toEqual(
      typeof inf === 'bigint' ? 9223372036854775807n : ['real', 'float', 'datetime'].includes(name) ? Infinity : name === 'short' ? 32767 : 2147483647);
    expect(ninf).toEqual(typeof inf === 'bigint' ? -(inf as bigint) : -(inf as number));
    if (name !== 'real' && name !== 'float') {
      expect(c.inf.toJS()).toBe(Infinity);
      expect(c.ninf.toJS()).toBe(-Infinity);
    }
  });
});

describe('typed arrays in', () => {
  it('copies a matching typed array in one go and views it zero-copy', () => {
    const src = new Float64Array([1.5, 2.5, NaN, Infinity]);
    const k = K.float(src);
    expect(k.data).toBeInstanceOf(Float64Array);
    expect(Array.from(k.data as Float64Array)).toEqual([1.5, 2.5, NaN, Infinity]);
    src[0] = 99; // a copy: the source is not aliased
    expect((k.data as Float64Array)[0]).toBe(1.5);
  });
  it('K.from infers from every typed array', () => {
    const cases: [ArrayBufferView, number][] = [
      [new Float64Array(2), 9], [new Float32Array(2), 8], [new BigInt64Array(2), 7], [new Int32Array(2), 6],
      [new Int16Array(2), 5], [new Uint8Array(2), 4], [new Int8Array(2), 5], [new Uint16Array(2), 6], [new Uint32Array(2), 7],
    ];
    for (const [a, t] of cases) expect(K.from(a).type).toBe(t);
  });
  it('converts a typed array of another storage', () => {
    expect(K.long(new Int32Array([1, -2, 3])).toJS()).toEqual([1, -2, 3]);
    expect(K.float(new Int16Array([1, 2])).toJS()).toEqual([1, 2]);
  });
  it('guid from 16-byte blocks', () => {
    const b = new Uint8Array(32); b[0] = 1; b[31] = 255;
    const g = K.guid(b);
    expect(g.count).toBe(2);
    expect(g.toJS()).toEqual(['01000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-0000000000ff']);
  });
});

describe('zero-copy views', () => {
  it('writing through data changes the value q sees', () => {
    const x = q.til(5);
    (x.data as BigInt64Array).fill(88n);
    expect(x.toJS()).toEqual([88, 88, 88, 88, 88]);
    const y = q.first(x);
    expect(y.toJS()).toBe(88);
  });
  it('data is re-derived after memory.grow detaches the old buffer', () => {
    const x = K.long([1, 2, 3]);
    const before = x.data;
    const pages = E.memory.buffer.byteLength;
    const big = K.float(new Float64Array(pages / 8 + 1024)); // forces growth
    expect(E.memory.buffer.byteLength).toBeGreaterThan(pages);
    expect(before.length).toBe(0); // detached
    expect(Array.from(x.data as BigInt64Array)).toEqual([1n, 2n, 3n]);
    big.dispose();
  });
  it('symbols view their ids', () => {
    const s = K.symbol(['a', 'b', 'a']);
    const ids = s.data as Int32Array;
    expect(ids[0]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
    expect(s.symbol(ids[1])).toBe('b');
  });
});

describe('K.from inference', () => {
  it('atoms', () => {
    expect(K.from(true).type).toBe(-1);
    expect(K.from(3).type).toBe(-7);
    expect(K.from(3.5).type).toBe(-9);
    expect(K.from(3n).type).toBe(-7);
    expect(K.from('a').type).toBe(-11);
    expect(K.from(new Date()).type).toBe(-12);
    expect(K.from(null).type).toBe(101);
    expect(K.from(undefined).toJS()).toBeNull();
  });
  it('arrays of one kind are vectors; nulls adopt the kind; mixed is a general list', () => {
    expect(K.from([1, 2, 3]).type).toBe(7);
    expect(K.from([1, 2.5]).type).toBe(9);
    expect(K.from([1, null, 3]).toJS()).toEqual([1, null, 3]);
    expect(K.from(['a', 'b']).type).toBe(11);
    expect(K.from([true, false]).type).toBe(1);
    const m = K.from([1, 'a', [2, 3]]);
    expect(m.type).toBe(0);
    expect(m.toJS()).toEqual([1, 'a', [2, 3]]);
    expect(K.from([]).type).toBe(0);
    expect(K.from([null, null]).type).toBe(0);
  });
  it('objects and Maps are dictionaries', () => {
    const d = K.from({ a: 1, b: 2 });
    expect(d.type).toBe(99);
    expect(d.toJS()).toEqual({ a: 1, b: 2 });
    const m = K.from(new Map([[1, 'x'], [2, 'y']]));
    expect(m.toJS()).toEqual(new Map([[1, 'x'], [2, 'y']]));
    expect(d.toJS({ map: true })).toEqual(new Map([['a', 1], ['b', 2]]));
  });
  it('a K passes through as another reference', () => {
    const x = q.til(3);
    const y = K.from(x);
    expect(y.ptr).toBe(x.ptr);
    x.dispose();
    expect(y.toJS()).toEqual([0, 1, 2]);
  });
});

describe('toJS', () => {
  it('longs are numbers when exact and bigint otherwise or on request', () => {
    const x = K.long([1n, 9007199254740993n, null]);
    expect(x.toJS()).toEqual([1, 9007199254740993n, null]);
    expect(x.toJS({ bigint: true })).toEqual([1n, 9007199254740993n, null]);
    expect(x.toJS({ raw: true })).toEqual([1n, 9007199254740993n, -9223372036854775808n]);
  });
  it('char vectors are strings; symbols strings', () => {
    expect(K.string('hello').toJS()).toBe('hello');
    expect(K.char('x').toJS()).toBe('x');
    expect(K.symbol('abc').toJS()).toBe('abc');
  });
  it('tables to columns and rows, keyed tables to merged rows', () => {
    const t = q.table({ a: [1, 2], b: ['x', 'y'] });
    expect(t.toJS()).toEqual({ a: [1, 2], b: ['x', 'y'] });
    expect(t.toRows()).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    expect(t.count).toBe(2);
    expect(t.columns).toEqual(['a', 'b']);
    expect(t.col('b').toJS()).toEqual(['x', 'y']);
  });
});

describe('temporal conversion at the epoch edges', () => {
  it('2000.01.01 is zero in every temporal type', () => {
    const d = new Date(Date.UTC(2000, 0, 1));
    for (const c of ['timestamp', 'month', 'date', 'datetime', 'timespan', 'minute', 'second', 'time']) {
      const raw = ctor(c)(d).toJS({ raw: true });
      expect(Number(raw)).toBe(0);
    }
  });
  it('dates before 2000 are negative and round-trip', () => {
    const d = new Date(Date.UTC(1970, 0, 1));
    const k = K.date(d);
    expect(k.toJS({ raw: true })).toBe(-10957);
    expect((k.toJS() as Date).toISOString()).toBe('1970-01-01T00:00:00.000Z');
    const ts = K.timestamp(new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)));
    expect(ts.toJS({ raw: true })).toBe(-1000000n);
    expect((ts.toJS() as Date).toISOString()).toBe('1999-12-31T23:59:59.999Z');
  });
  it('nanoseconds survive with bigint (Unix-epoch ns), are floored in a Date', () => {
    const ns = 946684800000000000n + 1500001n; // 2000.01.01D00:00:00.001500001
    const k = K.timestamp(ns, { bigint: true });
    expect(k.toJS({ raw: true })).toBe(1500001n);
    expect(k.toJS({ bigint: true })).toBe(ns);
    expect((k.toJS() as Date).getTime()).toBe(946684800001);
    const neg = K.timestamp(946684800000000000n - 1n, { bigint: true }); // 1ns before 2000: floors to the previous ms
    expect((neg.toJS() as Date).getTime()).toBe(946684799999);
  });
  it('the timestamp range limits of seed 003', () => {
    // 0Wp is 2262.04.11D23:47:16.854775807 in q: an infinity, not a date
    expect(K.timestamp.inf.toJS()).toBe(Infinity);
    expect(K.timestamp.ninf.toJS()).toBe(-Infinity);
    expect(K.timestamp.null.toJS()).toBeNull();
    expect(K.timestamp.inf.toJS({ raw: true })).toBe(9223372036854775807n);
    // the largest timestamp below 0W converts exactly with bigint
    const max = K.timestamp([9223372036854775806n - 946684800000000000n + 946684800000000000n], { bigint: true });
    expect(max.toJS({ raw: true })).toEqual([9223372036854775806n - 946684800000000000n]);
    // Unix-epoch nanoseconds beyond the long range are a domain error, not a wrap
    expect(K.timestamp(9223372036854775807n + 946684800000000000n, { bigint: true }).toJS()).toBe(Infinity);
    expect(() => K.timestamp(9223372036854775807n + 946684800000000001n, { bigint: true })).toThrow('domain');
  });
  it('months and datetimes', () => {
    const m = K.month(new Date(Date.UTC(2024, 1, 29)));
    expect(m.toJS({ raw: true })).toBe(289);
    expect((m.toJS() as Date).toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(K.month(-1).toJS()).toEqual(new Date(Date.UTC(1999, 11, 1)));
    const z = K.datetime(new Date(Date.UTC(2000, 0, 2, 12)));
    expect(z.toJS({ raw: true })).toBe(1.5);
  });
  it('a date beyond what a JS Date holds is a domain error, never an Invalid Date', () => {
    const far = K.date(2000000000);
    expect(() => far.toJS()).toThrow('domain');
    expect(far.toJS({ raw: true })).toBe(2000000000);
  });
  it('durations come back in their own q units', () => {
    expect(K.time(1234).toJS()).toBe(1234);
    expect(K.second(61).toJS()).toBe(61);
    expect(K.minute(2).toJS()).toBe(2);
    expect(K.timespan(1500000n).toJS()).toBe(1500000);
    expect(K.timespan(1500000n).toJS({ bigint: true })).toBe(1500000n);
    expect(K.timespan(2n ** 60n).toJS()).toBe(2n ** 60n);
    // a Date given to a duration constructor means its UTC time of day
    expect(K.time(new Date(Date.UTC(2024, 0, 1, 1, 2, 3, 4))).toJS()).toBe(3723004);
  });
});

describe('lifetime and errors', () => {
  it('memory returns after release', () => {
    const before = q.memory();
    const xs = Array.from({ length: 100 }, (_, i) => K.float(new Float64Array(i * 10)));
    expect(q.memory().blocks).toBe(before.blocks + 100);
    xs.forEach((x) => x.dispose());
    expect(q.memory().blocks).toBe(before.blocks);
    expect(q.memory().used).toBe(before.used);
  });
  it('freed blocks are reused by the next allocation of their class', () => {
    const a = K.float(new Float64Array(100));
    const p = a.ptr;
    a.dispose();
    const b = K.float(new Float64Array(100));
    expect(b.ptr).toBe(p);
  });
  it('a general list owns its children', () => {
    const x = K.long([1, 2]);
    const l = K.from([x, 'a']);
    x.dispose();
    expect(l.toJS()).toEqual([[1, 2], 'a']);
    const before = q.memory().blocks;
    l.dispose();
    expect(q.memory().blocks).toBe(before - 3);
  });
  it('a disposed handle throws QError on every use', () => {
    const x = q.til(3);
    x.dispose();
    x.dispose(); // idempotent
    expect(() => x.data).toThrow(QError);
    expect(() => x.type).toThrow('disposed');
    expect(() => String(x)).toThrow(QError);
    expect(() => x.toJS()).toThrow(QError);
    expect(() => q.count(x)).toThrow(QError);
  });
  it('using releases at the end of the block', () => {
    const before = q.memory().blocks;
    {
      using x = q.til(1000);
      expect(x.count).toBe(1000);
      expect(q.memory().blocks).toBe(before + 1);
    }
    expect(q.memory().blocks).toBe(before);
  });
  it('bad input raises q errors and leaks nothing', () => {
    const l12 = K.long([1, 2]), l1 = K.long([1]);
    const before = q.memory().blocks;
    expect(() => K.long([1, 'a'])).toThrow('type');
    expect(() => K.long([1.5])).toThrow('type');
    expect(() => K.short([40000])).toThrow('domain');
    expect(() => K.boolean([2])).toThrow('type');
    expect(() => K.char('ab')).toThrow('length');
    expect(() => K.guid('not-a-guid')).toThrow('domain');
    expect(() => K.date('2024-01-01')).toThrow('type');
    expect(() => K.from([1, Symbol('x')])).toThrow('type');
    expect(() => K.from(() => 1)).toThrow('type');
    expect(() => q.til(-1)).toThrow('domain');
    expect(() => q.til(2.5)).toThrow('type');
    expect(() => q.dict(l12, l1)).toThrow('length');
    expect(() => q.table({ a: [1, 2], b: [1] })).toThrow('length');
    expect(q.memory().blocks).toBe(before);
  });
  it('huge sizes are wsfull, not a crash; the engine stays usable', () => {
    expect(() => q.til(2 ** 32 - 1)).toThrow('wsfull');
    expect(() => K.float(new Float64Array(0)).dispose()).not.toThrow();
    expect(q.til(3).toJS()).toEqual([0, 1, 2]);
  });
});

describe('the first q functions', () => {
  it('count type enlist first last', () => {
    expect(q.count(q.til(7)).toJS()).toBe(7);
    expect(q.type(q.til(7)).toJS()).toBe(7);
    expect(q.type(K.float(1)).toJS()).toBe(-9);
    expect(q.enlist(5).toJS()).toEqual([5]);
    expect(q.enlist(5).type).toBe(7);
    expect(q.enlist(K.long([1, 2])).type).toBe(0);
    expect(q.first(K.long([4, 5])).toJS()).toBe(4);
    expect(q.last(K.long([4, 5])).toJS()).toBe(5);
    expect(q.first(K.long([])).toJS()).toBeNull();
    expect(q.first(K.symbol([])).toJS()).toBe('');
    expect(q.first(42).toJS()).toBe(42);
    expect(q.first({ a: [1, 2], b: 3 }).toJS()).toEqual([1, 2]);
  });
  it('null is atomic', () => {
    expect(q.null(K.long([1, null, 3])).toJS()).toEqual([false, true, false]);
    expect(q.null(K.float([NaN, 1])).toJS()).toEqual([true, false]);
    expect(q.null(K.symbol(['', 'a'])).toJS()).toEqual([true, false]);
    expect(q.null(K.string('a b')).toJS()).toEqual([false, true, false]);
    expect(q.null(K.from([1, [null, 2]])).toJS()).toEqual([false, [true, false]]);
    expect(q.null({ a: 1.5, b: null }).toJS()).toEqual({ a: false, b: true });
    expect(q.null(null).toJS()).toBe(true);
  });
  it('flip between dictionaries and tables, and transposes lists', () => {
    const d = K.from({ a: [1, 2], b: ['x', 'y'] });
    const t = q.flip(d);
    expect(t.type).toBe(98);
    expect(q.flip(t).type).toBe(99);
    expect(q.flip(K.from([[1, 2], [3, 4]])).toJS()).toEqual([[1, 3], [2, 4]]);
    expect(() => q.flip(K.from({ a: [1, 2], b: [1] }))).toThrow('length');
  });
  it('key value attr', () => {
    const d = K.from({ a: 1, b: 2 });
    expect(q.key(d).toJS()).toEqual(['a', 'b']);
    expect(q.value(d).toJS()).toEqual([1, 2]);
    expect(q.key(3).toJS()).toEqual([0, 1, 2]);
    expect(q.attr(q.til(3)).toJS()).toBe('');
  });
  it('at, item and iteration', () => {
    const x = K.long([10, 20, 30]);
    expect(x.at(0)).toBe(10);
    expect(x.at(-1)).toBe(30);
    expect(x.at(3)).toBeUndefined();
    expect([...x]).toEqual([10, 20, 30]);
    const i = x.item(1);
    expect(i.type).toBe(-7);
    const l = K.from([1, 'a']);
    const c = l.at(1) as K;
    expect(c).toBeInstanceOf(K);
    expect(c.toJS()).toBe('a');
  });
});

describe('function values', () => {
  it('carry a JS payload that is released with the block', () => {
    const payload = { src: '{x+1}' };
    const f = K.fn(100, payload);
    expect(f.type).toBe(100);
    expect(f.fnPayload).toBe(payload);
    const l = K.from([f, 1]);
    f.dispose();
    const g = l.at(0) as K;
    expect(g.fnPayload).toBe(payload);
    g.dispose();
    l.dispose();
    expect(() => K.fn(7, {})).toThrow('type');
  });
});

describe('null over nested values releases its intermediates', () => {
  it('general lists and dictionaries', () => {
    const l = K.from([1, null, 'a', '']);
    const d = K.from({ a: 1, b: null });
    const before = q.memory().blocks;
    q.null(l).dispose();
    q.null(d).dispose();
    expect(q.memory().blocks).toBe(before);
  });
});

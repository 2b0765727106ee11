// Adversarial tests of the JS <-> K boundary (src/convert.ts): round trips over
// every type with nulls, infinities and edges; hostile JS inputs (cycles, deep
// nesting, exotic objects, typed-array views) must give a QError, never a crash,
// a silently wrong value, or a leaked block.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K, QError } from '../src/index.js';

const qerr = (f: () => unknown, name: string) => {
  let err: unknown;
  try { f(); } catch (e) { err = e; }
  expect(err, `expected '${name}`).toBeInstanceOf(QError);
  expect((err as Error).message).toBe(name);
};

const blocks = () => q.memory().blocks;

describe('numbers: K.from picks a type that holds the value', () => {
  it('integers beyond 2^63 and -0 become floats, not a domain error or a lost sign', () => {
    expect(K.from(1e300).type).toBe(-9);
    expect(K.from(1e300).toJS()).toBe(1e300);
    expect(K.from(-(2 ** 63)).type).toBe(-9);
    expect(K.from([1, 1e300]).type).toBe(9);
    expect(Object.is(K.from(-0).toJS(), -0)).toBe(true);
    expect(K.from(2 ** 62).toJS({ bigint: true })).toBe(2n ** 62n);
    expect(K.from(0).type).toBe(-7);
  });

  it('round trips any double (NaN becomes null)', () => {
    fc.assert(fc.property(fc.double(), (x) => {
      const k = K.from(x);
      try {
        const y = k.toJS();
        if (Number.isNaN(x)) expect(y).toBe(null);
        else if (typeof y === 'bigint') expect(!Number.isSafeInteger(x) && BigInt(x) === y).toBe(true);
        else expect(Object.is(y, x)).toBe(true);
      } finally { k.dispose(); }
    }));
  });

  it('round trips any 64-bit integer as bigint, exactly', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n) + 1n, max: 2n ** 63n - 1n }), (x) => {
      const k = K.long(x);
      try {
        expect(k.toJS({ bigint: true })).toBe(x);
        expect(k.toJS({ raw: true })).toBe(x);
      } finally { k.dispose(); }
    }));
    qerr(() => K.long(2n ** 63n), 'domain');
    qerr(() => K.long(-(2n ** 63n) - 1n), 'domain');
    expect(K.long(-(2n ** 63n)).toJS()).toBe(null); // 0N is the minimum long
  });

  it('int, short and byte reject values out of range instead of wrapping', () => {
    qerr(() => K.byte(-1), 'domain');
    qerr(() => K.byte(256), 'domain');
    qerr(() => K.byte(Infinity), 'domain');
    qerr(() => K.byte(-Infinity), 'domain');
    qerr(() => K.byte(NaN), 'domain');
    qerr(() => K.byte([0, -5]), 'domain');
    expect(K.byte(null).toJS()).toBe(0);
    expect(K.byte([0, 255]).toJS()).toEqual([0, 255]);
    qerr(() => K.int(2n ** 40n), 'domain');
    qerr(() => K.int(2 ** 31), 'domain');
    qerr(() => K.short(32768), 'domain');
    qerr(() => K.short(1.5), 'type');
    fc.assert(fc.property(fc.integer({ min: -32767, max: 32767 }), (x) => {
      const k = K.short(x); try { expect(k.toJS()).toBe(x === 32767 ? Infinity : x === -32767 ? -Infinity : x); } finally { k.dispose(); }
    }));
  });

  it('reals keep float32 rounding; infinities and NaN survive', () => {
    const k = K.real([1.1, Infinity, -Infinity, NaN, -0]);
    const v = k.toJS() as number[];
    expect(v[0]).toBe(Math.fround(1.1));
    expect(v.slice(1, 4)).toEqual([Infinity, -Infinity, null]);
    expect(Object.is(v[4], -0)).toBe(true);
  });
});

describe('temporal edges', () => {
  it('a Date whose nanoseconds overflow 64 bits is a domain error, not a wrapped timestamp', () => {
    qerr(() => K.timestamp(new Date(8.64e15)), 'domain');
    qerr(() => K.timestamp(new Date(-8.64e15)), 'domain');
    qerr(() => K.timestamp(new Date(-6.2e13)), 'domain');
    qerr(() => K.from([new Date(0), new Date(8.64e15)]), 'domain');
    const ok = new Date('2262-01-01T00:00:00Z');
    expect((K.timestamp(ok).toJS() as Date).getTime()).toBe(ok.getTime());
  });

  it('invalid Dates are domain errors for every temporal type', () => {
    for (const c of [K.timestamp, K.month, K.date, K.datetime, K.timespan, K.minute, K.second, K.time]) {
      qerr(() => c(new Date(NaN)), 'domain');
    }
  });

  it('months and dates beyond what a Date holds raise domain instead of an Invalid Date', () => {
    qerr(() => K.month(2147483646).toJS(), 'domain');
    qerr(() => K.month(-2147483646).toJS(), 'domain');
    qerr(() => K.date(2147483646).toJS(), 'domain');
    expect(K.month(2147483646).toJS({ raw: true })).toBe(2147483646);
    expect(K.month([null, Infinity, -Infinity]).toJS()).toEqual([null, Infinity, -Infinity]);
    expect((K.month(-1).toJS() as Date).toISOString()).toBe('1999-12-01T00:00:00.000Z');
  });

  it('Dates round trip through timestamp, date (midnight), datetime and month', () => {
    const lo = Date.UTC(1708, 0, 1), hi = Date.UTC(2291, 11, 31);
    fc.assert(fc.property(fc.integer({ min: lo, max: hi }), (ms) => {
      const d = new Date(ms);
      const ks = [K.timestamp(d), K.datetime(d), K.date(d), K.month(d)];
      try {
        expect((ks[0].toJS() as Date).getTime()).toBe(ms);
        expect((ks[1].toJS() as Date).getTime()).toBe(ms);
        expect((ks[2].toJS() as Date).getTime()).toBe(Math.floor(ms / 864e5) * 864e5);
        const m = ks[3].toJS() as Date;
        expect([m.getUTCFullYear(), m.getUTCMonth(), m.getUTCDate()]).toEqual([d.getUTCFullYear(), d.getUTCMonth(), 1]);
      } finally { ks.forEach((k) => k.dispose()); }
    }));
  });

  it('timestamps round trip as Unix-epoch bigint nanoseconds, including the infinities', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 63n) + 1n, max: 2n ** 63n - 1n }), (raw) => {
      const k = K.timestamp(raw + 946684800000000000n, { bigint: true });
      try { expect(k.toJS({ raw: true })).toBe(raw); } finally { k.dispose(); }
    }));
    expect(K.timestamp([Infinity, -Infinity, null]).toJS()).toEqual([Infinity, -Infinity, null]);
  });
});

describe('strings, symbols, chars, guids', () => {
  it('symbols with NUL, emoji and non-ASCII round trip, and intern to the same id', () => {
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 8 }), (ss) => {
      const k = K.symbol(ss);
      try { expect(k.toJS()).toEqual(ss); } finally { k.dispose(); }
    }));
    const s = 'a\0b😀é';
    const a = K.symbol(s), b = K.symbol(s);
    expect(a.data[0]).toBe(b.data[0]);
    expect(a.toJS()).toBe(s);
    expect(K.symbol('').toJS()).toBe('');
    expect(K.symbol(null).data[0]).toBe(0);
  });

  it('char vectors hold UTF-8 bytes and decode back', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => {
      const k = K.string(s);
      try { expect(k.toJS()).toBe(s); expect(k.count).toBe(new TextEncoder().encode(s).length); } finally { k.dispose(); }
    }));
    qerr(() => K.char('é'), 'length');
    qerr(() => K.char(300), 'type');
  });

  it('an Int32Array of symbol ids must hold interned ids only', () => {
    qerr(() => K.symbol(new Int32Array([123456789])), 'index');
    qerr(() => K.symbol(new Int32Array([-1])), 'index');
    qerr(() => K.symbol(new Float64Array([1])), 'type');
    const ab = K.symbol(['a', 'b']);
    expect(K.symbol(ab.data as Int32Array).toJS()).toEqual(['a', 'b']);
    qerr(() => K.symbol([1]), 'type');
  });

  it('guids: strings with or without dashes, bytes, null; bad input is an error', () => {
    const g = '0123456789abcdef0123456789ABCDEF';
    expect(K.guid(g).toJS()).toBe('01234567-89ab-cdef-0123-456789abcdef');
    expect(K.guid([null, '00000000-0000-0000-0000-000000000001']).toJS()).toEqual([null, '00000000-0000-0000-0000-000000000001']);
    expect(K.guid(new Uint8Array(32)).count).toBe(2);
    qerr(() => K.guid(new Uint8Array(17)), 'length');
    qerr(() => K.guid(new Int32Array(4)), 'type');
    qerr(() => K.guid('xyz'), 'domain');
    qerr(() => K.guid(5), 'type');
    fc.assert(fc.property(fc.uuid(), (u) => {
      const k = K.guid(u); try { expect(k.toJS()).toBe(u === '00000000-0000-0000-0000-000000000000' ? null : u); } finally { k.dispose(); }
    }));
  });
});

describe('typed arrays', () => {
  it('subarray views copy only their own bytes', () => {
    const base = new Float64Array([1, 2, 3, 4, 5]);
    expect(K.float(base.subarray(1, 3)).toJS()).toEqual([2, 3]);
    const l = new BigInt64Array([1n, 2n, 3n]);
    expect(K.long(l.subarray(2)).toJS()).toEqual([3]);
    const i = new Int32Array([7, 8, 9]);
    expect(K.from(i.subarray(1)).toJS()).toEqual([8, 9]);
    const b = new Uint8Array([0, 1, 1, 0]);
    expect(K.boolean(b.subarray(1, 3)).toJS()).toEqual([true, true]);
    qerr(() => K.boolean(new Uint8Array([2])), 'type');
  });

  it('SharedArrayBuffer-backed arrays convert', () => {
    const s = new Float64Array(new SharedArrayBuffer(32)); s[1] = 2.5;
    expect(K.float(s.subarray(1)).toJS()).toEqual([2.5, 0, 0]);
    const j = new Int16Array(new SharedArrayBuffer(8)); j[0] = -32768;
    expect(K.from(j).toJS()).toEqual([null, 0, 0, 0]);
  });

  it('every typed array kind maps to a vector; BigUint64 beyond 2^63 is a domain error', () => {
    expect(K.from(new Int8Array([-1])).type).toBe(5);
    expect(K.from(new Uint16Array([65535])).toJS()).toEqual([65535]);
    expect(K.from(new Uint32Array([2 ** 32 - 1])).toJS()).toEqual([2 ** 32 - 1]);
    expect(K.from(new Uint8ClampedArray([3])).type).toBe(4);
    expect(K.from(new Float32Array([0.5])).type).toBe(8);
    qerr(() => K.from(new BigUint64Array([2n ** 64n - 1n])), 'domain');
  });
});

describe('hostile structures', () => {
  it('cyclic arrays, objects and Maps are a clean loop error with nothing leaked', () => {
    const b0 = blocks();
    const o: Record<string, unknown> = { a: 1, b: [1, 2] }; o.self = o;
    qerr(() => K.from(o), 'loop');
    const a: unknown[] = [1, 'x']; a.push([a]);
    qerr(() => K.from(a), 'loop');
    const m = new Map<unknown, unknown>([['k', 1]]); m.set('me', m);
    qerr(() => K.from(m), 'loop');
    expect(blocks()).toBe(b0);
    // the same object twice is not a cycle
    const shared = [1, 2];
    expect(K.from({ x: shared, y: shared, z: [shared, shared] }).toJS()).toEqual({ x: [1, 2], y: [1, 2], z: [[1, 2], [1, 2]] });
  });

  it('50-deep arrays, objects and Maps round trip; absurd depth is a stack error, not a crash', () => {
    let a: unknown = 1, o: unknown = 'leaf', m: unknown = 2;
    for (let i = 0; i < 50; i++) { a = [a, 'x']; o = { k: o }; m = new Map([[i, m]]); }
    expect(K.from(a).toJS()).toEqual(a);
    expect(K.from(o).toJS()).toEqual(o);
    const km = K.from(m);
    let v = km.toJS() as Map<number, unknown>;
    for (let i = 49; i >= 0; i--) { expect(v).toBeInstanceOf(Map); v = v.get(i) as Map<number, unknown>; }
    expect(v).toBe(2);
    const b0 = blocks();
    let deep: unknown = 1;
    for (let i = 0; i < 100000; i++) deep = [deep, 'x'];
    qerr(() => K.from(deep), 'stack');
    expect(blocks()).toBe(b0);
    let ok: unknown = 1;
    for (let i = 0; i < 990; i++) ok = [ok];
    expect(K.from(ok).count).toBe(1);
  });

  it('toJS of a q value nested beyond the limit is a stack error', () => {
    let k = K.long([1]);
    for (let i = 0; i < 1100; i++) { const n = q.enlist(k); k.dispose(); k = n; }
    qerr(() => k.toJS(), 'stack');
    k.dispose();
  });

  it('a sparse array of 2^32-1 items is wsfull at once, not a minutes-long scan', () => {
    const t0 = Date.now();
    qerr(() => K.from(new Array(2 ** 32 - 1)), 'wsfull');
    qerr(() => K.long(new Array(2 ** 32 - 1)), 'wsfull');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('sparse arrays: holes are nulls', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(K.from([1, , 3]).toJS()).toEqual([1, null, 3]);
    expect(K.float(new Array(3)).toJS()).toEqual([null, null, null]);
    // eslint-disable-next-line no-sparse-arrays
    expect(K.from([, ,]).toJS()).toEqual([null, null]);
  });

  it('objects that are not plain records, functions and JS symbols are type errors', () => {
    for (const v of [new DataView(new ArrayBuffer(8)), new ArrayBuffer(8), /x/, new Set([1]), () => 1, Symbol('s'),
      new (class A { x = 1; })(), Promise.resolve(1), new WeakMap()]) {
      qerr(() => K.from(v), 'type');
      qerr(() => K.from([v, 1]), 'type');
    }
    expect(K.from(Object.create(null)).count).toBe(0);
  });

  it('a __proto__ key is an ordinary key in both directions', () => {
    const src = JSON.parse('{"__proto__": {"x": 1}, "b": 2}');
    const d = K.from(src);
    expect(d.keys.toJS()).toEqual(['__proto__', 'b']);
    const back = d.toJS() as Record<string, unknown>;
    expect(Object.keys(back)).toEqual(['__proto__', 'b']);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    const t = q.table({ ['__proto__']: [1, 2], b: [3, 4] } as Record<string, unknown>);
    expect(t.toRows().map((r) => Object.entries(r))).toEqual([[['__proto__', 1], ['b', 3]], [['__proto__', 2], ['b', 4]]]);
    expect(Object.keys(t.toRows()[0])).toEqual(['__proto__', 'b']);
  });

  it('errors part-way through a conversion free everything built so far', () => {
    const b0 = blocks();
    qerr(() => K.from({ a: [1, 2], b: { c: 'x', d: [1n, 2n, 2n ** 64n] } }), 'domain');
    qerr(() => K.from([[1, 2], ['a', Symbol('x')]]), 'type');
    qerr(() => K.long([1, 2, 'x']), 'type');
    qerr(() => q.table({ a: [1, 2], b: [1, 2, 3] }), 'length');
    expect(blocks()).toBe(b0);
  });
});

describe('arbitrary JS values', () => {
  const leaf = fc.oneof(
    fc.integer(), fc.double(), fc.boolean(), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constant(null),
    fc.bigInt({ min: -(2n ** 63n) + 1n, max: 2n ** 63n - 1n }),
    fc.date({ min: new Date(Date.UTC(1800, 0, 1)), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }),
  );
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 4 }), tie('v'), { maxKeys: 3 })),
  })).v;

  it('K.from never throws anything but a QError, and never leaks', () => {
    fc.assert(fc.property(value, (v) => {
      const b0 = blocks();
      try {
        const k = K.from(v);
        const js = k.toJS();
        expect(() => String(k)).not.toThrow();
        k.dispose();
        void js;
      } catch (e) { expect(e).toBeInstanceOf(QError); }
      expect(blocks()).toBe(b0);
    }), { numRuns: 300 });
  });

  // longs come back as bigint and no NaN or Date leaves: toJS is lossy on
  // exactly those (0W -> Infinity, 0 -> 0 loses long-ness, Date -> bigint ns)
  const plainLeaf = fc.oneof(
    fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.string({ unit: 'grapheme', maxLength: 6 }), fc.constant(null),
    fc.bigInt({ min: -(2n ** 63n) + 1n, max: 2n ** 63n - 1n }),
  );
  const plain = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, plainLeaf, fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 4 }), tie('v'), { maxKeys: 3 })),
  })).v;

  it('from(toJS(x, {bigint})) is a fixed point for plain data (after one conversion)', () => {
    fc.assert(fc.property(plain, (v) => {
      let k1: K | undefined, k2: K | undefined;
      try {
        try { k1 = K.from(v); } catch (e) { expect(e).toBeInstanceOf(QError); return; }
        const j1 = k1.toJS({ bigint: true });
        k2 = K.from(j1);
        expect(String(k2)).toBe(String(k1));
      } finally { k1?.dispose(); k2?.dispose(); }
    }), { numRuns: 300 });
  });
});

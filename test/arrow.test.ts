// qwasm/arrow against apache-arrow: q -> Arrow -> q is identity on random
// tables of every column type Arrow can hold, with nulls and infinities, both
// through IPC bytes (read and re-written by apache-arrow) and through
// apache-arrow objects; Arrow from elsewhere maps to the nearest q type; what
// cannot map raises a q error.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as A from 'apache-arrow';
import { q, K, QError } from '../src/index.js';
import { toArrowIPC, fromArrowIPC, toArrow, fromArrow } from '../src/arrow/index.js';

const NI = -2147483648, WI = 2147483647;
const NJ = -9223372036854775808n, WJ = 9223372036854775807n;
const OFF_NS = 946684800000000000n;

const withSpecials = <T>(arb: fc.Arbitrary<T>, ...specials: T[]) => fc.oneof({ weight: 4, arbitrary: arb }, fc.constantFrom(...specials));

// one column generator per q type: [name, JS items -> K]
const SYMS = ['', 'a', 'b', 'IBM', 'MSFT', 'ünï', 'x y'];
const columns: Record<string, fc.Arbitrary<(n: number) => fc.Arbitrary<K>>> = {};
const col = (name: string, f: (n: number) => fc.Arbitrary<K>) => { columns[name] = fc.constant(f); };
col('b', (n) => fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((a) => K.boolean(a)));
col('g', (n) => fc.array(fc.oneof(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.constant(new Uint8Array(16))), { minLength: n, maxLength: n })
  .map((a) => { const b = new Uint8Array(16 * n); a.forEach((x, i) => b.set(x, 16 * i)); return K.guid(b); }));
col('x', (n) => fc.uint8Array({ minLength: n, maxLength: n }).map((a) => K.byte(a)));
col('h', (n) => fc.array(withSpecials(fc.integer({ min: -32767, max: 32767 }), -32768, 32767, -32767), { minLength: n, maxLength: n }).map((a) => K.short(Int16Array.from(a))));
col('i', (n) => fc.array(withSpecials(fc.integer({ min: -WI, max: WI }), NI, WI, -WI), { minLength: n, maxLength: n }).map((a) => K.int(Int32Array.from(a))));
col('j', (n) => fc.array(withSpecials(fc.bigInt({ min: -WJ, max: WJ }), NJ, WJ, -WJ), { minLength: n, maxLength: n }).map((a) => K.long(BigInt64Array.from(a))));
col('e', (n) => fc.array(fc.float(), { minLength: n, maxLength: n }).map((a) => K.real(Float32Array.from(a))));
col('f', (n) => fc.array(fc.double(), { minLength: n, maxLength: n }).map((a) => K.float(Float64Array.from(a))));
col('c', (n) => fc.uint8Array({ minLength: n, maxLength: n }).map((a) => K.char(a)));
col('s', (n) => fc.array(fc.constantFrom(...SYMS), { minLength: n, maxLength: n }).map((a) => K.symbol(a)));
col('p', (n) => fc.array(withSpecials(fc.bigInt({ min: -WJ + 1n, max: WJ - OFF_NS - 1n }), NJ, WJ, -WJ), { minLength: n, maxLength: n }).map((a) => K.timestamp(BigInt64Array.from(a))));
col('m', (n) => fc.array(withSpecials(fc.integer({ min: -1000000, max: 1000000 }), NI, WI, -WI), { minLength: n, maxLength: n }).map((a) => K.month(Int32Array.from(a))));
col('d', (n) => fc.array(withSpecials(fc.integer({ min: -WI + 1, max: WI - 10958 }), NI, WI, -WI), { minLength: n, maxLength: n }).map((a) => K.date(Int32Array.from(a))));
col('n', (n) => fc.array(withSpecials(fc.bigInt({ min: -WJ, max: WJ }), NJ, WJ, -WJ), { minLength: n, maxLength: n }).map((a) => K.timespan(BigInt64Array.from(a))));
col('u', (n) => fc.array(withSpecials(fc.integer({ min: -35791394, max: 35791394 }), NI, WI, -WI), { minLength: n, maxLength: n }).map((a) => K.minute(Int32Array.from(a))));
col('v', (n) => fc.array(withSpecials(fc.integer({ min: -WI, max: WI }), NI, WI, -WI), { minLength: n, maxLength: n }).map((a) => K.second(Int32Array.from(a))));
col('t', (n) => fc.array(withSpecials(fc.integer({ min: -WI, max: WI }), NI, WI, -WI), { minLength: n, maxLength: n }).map((a) => K.time(Int32Array.from(a))));
col('str', (n) => fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { minLength: n, maxLength: n })
  .map((a) => K.from(a.map((s) => K.string(s)))));
col('longs', (n) => fc.array(fc.array(withSpecials(fc.bigInt({ min: -1000n, max: 1000n }), NJ, WJ), { maxLength: 4 }), { minLength: n, maxLength: n })
  .map((a) => K.from(a.map((x) => K.long(BigInt64Array.from(x))))));
col('syms', (n) => fc.array(fc.array(fc.constantFrom(...SYMS), { maxLength: 3 }), { minLength: n, maxLength: n })
  .map((a) => K.from(a.map((x) => K.symbol(x)))));

/** A random table: a random subset of column kinds, n rows. */
const tables = fc.record({
  n: fc.integer({ min: 0, max: 40 }),
  kinds: fc.shuffledSubarray(Object.keys(columns), { minLength: 1 }),
}).chain(({ n, kinds }) => fc.tuple(...kinds.map((k) => columns[k].chain((f) => f(n))))
  .map((cols) => ({ kinds, cols })));

function tableOf(names: string[], cols: K[]): K {
  const keys = K.symbol(names), vals = K.from(cols);
  const d = q.dict(keys, vals);
  const t = q.flip(d);
  [keys, vals, d, ...cols].forEach((k) => k.dispose());
  return t;
}

const same = (a: K, b: K): boolean => { const m = q('~', a, b); try { return m.toJS() === true; } finally { m.dispose(); } };

describe('q -> Arrow -> q is identity', () => {
  it('random tables of every type, with nulls and infinities, three ways', () => {
    fc.assert(fc.property(tables, ({ kinds, cols }) => {
      const t = tableOf(kinds, cols);
      try {
        const bytes = toArrowIPC(t);
        // apache-arrow reads the stream and writes it again: still the same q table
        const viaApache = A.tableToIPC(A.tableFromIPC(bytes), 'stream');
        const a = fromArrowIPC(bytes), b = fromArrowIPC(viaApache), c = fromArrow(toArrow(t, A));
        try {
          expect(same(a, t), t.show()).toBe(true);
          expect(same(b, t)).toBe(true);
          expect(same(c, t)).toBe(true);
        } finally { a.dispose(); b.dispose(); c.dispose(); }
      } finally { t.dispose(); }
    }), { numRuns: 60 });
  });

  it('keyed tables, dictionaries and vectors come back as themselves', () => {
    for (const src of ['([k:`a`b`c] v:1 2 3; w:(enlist "x";"yy";""))', '`a`b`c!1.5 0n -0w', '1 2 3!`x``z',
      '0N 1 0W -0W', '0#`a`b', '2024.01.01D12:00:00.123456789 0N', '("ab";"cd")', '0x00ff', 'enlist 0Ng']) {
      const k = q(src);
      const viaIpc = fromArrowIPC(toArrowIPC(k));
      const viaApache = fromArrow(toArrow(k, A));
      expect(viaIpc.show(), src).toBe(k.show());
      expect(same(viaIpc, k), src).toBe(true);
      expect(same(viaApache, k), src).toBe(true);
    }
  });

  it('empty tables keep their column types', () => {
    const t = q('0#([] a:1 2; s:`a`b; p:2 3f; d:2000.01.01 2000.01.02)');
    const back = fromArrowIPC(toArrowIPC(t));
    expect(same(back, t)).toBe(true);
    const back2 = fromArrow(toArrow(t, A));
    expect(same(back2, t)).toBe(true);
  });
});

describe('the Arrow types users expect', () => {
  it('temporals carry the exact 1970 epoch; symbols are dictionary-encoded utf8; nulls are nulls', () => {
    const t = q('([] p:2000.01.01D00:00:00.000000001,0Np; d:1970.01.01,0Nd; n:0D00:00:01.5,0Nn; s:`IBM`; f:1.5 0n; t:12:00:00.000,0Nt; m:2024.03m,0Nm)');
    const at = A.tableFromIPC(toArrowIPC(t));
    const ty = Object.fromEntries(at.schema.fields.map((f) => [f.name, String(f.type)]));
    expect(ty).toEqual({ p: 'Timestamp<NANOSECOND>', d: 'Date32<DAY>', n: 'Duration<NANOSECOND>', s: 'Dictionary<Int32, Utf8>',
      f: 'Float64', t: 'Time32<MILLISECOND>', m: 'Date32<DAY>' });
    const raw = (name: string) => at.getChild(name)!.data[0].values;
    expect(raw('p')[0]).toBe(946684800000000001n);
    expect(raw('d')[0]).toBe(0);
    expect(raw('n')[0]).toBe(1500000000n);
    expect(raw('t')[0]).toBe(43200000);
    expect(raw('m')[0]).toBe(19783); // 2024-03-01
    expect(at.getChild('s')!.toArray()).toEqual(['IBM', null]);
    for (const name of ['p', 'd', 'n', 's', 'f', 't', 'm']) expect(at.getChild(name)!.nullCount, name).toBe(1);
  });

  it('toArrow shares a numeric column with the engine; { copy: true } does not', () => {
    const k = q('([] f:1.5 2.5 3.5; j:1 2 3)');
    const shared = toArrow(k, A) as A.Table, copied = toArrow(k, A, { copy: true }) as A.Table;
    const f = k.col('f');
    // k.col gives a new handle on the same column block: writing through its view changes k's column
    (f.data as Float64Array)[0] = 99;
    expect(shared.getChild('f')!.get(0)).toBe(99);
    expect(copied.getChild('f')!.get(0)).toBe(1.5);
  });

  it('Arrow from elsewhere: other integer widths, units, large and sliced data', () => {
    const at = A.tableFromArrays({
      i8: Int8Array.from([-1, 2]), u16: Uint16Array.from([65535, 0]), u32: Uint32Array.from([4294967295, 1]),
      u8: Uint8Array.from([255, 0]), f32: Float32Array.from([0.5, NaN]),
    });
    const k = fromArrow(at);
    expect(k.show()).toBe(q('([] i8:-1 2h; u16:65535 0i; u32:4294967295 1; u8:0xff00; f32:0.5e,0Ne)').show());
    const ms = A.vectorFromArray([new Date(Date.UTC(2000, 0, 1, 0, 0, 0, 1)), null], new A.TimestampMillisecond());
    expect(fromArrow(ms).show()).toBe('2000.01.01D00:00:00.001000000 0N');
    const d64 = A.vectorFromArray([new Date(Date.UTC(1999, 11, 31))], new A.DateMillisecond());
    expect(fromArrow(d64).show()).toBe(',1999.12.31D00:00:00.000000000');
    const us = A.vectorFromArray([1500n, null], new A.TimeMicrosecond());
    expect(fromArrow(us).show()).toBe('0D00:00:00.001500000 0N');
    const large = A.vectorFromArray(['ab', null, 'c'], new A.LargeUtf8());
    expect(fromArrow(large).show()).toBe(q('("ab";"";enlist "c")').show());
    const dict = A.vectorFromArray(['x', 'y', null, 'x'], new A.Dictionary(new A.Utf8(), new A.Int8()));
    expect(fromArrow(dict).show()).toBe('`x`y``x');
    const big = new A.Table({ a: A.vectorFromArray(Float64Array.from([1, 2, 3, 4, 5])), b: A.vectorFromArray([true, null, false, true, true]) });
    expect(fromArrow(big.slice(2, 5)).show()).toBe(q('([] a:3 4 5f; b:011b)').show());
    const twoBatches = new A.Table([...big.batches, ...big.slice(0, 2).batches]);
    expect(twoBatches.batches.length).toBe(2);
    expect(fromArrow(twoBatches).show()).toBe(q('([] a:1 2 3 4 5 1 2f; b:1001110b)').show());
    // and as IPC bytes written by apache-arrow, in stream and file formats
    expect(fromArrowIPC(A.tableToIPC(twoBatches, 'stream')).show()).toBe(q('([] a:1 2 3 4 5 1 2f; b:1001110b)').show());
    expect(fromArrowIPC(A.tableToIPC(big, 'file')).show()).toBe(q('([] a:1 2 3 4 5f; b:10011b)').show());
  });
});

describe("what cannot map raises a q error", () => {
  const err = (f: () => unknown) => { try { f(); } catch (e) { return e instanceof QError ? e.message : String(e); } return 'no error'; };
  it("'type for values with no Arrow counterpart", () => {
    for (const src of ['([] z:2000.01.01T00:00 0Nz)', '([] a:(1;`b))', '([] a:(1 2;`b`c))', '42', '{x}', '`a`b!(1;`c)']) {
      const k = q(src);
      expect(err(() => toArrowIPC(k)), src).toBe('type');
      expect(err(() => toArrow(k, A)), src).toBe('type');
    }
  });
  it("'domain for times Arrow cannot hold exactly; 'type for Arrow types q lacks", () => {
    const late = q('enlist 2263.01.01D00:00:00');
    expect(err(() => toArrowIPC(late))).toBe('domain');
    const half = A.makeVector(A.makeData({ type: new A.Float16(), length: 1, data: new Uint16Array([0x3c00]) }));
    expect(err(() => fromArrow(half))).toBe('type');
    const struct = A.tableFromArrays({ a: Int32Array.from([1]) });
    const nested = A.vectorFromArray([{ x: 1 }]);
    expect(err(() => fromArrow(nested))).toBe('type');
    expect(err(() => fromArrow({}))).toBe('type');
    void struct;
  });
});

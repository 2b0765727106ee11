// Any combination of values through the structural functions either returns
// a value or raises a QError — never a JS error or a crash — and leaves no
// blocks behind.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q as q0, K } from '../src/index.js';
import { Q as QS } from '../src/ops/structural.js';
import { QError } from '../src/errors.js';

const q = q0 as typeof q0 & typeof QS;

type Spec = unknown;
const atom: fc.Arbitrary<Spec> = fc.oneof(
  fc.integer({ min: -6, max: 12 }), fc.double({ noNaN: false }), fc.constantFrom('a', 'b', 'zz', ''), fc.boolean(), fc.constant(null),
);
const vector: fc.Arbitrary<Spec> = fc.oneof(
  fc.array(fc.integer({ min: -4, max: 12 }), { maxLength: 8 }),
  fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 6 }),
  fc.array(fc.double(), { maxLength: 5 }),
  fc.array(fc.boolean(), { maxLength: 5 }),
  fc.string({ maxLength: 6 }).map((s) => ({ str: s })),
  fc.array(fc.integer({ min: -3, max: 9 }), { maxLength: 6 }).map((a) => ({ int: a })),
  fc.array(fc.integer({ min: -3, max: 9 }), { maxLength: 6 }).map((a) => ({ short: a })),
);
const value: fc.Arbitrary<Spec> = fc.letrec((tie) => ({
  v: fc.oneof({ depthSize: 'small' }, atom, vector, tie('list'), tie('dict'), tie('table'), tie('keyed')),
  keyed: fc.integer({ min: 0, max: 3 }).map((n) => ({ keyed: n })),
  list: fc.array(tie('v'), { maxLength: 4 }).map((a) => ({ list: a })),
  dict: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.oneof(atom, vector)), { maxLength: 4 }).map((kv) => ({ dict: kv })),
  table: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.subarray(['a', 'b', 'c'], { minLength: 1 })).map(([n, cols]) => ({ table: [n, cols] })),
})).v;

function make(s: Spec): K {
  if (s === null || typeof s !== 'object') return K.from(s);
  if (Array.isArray(s)) return K.from(s);
  const o = s as Record<string, unknown>;
  if ('str' in o) return K.string(o.str as string);
  if ('int' in o) return K.int(o.int as number[]);
  if ('short' in o) return K.short(o.short as number[]);
  if ('list' in o) {
    const items = (o.list as Spec[]).map(make);
    try { return K.from(items.length ? items : []); } finally { items.forEach((k) => k.dispose()); }
  }
  if ('dict' in o) {
    const kv = o.dict as [string, Spec][];
    const seen = new Map<string, Spec>();
    for (const [k, v] of kv) seen.set(k, v);
    const keys = K.symbol([...seen.keys()]);
    const vals = [...seen.values()].map(make);
    const vl = K.from(vals.length ? vals : []);
    try { return q.dict(keys, vl); } finally { keys.dispose(); vl.dispose(); vals.forEach((k) => k.dispose()); }
  }
  if ('keyed' in o) {
    const n = o.keyed as number;
    const ks = K.symbol(Array.from({ length: n }, (_, i) => `k${i}`)), vs = K.long(Array.from({ length: n }, (_, i) => i));
    const k = q.table({ k: ks }), v = q.table({ v: vs });
    try { return q.dict(k, v); } finally { [ks, vs, k, v].forEach((z) => z.dispose()); }
  }
  const [n, cols] = o.table as [number, string[]];
  const spec: Record<string, unknown> = {};
  cols.forEach((c, i) => { spec[c] = Array.from({ length: n }, (_, j) => (i % 2 ? `s${j}` : j * (i + 1))); });
  const made: K[] = [];
  if (n === 0) cols.forEach((c, i) => { const k = i % 2 ? K.symbol([]) : K.long([]); made.push(k); spec[c] = k; });
  try { return q.table(spec); } finally { made.forEach((k) => k.dispose()); }
}

const OPS: [string, (x: K, y: K) => K][] = [
  ['take', (x, y) => q.take(x, y)], ['drop', (x, y) => q.drop(x, y)], ['join', (x, y) => q.join(x, y)],
  ['cut', (x, y) => q.cut(x, y)], ['sublist', (x, y) => q.sublist(x, y)], ['at', (x, y) => q.at(x, y)],
  ['dot', (x, y) => q.dotIndex(x, y)], ['raze', (x) => q.raze(x)], ['index2', (x, y) => q.index(x, y, y)],
  ['append', (x, y) => { const h = x.ref(); try { return q.append(h, y); } catch (e) { h.dispose(); throw e; } }],
];

describe('fuzz', () => {
  it('every structural function on random values: a value or a QError, no leaks', () => {
    fc.assert(fc.property(value, value, fc.constantFrom(...OPS), (a, b, [name, f]) => {
      const before = q.memory().blocks;
      let x: K, y: K;
      try { x = make(a); } catch { return; } // values JS cannot convert (huge doubles as longs)
      try { y = make(b); } catch { x.dispose(); return; }
      let r: K | undefined;
      try {
        r = f(x, y);
        expect(r).toBeInstanceOf(K);
        r.toJS();
      } catch (e) {
        if (!(e instanceof QError)) throw new Error(`${name}: ${(e as Error).stack}`);
      } finally {
        r?.dispose(); x.dispose(); y.dispose();
      }
      expect(q.memory().blocks).toBe(before);
    }), { numRuns: 4000 });
  });
});

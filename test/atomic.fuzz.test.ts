// Robustness: random values of every shape through every atomic function.
// Each call returns a value or throws a QError; memory is unchanged after.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K, QError } from '../src/index.js';
import { raw, arbRaw, code } from './atomic_util.js';

const TYPES = 'bxhijefcspmdznuvt'.split('').map(code);

/** A random q value description, built into K by `make`. */
type V = { t: number; atom: boolean; vals: unknown[] } | { list: V[] } | { dict: [string[], V] };
const leaf: fc.Arbitrary<V> = fc.constantFrom(...TYPES).chain((t) =>
  fc.tuple(fc.boolean(), fc.array(t === 11 ? fc.constantFrom('a', 'b', '', 'zz') as fc.Arbitrary<unknown> : arbRaw(t) as fc.Arbitrary<unknown>, { maxLength: 5 }))
    .map(([atom, vals]) => ({ t, atom: atom && vals.length > 0, vals: atom ? vals.slice(0, 1) : vals })));
const value: fc.Arbitrary<V> = fc.letrec<{ v: V }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    leaf, leaf, leaf,
    fc.array(tie('v'), { maxLength: 3 }).map((list) => ({ list })),
    fc.tuple(fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }), tie('v')).map(([k, v]) => ({ dict: [k, v] as [string[], V] }))),
})).v;

function make(v: V): K {
  if ('list' in v) {
    const items = v.list.map(make);
    try { return K.from(items); } finally { items.forEach((k) => k.dispose()); }
  }
  if ('dict' in v) {
    const [keys, vals] = v.dict;
    const kv = make(vals);
    const kk = K.symbol(keys);
    try { return q.dict(kk, kv); } catch { return kv.ref(); } finally { kk.dispose(); kv.dispose(); }
  }
  if (v.t === 11) return v.atom ? K.symbol(v.vals[0] as string) : K.symbol(v.vals as string[]);
  return raw(v.t, v.vals as never, v.atom);
}

const Q = q as unknown as Record<string, (...a: unknown[]) => K>;
const DY = ['add', 'sub', 'mul', 'div', 'idiv', 'mod', 'xexp', 'xlog', 'and', 'or', 'fill', 'eq', 'ne', 'lt', 'gt', 'le', 'ge', 'within', 'match', 'cast'];
const MO = ['neg', 'abs', 'signum', 'sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'ceiling', 'floor', 'reciprocal', 'not', 'string'];

describe('fuzz', () => {
  it('dyads on random nested values', () => {
    fc.assert(fc.property(fc.constantFrom(...DY), value, value, (op, a, b) => {
      const x = make(a), y = make(b);
      const before = q.memory().blocks;
      try {
        const r = Q[op]!(x, y);
        r.dispose();
      } catch (e) {
        expect(e, String(e)).toBeInstanceOf(QError);
      }
      expect(q.memory().blocks).toBe(before);
      x.dispose(); y.dispose();
    }), { numRuns: 1500 });
  });
  it('monads on random nested values', () => {
    fc.assert(fc.property(fc.constantFrom(...MO), value, (op, a) => {
      const x = make(a);
      const before = q.memory().blocks;
      try { Q[op]!(x).dispose(); } catch (e) { expect(e, String(e)).toBeInstanceOf(QError); }
      expect(q.memory().blocks).toBe(before);
      x.dispose();
    }), { numRuns: 1500 });
  });
});

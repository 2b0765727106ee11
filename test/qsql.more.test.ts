// q-sql on dictionaries, limits with a by, and table arithmetic: results, q's
// errors, and nothing changed or leaked after an error (test/setup.ts checks
// the engine's blocks after every test).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K } from '../src/index.js';

const show = (x: K): string => x.show();

describe('update and exec on a dictionary', () => {
  it('phrases read the keys; by-name amends the global', () => {
    q('qd:`a`b!1 2');
    expect(show(q('update c:a+b from qd'))).toBe('a| 1\nb| 2\nc| 3');
    expect(q('exec a+b from qd').toJS()).toBe(3);
    expect(q('update c:a*10 from `qd').toJS()).toBe('qd');
    expect(show(q('qd'))).toBe('a| 1\nb| 2\nc| 10');
    q('delete qd from `.');
  });
  it('errors leave the dictionary as it was', () => {
    q('qd:`a`b!1 2');
    const before = show(q('qd'));
    expect(() => q('update a:2.5 from `qd')).toThrow('type');
    expect(() => q('update c:nosuch from `qd')).toThrow('nosuch');
    expect(() => q('update a by b from `qd')).toThrow('type');
    expect(() => q('update a:2.5 from `qd where b>1')).toThrow('type');
    expect(() => q('update a:3 from `qd where nosuch>1')).toThrow('nosuch');
    expect(show(q('qd'))).toBe(before);
    q('delete qd from `.');
  });
});

describe('select[>c] and select[n;>c] with a by', () => {
  it('equal sorting the grouped result, then taking n', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 30 }), fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 30 }), fc.integer({ min: -4, max: 4 }), (ks, vs, n) => {
      const m = Math.min(ks.length, vs.length);
      const t = q.table({ k: BigInt64Array.from(ks.slice(0, m).map(BigInt)), v: BigInt64Array.from(vs.slice(0, m).map(BigInt)) });
      const a = q('{select[>s] s:sum v by k from x}', t);
      const b = q('{`s xdesc select s:sum v by k from x}', t);
      expect(q.match(a, b).toJS()).toBe(true);
      const c = q('{[t;n] select[n;<s] s:sum v by k from t}', t, K.from(BigInt(n)));
      const d = q('{[t;n] n sublist `s xasc select s:sum v by k from t}', t, K.from(BigInt(n)));
      expect(q.match(c, d).toJS()).toBe(true);
    }), { numRuns: 40 });
  });
  it('a column the result does not have is signalled by name', () => {
    const t = q('([]k:1 2 1;v:3 4 5)');
    expect(() => q('{select[>w] sum v by k from x}', t)).toThrow('w');
  });
});

describe('table arithmetic', () => {
  it('a list as long as the table meets it row by row', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: -99, max: 99 }), fc.integer({ min: -99, max: 99 })), { minLength: 1, maxLength: 12 }), (rows) => {
      const a = K.from(BigInt64Array.from(rows.map((r) => BigInt(r[0]))));
      const b = K.from(BigInt64Array.from(rows.map((r) => BigInt(r[1]))));
      const v = K.from(BigInt64Array.from(rows.map((r) => BigInt(r[2]))));
      const t = q('{([]a:x;b:y)}', a, b);
      expect(q.match(q('{x+y}', t, v), q('{[t;v] ([]a:t[`a]+v;b:t[`b]+v)}', t, v)).toJS()).toBe(true);
      expect(q.match(q('{x-y}', v, t), q('{[v;t] ([]a:v-t`a;b:v-t`b)}', v, t)).toJS()).toBe(true);
    }), { numRuns: 40 });
  });
  it('length and type errors', () => {
    expect(() => q('([]a:1 2 3)+1 2')).toThrow('length');
    expect(() => q('([]a:1 2 3)+`x`y`z')).toThrow('type');
    // value tables with other columns meet over the union of their columns (test/table/keyed-arith.test.ts)
    expect(show(q('([k:`a`b]v:1 2)+([k:`b`c]w:1 2)'))).toBe(show(q('([k:`a`b`c]v:1 2 0N;w:0N 1 2)')));
  });
  it('keyed tables with different keys: by key, upsert semantics', () => {
    const r = q('([k:`a`b`c]v:1 2 3;w:10 20 30)+([k:`c`d`a]v:100 200 300;w:1 2 3)');
    expect(show(r)).toBe(show(q('([k:`a`b`c`d]v:301 2 103 200;w:13 20 31 2)')));
    const s = q('([k:`a`b]v:1 2)-([k:`b`c]v:10 20)');
    expect(show(s)).toBe(show(q('([k:`a`b`c]v:1 -8 -20)')));
    const two = q('([a:1 1 2;b:`x`y`x]v:1 2 3)|([a:2 1;b:`x`z]v:0 9)');
    expect(show(two)).toBe(show(q('([a:1 1 2 1;b:`x`y`x`z]v:1 2 3 9)')));
  });
});

// The JS face of tables: K.table (typed arrays copied once), t.col (a view of
// the column block itself), t.columns, t.meta(), t.toRows(), t.toColumns().
import { describe, it, expect } from 'vitest';
import { K } from '../src/index.js';
import { evaluate } from '../src/lang/index.js';

describe('K.table and the table accessors', () => {
  it('builds a table from typed arrays and JS arrays', () => {
    const px = new Float64Array([1.5, 2.5, 3.5]);
    const t = K.table({ px, sym: ['a', 'b', 'c'], n: new Int32Array([1, 2, 3]) });
    expect(t.type).toBe(98);
    expect(t.columns).toEqual(['px', 'sym', 'n']);
    expect(t.show()).toBe('px  sym n\n---------\n1.5 a   1\n2.5 b   2\n3.5 c   3');
    px[0] = 99; // the table holds a copy
    expect(t.toColumns().px).toEqual([1.5, 2.5, 3.5]);
    t.dispose();
  });
  it('t.col is a zero-copy view: writing through .data changes the table', () => {
    const t = K.table({ px: new Float64Array([1, 2]) });
    const c = t.col('px');
    (c.data as Float64Array)[1] = 7;
    const again = t.col('px');
    expect(Array.from(again.data as Float64Array)).toEqual([1, 7]);
    expect(again.ptr).toBe(c.ptr);
    c.dispose(); again.dispose(); t.dispose();
  });
  it('meta, toRows, toColumns (keyed tables too)', () => {
    const t = evaluate('([k:`a`b]v:1 2;w:1.5 2.5)');
    const m = t.meta();
    expect(m.show()).toBe('c| t f a\n-| -----\nk| s    \nv| j    \nw| f    ');
    expect(t.toColumns()).toEqual({ k: ['a', 'b'], v: [1, 2], w: [1.5, 2.5] });
    const u = evaluate('([]a:1 2;b:`x`y)');
    expect(u.toRows()).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    m.dispose(); t.dispose(); u.dispose();
  });
  it('rejects ragged, empty and non-list columns', () => {
    expect(() => K.table({ a: [1, 2], b: [1] })).toThrow('length');
    expect(() => K.table({})).toThrow('length');
    expect(() => K.table({ a: 5 })).toThrow('type');
    const x = evaluate('1 2 3');
    expect(() => x.toColumns()).toThrow('type');
    expect(() => x.meta()).toThrow('type');
    x.dispose();
  });
});

// Bugs found by the core QA pass in other families, fixed at integration.
import { describe, it, expect } from 'vitest';
import { q, K } from '../src/index.js';

describe('regressions', () => {
  it('asc of an already sorted vector leaves the argument without s#', () => {
    const a = K.long([1, 2, 3]);
    const b = q.asc(a);
    expect(a.attr).toBe('');
    expect(b.attr).toBe('s');
    expect(String(b)).toBe('`s#1 2 3');
  });
  it('roll and deal past the JS-side limit are a q error, not a dead process', () => {
    expect(() => q('0Wi?1 2')).toThrow('limit');
    expect(() => q('0W?10')).toThrow('limit');
    expect(q('count 1000?10').toJS()).toBe(1000);
  });
  it('building lists while memory grows keeps every item', () => {
    // each item allocates; the list's own block must not be written through a stale view
    const big = K.float(new Float64Array(1 << 22)); // pushes the heap near a growth
    const t = q.table({ a: Array.from({ length: 1000 }, (_, i) => i), b: 'x' });
    expect(q.count(t).toJS()).toBe(1000);
    expect(String(q.last(q.value(q.flip(t))))).toBe(String(K.symbol(Array(1000).fill('x'))));
    big.dispose();
  });
});

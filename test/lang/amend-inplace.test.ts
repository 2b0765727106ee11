// Indexed assignment writes a list in place only when the variable is its sole
// holder: a JS handle, another variable or a lambda's argument keeps its value.
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';

describe('a[i]:y in place', () => {
  it('a JS handle on the list keeps its items', () => {
    q('zz:til 5').dispose();
    const h = q('zz');
    try {
      q('zz[1]:99; zz[2]+:1').dispose();
      expect(Array.from(h.data as BigInt64Array, Number)).toEqual([0, 1, 2, 3, 4]);
      expect(String(q('zz'))).toBe('0 99 3 3 4');
    } finally { h.dispose(); q('delete zz from `.').dispose(); }
  });
  it('the sole holder is amended in place: the block is the same', () => {
    q('zy:til 100000').dispose();
    const before = q('zy'); const p = before.ptr; before.dispose();
    try {
      q('do[1000;zy[7]+:1]').dispose();
      const after = q('zy');
      try { expect(after.ptr).toBe(p); expect(String(q('zy 7'))).toBe('1007'); } finally { after.dispose(); }
    } finally { q('delete zy from `.').dispose(); }
  });
  it('an error leaves the variable as it was', () => {
    q('zx:1 2 3').dispose();
    try {
      expect(() => q('zx[0 1]:(5;`a)')).toThrow(/^type$/);
      expect(String(q('zx'))).toBe('1 2 3');
    } finally { q('delete zx from `.').dispose(); }
  });
  it('an inner list a JS handle holds keeps its items when the outer variable is amended in place', () => {
    q('zw:(1 2;3 4); zv:`a`b!(();5 6)').dispose();
    const inner = q('zw 0'), vals = q('zv`b');
    try {
      q('zw[0;1]+:10; zv[`b;0]:7; zv[`b],:8').dispose();
      expect(String(inner)).toBe('1 2');
      expect(String(vals)).toBe('5 6');
      expect(String(q('zw'))).toBe('(1 12;3 4)');
      expect(String(q('zv'))).toBe('`a`b!(();7 6 8)');
    } finally { inner.dispose(); vals.dispose(); q('delete zw, zv from `.').dispose(); }
  });
});

// Console display details settled by the q reference.
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';

const show = (src: string): string => { const r = q(src); try { return r.show(); } finally { r.dispose(); } };

describe('an empty general list in a dictionary or table cell', () => {
  it('leaves the cell blank (ref/dotq.md: .Q.id (5#.Q.res)!(5#()))', () => {
    expect(show('.Q.id `abs`acos!(();())')).toBe('abs1 | \nacos1| ');
    expect(show('`a`b!(();1 2)')).toBe('a| \nb| 1 2');
    expect(show('`a`b!(`long$();1 2)')).toBe('a| `long$()\nb| 1 2');
  });
});

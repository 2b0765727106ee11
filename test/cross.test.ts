import { describe, it, expect } from 'vitest';
import { q, K } from '../src/index.js';

describe('cross', () => {
  it('pairs every item of x with every item of y, x major', () => {
    expect(String(q.cross(K.long([1, 2, 3]), K.long([10, 20])))).toBe('(1 10;1 20;2 10;2 20;3 10;3 20)');
    expect(String(q.cross(K.string('ab'), K.string('xy')))).toBe('("ax";"ay";"bx";"by")');
    expect(String(q.cross(K.long([1, 2]), K.symbol('a')))).toBe('((1;`a);(2;`a))');
  });
  it('tables cross into the columns of both', () => {
    const t = q.cross(q.table({ s: ['IBM', 'MSFT'] }), q.table({ v: [1, 2] }));
    expect(t.toRows()).toEqual([{ s: 'IBM', v: 1 }, { s: 'IBM', v: 2 }, { s: 'MSFT', v: 1 }, { s: 'MSFT', v: 2 }]);
  });
  it('an empty side gives no pairs and leaks nothing', () => {
    const e = K.long([]), y = K.long([1, 2]);
    const before = q.memory().blocks;
    const r = q.cross(e, y);
    expect(r.count).toBe(0);
    r.dispose();
    expect(q.memory().blocks).toBe(before);
  });
});

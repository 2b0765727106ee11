import { describe, it, expect } from 'vitest';
import { q, K } from '../src/index.js';

describe('smoke', () => {
  it('til 10 is a long vector viewed zero-copy', () => {
    const x = q.til(10);
    expect(x.type).toBe(7);
    expect(x.count).toBe(10);
    expect(Array.from(x.data as BigInt64Array, Number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    (x.data as BigInt64Array)[3] = 42n;
    expect(x.at(3)).toBe(42);
  });
  it('constructs every simple type', () => {
    const k = K.float([1, null, 3]);
    expect(k.toJS()).toEqual([1, null, 3]);
  });
});

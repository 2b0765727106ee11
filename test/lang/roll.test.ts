// n?m for integer m (src/ops/sortsearch/random.ts): the fast fill of longs,
// shorts and ints keeps q's ranges and types, and every draw in [0, m).
import { describe, expect, test } from 'vitest';
import { evaluate } from './helpers.js';

const js = (q: string): unknown => { const k = evaluate(q); try { return k.toJS(); } finally { k.dispose(); } };

describe('roll of integers', () => {
  test.each([
    ['1000?100', 100], ['1000?1', 1], ['1000?5h', 5], ['1000?7i', 7], ['1000?9007199254740991', 9007199254740991],
    ['1000?4294967296', 4294967296], ['1000?4294967297', 4294967297], ['1000?3000000000', 3000000000],
  ])('%s is within [0, m)', (text, m) => {
    const v = (js(text) as (number | bigint)[]).map(Number);
    expect(v.length).toBe(1000);
    expect(v.every((x) => Number.isInteger(x) && x >= 0 && x < m)).toBe(true);
    // not all one value (m > 1): the generator moves
    if (m > 1) expect(new Set(v).size).toBeGreaterThan(1);
  });
  test('types follow the range', () => {
    expect(js('type 3?100')).toBe(7);
    expect(js('type 3?100i')).toBe(6);
    expect(js('type 3?100h')).toBe(5);
    expect(js('type 0?100')).toBe(7);
    expect(js('count 0?100')).toBe(0);
  });
  test('large values past 2^32 keep their high word', () => {
    const v = (js('10000?1000000000000') as (number | bigint)[]).map(Number);
    expect(v.some((x) => x >= 4294967296)).toBe(true);
    expect(v.every((x) => x >= 0 && x < 1e12)).toBe(true);
  });
});

// n?y draws the same numbers in the same order as the reference generator
// (test/ref/random.ts), for every kind of roll, with the state handed on
// between rolls and to deal (which draws through the module's own below()).
// This file must make the first draws of its process: it starts from the seed.
import { describe, expect, test } from 'vitest';
import { q } from '../src/index.js';
import { makeRng } from './ref/random.js';

describe('roll draws', () => {
  test('every roll kind, in sequence from the seed', () => {
    const ref = makeRng();
    const steps: [string, (n: number) => unknown[]][] = [
      ['1000?100', (n) => Array.from({ length: n }, () => ref.below(100))],
      ['7?1.0', (n) => Array.from({ length: n }, () => ref.rand53())],
      ['500?3.5', (n) => Array.from({ length: n }, () => ref.rand53() * 3.5)],
      ['300?10i', (n) => Array.from({ length: n }, () => ref.below(10))],
      ['300?1000h', (n) => Array.from({ length: n }, () => ref.below(1000))],
      ['200?2.5e', (n) => Array.from({ length: n }, () => Math.fround(ref.rand53() * 2.5))],
      ['-5?100000', (n) => { const seen = new Set<number>(), out: number[] = []; while (out.length < n) { const v = ref.below(100000); if (!seen.has(v)) { seen.add(v); out.push(v); } } return out; }],
      ['100?9007199254740991', (n) => Array.from({ length: n }, () => ref.below(9007199254740991))],
      ['100?4294967296', (n) => Array.from({ length: n }, () => ref.below(4294967296))],
      ['0?100', () => []],
      ['3?1', (n) => Array.from({ length: n }, () => ref.below(1))],
    ];
    for (const [text, want] of steps) {
      const r = q(text);
      try {
        const got = Array.from(r.data as ArrayLike<number | bigint>, Number);
        expect(got, text).toEqual(want(got.length));
      } finally { r.dispose(); }
    }
  });
});

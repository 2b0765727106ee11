import { describe, expect, test } from 'vitest';
import { K } from '../../src/k.js';
import { each, over, scan, prior, eachLeft, eachRight } from '../../src/adverbs.js';
import { evaluate } from '../../src/lang/index.js';

/** The JS value of a K, disposing it. */
const v = (k: K) => { try { return k.toJS(); } finally { k.dispose(); } };
const q = (s: string) => evaluate(s);

describe('iterators over q function values', () => {
  test('each, over, scan, prior, each-left, each-right', () => {
    const f = q('{x*2}'), add = q('+'), x = q('1 2 3'), ten = q('10');
    expect(v(each(f, x))).toEqual([2, 4, 6]);
    expect(v(over(add, x))).toBe(6);
    expect(v(over(add, ten, x))).toBe(16);
    expect(v(scan(add, x))).toEqual([1, 3, 6]);
    expect(v(prior(q('-'), x))).toEqual([1, 1, 1]);
    expect(v(eachLeft(add, x, ten))).toEqual([11, 12, 13]);
    expect(v(eachRight(add, ten, x))).toEqual([11, 12, 13]);
    [f, add, x, ten].forEach((k) => k.dispose());
  });
  test('each-both checks lengths', () => {
    const add = q('+'), a = q('1 2'), b = q('1 2 3');
    expect(() => each(add, a, b)).toThrow('length');
    [add, a, b].forEach((k) => k.dispose());
  });
});

describe('iterators over JS functions', () => {
  test('unary JS function: each and converge', () => {
    const x = q('1 2 3'), hundred = q('100');
    expect(v(each((k: K) => K.from((k.toJS() as number) + 1), x))).toEqual([2, 3, 4]);
    expect(v(over((k: K) => K.from(Math.floor((k.toJS() as number) / 2)), hundred))).toBe(0);
    x.dispose(); hundred.dispose();
  });
  test('variadic JS function reduces', () => {
    const x = q('1 2 3 4');
    const add = (...ks: K[]) => K.from(ks.reduce((s, k) => s + (k.toJS() as number), 0));
    expect(v(over(add, x))).toBe(10);
    x.dispose();
  });
});

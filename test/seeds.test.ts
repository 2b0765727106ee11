// The PyQ guide's examples (shared/seeds/000), in the JS idiom.
import { describe, it, expect, afterEach } from 'vitest';
import { q, lang } from '../src/index.js';

afterEach(() => { q.system('P 7'); });

describe('seed 000: the PyQ guide', () => {
  it('til, each and show', () => {
    expect(String(q.til(10))).toBe('0 1 2 3 4 5 6 7 8 9');
    expect(q.til(10).toJS()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(String(q.til(5).mul(2).add(10))).toBe('10 12 14 16 18');
    expect(q.til.each([0, 1, 2, 3]).show()).toBe('`long$()\n,0\n0 1\n0 1 2');
  });
  it('atomic functions, precision, special values', () => {
    expect(String(q.exp(1))).toBe('2.718282');
    q.system('P 16');
    expect(String(q.exp(1))).toBe('2.718281828459045');
    q.system('P 7');
    expect(String(q.exp([0, 1, 2, 3, 4]))).toBe('1 2.718282 7.389056 20.08554 54.59815');
    expect(String(q.log([-1, 0, 1]))).toBe('0n -0w 0');
    expect(String(q.reciprocal(0))).toBe('0w');
    expect(String(q.reciprocal(0).mul(0))).toBe('0n');
    expect(String(q.null(q.log([-1, 0, 1])))).toBe('100b');
  });
  it('aggregation and accumulation', () => {
    expect(String(q.sum([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe('45');
    expect(String(q.sums([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe('0 1 3 6 10 15 21 28 36 45');
  });
  it('sorting and searching', () => {
    const a = [9, 5, 7, 3, 1];
    expect(String(q.asc(a))).toBe('`s#1 3 5 7 9');
    expect(String(q.desc(a))).toBe('9 7 5 3 1');
    expect(String(q.attr(q.asc(a)))).toBe('`s');
    expect(q.asc(a).attr).toBe('s');
    expect(String(q.iasc(a))).toBe('4 3 1 2 0');
    expect(String(q.binr([10, 20, 20, 20, 30], 20))).toBe('1');
    expect(String(q.bin([10, 20, 20, 20, 30], 20))).toBe('3');
    expect(String(q.binr([10, 20, 20, 20, 30], [5, 15, 20, 25, 35]))).toBe('0 1 1 4 5');
    expect(String(q.bin([10, 20, 20, 20, 30], [5, 15, 20, 25, 35]))).toBe('-1 0 3 3 4');
    const index = q('?');
    expect(String(index.call([10, 30, 20, 40], [20, 25]))).toBe('2 4');
    expect(String(q.in_([20, 25], [10, 30, 20, 40]))).toBe('10b');
  });
  it('iterators on q functions and function values', () => {
    const data = [[1, 2], [1, 2, 3]];
    expect(String(q.sum.each(data))).toBe('3 6');
    expect(String(q(',').over(data))).toBe('1 2 1 2 3');
    expect(q(',').scan(data).show()).toBe('1 2\n1 2 1 2 3');
    const f = q('{(last x;sum x)}');
    const x = f.scan(10, [0, 1]);
    expect(String(q.first.each(x))).toBe('0 1 1 2 3 5 8 13 21 34 55');
    expect(String(q.ratios(q.first.each(x)))).toBe('0 0w 1 2 1.5 1.666667 1.6 1.625 1.615385 1.619048 1.617647');
    expect(String(q.deltas([1, 3, 2, 5]))).toBe('1 2 -1 3');
    expect(String(q('-').prior([1, 3, 2, 5]))).toBe('1 2 -1 3');
  });
  it('chained verbs as q evaluates them', () => {
    q.set('i', 42);
    expect(String(q.mod(q.log(q.exp(q.neg(q.get('i')))), 5))).toBe(String(q('(log exp neg i)mod 5')));
    expect(String(q.til(10).mod(3))).toBe('0 1 2 0 1 2 0 1 2 0');
    expect(String(q.til(10).max(5))).toBe('5 5 5 5 5 5 6 7 8 9');
    expect(String(q.til(10).min(5))).toBe('0 1 2 3 4 5 5 5 5 5');
    lang.reset(); // the session's globals hold engine values: release them
  });
});

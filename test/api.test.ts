// The JS API end to end, in the spirit of PyQ's guide (seed 000).
import { describe, it, expect } from 'vitest';
import { q, K, lang } from '../src/index.js';

describe('the q namespace', () => {
  it('q.til(10) prints as q prints it', () => {
    expect(String(q.til(10))).toBe('0 1 2 3 4 5 6 7 8 9');
  });
  it('aggregates and verbs as methods', () => {
    const x = q.til(10);
    expect(q.sum(x).toJS()).toBe(45);
    expect(String(x.mul(2).add(10))).toBe('10 12 14 16 18 20 22 24 26 28');
    expect(q.sum(K.long([2, 3, null, 7])).toJS()).toBe(12);
    expect(String(q.max(K.long([null, null])))).toBe('-0W');
    expect(String(q.min(K.long([3, 1, 2]), 2))).toBe('2 1 2');
  });
  it('iterators on any q function', () => {
    expect(String(q.til.each([0, 1, 2]))).toBe('(`long$();,0;0 1)');
    expect(q.add.over(q.til(5)).toJS()).toBe(10);
    expect(String(q.add.scan(q.til(5)))).toBe('0 1 3 6 10');
    expect(String(q.sub.prior(K.long([1, 4, 9])))).toBe('1 3 5');
    expect(String(q.add.eachLeft(K.long([1, 2]), K.long([10, 20])))).toBe('(11 21;12 22)');
    expect(String(q.add.eachRight(K.long([1, 2]), K.long([10, 20])))).toBe('(11 12;21 22)');
    expect(String(q.add.over(5, K.long([1, 2, 3])))).toBe('11');
  });
  it('q(text) evaluates q; q(text, ...args) applies it', () => {
    expect(String(q('sum 2 3 0N 7'))).toBe('12');
    expect(q('{x+y}', 1, 2).toJS()).toBe(3);
    expect(String(q('{(y+z-x)%x}', 2, 3, 5))).toBe('3f');
  });
  it('the tagged template splices values, not text', () => {
    const x = K.float([1, 2, 3]);
    expect(String(q`${K.float([1, 1, 2])} wavg ${x}`)).toBe('2.25');
    const evil = '1;`boom';
    expect(q`count ${evil}`.toJS()).toBe(1); // one symbol atom, never parsed
  });
  it('variables are shared both ways', () => {
    q.set('qwasmTestVar', [1, 2, 3]);
    expect(String(q('qwasmTestVar*2'))).toBe('2 4 6');
    q('qwasmTestVar2:til 3');
    expect(q.get('qwasmTestVar2').toJS()).toEqual([0, 1, 2]);
    lang.reset(); // the session's globals hold engine values: release them
  });
  it('errors are QErrors with q names, and the engine carries on', () => {
    expect(() => q('1 2+1 2 3')).toThrow('length');
    expect(() => q('`a+1')).toThrow('type');
    expect(() => q('undefinedName')).toThrow('undefinedName');
    expect(String(q('1+1'))).toBe('2');
  });
});

describe('function values handed to JS', () => {
  it('a projection releases what it holds as soon as it is disposed', () => {
    const before = q.memory().blocks;
    const f = q('{x+y}[1]');
    expect(String(f)).toBe('{x+y}[1]');
    expect(q.memory().blocks).toBeGreaterThan(before);
    f.dispose();
    expect(q.memory().blocks).toBe(before);
  });
});

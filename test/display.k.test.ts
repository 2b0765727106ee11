// Display through real engine values (the formatter's own tests use a fake).
import { describe, it, expect, afterEach } from 'vitest';
import { inspect } from 'node:util';
import { q, K } from '../src/index.js';
import { setAttr } from '../src/runtime.js';

afterEach(() => { q.system('P 7'); q.system('c 25 80'); });

describe('String(k) is q one-line form for every type', () => {
  const cases: [() => K, string][] = [
    [() => q.til(3), '0 1 2'],
    [() => K.long([5]), ',5'],
    [() => K.long([]), '`long$()'],
    [() => K.int([1, 2]), '1 2i'],
    [() => K.short([1, 2]), '1 2h'],
    [() => K.byte([1, 255]), '0x01ff'],
    [() => K.boolean([true, false, true]), '101b'],
    [() => K.float([1, 2, 3]), '1 2 3f'],
    [() => K.float([1.5, 2]), '1.5 2'],
    [() => K.float([NaN, Infinity, -Infinity]), '0n 0w -0w'],
    [() => K.real([10, 20, 30]), '10 20 30e'],
    [() => K.string('abc'), '"abc"'],
    [() => K.symbol(['a', 'b']), '`a`b'],
    [() => K.date(0), '2000.01.01'],
    [() => K.month(1), '2000.02m'],
    [() => K.timestamp(new Date(Date.UTC(2000, 0, 1))), '2000.01.01D00:00:00.000000000'],
    [() => K.timespan(0n), '0D00:00:00.000000000'],
    [() => K.minute(1), '00:01'],
    [() => K.second(1), '00:00:01'],
    [() => K.time(1), '00:00:00.001'],
    [() => K.long([1, null, 3]), '1 0N 3'],
    [() => K.from([1, 'a']), '(1;`a)'],
    [() => K.from({ a: 1, b: 2 }), '`a`b!1 2'],
    [() => q.table({ a: [1, 2], b: [3, 4] }), '+`a`b!(1 2;3 4)'],
    [() => K.guid('8c680a01-5a49-5aab-5a65-d4bfddb6a661'), '8c680a01-5a49-5aab-5a65-d4bfddb6a661'],
    [() => K.from(null), '::'],
    [() => K.char('a'), '"a"'],
    [() => K.long.null, '0N'],
    [() => K.int.inf, '0Wi'],
    [() => K.date.null, '0Nd'],
  ];
  it.each(cases)('%#: %s', (make, text) => {
    expect(String(make())).toBe(text);
  });
});

describe('show and settings', () => {
  it('a table in console form', () => {
    const t = q.table({ sym: ['ibm', 'msft'], px: [101.5, 230.25] });
    expect(t.show()).toBe('sym  px    \n-----------\nibm  101.5 \nmsft 230.25');
  });
  it('a dictionary in console form', () => {
    expect(K.from({ a: 1, bb: 2 }).show()).toBe('a | 1\nbb| 2');
  });
  it('\\P changes float precision', () => {
    const x = K.float(1 / 3);
    expect(String(x)).toBe('0.3333333');
    q.system('P 16');
    expect(q.system('P')).toBe(16);
    expect(String(x)).toBe('0.3333333333333333');
    q.system('P 7');
    expect(() => q.system('P 99')).toThrow('domain');
    expect(String(K.float(1e10))).toBe('1e+10');
    expect(String(K.float(123456789))).toBe('1.234568e+08');
  });
  it('\\c cuts long lines with ..', () => {
    q.system('c 25 20');
    expect(q.til(100).show()).toBe('0 1 2 3 4 5 6 7 8..');
  });
  it('console.log and the Node REPL show k(...)', () => {
    expect(inspect(q.til(3))).toBe("k('0 1 2')");
    expect(inspect(K.string("it's"))).toBe("k('\"it\\'s\"')");
  });
  it('an s# attribute prints', () => {
    const x = K.long([1, 3, 5]);
    setAttr(x.ptr, 1);
    expect(x.attr).toBe('s');
    expect(String(x)).toBe('`s#1 3 5');
  });
});

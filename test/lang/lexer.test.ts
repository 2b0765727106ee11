import { describe, expect, test } from 'vitest';
import { lex, type Lit } from '../../src/lang/lexer.js';

const NJ = -9223372036854775808n, WJ = 9223372036854775807n;
const NI = -2147483648, WI = 2147483647;

/** The single constant a text lexes to. */
function lit(src: string): Lit {
  const toks = lex(src);
  expect(toks.length).toBe(1);
  expect(toks[0].kind).toBe('const');
  return toks[0].lit!;
}
const kinds = (src: string) => lex(src).map((t) => `${t.kind}:${t.text}`);

describe('numeric constants with type suffixes', () => {
  test.each<[string, number, unknown[]]>([
    ['42', -7, [42n]],
    ['1i', -6, [1]],
    ['1h', -5, [1]],
    ['1j', -7, [1n]],
    ['1e', -8, [1]],
    ['1f', -9, [1]],
    ['1.5', -9, [1.5]],
    ['.5', -9, [0.5]],
    ['1.', -9, [1]],
    ['1e3', -9, [1000]],
    ['2.5e-1', -9, [0.25]],
    ['-7', -7, [-7n]],
    ['-1.5', -9, [-1.5]],
    ['0x0f', -4, [15]],
    ['0xff01', 4, [255, 1]],
    ['1b', -1, [1]],
    ['101b', 1, [1, 0, 1]],
    ['1 2 3', 7, [1n, 2n, 3n]],
    ['1 2 3h', 5, [1, 2, 3]],
    ['2 3 4i', 6, [2, 3, 4]],
    ['1 2.5', 9, [1, 2.5]],
    ['1 -2 3', 7, [1n, -2n, 3n]],
    ['1 0 1b', 1, [1, 0, 1]],
    ['0 1 2e', 8, [0, 1, 2]],
  ])('%s', (src, type, data) => {
    const l = lit(src);
    expect(l.type).toBe(type);
    expect(l.data).toEqual(data);
  });
});

describe('nulls and infinities of every type', () => {
  test.each<[string, number, unknown]>([
    ['0N', -7, NJ], ['0Nj', -7, NJ], ['0Ni', -6, NI], ['0Nh', -5, -32768],
    ['0W', -7, WJ], ['-0W', -7, -WJ], ['0Wi', -6, WI], ['0Wh', -5, 32767], ['-0Wh', -5, -32767],
    ['0n', -9, NaN], ['0w', -9, Infinity], ['-0w', -9, -Infinity], ['0Ne', -8, NaN], ['0We', -8, Infinity],
    ['0Nd', -14, NI], ['0Wd', -14, WI], ['0Np', -12, NJ], ['0Wp', -12, WJ], ['0Nm', -13, NI],
    ['0Nz', -15, NaN], ['0Nn', -16, NJ], ['0Nu', -17, NI], ['0Nv', -18, NI], ['0Nt', -19, NI], ['0Ng', -2, 0],
  ])('%s', (src, type, v) => {
    const l = lit(src);
    expect(l.type).toBe(type);
    expect(l.data[0]).toEqual(v);
  });
  test('untyped nulls take the vector type', () => {
    expect(lit('1 0N 3')).toEqual({ type: 7, data: [1n, NJ, 3n] });
    expect(lit('0N 1.5')).toEqual({ type: 9, data: [NaN, 1.5] });
    expect(lit('2000.01.01 0Nd')).toEqual({ type: 14, data: [0, NI] });
    expect(lit('1 0N 3h')).toEqual({ type: 5, data: [1, -32768, 3] });
  });
});

describe('temporal constants', () => {
  test.each<[string, number, unknown]>([
    ['2000.01.01', -14, 0],
    ['2000.01.02', -14, 1],
    ['1999.12.31', -14, -1],
    ['2024.03.01', -14, 8826],
    ['2000.01m', -13, 0],
    ['2001.03m', -13, 14],
    ['2000.01.01D10:00', -12, 36000000000000n],
    ['2000.01.02D00:00:00.000000001', -12, 86400000000001n],
    ['2000.01.01T12:00', -15, 0.5],
    ['12:00:00.000', -19, 43200000],
    ['00:00:01.5', -19, 1500],
    ['0D00:00:01', -16, 1000000000n],
    ['1D', -16, 86400000000000n],
    ['12:00:00.000000000', -16, 43200000000000n],
    ['12:00', -17, 720],
    ['12:00:00', -18, 43200],
  ])('%s', (src, type, v) => {
    const l = lit(src);
    expect(l.type).toBe(type);
    expect(l.data[0]).toEqual(v);
  });
  test('vectors', () => {
    expect(lit('2000.01.01 2000.01.02')).toEqual({ type: 14, data: [0, 1] });
    expect(lit('2018.05 2018.07 2019.01m')).toEqual({ type: 13, data: [220, 222, 228] });
    expect(lit('12:00 13:30')).toEqual({ type: 17, data: [720, 810] });
  });
  test('2000.01 without m is a float', () => expect(lit('2000.01')).toEqual({ type: -9, data: [2000.01] }));
  test('mixed constants form a general list', () => {
    const l = lit('1i 1h');
    expect(l.type).toBe(0);
    expect(l.items!.map((x) => x.type)).toEqual([-6, -5]);
  });
});

describe('strings, chars, symbols', () => {
  test('char atom and string', () => {
    expect(lit('"a"')).toEqual({ type: -10, data: 'a' });
    expect(lit('"abc"')).toEqual({ type: 10, data: 'abc' });
    expect(lit('""')).toEqual({ type: 10, data: '' });
  });
  test('escapes', () => {
    expect(lit('"a\\"b\\\\c\\n\\t\\r"').data).toBe('a"b\\c\n\t\r');
    expect(lit('"\\101"').data).toBe('A');
  });
  test('symbols', () => {
    expect(lit('`a')).toEqual({ type: -11, data: ['a'] });
    expect(lit('`')).toEqual({ type: -11, data: [''] });
    expect(lit('`a`b`c')).toEqual({ type: 11, data: ['a', 'b', 'c'] });
    // a blank ends a symbol vector: `r1`r2 `v1`v2?v indexes one with the other (basics/control.md, basics/glossary.md)
    expect(lex('`a `b').filter((t) => t.kind === 'const').map((t) => t.lit)).toEqual([{ type: -11, data: ['a'] }, { type: -11, data: ['b'] }]);
    expect(lit('`a.b_c')).toEqual({ type: -11, data: ['a.b_c'] });
    expect(lit('`:data/file.csv')).toEqual({ type: -11, data: [':data/file.csv'] });
    expect(lit('``')).toEqual({ type: 11, data: ['', ''] });
  });
  test('a string does not end at a comment glyph', () => expect(lit('"2 /3"').data).toBe('2 /3'));
  test('unterminated string is a parse error', () => expect(() => lex('"ab')).toThrow('parse'));
});

describe('minus: operator or sign', () => {
  test.each<[string, string[]]>([
    ['x-1', ['name:x', 'op:-', 'const:1']],
    ['x -1', ['name:x', 'const:-1']],
    ['3.5-1', ['const:3.5', 'op:-', 'const:1']],
    ['3.5 -1', ['const:3.5 -1']],
    ['x[1]-1', ['name:x', 'punct:[', 'const:1', 'punct:]', 'op:-', 'const:1']],
    ['(a+b)- 1', ['punct:(', 'name:a', 'op:+', 'name:b', 'punct:)', 'op:-', 'const:1']],
    ['1+-1', ['const:1', 'op:+', 'const:-1']],
    ['a - 1', ['name:a', 'op:-', 'const:1']],
  ])('%s', (src, toks) => expect(kinds(src)).toEqual(toks));
});

describe('operators, iterators, names, punctuation', () => {
  test('two-character tokens', () => {
    expect(kinds('a<=b>=c<>d')).toEqual(['name:a', 'op:<=', 'name:b', 'op:>=', 'name:c', 'op:<>', 'name:d']);
    expect(kinds('a::1')).toEqual(['name:a', 'op:::', 'const:1']);
    expect(kinds('x+:1')).toEqual(['name:x', 'op:+:', 'const:1']);
    expect(kinds('0:x')).toEqual(['op:0:', 'name:x']);
  });
  test('iterators attach without blanks', () => {
    expect(kinds("+/x")).toEqual(['op:+', 'adv:/', 'name:x']);
    expect(kinds("f'x")).toEqual(['name:f', "adv:'", 'name:x']);
    expect(kinds("x,/:y")).toEqual(['name:x', 'op:,', 'adv:/:', 'name:y']);
    expect(kinds("x,\\:y")).toEqual(['name:x', 'op:,', 'adv:\\:', 'name:y']);
    expect(kinds("-':x")).toEqual(['op:-', "adv:':", 'name:x']);
    expect(kinds("+\\/:\\:")).toEqual(['op:+', 'adv:\\', 'adv:/:', 'adv:\\:']);
    expect(kinds("{x}'[y]")).toEqual(['punct:{', 'name:x', 'punct:}', "adv:'", 'punct:[', 'name:y', 'punct:]']);
  });
  test("' after a blank is signal", () => expect(kinds("'`oops")).toEqual(["op:'", 'const:`oops']));
  test('names', () => {
    expect(kinds('.z.p')).toEqual(['name:.z.p']);
    expect(kinds('a.b_c')).toEqual(['name:a.b_c']);
    expect(kinds('x _y')).toEqual(['name:x', 'op:_', 'name:y']);
    expect(kinds('f . x')).toEqual(['name:f', 'op:.', 'name:x']);
  });
  test('punctuation', () => expect(kinds('f[(1;2);{x}]')).toEqual(['name:f', 'punct:[', 'punct:(', 'const:1', 'punct:;', 'const:2', 'punct:)', 'punct:;', 'punct:{', 'name:x', 'punct:}', 'punct:]']));
});

describe('comments', () => {
  test('trailing', () => expect(kinds('1+2 /three')).toEqual(['const:1', 'op:+', 'const:2']));
  test('whole line', () => expect(kinds('/ nothing here')).toEqual([]));
  test('slash without a blank is an iterator', () => expect(kinds('+/ 1 2')).toEqual(['op:+', 'adv:/', 'const:1 2']));
  test('block', () => expect(kinds('1\n/\nignored\nalso\n\\\n2')).toEqual(['const:1', 'const:2']));
  test('lone backslash ends the text', () => expect(kinds('1\n\\\n2')).toEqual(['const:1']));
});

describe('parse errors', () => {
  test.each(['1a', '2000.13m', '"abc', '1.5i', '0x0g'])('%s', (src) => expect(() => lex(src)).toThrow('parse'));
});

// Golden display facts: q value -> the text kdb+ 4.x prints.
// Values are built with a small fake of the K handle (the Displayable interface).
import { afterEach, describe, expect, test } from 'vitest';
import {
  displaySettings, formatAtom, setConsole, setPrecision, show, str, type Displayable,
} from '../src/display.js';

// ---------------------------------------------------------------- fake K

const syms: string[] = [''];
const sid = (s: string): number => {
  let i = syms.indexOf(s);
  if (i < 0) i = syms.push(s) - 1;
  return i;
};

type Attr = '' | 's' | 'u' | 'p' | 'g';
type Data = Displayable['data'];

class Fake implements Displayable {
  constructor(
    readonly type: number,
    readonly data: Data,
    readonly attr: Attr = '',
    readonly kids: Fake[] = [],
    readonly k?: Fake,
    readonly v?: Fake,
  ) {}
  get count(): number {
    const t = this.type;
    if (t < 0) return 1;
    if (t === 0) return this.kids.length;
    if (t === 2) return this.data.length / 16;
    if (t === 99) return this.k!.count;
    if (t === 98) return this.v!.count ? this.v!.item(0).count : 0;
    return this.data.length;
  }
  symbol(id: number): string {
    return syms[id]!;
  }
  item(i: number): Fake {
    return this.kids[i]!;
  }
  get keys(): Fake {
    return this.k!;
  }
  get values(): Fake {
    return this.v!;
  }
}

type In = number | bigint | string;
function store(t: number, xs: readonly In[]): Data {
  switch (t) {
    case 1: case 4: return Uint8Array.from(xs as number[]);
    case 10: return Uint8Array.from(xs as number[]);
    case 2: {
      const out = new Uint8Array(16 * xs.length);
      xs.forEach((g, i) => {
        const h = (g as string).replace(/-/g, '');
        for (let j = 0; j < 16; j++) out[16 * i + j] = parseInt(h.slice(2 * j, 2 * j + 2), 16);
      });
      return out;
    }
    case 5: return Int16Array.from(xs as number[]);
    case 6: case 13: case 14: case 17: case 18: case 19: return Int32Array.from(xs as number[]);
    case 7: case 12: case 16: return BigInt64Array.from(xs.map((x) => BigInt(x)));
    case 8: return Float32Array.from(xs as number[]);
    case 9: case 15: return Float64Array.from(xs as number[]);
    case 11: return Int32Array.from((xs as string[]).map(sid));
    default: throw new Error('bad type ' + t);
  }
}
const chars = (s: string): number[] => Array.from(Buffer.from(s, 'latin1'));
/** atom of type t (positive type number) */
const a = (t: number, x: In): Fake => new Fake(-t, store(t, t === 10 ? chars(x as string) : [x]));
/** vector of type t */
const v = (t: number, xs: readonly In[] | string, attr: Attr = ''): Fake =>
  new Fake(t, store(t, typeof xs === 'string' ? chars(xs) : xs), attr);
const L = (...kids: Fake[]): Fake => new Fake(0, new Uint8Array(0), '', kids);
const D = (k: Fake, val: Fake): Fake => new Fake(99, new Uint8Array(0), '', [], k, val);
const T = (names: string[], cols: Fake[]): Fake => new Fake(98, new Uint8Array(0), '', [], v(11, names), L(...cols));
const S = (...s: string[]): Fake => v(11, s);
const J = (...xs: number[]): Fake => v(7, xs);
const NULL = new Fake(101, new Uint8Array(1));

const NH = -32768, WH = 32767, NI = -2147483648, WI = 2147483647;
const NJ = -9223372036854775808n, WJ = 9223372036854775807n;

afterEach(() => {
  displaySettings.precision = 7;
  displaySettings.rows = 25;
  displaySettings.cols = 80;
});

const cases = (rows: [Displayable, string][]): void => {
  test.each(rows.map(([k, s]) => [s, k] as const))('%s', (s, k) => expect(str(k)).toBe(s));
};

// ---------------------------------------------------------------- atoms

describe('atoms', () => {
  cases([
    [a(1, 1), '1b'], [a(1, 0), '0b'],
    [a(4, 1), '0x01'], [a(4, 255), '0xff'], [a(4, 0), '0x00'],
    [a(5, 1), '1h'], [a(5, NH), '0Nh'], [a(5, WH), '32767h'], [a(5, -WH), '-32767h'], [a(5, -3), '-3h'],
    [a(6, 1), '1i'], [a(6, NI), '0Ni'], [a(6, WI), '0Wi'], [a(6, -WI), '-0Wi'],
    [a(7, 1), '1'], [a(7, NJ), '0N'], [a(7, WJ), '0W'], [a(7, -WJ), '-0W'], [a(7, 123456789), '123456789'],
    [a(8, 1), '1e'], [a(8, 1.5), '1.5e'], [a(8, NaN), '0Ne'], [a(8, Infinity), '0we'], [a(8, -Infinity), '-0we'],
    [a(9, 1), '1f'], [a(9, 1.5), '1.5'], [a(9, NaN), '0n'], [a(9, Infinity), '0w'], [a(9, -Infinity), '-0w'],
    [a(9, 100), '100f'], [a(9, 1 / 3), '0.3333333'], [a(9, 1e10), '1e+10'], [a(9, 123456789), '1.234568e+08'],
    [a(9, 1 / 7), '0.1428571'], [a(9, 0), '0f'], [a(9, -0), '-0f'], [a(9, -2.5), '-2.5'],
    [a(9, 1234567), '1234567f'], [a(9, 12345678), '1.234568e+07'], [a(9, 0.0001), '0.0001'], [a(9, 0.00001), '1e-05'],
    [a(9, 1e15), '1e+15'], [a(9, 9223372036854775807), '9.223372e+18'], [a(9, 2147483647), '2.147484e+09'],
    [a(9, 2 ** -43 * 1e12), '0.1136868'], [a(9, 2 ** -43 * 1e13), '1.136868'],
    [a(10, 'a'), '"a"'], [a(10, '"'), '"\\""'], [a(10, '\\'), '"\\\\"'], [a(10, '\n'), '"\\n"'], [a(10, ' '), '" "'],
    [a(11, 'a'), '`a'], [a(11, ''), '`'], [a(11, 'hello world'), '`hello world'],
    [a(2, '00000000-0000-0000-0000-000000000000'), '00000000-0000-0000-0000-000000000000'],
    [a(2, '8c680a01-5a49-5aab-5a65-d4bfddb6a661'), '8c680a01-5a49-5aab-5a65-d4bfddb6a661'],
    [a(12, 0), '2000.01.01D00:00:00.000000000'], [a(12, NJ), '0Np'], [a(12, WJ), '0Wp'], [a(12, -WJ), '-0Wp'],
    [a(12, -WJ + 1n), '1707.09.22D00:12:43.145224194'], [a(12, WJ - 1n), '2292.04.10D23:47:16.854775806'],
    [a(12, -1), '1999.12.31D23:59:59.999999999'],
    [a(13, 0), '2000.01m'], [a(13, 1), '2000.02m'], [a(13, -1), '1999.12m'], [a(13, NI), '0Nm'], [a(13, WI), '0Wm'],
    [a(14, 0), '2000.01.01'], [a(14, -1), '1999.12.31'], [a(14, 366), '2001.01.01'], [a(14, 59), '2000.02.29'],
    [a(14, NI), '0Nd'], [a(14, WI), '0Wd'], [a(14, -WI), '-0Wd'],
    [a(14, -730119), '0001.01.01'], [a(14, -730120), '0000.00.00'], [a(14, 365 * 1001 + 243), '3001.01.01'],
    [a(15, 0), '2000.01.01T00:00:00.000'], [a(15, 1.5), '2000.01.02T12:00:00.000'], [a(15, NaN), '0Nz'],
    [a(15, Infinity), '0wz'], [a(15, -Infinity), '-0wz'], [a(15, -730120), '0000.00.00T00:00:00.000'],
    [a(16, 0), '0D00:00:00.000000000'], [a(16, 43200000000000n), '0D12:00:00.000000000'],
    [a(16, -1000000000n), '-0D00:00:01.000000000'], [a(16, NJ), '0Nn'], [a(16, WJ), '0Wn'], [a(16, -WJ), '-0Wn'],
    [a(16, -WJ + 1n), '-106751D23:47:16.854775806'],
    [a(17, 1), '00:01'], [a(17, 720), '12:00'], [a(17, -1), '-00:01'], [a(17, 12345), '205:45'], [a(18, 1234567), '342:56:07'], [a(17, NI), '0Nu'], [a(17, WI), '0Wu'],
    [a(18, 1), '00:00:01'], [a(18, 43200), '12:00:00'], [a(18, NI), '0Nv'], [a(18, -WI), '-0Wv'],
    [a(19, 1), '00:00:00.001'], [a(19, -1), '-00:00:00.001'], [a(19, NI), '0Nt'], [a(19, WI), '0Wt'],
  ]);
});

describe('formatAtom', () => {
  test('raw values by type number, negative or positive', () => {
    expect(formatAtom(-6, 1)).toBe('1i');
    expect(formatAtom(14, 0)).toBe('2000.01.01');
    expect(formatAtom(-11, 'ab')).toBe('`ab');
    expect(formatAtom(-7, NJ)).toBe('0N');
    expect(formatAtom(-2, new Uint8Array(16))).toBe('00000000-0000-0000-0000-000000000000');
  });
});

// ---------------------------------------------------------------- vectors

describe('vectors', () => {
  cases([
    [J(0, 1, 2), '0 1 2'], [J(5), ',5'], [J(), '`long$()'], [v(7, [1, NJ, 3]), '1 0N 3'],
    [v(7, [WJ, NJ, -WJ]), '0W 0N -0W'], [v(7, [NJ, 2, 3, 3, 3, 7, 7]), '0N 2 3 3 3 7 7'],
    [v(6, [1, 2]), '1 2i'], [v(6, [NI, 1]), '0N 1i'], [v(6, [0, NI, -WI, WI]), '0 0N -0W 0Wi'], [v(5, [0, NH, -WH, WH]), '0 0N -0W 0Wh'], [v(6, [5]), ',5i'], [v(6, []), '`int$()'],
    [v(5, [1, 2]), '1 2h'], [v(5, [NH, WH]), '0N 0Wh'], [v(5, []), '`short$()'],
    [v(4, [1, 255]), '0x01ff'], [v(4, [1]), ',0x01'], [v(4, []), '`byte$()'],
    [v(1, [1, 0, 1]), '101b'], [v(1, [1]), ',1b'], [v(1, []), '`boolean$()'],
    [v(9, [1, 2, 3]), '1 2 3f'], [v(9, [1.5, 2]), '1.5 2'], [v(9, [NaN, Infinity, -Infinity]), '0n 0w -0w'],
    [v(9, [NaN, 3]), '0n 3'], [v(9, [NaN, NaN]), '0n 0n'], [v(9, [1]), ',1f'], [v(9, [1.5]), ',1.5'],
    [v(9, [NaN, NaN, 0, 5, 7.0710678118654755]), '0n 0n 0 5 7.071068'],
    [v(9, [Infinity, 0, NaN, 1 / 3, 0.1]), '0w 0 0n 0.3333333 0.1'], [v(9, [1e10, 1]), '1e+10 1'], [v(9, [0, NaN, -Infinity, Infinity]), '0 0n -0w 0w'],
    [v(9, []), '`float$()'],
    [v(8, [10, 20, 30]), '10 20 30e'], [v(8, [1.5, 2]), '1.5 2e'], [v(8, [NaN, 1]), '0N 1e'], [v(8, [0, NaN, -Infinity, Infinity]), '0 0N -0w 0we'], [v(8, []), '`real$()'],
    [v(10, 'abc'), '"abc"'], [v(10, 'a'), ',"a"'], [v(10, ''), '""'], [v(10, 'a"b\n'), '"a\\"b\\n"'],
    [v(10, 'a\\b\tc\r\x01'), '"a\\\\b\\tc\\r\\001"'], [v(10, 'Z\xfcrich'), '"Z\\374rich"'],
    [S('a', 'b'), '`a`b'], [S('a'), ',`a'], [S(), '`symbol$()'], [S('a', '', 'b'), '`a``b'], [S(''), ',`'],
    [v(2, ['8c680a01-5a49-5aab-5a65-d4bfddb6a661', '00000000-0000-0000-0000-000000000000']),
      '8c680a01-5a49-5aab-5a65-d4bfddb6a661 00000000-0000-0000-0000-000000000000'],
    [v(2, ['8c680a01-5a49-5aab-5a65-d4bfddb6a661']), ',8c680a01-5a49-5aab-5a65-d4bfddb6a661'], [v(2, []), '`guid$()'],
    [v(14, [0]), ',2000.01.01'], [v(14, [0, 1]), '2000.01.01 2000.01.02'], [v(14, []), '`date$()'],
    [v(14, [0, NI, -WI, WI]), '2000.01.01 0N -0W 0W'], [v(14, [NI, -WI, WI]), '0N -0W 0Wd'], [v(14, [NI]), ',0Nd'],
    [v(13, [1]), ',2000.02m'], [v(13, [0, 1]), '2000.01 2000.02m'], [v(13, [NI, NI]), '0N 0Nm'], [v(13, [0, NI, -WI, WI]), '2000.01 0N -0W 0Wm'], [v(13, [12, NI, 13]), '2001.01 0N 2001.02m'],
    [v(12, [0, NJ]), '2000.01.01D00:00:00.000000000 0N'], [v(12, [NJ, NJ]), '0N 0Np'], [v(12, []), '`timestamp$()'],
    [v(12, [-WJ + 1n, WJ - 1n]), '1707.09.22D00:12:43.145224194 2292.04.10D23:47:16.854775806'],
    [v(15, [NaN, NaN]), '0N 0Nz'], [v(15, [0]), ',2000.01.01T00:00:00.000'], [v(15, []), '`datetime$()'],
    [v(16, [NJ, NJ]), '0N 0Nn'], [v(16, [0, 1]), '0D00:00:00.000000000 0D00:00:00.000000001'], [v(16, []), '`timespan$()'],
    [v(17, [1, 2]), '00:01 00:02'], [v(17, [0, NI, -WI, WI]), '00:00 0N -0W 0W'], [v(17, [NI, -WI, WI]), '0N -0W 0Wu'], [v(17, [NI, NI]), '0N 0Nu'], [v(17, []), '`minute$()'],
    [v(18, [1, NI]), '00:00:01 0N'], [v(18, [NI, NI]), '0N 0Nv'], [v(18, []), '`second$()'],
    [v(19, [1]), ',00:00:00.001'], [v(19, [NI, NI]), '0N 0Nt'], [v(19, []), '`time$()'],
  ]);
});

describe('attributes', () => {
  cases([
    [v(7, [1, 3, 5], 's'), '`s#1 3 5'], [v(11, ['a', 'b'], 'u'), '`u#`a`b'], [v(7, [1, 1, 2], 'p'), '`p#1 1 2'],
    [v(7, [2, 1, 2], 'g'), '`g#2 1 2'], [v(7, [1], 's'), '`s#,1'], [v(7, [], 's'), '`s#`long$()'],
  ]);
});

// ---------------------------------------------------------------- general lists, dictionaries, tables

describe('one-line form of structures', () => {
  cases([
    [NULL, '::'], [L(), '()'], [L(a(7, 1), a(11, 'a')), '(1;`a)'], [L(J(1, 2), v(10, 'ab')), '(1 2;"ab")'],
    [L(J(1, 2)), ',1 2'], [L(L(a(7, 1), a(11, 'a'))), ',(1;`a)'], [L(J(1)), ',,1'],
    [L(a(7, 1), L(a(7, 2), J(3, 4))), '(1;(2;3 4))'], [L(NULL, a(7, 1)), '(::;1)'],
    [L(v(10, 'a'), v(10, 'bc')), '(,"a";"bc")'], [L(a(10, 'a'), a(9, 1)), '("a";1f)'],
    [D(S('a', 'b'), J(1, 2)), '`a`b!1 2'], [D(L(), L()), '()!()'], [D(S('a'), J(1)), '(,`a)!,1'],
    [D(J(1, 2), J(3, 4)), '1 2!3 4'], [D(S('a', 'b'), L(J(1, 2), v(10, 'ab'))), '`a`b!(1 2;"ab")'],
    [D(S('a', 'b'), D(S('c'), J(1))), '`a`b!(,`c)!,1'],
    [T(['a', 'b'], [J(1, 2), J(3, 4)]), '+`a`b!(1 2;3 4)'], [T(['a'], [J(1, 2)]), '+(,`a)!,1 2'],
    [D(T(['a'], [J(1, 2)]), T(['b'], [J(3, 4)])), '(+(,`a)!,1 2)!+(,`b)!,3 4'],
    [L(D(S('a', 'b'), J(1, 2)), a(7, 3)), '(`a`b!1 2;3)'],
    [D(v(11, ['a', 'b'], 's'), J(1, 2)), '(`s#`a`b)!1 2'],
  ]);
});

describe('show', () => {
  test('atoms and vectors show as their one-line form', () => {
    expect(show(a(10, 'a'))).toBe('"a"');
    expect(show(a(11, 'a'))).toBe('`a');
    expect(show(J(0, 1, 2, 3, 4))).toBe('0 1 2 3 4');
    expect(show(v(1, [1, 1, 0, 0, 1]))).toBe('11001b');
    expect(show(a(9, 1 / 7))).toBe('0.1428571');
    expect(show(NULL)).toBe('::');
    expect(show(v(10, 'abc'))).toBe('"abc"');
  });

  test('general list: one item per line, nested items one-line', () => {
    expect(show(L(J(1, 2), a(11, 'a'), v(10, 'abc')))).toBe('1 2\n`a\n"abc"');
    expect(show(L(a(7, 1), L(a(7, 2), J(3, 4))))).toBe('1\n(2;3 4)');
    expect(show(L(J(1, 2), D(S('a', 'b'), J(1, 2))))).toBe('1 2\n`a`b!1 2');
    expect(show(L())).toBe('()');
    // a one-item list of strings shows its string, no comma (.Q.s; ref/doth.md .h.tx[`json] enlist t)
    expect(show(L(v(10, 'abc')))).toBe('"abc"');
    expect(str(L(v(10, 'abc')))).toBe(',"abc"');
    expect(show(L(NULL, a(7, 1)))).toBe('::\n1');
  });

  test('dictionary: keys aligned, simple values bare', () => {
    expect(show(D(S('a', 'b'), J(1, 2)))).toBe('a| 1\nb| 2');
    expect(show(D(S('a', 'bb'), S('x', 'y')))).toBe('a | x\nbb| y');
    expect(show(D(S('a', 'b'), v(10, 'xy')))).toBe('a| x\nb| y');
    expect(show(D(S('a', 'b'), v(7, [1, NJ])))).toBe('a| 1\nb| ');
    expect(show(D(S('a', 'b'), v(9, [1, 2])))).toBe('a| 1\nb| 2');
    expect(show(D(J(1, 2), J(3, 4)))).toBe('1| 3\n2| 4');
    // rows of one length line up whatever their types (ref/sublist: b| x y z)
    expect(show(D(S('a', 'b'), L(J(1, 2), v(10, 'ab'))))).toBe('a| 1 2\nb| a b');
    expect(show(D(S('a', 'b'), L(D(S('x', 'y'), J(1, 2)), D(S('z'), J(3)))))).toBe('a| `x`y!1 2\nb| (,`z)!,3');
  });

  test('dictionary from a table row (basics/application)', () => {
    expect(show(D(S('name', 'dob', 'sex'), L(a(11, ''), a(14, NI), a(11, ''))))).toBe('name| `\ndob | 0Nd\nsex | `');
    expect(show(D(S('eye', 'sex'), S('', '')))).toBe('eye| \nsex| ');
  });

  test('dictionary of temporal values (basics/datatypes noon)', () => {
    const k = S('minutes', 'seconds', 'nanoseconds');
    expect(show(D(k, L(a(17, 720), a(18, 43200), a(16, 43200000000000n))))).toBe(
      'minutes    | 12:00\nseconds    | 12:00:00\nnanoseconds| 0D12:00:00.000000000');
    expect(show(D(k, J(720, 43200, 43200000000000)))).toBe(
      'minutes    | 720\nseconds    | 43200\nnanoseconds| 43200000000000');
  });

  test('table: header, dashes, left-aligned padded columns (ref/aj)', () => {
    const q = T(['time', 'sym', 'px'], [v(18, [36060, 36060, 36060, 36062]), S('ibm', 'msft', 'msft', 'ibm'), J(100, 99, 101, 98)]);
    expect(show(q)).toBe([
      'time     sym  px ',
      '-----------------',
      '10:01:00 ibm  100',
      '10:01:00 msft 99 ',
      '10:01:00 msft 101',
      '10:01:02 ibm  98 ',
    ].join('\n'));
  });

  test('table: nulls blank, floats bare, strings quoted', () => {
    expect(show(T(['a'], [v(7, [1, NJ, 3])]))).toBe('a\n-\n1\n \n3');
    expect(show(T(['a', 'b'], [v(9, [1, NaN]), v(9, [1.5, Infinity])]))).toBe('a b  \n-----\n1 1.5\n  0w ');
    expect(show(T(['a'], [L(v(10, 'ab'), v(10, 'cde'))]))).toBe('a    \n-----\n"ab" \n"cde"');
    expect(show(T(['a'], [L(J(1, 2), J(3))]))).toBe('a  \n---\n1 2\n,3 ');
    expect(show(T(['b', 'c'], [v(1, [1, 0]), v(10, 'x ')]))).toBe('b c\n---\n1 x\n0  ');
    expect(show(T(['a'], [J()]))).toBe('a\n-');
  });

  test('table with char, mixed, nested and string columns (ref/dotq .Q.ty)', () => {
    const t = T(['a', 'b', 'c', 'd', 'e'], [
      J(3, 4, 5), v(10, 'abc'), L(a(7, 3), v(10, 'xy'), a(11, 'ab')), L(J(3, 4), J(5, 3), J(4, 5)),
      L(v(10, 'abc'), v(10, 'de'), v(10, 'fg')),
    ]);
    expect(show(t)).toBe('a b c    d   e    \n------------------\n3 a 3    3 4 "abc"\n4 b "xy" 5 3 "de" \n5 c `ab  4 5 "fg" ');
  });

  test('table with floats and minutes (ref/asof)', () => {
    const t = T(['time', 'sym', 'px', 'vol'], [
      v(17, [540, 550, 560, 540, 550, 560]), S('AAPL', 'AAPL', 'AAPL', 'GOOG', 'GOOG', 'GOOG'),
      v(9, [81.77547, 75.20102, 10.86824, 95.98964, 3.668341, 64.30982]), J(36, 12, 97, 92, 99, 45),
    ]);
    expect(show(t)).toBe([
      'time  sym  px       vol',
      '-----------------------',
      '09:00 AAPL 81.77547 36 ',
      '09:10 AAPL 75.20102 12 ',
      '09:20 AAPL 10.86824 97 ',
      '09:00 GOOG 95.98964 92 ',
      '09:10 GOOG 3.668341 99 ',
      '09:20 GOOG 64.30982 45 ',
    ].join('\n'));
  });

  test('a long list of strings stops after 22 lines at 25 rows (ref/doth .h.jx)', () => {
    const items = Array.from({ length: 40 }, (_, i) => v(10, 'row ' + i));
    const lines = show(L(...items)).split('\n');
    expect(lines.length).toBe(23);
    expect(lines[21]).toBe('"row 21"');
    expect(lines[22]).toBe('..');
  });

  test('string results (ref/string)', () => {
    const cs = (x: string): Fake => v(10, x);
    expect(show(L(L(cs('2'), cs('3')), L(cs('a'), cs('b'), cs('c'))))).toBe('(,"2";,"3")\n(,"a";,"b";,"c")');
    expect(show(L(cs('c'), cs('a'), cs('t')))).toBe(',"c"\n,"a"\n,"t"');
    expect(show(D(S('a', 'b', 'c'), L(cs('2002'), cs('2004'), cs('2010'))))).toBe('a| "2002"\nb| "2004"\nc| "2010"');
    expect(show(T(['a', 'b'], [L(cs('1'), cs('2'), cs('3')), L(cs('ibm'), cs('goog'), cs('aapl'))]))).toBe(
      'a    b     \n-----------\n,"1" "ibm" \n,"2" "goog"\n,"3" "aapl"');
  });

  test('mixed dictionary values keep their atom suffixes (ref/dotq .Q.def)', () => {
    expect(show(D(S('abc', 'xyz', 'efg'), L(a(7, 123), a(9, 321), a(11, 'a'))))).toBe('abc| 123\nxyz| 321f\nefg| `a');
  });

  test('a list of dictionaries shows each one-line (ref/doth .h.xt)', () => {
    const d1 = D(S('foo'), L(v(10, 'bar'))), d2 = D(S('this'), L(v(10, 'that')));
    expect(show(L(d1, d2))).toBe('(,`foo)!,"bar"\n(,`this)!,"that"');
    expect(show(d1)).toBe('foo| "bar"');
  });

  test('matrices line up their columns, items bare (ref/subtract, ref/xexp, ref/greater)', () => {
    const d = (...rows: Fake[]): Fake => D(S(...['a', 'b', 'c'].slice(0, rows.length)), L(...rows));
    expect(show(d(J(9, -22, 2), J(3, 4, -7)))).toBe('a| 9 -22 2 \nb| 3 4   -7');
    expect(show(d(J(10, -21, 3), J(-6, -15, -36), J(-1000, -2000, -3000)))).toBe(
      'a| 10    -21   3    \nb| -6    -15   -36  \nc| -1000 -2000 -3000');
    expect(show(d(v(9, [59049, 9.559907e-11, 27]), v(9, [81, 243, 0.001371742])))).toBe(
      'a| 59049 9.559907e-11 27         \nb| 81    243          0.001371742');
    expect(show(d(J(10, 5, 5), J(5, 5, 5)))).toBe('a| 10 5 5\nb| 5  5 5');
    expect(show(L(J(10, 1), J(2, 3)))).toBe('10 1\n2  3');
    expect(show(L(v(7, [1, NJ]), J(2, 3)))).toBe('1  \n2 3');
    // not matrices: ragged, mixed types, booleans, strings
    expect(show(L(a(9, 3), v(9, [9, 27])))).toBe('3f\n9 27f');
    expect(show(L(v(9, [1.2]), v(9, [3.4, 5.6])))).toBe(',1.2\n3.4 5.6');
    expect(show(L(v(1, [1, 0, 0]), v(1, [0, 1, 0])))).toBe('100b\n010b');
    expect(show(L(v(10, 'ab'), v(10, 'cd')))).toBe('"ab"\n"cd"');
    // vectors of one length but different types are a matrix too (ref/inter: 1 2 3 over x y z)
    expect(show(L(J(1, 2), v(6, [3, 4])))).toBe('1 2\n3 4');
  });

  test('tables of negative and float numbers (ref/subtract, ref/xexp)', () => {
    expect(show(T(['a', 'b'], [J(-90, -121, -97), J(-96, -95, -106)]))).toBe('a    b   \n---------\n-90  -96 \n-121 -95 \n-97  -106');
    const k = T(['k'], [S('abc', 'def', 'ghi')]);
    const val = T(['a', 'b'], [v(9, [59049, 9.559907e-11, 27]), v(9, [81, 243, 0.001371742])]);
    expect(show(D(k, val))).toBe([
      'k  | a            b          ',
      '---| ------------------------',
      'abc| 59049        81         ',
      'def| 9.559907e-11 243        ',
      'ghi| 27           0.001371742',
    ].join('\n'));
  });

  test('a null symbol key shows blank (ref/get)', () => {
    expect(show(D(S('', 'a', 'b'), L(J(17, 5, 3), J(17, 2, 6), J(17, 2, 6))))).toBe(' | 17 5 3\na| 17 2 6\nb| 17 2 6');
  });

  test('keyed table (basics/application)', () => {
    const k = T(['name', 'city'], [S('Tom', 'Jo', 'Tom'), S('NYC', 'LA', 'Lagos')]);
    const val = T(['eye', 'sex'], [S('green', 'blue', 'brown'), S('m', 'f', 'm')]);
    expect(show(D(k, val))).toBe([
      'name city | eye   sex',
      '----------| ---------',
      'Tom  NYC  | green m  ',
      'Jo   LA   | blue  f  ',
      'Tom  Lagos| brown m  ',
    ].join('\n'));
  });

  test('keyed table with char columns (meta, ref/dsave)', () => {
    const k = T(['c'], [S('date', 'sym', 'bid')]);
    const val = T(['t', 'f', 'a'], [v(10, 'dsf'), S('', '', ''), S('', 'p', '')]);
    expect(show(D(k, val))).toBe('c   | t f a\n----| -----\ndate| d    \nsym | s   p\nbid | f    ');
  });

  test('dictionary of a table: keys as a nameless key column', () => {
    expect(show(D(S('a', 'b'), T(['c'], [J(1, 2)])))).toBe(' | c\n-| -\na| 1\nb| 2');
  });

  test('empty keyed table and empty dictionary', () => {
    expect(show(D(T(['a'], [J()]), T(['b'], [J()])))).toBe('a| b\n-| -');
    // an empty dictionary shows nothing (basics/dictsandtables.md)
    expect(show(D(L(), L()))).toBe('');
    expect(show(D(S(), J()))).toBe('');
  });

  test('\\c cuts long lines and many rows with ..', () => {
    setConsole(5, 5);
    expect([displaySettings.rows, displaySettings.cols]).toEqual([10, 10]);
    const rows = Array.from({ length: 10 }, (_, i) => J(...Array.from({ length: 20 + i }, (_, j) => j)));
    expect(show(L(...rows))).toBe([...Array<string>(7).fill('0 1 2 3..'), '..'].join('\n'));
  });

  test('default console 25 x 80', () => {
    const til = (n: number): Fake => J(...Array.from({ length: n }, (_, j) => j));
    const line = show(til(100));
    expect(line.length).toBe(79);
    expect(line.endsWith('..')).toBe(true);
    expect(line).toBe(str(til(100)).slice(0, 77) + '..');
    const lines = show(T(['a'], [til(100)])).split('\n');
    expect(lines.length).toBe(23);
    expect(lines.slice(0, 3)).toEqual(['a ', '--', '0 ']);
    expect(lines[22]).toBe('..');
    expect(show(L(...Array.from({ length: 30 }, (_, i) => J(i)))).split('\n').length).toBe(23);
  });

  test('a million-item vector: str is linear, show formats a screenful', () => {
    const big = new Fake(9, Float64Array.from({ length: 1e6 }, (_, i) => i + 0.5));
    const s = str(big);
    expect(s.startsWith('0.5 1.5 2.5')).toBe(true);
    expect(show(big).length).toBe(79);
  });
});

describe('settings', () => {
  test('\\P precision', () => {
    setPrecision(3);
    expect(str(a(9, 1 / 3))).toBe('0.333');
    setPrecision(10);
    expect(str(a(9, 1 / 3))).toBe('0.3333333333');
    setPrecision(0);
    expect(str(a(9, 1 / 3))).toBe('0.33333333333333331');
    expect(str(a(9, 0.1))).toBe('0.10000000000000001');
    expect(str(v(9, [96.100000000000009, 96.099999999999994]))).toBe('96.100000000000009 96.099999999999994');
    expect(str(a(9, 4999.9995000000017))).toBe('4999.9995000000017');
    expect(str(a(9, 1))).toBe('1f');
  });

  test('\\P out of range is domain', () => {
    expect(() => setPrecision(18)).toThrow('domain');
    expect(() => setPrecision(-1)).toThrow('domain');
    expect(() => setPrecision(1.5)).toThrow('domain');
    expect(displaySettings.precision).toBe(7);
  });

  test('\\c coerces to 10..2000', () => {
    setConsole(3000, 1);
    expect([displaySettings.rows, displaySettings.cols]).toEqual([2000, 10]);
    expect(() => setConsole(NaN, 10)).toThrow('domain');
  });
});

// "F"$ "E"$ "J"$ "I"$ "H"$ on lists of strings through the list kernel
// (assembly/kernels/parse.ts) against tokRaw, the per-string reference, item by
// item (bit for bit: -0, NaN, rounding of long decimals, out-of-range nulls).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { K, q } from '../src/index.js';
import { strings } from './latin1.helpers.js';
import { tokRaw } from '../src/ops/atomic/tok.js';


const TYPES = { F: 9, E: 8, J: 7, I: 6, H: 5 } as const;

function check(letter: keyof typeof TYPES, xs: string[]): void {
  const t = TYPES[letter];
  const list = strings(xs);
  const r = q`${K.char(letter)}$${list}`;
  try {
    expect(r.type).toBe(t);
    const got = Array.from(r.data as ArrayLike<number | bigint>);
    const want = xs.map((s) => {
      const v = tokRaw(t, s) as number | bigint;
      return t === 8 ? Math.fround(v as number) : v;
    });
    for (let i = 0; i < xs.length; i++) expect(got[i], JSON.stringify(xs[i])).toStrictEqual(want[i]);
  } finally { r.dispose(); list.dispose(); }
}

const numText = fc.oneof(
  fc.double().map(String),
  fc.double({ min: -1e6, max: 1e6 }).chain((x) => fc.integer({ min: 1, max: 21 }).map((p) => x.toPrecision(p))),
  fc.double().chain((x) => fc.integer({ min: 0, max: 20 }).map((p) => (Number.isFinite(x) ? x.toExponential(p) : String(x)))),
  fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }).map(String),
  fc.integer().map(String),
  fc.array(fc.constantFrom(...'0123456789.eE-+ \t\xa0nNwW'), { maxLength: 12 }).map((a) => a.join('')),
  fc.constantFrom('', ' ', '0n', '0N', '0w', '0W', '-0w', '-0W', '-0', '+1', '.5', '5.', '.', '-', 'e5', '1e', '1e+', '1.5e-3',
    '00001', '0.000000000000000000001', '123456789012345678', '1234567890123456789', '9223372036854775807', '-9223372036854775807',
    '9223372036854775808', '2147483647', '2147483648', '-2147483648', '32767', '32768', '1.2.3.4', '10.0.0.1', ' 42 ', '\t7\n',
    '1e22', '1e23', '123456789012345e7', '1234567890123456', '9007199254740993', '0.1', '0.30000000000000004', '4.35', '-0.0'),
);

describe('list tok kernel = tokRaw per string', () => {
  for (const letter of Object.keys(TYPES) as (keyof typeof TYPES)[]) {
    test(`"${letter}"$ on random number text`, () => {
      fc.assert(fc.property(fc.array(numText, { minLength: 1, maxLength: 25 }), (xs) => { check(letter, xs); }), { numRuns: 600 });
    });
  }
  test('a list holding a non-string goes item by item as before', () => {
    expect(String(q('"F"$("1.5";("2.5";"3.5"))'))).toBe('(1.5;2.5 3.5)');
    expect(() => q('"F"$("1.5";`a;"2")')).toThrow('type');
  });
  test('char atoms in the list, and the empty list', () => {
    const r = q('"J"$("1";"23";"4")'), s = q('"J"$(enlist "1";"23";"4")');
    expect(String(r)).toBe('1 23 4');
    expect(String(s)).toBe('1 23 4');
    expect(String(q('"F"$()'))).toBe(String(q('"F"$()')));
  });
});

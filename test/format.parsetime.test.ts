// "D"$ "M"$ "P"$ "Z"$ "N"$ "U"$ "V"$ "T"$ through the engine (assembly/kernels/
// parse.ts) against the regex reading they replace (test/ref/tok.ts, a copy of
// src/ops/atomic/tok.ts's tokRaw), item by item and bit for bit, on strings and
// lists of strings: every accepted form, nulls and infinities in any case,
// blanks, bad text, out-of-range fields, leap days, 64-bit wrap, items the
// kernel leaves to the JS reader (years below 100, long hours).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { K, q } from '../src/index.js';
import { alloc, mem } from '../src/runtime.js';
import { strings } from './latin1.helpers.js';
import { tokRaw } from './ref/tok.js';

const LETTERS = { P: 12, M: 13, D: 14, Z: 15, N: 16, U: 17, V: 18, T: 19 } as const;
type Letter = keyof typeof LETTERS;

function charVec(s: string): K {
  const c = alloc(s.length === 1 && Math.random() < 0.5 ? -10 : 10, s.length || 0);
  for (let j = 0; j < s.length; j++) mem().u8[c + 16 + j] = s.charCodeAt(j) & 255;
  return new K(c);
}

const same = (a: unknown, b: unknown): boolean => Object.is(a, b);

function check(letter: Letter, xs: string[]): void {
  const t = LETTERS[letter];
  // timestamps and timespans past 64 bits wrap as the vector stores them
  const want = xs.map((s) => { const v = tokRaw(t, s) as number | bigint; return typeof v === 'bigint' ? BigInt.asIntN(64, v) : v; });
  const list = strings(xs);
  const r = q`${K.char(letter)}$${list}`;
  try {
    expect(r.type).toBe(xs.length ? t : 0);
    if (xs.length) {
      const got = Array.from(r.data as ArrayLike<number | bigint>);
      for (let i = 0; i < xs.length; i++) if (!same(got[i], want[i])) expect(got[i], `${letter}$${JSON.stringify(xs[i])}`).toStrictEqual(want[i]);
    }
  } finally { r.dispose(); list.dispose(); }
  for (let i = 0; i < Math.min(xs.length, 4); i++) {
    const c = charVec(xs[i]!);
    const a = q`${K.char(letter)}$${c}`;
    try {
      expect(a.type).toBe(-t);
      const got = (a.data as ArrayLike<number | bigint>)[0];
      if (!same(got, want[i])) expect(got, `${letter}$${JSON.stringify(xs[i])} (atom)`).toStrictEqual(want[i]);
    } finally { a.dispose(); c.dispose(); }
  }
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const sep = fc.constantFrom('.', '-', '', '/', ' ');
const date = fc.tuple(fc.oneof(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1990, max: 2030 }), fc.constantFrom(0, 50, 99, 100, 1900, 2000, 2100, 2400)),
  fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), sep, sep)
  .map(([y, m, d, s1, s2]) => pad(y, 4) + s1 + pad(m, 2) + s2 + pad(d, 2));
const time = fc.tuple(fc.oneof(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99999999 })), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }),
  fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 11 }), fc.nat(5), fc.boolean())
  .map(([h, mi, se, fr, form, neg]) => {
    const hh = h < 100 ? pad(h, 2) : String(h);
    switch (form) {
      case 0: return (neg ? '-' : '') + hh + ':' + pad(mi, 2);
      case 1: return (neg ? '-' : '') + hh + ':' + pad(mi, 2) + ':' + pad(se, 2);
      case 2: return (neg ? '-' : '') + hh + ':' + pad(mi, 2) + ':' + pad(se, 2) + '.' + fr;
      case 3: return pad(h % 100, 2) + pad(mi, 2) + pad(se, 2) + fr;
      case 4: return pad(h % 100, 2) + pad(mi, 2) + fr.slice(0, 1);
      default: return hh + ':' + pad(mi, 1) + (fr ? '.' + fr : '');
    }
  });
const text = fc.oneof(
  date,
  time,
  fc.tuple(date, fc.constantFrom('D', 'T', 'd', ' ', ''), time).map(([d, s, t]) => d + s + t),
  fc.tuple(date, fc.constantFrom('D', 'T')).map(([d, s]) => d + s),
  fc.tuple(fc.integer({ min: 0, max: 99999999 }), time).map(([d, t]) => pad(d, 8) + '-' + t),
  fc.tuple(fc.oneof(fc.integer({ min: 0, max: 99999999999 }), fc.integer({ min: 900000000, max: 2000000000 })), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 10 }))
    .map(([s, f]) => String(s) + (f ? '.' + f : '')),
  fc.tuple(fc.oneof(fc.integer({ min: 0, max: 99999 }), fc.bigInt({ min: 0n, max: 10n ** 22n })), time, fc.boolean()).map(([d, t, neg]) => (neg ? '-' : '') + String(d) + 'D' + t),
  fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.boolean()).map(([d, neg]) => (neg ? '-' : '') + d + 'D'),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), sep, fc.integer({ min: 0, max: 13 }), fc.constantFrom('', 'm', 'M', 'x')).map(([y, s, m, z]) => pad(y, 4) + s + pad(m, 2) + z),
  fc.tuple(fc.constantFrom(' ', '\t', '\xa0', '\n', ''), fc.constantFrom('0n', '0N', '0w', '0W', '-0w', '-0W', '', ' '), fc.constantFrom(' ', '\r', '')).map(([a, b, c]) => a + b + c),
  fc.array(fc.constantFrom(...'0123456789.-:DTdtmnNwW \t\n\xa0x+e'), { maxLength: 24 }).map((a) => a.join('')),
  fc.string({ unit: 'binary-ascii', maxLength: 12 }),
  fc.tuple(fc.constantFrom(' ', '\t', ''), date, fc.constantFrom(' ', '\xa0', '')).map(([a, d, b]) => a + d + b),
);

const EDGES = [
  '', ' ', '0n', '0N', '0w', '0W', '-0w', '-0W', '2000.01.01', '2000-01-01', '20000101', '2000.0101', '200001.01', '2000.02.29', '2001.02.29',
  '1900.02.29', '2400.02.29', '0001.01.01', '0099.12.31', '0100.03.01', '9999.12.31', '2000.13.01', '2000.00.10', '2000.01.32', '2000.04.31',
  '12:34', '12:34:56', '12:34:56.789', '12:34:56.', '12:34:56.123456789', '12:34:56.1234567890', '-12:34', '-00:00:01', '123:45', '1234567:00',
  '999999:59:59.999999999', '24:00', '12:60', '12:59:60', '1234', '12345', '123456', '123456789', '123456789012345', '1234567890123456',
  '2000.01.01D12:34:56.123456789', '2000.01.01T12:34:56.123', '2000.01.01D', '2000.01.01T', '2000.01.01D-01:00', '20000101-12:00', '20000101-1',
  '2000.01.01 12:00', '2292.04.10D23:47:16.854775807', '2292.04.11', '1707.09.22', '1234567890', '12345678901', '1234567890.5', '1234567890.123456789',
  '1234567890.1234567890', '946684800', '0000000000', '99999999999.999999999', '1D', '-1D', '1D12:00', '106751D23:47:16.854775807', '-5D01:00:00',
  '99999999999999999999D00:00', '2000.01', '2000-12', '200012', '2000.12m', '2000.13', '2000.1', 'abc', '2000.01.01x', '12:00x', '\t2000.01.01\n',
  '2001.01.01D00:00:00.000000001', '1999.12.31D23:59:59.999999999', '2136.01.01D00:00', '1863.01.01', '2137.01.01D00:00', '1862.12.31', '1\n2',
];

describe('temporal $ parse in the engine, as the regex reader', () => {
  for (const letter of Object.keys(LETTERS) as Letter[]) {
    test(`"${letter}"$: edge strings and random text`, () => {
      check(letter, EDGES);
      fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), (xs) => { check(letter, xs); }), { numRuns: 300 });
    });
  }
  test('an item that is not a string keeps the per-item path; an empty list stays a list', () => {
    const r = q('"D"$("2000.01.01";"x";enlist "2")');
    try { expect(r.toString()).toBe('2000.01.01 0N 0N'); } finally { r.dispose(); }
    const e = q('"D"$()');
    try { expect(e.type).toBe(0); } finally { e.dispose(); }
    const a = q('"D"$"2000.01.01"');
    try { expect(a.toString()).toBe('2000.01.01'); } finally { a.dispose(); }
  });
});

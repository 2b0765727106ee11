// One q item as text, in the three contexts the console uses:
//   ATOM  an atom on its own: type suffix where q adds one (1i, 0Nd, `a, "a")
//   ITEM  an item inside a simple vector: bare (1 0N 3), the vector adds any suffix
//   CELL  a table or dictionary cell from a simple column: bare, nulls blank,
//         symbols without the backtick, chars without quotes
//
// Raw values are as q stores them: number for b x c h i e f m d u v t z,
// bigint for j p n, string for s, 16 bytes for g.

import { fmtG, digitsFor } from './float.js';
import {
  dateText, datetimeText, minuteText, monthText, secondText, timeText, timespanText, timestampText,
} from './temporal.js';

export const ATOM = 0;
export const ITEM = 1;
export const CELL = 2;
export type Mode = typeof ATOM | typeof ITEM | typeof CELL;

export type Raw = number | bigint | string | Uint8Array;

/** Type letters by q type number (index 0 is the general list). */
export const TYPE_CHAR = ' bg xhijefcspmdznuvt';

/** q type names by type number, as `type$()` uses them for empty vectors. */
export const TYPE_NAME = [
  '', 'boolean', 'guid', '', 'byte', 'short', 'int', 'long', 'real', 'float', 'char', 'symbol',
  'timestamp', 'month', 'date', 'datetime', 'timespan', 'minute', 'second', 'time',
];

// Sentinels: null is the minimum of the width, infinity the maximum.
const NH = -32768, WH = 32767;
const NI = -2147483648, WI = 2147483647;
const NJ = -9223372036854775808n, WJ = 9223372036854775807n;

/** 0 finite, 1 null, 2 infinity, 3 minus infinity. */
export function special(t: number, v: Raw): number {
  switch (t) {
    case 5: // q has no display for short infinity: 0Wh prints as 32767h (basics/datatypes.md)
      return v === NH ? 1 : 0;
    case 6: case 13: case 14: case 17: case 18: case 19:
      return v === NI ? 1 : v === WI ? 2 : v === -WI ? 3 : 0;
    case 7: case 12: case 16:
      return v === NJ ? 1 : v === WJ ? 2 : v === -WJ ? 3 : 0;
    case 8: case 9: case 15: {
      const x = v as number;
      return x !== x ? 1 : x === Infinity ? 2 : x === -Infinity ? 3 : 0;
    }
    default:
      return 0;
  }
}

const INT_SPECIAL = ['', '0N', '0W', '-0W'];
const FLOAT_SPECIAL = ['', '0n', '0w', '-0w'];
// datetime atoms are 0Nz 0wz -0wz (the reference's type table); real atoms 0Ne 0we -0we
// (the `0we + 5` transcript in basics/datatypes.md): infinities print as floats do
const DATETIME_SPECIAL = ['', '0N', '0w', '-0w'];

/** Bare text of a null or infinity inside a vector. */
export function specialItem(t: number, s: number): string {
  return (t === 9 ? FLOAT_SPECIAL : t === 15 || t === 8 ? DATETIME_SPECIAL : INT_SPECIAL)[s]!;
}

const HEX = '0123456789abcdef';
export const hex2 = (b: number): string => HEX[b >> 4]! + HEX[b & 15]!;

/** Guid text from 16 bytes: 8-4-4-4-12 lower-case hex. */
export function guidText(g: Uint8Array, off = 0): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += hex2(g[off + i]!);
  }
  return s;
}

/** A char as it appears inside a q string literal. */
export function escChar(c: number): string {
  if (c === 34) return '\\"';
  if (c === 92) return '\\\\';
  if (c >= 32 && c < 127) return String.fromCharCode(c);
  if (c === 10) return '\\n';
  if (c === 13) return '\\r';
  if (c === 9) return '\\t';
  return '\\' + (c & 255).toString(8).padStart(3, '0');
}

/** Quoted q string of bytes, escaped; plain runs are decoded in chunks. */
export function quote(u8: Uint8Array, from = 0, to = u8.length): string {
  const parts: string[] = [];
  let run = from;
  const flush = (end: number): void => {
    for (let i = run; i < end; i += 8192) parts.push(String.fromCharCode.apply(null, u8.subarray(i, Math.min(end, i + 8192)) as unknown as number[]));
  };
  for (let i = from; i < to; i++) {
    const c = u8[i]!;
    if (c >= 32 && c < 127 && c !== 34 && c !== 92) continue;
    flush(i);
    parts.push(escChar(c));
    run = i + 1;
  }
  flush(to);
  return '"' + parts.join('') + '"';
}

/** Text of a finite number-like value, without suffix. */
function finiteText(t: number, v: Raw, precision: number): string {
  switch (t) {
    case 1: return (v as number) ? '1' : '0';
    case 4: return hex2(v as number);
    case 5: case 6: case 7: return '' + v;
    case 8: case 9: return fmtG(v as number, digitsFor(precision));
    case 12: return timestampText(v as bigint);
    case 13: return monthText(v as number);
    case 14: return dateText(v as number);
    case 15: return datetimeText(v as number);
    case 16: return timespanText(v as bigint);
    case 17: return minuteText(v as number);
    case 18: return secondText(v as number);
    case 19: return timeText(v as number);
    default: throw new TypeError('not a number-like q type: ' + t);
  }
}

/** True when float text reads as an integer, so q adds `f` to keep it a float. */
export const looksIntegral = (s: string): boolean => !/[.enw]/.test(s);

/**
 * Text of one item of type t (1..19) in the given mode. For guids pass the
 * 16 bytes (or the whole vector with `off`); for symbols the symbol text.
 */
export function itemText(t: number, v: Raw, mode: Mode, precision: number): string {
  switch (t) {
    case 2: return guidText(v as Uint8Array);
    case 10: {
      const c = v as number;
      return mode === CELL ? String.fromCharCode(c) : mode === ATOM ? '"' + escChar(c) + '"' : escChar(c);
    }
    case 11: return mode === CELL ? (v as string) : '`' + (v as string);
  }
  const s = special(t, v);
  if (s !== 0) {
    if (mode === CELL) return s === 1 ? '' : specialItem(t, s);
    if (mode === ITEM) return specialItem(t, s);
    if (t === 7 || t === 9) return specialItem(t, s);
    return specialItem(t, s) + TYPE_CHAR[t];
  }
  const x = finiteText(t, v, precision);
  if (mode !== ATOM) return x;
  switch (t) {
    case 1: case 5: case 6: case 8: case 13: return x + TYPE_CHAR[t];
    case 4: return '0x' + x;
    case 9: return looksIntegral(x) ? x + 'f' : x;
    default: return x;
  }
}

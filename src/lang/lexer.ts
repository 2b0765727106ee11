// Lexer for q text.
//
// Turns one q expression (possibly spanning lines) into tokens. Constants are
// fully decoded here, including vector notation: `1 2 3h`, `2000.01.01 0Nd`,
// `` `a`b `` and `101b` each become ONE `const` token whose `lit` describes the
// value by q type code and raw stored items (see `Lit`).
//
// Token kinds
//   const  a constant (atom or vector); `lit` holds it
//   name   a name, possibly dotted: `x`, `.z.p`, `a.b`
//   op     an operator glyph as written: + - * % ! & | < > = ~ , ^ # _ $ ? @ . :
//          <= >= <> :: ' (signal), 0: 1: 2:, and glyph+colon (`+:`) which is
//          modified assignment after a name and the k unary form otherwise
//   adv    an iterator written immediately after a value: ' ': / \ /: \:
//   punct  ( ) [ ] { } ;
// Every token records `pos` (offset in the source) and `ws` (whitespace, or the
// start of text, immediately before it). Comments are dropped.

import { qerr } from './error.js';

/** A constant: q type code (negative atom, positive vector, 0 general list of atoms) and raw items. */
export interface Lit {
  type: number;
  /** Raw stored items: numbers for b x h i m d u v t e f z (float null NaN),
   *  bigint for j p n, strings for symbols; for chars, their bytes as a string
   *  of char codes 0..255 (UTF-8 source text encoded, escapes as written). */
  data: (number | bigint | string)[] | string;
  /** For a general list (type 0) of atoms: its items. */
  items?: Lit[];
}

export type TokKind = 'const' | 'name' | 'op' | 'adv' | 'punct';
export interface Token {
  kind: TokKind;
  text: string;
  pos: number;
  end: number;
  ws: boolean;
  lit?: Lit;
}

// ---------------------------------------------------------------- constants

const NH = -32768, WH = 32767, NI = -2147483648, WI = 2147483647;
const NJ = -9223372036854775808n, WJ = 9223372036854775807n;
const NS_DAY = 86400000000000n;

/** Type char → vector code. */
const CODE: Record<string, number> = {
  b: 1, g: 2, x: 4, h: 5, i: 6, j: 7, e: 8, f: 9, c: 10, s: 11,
  p: 12, m: 13, d: 14, z: 15, n: 16, u: 17, v: 18, t: 19,
};

/** q null (N) and positive infinity (W) per vector type code. */
function nullOf(code: number): number | bigint {
  switch (code) {
    case 1: case 4: return 0;
    case 5: return NH;
    case 6: case 13: case 14: case 17: case 18: case 19: return NI;
    case 7: case 12: case 16: return NJ;
    case 8: case 9: case 15: return NaN;
    case 2: return 0; // guid null: all zero bytes; carried as 0
  }
  throw qerr('parse');
}
function infOf(code: number): number | bigint {
  switch (code) {
    case 5: return WH;
    case 6: case 13: case 14: case 17: case 18: case 19: return WI;
    case 7: case 12: case 16: return WJ;
    case 8: case 9: case 15: return Infinity;
  }
  throw qerr('parse');
}

function neg(v: number | bigint): number | bigint {
  return typeof v === 'bigint' ? -v : -v;
}

/** Days from 2000.01.01 to y.m.d, or null when the date is not a real date. */
function daysOf(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, m - 1, d);
  const back = new Date(t);
  if (back.getUTCDate() !== d || back.getUTCMonth() !== m - 1) return null;
  return Math.round(t / 86400000) - 10957;
}

/** hh[:mm[:ss[.fff…]]] → nanoseconds (bigint). */
function timeNs(h: string, m?: string, s?: string, frac?: string): bigint {
  let ns = BigInt(h) * 3600000000000n;
  if (m !== undefined) ns += BigInt(m) * 60000000000n;
  if (s !== undefined) ns += BigInt(s) * 1000000000n;
  if (frac) ns += BigInt((frac + '000000000').slice(0, 9));
  return ns;
}

/** One atom of a numeric/temporal vector as written, before the vector's type is settled.
 *  plain: an unsuffixed decimal (takes its type from the vector); suffixed: `1h`, `2000.01m`;
 *  nullinf: 0N 0W 0n 0w and typed forms (code -1 for untyped 0N/0W); typed: a temporal or
 *  other literal whose type is fixed by its form. */
interface RawAtom {
  kind: 'plain' | 'suffixed' | 'nullinf' | 'typed';
  text: string;     // without sign
  negative: boolean;
  code: number;     // vector code of the atom on its own
  null?: boolean;   // nullinf: null (true) or infinity (false)
  value: number | bigint; // typed: value at its code
}

// The temporal and null/infinity forms, scanned by hand at i (sticky: the match
// starts at i). Each returns the groups the regex in its comment would give
// ([all, group…], undefined for a group that took no part), or null. Every part
// after the first required one is optional and greedy, so no backtracking is needed.
// Typed as RegExpExecArray is (string[]): a group that took no part is undefined at run time.
type Groups = string[];

/** End of the digit run starting at j. */
function digitsTo(src: string, j: number): number {
  while (isDigitAt(src, j)) j++;
  return j;
}
const isLowerAt = (src: string, j: number): boolean => { const c = src.charCodeAt(j); return c >= 97 && c <= 122; };
/** \d{n} at j? */
function nDigits(src: string, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (!isDigitAt(src, j + k)) return false;
  return true;
}

/** 0([NnWw])([a-z]?) */
function scanNullInf(src: string, i: number): Groups | null {
  const c = src.charCodeAt(i + 1);
  if (src.charCodeAt(i) !== 48 || !(c === 78 || c === 110 || c === 87 || c === 119)) return null;
  const sfx = isLowerAt(src, i + 2) ? src[i + 2]! : '';
  return [src.slice(i, i + 2 + sfx.length), src[i + 1], sfx] as Groups;
}

/** The clock tail from j: (\d+)(?::(\d\d)(?::(\d\d)(?:\.(\d*))?)?)?, optional as a whole.
 *  Returns [end, hh, mm, ss, frac]. */
function scanClock(src: string, j: number): [number, string | undefined, string | undefined, string | undefined, string | undefined] {
  const h = digitsTo(src, j);
  if (h === j) return [j, undefined, undefined, undefined, undefined];
  return scanMinutes(src, j, h);
}
/** After hours [j,h): (?::(\d\d)(?::(\d\d)(?:\.(\d*))?)?)? */
function scanMinutes(src: string, j: number, h: number): [number, string, string | undefined, string | undefined, string | undefined] {
  const hh = src.slice(j, h);
  if (src.charCodeAt(h) !== 58 || !nDigits(src, h + 1, 2)) return [h, hh, undefined, undefined, undefined];
  const mm = src.slice(h + 1, h + 3);
  let e = h + 3;
  if (src.charCodeAt(e) !== 58 || !nDigits(src, e + 1, 2)) return [e, hh, mm, undefined, undefined];
  const ss = src.slice(e + 1, e + 3);
  e += 3;
  if (src.charCodeAt(e) !== 46) return [e, hh, mm, ss, undefined];
  const f = digitsTo(src, e + 1);
  return [f, hh, mm, ss, src.slice(e + 1, f)];
}

/** (\d{4})\.(\d\d)\.(\d\d)(?:([DT])(clock)?)?([a-z])? */
function scanDate(src: string, i: number): Groups | null {
  if (!nDigits(src, i, 4) || src.charCodeAt(i + 4) !== 46 || !nDigits(src, i + 5, 2) || src.charCodeAt(i + 7) !== 46 || !nDigits(src, i + 8, 2)) return null;
  let e = i + 10;
  let sep: string | undefined, hh: string | undefined, mm: string | undefined, ss: string | undefined, frac: string | undefined;
  const c = src.charCodeAt(e);
  if (c === 68 || c === 84) {
    sep = src[e];
    [e, hh, mm, ss, frac] = scanClock(src, e + 1);
  }
  const sfx = isLowerAt(src, e) ? src[e] : undefined;
  if (sfx !== undefined) e++;
  return [src.slice(i, e), src.slice(i, i + 4), src.slice(i + 5, i + 7), src.slice(i + 8, i + 10), sep, hh, mm, ss, frac, sfx] as Groups;
}

/** (\d{4})\.(\d\d)m */
function scanMonth(src: string, i: number): Groups | null {
  if (!nDigits(src, i, 4) || src.charCodeAt(i + 4) !== 46 || !nDigits(src, i + 5, 2) || src.charCodeAt(i + 7) !== 109) return null;
  return [src.slice(i, i + 8), src.slice(i, i + 4), src.slice(i + 5, i + 7)] as Groups;
}

/** (\d+)D(clock)?([a-z])? */
function scanSpan(src: string, i: number): Groups | null {
  const d = digitsTo(src, i);
  if (d === i || src.charCodeAt(d) !== 68) return null;
  let [e, hh, mm, ss, frac] = scanClock(src, d + 1);
  const sfx = isLowerAt(src, e) ? src[e] : undefined;
  if (sfx !== undefined) e++;
  return [src.slice(i, e), src.slice(i, d), hh, mm, ss, frac, sfx] as Groups;
}

/** (\d+):(\d\d)(?::(\d\d)(?:\.(\d*))?)?([a-z])? */
function scanTime(src: string, i: number): Groups | null {
  const h = digitsTo(src, i);
  if (h === i || src.charCodeAt(h) !== 58 || !nDigits(src, h + 1, 2)) return null;
  let [e, hh, mm, ss, frac] = scanMinutes(src, i, h);
  const sfx = isLowerAt(src, e) ? src[e] : undefined;
  if (sfx !== undefined) e++;
  return [src.slice(i, e), hh, mm!, ss, frac, sfx] as Groups;
}

// character classes by char code (bits): the scanners read codes, never one-char strings
const C_DIGIT = 1, C_ALPHA = 2, C_NAME = 4, C_LOWER = 8, C_HEX = 16, C_SYM = 32, C_SYMTAIL = 64, C_FILESYM = 128;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  let k = 0;
  if (c >= 48 && c <= 57) k |= C_DIGIT;
  if (/[A-Za-z]/.test(ch)) k |= C_ALPHA;
  if (/[A-Za-z0-9_]/.test(ch)) k |= C_NAME;
  if (c >= 97 && c <= 122) k |= C_LOWER;
  if (/[0-9a-fA-F]/.test(ch)) k |= C_HEX;
  if (/[A-Za-z0-9._]/.test(ch)) k |= C_SYM;
  if (/[A-Za-z0-9._:/]/.test(ch)) k |= C_SYMTAIL;
  if (/[A-Za-z0-9._:/\\-]/.test(ch)) k |= C_FILESYM;
  CLASS[c] = k;
}
/** Class bits of the char at i (0 past the end or beyond ASCII). */
const cls = (src: string, i: number): number => {
  const c = src.charCodeAt(i);
  return c < 128 ? CLASS[c]! : 0; // NaN past the end compares false
};
const isDigitAt = (src: string, i: number): boolean => {
  const c = src.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** Does a numeric constant start at i (digit, or `.` digit)? */
function numberStarts(src: string, i: number): boolean {
  const c = src.charCodeAt(i);
  return (c >= 48 && c <= 57) || (c === 46 && isDigitAt(src, i + 1));
}
/** Does a byte constant (0x…) start at i? */
const byteStarts = (src: string, i: number): boolean => src.charCodeAt(i) === 48 && src.charCodeAt(i + 1) === 120;

/** end, unless the constant runs straight into a name character (an underscore after it is Drop: 5_x) or a .digit. */
function afterConst(src: string, end: number): number {
  const c = src.charCodeAt(end);
  if ((c !== 95 && (cls(src, end) & C_NAME) !== 0) || (c === 46 && isDigitAt(src, end + 1))) throw qerr('parse');
  return end;
}

/** Scan one numeric/temporal atom at i (no sign). Returns the atom and end offset. */
function scanAtom(src: string, i: number, negative: boolean): [RawAtom, number] | null {
  let m: Groups | null;
  // the forms below are tried in order; only the char after the leading digit
  // run can let one before the plain-number pattern match, so decide by it
  const c0 = src.charCodeAt(i);
  let d = i;
  while (isDigitAt(src, d)) d++;
  const next = src.charCodeAt(d);
  const nullinf = c0 === 48 && d === i + 1 && (next === 78 || next === 110 || next === 87 || next === 119); // 0N 0n 0W 0w
  const temporal = (d - i === 4 && next === 46) || (d > i && (next === 68 || next === 58)); // yyyy. nD n:
  if (!nullinf && !temporal) return scanNumber(src, i, d, negative);
  const after = (end: number) => afterConst(src, end);
  if ((m = scanNullInf(src, i))) {
    const [all, nw, sfx] = m;
    let code: number;
    if (nw === 'n' || nw === 'w') {
      if (sfx && sfx !== 'e' && sfx !== 'f') throw qerr('parse');
      code = sfx === 'e' ? 8 : 9;
    } else if (!sfx) {
      code = -1;
    } else {
      code = CODE[sfx];
      if (!code || code === 10 || code === 11 || code === 4 || code === 1 || (code === 2 && nw === 'W')) throw qerr('parse');
    }
    return [{ kind: 'nullinf', text: all, negative, code, null: nw === 'N' || nw === 'n', value: 0 }, after(i + all.length)];
  }
  if ((m = scanDate(src, i))) {
    const [all, y, mo, d, sep, hh, mm, ss, frac, sfx] = m;
    const days = daysOf(+y, +mo, +d);
    let code: number, value: number | bigint;
    if (sep === 'D' || sfx === 'p') {
      code = 12;
      value = days === null ? NJ : BigInt(days) * NS_DAY + (hh !== undefined ? timeNs(hh, mm, ss, frac) : 0n);
    } else if (sep === 'T' || sfx === 'z') {
      code = 15;
      value = days === null ? NaN : days + (hh !== undefined ? Number(timeNs(hh, mm, ss, frac)) / 8.64e13 : 0);
    } else {
      if (sfx && sfx !== 'd') throw qerr('parse');
      code = 14; value = days === null ? NI : days;
    }
    return [{ kind: 'typed', text: all, negative, code, value }, after(i + all.length)];
  }
  if ((m = scanMonth(src, i))) {
    const [all, y, mo] = m;
    if (+mo < 1 || +mo > 12) throw qerr('parse');
    return [{ kind: 'suffixed', text: `${y}.${mo}`, negative, code: 13, value: 0 }, after(i + all.length)];
  }
  if ((m = scanSpan(src, i))) {
    const [all, days, hh, mm, ss, frac, sfx] = m;
    if (sfx && sfx !== 'n') throw qerr('parse');
    const value = BigInt(days) * NS_DAY + (hh !== undefined ? timeNs(hh, mm, ss, frac) : 0n);
    return [{ kind: 'typed', text: all, negative, code: 16, value }, after(i + all.length)];
  }
  if ((m = scanTime(src, i))) {
    const [all, hh, mm, ss, frac, sfx] = m;
    let code = ss === undefined ? 17 : frac === undefined ? 18 : frac.length <= 3 ? 19 : 16;
    if (sfx) {
      code = CODE[sfx];
      if (!(code >= 16 && code <= 19)) throw qerr('parse');
    }
    const ns = timeNs(hh, mm, ss, frac);
    let value: number | bigint;
    switch (code) {
      case 16: value = ns; break;
      case 17: value = +hh * 60 + +mm; break;
      case 18: value = +hh * 3600 + +mm * 60 + +(ss ?? 0); break;
      default: value = Number(ns / 1000000n);
    }
    return [{ kind: 'typed', text: all, negative, code, value }, after(i + all.length)];
  }
  // a plain number after all (as 2000.1 or 12D with no match above)
  return scanNumber(src, i, d, negative);
}

/** A number by hand at i, d the end of the leading digit run: (\d+\.?\d*|\.\d+)(e-?\d+)?([a-z])? */
function scanNumber(src: string, i: number, d: number, negative: boolean): [RawAtom, number] | null {
  let j = d;
  let isFloat = false;
  if (d > i) {
    if (src.charCodeAt(j) === 46) { isFloat = true; j++; while (isDigitAt(src, j)) j++; }
  } else {
    if (src.charCodeAt(j) !== 46 || !isDigitAt(src, j + 1)) return null;
    isFloat = true;
    j += 2;
    while (isDigitAt(src, j)) j++;
  }
  // exponent: e, optional -, at least one digit; otherwise the e is a suffix
  if (src.charCodeAt(j) === 101) {
    const k = src.charCodeAt(j + 1) === 45 ? j + 2 : j + 1;
    if (isDigitAt(src, k)) {
      let e = k + 1;
      while (isDigitAt(src, e)) e++;
      j = e;
      isFloat = true;
    }
  }
  const text = src.slice(i, j);
  const s = src.charCodeAt(j);
  if (s >= 97 && s <= 122) {
    const code = CODE[String.fromCharCode(s)];
    if (!code || code === 2 || code === 4 || code === 10 || code === 11) throw qerr('parse');
    return [{ kind: 'suffixed', text, negative, code, value: 0 }, afterConst(src, j + 1)];
  }
  return [{ kind: 'plain', text, negative, code: isFloat ? 9 : 7, value: 0 }, afterConst(src, j)];
}

/** Convert a plain decimal number text to a value of type code. */
function convertPlain(text: string, negative: boolean, code: number): number | bigint {
  const isFloat = text.includes('.') || text.includes('e');
  // up to 15 digits is exact as a double and inside every integer range but short's
  if (!isFloat && text.length <= 15 && (code === 7 || code === 6 || code === 12 || code === 16)) {
    if (code === 6 && text.length >= 10) return convertInt(text, negative, code);
    const v = negative ? -Number(text) : Number(text);
    return code === 6 ? v || 0 : BigInt(v);
  }
  return convertInt(text, negative, code);
}

function convertInt(text: string, negative: boolean, code: number): number | bigint {
  const isFloat = text.includes('.') || text.includes('e');
  switch (code) {
    case 1:
      if (!/^[01]+$/.test(text)) throw qerr('parse');
      return Number(text);
    case 5: case 6: case 7: {
      if (isFloat) throw qerr('parse');
      const v = BigInt(text) * (negative ? -1n : 1n);
      if (code === 7) {
        if (v > WJ || v < -WJ) throw qerr('parse');
        return v;
      }
      const lim = code === 5 ? WH : WI;
      if (v > BigInt(lim) || v < -BigInt(lim)) throw qerr('parse');
      return Number(v);
    }
    case 8: return Math.fround(Number(text)) * (negative ? -1 : 1);
    case 9: return Number(text) * (negative ? -1 : 1);
    case 13: {
      // yyyy.mm
      if (text.length !== 7 || !nDigits(text, 0, 4) || text.charCodeAt(4) !== 46 || !nDigits(text, 5, 2)) throw qerr('parse');
      return ((+text.slice(0, 4) - 2000) * 12 + (+text.slice(5, 7) - 1)) * (negative ? -1 : 1);
    }
    // integers read with a temporal suffix count the type's unit
    case 14: case 17: case 18: case 19:
      if (isFloat) throw qerr('parse');
      return Number(text) * (negative ? -1 : 1);
    case 12: case 16:
      if (isFloat) throw qerr('parse');
      return BigInt(text) * (negative ? -1n : 1n);
    case 15: return Number(text) * (negative ? -1 : 1);
  }
  throw qerr('parse');
}

/** Settle a vector (or atom, when one) from its raw atoms, per q's vector notation. */
function settle(atoms: RawAtom[]): Lit {
  const last = atoms[atoms.length - 1];
  let code: number;
  if (atoms.length === 1 && last.kind !== 'suffixed') {
    // one atom: its own type (an untyped 0N/0W is a long)
    code = last.code === -1 ? 7 : last.code;
  } else if (last.kind === 'suffixed' || (last.kind === 'nullinf' && last.code !== -1 && atoms.length > 1)) {
    // a trailing type suffix (or typed null/infinity: 1 2 3 0Nh) types every item; nulls take the type
    code = last.code;
    const fits = (a: RawAtom) => a.kind === 'plain' || a.kind === 'nullinf' || a.code === code;
    if (!atoms.every(fits)) return { type: 0, data: [], items: atoms.map((a) => settle([a])) };
  } else {
    const codes = new Set(atoms.map((a) => a.code).filter((c) => c !== -1));
    if (codes.size === 0) code = 7;
    else if (codes.size === 1) code = [...codes][0];
    else if (codes.size === 2 && codes.has(7) && codes.has(9) && atoms.every((a) => a.kind !== 'typed')) code = 9;
    else {
      // mixed constants: a general list of atoms
      return { type: 0, data: [], items: atoms.map((a) => settle([a])) };
    }
  }
  if (code === 1) {
    // 1b is an atom; 101b is a vector; 1 0 1b also
    const bits: number[] = [];
    for (const a of atoms) {
      if (a.negative || a.kind === 'nullinf' || a.kind === 'typed' || !/^[01]+$/.test(a.text)) throw qerr('parse');
      if (atoms.length > 1 && a.text.length > 1) throw qerr('parse');
      bits.push(...[...a.text].map(Number));
    }
    return bits.length === 1 && atoms.length === 1 && last.text.length === 1 ? { type: -1, data: bits } : { type: 1, data: bits };
  }
  const data = atoms.map((a) => value(a, code));
  return { type: atoms.length === 1 ? -code : code, data };
}

function value(a: RawAtom, code: number): number | bigint {
  switch (a.kind) {
    case 'nullinf': {
      const v = a.null ? nullOf(code) : infOf(code);
      return a.negative && !a.null ? neg(v) : v;
    }
    case 'typed':
      if (a.code !== code) throw qerr('parse');
      return a.negative ? neg(a.value) : a.value;
    case 'suffixed':
      if (a.code !== code) throw qerr('parse');
      return convertPlain(a.text, a.negative, code);
    case 'plain':
      return convertPlain(a.text, a.negative, code);
  }
}

// ---------------------------------------------------------------- strings, symbols

/**
 * The string at i (i at the opening quote) as bytes, one char code 0..255 per
 * byte, as kdb+ stores it: the source text is UTF-8 ("é" is two chars) and an
 * escape is one byte ("\377" is the single char 0xff).
 */
function scanString(src: string, i: number): [string, number] {
  // no escape before the closing quote: one slice
  const q = src.indexOf('"', i + 1);
  if (q < 0) throw qerr('parse');
  const b = src.indexOf('\\', i + 1);
  if (b < 0 || b > q) return [bytesOf(src.slice(i + 1, q)), q + 1];
  let out = bytesOf(src.slice(i + 1, b));
  let j = b;
  for (;;) {
    if (j >= src.length) throw qerr('parse');
    const c = src.charCodeAt(j);
    if (c === 34) return [out, j + 1];
    if (c === 92) {
      const e = src.charCodeAt(j + 1);
      if (e !== e) throw qerr('parse');
      if (e >= 48 && e <= 55 && isOctal(src, j + 2) && isOctal(src, j + 3)) {
        out += String.fromCharCode(parseInt(src.slice(j + 1, j + 4), 8) & 255);
        j += 4;
        continue;
      }
      out += e === 110 ? '\n' : e === 114 ? '\r' : e === 116 ? '\t' : bytesOf(String.fromCodePoint(src.codePointAt(j + 1)!));
      j += e >= 0xd800 && e <= 0xdbff ? 3 : 2;
      continue;
    }
    // a run of plain chars at once
    let k = j + 1;
    for (; k < src.length; k++) { const x = src.charCodeAt(k); if (x === 34 || x === 92) break; }
    out += bytesOf(src.slice(j, k));
    j = k;
  }
}

const utf8 = new TextEncoder();
/** Text as its UTF-8 bytes, one char per byte (ASCII text is returned as it is). */
function bytesOf(s: string): string {
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) if (s.charCodeAt(i) > 127) ascii = false;
  if (ascii) return s;
  let out = '';
  for (const b of utf8.encode(s)) out += String.fromCharCode(b);
  return out;
}
const isOctal = (src: string, i: number): boolean => { const c = src.charCodeAt(i); return c >= 48 && c <= 55; };

/** One symbol at i (i at the backtick): `:file/path (RE_FILESYM) or `name.part:tail (RE_SYM). */
function scanSymbol(src: string, i: number): [string, number] {
  let j = i + 1;
  if (src.charCodeAt(j) === 58) {
    j++;
    while (cls(src, j) & C_FILESYM) j++;
  } else {
    while (cls(src, j) & C_SYM) j++;
    if (src.charCodeAt(j) === 58) {
      j++;
      while (cls(src, j) & C_SYMTAIL) j++;
    }
  }
  return [src.slice(i + 1, j), j];
}

// ---------------------------------------------------------------- tokens

/** + - * % ! & | < > = ~ , ^ # _ $ ? @ . : by char code */
const GLYPH = new Uint8Array(128);
for (const g of '+-*%!&|<>=~,^#_$?@.:') GLYPH[g.charCodeAt(0)] = 1;
const PUNCT = new Uint8Array(128);
for (const g of '()[]{};') PUNCT[g.charCodeAt(0)] = 1;

/** Does the previous token end a value (so an iterator may attach / `-` means minus)? */
function endsValue(prev: Token | undefined): boolean {
  if (!prev) return false;
  const k = prev.kind;
  if (k === 'const' || k === 'name') return true;
  if (k === 'punct') return prev.text === ')' || prev.text === ']' || prev.text === '}';
  return false;
}
function takesIterator(prev: Token | undefined): boolean {
  if (!prev) return false;
  return endsValue(prev) || prev.kind === 'adv' || (prev.kind === 'op' && prev.text !== "'");
}
/** `'` after `:` is not Each (k:'[f;g] is a composition). */
function attachesTo(prev: Token | undefined, c: number): boolean {
  if (!takesIterator(prev)) return false;
  return !(c === 39 && prev!.kind === 'op' && (prev!.text === ':' || prev!.text === '::'));
}

/** A digit then a colon that is the operator 0: 1: 2: (not a time, unless 0x follows). */
const digitColonOp = (src: string, i: number): boolean =>
  src.charCodeAt(i + 1) === 58 && (!isDigitAt(src, i + 2) || src.startsWith('0x', i + 2));

export function lex(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  let ws = true;
  let prev: Token | undefined;
  const push = (kind: TokKind, text: string, pos: number, end: number, lit?: Lit) => {
    prev = { kind, text, pos, end, ws, lit };
    toks.push(prev);
    ws = false;
    i = end;
  };
  // block comments and whole-line comments are removed line by line first
  src = stripComments(src);
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 10) {
      i++; ws = true;
      continue;
    }
    // comments: `/` after whitespace or at start runs to end of line
    if (c === 47 && ws) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? n : nl;
      continue;
    }
    // iterators attach to the value immediately to their left
    if (!ws && (c === 39 || c === 47 || c === 92) && attachesTo(prev, c)) {
      const len = src.charCodeAt(i + 1) === 58 ? 2 : 1;
      push('adv', src.slice(i, i + len), i, i + len);
      continue;
    }
    const k = c < 128 ? CLASS[c]! : 0;
    if (k & C_ALPHA || (c === 46 && cls(src, i + 1) & C_ALPHA)) {
      // a name: \.?[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*
      let j = c === 46 ? i + 2 : i + 1;
      for (;;) {
        while (cls(src, j) & C_NAME) j++;
        if (src.charCodeAt(j) === 46 && cls(src, j + 1) & C_ALPHA) { j += 2; continue; }
        break;
      }
      push('name', src.slice(i, j), i, j);
      continue;
    }
    if (c === 1) {
      // a value spliced in by the tagged template: \u0001<index>\u0001 (type 999 marks it)
      const end = src.indexOf('\u0001', i + 1);
      if (end < 0) throw qerr('parse');
      push('const', src.slice(i, end + 1), i, end + 1, { type: 999, data: [Number(src.slice(i + 1, end))] });
      continue;
    }
    if (c === 34) {
      const [s, end] = scanString(src, i);
      push('const', src.slice(i, end), i, end, s.length === 1 ? { type: -10, data: s } : { type: 10, data: s });
      continue;
    }
    if (c === 96) {
      const syms: string[] = [];
      let j = i;
      for (;;) {
        const [s, end] = scanSymbol(src, j);
        syms.push(s);
        j = end;
        if (src.charCodeAt(j) === 96) continue;
        // `a `b with a blank between is two symbols (`r1`r2 `v1`v2?v indexes, basics/control.md)
        break;
      }
      push('const', src.slice(i, j), i, j, syms.length === 1 ? { type: -11, data: syms } : { type: 11, data: syms });
      continue;
    }
    // numbers, including a negative sign where it belongs to the constant
    // (after a name, constant, ) or ] it is Minus; after } it is a sign: {x}-1 applies to -1)
    const negHere = c === 45 && numberStarts(src, i + 1) && !(endsValue(prev) && !ws && prev?.text !== '}');
    if (negHere || k & C_DIGIT || (c === 46 && isDigitAt(src, i + 1))) {
      if (byteStarts(src, negHere ? i + 1 : i)) {
        if (negHere) throw qerr('parse');
        let j = i + 2;
        while (cls(src, j) & C_HEX) j++;
        let hex = src.slice(i + 2, j);
        if (cls(src, j) & C_NAME) throw qerr('parse');
        if (hex.length % 2) hex = '0' + hex;
        const bytes: number[] = [];
        for (let k = 0; k < hex.length; k += 2) bytes.push(parseInt(hex.slice(k, k + 2), 16));
        push('const', src.slice(i, j), i, j, bytes.length === 1 ? { type: -4, data: bytes } : { type: 4, data: bytes });
        continue;
      }
      // digit followed by colon (0: 1: 2:) is an operator, not a time
      if (k & C_DIGIT && digitColonOp(src, i)) {
        const len = src.charCodeAt(i + 2) === 58 ? 3 : 2;
        push('op', src.slice(i, i + len), i, i + len);
        continue;
      }
      const atoms: RawAtom[] = [];
      let j = i;
      for (;;) {
        const negative = src.charCodeAt(j) === 45;
        const r = scanAtom(src, negative ? j + 1 : j, negative);
        if (!r) throw qerr('parse');
        atoms.push(r[0]);
        j = r[1];
        // vector notation: blanks then another numeric constant
        let k = j;
        for (let x = src.charCodeAt(k); x === 32 || x === 9; x = src.charCodeAt(++k));
        if (k === j) break;
        if (numberStarts(src, k) && !byteStarts(src, k) && !(isDigitAt(src, k) && src.charCodeAt(k + 1) === 58 && !isDigitAt(src, k + 2))) { j = k; continue; }
        if (src.charCodeAt(k) === 45 && numberStarts(src, k + 1) && !byteStarts(src, k + 1)) { j = k; continue; }
        break;
      }
      push('const', src.slice(i, j), i, j, settle(atoms));
      continue;
    }
    if (c < 128 && PUNCT[c]) {
      push('punct', src[i]!, i, i + 1);
      continue;
    }
    if (c === 39) {
      push('op', "'", i, i + 1);
      continue;
    }
    if (c < 128 && GLYPH[c]) {
      const c1 = src.charCodeAt(i + 1);
      // <= >= <> ::
      if ((c1 === 61 && (c === 60 || c === 62)) || (c === 60 && c1 === 62) || (c === 58 && c1 === 58)) {
        push('op', src.slice(i, i + 2), i, i + 2);
        continue;
      }
      // glyph immediately followed by a colon: modified assignment / unary form
      if (c !== 58 && c1 === 58 && src.charCodeAt(i + 2) !== 58) {
        push('op', src.slice(i, i + 2), i, i + 2);
        continue;
      }
      push('op', src[i]!, i, i + 1);
      continue;
    }
    if ((c === 92 || c === 47) && !ws && prev?.kind === 'punct' && (prev.text === '(' || prev.text === '[' || prev.text === ';')) {
      // an iterator as a value, (/;+) in a parse tree
      const len = src.charCodeAt(i + 1) === 58 ? 2 : 1;
      push('op', src.slice(i, i + len), i, i + len);
      continue;
    }
    throw qerr('parse');
  }
  return toks;
}

/**
 * Remove whole-line comments (`/` in column 0), block comments (a line that is
 * a lone `/` up to a line that is a lone `\`), and everything after a lone `\`
 * line (which ends a script). Lines are kept so offsets of other lines move
 * only by removed text.
 */
export function stripComments(src: string): string {
  // only a line starting with / or \ changes anything
  let touched = src.charCodeAt(0) === 47 || src.charCodeAt(0) === 92;
  for (let nl = src.indexOf('\n'); !touched && nl >= 0; nl = src.indexOf('\n', nl + 1)) {
    const c = src.charCodeAt(nl + 1);
    touched = c === 47 || c === 92;
  }
  if (!touched) return src;
  const lines = src.split('\n');
  const out: string[] = [];
  let block = false;
  for (const line of lines) {
    const t = line.trimEnd();
    if (block) {
      if (t === '\\') block = false;
      out.push('');
      continue;
    }
    if (t === '/') { block = true; out.push(''); continue; }
    if (t === '\\') break;
    if (line.startsWith('/')) { out.push(''); continue; }
    out.push(line);
  }
  return out.join('\n');
}

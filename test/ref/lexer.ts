// The lexer as it was before its char-code rewrite: the reference the new one
// (src/lang/lexer.ts) must match token for token (test/lang/lexer.prop.test.ts).
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

import { qerr } from '../../src/lang/error.js';

/** A constant: q type code (negative atom, positive vector, 0 general list of atoms) and raw items. */
export interface Lit {
  type: number;
  /** Raw stored items: numbers for b x h i m d u v t e f z (float null NaN),
   *  bigint for j p n, strings for symbols; for chars, the string itself. */
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

const RE_BYTE = /0x([0-9a-fA-F]*)/y;
const RE_NULLINF = /0([NnWw])([a-z]?)/y;
const RE_DATE = /(\d{4})\.(\d\d)\.(\d\d)(?:([DT])(?:(\d+)(?::(\d\d)(?::(\d\d)(?:\.(\d*))?)?)?)?)?([a-z])?/y;
const RE_MONTH = /(\d{4})\.(\d\d)m/y;
const RE_SPAN = /(\d+)D(?:(\d+)(?::(\d\d)(?::(\d\d)(?:\.(\d*))?)?)?)?([a-z])?/y;
const RE_TIME = /(\d+):(\d\d)(?::(\d\d)(?:\.(\d*))?)?([a-z])?/y;
const RE_NUM = /(\d+\.?\d*|\.\d+)(e-?\d+)?([a-z])?/y;

function isNameChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_]/.test(c);
}
function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** Does a numeric constant start at i (digit, or `.` digit)? */
function numberStarts(src: string, i: number): boolean {
  const c = src[i];
  return isDigit(c) || (c === '.' && isDigit(src[i + 1]));
}

function match(re: RegExp, src: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(src);
}

/** Scan one numeric/temporal atom at i (no sign). Returns the atom and end offset. */
function scanAtom(src: string, i: number, negative: boolean): [RawAtom, number] | null {
  let m: RegExpExecArray | null;
  const after = (end: number) => {
    // a constant may not run straight into a name character
    // (an underscore after a constant is Drop: 5_x)
    if ((isNameChar(src[end]) && src[end] !== '_') || (src[end] === '.' && isDigit(src[end + 1]))) throw qerr('parse');
    return end;
  };
  if ((m = match(RE_NULLINF, src, i))) {
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
  if ((m = match(RE_DATE, src, i))) {
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
  if ((m = match(RE_MONTH, src, i))) {
    const [all, y, mo] = m;
    if (+mo < 1 || +mo > 12) throw qerr('parse');
    return [{ kind: 'suffixed', text: `${y}.${mo}`, negative, code: 13, value: 0 }, after(i + all.length)];
  }
  if ((m = match(RE_SPAN, src, i))) {
    const [all, days, hh, mm, ss, frac, sfx] = m;
    if (sfx && sfx !== 'n') throw qerr('parse');
    const value = BigInt(days) * NS_DAY + (hh !== undefined ? timeNs(hh, mm, ss, frac) : 0n);
    return [{ kind: 'typed', text: all, negative, code: 16, value }, after(i + all.length)];
  }
  if ((m = match(RE_TIME, src, i))) {
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
  if ((m = match(RE_NUM, src, i))) {
    const [all, mant, exp, sfx] = m;
    const isFloat = mant.includes('.') || exp !== undefined;
    const text = mant + (exp ?? '');
    if (sfx) {
      const code = CODE[sfx];
      if (!code || code === 2 || code === 4 || code === 10 || code === 11) throw qerr('parse');
      return [{ kind: 'suffixed', text, negative, code, value: 0 }, after(i + all.length)];
    }
    return [{ kind: 'plain', text, negative, code: isFloat ? 9 : 7, value: 0 }, after(i + all.length)];
  }
  return null;
}

/** Convert a plain decimal number text to a value of type code. */
function convertPlain(text: string, negative: boolean, code: number): number | bigint {
  const isFloat = /[.e]/.test(text);
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
      const m = /^(\d{4})\.(\d\d)$/.exec(text);
      if (!m) throw qerr('parse');
      return ((+m[1] - 2000) * 12 + (+m[2] - 1)) * (negative ? -1 : 1);
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
  if (last.kind === 'suffixed' || (last.kind === 'nullinf' && last.code !== -1 && atoms.length > 1)) {
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

/** The string's bytes, one char code each: the text as UTF-8, an octal escape as one byte. */
function scanString(src: string, i: number): [string, number] {
  const bytes: number[] = [];
  const text = (s: string) => { for (const b of Buffer.from(s, 'utf8')) bytes.push(b); };
  let j = i + 1;
  for (;;) {
    if (j >= src.length) throw qerr('parse');
    const c = String.fromCodePoint(src.codePointAt(j)!);
    if (c === '"') return [String.fromCharCode(...bytes), j + 1];
    if (c === '\\') {
      if (j + 1 >= src.length) throw qerr('parse');
      const e = String.fromCodePoint(src.codePointAt(j + 1)!);
      if (/^[0-7]{3}$/.test(src.slice(j + 1, j + 4))) {
        bytes.push(parseInt(src.slice(j + 1, j + 4), 8) & 255);
        j += 4;
        continue;
      }
      text(e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e);
      j += 1 + e.length;
      continue;
    }
    text(c);
    j += c.length;
  }
}

const RE_SYM = /`([A-Za-z0-9._]*(?::[A-Za-z0-9._:/]*)?)/y;
const RE_FILESYM = /`(:[A-Za-z0-9._:/\\-]*)/y;

/** One symbol at i (i at the backtick). */
function scanSymbol(src: string, i: number): [string, number] {
  const m = match(RE_FILESYM, src, i) ?? match(RE_SYM, src, i)!;
  return [m[1], i + m[0].length];
}

// ---------------------------------------------------------------- tokens

const GLYPHS = '+-*%!&|<>=~,^#_$?@.:';

const VALUE_END: ReadonlySet<TokKind> = new Set(['const', 'name']);

/** Does the previous token end a value (so an iterator may attach / `-` means minus)? */
function endsValue(prev: Token | undefined): boolean {
  if (!prev) return false;
  if (VALUE_END.has(prev.kind)) return true;
  if (prev.kind === 'punct') return prev.text === ')' || prev.text === ']' || prev.text === '}';
  return false;
}
function takesIterator(prev: Token | undefined): boolean {
  if (!prev) return false;
  return endsValue(prev) || prev.kind === 'adv' || (prev.kind === 'op' && prev.text !== "'");
}
/** `'` after `:` is not Each (k:'[f;g] is a composition). */
function attachesTo(prev: Token | undefined, c: string): boolean {
  if (!takesIterator(prev)) return false;
  return !(c === "'" && prev!.kind === 'op' && (prev!.text === ':' || prev!.text === '::'));
}

export function lex(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  let ws = true;
  const push = (kind: TokKind, text: string, pos: number, end: number, lit?: Lit) => {
    toks.push({ kind, text, pos, end, ws, lit });
    ws = false;
    i = end;
  };
  // block comments and whole-line comments are removed line by line first
  src = stripComments(src);
  while (i < src.length) {
    const c = src[i];
    const prev = toks[toks.length - 1];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      i++; ws = true;
      continue;
    }
    // comments: `/` after whitespace or at start runs to end of line
    if (c === '/' && ws) {
      const nl = src.indexOf('\n', i);
      i = nl < 0 ? src.length : nl;
      continue;
    }
    // iterators attach to the value immediately to their left
    if (!ws && (c === "'" || c === '/' || c === '\\') && attachesTo(prev, c)) {
      const two = src[i + 1] === ':' ? c + ':' : c;
      push('adv', two, i, i + two.length);
      continue;
    }
    if (c === '\u0001') {
      // a value spliced in by the tagged template: \u0001<index>\u0001 (type 999 marks it)
      const end = src.indexOf('\u0001', i + 1);
      if (end < 0) throw qerr('parse');
      push('const', src.slice(i, end + 1), i, end + 1, { type: 999, data: [Number(src.slice(i + 1, end))] });
      continue;
    }
    if (c === '"') {
      const [s, end] = scanString(src, i);
      push('const', src.slice(i, end), i, end, s.length === 1 ? { type: -10, data: s } : { type: 10, data: s });
      continue;
    }
    if (c === '`') {
      const syms: string[] = [];
      let j = i;
      for (;;) {
        const [s, end] = scanSymbol(src, j);
        syms.push(s);
        j = end;
        if (src[j] === '`') continue;
        // `a `b with a blank between is two symbols (`r1`r2 `v1`v2?v indexes, basics/control.md)
        break;
      }
      push('const', src.slice(i, j), i, j, syms.length === 1 ? { type: -11, data: syms } : { type: 11, data: syms });
      continue;
    }
    // numbers, including a negative sign where it belongs to the constant
    // (after a name, constant, ) or ] it is Minus; after } it is a sign: {x}-1 applies to -1)
    const negHere = c === '-' && numberStarts(src, i + 1) && !(endsValue(prev) && !ws && prev?.text !== '}');
    if (numberStarts(src, i) || negHere) {
      if (match(RE_BYTE, src, negHere ? i + 1 : i)) {
        if (negHere) throw qerr('parse');
        const m = match(RE_BYTE, src, i)!;
        let hex = m[1];
        if (isNameChar(src[i + m[0].length])) throw qerr('parse');
        if (hex.length % 2) hex = '0' + hex;
        const bytes: number[] = [];
        for (let k = 0; k < hex.length; k += 2) bytes.push(parseInt(hex.slice(k, k + 2), 16));
        push('const', m[0], i, i + m[0].length, bytes.length === 1 ? { type: -4, data: bytes } : { type: 4, data: bytes });
        continue;
      }
      // digit followed by colon (0: 1: 2:) is an operator, not a time
      if (/[0-9]/.test(c) && src[i + 1] === ':' && (!isDigit(src[i + 2]) || src.startsWith('0x', i + 2))) {
        const text = src[i + 2] === ':' ? src.slice(i, i + 3) : src.slice(i, i + 2);
        push('op', text, i, i + text.length);
        continue;
      }
      const atoms: RawAtom[] = [];
      let j = i;
      for (;;) {
        const negative = src[j] === '-';
        const r = scanAtom(src, negative ? j + 1 : j, negative);
        if (!r) throw qerr('parse');
        atoms.push(r[0]);
        j = r[1];
        // vector notation: blanks then another numeric constant
        let k = j;
        while (src[k] === ' ' || src[k] === '\t') k++;
        if (k === j) break;
        if (numberStarts(src, k) && !match(RE_BYTE, src, k) && !(/[0-9]/.test(src[k]) && src[k + 1] === ':' && !isDigit(src[k + 2]))) { j = k; continue; }
        if (src[k] === '-' && numberStarts(src, k + 1) && !match(RE_BYTE, src, k + 1)) { j = k; continue; }
        break;
      }
      push('const', src.slice(i, j), i, j, settle(atoms));
      continue;
    }
    if (/[A-Za-z]/.test(c) || (c === '.' && /[A-Za-z]/.test(src[i + 1] ?? ''))) {
      const m = match(/\.?[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*/y, src, i)!;
      push('name', m[0], i, i + m[0].length);
      continue;
    }
    if ('()[]{};'.includes(c)) {
      push('punct', c, i, i + 1);
      continue;
    }
    if (c === "'") {
      push('op', "'", i, i + 1);
      continue;
    }
    if (GLYPHS.includes(c)) {
      const two = src.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '<>' || two === '::') {
        push('op', two, i, i + 2);
        continue;
      }
      // glyph immediately followed by a colon: modified assignment / unary form
      if (c !== ':' && src[i + 1] === ':' && src[i + 2] !== ':') {
        push('op', two, i, i + 2);
        continue;
      }
      push('op', c, i, i + 1);
      continue;
    }
    if ((c === '\\' || c === '/') && !ws && prev?.kind === 'punct' && '([;'.includes(prev.text)) {
      // an iterator as a value, (/;+) in a parse tree
      const two = src[i + 1] === ':' ? c + ':' : c;
      push('op', two, i, i + two.length);
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
  if (!src.includes('/') && !src.includes('\\')) return src;
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

// q console formatting, byte-exact with kdb+ 4.x.
//
//   str(k)   the one-line form (-3!x, .Q.s1): `a`b!1 2, +(,`a)!,1 2, ,5, `long$()
//   show(k)  the console form (show x): one line per list item, dictionaries as
//            `key| value`, tables with a header and dashes, cut to \c rows × cols.
//            Returned without a trailing newline; the console adds one.
//
// \P (precision) and \c (console size) live in `displaySettings`.

import { QError } from './errors.js';
import {
  ATOM, CELL, ITEM, TYPE_CHAR, TYPE_NAME, guidText, hex2, itemText, looksIntegral, quote, special,
  type Raw,
} from './format/item.js';

import { enginePtr, itemTexts, joinText, kernelJoins } from './format/vector.js';

export type { Raw } from './format/item.js';

/** What display needs from a q value; the K handle satisfies it. */
export interface Displayable {
  readonly type: number;
  readonly count: number;
  readonly attr: '' | 's' | 'u' | 'p' | 'g';
  readonly data: Uint8Array | Int16Array | Int32Array | BigInt64Array | Float32Array | Float64Array;
  symbol(id: number): string;
  item(i: number): Displayable;
  readonly keys: Displayable;
  readonly values: Displayable;
}

export const displaySettings = {
  /** \P: significant digits for real and float, 0 = maximum (17). */
  precision: 7,
  /** \c: console rows and columns. */
  rows: 25,
  cols: 80,
  /** Text of a function value (type 100..112 except the generic null); the language layer sets it. */
  functionText: (_k: Displayable): string => '{..}',
  /** Domain name and symbols of an enumeration (types 20..76); the table layer sets it. */
  enumText: undefined as ((k: Displayable) => { name: string; body: string; cells: string[] }) | undefined,
  /** Builds the error thrown for bad settings; the q layer swaps in its QError. */
  error: (name: string): Error => new QError(name),
};

/** \P n: 0..17, anything else is 'domain. */
export function setPrecision(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 17) throw displaySettings.error('domain');
  displaySettings.precision = n;
}

/** \c rows cols: integers, coerced to 10..2000 as q does. */
export function setConsole(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols)) throw displaySettings.error('domain');
  const clamp = (n: number): number => (n < 10 ? 10 : n > 2000 ? 2000 : n);
  displaySettings.rows = clamp(rows);
  displaySettings.cols = clamp(cols);
}

/** Atom text from a raw q value (type may be given as -t or t). */
export function formatAtom(type: number, raw: Raw): string {
  const t = type < 0 ? -type : type;
  return itemText(t, raw, ATOM, displaySettings.precision);
}

/** Raw value of item i of a simple vector (or of an atom, i = 0). */
function rawAt(k: Displayable, t: number, i: number): Raw {
  if (t === 2) return (k.data as Uint8Array).subarray(i * 16, i * 16 + 16);
  if (t === 11) return k.symbol((k.data as Int32Array)[i]!);
  return k.data[i]!;
}

const attrPrefix = (k: Displayable): string => (k.attr ? '`' + k.attr + '#' : '');

/**
 * Items of a non-empty simple vector, as q writes them, with the type
 * suffix: always for b x h i e m; `f` only when every float reads as an
 * integer (1 2 3f, but 1.5 2 and 0n 3); for the other temporals only when
 * every item is a null or infinity (2000.01.01 0N, but 0N 0Nd), because the
 * sentinels are written bare inside a vector.
 * With a finite `budget` it stops once the text is longer than that (the
 * caller cuts the line), so a huge vector costs only a screenful.
 */
function vectorBody(k: Displayable, budget = Infinity): string {
  const t = k.type, n = k.count, d = k.data;
  const P = displaySettings.precision;
  const parts: string[] = [];
  let len = 0;
  switch (t) {
    case 1:
      for (let i = 0; i < n && len <= budget; i++, len++) parts.push(d[i] ? '1' : '0');
      return parts.join('') + 'b';
    case 4:
      for (let i = 0; i < n && len <= budget; i++, len += 2) parts.push(hex2(d[i] as number));
      return '0x' + parts.join('');
    case 10:
      return quote(d as Uint8Array, 0, Math.min(n, budget + 1));
    case 11: {
      const p = enginePtr(k); // symbols: the line from the engine, in one call
      if (p) return joinText(p, P, budget);
      for (let i = 0; i < n && len <= budget; i++) {
        const s = k.symbol((d as Int32Array)[i]!);
        parts.push(s);
        len += s.length + 1;
      }
      return '`' + parts.join('`');
    }
    case 2:
      for (let i = 0; i < n && len <= budget; i++, len += 37) parts.push(guidText(d as Uint8Array, i * 16));
      return parts.join(' ');
  }
  if (kernelJoins(t)) {
    // numbers and temporals: the whole line in one engine call
    const p = enginePtr(k);
    if (p) return joinText(p, P, budget);
  }
  if (t === 5 || t === 6 || t === 7) {
    // integers: the hot path, no per-item dispatch
    const N = t === 5 ? -32768 : t === 6 ? -2147483648 : -9223372036854775808n;
    const W = t === 5 ? 32767 : t === 6 ? 2147483647 : 9223372036854775807n;
    const mW = -W;
    for (let i = 0; i < n && len <= budget; i++) {
      const x = d[i]!;
      const s = x === N ? '0N' : x === W ? '0W' : x === mW ? '-0W' : '' + x;
      parts.push(s);
      len += s.length + 1;
    }
    const body = parts.join(' ');
    return t === 7 ? body : body + TYPE_CHAR[t];
  }
  let allSpecial = true;
  let integral = true;
  for (let i = 0; i < n && len <= budget; i++) {
    const v = d[i]!;
    const s = itemText(t, v, ITEM, P);
    if (allSpecial && special(t, v) === 0) allSpecial = false;
    if (t === 9 && integral && !looksIntegral(s)) integral = false;
    parts.push(s);
    len += s.length + 1;
  }
  const body = parts.join(' ');
  switch (t) {
    case 5: case 6: case 8: case 13: return body + TYPE_CHAR[t];
    case 9: return integral ? body + 'f' : body;
    case 12: case 14: case 15: case 16: case 17: case 18: case 19:
      return allSpecial ? body + TYPE_CHAR[t] : body;
    default: return body;
  }
}

function emptyVector(t: number): string {
  return t === 10 ? '""' : '`' + TYPE_NAME[t] + '$()';
}

/** One-line text of any value: what q's -3!x and .Q.s1 give. */
export function str(k: Displayable): string {
  return strB(k, Infinity);
}

const isEnumType = (t: number): boolean => (t >= 20 && t <= 76) || (t <= -20 && t >= -76);

/** `d$`a`b: an enumeration as q writes it. */
function enumStr(k: Displayable): string {
  const e = displaySettings.enumText?.(k);
  if (!e) throw new TypeError('cannot display q type ' + k.type);
  return attrPrefix(k) + '`' + e.name + '$' + e.body;
}

function strB(k: Displayable, budget: number): string {
  const t = k.type;
  if (isEnumType(t)) return enumStr(k);
  if (t < 0) {
    const a = -t;
    return itemText(a, rawAt(k, a, 0), ATOM, displaySettings.precision);
  }
  if (t > 0 && t <= 19) {
    const n = k.count;
    if (n === 0) return attrPrefix(k) + emptyVector(t);
    return attrPrefix(k) + (n === 1 ? ',' : '') + vectorBody(k, budget);
  }
  if (t === 0) {
    const n = k.count;
    if (n === 0) return '()';
    if (n === 1) return ',' + strB(k.item(0), budget);
    const parts: string[] = [];
    let len = 0;
    for (let i = 0; i < n && len <= budget; i++) {
      const s = strB(k.item(i), budget - len);
      parts.push(s);
      len += s.length + 1;
    }
    return '(' + parts.join(';') + ')';
  }
  if (t === 98) return attrPrefix(k) + '+' + dictStr(k.keys, k.values, budget);
  if (t === 99) return attrPrefix(k) + dictStr(k.keys, k.values, budget);
  if (t === 101 && (k.data.length === 0 || Number(k.data[0]) === 0)) return '::'; // the generic null; other 101s are unary primitives
  if (t >= 100) return displaySettings.functionText(k);
  throw new TypeError('cannot display q type ' + t);
}

/** keys!values; keys that would bind to the `!` wrongly get parentheses. */
function dictStr(keys: Displayable, values: Displayable, budget: number): string {
  let ks = strB(keys, budget);
  if (keys.type === 98 || keys.type === 99 || keys.attr !== '' || ks.charCodeAt(0) === 44 /* , */) ks = '(' + ks + ')';
  return ks + '!' + strB(values, budget - ks.length);
}

// ---------------------------------------------------------------- show

/** Console text of a value: what `show x` prints, without the final newline. */
export function show(k: Displayable): string {
  const { rows, cols } = displaySettings;
  // q keeps the output within rows-2 lines; when it cuts, the last line is ".."
  const c: Console = { maxLines: rows - 2, cols, more: false };
  const lines = showLines(k, c);
  if (lines.length > c.maxLines) {
    lines.length = c.maxLines - 1;
    c.more = true;
  }
  if (c.more) lines.push('..');
  for (let i = 0; i < lines.length; i++) lines[i] = cut(lines[i]!, cols);
  return lines.join('\n');
}

/** The screen being filled; `more` is set when rows were left out. */
interface Console {
  readonly maxLines: number;
  readonly cols: number;
  more: boolean;
}

/** A line of cols or more characters is cut to cols-3 and marked "..". */
function cut(line: string, cols: number): string {
  return line.length < cols ? line : line.slice(0, cols - 3) + '..';
}

/** Rows to format: all if they fit, else only those shown before "..". */
function visibleRows(count: number, headerLines: number, c: Console): number {
  if (count + headerLines <= c.maxLines) return count;
  c.more = true;
  return Math.max(0, c.maxLines - 1 - headerLines);
}

function flipsToName(k: Displayable): boolean {
  const v = k.values;
  try { return v.type === -11; } finally { (v as { dispose?: () => void }).dispose?.(); }
}

/** Lines of the console form, each possibly longer than cols (show cuts them). */
function showLines(k: Displayable, c: Console): string[] {
  const t = k.type;
  if (t === 0) {
    if (k.count === 0) return ['()'];
    // one item or many, the same rule: a one-row matrix shows its row (ref/file-binary: ,,3.141593
    // shows 3.141593), anything else its item's one-line form, with no comma (ref/identity.md:
    // enlist {x}[] shows ::; ref/doth.md: .h.tx[`json] of a one-item list shows the one string)
    const n = visibleRows(k.count, 0, c);
    if (isMatrix(k)) return matrixRows(k, n, c.cols);
    const out: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) out[i] = strB(k.item(i), c.cols);
    return out;
  }
  // a flip of columns to a name or path (ref/flip-splayed.md) shows in one line
  if ((t === 98 || t === 99) && flipsToName(k)) return [strB(k, c.cols)];
  if (t === 98) return tableLines(k, c);
  if (t === 99) {
    const keys = k.keys, values = k.values;
    if (keys.type === 98 && values.type === 98) return keyedLines(keys, values, c);
    // an empty dictionary, typed or not, shows no lines at all (basics/dictsandtables.md)
    if (k.count === 0) return [];
    if (values.type === 98) return keyedLines(keys, values, c);
    if (keys.type !== 98) return dictLines(keys, values, c);
    // a table of keys to a list (basics/funsql: ?[t;();`one`!`c1;`c2]): a blank value header
    if (values.type >= 0 && values.type < 20 && values.count === keys.count) return keyedLines(keys, values, c);
  }
  return [strB(k, c.cols)];
}

/** First n cells of a column: simple vectors bare (nulls blank), anything else one-line. */
function cells(col: Displayable, n: number, cols: number): string[] {
  const t = col.type;
  const out: string[] = new Array<string>(n);
  if (isEnumType(t) && displaySettings.enumText) {
    // an enumerated column shows its symbols
    const syms = displaySettings.enumText(col).cells;
    for (let i = 0; i < n; i++) out[i] = syms[i]!;
    return out;
  }
  if (t > 0 && t <= 19) {
    const P = displaySettings.precision;
    const p = kernelJoins(t) ? enginePtr(col) : 0;
    if (p) return itemTexts(p, P, CELL, n);
    for (let i = 0; i < n; i++) out[i] = itemText(t, rawAt(col, t, i), CELL, P);
  } else if (t === 0) {
    for (let i = 0; i < n; i++) out[i] = cellText(col.item(i), cols);
  } else {
    // a table or dictionary standing as a column (rare): its one-line form on each row
    const s = strB(col, cols);
    out.fill(s);
  }
  return out;
}

/** A nested item in a table cell: its one-line form, but a short, int, real or float vector drops
 *  the type letter (ref/deltas: signum deltas by sym shows int rows as 1 0 -1). */
function cellText(x: Displayable, cols: number): string {
  // an empty general list leaves its cell blank (ref/dotq: .Q.id (5#.Q.res)!(5#()) shows abs1 |)
  if (x.type === 0 && x.count === 0) return '';
  const s = strB(x, cols), t = x.type;
  if ((t === 5 || t === 6 || t === 8 || t === 9) && x.count > 0 && /[0-9nNwW][hief]$/.test(s)) return s.slice(0, -1);
  return s;
}

function widest(xs: readonly string[], min = 0): number {
  let w = min;
  for (const x of xs) if (x.length > w) w = x.length;
  return w;
}

/** `key| value`, keys padded to the widest. */
function dictLines(keys: Displayable, values: Displayable, c: Console): string[] {
  const n = visibleRows(keys.count, 0, c);
  const ks = cells(keys, n, c.cols);
  const vs = isMatrix(values) ? matrixRows(values, n, c.cols) : cells(values, n, c.cols);
  const w = widest(ks);
  const out: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = ks[i]!.padEnd(w) + '| ' + vs[i]!;
  return out;
}

/**
 * A general list whose items are lists of one length is a matrix: q writes
 * one row per item with the columns lined up, whatever the row types
 * (ref/inter: (1 2 3;`x`y`z) shows `x y z`; ref/sublist: a string row of a
 * dictionary shows `x y z`). Not when an item is an atom, a dictionary, a
 * table or a function, nor when every item is a string, every item a boolean
 * vector or every item a byte vector ("ab" stays one line per item).
 */
function isMatrix(k: Displayable): boolean {
  const n = k.count;
  if (k.type !== 0 || n === 0) return false;
  const first = k.item(0);
  const t = first.type, c = first.count;
  if (t < 0 || t > 76 || c === 0) return false;
  let same = true;
  for (let i = 1; i < n; i++) {
    const x = k.item(i);
    if (x.type < 0 || x.type > 76 || x.count !== c) return false;
    if (x.type !== t) same = false;
  }
  return !(same && (t === 1 || t === 4 || t === 10));
}

/**
 * The cells of one matrix row: a vector's items bare, as in a table column
 * (symbols without the backquote, nulls blank); a general row that is itself
 * a matrix, its lines (so 2 3 4#til 5 shows two rows of twelve); any other
 * general row, each item's one-line form (implicit-iteration: the row
 * (1b;10b;0b) beside 011b gives 1b 10b 0b under 0 1 1).
 */
function rowCells(row: Displayable, width: number, cols: number): string[] {
  if (row.type !== 0) return cells(row, width, cols);
  if (isMatrix(row)) return matrixRows(row, width, cols);
  return Array.from({ length: width }, (_, j) => strB(row.item(j), cols));
}

/** First n rows of a matrix, columns padded to the widest cell (only the columns that can fit). */
function matrixRows(k: Displayable, n: number, cols: number): string[] {
  const width = Math.min(k.item(0).count, cols);
  const grid: string[][] = [];
  const widths = new Array<number>(width).fill(0);
  for (let i = 0; i < n; i++) {
    const cs = rowCells(k.item(i), width, cols);
    for (let j = 0; j < width; j++) if (cs[j]!.length > widths[j]!) widths[j] = cs[j]!.length;
    grid.push(cs);
  }
  return grid.map((cs) => cs.map((c, j) => c.padEnd(widths[j]!)).join(' '));
}

/** Header, cells and total width of a block of table columns. */
interface Block {
  header: string;
  rows: string[];
  width: number;
}

/** Columns of a table side by side; a list that is not a table is one column with a blank name. */
function block(t: Displayable, n: number, cols: number): Block {
  const isTable = t.type === 98;
  const names = isTable ? t.keys : t, columns = isTable ? t.values : t;
  const c = isTable ? names.count : 1;
  const heads: string[] = [];
  const cellss: string[][] = [];
  const widths: number[] = [];
  for (let j = 0; j < c; j++) {
    const h = isTable ? names.symbol((names.data as Int32Array)[j]!) : '';
    const cs = cells(isTable ? columns.item(j) : t, n, cols);
    heads.push(h);
    cellss.push(cs);
    widths.push(widest(cs, h.length));
  }
  const pad = (xs: readonly string[]): string => xs.map((x, j) => x.padEnd(widths[j]!)).join(' ');
  const rows: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) rows[i] = pad(cellss.map((cs) => cs[i]!));
  const width = widths.reduce((a, b) => a + b, 0) + Math.max(0, c - 1);
  return { header: pad(heads), rows, width };
}

function tableCount(t: Displayable): number {
  return t.values.count === 0 ? 0 : t.values.item(0).count;
}

function tableLines(t: Displayable, c: Console): string[] {
  const n = visibleRows(tableCount(t), 2, c);
  const b = block(t, n, c.cols);
  return [b.header, '-'.repeat(b.width), ...b.rows];
}

/** Keyed table (table!table), or a dictionary whose values are a table (keys shown as a nameless column). */
function keyedLines(keys: Displayable, values: Displayable, c: Console): string[] {
  // every column a key (3!t on three columns): the rows are the keys'
  const rows = values.type !== 98 ? values.count : values.values.count === 0 ? tableCount(keys) : tableCount(values);
  const n = visibleRows(rows, 2, c);
  const kb = block(keys, n, c.cols);
  const vb = block(values, n, c.cols);
  const out = [kb.header + '| ' + vb.header, '-'.repeat(kb.width) + '| ' + '-'.repeat(vb.width)];
  for (let i = 0; i < n; i++) out.push(kb.rows[i]! + '| ' + vb.rows[i]!);
  return out;
}

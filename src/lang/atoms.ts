// Arithmetic and comparison of two numeric atoms computed in JavaScript, for
// compiled code: `x+1`, `x<2`, `a+:1` on atoms skip the kernel dispatch
// (grid lookup, promotion, kernel by name). Only cases where plain double
// arithmetic gives exactly the bits the kernels give take this path; anything
// else (nulls, infinities in, NaN out, longs beyond 2^53, float comparisons,
// which q makes tolerant) returns null and the caller uses the primitive.

import { K } from '../k.js';
import { mem, alloc, E } from '../runtime.js';

const KJ = -7, KF = -9, KB = -1, KS = -11;
const TWO32 = 4294967296;

/** A dyadic operation on two atoms, or null when it must go to the kernels. */
export type AtomDyad = (a: K, b: K) => K | null;

let i8: Int8Array, i32: Int32Array, f64: Float64Array, u8: Uint8Array;
/** Views on engine memory, re-made only when it grew (old views read length 0). */
function views(): void {
  if (i32 === undefined || i32.length === 0) {
    const m = mem();
    i8 = m.i8; i32 = m.i32; f64 = m.f64; u8 = m.u8;
  }
}

/** The value of a long atom at p when it is an exactly representable (|v| < 2^53) non-null; else NaN. */
function longAt(p: number): number {
  const hi = i32[(p + 20) >>> 2];
  if (hi < -2097152 || hi >= 2097152) return NaN; // 0N, 0W and |v| >= 2^53
  return hi * TWO32 + (i32[(p + 16) >>> 2] >>> 0);
}

function longAtom(v: number): K {
  const p = alloc(KJ, 1);
  views();
  const hi = Math.floor(v / TWO32);
  i32[(p + 16) >>> 2] = (v - hi * TWO32) | 0;
  i32[(p + 20) >>> 2] = hi;
  return new K(p);
}
function floatAtom(v: number): K {
  const p = alloc(KF, 1);
  views();
  f64[(p + 16) >>> 3] = v;
  return new K(p);
}
function boolAtom(v: boolean): K {
  const p = alloc(KB, 1);
  views();
  u8[p + 16] = v ? 1 : 0;
  return new K(p);
}

/** The value of a long or float atom k into `num`; false when it is neither or not exact (null, out of range). */
const num = { v: 0, long: false };
function read(k: K): boolean {
  const p = k.ptr, t = i8[p + 2];
  let v: number;
  if (t === KJ) v = longAt(p); else if (t === KF) v = f64[(p + 16) >>> 3]; else return false;
  if (v !== v) return false; // NaN: a float null, or a long out of range
  num.v = v; num.long = t === KJ;
  return true;
}

// operator codes: the switch below folds per call site after inlining
const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, LT = 6, GT = 7, LE = 8, GE = 9, EQ = 10, NE = 11, MATCH = 12;
const CODES: Record<string, number> = {
  '+': ADD, '-': SUB, '*': MUL, '%': DIV, '&': MIN, '|': MAX, '<': LT, '>': GT, '<=': LE, '>=': GE, '=': EQ, '<>': NE,
};

/** x op y for exact values, longs when both are longs; null when the kernels must decide. */
function compute(op: number, x: number, y: number, longs: boolean): K | null {
  let r: number;
  switch (op) {
    case ADD: r = x + y; break;
    case SUB: r = x - y; break;
    case MUL: r = x * y; break;
    case DIV: r = x / y; return r === r ? floatAtom(r) : null;
    case MIN: return longs ? longAtom(x < y ? x : y) : null;
    case MAX: return longs ? longAtom(x > y ? x : y) : null;
    // float comparison is tolerant in q: left to the kernels
    case LT: return longs ? boolAtom(x < y) : null;
    case GT: return longs ? boolAtom(x > y) : null;
    case LE: return longs ? boolAtom(x <= y) : null;
    case GE: return longs ? boolAtom(x >= y) : null;
    case EQ: return longs ? boolAtom(x === y) : null;
    case NE: return longs ? boolAtom(x !== y) : null;
    default: return null;
  }
  if (longs) return Number.isSafeInteger(r) ? longAtom(r) : null;
  return r === r ? floatAtom(r) : null;
}

/** a op b on two atoms, or null. */
function dyad2(op: number): AtomDyad {
  return (a, b) => {
    views();
    if (!read(a)) return null;
    const x = num.v, lx = num.long;
    if (!read(b)) return null;
    return compute(op, x, num.v, lx && num.long);
  };
}

/** Operators with a JS fast path on two atoms. */
export const ATOM_DYADS: Readonly<Record<string, AtomDyad>> = Object.fromEntries(
  Object.entries(CODES).map(([g, c]) => [g, dyad2(c)]),
);

/** a op c (constOnLeft: c op a) with c a constant long/float value: the constant needs no engine atom. */
export type AtomConstDyad = (a: K, c: number, cLong: boolean) => K | null;
export function atomConstDyad(glyph: string, constOnLeft: boolean): AtomConstDyad | undefined {
  const op = CODES[glyph];
  if (op === undefined) return undefined;
  return constOnLeft
    ? (a, c, cLong) => { views(); return read(a) ? compute(op, c, num.v, cLong && num.long) : null; }
    : (a, c, cLong) => { views(); return read(a) ? compute(op, num.v, c, cLong && num.long) : null; };
}

/** x op y for a comparison of two long atoms, as a JS boolean; null when the kernels must decide. */
function compareOp(op: number, x: number, y: number): boolean {
  switch (op) {
    case LT: return x < y;
    case GT: return x > y;
    case LE: return x <= y;
    case GE: return x >= y;
    case EQ: return x === y;
    default: return x !== y;
  }
}
const COMPARES = new Set([LT, GT, LE, GE, EQ, NE]);

/** A comparison's truth for a condition (`$[x<2;…]`, `while[i<n;…]`) with no
 *  boolean atom made: both operands long atoms (c: a constant long on the right
 *  or left when given), else null. */
export type AtomTest = (a: K, b: K) => boolean | null;
export function atomTest(glyph: string): AtomTest | undefined {
  const op = CODES[glyph];
  if (op === undefined || !COMPARES.has(op)) return undefined;
  return (a, b) => {
    views();
    if (!read(a) || !num.long) return null;
    const x = num.v;
    if (!read(b) || !num.long) return null;
    return compareOp(op, x, num.v);
  };
}
export type AtomConstTest = (a: K, c: number) => boolean | null;
export function atomConstTest(glyph: string, constOnLeft: boolean): AtomConstTest | undefined {
  const op = CODES[glyph];
  if (op === undefined || !COMPARES.has(op)) return undefined;
  return constOnLeft
    ? (a, c) => { views(); return read(a) && num.long ? compareOp(op, c, num.v) : null; }
    : (a, c) => { views(); return read(a) && num.long ? compareOp(op, num.v, c) : null; };
}

/** a op c written into a's own block when the caller holds its only reference
 *  and the result has a's type (long+-*long, float+-*% number); false otherwise.
 *  For a local that is the body's last use: no new atom made, none freed. */
export type AtomInPlace = (a: K, c: number, cLong: boolean) => boolean;
export function atomInPlace(glyph: string, constOnLeft: boolean): AtomInPlace | undefined {
  const op = CODES[glyph];
  if (op !== ADD && op !== SUB && op !== MUL && op !== DIV) return undefined;
  return (a, c, cLong) => {
    views();
    const p = a.ptr;
    if (i32[(p + 4) >>> 2] !== 1 || !read(a)) return false;
    const x = constOnLeft ? c : num.v, y = constOnLeft ? num.v : c;
    if (num.long) {
      if (!cLong || op === DIV) return false;
      const r = op === ADD ? x + y : op === SUB ? x - y : x * y;
      if (!Number.isSafeInteger(r)) return false;
      const hi = Math.floor(r / TWO32);
      i32[(p + 16) >>> 2] = (r - hi * TWO32) | 0;
      i32[(p + 20) >>> 2] = hi;
      return true;
    }
    const r = op === ADD ? x + y : op === SUB ? x - y : op === MUL ? x * y : x / y;
    if (r !== r) return false;
    f64[(p + 16) >>> 3] = r;
    return true;
  };
}

/** Is k a true atom for a condition, answered without the engine when it is a boolean or long; null otherwise. */
export function quickTruth(k: K): boolean | null {
  views();
  const p = k.ptr, t = i8[p + 2];
  if (t === KB) return u8[p + 16] !== 0;
  if (t === KJ) return (i32[(p + 16) >>> 2] | i32[(p + 20) >>> 2]) !== 0;
  return null;
}


// ---------------------------------------------------------------- unboxed atoms

/** An atom compiled code holds as a plain JS number rather than an engine block:
 *  t is its q type (-1 boolean, -7 long, -9 float, -11 symbol), v its value. A
 *  long is always an exact integer below 2^53 in magnitude and never -0; a float
 *  is never NaN (a null goes to the kernels); a symbol is its id in the engine's
 *  intern table (0 is the null symbol; one id per text, so ids are equal exactly
 *  when the texts are, but their order is not the texts' order). Set by the code
 *  that computed it and read at once by its consumer (one register: nothing runs
 *  in between). */
export const NUM = { t: 0, v: 0 };

/** Operator codes of the unboxed arithmetic, by glyph (undefined: no JS path). */
export function numOpCode(glyph: string): number | undefined { return glyph === '~' ? MATCH : CODES[glyph]; }

/** k's value into NUM when it is a long or float atom the JS path represents exactly, or a symbol atom. */
export function readNum(k: K): boolean {
  views();
  const p = k.ptr;
  if (i8[p + 2] === KS) { NUM.t = KS; NUM.v = i32[(p + 16) >>> 2]; return true; }
  if (!read(k)) return false;
  NUM.t = num.long ? KJ : KF;
  NUM.v = num.v;
  return true;
}

/** Item i of the simple vector at p (type t) into NUM when the JS path represents it
 *  exactly (a boolean, a long below 2^53 and not null, a float not NaN, a symbol); false otherwise. */
export function itemNum(p: number, t: number, i: number): boolean {
  views();
  const d = p + 16;
  switch (t) {
    case 11: NUM.t = KS; NUM.v = i32[(d >>> 2) + i]; return true;
    case 1: NUM.t = KB; NUM.v = u8[d + i]; return true;
    case 7: {
      const v = longAt(d - 16 + i * 8);
      if (v !== v) return false;
      NUM.t = KJ; NUM.v = v; return true;
    }
    case 9: {
      const v = f64[(d >>> 3) + i];
      if (v !== v) return false;
      NUM.t = KF; NUM.v = v; return true;
    }
    default: return false;
  }
}

/** The position indexNum last found its key at in a dictionary. */
let found = -1;

/** x[k] for x the block at p (a simple vector indexed by a long, or a dictionary of
 *  symbol or long keys without attributes whose values are a simple vector) and k
 *  the unboxed atom (t, v): the item into NUM, as itemNum. False when x is anything
 *  else, k is out of range or not a key (q's null item: the kernels make it), or
 *  the item is not one NUM holds. The key is found by a scan, as q does without an attribute. */
export function indexNum(p: number, t: number, v: number): boolean {
  views();
  const xt = i8[p + 2];
  if (xt > 0 && xt < 20) {
    if (t !== KJ || v < 0 || v >= i32[(p + 8) >>> 2] >>> 0) return false;
    return itemNum(p, xt, v);
  }
  if (xt !== 99 || u8[p + 1] !== 0) return false;
  const kp = i32[(p + 16) >>> 2] >>> 0, vp = i32[(p + 20) >>> 2] >>> 0;
  const kt = i8[kp + 2], vt = i8[vp + 2];
  if (u8[kp + 1] !== 0 || (vt !== 1 && vt !== 7 && vt !== 9 && vt !== 11)) return false;
  const n = i32[(kp + 8) >>> 2] >>> 0, d = (kp + 16) >>> 2;
  if (n !== i32[(vp + 8) >>> 2] >>> 0) return false;
  if (kt === 11 && t === KS) {
    for (let i = 0; i < n; i++) if (i32[d + i] === v) { found = i; return itemNum(vp, vt, i); }
    return false;
  }
  if (kt === 7 && t === KJ) {
    const hi = Math.floor(v / TWO32), lo = (v - hi * TWO32) | 0;
    for (let i = 0; i < n; i++) if (i32[d + 2 * i] === lo && i32[d + 2 * i + 1] === hi) { found = i; return itemNum(vp, vt, i); }
    return false;
  }
  return false;
}

/** x[k]:y (op < 0) or x[k] op: y written straight into the block at p, which only
 *  the variable amended holds (the caller checks its reference count): x a simple
 *  vector (k a long in range) or an attribute-free dictionary whose keys hold k
 *  and whose values are a simple vector held by it alone. The new item must be an
 *  atom of the list's type, computed as numOp does. False, with nothing written,
 *  in every other case: the caller amends the general way (copies, 'type, 'index, new keys). */
export function amendNum(p: number, kt: number, kv: number, op: number, yt: number, yv: number): boolean {
  views();
  let list = p, pos = -1;
  const xt = i8[p + 2];
  if (xt > 0 && xt < 20) {
    if (u8[p + 1] !== 0 || kt !== KJ || kv < 0 || kv >= i32[(p + 8) >>> 2] >>> 0) return false;
    pos = kv;
  } else {
    if (xt !== 99 || !indexNum(p, kt, kv)) return false; // finds the key; the values' type is then one NUM holds
    const vp = i32[(p + 20) >>> 2] >>> 0;
    if (i32[(vp + 4) >>> 2] !== 1 || u8[vp + 1] !== 0) return false;
    pos = found;
    list = vp;
  }
  const lt = i8[list + 2];
  if (op >= 0) {
    if (!itemNum(list, lt, pos) || !numOp(op, NUM.v, NUM.t, yv, yt)) return false;
    yt = NUM.t; yv = NUM.v;
  }
  if (yt !== -lt) return false;
  storeNum(list + 16 + pos * (lt === 1 ? 1 : lt === 11 ? 4 : 8), yt, yv);
  return true;
}

/** numOp's rarer cases: ~ on any two unboxed atoms, symbols; a boolean otherwise goes to the kernels. */
function otherOp(op: number, x: number, xt: number, y: number, yt: number): boolean {
  if (xt === KS || yt === KS) return symOp(op, x, xt, y, yt);
  if (op !== MATCH) return false;
  // atoms of different types never match (1~1f is 0b); floats match tolerantly: the kernels
  if (xt !== yt) { NUM.t = KB; NUM.v = 0; return true; }
  if (xt === KF) return false;
  NUM.t = KB; NUM.v = x === y ? 1 : 0;
  return true;
}

/** x op y for two symbols (ids): = <> ~ by id, orderings by text as the kernels order them. */
function symOp(op: number, x: number, xt: number, y: number, yt: number): boolean {
  if (op === MATCH) { NUM.t = KB; NUM.v = xt === yt && x === y ? 1 : 0; return true; }
  if (xt !== KS || yt !== KS || op < LT) return false; // arithmetic or a symbol against a number: the kernels signal
  const c = op === EQ || op === NE || x === y ? (x === y ? 0 : 1) : E.symCmp(x, y);
  NUM.t = KB; NUM.v = compareOp(op, c, 0) ? 1 : 0;
  return true;
}

/** x op y on unboxed operands (types xt, yt) into NUM; false when the kernels must
 *  decide: a boolean operand, a long result beyond 2^53 (q wraps at 64 bits), a
 *  NaN result (q's null rules), float min/max and comparisons (tolerant in q). */
export function numOp(op: number, x: number, xt: number, y: number, yt: number): boolean {
  // the hot path stays small enough to inline: numbers; symbols, booleans and ~ aside
  if ((xt !== KJ && xt !== KF) || (yt !== KJ && yt !== KF) || op === MATCH) return otherOp(op, x, xt, y, yt);
  const longs = xt === KJ && yt === KJ;
  let r: number;
  switch (op) {
    case ADD: r = x + y; break;
    case SUB: r = x - y; break;
    case MUL: r = x * y; break;
    case DIV: r = x / y; if (r !== r) return false; NUM.t = KF; NUM.v = r; return true;
    case MIN: if (!longs) return false; NUM.t = KJ; NUM.v = x < y ? x : y; return true;
    case MAX: if (!longs) return false; NUM.t = KJ; NUM.v = x > y ? x : y; return true;
    default:
      if (!longs) return false;
      NUM.t = KB; NUM.v = compareOp(op, x, y) ? 1 : 0;
      return true;
  }
  if (longs) {
    if (!Number.isSafeInteger(r)) return false;
    NUM.t = KJ; NUM.v = r + 0; // a long has no -0: 0*-1 is 0, and 0%-1 then is 0f as in q
    return true;
  }
  if (r !== r) return false;
  NUM.t = KF; NUM.v = r;
  return true;
}

/** A new engine atom holding the unboxed atom (t, v). */
export function boxNum(t: number, v: number): K {
  if (t === KJ) return longAtom(v);
  if (t === KF) return floatAtom(v);
  if (t === KS) { const p = alloc(KS, 1); views(); i32[(p + 16) >>> 2] = v; return new K(p); }
  return boolAtom(v !== 0);
}

/** Write the unboxed atom (t, v) at address a (an atom's or a vector item's data). */
export function storeNum(a: number, t: number, v: number): void {
  views();
  if (t === KJ) {
    const hi = Math.floor(v / TWO32);
    i32[a >>> 2] = (v - hi * TWO32) | 0;
    i32[(a >>> 2) + 1] = hi;
  } else if (t === KF) f64[a >>> 3] = v;
  else if (t === KS) i32[a >>> 2] = v;
  else u8[a] = v;
}

/** Overwrite atom k with (t, v) when k is an atom of type t nobody else holds; false otherwise. */
export function reuseAtom(k: K, t: number, v: number): boolean {
  views();
  const p = k.ptr;
  if (i8[p + 2] !== t || i32[(p + 4) >>> 2] !== 1) return false;
  storeNum(p + 16, t, v);
  return true;
}

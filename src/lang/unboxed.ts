// Unboxed atoms (atoms.ts's NUM) read from and written into lists in place, and
// numOp's rarer cases (~ and symbols, ordered by text through the engine's symCmp),
// for compiled code: v[i] and d[k] read an item with no atom made, v[i] op: y and
// x,:y write into the variable's own list. Every function declines (false or
// null) when its case does not apply, and the caller then takes the general path.
// The page bundle has this module too (its interpreter runs as fast as Node's).

import { K } from '../k.js';
import type { Frame } from './eval.js';
import { E, hdrRef, hdrType, child } from '../runtime.js';
import { appendRaw } from '../ops/structural.js';
import { checkJoinAssign } from './values.js';
import { NUM, numOp, numOpCode, readNum, storeNum, boxNum, compareOp, rare, MATCH, views, i8, i32, f64, u8 } from './atoms.js';

const KJ = -7, KF = -9, KB = -1, KS = -11;
const ADD = 0, SUB = 1, MUL = 2, DIV = 3, LT = 6, EQ = 10, NE = 11;
const TWO32 = 4294967296;


/** The long at address a when exactly representable (|v| < 2^53) and not null; else NaN. */
function longAt(a: number): number {
  const hi = i32[(a + 4) >>> 2];
  if (hi < -2097152 || hi >= 2097152) return NaN;
  return hi * TWO32 + (i32[a >>> 2] >>> 0);
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
      const v = longAt(d + i * 8);
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
  const i = keyPos(p, t, v);
  if (i < 0) return false;
  const vp = i32[(p + 20) >>> 2] >>> 0, vt = i8[vp + 2];
  return (vt === 1 || vt === 7 || vt === 9 || vt === 11) && itemNum(vp, vt, i);
}

/** The position of key (t, v) in the dictionary at p: symbol or long keys, no
 *  attribute on the dictionary or its keys, as many values as keys; -1 when absent
 *  or not such a dictionary. Also kept in `found`. */
function keyPos(p: number, t: number, v: number): number {
  found = -1;
  if (i8[p + 2] !== 99 || u8[p + 1] !== 0) return -1;
  const kp = i32[(p + 16) >>> 2] >>> 0, vp = i32[(p + 20) >>> 2] >>> 0;
  const kt = i8[kp + 2], n = i32[(kp + 8) >>> 2] >>> 0, d = (kp + 16) >>> 2;
  if (u8[kp + 1] !== 0 || n !== i32[(vp + 8) >>> 2] >>> 0) return -1;
  if (kt === 11 && t === KS) {
    for (let i = 0; i < n; i++) if (i32[d + i] === v) return (found = i);
  } else if (kt === 7 && t === KJ) {
    const hi = Math.floor(v / TWO32), lo = (v - hi * TWO32) | 0;
    for (let i = 0; i < n; i++) if (i32[d + 2 * i] === lo && i32[d + 2 * i + 1] === hi) return (found = i);
  }
  return -1;
}

/** x[k],:y with y the unboxed atom (yt, yv): appended in place to the simple vector
 *  at x's item k (x a general list indexed by a long, or a dictionary whose values
 *  are one), when x, its list of items and the item are held once, have no
 *  attribute, and the item has y's type. False, nothing changed, otherwise. */
export function appendNum(p: number, kt: number, kv: number, yt: number, yv: number): boolean {
  views();
  let list = p, pos = kv;
  if (i8[p + 2] === 0) {
    if (kt !== KJ || kv < 0 || kv >= i32[(p + 8) >>> 2] >>> 0 || u8[p + 1] !== 0) return false;
  } else {
    pos = keyPos(p, kt, kv);
    if (pos < 0) return false;
    list = i32[(p + 20) >>> 2] >>> 0;
    if (i8[list + 2] !== 0 || i32[(list + 4) >>> 2] !== 1 || u8[list + 1] !== 0) return false;
  }
  const slot = ((list + 16) >>> 2) + pos, c = i32[slot] >>> 0;
  if (i8[c + 2] !== -yt || i32[(c + 4) >>> 2] !== 1 || u8[c + 1] !== 0) return false;
  const y = boxNum(yt, yv);
  try {
    const r = appendRaw(c, y.ptr);
    if (r.ptr !== c) { views(); i32[slot] = r.ptr; E.r0(c); }
  } finally { y.dispose(); }
  return true;
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
    if (!indexNum(p, kt, kv)) return false; // finds the key; the values' type is then one NUM holds
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


rare.op = otherOp;

/** A dyadic operation on two atoms computed in JS as numOp does (no grid lookup,
 *  promotion or kernel), or null when it must go to the kernels. */
export type AtomDyad = (a: K, b: K) => K | null;
function dyad2(op: number): AtomDyad {
  return (a, b) => {
    if (!readNum(a)) return null;
    const xt = NUM.t, xv = NUM.v;
    return readNum(b) && numOp(op, xv, xt, NUM.v, NUM.t) ? boxNum(NUM.t, NUM.v) : null;
  };
}
/** Operators with a JS fast path on two atoms. */
export const ATOM_DYADS: Readonly<Record<string, AtomDyad>> = Object.fromEntries(
  ['+', '-', '*', '%', '&', '|', '<', '>', '<=', '>=', '=', '<>'].map((g) => [g, dyad2(numOpCode(g)!)]),
);

/** a op c (constOnLeft: c op a) with c a constant long/float value: the constant needs no engine atom. */
export type AtomConstDyad = (a: K, c: number, cLong: boolean) => K | null;
export function atomConstDyad(glyph: string, constOnLeft: boolean): AtomConstDyad | undefined {
  const op = numOpCode(glyph);
  if (op === undefined || op === MATCH) return undefined;
  return constOnLeft
    ? (a, c, cLong) => (readNum(a) && numOp(op, c, cLong ? KJ : KF, NUM.v, NUM.t) ? boxNum(NUM.t, NUM.v) : null)
    : (a, c, cLong) => (readNum(a) && numOp(op, NUM.v, NUM.t, c, cLong ? KJ : KF) ? boxNum(NUM.t, NUM.v) : null);
}

/** A comparison's truth for a condition (`$[x<2;…]`, `while[i<n;…]`) with no
 *  boolean atom made: both operands long atoms (c: a constant long on the right
 *  or left when given), else null. */
export type AtomTest = (a: K, b: K) => boolean | null;
export function atomTest(glyph: string): AtomTest | undefined {
  const op = numOpCode(glyph)!;
  if (!(op >= LT && op <= NE)) return undefined;
  return (a, b) => {
    if (!readNum(a) || NUM.t !== KJ) return null;
    const x = NUM.v;
    return readNum(b) && NUM.t === KJ ? compareOp(op, x, NUM.v) : null;
  };
}
export type AtomConstTest = (a: K, c: number) => boolean | null;
export function atomConstTest(glyph: string, constOnLeft: boolean): AtomConstTest | undefined {
  const op = numOpCode(glyph)!;
  if (!(op >= LT && op <= NE)) return undefined;
  return constOnLeft
    ? (a, c) => (readNum(a) && NUM.t === KJ ? compareOp(op, c, NUM.v) : null)
    : (a, c) => (readNum(a) && NUM.t === KJ ? compareOp(op, NUM.v, c) : null);
}

/** a op c written into a's own block when the caller holds its only reference
 *  and the result has a's type (long+-*long, float+-*% number); false otherwise.
 *  For a local that is the body's last use: no new atom made, none freed. */
export type AtomInPlace = (a: K, c: number, cLong: boolean) => boolean;
export function atomInPlace(glyph: string, constOnLeft: boolean): AtomInPlace | undefined {
  const op = numOpCode(glyph);
  if (op !== ADD && op !== SUB && op !== MUL && op !== DIV) return undefined;
  return (a, c, cLong) => {
    const p = a.ptr;
    views();
    if (i32[(p + 4) >>> 2] !== 1 || !readNum(a) || NUM.t === KS) return false;
    const x = constOnLeft ? c : NUM.v, y = constOnLeft ? NUM.v : c;
    if (NUM.t === KJ && (!cLong || op === DIV)) return false;
    const r = op === ADD ? x + y : op === SUB ? x - y : op === MUL ? x * y : x / y;
    if (NUM.t === KF) { if (r !== r) return false; f64[(p + 16) >>> 3] = r; return true; }
    if (!Number.isSafeInteger(r)) return false;
    const hi = Math.floor(r / TWO32);
    i32[(p + 16) >>> 2] = (r - hi * TWO32) | 0;
    i32[(p + 20) >>> 2] = hi;
    return true;
  };
}

type NCode = (fr: Frame) => boolean;
type Stmt = (fr: Frame) => void;

/** Compiled code for `v[i]` with v the global get() reads and i unboxed by key:
 *  the item into NUM, read in place; false (the general code runs) when indexNum declines. */
export function indexRead(get: () => K | undefined, key: NCode): NCode | null {
  return (fr) => { const v = get(); return v !== undefined && key(fr) && indexNum(v.ptr, NUM.t, NUM.v); };
}

/** A compiled statement v[i]:y (op < 0) or v[i] op: y, with v the variable's own
 *  value (target) and i, y unboxed (their code only reads, so general may read them
 *  again): written in place when only the variable holds v, else general. */
export function indexAssign(target: (fr: Frame) => K | undefined, op: number, key: NCode, y: NCode, general: Stmt): Stmt | null {
  return (fr) => {
    const x = target(fr);
    if (x !== undefined && hdrRef(x.ptr) === 1 && y(fr)) {
      const yt = NUM.t, yv = NUM.v;
      if (key(fr) && amendNum(x.ptr, NUM.t, NUM.v, op, yt, yv)) return;
    }
    general(fr);
  };
}

/** A compiled statement v[i],:y with i and y unboxed (their code only reads):
 *  appended in place (appendNum) when only the variable holds v, else general. */
export function indexAppend(target: (fr: Frame) => K | undefined, key: NCode, y: NCode, general: Stmt): Stmt | null {
  return (fr) => {
    const x = target(fr);
    if (x !== undefined && hdrRef(x.ptr) === 1 && y(fr)) {
      const yt = NUM.t, yv = NUM.v;
      if (key(fr) && appendNum(x.ptr, NUM.t, NUM.v, yt, yv)) return;
    }
    general(fr);
  };
}

/** A compiled statement x,:y: y's value, then appended in place (appendOwned)
 *  to home (the variable's own value), or joined by general; set stores a grown block. */
export function appendAssign(value: (fr: Frame) => K, home: (fr: Frame) => K | undefined, general: (fr: Frame, y: K) => void, set: (fr: Frame, v: K) => void): Stmt | null {
  return (fr) => {
    const y = value(fr);
    try {
      const x = home(fr);
      const r = x === undefined ? null : appendOwned(x, y);
      if (r === null) general(fr, y);
      else if (r !== x!.ptr) set(fr, new K(r));
    } finally { y.dispose(); }
  };
}

/** x,:y appended to x's own block (grown in place while its size class has room)
 *  when only the variable holds x and the append is exactly x,y: x a simple
 *  vector without attribute, or a general list and y an atom unlike its first
 *  item. The new block when it had to grow (the caller stores it), x's own when
 *  in place; null when the case does not apply (the caller joins a copy). Type
 *  errors are the join's ('type, x unchanged). */
export function appendOwned(x: K, y: K): number | null {
  const xt = x.type, yt = y.type;
  if (hdrRef(x.ptr) !== 1 || x.attr !== '') return null;
  // a general list stays one only when its first item is not of y's type (x,y would collapse to a vector)
  if (!((xt > 0 && xt < 20) || (xt === 0 && yt < 0 && yt > -20 && x.count > 0 && hdrType(child(x.ptr, 0)) !== yt))) return null;
  checkJoinAssign(x, y);
  return appendRaw(x.ptr, y.ptr).ptr;
}

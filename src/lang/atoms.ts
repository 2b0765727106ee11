// Arithmetic and comparison of two numeric atoms computed in JavaScript, for
// compiled code: `x+1`, `x<2`, `a+:1` on atoms skip the kernel dispatch
// (grid lookup, promotion, kernel by name). Only cases where plain double
// arithmetic gives exactly the bits the kernels give take this path; anything
// else (nulls, infinities in, NaN out, longs beyond 2^53, float comparisons,
// which q makes tolerant) returns null and the caller uses the primitive.

import { K } from '../k.js';
import { mem, alloc } from '../runtime.js';

const KJ = -7, KF = -9, KB = -1, KS = -11;
const TWO32 = 4294967296;


// Live bindings: unboxed.ts reads these too, after calling views().
export let i8: Int8Array, i32: Int32Array, f64: Float64Array, u8: Uint8Array;
/** Views on engine memory, re-made only when it grew (old views read length 0). */
export function views(): void {
  if (i32 === undefined || i32.length === 0) {
    const m = mem();
    i8 = m.i8; i32 = m.i32; f64 = m.f64; u8 = m.u8;
  }
}

/** The value of a long atom at p when it is an exactly representable (|v| < 2^53) non-null; else NaN. */
export function longAt(p: number): number {
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
const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MIN = 4, MAX = 5, LT = 6, GT = 7, LE = 8, GE = 9, EQ = 10, NE = 11;
export const MATCH = 12;
const CODES: Record<string, number> = {
  '+': ADD, '-': SUB, '*': MUL, '%': DIV, '&': MIN, '|': MAX, '<': LT, '>': GT, '<=': LE, '>=': GE, '=': EQ, '<>': NE,
};

/** x op y for a comparison of two long atoms, as a JS boolean; null when the kernels must decide. */
export function compareOp(op: number, x: number, y: number): boolean {
  switch (op) {
    case LT: return x < y;
    case GT: return x > y;
    case LE: return x <= y;
    case GE: return x >= y;
    case EQ: return x === y;
    default: return x !== y;
  }
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

/** numOp's rarer cases (~, symbols), installed by unboxed.ts; until then, and in the
 *  page bundle (which leaves them out for its size budget), the kernels decide. */
export const rare = { op: (_op: number, _x: number, _xt: number, _y: number, _yt: number): boolean => false };

/** x op y on unboxed operands (types xt, yt) into NUM; false when the kernels must
 *  decide: a boolean operand, a long result beyond 2^53 (q wraps at 64 bits), a
 *  NaN result (q's null rules), float min/max and comparisons (tolerant in q). */
export function numOp(op: number, x: number, xt: number, y: number, yt: number): boolean {
  // the hot path stays small enough to inline: numbers; symbols, booleans and ~ aside
  if ((xt !== KJ && xt !== KF) || (yt !== KJ && yt !== KF) || op === MATCH) return rare.op(op, x, xt, y, yt);
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

// Arithmetic and comparison of two numeric atoms computed in JavaScript, for
// compiled code: `x+1`, `x<2`, `a+:1` on atoms skip the kernel dispatch
// (grid lookup, promotion, kernel by name). Only cases where plain double
// arithmetic gives exactly the bits the kernels give take this path; anything
// else (nulls, infinities in, NaN out, longs beyond 2^53, float comparisons,
// which q makes tolerant) returns null and the caller uses the primitive.

import { K } from '../k.js';
import { mem, alloc } from '../runtime.js';

const KJ = -7, KF = -9, KB = -1;
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
  const hi = i32[(p + 20) >> 2];
  if (hi < -2097152 || hi >= 2097152) return NaN; // 0N, 0W and |v| >= 2^53
  return hi * TWO32 + (i32[(p + 16) >> 2] >>> 0);
}

function longAtom(v: number): K {
  const p = alloc(KJ, 1);
  views();
  const hi = Math.floor(v / TWO32);
  i32[(p + 16) >> 2] = (v - hi * TWO32) | 0;
  i32[(p + 20) >> 2] = hi;
  return new K(p);
}
function floatAtom(v: number): K {
  const p = alloc(KF, 1);
  views();
  f64[(p + 16) >> 3] = v;
  return new K(p);
}
function boolAtom(v: boolean): K {
  const p = alloc(KB, 1);
  views();
  u8[p + 16] = v ? 1 : 0;
  return new K(p);
}

/** Reads a and b when both are long or float atoms with exact double values into `pair`. */
const pair = { a: 0, b: 0, longs: false };
function operands(a: K, b: K): boolean {
  views();
  const pa = a.ptr, pb = b.ptr;
  const ta = i8[pa + 2], tb = i8[pb + 2];
  let x: number, y: number;
  if (ta === KJ) x = longAt(pa); else if (ta === KF) x = f64[(pa + 16) >> 3]; else return false;
  if (tb === KJ) y = longAt(pb); else if (tb === KF) y = f64[(pb + 16) >> 3]; else return false;
  if (x !== x || y !== y) return false; // NaN: a float null, or a long out of range
  pair.a = x; pair.b = y; pair.longs = ta === KJ && tb === KJ;
  return true;
}

function arith(op: (x: number, y: number) => number): AtomDyad {
  return (a, b) => {
    if (!operands(a, b)) return null;
    const r = op(pair.a, pair.b);
    if (pair.longs) return Number.isSafeInteger(r) ? longAtom(r) : null;
    return r === r ? floatAtom(r) : null;
  };
}

function compare(op: (x: number, y: number) => boolean): AtomDyad {
  return (a, b) => {
    if (!operands(a, b) || !pair.longs) return null;
    return boolAtom(op(pair.a, pair.b));
  };
}

function divide(a: K, b: K): K | null {
  if (!operands(a, b)) return null;
  const r = pair.a / pair.b;
  return r === r ? floatAtom(r) : null;
}

function lesser(a: K, b: K): K | null {
  if (!operands(a, b) || !pair.longs) return null;
  return longAtom(pair.a < pair.b ? pair.a : pair.b);
}
function greater(a: K, b: K): K | null {
  if (!operands(a, b) || !pair.longs) return null;
  return longAtom(pair.a > pair.b ? pair.a : pair.b);
}

/** Operators with a JS fast path on two atoms. */
export const ATOM_DYADS: Readonly<Record<string, AtomDyad>> = {
  '+': arith((x, y) => x + y),
  '-': arith((x, y) => x - y),
  '*': arith((x, y) => x * y),
  '%': divide,
  '&': lesser,
  '|': greater,
  '<': compare((x, y) => x < y),
  '>': compare((x, y) => x > y),
  '<=': compare((x, y) => x <= y),
  '>=': compare((x, y) => x >= y),
  '=': compare((x, y) => x === y),
  '<>': compare((x, y) => x !== y),
};

/** Is k a true atom for a condition, answered without the engine when it is a boolean or long; null otherwise. */
export function quickTruth(k: K): boolean | null {
  views();
  const p = k.ptr, t = i8[p + 2];
  if (t === KB) return u8[p + 16] !== 0;
  if (t === KJ) return (i32[(p + 16) >> 2] | i32[(p + 20) >> 2]) !== 0;
  return null;
}


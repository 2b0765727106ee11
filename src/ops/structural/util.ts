// Shared helpers of the structural family, on raw block pointers.
//
// Convention inside this family: a function taking pointers BORROWS them and
// returns a NEW pointer the caller owns (possibly another reference to an
// argument). On error it frees what it allocated and throws a QError.

import { E, mem, alloc, check, hdrType, hdrCount, child, kernel } from '../../runtime.js';
import { QError } from '../../errors.js';
import {
  QTYPES, XD, XT, KB, UU, KG, KH, KI, KJ, KE, KF, KC, KS, KP, KM, KD, KZ, KN, KU, KV, KT,
} from '../../types.js';
import { genericNull, dictPtr, makeAtomFrom } from '../../convert.js';

export { genericNull, dictPtr, makeAtomFrom };

/** Bytes per item of a block type (lists, dictionaries, tables: pointers). */
export function widthOf(t: number): number {
  const a = Math.abs(t);
  return a > 0 && a < 20 ? QTYPES[a]!.width : 4;
}

/** Kernel class by item width: G H I J U, K for pointer lists. */
export function cls(t: number): 'G' | 'H' | 'I' | 'J' | 'U' | 'K' {
  if (t === 0 || t >= 98) return 'K';
  switch (widthOf(t)) {
    case 1: return 'G';
    case 2: return 'H';
    case 4: return 'I';
    case 8: return 'J';
    default: return 'U';
  }
}

/** q's null of a simple type as its stored bits (what the gather kernels take). */
export function nullRaw(t: number): number | bigint {
  switch (Math.abs(t)) {
    case KB: case KG: case KS: case UU: return 0;
    case KC: return 32;
    case KH: return -32768;
    case KE: return 0xffc00000 | 0; // 0Ne
    case KI: case KM: case KD: case KU: case KV: case KT: return -2147483648;
    case KJ: case KP: case KN: return -9223372036854775808n;
    case KF: case KZ: return -2251799813685248n; // 0n: 0xfff8000000000000
  }
  throw new QError('type');
}

/** Writes the null of simple type t at items [from, to) of block p's data. */
export function fillNull(p: number, t: number, from: number, to: number): void {
  if (to <= from) return;
  const m = mem(), d = p + 16, raw = nullRaw(t);
  switch (cls(t)) {
    case 'G': m.u8.fill(raw as number, d + from, d + to); break;
    case 'H': m.i16.fill(raw as number, (d >>> 1) + from, (d >>> 1) + to); break;
    case 'I': m.i32.fill(raw as number, (d >>> 2) + from, (d >>> 2) + to); break;
    case 'J': m.i64.fill(raw as bigint, (d >>> 3) + from, (d >>> 3) + to); break;
    case 'U': m.u8.fill(0, d + from * 16, d + to * 16); break;
    default: throw new QError('type');
  }
}

/** A new null atom of simple type |t|. */
export function nullAtom(t: number): number {
  const a = Math.abs(t);
  const p = alloc(-a, 1);
  fillNull(p, a, 0, 1);
  return p;
}

export const isGenericNull = (p: number): boolean => hdrType(p) === 101 && mem().i32[(p + 16) >>> 2] === 0;
export const isSimpleAtom = (t: number): boolean => t < 0 && t > -20;
export const isSimpleVec = (t: number): boolean => t > 0 && t < 20;
export const isIntAtom = (t: number): boolean => t === -KJ || t === -KI || t === -KH;
export const isIntVec = (t: number): boolean => t === KJ || t === KI || t === KH;

/** Index-vector class letter: j i h b (boolean), or '' when not an index type. */
export function ixCls(t: number): 'j' | 'i' | 'h' | 'b' | '' {
  switch (Math.abs(t)) {
    case KJ: return 'j';
    case KI: return 'i';
    case KH: return 'h';
    case KB: return 'b';
  }
  return '';
}

/** Value of an integral atom (long as number; nulls as NaN-free sentinels kept). */
export function intAtom(p: number): number {
  const t = hdrType(p), d = p + 16, m = mem();
  switch (t) {
    case -KJ: return Number(m.i64[d >>> 3]);
    case -KI: return m.i32[d >>> 2];
    case -KH: return m.i16[d >>> 1];
    case -KB: return m.u8[d];
  }
  throw new QError('type');
}
/** True when integral atom p is its type's null. */
export function isNullInt(p: number): boolean {
  const t = hdrType(p), d = p + 16, m = mem();
  if (t === -KJ) return m.i64[d >>> 3] === -9223372036854775808n;
  if (t === -KI) return m.i32[d >>> 2] === -2147483648;
  if (t === -KH) return m.i16[d >>> 1] === -32768;
  return false;
}

/** Items of an integral vector as JS numbers (longs beyond 2^53 lose precision;
 *  the callers only use them as counts and offsets, which are checked). */
export function intItems(p: number): number[] {
  const t = hdrType(p), n = hdrCount(p), d = p + 16, m = mem();
  const out = new Array<number>(n);
  switch (t) {
    case KJ: for (let i = 0; i < n; i++) out[i] = Number(m.i64[(d >>> 3) + i]); break;
    case KI: for (let i = 0; i < n; i++) out[i] = m.i32[(d >>> 2) + i]; break;
    case KH: for (let i = 0; i < n; i++) out[i] = m.i16[(d >>> 1) + i]; break;
    case KB: for (let i = 0; i < n; i++) out[i] = m.u8[d + i]; break;
    default: throw new QError('type');
  }
  return out;
}
const NULLS: Record<number, number> = { [KJ]: -9223372036854775808, [KI]: -2147483648, [KH]: -32768 };
export const intNullOf = (t: number): number | undefined => NULLS[Math.abs(t)];

/** A long vector from JS numbers. */
export function longVec(xs: ArrayLike<number>): number {
  const n = xs.length;
  const p = alloc(KJ, n);
  const a = mem().i64, o = (p + 16) >>> 3;
  for (let i = 0; i < n; i++) a[o + i] = BigInt(xs[i]);
  return p;
}

/** A long atom. */
export function longAtom(v: number): number {
  const p = alloc(-KJ, 1);
  mem().i64[(p + 16) >>> 3] = BigInt(v);
  return p;
}

/** A general list from owned pointers (all freed if the allocation fails). */
export function listOf(ps: number[]): number {
  let p: number;
  try { p = alloc(0, ps.length); } catch (e) { for (const c of ps) E.r0(c); throw e; }
  mem().u32.set(ps, (p + 16) >>> 2);
  return p;
}

/** Builds a general list of n items with f(i) -> owned pointer; frees on error. */
export function buildList(n: number, f: (i: number) => number): number {
  const p = alloc(0, n);
  const base = (p + 16) >>> 2;
  mem().u32.fill(0, base, base + n);
  try {
    for (let i = 0; i < n; i++) {
      const c = f(i);
      mem().u32[base + i] = c;
    }
  } catch (e) { E.r0(p); throw e; }
  return p;
}

/** A table from owned names (symbol vector) and columns (general list). */
export function tableOf(names: number, cols: number): number {
  const d = dictPtr(names, cols);
  let p: number;
  try { p = alloc(XT, 1); } catch (e) { E.r0(d); throw e; }
  mem().u32[(p + 16) >>> 2] = d;
  return p;
}

export const tabNames = (t: number): number => child(child(t, 0), 0);
export const tabCols = (t: number): number => child(child(t, 0), 1);
export const isKeyed = (p: number): boolean => hdrType(p) === XD && hdrType(child(p, 0)) === XT;

/** Applies f (borrowing, returning owned) to every column of table t. */
export function mapCols(t: number, f: (col: number) => number): number {
  const cols = tabCols(t);
  const nc = hdrCount(cols);
  const out = buildList(nc, (i) => f(child(cols, i)));
  return tableOf(E.r1(tabNames(t)), out);
}

/** One simplify for the engine: a list of same-type atoms becomes their vector. */
export { simplify } from '../core.js';

/** q's count of any value. */
export function countP(p: number): number {
  const t = hdrType(p);
  if (t < 0 || t >= 100) return 1;
  if (t === XT) { const c = tabCols(p); return hdrCount(c) ? countP(child(c, 0)) : 0; }
  if (t === XD) return countP(child(p, 0));
  return hdrCount(p);
}

/** Item i (0 <= i < count) of a vector or list as a new pointer. */
export function itemP(p: number, i: number): number {
  const t = hdrType(p);
  if (t === 0) return E.r1(child(p, i));
  if (t <= 0 || t >= 20) throw new QError('type');
  return makeAtomFrom(p, i);
}

/** A copy of items [from, from+n) of vector/list p (general lists reference
 *  their children). Attributes are not kept. */
export function slice(p: number, from: number, n: number): number {
  const t = hdrType(p), w = widthOf(t);
  const r = alloc(t, n);
  if (n) {
    kernel('copy_bytes')(r + 16, p + 16 + from * w, n * w);
    if (t === 0) kernel('incref')(r + 16, n);
  }
  return r;
}

/** The item a general list yields for an index out of range: the null of its
 *  first item's type (an atom's null, or an empty vector of a vector's type). */
export function protoNull(p: number): number {
  if (hdrCount(p) === 0) return genericNull();
  const c = child(p, 0), t = hdrType(c);
  if (isSimpleAtom(t)) return nullAtom(t);
  if (t >= 0 && t < 20) return alloc(t, 0);
  if (t === XT) return mapCols(c, (col) => alloc(hdrType(col) < 0 ? 0 : hdrType(col), 0));
  return genericNull();
}

export { E, mem, alloc, check, hdrType, hdrCount, child, kernel, QError, QTYPES, XD, XT, KS, KB, KJ, KI, KH, KC };

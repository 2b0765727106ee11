// Casts between simple types (`$` with a type on the left) and the promotion
// step of the atomic drivers. Pointer level: every function BORROWS its input
// block and returns a new reference the caller owns.

import { E, mem, alloc, kernel, hdrType, hdrCount } from '../../runtime.js';
import { QError } from '../../errors.js';
import { QTYPES, KB, UU, KC, KS, KP, KM, KD, KZ, KN, KU, KV, KT, KE, KF, KI, KJ, KH, KG } from '../../types.js';

/** Kernel storage class of a type: G (b x c) H I J E F, S symbols, U guids. */
export function cls(t: number): string { return QTYPES[Math.abs(t)]!.storage; }
export const isTemporal = (t: number): boolean => t >= KP && t <= KT;
const NSDAY = 86400000000000n;
/** nanoseconds per unit of the integral temporal types */
const UNIT: Record<number, bigint> = { [KP]: 1n, [KD]: NSDAY, [KN]: 1n, [KU]: 60000000000n, [KV]: 1000000000n, [KT]: 1000000n };

/** Count of a simple value (1 for atoms). */
export const cnt = (p: number): number => (hdrType(p) < 0 ? 1 : hdrCount(p));

function make(p: number, to: number): number {
  return alloc(hdrType(p) < 0 ? -to : to, cnt(p));
}

/** Same bytes, another type: a copy with a new header type. */
function retype(p: number, to: number): number {
  const r = make(p, to);
  const n = cnt(p) * QTYPES[to]!.width;
  mem().u8.copyWithin(r + 16, p + 16, p + 16 + n);
  return r;
}

/** `to$p` for a simple (atom or vector) p and a vector type code `to`. */
export function castPtr(p: number, to: number): number {
  const from = Math.abs(hdrType(p));
  if (from === to) return E.r1(p);
  if (from === UU || to === UU || from === KS || to === KS || from > 19 || !QTYPES[from]) throw new QError('type');
  const n = cnt(p);
  if (to === KB) {
    const r = make(p, KB);
    kernel(`tob_${cls(from)}`)(p + 16, r + 16, n);
    return r;
  }
  if (isTemporal(from) && isTemporal(to)) return temporal(p, from, to, n);
  const sf = cls(from), st = cls(to);
  if (sf === st) return retype(p, to);
  const r = make(p, to);
  kernel(`cast_${sf}_${st}`)(p + 16, r + 16, n);
  return r;
}

function temporal(p: number, from: number, to: number, n: number): number {
  if (from === KM) {
    if (to !== KD && to !== KP && to !== KZ) throw new QError('type');
    const d = make(p, KD);
    kernel('m2d')(p + 16, d + 16, n);
    if (to === KD) return d;
    try { return temporal(d, KD, to, n); } finally { E.r0(d); }
  }
  if (to === KM) {
    if (from === KD) { const r = make(p, KM); kernel('d2m')(p + 16, r + 16, n); return r; }
    if (from !== KP && from !== KZ) throw new QError('type');
    const d = temporal(p, from, KD, n);
    try { return temporal(d, KD, KM, n); } finally { E.r0(d); }
  }
  if (from === KZ) {
    const r = make(p, to);
    if (to === KP || to === KN) kernel('tfx_J')(p + 16, r + 16, n, 8.64e13, 1, 0n, 1n);
    else if (to === KD) kernel('tfx_I')(p + 16, r + 16, n, 1, 0, 0n, 1n);
    else kernel('tfx_I')(p + 16, r + 16, n, 86400000, 1, 86400000n, UNIT[to] / 1000000n);
    return r;
  }
  if (to === KZ) {
    const r = make(p, KZ);
    kernel(`txf_${cls(from)}`)(p + 16, r + 16, n, Number(NSDAY / UNIT[from]));
    return r;
  }
  if (from === KD && to !== KP && to !== KN) throw new QError('type');
  const uf = UNIT[from], ut = UNIT[to];
  const sf = cls(from), st = cls(to);
  if (uf === ut && sf === st) return retype(p, to);
  const r = make(p, to);
  const day = from === KP && to !== KN && to !== KD ? NSDAY : 0n;
  if (uf >= ut && day === 0n) kernel(`tmul_${sf}${st}`)(p + 16, r + 16, n, uf / ut);
  else kernel(`tdiv_${sf}${st}`)(p + 16, r + 16, n, day, ut / uf);
  return r;
}

/** Operand promotion for a kernel computing in type `to`: a block whose data is
 *  in to's storage class (and in to's units when both types are temporal).
 *  Returns another reference to p when no conversion is needed. */
export function promote(p: number, to: number): number {
  const from = Math.abs(hdrType(p));
  if (from === to) return E.r1(p);
  if (isTemporal(from) && isTemporal(to)) return castPtr(p, to);
  if (cls(from) === cls(to)) return E.r1(p);
  const r = make(p, to);
  kernel(`cast_${cls(from)}_${cls(to)}`)(p + 16, r + 16, cnt(p));
  return r;
}

/** Sets the type of a block this code owns (same storage class). */
export function setType(p: number, to: number): number {
  mem().i8[p + 2] = hdrType(p) < 0 ? -to : to;
  return p;
}

/** Type code named by a cast's left argument: a type char, name symbol or short. */
export const NAMES: Record<string, number> = Object.fromEntries(
  QTYPES.filter((q) => q && q.code > 0).map((q) => [q!.name, q!.code]));

export { KB, KC, KS, KE, KF, KI, KJ, KH, KG, KD, KM, KP, KZ, KN };

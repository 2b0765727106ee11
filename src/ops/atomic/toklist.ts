// "F"$ "E"$ "J"$ "I"$ "H"$ and the temporals ("D"$ "P"$ …) over a general list of
// strings in one engine call (assembly/kernels/parse.ts); the items it leaves
// (long numbers, IPv4 ints, years below 100, huge hours) are read here by tokRaw,
// the per-string reference.

import { E, alloc, mem, child, hdrCount, check } from '../../runtime.js';
import { KH, KI, KJ, KE, KF, KP, KN, KZ } from '../../types.js';
import { tokRaw } from './tok.js';
import { QError } from '../../errors.js';

type Kernel = {
  tok_list(x: number, t: number, r: number, redo: number): number;
  tok_temporal(c: number, t: number, r: number): number;
};

/** Types the list kernel reads: the numbers above and every temporal type. */
export const tokListTypes = (t: number): boolean => t === KF || t === KE || t === KJ || t === KI || t === KH || (t >= 12 && t <= 19);

/** t$s for one string s (a char vector or atom), t temporal (12..19): writes atom r's value
 *  and returns true, or false when the kernel leaves s to tokRaw. */
export function tokTemporal(t: number, s: number, r: number): boolean {
  const k = (E as unknown as Kernel).tok_temporal(s, t, r);
  if (k === -2) throw new QError('wsfull');
  return k === 1;
}

/** t$y for y a non-empty general list of strings: a new vector, or 0 when an item is not a string. */
export function tokList(t: number, y: number, text: (p: number) => string): number {
  const n = hdrCount(y);
  const r = alloc(t, n);
  let redo = 0;
  try {
    redo = alloc(KI, n);
    const left = (E as unknown as Kernel).tok_list(y, t, r, redo);
    if (left === -2) throw new QError('wsfull');
    if (left === -3) check(0); // stopped (assembly/poll.ts): the engine's 'stop
    if (left < 0) { E.r0(r); return 0; }
    for (let j = 0; j < left; j++) {
      const i = mem().i32[((redo + 16) >>> 2) + j]!;
      const v = tokRaw(t, text(child(y, i))) as number | bigint;
      const m = mem(), d = r + 16;
      if (t === KF || t === KZ) m.f64[(d >>> 3) + i] = v as number;
      else if (t === KE) m.f32[(d >>> 2) + i] = v as number;
      else if (t === KJ || t === KP || t === KN) m.i64[(d >>> 3) + i] = v as bigint;
      else if (t === KH) m.i16[(d >>> 1) + i] = v as number;
      else m.i32[(d >>> 2) + i] = v as number;
    }
    return r;
  } catch (e) {
    E.r0(r);
    throw e;
  } finally {
    if (redo) E.r0(redo);
  }
}

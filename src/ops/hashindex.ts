// The persistent hash index of `u# and `g# vectors (assembly/kernels/hashindex.ts)
// as the find family uses it: x?y, y in x and dictionary lookup ask here first.

import { kernel, check, mem, alloc, E } from '../runtime.js';

/** x?y (flag 0: i64 rows, else 1/2: u8 found/not found flags into out) through
 *  x's index when x has `u# or `g#: true when answered, false to hash as usual.
 *  x is a vector block, yd the address of ny items of x's type. */
export function indexedFind(x: number, yd: number, ny: number, out: number, flag: number): boolean {
  const a = mem().u8[x + 1];
  if (a !== 2 && a !== 4) return false;
  const r = kernel('hidx_find')(x, yd, ny, out, flag) as number;
  if (r === 0) check(0); // 'wsfull
  return r === 1;
}

/** r holds x's items followed by more: r inherits x's index when x goes. */
export function deriveIndex(x: number, r: number): void { kernel('hidx_derive')(x, r); }

/** Frees x's index (its attribute is gone). */
export function dropIndex(x: number): void { kernel('hidx_drop')(x); }

/** Number of indexes alive (tests). */
export function liveIndexes(): number { return kernel('hidx_live')() as number; }

/** Whether block x has an index of its own (tests). */
export function hasIndex(x: number): boolean { return (kernel('hidx_has')(x) as number) === 1; }

/** Row find over two or more simple columns of one type each through their
 *  composite index (built on first use, extended as rows are appended, freed
 *  with any column): keys and look are block addresses, out gets ny i64 rows.
 *  true when answered, false when it does not apply (types, counts). */
export function compositeFind(keys: number[], look: number[], ny: number, out: number): boolean {
  const k = keys.length;
  const a = alloc(6, 2 * k);
  try {
    const v = mem().i32, o = (a + 16) >>> 2;
    for (let c = 0; c < k; c++) { v[o + c] = keys[c]; v[o + k + c] = look[c]; }
    const r = kernel('cidx_find')(a + 16, a + 16 + 4 * k, k, ny, out) as number;
    if (r === 0) check(0); // 'wsfull
    return r === 1;
  } finally { E.r0(a); }
}

/** Whether block x is a column of a composite index (tests). */
export function inComposite(x: number): boolean { return (kernel('cidx_has')(x) as number) === 1; }

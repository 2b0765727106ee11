// Attributes in use (ref/set-attribute.md): Find on a sorted (s#) vector is a
// binary search (binr) instead of a hash of the whole list; Join keeps s#, u#
// and g# on the result when it still holds (q preserves them on append).
// Not here: a persistent hash index for g#/u# (each find still hashes).

import type { K } from '../k.js';
import { setAttr } from '../runtime.js';
import { ASORTED, AUNIQUE, AGROUPED } from '../types.js';
import { prim, lookup } from '../ops/registry.js';
import { qf, using, V } from './util.js';

/** Storage types whose items compare exactly with = (no NaN): the binary search path. */
const EXACT = new Set([1, 4, 5, 6, 7, 10, 11, 12, 13, 14, 16, 17, 18, 19]);

/** x?y for s# x: the first index of y by binary search, count x where absent. */
function sortedFind(x: K, y: K): K {
  const r = qf('binr', x, y);
  return using([r], () => {
    const at = V.index1(x, r);
    const eq = using([at], () => qf('=', at, y));
    const miss = using([eq], () => qf('not', eq));
    const n = V.longAtom(x.count);
    const gap = using([n], () => qf('-', n, r));
    const add = using([gap, miss], () => qf('*', gap, miss));
    return using([add], () => qf('+', r, add));
  });
}

/** Is simple vector v sorted ascending (q order)? */
function isSorted(v: K): boolean {
  const a = qf('asc', v);
  return using([a], () => V.match(a, v));
}

export function registerAttrs(): void {
  const find = lookup('?')!.dyad!;
  prim('?', { dyad: (x, y) => {
    if (x.attr === 's' && EXACT.has(x.type) && x.count > 0 && (y.type === x.type || y.type === -x.type)) return sortedFind(x, y);
    return find(x, y);
  } });
  const join = lookup(',')!.dyad!;
  prim(',', { dyad: (x, y) => {
    const r = join(x, y);
    const a = x.attr;
    if (!a || a === 'p' || !(r.type > 0 && r.type < 20) || r.type !== x.type || r.attr === a) return r;
    try {
      if (a === 's' && isSorted(r)) setAttr(r.ptr, ASORTED);
      else if (a === 'u') { const d = qf('distinct', r); if (using([d], () => d.count === r.count)) setAttr(r.ptr, AUNIQUE); }
      else if (a === 'g') setAttr(r.ptr, AGROUPED);
    } catch (e) { r.dispose(); throw e; }
    return r;
  } });
}

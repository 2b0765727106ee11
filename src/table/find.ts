// Row find over several key columns: for each row of `look`, the index of the
// first row of `keys` with equal values in every column, or count keys when
// there is none. Each column is hashed once by the engine's find kernel
// (x?y on vectors, assembly/kernels/set.ts); several columns are combined as
// id*(n+1)+id' and densified again by another find, so no row is ever compared
// in JS and the ids never overflow. A table's key columns (keyRows) instead
// keep a composite hash index in engine memory, so a lookup is O(1) per row.

import { K as KC, type K } from '../k.js';
import { alloc } from '../runtime.js';
import { compositeFind } from '../ops/hashindex.js';
import { qerr, qf, using, V } from './util.js';

/** keys and look are column lists of equal length (borrowed); a new long vector.
 *  indexed: the keys are a table's key columns, worth a composite hash index
 *  that outlives this call (assembly/kernels/hashindex.ts). */
export function rowFind(keys: K[], look: K[], indexed = false): K {
  if (keys.length !== look.length) throw qerr('length');
  if (keys.length === 0) throw qerr('length');
  // one key column: one find, through the column's hash index when it has `u# or `g#
  if (keys.length === 1) return colFind(keys[0], look[0]);
  if (indexed) { const r = compositeRows(keys, look); if (r) return r; }
  const n = keys[0].count;
  const m = V.longAtom(n + 1);
  return using([m], () => {
    let idK = selfFind(keys[0]);
    let idL = colFind(keys[0], look[0]);
    for (let c = 1; c < keys.length; c++) {
      const k1 = selfFind(keys[c]), l1 = colFind(keys[c], look[c]);
      const ck = using([idK, k1], () => { const a = qf('*', idK, m); return using([a], () => qf('+', a, k1)); });
      const cl = using([idL, l1], () => { const a = qf('*', idL, m); return using([a], () => qf('+', a, l1)); });
      // densify: ids become first-occurrence row numbers again (unmatched: n)
      using([ck, cl], () => { idK = qf('?', ck, ck); idL = qf('?', ck, cl); });
    }
    idK.dispose();
    return idL;
  });
}

/** Set by the enumeration layer (enum.ts): symbols as indices of an enumerated key column, or undefined. */
export const findHooks: { asIndicesOf?: (e: K, y: K) => K | undefined } = {};

/** Several simple key columns, each looked up in a column of its own type (symbols
 *  looked up in an enumerated column become its indices): through the composite index. */
function compositeRows(keys: K[], look: K[]): K | undefined {
  const ny = look[0].count;
  const conv: K[] = [];
  try {
    const ls = look.map((l, c) => {
      const t = keys[c].type;
      if (t >= 20 && t < 77 && l.type === 11 && findHooks.asIndicesOf) {
        const r = findHooks.asIndicesOf(keys[c], l);
        if (r) { conv.push(r); return r; }
      }
      return l;
    });
    for (let c = 0; c < keys.length; c++) {
      const t = keys[c].type;
      if (!(t > 0 && t < 77) || ls[c].type !== t || ls[c].count !== ny || keys[c].count !== keys[0].count) return undefined;
    }
    const out = new KC(alloc(7, ny));
    try {
      if (compositeFind(keys.map((k) => k.ptr), ls.map((k) => k.ptr), ny, out.ptr + 16)) return out;
    } catch (e) { out.dispose(); throw e; }
    out.dispose();
    return undefined;
  } finally { conv.forEach((k) => k.dispose()); }
}

/** c?c: the first occurrence of each item. */
function selfFind(c: K): K { return toLongs(qf('?', c, c)); }

/** k?l, found where below count k. */
function colFind(k: K, l: K): K {
  if (k.type > 0 && k.type < 20 && l.type > 0 && l.type < 20 && k.type !== l.type) throw qerr('type');
  return toLongs(qf('?', k, l));
}

/** Find of general lists answers longs already; keep the result a long vector even when empty. */
export function toLongs(r: K): K {
  if (r.type === 7) return r;
  if (r.count === 0) { r.dispose(); return V.longVec([]); }
  const lt = V.symAtom('long');
  return using([r, lt], () => qf('$', lt, r));
}

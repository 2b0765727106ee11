// Rows to add to a table (insert, upsert): whatever q accepts as records,
// made into a table with (a subset of) the target's columns.

import type { K } from '../k.js';
import { XD, XT } from '../types.js';
import { qerr, qf, using, V, mapK, dictParts, colsOf, mkTable, unkey, isKeyed } from './util.js';

/** y as a table with (a subset of) the columns of t: a table, a keyed table, a dict record, a record list or a list of columns/records. */
export function toRows(t: K, y: K, listOfRecords: boolean): K {
  const names = t.columns;
  if (y.type === XT) return y.ref();
  if (isKeyed(y)) return unkey(y);
  if (y.type === XD) {
    const { names: ks, vals: vs } = dictParts(y);
    return using(vs, () => mkTable(ks, mapK(vs, (v) => qf('enlist', v))));
  }
  if (y.type < 0 && names.length === 1) return mkTable(names, [qf('enlist', y)]);
  if (y.type >= 0 && y.type < 98) {
    if (y.count !== names.length && !(listOfRecords && y.type === 0)) throw qerr('length');
    const tc = colsOf(t);
    const items = V.itemsOf(y);
    return using([...tc, ...items], () => {
      const record = y.count === names.length && items.every((v, j) => v.type < 0 || (tc[j].type === 0 && tc[j].count > 0));
      if (record) return mkTable(names, items.map((v) => qf('enlist', v)));
      if (listOfRecords && items.every((r) => r.type >= 0 && r.count === names.length)) {
        // a list of records: row i is items[i]
        const rows = items.map((r) => V.itemsOf(r));
        return using(rows.flat(), () => mkTable(names, names.map((_, j) => V.listOf(rows.map((r) => r[j].ref())))));
      }
      if (y.count !== names.length) throw qerr('length');
      // columns (atoms extended to the common length)
      const lens = items.filter((v) => v.type >= 0).map((v) => v.count);
      const n = lens.length ? lens[0] : 1;
      if (lens.some((l) => l !== n)) throw qerr('length');
      return mkTable(names, items.map((v) => (v.type < 0 ? V.listOf(new Array(n).fill(0).map(() => v.ref())) : v.ref())));
    });
  }
  throw qerr('type');
}

// The JS face of tables (PyKX's Table is the model): t.meta(), t.toColumns(),
// K.table({ px: Float64Array, sym: [...] }). t.col(name), t.columns and
// t.toRows() live on K itself (src/k.ts): t.col answers the column block
// itself, a zero-copy view whose .data is the engine's memory.

import { K } from '../k.js';
import { from } from '../construct.js';
import { XD, XT } from '../types.js';
import { meta } from './ops.js';
import { mkTable, unkey, isKeyed, colsOf, qerr, using } from './util.js';

declare module '../k.js' {
  interface K {
    /** meta: a keyed table c | t f a (column, type letter, foreign key, attribute). */
    meta(): K;
    /** The columns (keys first for a keyed table) as plain JS arrays by name. */
    toColumns(): Record<string, unknown[]>;
  }
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace K {
    /** A table from columns: typed arrays are copied once into engine memory, JS arrays convert as K.from does. */
    let table: (columns: Record<string, unknown>) => K;
  }
}

K.prototype.meta = function meta0(this: K): K { return meta(this); };

K.prototype.toColumns = function toColumns(this: K): Record<string, unknown[]> {
  if (this.type !== XT && !(this.type === XD && isKeyed(this))) throw qerr('type');
  const t = unkey(this);
  return using([t], () => {
    const names = t.columns, cs = colsOf(t);
    return using(cs, () => {
      const out: Record<string, unknown[]> = {};
      names.forEach((n, i) => {
        const v = cs[i].toJS();
        Object.defineProperty(out, n, { value: Array.isArray(v) ? v : Array.from(v as ArrayLike<unknown>), enumerable: true, writable: true, configurable: true });
      });
      return out;
    });
  });
};

K.table = (columns: Record<string, unknown>): K => {
  const names = Object.keys(columns);
  if (names.length === 0) throw qerr('length');
  const cols: K[] = [];
  try {
    for (const n of names) {
      const c = from(columns[n]);
      if (c.type < 0 || c.type >= 98) { c.dispose(); throw qerr('type'); }
      cols.push(c);
    }
  } catch (e) { cols.forEach((c) => c.dispose()); throw e; }
  const n = cols[0].count;
  if (cols.some((c) => c.count !== n)) { cols.forEach((c) => c.dispose()); throw qerr('length'); }
  return mkTable(names, cols);
};

// The private table helpers the q-sql executor needs: a table taken apart into
// names and columns, put back together, row index vectors built straight in
// engine memory, and columns indexed by rows. (Table utilities for users —
// meta, xkey, joins … — live in src/table/; these are only the executor's.)
//
// Ownership as everywhere: arguments are borrowed, results are new K.

import { K } from '../k.js';
import { alloc, mem } from '../runtime.js';
import { XD, XT } from '../types.js';
import * as V from '../lang/values.js';
import { callPrim } from '../lang/eval.js';
import { gatherP } from '../ops/structural/index.js';
import { qerr } from '../lang/error.js';

/** A table as parallel arrays of column names and columns (new references). */
export interface Cols { names: string[]; cols: K[] }

export function colsOf(t: K): Cols {
  if (t.type !== XT) throw qerr('type');
  const names = t.keys, cols = t.values;
  try { return { names: V.symsOf(names), cols: V.itemsOf(cols) }; } finally { names.dispose(); cols.dispose(); }
}

export function disposeCols(c: Cols): void { c.cols.forEach((k) => k.dispose()); }

/** A table from names and columns (borrowed); atoms are not extended here. */
export function tableOf(names: string[], cols: K[]): K {
  const d = V.dictOf(V.symVec(names), V.generalOf(cols.map((c) => c.ref())));
  try { return callPrim('flip', [d]); } finally { d.dispose(); }
}

/** A keyed table: key table ! value table (both borrowed). */
export function keyed(k: K, v: K): K { return callPrim('!', [k, v]); }

export function isKeyed(x: K): boolean {
  if (x.type !== XD) return false;
  const k = x.keys, v = x.values;
  try { return k.type === XT && v.type === XT; } finally { k.dispose(); v.dispose(); }
}

/** A long vector from row numbers (written through the engine's i32 view: rows are non-negative). */
export function rowsK(rows: ArrayLike<number>, from = 0, to = rows.length): K {
  const n = to - from;
  const p = alloc(7, n);
  const m = mem().i32, d = (p + 16) >>> 2;
  for (let k = 0; k < n; k++) { m[d + 2 * k] = rows[from + k]; m[d + 2 * k + 1] = 0; }
  return new K(p);
}

/** 0 1 … n-1 */
export function til(n: number): K {
  const p = alloc(7, n);
  const m = mem().i32, d = (p + 16) >>> 2;
  for (let k = 0; k < n; k++) { m[d + 2 * k] = k; m[d + 2 * k + 1] = 0; }
  return new K(p);
}

/** The row numbers held in a long vector, as an Int32Array copy. */
export function rowsOf(x: K): Int32Array {
  if (x.type !== 7) throw qerr('type');
  const n = x.count, out = new Int32Array(n);
  const m = mem().i32, d = (x.ptr + 16) >>> 2;
  for (let k = 0; k < n; k++) out[k] = m[d + 2 * k];
  return out;
}

/** x[rows] for a column (rows a long vector): one gather kernel for lists, q indexing otherwise. */
export function at(x: K, rows: K): K {
  if (x.type >= 0 && x.type < 20 && (rows.type === 7 || rows.type === 6)) return new K(gatherP(x.ptr, rows.ptr));
  return V.index1(x, rows);
}

/** n copies of atom a, or a itself when it is already a list of n (else 'length). */
export function extend(a: K, n: number): K {
  if (a.type < 0 || a.type >= 100 || a.type === XD) {
    if (a.type === XD || a.type >= 100) {
      const items: K[] = [];
      for (let k = 0; k < n; k++) items.push(a.ref());
      return V.generalOf(items);
    }
    const c = V.longAtom(n);
    try { return callPrim('#', [c, a]); } finally { c.dispose(); }
  }
  if (a.count !== n) throw qerr('length');
  return a.ref();
}

/** Is x a list (a column-like value: vector, general list, table)? */
export function isList(x: K): boolean { return x.type >= 0 && x.type <= XT && x.type !== XD; }

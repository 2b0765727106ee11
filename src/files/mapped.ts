// Root splayed tables of a loaded database, mapped lazily as kdb+ maps them:
// `\l` reads each table's `.d` only. The name alone reads the whole table
// (as `get` would); a query by name reads only the columns its phrases
// name; `count t` reads the first column's header. Nothing is cached: each
// use reads the files as they are then.

import { readFile, type DomainLookup } from './object.js';
import { readSplayed, tableOf, join, SPLAYED } from './table.js';
import { mentions, countRows } from './partitioned.js';
import type { RootTable } from './database.js';
import { mem } from '../runtime.js';
import type { K } from '../k.js';

/** The loaded database's root splayed tables, by name. */
export const mappedSplayed = new Map<string, RootTable>();

/** The whole table, as `get` reads it. */
export function wholeSplayed(rt: RootTable, domains: DomainLookup): K {
  return readSplayed(rt.dir, domains);
}

/** Rows, from the first column's header. */
export function splayedRows(rt: RootTable, domains: DomainLookup): number {
  return countRows(rt.dir, domains);
}

/** The table a query on rt runs on: the columns its phrases name (every
 *  column for update and delete, and for select or exec with no columns). */
export function splayedQueryTable(rt: RootTable, c: K, b: K, a: K, whole: boolean, domains: DomainLookup): K {
  if (whole || (a.type === 0 && a.count === 0)) return wholeSplayed(rt, domains);
  const all = new Set(rt.columns);
  const want = new Set<string>();
  for (const x of [c, b, a]) mentions(x, all, want);
  // no column named (select count i from t): the first, for the row count
  const names = rt.columns.filter((n) => want.has(n));
  if (!names.length && rt.columns.length) names.push(rt.columns[0]);
  const cols: K[] = [];
  try {
    for (const n of names) cols.push(readFile(join(rt.dir, n), domains));
  } catch (e) { cols.forEach((k) => k.dispose()); throw e; }
  const t = tableOf(names, cols);
  mem().u8[t.ptr + 3] = SPLAYED;
  return t;
}

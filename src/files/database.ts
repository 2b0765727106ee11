// Databases: `\l dir` of a directory of splayed tables, or of a partitioned
// database (partition directories named by date, month, year or int, each
// holding splayed tables; `par.txt` lists segment directories holding the
// partitions). The root `sym` file is the symbols' domain.
//
// As a kdb+ process maps its tables, loading reads only each table's column
// names; partitioned.ts reads partitions and columns as queries touch them,
// with the partition column added virtually, and mapped.ts the root splayed
// tables' columns.

import { QError } from '../errors.js';
import type { K } from '../k.js';
import { storage } from './storage.js';
import { readFile, type DomainLookup } from './object.js';
import { isSplayed, columnNames, join } from './table.js';
import { type PartTable, type Partition, type PartitionType } from './partitioned.js';

export type { Partition, PartitionType };

const DATE = /^(\d{4})\.(\d{2})\.(\d{2})$/, MONTH = /^(\d{4})\.(\d{2})$/, INT = /^\d+$/;

/** What a partition directory name is, with its q value (days or months from
 *  2000.01.01 for dates and months; the number for years and ints). */
export function partitionOf(name: string): { type: PartitionType; value: number } | undefined {
  let m = DATE.exec(name);
  if (m) {
    const ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
    const d = new Date(ms);
    if (d.getUTCMonth() !== +m[2] - 1 || d.getUTCDate() !== +m[3]) return undefined;
    return { type: 'date', value: Math.round((ms - Date.UTC(2000, 0, 1)) / 86400000) };
  }
  m = MONTH.exec(name);
  if (m) return +m[2] >= 1 && +m[2] <= 12 ? { type: 'month', value: (+m[1] - 2000) * 12 + +m[2] - 1 } : undefined;
  if (INT.test(name)) return { type: name.length === 4 && +name >= 1000 ? 'year' : 'int', value: +name };
  return undefined;
}

/** Segment directories from par.txt (relative to the root when not absolute). */
export function segments(root: string): string[] {
  const f = join(root, 'par.txt');
  if (!storage().exists(f)) return [root];
  const text = new TextDecoder().decode(storage().read(f));
  return text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean)
    .map((s) => (s.startsWith('/') || !root || root === '.' ? s : join(root, s)));
}

/** A root splayed table: its directory and column names (no column read). */
export interface RootTable { name: string; dir: string; columns: string[] }

export interface Loaded {
  splayed: RootTable[];
  /** the partitioned tables, when there are partitions */
  parted?: { type: PartitionType; partitions: Partition[]; tables: PartTable[] };
}

/** Reads the database at root. symDomain is set as soon as the root `sym`
 *  file is read, so the tables' enumerations resolve against it. */
export function loadDatabase(root: string, setGlobal: (name: string, v: K) => void, domains: DomainLookup): Loaded {
  const st = storage();
  if (!st.isDir(root)) throw new QError(root);
  // names ending in $ are passed over (basics/syscmds.md \l)
  const entries = st.list(root).filter((e) => !e.endsWith('$')).sort();
  // plain files first (the sym domain above all), then splayed tables
  // the data files kdb+ would load: names without an extension (sym, other
  // domains, saved values); anything that is no kdb+ file is passed over
  const files = entries.filter((e) => !e.includes('.') && !st.isDir(join(root, e)));
  files.sort((a, b) => (a === 'sym' ? -1 : b === 'sym' ? 1 : 0));
  for (const f of files) {
    let v: K;
    try { v = readFile(join(root, f), domains); } catch (e) {
      if (e instanceof QError && (e.message === 'type' || e.message === 'length')) continue;
      throw e;
    }
    setGlobal(f, v);
  }
  const parts: Partition[] = [];
  const splayed: RootTable[] = [];
  let ptype: PartitionType | undefined;
  for (const seg of segments(root)) {
    for (const e of st.list(seg)) {
      if (e.endsWith('$')) continue;
      const dir = join(seg, e);
      if (!st.isDir(dir)) continue;
      const p = partitionOf(e);
      if (p) {
        if (ptype && ptype !== p.type) throw new QError('part');
        ptype = p.type;
        parts.push({ dir, name: e, value: p.value });
      } else if (seg === root && isSplayed(dir)) splayed.push({ name: e, dir, columns: columnNames(dir) });
    }
  }
  if (!ptype) return { splayed };
  parts.sort((a, b) => a.value - b.value);
  // the tables are those of the last partition (as kdb+ takes them); only
  // their column names are read here (partitioned.ts reads on demand)
  const last = parts[parts.length - 1];
  const tables = st.list(last.dir).filter((t) => isSplayed(join(last.dir, t))).sort();
  const found: PartTable[] = [];
  for (const t of tables) {
    const columns = columnNames(join(last.dir, t));
    found.push({ name: t, ptype, parts, columns, proto: last.dir });
  }
  return { splayed, parted: { type: ptype, partitions: parts, tables: found } };
}

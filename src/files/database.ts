// Databases: `\l dir` of a directory of splayed tables, or of a partitioned
// database (partition directories named by date, month, year or int, each
// holding splayed tables; `par.txt` lists segment directories holding the
// partitions). The root `sym` file is the symbols' domain.
//
// A kdb+ process maps a partitioned table lazily and adds the partition column
// virtually. Here the engine holds values only, so loading reads every
// partition of a table and joins them into one in-memory table whose first
// column is the partition column (what a full `select from t` gives in kdb+).

import { QError } from '../errors.js';
import { alloc, mem } from '../runtime.js';
import { K } from '../k.js';
import { storage } from './storage.js';
import { readFile, type DomainLookup } from './object.js';
import { readSplayed, isSplayed, columnNames, tableOf, join } from './table.js';
import { join as joinK } from '../ops/structural.js';

export type PartitionType = 'date' | 'month' | 'year' | 'int';

export interface Partition { dir: string; name: string; value: number }

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
    .map((s) => (s.startsWith('/') || !root ? s : join(root, s)));
}

export interface Loaded {
  /** global name -> value (owned by the caller after load) */
  globals: Map<string, K>;
  partitioned?: { type: PartitionType; partitions: Partition[]; tables: string[]; counts: Map<string, number[]>; skipped: string[] };
}

/** Reads the database at root. symDomain is set as soon as the root `sym`
 *  file is read, so the tables' enumerations resolve against it. */
export function loadDatabase(root: string, setGlobal: (name: string, v: K) => void, domains: DomainLookup): Loaded['partitioned'] {
  const st = storage();
  if (!st.isDir(root)) throw new QError(root);
  const entries = st.list(root).sort();
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
  let ptype: PartitionType | undefined;
  for (const seg of segments(root)) {
    for (const e of st.list(seg)) {
      const dir = join(seg, e);
      if (!st.isDir(dir)) continue;
      const p = partitionOf(e);
      if (p) {
        if (ptype && ptype !== p.type) throw new QError('part');
        ptype = p.type;
        parts.push({ dir, name: e, value: p.value });
      } else if (seg === root && isSplayed(dir)) setGlobal(e, readSplayed(dir, domains));
    }
  }
  if (!ptype) return undefined;
  parts.sort((a, b) => a.value - b.value);
  // the tables are those of the last partition (as kdb+ takes them)
  const last = parts[parts.length - 1];
  const tables = st.list(last.dir).filter((t) => isSplayed(join(last.dir, t))).sort();
  const counts = new Map<string, number[]>();
  const unreadable: string[] = [];
  for (const t of tables) {
    // kdb+ maps lazily and fails only when a query touches a missing or bad
    // column; loaded whole, such a table is left undefined (listed in skipped)
    let got: { table: K; rows: number[] };
    try { got = readPartitioned(parts, t, ptype, domains); } catch (e) {
      if (!(e instanceof QError)) throw e;
      unreadable.push(t);
      continue;
    }
    counts.set(t, got.rows);
    setGlobal(t, got.table);
  }
  return { type: ptype, partitions: parts, tables: tables.filter((t) => !unreadable.includes(t)), counts, skipped: unreadable };
}

/** One partitioned table, every partition joined, the partition column first. */
function readPartitioned(parts: Partition[], t: string, ptype: PartitionType, domains: DomainLookup): { table: K; rows: number[] } {
  const lastDir = join(parts[parts.length - 1].dir, t);
  const names = columnNames(lastDir);
  const cols: (K | undefined)[] = names.map(() => undefined);
  const rows: number[] = [];
  try {
    for (const p of parts) {
      const dir = join(p.dir, t);
      if (!isSplayed(dir)) { rows.push(0); continue; } // .Q.chk fills such gaps on disk
      const part = readSplayed(dir, domains);
      try {
        rows.push(part.count);
        const have = part.columns;
        names.forEach((c, i) => {
          const j = have.indexOf(c);
          if (j < 0) throw new QError(c);
          const v = part.col(c);
          if (!cols[i]) { cols[i] = v; return; }
          const joined = joinK(cols[i]!, v);
          cols[i]!.dispose(); v.dispose();
          cols[i] = joined;
        });
      } finally { part.dispose(); }
    }
    const total = rows.reduce((a, b) => a + b, 0);
    const pc = alloc(ptype === 'date' ? 14 : ptype === 'month' ? 13 : 6, total);
    const v = mem().i32;
    let o = (pc + 16) >> 2;
    parts.forEach((p, i) => { v.fill(p.value, o, o + rows[i]); o += rows[i]; });
    const pk = new K(pc);
    const filled = cols.map((c, i) => c ?? emptyColumn(lastDir, names[i], domains));
    cols.fill(undefined);
    return { table: tableOf([ptype, ...names], [pk, ...filled]), rows };
  } catch (e) { cols.forEach((c) => c?.dispose()); throw e; }
}

function emptyColumn(dir: string, name: string, domains: DomainLookup): K {
  const c = readFile(join(dir, name), domains);
  if (c.count === 0) return c;
  c.dispose();
  throw new QError('length');
}

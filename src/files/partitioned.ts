// Partitioned tables, mapped lazily. `\l db` reads each table's column names
// (its `.d` in the last partition) and nothing else; a query reads only what
// it touches: the partitions its leading constraints on the partition column
// keep (evaluated, as kdb+ does, against the partition values), and only the
// columns its phrases name. The name alone (`trade`, `count trade`) reads the
// whole table.
//
// A partition missing a table is an error when a query reaches it (kdb+ names
// the file it could not open), unless `.Q.bv[]` has recorded the table's
// prototype in `.Q.vp`, when it counts as empty.

import { QError } from '../errors.js';
import { alloc, mem } from '../runtime.js';
import { K } from '../k.js';
import { XT, XD, QTYPES } from '../types.js';
import * as V from '../lang/values.js';
import { lookup } from '../ops/registry.js';
import { storage } from './storage.js';
import { readFile, type DomainLookup } from './object.js';
import { classify, BIG_HDR } from './header.js';
import { isSplayed, columnNames, tableOf, join, PARTITIONED } from './table.js';
import { select } from '../qsql/exec.js';
import type { Outer } from '../lang/eval.js';

/** How a database is partitioned (kb/partition.md), and one partition directory. */
export type PartitionType = 'date' | 'month' | 'year' | 'int';

export interface Partition { dir: string; name: string; value: number }

export interface PartTable {
  name: string;
  ptype: PartitionType;
  parts: Partition[];
  /** the columns (from the last partition that has the table), the partition column aside */
  columns: string[];
  /** the partition directory whose copy of the table is the prototype */
  proto: string;
}

/** Partitioned tables of the loaded database, by name. */
export const partitioned = new Map<string, PartTable>();
/** .Q.vp: tables whose missing partitions read as empty (set by .Q.bv). */
export const vp = new Set<string>();

const typeCode = (p: PartitionType): number => (p === 'date' ? 14 : p === 'month' ? 13 : 6);

/** Rows of a table in one partition, from its first column's header when it
 *  holds the count (the whole column read otherwise). */
export function rowCount(tdir: string, domains: DomainLookup): number {
  let n = rowCache.get(tdir);
  if (n === undefined) { n = countRows(tdir, domains); rowCache.set(tdir, n); }
  return n;
}
/** Rows by table directory, as counted since the database was loaded. */
export const rowCache = new Map<string, number>();

/** Rows of the splayed table in tdir, from its first column's header when it
 *  holds the count (the whole column read otherwise); not cached. */
export function countRows(tdir: string, domains: DomainLookup): number {
  const cols = columnNames(tdir);
  if (!cols.length) return 0;
  const path = join(tdir, cols[0]);
  const st = storage();
  const size = st.size(path);
  const head = new Uint8Array(Math.min(size, BIG_HDR));
  st.readInto(path, head, 0);
  const k = classify(head, size);
  if (k?.kind === 'vector' && QTYPES[k.t] && k.t !== 11) {
    const w = QTYPES[k.t]!.width;
    return k.n || k.attr ? k.n : Math.floor((size - k.data) / w);
  }
  if (k?.kind === 'enum') return k.n || k.attr ? k.n : Math.floor((size - k.data) / k.width);
  const c = readFile(path, domains);
  try { return c.count; } finally { c.dispose(); }
}

/** Items of the pieces joined into one list: one copy per piece for simple
 *  vectors (and enumerations of one domain), q's join for anything else. */
function concatPieces(pieces: K[]): K {
  const t = pieces[0].type;
  const u = mem().u8[pieces[0].ptr + 3];
  const simple = t > 0 && t <= 20 && pieces.every((p) => p.type === t && (t !== 20 || mem().u8[p.ptr + 3] === u));
  if (pieces.length === 1) return pieces[0].ref();
  if (simple) {
    const w = t === 20 ? 4 : QTYPES[t]!.width;
    const total = pieces.reduce((a, p) => a + p.count, 0);
    const r = alloc(t, total);
    const m = mem();
    m.u8[r + 3] = u;
    let o = r + 16;
    for (const p of pieces) { m.u8.copyWithin(o, p.ptr + 16, p.ptr + 16 + p.count * w); o += p.count * w; }
    return new K(r);
  }
  const join2 = lookup(',')!.dyad!;
  let acc = pieces[0].ref();
  for (let i = 1; i < pieces.length; i++) { const n = join2(acc, pieces[i]); acc.dispose(); acc = n; }
  return acc;
}

/** The table over the given partitions, with the partition column and the
 *  named columns (in the table's order). */
export function readPartitions(pt: PartTable, parts: Partition[], want: Set<string> | 'all', domains: DomainLookup): K {
  const names = pt.columns.filter((c) => want === 'all' || want.has(c));
  const pieces: K[][] = names.map(() => []);
  const rows: number[] = [];
  try {
    for (const p of parts) {
      const dir = join(p.dir, pt.name);
      if (!isSplayed(dir)) {
        if (!vp.has(pt.name)) throw new QError(`${join(dir, pt.columns[0] ?? '.d')}: No such file or directory`);
        rows.push(0);
        continue;
      }
      let n = -1;
      names.forEach((c, i) => {
        const col = readFile(join(dir, c), domains);
        pieces[i].push(col);
        if (n < 0) n = col.count;
        else if (col.count !== n) throw new QError('length');
      });
      rows.push(n >= 0 ? n : rowCount(dir, domains));
    }
    const cols = names.map((c, i) => {
      if (pieces[i].length) return concatPieces(pieces[i]);
      // no partition: the prototype's column, emptied
      const proto = readFile(join(join(pt.proto, pt.name), c), domains);
      try { return lookup('#')!.dyad!(V.longAtom(0), proto); } finally { proto.dispose(); }
    });
    const total = rows.reduce((a, b) => a + b, 0);
    const pc = alloc(typeCode(pt.ptype), total);
    const v = mem().i32;
    let o = (pc + 16) >>> 2;
    parts.forEach((p, i) => { v.fill(p.value, o, o + rows[i]); o += rows[i]; });
    const t = tableOf([pt.ptype, ...names], [new K(pc), ...cols]);
    mem().u8[t.ptr + 3] = PARTITIONED; // .Q.qp knows it from the header's flag byte
    return t;
  } finally { pieces.flat().forEach((k) => k.dispose()); }
}


/** Column names (symbols) a parse tree mentions. */
export function mentions(x: K, cols: Set<string>, out: Set<string>): void {
  const t = x.type;
  if (t === -11) { const s = V.textOf(x); if (cols.has(s)) out.add(s); return; }
  if (t === 11) { for (const s of V.symsOf(x)) if (cols.has(s)) out.add(s); return; }
  if (t === 0 || t === XD || t === XT) {
    const parts = t === 0 ? V.itemsOf(x) : [x.keys, x.values];
    try { for (const p of parts) mentions(p, cols, out); } finally { parts.forEach((p) => p.dispose()); }
  }
}

/** The table a query on partitioned table `name` runs on: the partitions its
 *  leading partition-column constraints keep, the columns it names. */
export function queryTable(name: string, c: K, b: K, a: K, domains: DomainLookup, whole = false, outer?: Outer): K {
  const pt = partitioned.get(name)!;
  const all = new Set([pt.ptype, 'i', ...pt.columns]);
  const want = new Set<string>();
  for (const x of [c, b, a]) mentions(x, all, want);
  const everyColumn = a.type === 0 && a.count === 0; // select from t (by …), exec from t
  let parts = pt.parts;
  // update and delete give back every row: no partition is left out
  const cons = c.type === 0 && !whole ? V.itemsOf(c) : [];
  try {
    const lead: K[] = [];
    for (const k of cons) {
      const m = new Set<string>();
      mentions(k, all, m);
      if (m.size !== 1 || !m.has(pt.ptype)) break;
      lead.push(k);
    }
    if (lead.length) parts = keptPartitions(pt, lead, outer);
  } finally { cons.forEach((k) => k.dispose()); }
  return readPartitions(pt, parts, whole || everyColumn ? 'all' : want, domains);
}

/** The partitions whose values pass the constraints (run on a table of the partition values). */
function keptPartitions(pt: PartTable, lead: K[], outer?: Outer): Partition[] {
  const pv = alloc(typeCode(pt.ptype), pt.parts.length);
  pt.parts.forEach((p, i) => { mem().i32[((pv + 16) >>> 2) + i] = p.value; });
  const t = tableOf([pt.ptype], [new K(pv)]);
  const c = V.generalOf(lead.map((k) => k.ref()));
  const b = V.boolAtom(false), a = V.generalOf([]);
  try {
    const r = select(t, c, b, a, undefined, undefined, outer); // a lambda's locals stay visible
    try {
      const col = r.col(pt.ptype);
      try {
        const keep = new Set(Array.from(col.data as Int32Array));
        return pt.parts.filter((p) => keep.has(p.value));
      } finally { col.dispose(); }
    } finally { r.dispose(); }
  } finally { [t, c, b, a].forEach((k) => k.dispose()); }
}

// Splayed tables: a directory holding `.d` (the column names, a symbol list)
// and one file per column. Symbol columns are stored enumerated against a
// domain (the `sym` file at the database root, held in the global `sym`).
//
// An enumerated column reads back as an enumeration (20h) over its domain's
// global, as in kdb+; a symbol column is enumerated as it is written (each
// symbol must already be in the domain, which .Q.en sees to), and an
// enumeration is written as it is, against its own domain.

import { QError } from '../errors.js';
import { E, mem, intern, alloc, hdrType, child } from '../runtime.js';
import { K } from '../k.js';
import { XT, XD } from '../types.js';
import { dictPtr } from '../convert.js';
import { flip } from '../ops/core.js';
import { storage } from './storage.js';
import { domainOf } from '../table/enum.js';
import { readFile, vectorFile, enumFile, enumIndexFile, symNames, isNestedSimple, type DomainLookup } from './object.js';
import { writeNested } from './nested.js';
import { symbolFile, symbolNames, symbolTail } from './symbols.js';
import { writeOptions } from './header.js';
import { readWhole } from './compress.js';
import { classify } from './header.js';

export const join = (dir: string, name: string): string => (dir.endsWith('/') || !dir ? dir : dir + '/') + name;

/** Column names of a splayed table directory (its `.d` file). */
export function columnNames(dir: string): string[] {
  const b = readWhole(join(dir, '.d'));
  if (b[0] !== 0xff || b[1] !== 0x01) throw new QError('type');
  return symbolNames(b.subarray(2));
}

export function isSplayed(dir: string): boolean {
  return storage().isDir(dir) && storage().exists(join(dir, '.d'));
}

/** A table from column names and their values (all owned; consumed). */
export function tableOf(names: string[], cols: K[]): K {
  try {
    const n0 = cols.length ? cols[0].count : 0;
    if (cols.some((c) => c.count !== n0)) throw new QError('length');
    const k = alloc(11, names.length);
    for (let i = 0; i < names.length; i++) { const id = intern(names[i]); mem().i32[((k + 16) >>> 2) + i] = id; }
    let v: number;
    try {
      v = alloc(0, cols.length);
      for (let i = 0; i < cols.length; i++) { const c = E.r1(cols[i].ptr); mem().u32[((v + 16) >>> 2) + i] = c; }
    } catch (e) { E.r0(k); throw e; }
    const d = new K(dictPtr(k, v));
    try { return flip(d); } finally { d.dispose(); }
  } finally { cols.forEach((c) => c.dispose()); }
}

/** Header flag byte u of a table read from disk: what .Q.qp answers from. */
export const PARTITIONED = 1, SPLAYED = 2;

/** get `:dir/ : the splayed table in dir. */
export function readSplayed(dir: string, domains: DomainLookup): K {
  const names = columnNames(dir);
  const cols: K[] = [];
  try {
    for (const c of names) cols.push(readFile(join(dir, c), domains));
  } catch (e) { cols.forEach((k) => k.dispose()); throw e; }
  const t = tableOf(names, cols);
  mem().u8[t.ptr + 3] = SPLAYED;
  return t;
}

/** The domain's symbol ids -> index, for enumerating. */
export function domainIndex(ids: Int32Array): Map<number, number> {
  const m = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) if (!m.has(ids[i])) m.set(ids[i], i);
  return m;
}

/** `:dir/ set t : writes each column, then `.d`. Symbol columns are enumerated
 *  against `sym`. */
export function writeSplayed(dir: string, t: K, domains: DomainLookup, domain = 'sym'): void {
  if (t.type !== XT) throw new QError('type');
  const names = t.columns;
  const cols = t.values;
  try {
    // check every column before writing any
    const kinds = names.map((_, i) => columnKind(child(cols.ptr, i)));
    const index = { m: undefined as Map<number, number> | undefined };
    storage().mkdirp(dir);
    names.forEach((name, i) => {
      const col = new K(E.r1(child(cols.ptr, i)));
      try { writeColumn(join(dir, name), col, kinds[i], () => (index.m ??= domainIndex(domains(domain))), domain); } finally { col.dispose(); }
    });
    storage().write(join(dir, '.d'), [symbolFile(names, 0, writeOptions.countAlways)]);
  } finally { cols.dispose(); }
}

type ColumnKind = 'sym' | 'enum' | 'vector' | 'nested';

function columnKind(c: number): ColumnKind {
  const ct = hdrType(c);
  if (ct === 11) return 'sym';
  if (ct === 20) return 'enum'; // already enumerated: written against its own domain, as kdb+
  if (ct > 0 && ct < 20) return 'vector';
  const ck = new K(E.r1(c));
  try { if (isNestedSimple(ck)) return 'nested'; } finally { ck.dispose(); }
  throw new QError('type');
}

function writeColumn(path: string, col: K, kind: ColumnKind, index: () => Map<number, number>, domain: string): void {
  if (kind === 'sym') storage().write(path, enumFile(domain, col, index()));
  else if (kind === 'enum') storage().write(path, enumIndexFile(col));
  else if (kind === 'nested') writeNested(path, col);
  else storage().write(path, vectorFile(col));
}

/** `:dir/ upsert t : appends t's rows to a splayed table, column by column.
 *  A plain column file (no count written, no attribute) grows by appending
 *  its new items; any other column is read, joined and written again. */
export function appendSplayed(dir: string, t: K, domains: DomainLookup, join2: (a: K, b: K) => K, domain = 'sym'): void {
  if (t.type !== XT) throw new QError('type');
  const names = columnNames(dir);
  const have = t.columns;
  if (have.length !== names.length || names.some((n) => !have.includes(n))) throw new QError('mismatch');
  const st = storage();
  const cols = names.map((n) => t.col(n));
  try {
    const kinds = cols.map((c) => columnKind(c.ptr));
    let index: Map<number, number> | undefined;
    const idx = () => (index ??= domainIndex(domains(domain)));
    // the appended bytes of every column first: a bad column leaves the table as it was
    const plans = names.map((name, i) => {
      const path = join(dir, name), col = cols[i];
      const size = st.size(path);
      const head = new Uint8Array(Math.min(size, 4096));
      st.readInto(path, head, 0);
      const k = classify(head, size);
      if (k && !('attr' in k && k.attr) && !('n' in k && k.n)) {
        if (kinds[i] === 'sym' && k.kind === 'enum' && k.width === 8 && k.domain === domain) return { path, bytes: enumFile(domain, col, idx())[1] };
        if (kinds[i] === 'enum' && k.kind === 'enum' && k.width === 8 && k.domain === domainOf(col)) return { path, bytes: enumIndexFile(col)[1] };
        if (kinds[i] === 'vector' && k.kind === 'vector' && k.t === hdrType(col.ptr) && k.data === 16) return { path, bytes: vectorFile(col)[1].slice() };
      }
      const old = readFile(path, domains);
      let joined: K;
      try { joined = join2(old, col); } finally { old.dispose(); }
      return { path, whole: joined };
    });
    for (const p of plans) {
      if ('bytes' in p) st.append(p.path, p.bytes!);
      else { try { writeColumn(p.path, p.whole!, columnKind(p.whole!.ptr), idx, domain); } finally { p.whole!.dispose(); } }
    }
  } finally { cols.forEach((c) => c.dispose()); }
}

/** .Q.en: adds t's new symbols to the sym file of db (creating it), makes the
 *  global `sym` the whole domain, and returns t (its symbol columns are
 *  enumerated when written). setSym stores the global. */
export function enumerate(db: string, t: K, setSym: (names: string[]) => void, domain = 'sym'): K {
  if (t.type !== XT) throw new QError('type');
  const file = join(db, domain);
  const st = storage();
  const have = st.exists(file) ? (() => {
    const b = readWhole(file);
    if (b[0] !== 0xff || b[1] !== 0x01) throw new QError('type');
    return symbolNames(b.subarray(2));
  })() : undefined;
  const known = new Set(have ?? []);
  const added: string[] = [];
  const cols = t.values;
  try {
    for (let i = 0; i < cols.count; i++) {
      const c = child(cols.ptr, i);
      if (hdrType(c) !== 11) continue;
      const ck = new K(E.r1(c));
      try {
        for (const s of symNames(ck)) if (!known.has(s)) { known.add(s); added.push(s); }
      } finally { ck.dispose(); }
    }
  } finally { cols.dispose(); }
  if (!have) { st.mkdirp(db); st.write(file, [symbolFile(added, 0, writeOptions.countAlways)]); }
  else if (added.length) st.append(file, symbolTail(added));
  setSym([...(have ?? []), ...added]);
  return t.ref();
}

export { XD };

// Splayed tables: a directory holding `.d` (the column names, a symbol list)
// and one file per column. Symbol columns are stored enumerated against a
// domain (the `sym` file at the database root, held in the global `sym`).
//
// The engine has no enumerated type: an enumerated column reads back as the
// symbols it stands for, and a symbol column is enumerated as it is written
// (each symbol must already be in the domain, which .Q.en sees to).

import { QError } from '../errors.js';
import { E, mem, intern, alloc, hdrType, child } from '../runtime.js';
import { K } from '../k.js';
import { XT, XD } from '../types.js';
import { dictPtr } from '../convert.js';
import { flip } from '../ops/core.js';
import { storage } from './storage.js';
import { readFile, vectorFile, enumFile, symNames, isNestedSimple, type DomainLookup } from './object.js';
import { writeNested } from './nested.js';
import { symbolFile, symbolNames, symbolTail } from './symbols.js';
import { writeOptions } from './header.js';
import { readWhole } from './compress.js';

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
    for (let i = 0; i < names.length; i++) { const id = intern(names[i]); mem().i32[((k + 16) >> 2) + i] = id; }
    let v: number;
    try {
      v = alloc(0, cols.length);
      for (let i = 0; i < cols.length; i++) { const c = E.r1(cols[i].ptr); mem().u32[((v + 16) >> 2) + i] = c; }
    } catch (e) { E.r0(k); throw e; }
    const d = new K(dictPtr(k, v));
    try { return flip(d); } finally { d.dispose(); }
  } finally { cols.forEach((c) => c.dispose()); }
}

/** get `:dir/ : the splayed table in dir. */
export function readSplayed(dir: string, domains: DomainLookup): K {
  const names = columnNames(dir);
  const cols: K[] = [];
  try {
    for (const c of names) cols.push(readFile(join(dir, c), domains));
  } catch (e) { cols.forEach((k) => k.dispose()); throw e; }
  return tableOf(names, cols);
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
    const kinds = names.map((_, i) => {
      const c = child(cols.ptr, i), ct = hdrType(c);
      if (ct === 11) return 'sym';
      if (ct > 0 && ct < 20) return 'vector';
      const ck = new K(E.r1(c));
      try { if (isNestedSimple(ck)) return 'nested'; } finally { ck.dispose(); }
      throw new QError('type');
    });
    let index: Map<number, number> | undefined;
    storage().mkdirp(dir);
    names.forEach((name, i) => {
      const col = new K(E.r1(child(cols.ptr, i)));
      try {
        const path = join(dir, name);
        if (kinds[i] === 'sym') {
          index ??= domainIndex(domains(domain));
          storage().write(path, enumFile(domain, col, index));
        } else if (kinds[i] === 'nested') writeNested(path, col);
        else storage().write(path, vectorFile(col));
      } finally { col.dispose(); }
    });
    storage().write(join(dir, '.d'), [symbolFile(names, 0, writeOptions.countAlways)]);
  } finally { cols.dispose(); }
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

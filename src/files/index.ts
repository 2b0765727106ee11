// The files layer in q: hsym set get (of file symbols), splayed and
// partitioned tables (.Q.en .Q.dpft .Q.par .Q.chk .Q.ind, `\l dir`), save load
// rsave rload dsave, read0 read1 0: 1:, hopen/hclose and appending through a
// handle, hcount hdel, -11! (log replay) -19! (compress) -21! (compression
// info). Each registers in the primitive registry; the evaluator reaches the
// ones it owns (set get value, `\l`, handles, n!) through small hooks.

import { QError } from '../errors.js';
import { mem, alloc, E } from '../runtime.js';
import { K } from '../k.js';
import { XT, XD, QTYPES } from '../types.js';
import { prim, lookup, NAMED_VALUES, BY_NAME } from '../ops/registry.js';
import * as V from '../lang/values.js';
import { getVar, setVar, globals, NATIVES, apply as applyQ, type Outer } from '../lang/eval.js';
import { at as atK } from '../ops/structural.js';
import { iascK } from './sort.js';
import { storage, MemoryStorage, useStorage, concat, cwd, chdir, type Storage } from './storage.js';
import './node.js';
import './http.js';
import { readFile, writeFile, readBytes, codecs, type DomainLookup } from './object.js';
import { readSplayed, writeSplayed, enumerate, isSplayed, join, columnNames, appendSplayed } from './table.js';
import { loadDatabase, segments, partitionOf, type Partition, type PartitionType } from './database.js';
import { partitioned, vp, readPartitions, queryTable, rowCache, rowCount } from './partitioned.js';
import { mappedSplayed, wholeSplayed, splayedRows, splayedQueryTable } from './mapped.js';
import { PARTITIONED, SPLAYED } from './table.js';
import { qsqlSources } from '../qsql/index.js';
import { str } from '../display.js';
import { compress, decompress, compressionInfo } from './compress.js';
import { vectorFile } from './object.js';
import { classify } from './header.js';
import { symbolTail } from './symbols.js';
import { replayLog, logChunks } from './log.js';
import { INTERNALS, handleHooks, systemHooks } from '../lang/internals.js';
import { loadScript } from '../lang/system.js';
import { register as registerHandle, type QHandle } from '../ipc/handles.js';
import { encodeBody, decodeBody } from '../ipc/codec.js';

export { useStorage, MemoryStorage, storage, codecs };
export { OpfsMirror, type OpfsDirectory, type OpfsFile } from './opfs.js';
export { OpfsSyncStorage, type SyncDirectory, type SyncFile, type SyncHandle } from './opfs-sync.js';

// general lists, dictionaries, tables, functions: kdb+ stores them as IPC bodies
codecs.body = { decode: (body) => decodeBody(body), encode: (x) => encodeBody(x) };
export type { Storage };

// ------------------------------------------------------------- paths

/** The path of a file symbol (`:path) or string (":path"). */
export function pathOf(x: K): string {
  let s: string;
  if (x.type === -11 || x.type === 10) s = V.textOf(x);
  else throw new QError('type');
  if (!s.startsWith(':')) throw new QError('type');
  return s.slice(1);
}
const isFileSym = (x: K): boolean => x.type === -11 && V.textOf(x).startsWith(':');
const fileSym = (path: string): K => V.symAtom(':' + path);

function hsym(x: K): K {
  if (x.type === -11) { const s = V.textOf(x); return V.symAtom(s.startsWith(':') ? s : ':' + s); }
  if (x.type === 11) return V.symVec(V.symsOf(x).map((s) => (s.startsWith(':') ? s : ':' + s)));
  throw new QError('type');
}

// ------------------------------------------------------------- domains

/** Enumerations resolve against the global of the domain's name (`sym`). */
export const domains: DomainLookup = (name) => {
  let v: K;
  try { v = getVar(name); } catch { throw new QError(name); }
  try {
    if (v.type !== 11) throw new QError('type');
    return (v.data as Int32Array).slice();
  } finally { v.dispose(); }
};

// ------------------------------------------------------------- set / get

/** `.z.zd` when set: (logical block size; algorithm; level) for every set. */
function defaultCompression(): number[] | undefined {
  if (!globals.has('.z.zd')) return undefined;
  const z = getVar('.z.zd');
  try {
    const v = Array.from(z.data as ArrayLike<number | bigint>, Number);
    return v.length === 3 && v[1] !== 0 ? v : undefined;
  } finally { z.dispose(); }
}

/** Compression parameters (lbs; algorithm; level) for a file name, or none. */
type SpecOf = (name: string) => number[] | undefined;

/** Runs write with every whole-file write captured, then writes each file
 *  compressed as specOf says (the `.d` and `sym` files stay plain, as kdb+
 *  leaves them); reads, appends and directories go straight to the real storage. */
function writeCompressed(specOf: SpecOf, write: () => void): void {
  const real = storage();
  const captured = new Map<string, Uint8Array[]>();
  const capture: Storage = {
    size: (p) => real.size(p), exists: (p) => real.exists(p), isDir: (p) => real.isDir(p), list: (p) => real.list(p),
    readInto: (p, d, o) => real.readInto(p, d, o), read: (p) => real.read(p),
    write: (p, chunks) => { captured.set(p, chunks.map((c) => c.slice())); },
    append: (p, b) => real.append(p, b), mkdirp: (p) => real.mkdirp(p), remove: (p) => real.remove(p),
  };
  useStorage(capture);
  try { write(); } finally { useStorage(real); }
  // compress everything first: a bad parameter leaves no file written
  const out = [...captured].map(([name, chunks]) => {
    const base = name.split('/').pop()!;
    const spec = base === '.d' || base === 'sym' ? undefined : specOf(base.replace(/#+$/, ''));
    const bytes = concat(chunks);
    return [name, spec && spec[1] !== 0 ? compress(bytes, spec[0], spec[1], spec[2]) : bytes] as const;
  });
  for (const [name, bytes] of out) real.write(name, [bytes]);
}

const intsOf = (k: K): number[] => {
  const v = V.itemsOf(k);
  try { return v.map((a) => { const n = V.intValue(a); if (n === null) throw new QError('type'); return n; }); } finally { v.forEach((a) => a.dispose()); }
};

/** x set y for a file target: `:path (a file), `:dir/ (a splayed table),
 *  (`:path;lbs;alg;lvl) (compressed) or (`:dir/;dic) (compression by column,
 *  the null symbol's entry for the rest). Returns the file symbol. */
export function setFile(target: K, x: K): K {
  let specOf: SpecOf | undefined;
  let tk = target;
  if (target.type === 0) {
    const items = V.itemsOf(target);
    try {
      if (!isFileSym(items[0]) || (items.length !== 4 && items.length !== 2)) throw new QError('type');
      if (items.length === 4) {
        const spec = items.slice(1).map((k) => { const n = V.intValue(k); if (n === null) throw new QError('type'); return n; });
        specOf = () => spec;
      } else {
        const dic = items[1];
        if (dic.type !== XD) throw new QError('type');
        const keys = dic.keys, vals = dic.values;
        try {
          const names = V.symsOf(keys);
          const specs = V.itemsOf(vals).map((k) => { try { return intsOf(k); } finally { k.dispose(); } });
          if (specs.some((sp) => sp.length !== 3)) throw new QError('length');
          const byName = new Map(names.map((n, i) => [n, specs[i]]));
          const dflt = byName.get('') ?? defaultCompression();
          specOf = (name) => byName.get(name) ?? dflt;
        } finally { keys.dispose(); vals.dispose(); }
      }
      tk = items[0].ref();
    } finally { items.forEach((k) => k.dispose()); }
  } else {
    const z = defaultCompression();
    if (z) specOf = () => z;
  }
  try {
    const path = pathOf(tk);
    const write = () => {
      if (path.endsWith('/')) writeSplayed(path, x, domains);
      else { parentDir(path); writeFile(path, x); } // set creates the directories it needs, as kdb+
    };
    if (specOf) writeCompressed(specOf, write);
    else write();
    return tk.ref();
  } finally { if (tk !== target) tk.dispose(); }
}

/** get `:path : a file's value, or the splayed table in a directory. */
export function getFile(x: K): K {
  const path = pathOf(x).replace(/\/$/, '');
  if (storage().isDir(path)) {
    if (isSplayed(path)) return readSplayed(path, domains);
    throw new QError('type');
  }
  return readFile(path, domains);
}

prim('hsym', { monad: hsym });
prim('set', { dyad: setFile });
// get is value for anything but a file symbol (get"select from t" runs the text)
const coreValue = lookup('value')?.monad ?? lookup('get')?.monad;
prim('get', { monad: (x) => (!isFileSym(x) && !(x.type === 10 && V.textOf(x).startsWith(':')) && coreValue ? coreValue(x) : getFile(x)) });

// ------------------------------------------------------------- tables, databases

function setGlobalK(name: string, v: K): void {
  try { setVar(name, v); } finally { v.dispose(); }
}
const setSym = (names: string[]) => setGlobalK('sym', V.symVec(names));

function tableArg(t: K): K {
  if (t.type === XT) return t.ref();
  if (t.type === -11) { const v = getVar(V.textOf(t)); if (v.type !== XT) { v.dispose(); throw new QError('type'); } return v; }
  throw new QError('type');
}

/** t with its symbol columns enumerated against the global `domain`
 *  (`?`: symbols the domain lacks are added to it), as .Q.en returns it. */
function enumerated(t: K, domain: string): K {
  const names = t.columns, extend = lookup('?')!.dyad!;
  if (!globals.has(domain)) setGlobalK(domain, V.symVec([]));
  const dom = V.symAtom(domain);
  try {
    return tableFrom(names, names.map((n) => {
      const c = t.col(n);
      if (c.type !== 11) return c;
      const a = c.attr;
      let e: K;
      try { e = extend(dom, c); } finally { c.dispose(); }
      // parted, unique and grouped survive the one-to-one map to indexes
      if (a !== 'p' && a !== 'u' && a !== 'g') return e;
      const at = V.symAtom(a);
      try { return lookup('#')!.dyad!(at, e); } finally { at.dispose(); e.dispose(); }
    }));
  } finally { dom.dispose(); }
}
/** .Q.en[dir;t] / .Q.ens[dir;t;name]: t's symbols added to the domain's file
 *  in dir and its global, t returned enumerated; .Q.en[::;t] the global only. */
function qen(d: K, t: K, domain: string): K {
  if (t.type !== XT) throw new QError('type');
  if (V.isNil(d)) return enumerated(t, domain);
  const r = enumerate(pathOf(d), t, (names) => setGlobalK(domain, V.symVec(names)), domain);
  try { return enumerated(r, domain); } finally { r.dispose(); }
}
prim('.Q.en', { dyad: (d, t) => qen(d, t, 'sym') });
prim('.Q.ens', { triad: (d, t, n) => { if (n.type !== -11) throw new QError('type'); return qen(d, t, V.textOf(n)); } });

/** .Q.par[dir;partition;table]: where a partition's table lives (its segment
 *  when the database has par.txt). */
function par(d: K, p: K, t: K): K {
  const root = pathOf(d);
  const segs = segments(root);
  const name = partName(p);
  const pv = partitionOf(name)?.value ?? 0;
  const seg = segs.length === 1 ? segs[0] : segs[((pv % segs.length) + segs.length) % segs.length];
  const tn = t.type === -11 ? V.textOf(t) : '';
  return fileSym(tn ? join(join(seg, name), tn) : join(seg, name));
}
prim('.Q.par', { triad: par });

/** A partition's directory name from its value (date, month, int, long). */
function partName(p: K): string {
  if (p.type === -14 || p.type === -13) return p.toString().replace(/m$/, '');
  const n = V.intValue(p);
  if (n === null) throw new QError('type');
  return String(n);
}

/** .Q.dpft[d;p;f;t]: save global table t as partition p of database d, sorted
 *  on field f (kdb+ also gives f the parted attribute; not written here),
 *  symbols enumerated against d's sym. */
function dpft(d: K, p: K, f: K, t: K, domain = 'sym'): K {
  const tbl = tableArg(t);
  try {
    // enumerate in the table's own row order (as kdb+: the domain grows in
    // order of appearance), then sort on the field and put it first
    const en = enumerate(pathOf(d), tbl, (names) => setGlobalK(domain, V.symVec(names)), domain);
    let sorted = en;
    try {
      const fn = V.textOf(f);
      if (fn) {
        const cols = en.columns;
        if (!cols.includes(fn)) throw new QError(fn);
        const key = en.col(fn);
        const order = iascK(key); key.dispose();
        const rows = atK(en, order); order.dispose();
        try { sorted = reorder(rows, [fn, ...cols.filter((c) => c !== fn)]); } finally { rows.dispose(); }
      }
      writeSplayed(pathOf(par(d, p, t)) + '/', sorted, domains, domain);
    } finally { if (sorted !== en) sorted.dispose(); en.dispose(); }
    return t.ref();
  } finally { tbl.dispose(); }
}
prim('.Q.dpft', { tetrad: (d, p, f, t) => dpft(d, p, f, t) });
/** .Q.dpt[d;p;t] and .Q.dpts[d;p;t;s]: the same, unsorted. */
prim('.Q.dpt', { triad: (d, p, t) => { const f = V.symAtom(''); try { return dpft(d, p, f, t); } finally { f.dispose(); } } });
prim('.Q.dpts', {
  tetrad: (d, p, t, s) => {
    if (s.type !== -11) throw new QError('type');
    const f = V.symAtom('');
    try { return dpft(d, p, f, t, V.textOf(s)); } finally { f.dispose(); }
  },
});
/** .Q.dpfts[d;p;f;t;s]: .Q.dpft with the symbols enumerated against domain s.
 *  Five arguments are more than a registry entry takes: the name is registered
 *  (so q text finds it) and the evaluator's natives table does the call. */
prim('.Q.dpfts', {});
NATIVES['.Q.dpfts'] = (args) => {
  if (args.length !== 5) throw new QError('rank');
  if (args[4].type !== -11) throw new QError('type');
  return dpft(args[0], args[1], args[2], args[3], V.textOf(args[4]));
};

/** .Q.dd[x;y]: x and y joined, by '/' when x is a file symbol, else by '.'. */
prim('.Q.dd', {
  dyad: (x, y) => {
    const a = V.textOf(x);
    const b = y.type === -11 || y.type === 10 || y.type === -10 ? V.textOf(y) : y.toString();
    return V.symAtom(a + (a.startsWith(':') ? '/' : '.') + b);
  },
});

function reorder(t: K, names: string[]): K {
  const cols = names.map((n) => t.col(n));
  return tableFrom(names, cols);
}
import { tableOf as tableFrom } from './table.js';

/** q's join (the registry's: it knows enumerations). */
const joinQ = (a: K, b: K): K => lookup(',')!.dyad!(a, b);

/** Current database (after \l): root, partitions, tables. */
const db: { root?: string; parts?: Partition[]; all?: Partition[]; type?: PartitionType; tables?: string[] } = {};

const partCode = (pf: PartitionType): number => (pf === 'date' ? 14 : pf === 'month' ? 13 : 6);
function partValues(pf: PartitionType, ps: Partition[]): K {
  const v = alloc(partCode(pf), ps.length);
  ps.forEach((p, i) => { mem().i32[((v + 16) >>> 2) + i] = p.value; });
  return new K(v);
}
const segOf = (p: Partition): string => p.dir.slice(0, p.dir.length - p.name.length - 1) || '.';

/** The partitions queries see (all of them, or those .Q.view kept): the
 *  tables' partitions, and the globals that describe them. */
function setView(parts: Partition[]): void {
  const pf = db.type!, all = db.all!;
  for (const pt of partitioned.values()) pt.parts = parts;
  db.parts = parts;
  setGlobalK('.Q.pf', V.symAtom(pf));
  setGlobalK('.Q.PV', partValues(pf, all));
  setGlobalK('.Q.pv', partValues(pf, parts));
  setGlobalK(pf, partValues(pf, parts)); // the partition field names its values, as in kdb+
  setGlobalK('.Q.PD', V.listOf(all.map((p) => fileSym(segOf(p)))));
  setGlobalK('.Q.pd', V.listOf(parts.map((p) => fileSym(segOf(p)))));
  const names = [...partitioned.keys()];
  setGlobalK('.Q.pt', V.symVec(names));
  // .Q.D: the partitions in each segment (par.txt order), .Q.P the segments
  const segs = [...new Set(all.map(segOf))];
  setGlobalK('.Q.P', V.listOf(segs.map((sg) => fileSym(sg))));
  setGlobalK('.Q.D', V.generalOf(segs.map((sg) => partValues(pf, all.filter((p) => segOf(p) === sg)))));
  setGlobalK('.Q.u', V.boolAtom(all.length === new Set(all.map((p) => p.value)).size));
  // .Q.pn: the count cache, empty until count or .Q.cn fills a table's entry
  pn.clear();
  setPn();
  setGlobalK('.Q.vp', vpDict());
}

/** Rows per partition (of .Q.pv) of the tables counted since \l or .Q.view. */
const pn = new Map<string, (number | bigint)[]>();
function setPn(): void {
  const names = [...partitioned.keys()];
  setGlobalK('.Q.pn', V.dictOf(V.symVec(names), V.generalOf(names.map((n) => (pn.has(n) ? V.longVec(pn.get(n)!) : V.generalOf([]))))));
}
/** The rows of each partition of partitioned table `name`, from the first
 *  column's header (rowCount), then cached in .Q.pn. A partition missing the
 *  table fails as a query would, unless .Q.bv made it empty. */
function partitionRows(name: string): (number | bigint)[] {
  let rows = pn.get(name);
  if (rows) return rows;
  const pt = partitioned.get(name)!;
  rows = pt.parts.map((p) => {
    const dir = join(p.dir, pt.name);
    if (isSplayed(dir)) return rowCount(dir, domains);
    if (vp.has(pt.name)) return 0;
    throw new QError(`${join(dir, pt.columns[0] ?? '.d')}: No such file or directory`);
  });
  pn.set(name, rows);
  setPn();
  return rows;
}

/** .Q.vp: each table .Q.bv allows missing partitions for, as its empty prototype. */
function vpDict(): K {
  const names = [...vp];
  if (!names.length) return V.dictOf(V.generalOf([]), V.generalOf([]));
  return V.dictOf(V.symVec(names), V.generalOf(names.map((n) => readPartitions(partitioned.get(n)!, [], 'all', domains))));
}

/** `:dir/ upsert t (or insert) appends rows to a splayed table on disk; `:f
 *  upsert t to a table saved in one file. Other targets: the table layer's. */
function upsertFile(prev: ((x: K, y: K) => K) | undefined) {
  return (x: K, y: K): K => {
    if (!isFileSym(x)) { if (!prev) throw new QError('nyi'); return prev(x, y); }
    const path = pathOf(x).replace(/\/$/, '');
    const st = storage();
    if (st.isDir(path) && isSplayed(path)) appendSplayed(path, y, domains, joinQ);
    else if (!st.exists(path)) { const r = setFile(x, y); r.dispose(); }
    else {
      const old = readFile(path, domains);
      let joined: K;
      try { joined = joinQ(old, y); } finally { old.dispose(); }
      try { writeFile(path, joined); } finally { joined.dispose(); }
    }
    return x.ref();
  };
}
prim('upsert', { dyad: upsertFile(lookup('upsert')?.dyad) });
prim('insert', { dyad: upsertFile(lookup('insert')?.dyad) });

/** .Q.chk[dir]: adds every partitioned table missing from a partition, empty,
 *  with the columns of the last partition that has it. Returns the filled dirs. */
function chk(d: K): K {
  const root = pathOf(d);
  const st = storage();
  const parts: { dir: string; name: string }[] = [];
  for (const seg of segments(root)) for (const e of st.list(seg)) if (partitionOf(e) && st.isDir(join(seg, e))) parts.push({ dir: join(seg, e), name: e });
  parts.sort((a, b) => partitionOf(a.name)!.value - partitionOf(b.name)!.value);
  const tables = new Set<string>();
  for (const p of parts) for (const t of st.list(p.dir)) if (isSplayed(join(p.dir, t))) tables.add(t);
  const filled: string[] = [];
  for (const t of tables) {
    const src = [...parts].reverse().find((p) => isSplayed(join(p.dir, t)));
    if (!src) continue;
    for (const p of parts) {
      if (isSplayed(join(p.dir, t))) continue;
      const tmpl = readSplayed(join(src.dir, t), domains);
      try {
        const none = V.longVec([]);
        const empty = (() => { try { return V.index1(tmpl, none); } finally { none.dispose(); } })();
        try { writeSplayed(join(p.dir, t) + '/', empty, domains); } finally { empty.dispose(); }
      } finally { tmpl.dispose(); }
      filled.push(p.dir);
    }
  }
  return V.listOf(filled.map((f) => fileSym(f)));
}
prim('.Q.chk', { monad: chk });

/** .Q.ind[t;i]: rows i of partitioned table t (loaded whole here, so plain indexing). */
prim('.Q.ind', { dyad: (t, i) => V.index1(t, i) });

/** `\l x` (basics/syscmds.md, ref/load.md, .Q.l): 1b when x was data, 0b
 *  when it is a script for the caller to run. A directory holding a splayed
 *  table maps it to the global of its name; a kdb+ data file is read into the
 *  global of its name; any other directory is a database: q changes into it
 *  (`\cd` then shows it, and relative paths resolve inside it) and loads it.
 *  `\l .` and `\l` alone reload the current database's data, without its scripts. */
function loadDir(x: K): K {
  const arg = V.textOf(x).replace(/(.)\/$/, '$1');
  const root = arg || db.root;
  if (root === undefined) throw new QError('domain'); // \l alone: no database loaded yet
  return V.boolAtom(openPath(root, true, !!arg && arg !== '.'));
}

const baseName = (p: string): string => p.replace(/\/+$/, '').split('/').pop()!;

/** Loads root (see loadDir); cd: change into a database first; scripts: run its q scripts. */
function openPath(root: string, cd: boolean, scripts: boolean): boolean {
  const st = storage();
  if (!st.isDir(root)) {
    // a data file: names with an extension are scripts
    if (baseName(root).includes('.') || !st.exists(root)) return false;
    let v: K;
    try { v = readFile(root, domains); } catch (e) {
      if (e instanceof QError && (e.message === 'type' || e.message === 'length')) return false;
      throw e;
    }
    setGlobalK(baseName(root), v);
    return true;
  }
  if (isSplayed(root)) {
    const rt = { name: baseName(root), dir: root, columns: columnNames(root) };
    mappedSplayed.set(rt.name, rt);
    globals.get(rt.name)?.dispose(); globals.delete(rt.name);
    NAMED_VALUES.set(rt.name, () => wholeSplayed(rt, domains));
    return true;
  }
  if (cd) { chdir(root); root = '.'; }
  const loaded = loadDatabase(root, setGlobalK, domains);
  unloadDatabase();
  db.root = cd ? cwd() : root;
  // the name alone reads the whole table; queries read what they touch
  const mapName = (name: string, read: () => K): void => {
    globals.get(name)?.dispose(); globals.delete(name);
    NAMED_VALUES.set(name, read);
  };
  for (const rt of loaded.splayed) {
    mappedSplayed.set(rt.name, rt);
    mapName(rt.name, () => wholeSplayed(rt, domains));
  }
  const part = loaded.parted;
  if (part) {
    for (const pt of part.tables) {
      partitioned.set(pt.name, pt);
      // missing from a partition (and not in .Q.vp): kdb+ shows the name's flip
      mapName(pt.name, () => (pt.parts.every((p) => isSplayed(join(p.dir, pt.name))) || vp.has(pt.name)
        ? readPartitions(pt, pt.parts, 'all', domains) : unresolvedName(pt.columns, pt.name)));
    }
    db.type = part.type; db.all = part.partitions;
    setView(part.partitions);
    db.parts = part.partitions; db.tables = part.tables.map((t) => t.name);
  }
  // then the database's own q scripts, in name order, as kdb+ runs them
  if (scripts) {
    for (const f of st.list(root).filter((e) => e.endsWith('.q')).sort()) {
      loadScript(new TextDecoder().decode(st.read(join(root, f))));
    }
  }
  return true;
}
prim('\\l', { monad: loadDir });
/** .Q.l x: `\l` of a directory named by a (file) symbol. */
const dirArg = (x: K): string => { if (x.type !== -11) throw new QError('type'); return V.textOf(x).replace(/^:/, ''); };
prim('.Q.l', { monad: (x) => { if (!openPath(dirArg(x), true, true)) throw new QError(dirArg(x)); return V.nil(); } });
/** .Q.lo[db;cd;scripts]: \l, staying in the working directory and/or without the scripts. */
prim('.Q.lo', {
  triad: (x, c, s) => {
    const flag = (b: K): boolean => { const n = V.intValue(b); if (n === null) throw new QError('type'); return n !== 0; };
    if (!openPath(dirArg(x), flag(c), flag(s))) throw new QError(dirArg(x));
    return V.nil();
  },
});
// \cd shows the working directory; \cd path changes it (creating it when missing)
systemHooks.cd = (arg) => { if (!arg) return V.charVec(cwd()); chdir(arg); return null; };

/** Forgets the loaded database's partitioned tables (their names read nothing after). */
export function unloadDatabase(): void {
  for (const name of [...partitioned.keys(), ...mappedSplayed.keys()]) NAMED_VALUES.delete(name);
  partitioned.clear(); vp.clear(); rowCache.clear(); mappedSplayed.clear(); pn.clear();
  db.parts = db.all = db.type = db.tables = undefined;
}

// tables[] (the root) also lists the partitioned tables \l mapped: they read
// nothing until a query names them, so they are not globals
{
  const base = lookup('tables')?.monad;
  if (base) prim('tables', {
    monad: (x) => {
      const r = base(x);
      const root = V.isNil(x) || (x.type === -11 && ['', '.'].includes(V.textOf(x)));
      const lazy = [...partitioned.keys(), ...mappedSplayed.keys()].filter(isLazy);
      if (!root || lazy.length === 0) return r;
      try { return V.symVec([...new Set([...V.symsOf(r), ...lazy])].sort()); } finally { r.dispose(); }
    },
  });
}

// queries on a partitioned table read the partitions and columns they touch
const isLazy = (name: string): boolean => (partitioned.has(name) || mappedSplayed.has(name)) && !globals.has(name);
const isParted = (name: string): boolean => partitioned.has(name) && !globals.has(name);
function lazyQuery(name: string, c: K, b: K, a: K, whole: boolean, outer?: Outer): K {
  const rt = mappedSplayed.get(name);
  return rt ? splayedQueryTable(rt, c, b, a, whole, domains) : queryTable(name, c, b, a, domains, whole, outer);
}
qsqlSources.has = isLazy;
qsqlSources.table = lazyQuery;
qsqlSources.check = (t) => { if (isUnresolved(t)) failUnresolved(t); };
{
  // ?[`t;c;b;a…] and ![`t;c;b;a] name the table: the same narrowing
  const sel = lookup('?')!, upd = lookup('!')!;
  const named = (t: K): string | undefined => (t.type === -11 && isLazy(V.textOf(t)) ? V.textOf(t) : undefined);
  const via = (args: K[], f: (...a: K[]) => K, whole = false): K => {
    if (args.length >= 4 && isUnresolved(args[0])) failUnresolved(args[0]);
    const n = named(args[0]);
    if (n === undefined || args.length < 4) return f(...args);
    const t = lazyQuery(n, args[1], args[2], args[3], whole);
    try { return f(t, ...args.slice(1)); } finally { t.dispose(); }
  };
  prim('?', { ...sel, tetrad: (...a: K[]) => via(a, sel.tetrad!), nary: sel.nary && ((...a: K[]) => via(a, sel.nary!)) });
  prim('!', { ...upd, tetrad: (...a: K[]) => via(a, upd.tetrad!, true) });
}

/** The partition values of x (dates, months, ints, longs; atom or list). */
function partitionValues(x: K): Set<number> {
  const t = Math.abs(x.type);
  if (!(t === 14 || t === 13 || t === 6 || t === 7 || t === 5)) throw new QError('type');
  const one = x.type < 0 ? V.listOf([x.ref()]) : x.ref();
  try { return new Set(Array.from(one.data as ArrayLike<number | bigint>, Number)); } finally { one.dispose(); }
}

/** .Q.bv[]: tables missing from some partitions read there as empty (their
 *  prototype from the last partition; .Q.bv[`] would take the first). */
function bv(x: K): K {
  const first = x.type === -11;
  for (const pt of partitioned.values()) {
    const have = db.all!.filter((p) => isSplayed(join(p.dir, pt.name)));
    if (have.length === db.all!.length || !have.length) continue;
    vp.add(pt.name);
    if (first) { pt.proto = have[0].dir; pt.columns = columnNames(join(pt.proto, pt.name)); }
  }
  setGlobalK('.Q.vp', vpDict());
  return V.nil();
}
prim('.Q.bv', { monad: bv });
prim('.Q.bvi', { monad: bv });
/** .Q.cn t: the rows of each partition of partitioned table t (ref/dotq.md's
 *  example), cached in .Q.pn; `count t` sums them. Neither reads a column
 *  when t is named (BY_NAME); t by value is counted by its partition column. */
prim('.Q.cn', {
  monad: (t) => {
    if (t.type !== XT || mem().u8[t.ptr + 3] !== PARTITIONED || !db.parts) return V.longAtom(t.count);
    const key = V.symAtom(db.type!);
    const col = (() => { try { return V.index1(t, key); } finally { key.dispose(); } })();
    try {
      const n = new Map<number, number>();
      for (const v of col.data as Int32Array) n.set(v, (n.get(v) ?? 0) + 1);
      return V.longVec(db.parts.map((p) => n.get(p.value) ?? 0));
    } finally { col.dispose(); }
  },
});
BY_NAME.set('.Q.cn', (name) => (isParted(name) ? V.longVec(partitionRows(name)) : undefined));
/** .Q.s1 of a mapped table's name: kdb+'s representation of it, the flip of
 *  its columns (the partition column aside) to the table's name when
 *  partitioned, to its directory when splayed (ref/flip-splayed.md). */
BY_NAME.set('.Q.s1', (name) => {
  if (!isLazy(name)) return undefined;
  const rt = mappedSplayed.get(name);
  const cols = V.symVec(rt ? rt.columns : partitioned.get(name)!.columns);
  let keys: string;
  try { keys = str(cols); } finally { cols.dispose(); }
  if (keys.startsWith(',')) keys = `(${keys})`;
  return V.charVec(`+${keys}!\`${rt ? `:${join(rt.dir, '')}` : name}`);
});
BY_NAME.set('count', (name) => {
  if (!isLazy(name)) return undefined;
  const rt = mappedSplayed.get(name);
  if (rt) return V.longAtom(splayedRows(rt, domains));
  let n = 0n;
  for (const r of partitionRows(name)) n += BigInt(r);
  return V.longAtom(n);
});
/** .Q.qp x: 1b for a partitioned table, 0b for a splayed one read from disk, else 0. */
prim('.Q.qp', {
  monad: (x) => {
    if (x.type !== XT) return V.longAtom(0);
    const u = mem().u8[x.ptr + 3];
    return u === PARTITIONED ? V.boolAtom(true) : u === SPLAYED ? V.boolAtom(false) : V.longAtom(0);
  },
});
/** .Q.view x: queries see only partitions x ('invalid partition filter when
 *  none is on disk); .Q.view[] every partition again. */
prim('.Q.view', {
  monad: (x) => {
    if (!db.all) throw new QError('type');
    if (V.isNil(x)) { setView(db.all); return V.nil(); }
    const want = partitionValues(x);
    const kept = db.all.filter((p) => want.has(p.value));
    if (!kept.length) throw new QError('invalid partition filter');
    setView(kept);
    return V.nil();
  },
});
/** .Q.MAP[]: kdb+ keeps partitions mapped; reads here are already on demand. */
prim('.Q.MAP', { monad: () => V.nil() });
/** .Q.li[ps]: partitions ps found on disk join the loaded database. */
prim('.Q.li', {
  monad: (x) => {
    if (!db.all || !db.root) throw new QError('type');
    const want = partitionValues(x);
    const have = new Set(db.all.map((p) => p.value));
    const add: Partition[] = [];
    for (const seg of segments(db.root)) {
      for (const e of storage().list(seg)) {
        const pv = partitionOf(e);
        if (pv && pv.type === db.type && want.has(pv.value) && !have.has(pv.value) && storage().isDir(join(seg, e))) add.push({ dir: join(seg, e), name: e, value: pv.value });
      }
    }
    db.all = [...db.all, ...add].sort((a, b) => a.value - b.value);
    setView(db.all);
    return V.nil();
  },
});

// ------------------------------------------------------------- save / load

function nameParts(x: K): { path: string; name: string; ext: string }[] {
  const syms = x.type === -11 || x.type === 11 ? V.symsOf(x) : (() => { throw new QError('type'); })();
  return syms.map((s) => {
    const path = s.startsWith(':') ? s.slice(1) : s;
    const base = path.split('/').pop()!;
    const dot = base.indexOf('.');
    return { path, name: dot > 0 ? base.slice(0, dot) : base, ext: dot > 0 ? base.slice(dot + 1) : '' };
  });
}
const oneOrMany = (x: K, ks: K[]): K => (x.type < 0 ? ks[0] : V.listOf(ks));

/** save's text formats: the lines .h.tx[ext] makes of the value (csv and txt
 *  a header line of column names then one line a row, xml a <R> document,
 *  json one object a row). */
const TEXT_FORMATS = new Set(['csv', 'txt', 'xml', 'json']);
function asText(ext: string, v: K): K {
  const tx = getVar('.h.tx'), key = V.symAtom(ext);
  let f: K;
  try { f = V.index1(tx, key); } finally { tx.dispose(); key.dispose(); }
  try { return applyQ(f, [v]); } finally { f.dispose(); }
}

prim('save', {
  monad: (x) => oneOrMany(x, nameParts(x).map(({ path, name, ext }) => {
    if (ext === 'xls') throw new QError('nyi'); // Excel's XML workbook: .h.edsn is not there yet
    const v = getVar(name);
    try {
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      if (dir) storage().mkdirp(dir);
      if (TEXT_FORMATS.has(ext)) storage().write(path, [linesBytes(asText(ext, v))]);
      else writeFile(path, v);
    } finally { v.dispose(); }
    return fileSym(path);
  })),
});

/** load: a data file into the global of its name; a directory into a
 *  dictionary of its files (a splayed table when it has `.d`). */
function loadPath(path: string): K {
  if (storage().isDir(path)) {
    if (isSplayed(path)) return readSplayed(path, domains);
    const names = storage().list(path).filter((e) => !e.startsWith('.')).sort();
    const vals = names.map((n) => loadPath(join(path, n)));
    return V.dictOf(V.symVec(names), V.generalOf(vals));
  }
  return readFile(path, domains);
}
prim('load', {
  monad: (x) => oneOrMany(x, nameParts(x).map(({ path, name }) => {
    setGlobalK(name, loadPath(path));
    return V.symAtom(name);
  })),
});
prim('rsave', {
  monad: (x) => oneOrMany(x, nameParts(x).map(({ path, name }) => {
    const v = getVar(name);
    try { writeSplayed(path + '/', v, domains); } finally { v.dispose(); }
    return fileSym(path + '/');
  })),
});
prim('rload', {
  monad: (x) => oneOrMany(x, nameParts(x).map(({ path, name }) => {
    setGlobalK(name, readSplayed(path, domains));
    return V.symAtom(name);
  })),
});
/** x dsave y: tables y (names) splayed under x (or x[0]/x[1] for a partition),
 *  enumerated against x[0]'s sym. */
prim('dsave', {
  dyad: (x, y) => {
    const dirs = x.type === -11 ? [pathOf(x)] : x.type === 11 ? V.symsOf(x).map((s) => s.replace(/^:/, '')) : (() => { throw new QError('type'); })();
    const root = dirs[0];
    const base = dirs.length > 1 ? join(root, dirs[1]) : root;
    for (const name of V.symsOf(y)) {
      const t = getVar(name);
      try {
        const en = enumerate(root, t, setSym);
        try { writeSplayed(join(base, name) + '/', en, domains); } finally { en.dispose(); }
      } finally { t.dispose(); }
    }
    return y.ref();
  },
});

// ------------------------------------------------------------- text and bytes

const enc = new TextEncoder();

/** (f;o;n) / (f;o) / f -> path and byte range. */
function fileRange(x: K): { path: string; off: number; len: number | undefined } {
  if (x.type === 0) {
    const it = V.itemsOf(x);
    try {
      if (it.length < 2 || it.length > 3) throw new QError('length');
      const off = V.intValue(it[1]), len = it.length === 3 ? V.intValue(it[2]) : undefined;
      if (off === null || off < 0 || len === null || (len !== undefined && len < 0)) throw new QError('type');
      return { path: pathOf(it[0]), off, len };
    } finally { it.forEach((k) => k.dispose()); }
  }
  return { path: pathOf(x), off: 0, len: undefined };
}

function readRange(x: K): { bytes: Uint8Array; whole: boolean } {
  const { path, off, len } = fileRange(x);
  const st = storage();
  const size = st.size(path);
  const n = Math.max(0, Math.min(len ?? size - off, size - off));
  const b = new Uint8Array(n);
  st.readInto(path, b, off);
  return { bytes: b, whole: x.type !== 0 };
}

function bytesK(t: 4 | 10, b: Uint8Array): K {
  const p = alloc(t, b.length);
  mem().u8.set(b, p + 16);
  return new K(p);
}

/** The lines of a text (LF or CRLF; the delimiters dropped). */
export function linesOf(b: Uint8Array): K {
  const out: K[] = [];
  let s = 0;
  for (let i = 0; i <= b.length; i++) {
    if (i === b.length ? i > s : b[i] === 10) {
      const e = i > s && b[i - 1] === 13 ? i - 1 : i;
      out.push(bytesK(10, b.subarray(s, e)));
      s = i + 1;
    }
  }
  return V.generalOf(out);
}

prim('read0', {
  monad: (x) => {
    const { bytes, whole } = readRange(x);
    if (whole) return linesOf(bytes);
    // a range: its lines, or the text itself when it holds one line
    const lines = linesOf(bytes);
    if (lines.count !== 1) return lines;
    try { return lines.item(0); } finally { lines.dispose(); }
  },
});
prim('read1', { monad: (x) => bytesK(4, readRange(x).bytes) });

/** .Q.fsn[f;file;n] (ref/dotq.md): reads file in lumps of about n bytes cut
 *  after their last newline, applies f to each lump's lines, and returns the
 *  file's size; .Q.fs is .Q.fsn with lumps of 131000 bytes. */
function fsn(f: K, file: K, n: K): K {
  const path = pathOf(file), size = storage().size(path);
  const lump = V.intValue(n);
  if (lump === null) throw new QError('type');
  if (lump <= 0) throw new QError('domain');
  for (let at = 0; at < size;) {
    const buf = new Uint8Array(Math.min(lump, size - at));
    storage().readInto(path, buf, at);
    let end = buf.length;
    if (at + end < size) {
      const nl = buf.lastIndexOf(10);
      if (nl >= 0) end = nl + 1;
    }
    const lines = linesOf(buf.subarray(0, end));
    try { applyQ(f, [lines]).dispose(); } finally { lines.dispose(); }
    at += end;
  }
  return V.longAtom(size);
}
prim('.Q.fsn', { triad: fsn });
prim('.Q.fs', { dyad: (f, file) => { const n = V.longAtom(131000); try { return fsn(f, file, n); } finally { n.dispose(); } } });

function textBytes(x: K): Uint8Array {
  if (x.type === 10) return mem().u8.slice(x.ptr + 16, x.ptr + 16 + x.count);
  if (x.type === -10) return mem().u8.slice(x.ptr + 16, x.ptr + 17);
  if (x.type === 4) return mem().u8.slice(x.ptr + 16, x.ptr + 16 + x.count);
  throw new QError('type');
}

function linesBytes(x: K): Uint8Array {
  if (x.type === 11) return enc.encode(V.symsOf(x).map((s) => s + '\n').join(''));
  if (x.type !== 0) throw new QError('type');
  const it = V.itemsOf(x);
  try {
    const parts = it.map((k) => textBytes(k));
    let n = 0; for (const p of parts) n += p.length + 1;
    const out = new Uint8Array(n);
    let o = 0; for (const p of parts) { out.set(p, o); o += p.length; out[o++] = 10; }
    return out;
  } finally { it.forEach((k) => k.dispose()); }
}

function parentDir(path: string): void {
  const i = path.lastIndexOf('/');
  if (i > 0) storage().mkdirp(path.slice(0, i));
}

const textPrev = { zero: undefined as ((x: K, y: K) => K) | undefined, one: undefined as ((x: K, y: K) => K) | undefined };

/** `:f 0: lines writes text; (types;delim) 0: `:f parses the file's text with
 *  the in-memory 0: (the vocab layer's). */
function zeroColon(x: K, y: K): K {
  if (isFileSym(x)) {
    const path = pathOf(x);
    parentDir(path);
    storage().write(path, [linesBytes(y)]);
    return x.ref();
  }
  if (isFileSym(y) || (y.type === 0 && y.count >= 2 && (() => { const f = y.item(0); try { return isFileSym(f); } finally { f.dispose(); } })())) {
    const { bytes } = readRange(y);
    const lines = linesOf(bytes);
    try {
      const inMemory = textPrev.zero;
      if (!inMemory) throw new QError('nyi'); // parsing text is the vocab layer's 0:
      return inMemory(x, lines);
    } finally { lines.dispose(); }
  }
  if (textPrev.zero) return textPrev.zero(x, y);
  throw new QError('nyi');
}

/** `:f 1: bytes writes bytes; (types;widths) 1: `:f (or (f;o;n)) reads
 *  fixed-width binary records. */
function oneColon(x: K, y: K): K {
  if (isFileSym(x)) {
    const path = pathOf(x);
    parentDir(path);
    if (y.type === 4 || y.type === 10 || y.type === -4 || y.type === -10) storage().write(path, [textBytes(y)]);
    else if (y.type > 0 && y.type < 20 && y.type !== 11) storage().write(path, [concatVec(y)]);
    else if (y.type < 0 && y.type > -20 && y.type !== -11) { // an atom: its bytes
      const w = QTYPES[-y.type]!.width;
      storage().write(path, [mem().u8.slice(y.ptr + 16, y.ptr + 16 + w)]);
    } else throw new QError('type');
    return x.ref();
  }
  const src = isFileSym(y) || y.type === 0 ? readRange(y).bytes : y.type === 4 || y.type === 10 ? textBytes(y) : undefined;
  if (!src) { if (textPrev.one) return textPrev.one(x, y); throw new QError('type'); }
  return binaryRecords(x, src);
}

// 0: and 1: are shared with the in-memory text/binary layer: whatever dyad was
// registered before stays reachable for the cases without files.
textPrev.zero = lookup('0:')?.dyad;
textPrev.one = lookup('1:')?.dyad;
prim('0:', { dyad: zeroColon });
prim('1:', { dyad: oneColon });

function concatVec(y: K): Uint8Array {
  const parts = vectorFile(y);
  return parts[1].slice();
}

const BIN_WIDTH: Record<string, [number, number]> = {
  b: [1, 1], g: [2, 16], x: [4, 1], h: [5, 2], i: [6, 4], j: [7, 8], e: [8, 4], f: [9, 8], c: [10, 1],
  p: [12, 8], m: [13, 4], d: [14, 4], z: [15, 8], n: [16, 8], u: [17, 4], v: [18, 4], t: [19, 4],
};

/** (types;widths) 1: bytes: one column per non-blank type, records of sum(widths) bytes. */
function binaryRecords(spec: K, src: Uint8Array): K {
  if (spec.type !== 0 || spec.count !== 2) throw new QError('type');
  let [tk, wk] = [spec.item(0), spec.item(1)];
  // (widths;types): the same records, big-endian
  const bigEndian = tk.type !== 10 && tk.type !== -10;
  if (bigEndian) [tk, wk] = [wk, tk];
  try {
    const types = V.textOf(tk);
    const widths = wk.type < 0 ? [V.intValue(wk) ?? 0] : Array.from(wk.data as ArrayLike<number | bigint>, Number);
    if (widths.length !== types.length) throw new QError('length');
    const rec = widths.reduce((a, b) => a + b, 0);
    if (rec === 0) throw new QError('domain');
    const n = Math.floor(src.length / rec);
    const cols: K[] = [];
    let off = 0;
    try {
      for (let c = 0; c < types.length; c++) {
        const ch = types[c], w = widths[c];
        if (ch === '*') { // w chars per record, as strings
          const items: K[] = [];
          for (let r = 0; r < n; r++) items.push(bytesK(10, src.subarray(r * rec + off, r * rec + off + w)));
          cols.push(V.generalOf(items));
        } else if (ch !== ' ') {
          const tw = BIN_WIDTH[ch];
          if (!tw || tw[1] !== w) throw new QError(tw ? 'length' : 'type');
          const p = alloc(tw[0], n);
          const m = mem().u8;
          for (let r = 0; r < n; r++) {
            const item = src.subarray(r * rec + off, r * rec + off + w);
            m.set(item, p + 16 + r * w);
            if (bigEndian) m.subarray(p + 16 + r * w, p + 16 + (r + 1) * w).reverse();
          }
          cols.push(new K(p));
        }
        off += w;
      }
    } catch (e) { cols.forEach((k) => k.dispose()); throw e; }
    return V.generalOf(cols);
  } finally { tk.dispose(); wk.dispose(); }
}

// ------------------------------------------------------------- handles

// File handles live in the one q handle table (src/ipc/handles.ts), beside
// IPC connections: `h x` appends x, `neg[h] x` appends lines, hclose drops it.
const ipcHopen = lookup('hopen')?.monad;

prim('hopen', {
  monad: (x) => {
    const text = x.type === -11 || x.type === 10 ? V.textOf(x) : '';
    // `:host:port, `:tcps://host:port, `:unix://port and ports are connections: the ipc layer's
    if (!text.startsWith(':') || /^:[^:/]*:\d+(:|$)/.test(text) || /^:(tcps?|unix):\/\//.test(text)) {
      if (ipcHopen) return ipcHopen(x);
      throw new QError('nyi');
    }
    const path = text.slice(1);
    parentDir(path);
    if (!storage().exists(path)) storage().write(path, []);
    const fh: QHandle = {
      sync: (v) => { fileAppend(path, v, false); return V.intAtom(h); },
      async: (v) => { fileAppend(path, v, true); },
      close: () => { fileHandles.delete(h); },
    };
    const h = registerHandle(fh);
    fileHandles.add(h);
    return V.intAtom(h);
  },
});

// neg[h] x on a file handle answers -h (kdb+'s result), where a connection's answers ::
const fileHandles = new Set<number>();
{
  const connections = handleHooks.apply;
  handleHooks.apply = (n, x) => {
    if (n < 0 && fileHandles.has(-n) && connections) { connections(n, x).dispose(); return V.intAtom(n); }
    if (!connections) throw new QError('type');
    return connections(n, x);
  };
}

/** Appends to a file: text (lines when asLines), bytes, or a value appended
 *  to the kdb+ file of its type. */
function fileAppend(path: string, x: K, asLines: boolean): void {
  const st = storage();
  if (asLines) {
    const b = x.type === 0 || x.type === 11 ? linesBytes(x) : (() => { const t = textBytes(x); const o = new Uint8Array(t.length + 1); o.set(t); o[t.length] = 10; return o; })();
    st.append(path, b);
    return;
  }
  const size = st.size(path);
  const head = new Uint8Array(Math.min(size, 16));
  st.readInto(path, head, 0);
  const kind = size ? classify(head, size) : undefined;
  if (kind?.kind === 'vector' && (x.type === kind.t || x.type === -kind.t)) {
    const one = x.type < 0 ? V.listOf([x.ref()]) : x.ref();
    try {
      const items = vectorFile(one);
      if (kind.n || kind.attr) {
        // a written count must grow with the items
        const all = st.read(path);
        new DataView(all.buffer, all.byteOffset).setBigInt64(8, BigInt(kind.n + one.count), true);
        st.write(path, [all, items[1]]);
      } else st.append(path, items[1].slice());
    } finally { one.dispose(); }
    return;
  }
  if (kind?.kind === 'object' && head[2] === 11 && (x.type === 11 || x.type === -11)) {
    st.append(path, symbolTail(V.symsOf(x)));
    return;
  }
  if (kind?.kind === 'object' && head[2] === 0) {
    // a log: serialized values after a general list's header
    const items = x.type === 0 ? V.itemsOf(x) : [x.ref()];
    try {
      const parts = items.map((k) => encodeBody(k));
      const all = st.read(path);
      const dv = new DataView(all.buffer, all.byteOffset);
      const count = dv.getInt32(4, true);
      if (count) { dv.setInt32(4, count + items.length, true); st.write(path, [all, ...parts]); }
      else for (const p of parts) st.append(path, p);
    } finally { items.forEach((k) => k.dispose()); }
    return;
  }
  if (x.type === 10 || x.type === -10 || x.type === 4 || x.type === -4) { st.append(path, textBytes(x)); return; }
  throw new QError('type');
}

/** key `:dir lists a directory (sorted), key `:file is the file symbol when it
 *  exists (else an empty list); other arguments are the core key's. */
const coreKey = lookup('key')?.monad;
prim('key', {
  monad: (x) => {
    if (!isFileSym(x)) { if (!coreKey) throw new QError('nyi'); return coreKey(x); }
    const path = pathOf(x).replace(/\/$/, '') || '.';
    const st = storage();
    if (st.isDir(path)) return V.symVec(st.list(path).sort());
    return st.exists(path) ? x.ref() : V.generalOf([]);
  },
});

prim('hcount', { monad: (x) => V.longAtom(storage().size(pathOf(x))) });
prim('hdel', {
  monad: (x) => {
    const path = pathOf(x).replace(/\/$/, '');
    try { storage().remove(path); } catch (e) {
      // hdel words it as the C library does: 'test.txt: No such file or directory
      const m = e instanceof QError ? /\. OS reports: (.*)$/.exec(e.message) : null;
      if (m) throw new QError(`${path}: ${m[1]}`);
      throw e;
    }
    return x.ref();
  },
});

// ------------------------------------------------------------- internal functions n!x

INTERNALS.set(-11, (x) => replayLog(x, pathOf));
INTERNALS.set(-19, (x) => {
    const it = V.itemsOf(x);
    try {
      if (it.length !== 5) throw new QError('length');
      const [src, dst] = [pathOf(it[0]), pathOf(it[1])];
      const spec = it.slice(2).map((k) => { const v = V.intValue(k); if (v === null) throw new QError('type'); return v; });
      const plain = storage().read(src);
      storage().write(dst, [spec[1] === 0 ? plain : compress(plain, spec[0], spec[1], spec[2])]);
      return it[1].ref();
    } finally { it.forEach((k) => k.dispose()); }
});
INTERNALS.set(-21, (x) => {
    const path = pathOf(x);
    const info = storage().isDir(path) ? undefined : compressionInfo(storage().read(path));
    if (!info) return V.dictOf(V.generalOf([]), V.generalOf([]));
    return V.dictOf(
      V.symVec(['compressedLength', 'uncompressedLength', 'algorithm', 'logicalBlockSize', 'zipLevel']),
      V.generalOf([V.longAtom(info.compressedLength), V.longAtom(info.uncompressedLength),
        V.intAtom(info.algorithm), V.intAtom(Math.log2(info.logicalBlockSize)), V.intAtom(info.level)]),
    );
});

export { logChunks, decompress, readBytes, columnNames, XD };

// ------------------------------------------------------------- the JS API

/** q.set(':path', v): writes a file; returns the file symbol. */
export function setPath(path: string, v: K): K {
  const t = V.symAtom(path);
  try { return setFile(t, v); } finally { t.dispose(); }
}
/** q.get(':path'): a file's value. */
export function getPath(path: string): K {
  const t = V.symAtom(path);
  try { return getFile(t); } finally { t.dispose(); }
}
export function callNamed(name: string, x: K): K {
  const f = lookup(name)?.monad;
  if (!f) throw new QError('nyi');
  return f(x);
}
/** A keyword applied to one symbol atom (q.save('t'), q.load('t')). */
export function callNamedSym(name: string, sym: string): K {
  const s = V.symAtom(sym);
  try { return callNamed(name, s); } finally { s.dispose(); }
}

/** The text of a symbol atom (q.get(_) with a file symbol K). */
export function symbolText(x: K): string {
  if (x.type !== -11) throw new QError('type');
  return V.textOf(x);
}

// x!`t and x!`:dir/ (ref/flip-splayed.md): the dictionary kdb+ uses for a
// mapped table before it is flipped; its flip reads the splayed directory or
// the loaded partitioned table, and stays unresolved (+x!y) when neither is there.
{
  const bang = lookup('!')!;
  prim('!', { ...bang, dyad: (x, y) => (x.type === 11 && y.type === -11 ? V.dictOf(x.ref(), y.ref()) : bang.dyad!(x, y)) });
  const flip0 = lookup('flip')!.monad!;
  prim('flip', { monad: (x) => (isFlipSplayed(x) ? flipSplayed(x) : flip0(x)) });
}
function isFlipSplayed(x: K): boolean {
  if (x.type !== XD) return false;
  const u = mem().u32, p = (x.ptr + 16) >>> 2;
  return mem().i8[u[p] + 2] === 11 && mem().i8[u[p + 1] + 2] === -11;
}
function flipSplayed(x: K): K {
  const keys = x.keys, at = x.values;
  try {
    const names = V.symsOf(keys), target = V.textOf(at);
    if (target.startsWith(':')) {
      const dir = target.slice(1).replace(/\/$/, '') || '.';
      if (isSplayed(dir)) {
        const cols: K[] = [];
        try { for (const c of names) cols.push(readFile(join(dir, c), domains)); } catch (e) { cols.forEach((k) => k.dispose()); throw e; }
        const t = tableFrom(names, cols);
        mem().u8[t.ptr + 3] = SPLAYED;
        return t;
      }
    } else if (partitioned.has(target) && db.parts) {
      return readPartitions(partitioned.get(target)!, db.parts, new Set(names), domains);
    }
    return unresolved(keys, at);
  } finally { keys.dispose(); at.dispose(); }
}
/** +x!`t: a flip that reads nothing; a query on it fails as kdb+'s does. */
function unresolved(keys: K, at: K): K {
  const d = V.dictOf(keys.ref(), at.ref());
  let p: number;
  try { p = alloc(XT, 1); } catch (e) { d.dispose(); throw e; }
  mem().u32[(p + 16) >>> 2] = E.r1(d.ptr);
  d.dispose();
  return new K(p);
}
function unresolvedName(cols: string[], name: string): K {
  const k = V.symVec(cols), a = V.symAtom(name);
  try { return unresolved(k, a); } finally { k.dispose(); a.dispose(); }
}
function isUnresolved(t: K): boolean {
  if (t.type !== XT) return false;
  const d = mem().u32[(t.ptr + 16) >>> 2];
  return mem().i8[mem().u32[((d + 16) >>> 2) + 1] + 2] === -11;
}
/** A query on +x!y that did not resolve: the first column file's OS error
 *  for a path, the name's error for a name (ref/flip-splayed.md). */
function failUnresolved(t: K): never {
  const d = mem().u32[(t.ptr + 16) >>> 2];
  const keys = new K(E.r1(mem().u32[(d + 16) >>> 2])), at = new K(E.r1(mem().u32[((d + 16) >>> 2) + 1]));
  let target: string, first: string | undefined;
  try { target = V.textOf(at); first = V.symsOf(keys)[0]; } finally { keys.dispose(); at.dispose(); }
  if (!target.startsWith(':')) {
    const pt = partitioned.get(target);
    if (pt && db.parts) readPartitions(pt, db.parts, 'all', domains).dispose(); // its missing partition's error
    throw new QError(target);
  }
  const path = join(target.slice(1).replace(/\/$/, '') || '.', first ?? '.d');
  if (!storage().exists(path)) throw new QError(`${path}. OS reports: No such file or directory`);
  readFile(path, domains).dispose();
  throw new QError(target);
}

// Enumerations (basics/enumerations.md, ref/enumerate.md, enum-extend.md,
// enumeration.md): `d$y enumerates symbols y against the global list d
// (`'cast` when one is missing), `d?y extends d first. q numbers every
// enumeration named by a variable 20h; the value is a vector of int indices
// into the domain, and the domain's name is kept in header byte u (an id into
// the table below), so an enumeration follows later changes to its domain.
//
// The engine's kernels never see an enumeration: the primitives wrapped here
// work on its symbols, and the structural ones (take, drop, index, join of one
// domain, first, last, reverse, distinct, asc, desc) give an enumeration back.

import { K } from '../k.js';
import { XD, XT } from '../types.js';
import { alloc, mem } from '../runtime.js';
import { PRIMS, prim, lookup } from '../ops/registry.js';
import { getVar, setVar, globals } from '../lang/eval.js';
import { tableHooks } from '../lang/values.js';
import { displaySettings } from '../display.js';
import { qerr, qf, using, V, isKeyed, unkey, pick, mkTable, allAtoms } from './util.js';
import { toLongs, findHooks } from './find.js';
import { indexedFind } from '../ops/hashindex.js';

const ENUM = 20;
/** Domain names by id (header byte u); id 0 is unused. */
const domains: string[] = [''];

export const isEnum = (x: { type: number }): boolean => Math.abs(x.type) >= 20 && Math.abs(x.type) <= 76;

function domainId(name: string): number {
  let id = domains.indexOf(name);
  if (id < 0) {
    if (domains.length > 255) throw qerr('limit');
    id = domains.push(name) - 1;
  }
  return id;
}
/** Does an enumeration use type t? Every domain here is of type 20; one counts while its
 *  domain variable exists (a session reset frees the type again). */
export const enumTypeUsed = (t: number): boolean => t === ENUM && domains.some((d) => d !== '' && globals.has(d));
export const domainOf = (x: { ptr: number }): string => domains[mem().u8[x.ptr + 3]] ?? '';

/** The indices of an enumeration as an int atom or vector (a copy). */
export function indicesOf(e: K): K {
  const n = e.type < 0 ? 1 : e.count;
  const p = alloc(e.type < 0 ? -6 : 6, n);
  const m = mem();
  m.i32.copyWithin((p + 16) >>> 2, (e.ptr + 16) >>> 2, ((e.ptr + 16) >>> 2) + n);
  return new K(p);
}

/** An enumeration over domain `name` from int or long indices (atom or vector). */
export function enumFrom(name: string, idx: K): K {
  const id = domainId(name);
  const ints = idx.type === 6 || idx.type === -6 ? idx.ref() : (() => { const it = V.symAtom('int'); return using([it], () => qf('$', it, idx)); })();
  return using([ints], () => {
    const atom = ints.type < 0;
    const n = atom ? 1 : ints.count;
    const p = alloc(atom ? -ENUM : ENUM, n);
    const m = mem();
    m.i32.copyWithin((p + 16) >>> 2, (ints.ptr + 16) >>> 2, ((ints.ptr + 16) >>> 2) + n);
    m.u8[p + 3] = id;
    return new K(p);
  });
}

/** A new enumeration vector of n items over domain `name` (its int indices
 *  for the caller to fill): how the files layer reads an enumerated column
 *  straight into engine memory. */
export function enumBlock(name: string, n: number): number {
  const id = domainId(name);
  const p = alloc(ENUM, n);
  mem().u8[p + 3] = id;
  return p;
}

/** The list an enumeration indexes: a symbol list, or a keyed table's key column (foreign keys). */
function domainList(name: string): K {
  const d = getVar(name);
  return using([d], () => {
    if (isKeyed(d)) {
      const k = d.keys;
      // one key column: its items; several: the key table, whose rows are the keys
      return using([k], () => (k.columns.length === 1 ? k.col(k.columns[0]) : k.ref()));
    }
    if (d.type !== 11 && !(d.type === 0 && d.count === 0)) throw qerr('type');
    return d.ref();
  });
}

/** value e: the domain's items at e's indices (symbols, or keys of a keyed table). */
export function valueOfEnum(e: K): K {
  const d = domainList(domainOf(e)), ix = indicesOf(e);
  return using([d, ix], () => V.index1(d, ix));
}

/** `d$y: y (symbols) as indices into the global list d; 'cast when one is missing. */
export function enumerate(name: string, y: K): K {
  const d = domainList(name);
  return using([d], () => {
    const yy = isEnum(y) ? valueOfEnum(y) : d.type === XT ? keysAsTable(d, y) : y.ref();
    return using([yy], () => {
      const ix = toLongs(qf('?', d, yy));
      return using([ix], () => {
        const n = d.count, v = ix.data as BigInt64Array;
        for (let i = 0; i < v.length; i++) if (v[i] >= BigInt(n)) throw qerr('cast');
        // one compound key (a record) is an atom
        if (d.type === XT && (y.type === XD || (y.type === 0 && allAtoms(y)))) {
          const one = V.longAtom(v[0]);
          return using([one], () => enumFrom(name, one));
        }
        return enumFrom(name, ix);
      });
    });
  });
}

/** Compound keys y for key table d as a table of d's columns: a table, one
 *  record (a dictionary, or a list of atoms), or a list of key columns. */
function keysAsTable(d: K, y: K): K {
  const names = d.columns;
  if (y.type === XT) return pick(y, names);
  if (y.type === XD) { const t = qf('enlist', y); return using([t], () => pick(t, names)); }
  if (y.type !== 0 || y.count !== names.length) throw qerr('length');
  const items = V.itemsOf(y);
  return using(items, () => {
    const cols = items.every((v) => v.type < 0) ? items.map((v) => qf('enlist', v)) : items.map((v) => v.ref());
    return mkTable(names, cols);
  });
}

/** `:f?y (a file domain): the symbol list in file f, extended by y's new items,
 *  written back and loaded as the global of the file's name; y enumerated against it. */
function extendFile(path: string, y: K): K {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const h = V.symAtom(':' + path);
  return using([h], () => {
    let d: K;
    try { d = qf('get', h); } catch { d = V.symVec([]); }
    const before = using([d], () => { setVar(name, d); return d.count; });
    const r = extend(name, y);
    try {
      const nd = getVar(name);
      using([nd], () => { if (nd.count !== before || before === 0) { const w = qf('set', h, nd); w.dispose(); } });
    } catch (e) { r.dispose(); throw e; }
    return r;
  });
}

/** `d?y: d extended (in place) by the items of y it lacks, then y enumerated against it. */
export function extend(name: string, y: K): K {
  if (name.startsWith(':')) return extendFile(name.slice(1), y);
  let d: K;
  try { d = getVar(name); } catch { d = V.symVec([]); }
  const yy = isEnum(y) ? valueOfEnum(y) : y.ref();
  using([d, yy], () => {
    if (!(d.type === 11 || (d.type === 0 && d.count === 0))) throw qerr('type');
    if (yy.type !== 11 && yy.type !== -11) throw qerr('type');
    const have = new Set(V.symsOf(d));
    const add = [...new Set(V.symsOf(yy))].filter((s) => !have.has(s));
    if (add.length || d.type !== 11) {
      const more = V.symVec(add);
      const nd = using([more], () => (d.type === 11 ? qf(',', d, more) : more.ref()));
      using([nd], () => setVar(name, nd));
    }
  });
  return enumerate(name, y);
}

// ---------------------------------------------------------------- primitives over enumerations

/** Symbols for enumerations among args (others as they are): new references. */
function plain(args: K[]): K[] { return args.map((a) => (isEnum(a) ? valueOfEnum(a) : a.ref())); }

/** The operations whose result is items of their argument: an enumeration stays one. */
const KEEPS = new Set(['#', '_', ',', 'first', 'last', 'reverse', 'distinct', 'asc', 'desc', 'except', 'inter', 'union', 'sublist', 'cut', 'raze', 'enlist', 'rotate', 'xprev', 'prev', 'next', 'fills']);

/** The operations that see an enumeration as it is (its type, count, attribute). */
const AS_IS = new Set(['type', 'count', 'attr', '~', '#:', '@:']);

/** y (symbols, or an enumeration over e's domain) as e's indices, an enumeration
 *  of e's type (a symbol not in the domain: count domain, which no item of e
 *  holds); undefined when the domain is not a list of distinct symbols (then
 *  equal symbols could have different indices). */
export function asIndicesOf(e: K, y: K): K | undefined {
  if (isEnum(y)) return domainOf(y) === domainOf(e) && uniqueDomain(e) ? y.ref() : undefined;
  if (y.type !== 11 && y.type !== -11) return undefined;
  if (!uniqueDomain(e)) return undefined;
  const d = domainList(domainOf(e));
  const ix = using([d], () => qf('?', d, y));
  return using([ix], () => enumFrom(domainOf(e), ix));
}

function uniqueDomain(e: K): boolean {
  const d = domainList(domainOf(e));
  return using([d], () => {
    if (d.type !== 11) return false;
    if (d.attr === 'u') return true;
    const u = qf('distinct', d);
    return using([u], () => u.count === d.count);
  });
}

/** x?y and y in x for an enumeration x with `u# or `g#: y's indices looked up in
 *  x's own hash index (assembly/kernels/hashindex.ts), never x's symbols. */
function indexedEnumFind(op: string, f: (...a: K[]) => K, args: K[]): K | undefined {
  if (args.length !== 2) return undefined;
  const [x, y] = op === '?' ? args : [args[1], args[0]];
  if (!isEnum(x) || x.type < 0 || (x.attr !== 'u' && x.attr !== 'g')) return undefined;
  const yi = asIndicesOf(x, y);
  if (!yi) return undefined;
  return using([yi], () => {
    const atom = yi.type < 0, m = atom ? 1 : yi.count;
    const out = new K(alloc(op === '?' ? (atom ? -7 : 7) : (atom ? -1 : 1), m));
    try {
      if (indexedFind(x.ptr, yi.ptr + 16, m, out.ptr + 16, op === '?' ? 0 : 1)) return out;
    } catch (e) { out.dispose(); throw e; }
    out.dispose();
    return op === '?' ? f(x, yi) : f(yi, x);
  });
}

function wrap(op: string, f: (...a: K[]) => K): (...a: K[]) => K {
  return (...args: K[]) => {
    if (!args.some(isEnum) || AS_IS.has(op)) return f(...args);
    if (op === '?' || op === 'in') { const r = indexedEnumFind(op, f, args); if (r) return r; }
    // `u#e `p#e `g#e `#e: the attribute on the enumeration itself (its indices hold the same equalities)
    if (op === '#' && args.length === 2 && args[0].type === -11 && isEnum(args[1]) && args[1].type > 0 && ['', 'u', 'p', 'g'].includes(V.textOf(args[0]))) {
      const r = f(...args);
      mem().u8[r.ptr + 3] = mem().u8[args[1].ptr + 3]; // the copy names the same domain
      return r;
    }
    // `key e` is the domain's name, `"i"$e` and `int$e its indices
    if (op === 'key' && args.length === 1) return V.symAtom(domainOf(args[0]));
    // an enumeration is never null, even of the null symbol (ref/null.md)
    if (op === 'null' && args.length === 1) {
      if (args[0].type < 0) return V.boolAtom(false);
      const n = args[0].count, p = alloc(1, n);
      mem().u8.fill(0, p + 16, p + 16 + n);
      return new K(p);
    }
    if (op === '$' && args.length === 2 && isEnum(args[1]) && isIntCast(args[0])) return indicesOf(args[1]);
    const names = new Set(args.filter(isEnum).map(domainOf));
    if (op === ',' && args.length === 2) {
      // two atoms not of one domain (an enumeration and a symbol, or two domains) make a general
      // list; a list of symbols takes an enumeration's symbols (ref/join.md)
      const [x, y] = args;
      if (x.type < 0 && y.type < 0 && (names.size > 1 || !isEnum(x) || !isEnum(y))) return V.generalOf([x.ref(), y.ref()]);
      if (!isEnum(x)) { const ps = plain(args); return using(ps, () => f(...ps)); }
    }
    const ps = plain(args);
    const r = using(ps, () => f(...ps));
    if (KEEPS.has(op) && names.size === 1 && (r.type === 11 || r.type === -11)) {
      const [name] = names;
      return using([r], () => enumerate(name, r));
    }
    return r;
  };
}

function isIntCast(x: K): boolean {
  if (x.type === -10) return V.textOf(x) === 'i';
  if (x.type === -11) return V.textOf(x) === 'int';
  return false;
}

/** Wrap every registered primitive (call once, after every family has registered). */
export function registerEnums(): void {
  findHooks.asIndicesOf = asIndicesOf;
  for (const [op, p] of PRIMS) {
    PRIMS.set(op, {
      monad: p.monad && wrap(op, p.monad as (...a: K[]) => K),
      dyad: p.dyad && wrap(op, p.dyad as (...a: K[]) => K),
      triad: p.triad && wrap(op, p.triad as (...a: K[]) => K),
      tetrad: p.tetrad && wrap(op, p.tetrad as (...a: K[]) => K),
      nary: p.nary && wrap(op, p.nary as (...a: K[]) => K),
    } as typeof p);
  }
  // `d$y enumerates unless d names a type (`int$…); `d?y extends
  const cast = lookup('$')!.dyad!;
  prim('$', { dyad: (x, y) => {
    if (x.type === -11 && enumerates(V.textOf(x), y)) return enumerate(V.textOf(x), y);
    // `c$fk: q-sql's fk.c (a column through a foreign key) comes here as a cast
    if (x.type === -11 && isEnum(y) && throughKey(y, V.textOf(x))) return foreignColumn(y, V.textOf(x));
    return cast(x, y);
  } });
  const find = lookup('?')!.dyad!;
  prim('?', { dyad: (x, y) => (x.type === -11 && (y.type === 11 || y.type === -11 || isEnum(y)) ? extend(V.textOf(x), y) : find(x, y)) });
  prim('fkeys', { monad: fkeys });
  // `d!ints: the enumeration with those indices (ref/enumeration.md)
  const bang = lookup('!')!.dyad!;
  prim('!', { dyad: (x, y) => {
    if (x.type === -11 && (y.type === 5 || y.type === 6 || y.type === 7 || y.type === -5 || y.type === -6 || y.type === -7)) {
      const name = V.textOf(x), d = domainList(name);
      using([d], () => { const ix = (y.type < 0 ? [V.intValue(y)] : Array.from(y.data as ArrayLike<number | bigint>, Number)) as number[]; if (ix.some((i) => i === null || i < 0 || i >= d.count)) throw qerr('index'); });
      return enumFrom(name, y);
    }
    return bang(x, y);
  } });
  const value = lookup('value')?.monad;
  prim('value', { monad: (x) => (isEnum(x) ? valueOfEnum(x) : value ? value(x) : x.type === XD ? x.values : x.ref()) });
  tableHooks.enumIndex = (e, i) => {
    // e`c through a foreign key: column c of the keyed table at e's rows (t.fk.c)
    if (i.type === -11) return foreignColumn(e, V.textOf(i));
    const ix = indicesOf(e);
    const r = using([ix], () => V.index1(ix, i));
    return using([r], () => enumFrom(domainOf(e), r));
  };
  displaySettings.enumText = (k) => {
    const v = valueOfEnum(k as K);
    return using([v], () => {
      if (v.type === 11 || v.type === -11) {
        const syms = V.symsOf(v);
        return { name: domainOf(k as K), body: k.type < 0 ? '`' + syms[0] : syms.length === 0 ? '()' : (syms.length === 1 ? ',' : '') + syms.map((x) => '`' + x).join(''), cells: syms };
      }
      // a compound foreign key: its key rows; in a table cell, the row number
      if (v.type === XT || v.type === XD) {
        const ix = indicesOf(k as K);
        return using([ix], () => ({ name: domainOf(k as K), body: v.toString(), cells: Array.from(ix.data as Int32Array, String) }));
      }
      // a foreign key: the keys as q writes them
      const items = v.type < 0 ? [v.ref()] : V.itemsOf(v);
      return using(items, () => ({ name: domainOf(k as K), body: v.count === 0 ? '()' : v.toString(), cells: items.map((x) => x.toString().replace(/[a-z]$/, '')) }));
    });
  };
  // e~f: the same domain and the same indices (an enumeration never matches its symbols)
  const match = lookup('~')!.dyad!;
  prim('~', { dyad: (x, y) => {
    if (isEnum(x) && isEnum(y)) {
      if (x.type !== y.type || domainOf(x) !== domainOf(y)) return V.boolAtom(false);
      const a = indicesOf(x), b = indicesOf(y);
      return using([a, b], () => match(a, b));
    }
    return match(x, y);
  } });
}

/** fkeys t: the enumerated columns whose domain is a keyed table, and that table's name. */
export function fkeys(x: K): K {
  const t = unkey(x);
  return using([t], () => {
    const names: string[] = [], doms: string[] = [];
    for (const c of t.columns) {
      const col = t.col(c);
      using([col], () => {
        if (!isEnum(col)) return;
        const d = domainOf(col);
        let keyed = false;
        try { const dv = getVar(d); keyed = using([dv], () => isKeyed(dv)); } catch { /* domain gone */ }
        if (keyed) { names.push(c); doms.push(d); }
      });
    }
    return V.dictOf(V.symVec(names), V.symVec(doms));
  });
}

/** Is `x$y an enumeration (not a cast): symbols against a name that is no type or field name, or keys of a keyed table. */
function enumerates(x: string, y: K): boolean {
  if (isTypeName(x) || isEnum(y)) return false;
  if (y.type === 11 || y.type === -11) return true;
  try { const d = getVar(x); return using([d], () => isKeyed(d)); } catch { return false; }
}

/** Does e point into a keyed table with a column c (not a type name)? */
function throughKey(e: K, c: string): boolean {
  if (isTypeName(c)) return false;
  try {
    const d = getVar(domainOf(e));
    return using([d], () => { if (!isKeyed(d)) return false; const t = unkey(d); return using([t], () => t.columns.includes(c)); });
  } catch { return false; }
}

/** Column c (a value or key column) of the keyed table an enumeration points into, at its rows. */
function foreignColumn(e: K, c: string): K {
  const d = getVar(domainOf(e));
  return using([d], () => {
    if (!isKeyed(d)) throw qerr('type');
    const v = unkey(d), ix = indicesOf(e);
    return using([v, ix], () => {
      if (!v.columns.includes(c)) throw qerr(c);
      const col = v.col(c);
      return using([col], () => V.index1(col, ix));
    });
  });
}

const TYPE_NAMES = new Set(['boolean', 'guid', 'byte', 'short', 'int', 'long', 'real', 'float', 'char', 'symbol', 'timestamp', 'month', 'date', 'datetime', 'timespan', 'minute', 'second', 'time', '']);
function isTypeName(s: string): boolean { return TYPE_NAMES.has(s); }


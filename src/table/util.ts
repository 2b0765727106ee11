// Shared helpers of the table layer: shapes (table, keyed table), building
// tables from owned columns, calling q primitives by name, and globals by name.
//
// Ownership as everywhere: helpers BORROW K arguments unless they say "owned",
// and return NEW K values.

import { K } from '../k.js';
import { XD, XT } from '../types.js';
import { callPrim, getVar, setVar, evaluate, apply } from '../lang/eval.js';
import * as V from '../lang/values.js';
import { qerr } from '../lang/error.js';
import { atP } from '../ops/structural/index.js';

export { qerr, V, callPrim, apply };

/** A keyed table: a dictionary from a table of keys to a table of values. */
export function isKeyed(x: K): boolean {
  if (x.type !== XD) return false;
  const k = x.keys, v = x.values;
  try { return k.type === XT && v.type === XT; } finally { k.dispose(); v.dispose(); }
}

/** q(f; args…): a primitive or keyword applied by name. */
export const qf = (op: string, ...args: K[]): K => callPrim(op, args);

/** Run f with temporaries that are released afterwards whatever happens. */
export function using<T>(ks: K[], f: () => T): T {
  try { return f(); } finally { ks.forEach((k) => k.dispose()); }
}

/** A table from column names and OWNED columns (atoms are not extended here). */
export function mkTable(names: string[], cols: K[]): K {
  const d = V.dictOf(V.symVec(names), V.generalOf(cols));
  return using([d], () => qf('flip', d));
}


/** Columns of a table as new K values, in order. */
export function colsOf(t: K): K[] {
  const v = t.values;
  return using([v], () => V.itemsOf(v));
}

/** Column `name` of table t (new K); signals the name when absent. */
export function column(t: K, name: string): K {
  if (!t.columns.includes(name)) throw qerr(name);
  return t.col(name);
}

/** Columns `names` of t as a table (new K). */
export function pick(t: K, names: string[]): K {
  return mkTable(names, names.map((n) => column(t, n)));
}

/** The unkeyed form of a table or keyed table (0!x), a new K. */
export function unkey(x: K): K {
  if (x.type === XT) return x.ref();
  if (!isKeyed(x)) throw qerr('type');
  const k = x.keys, v = x.values;
  return using([k, v], () => {
    const names = [...k.columns, ...v.columns];
    return mkTable(names, [...colsOf(k), ...colsOf(v)]);
  });
}

/** t keyed on its first n columns (n!t for a simple table), a new K. */
export function keyOn(t: K, n: number): K {
  const names = t.columns;
  if (n > names.length) throw qerr('length');
  const cs = colsOf(t);
  return V.dictOf(mkTable(names.slice(0, n), cs.slice(0, n)), mkTable(names.slice(n), cs.slice(n)));
}

/** Number of key columns of a keyed table (0 for a simple table). */
export function keyCount(x: K): number {
  if (x.type === XT) return 0;
  const k = x.keys;
  return using([k], () => k.columns.length);
}

/** f applied to the unkeyed form of x, keyed again on as many columns as x had (.Q.ft). */
export function keepKeys(x: K, f: (t: K) => K): K {
  const n = keyCount(x);
  if (n === 0) return f(x);
  const t = unkey(x);
  const r = using([t], () => f(t));
  return using([r], () => keyOn(r, n));
}

/** A list of symbols from a symbol atom or vector (c in aj[c;…], x in xkey). */
export function symList(x: K): string[] {
  if (x.type === -11 || x.type === 11) return V.symsOf(x);
  if (x.type === 0 && x.count === 0) return [];
  throw qerr('type');
}

/** The table held in a global named by a symbol atom, or the value itself. */
export function deref(x: K): K {
  if (x.type === -11) return getVar(V.textOf(x));
  return x.ref();
}

/** Store v (borrowed) in the global named by symbol atom name. */
export function assignGlobal(name: K, v: K): void { setVar(V.textOf(name), v); }

/** A function defined in q text (a lambda made per call: no engine block outlives the call). */
export function qdef(text: string): (...args: K[]) => K {
  return (...args: K[]) => {
    const f = evaluate(text);
    return using([f], () => apply(f, args));
  };
}

/** f over xs collecting new K values; on failure the ones made so far are released. */
export function mapK<T>(xs: readonly T[], f: (x: T, i: number) => K): K[] {
  const out: K[] = [];
  try {
    xs.forEach((x, i) => out.push(f(x, i)));
    return out;
  } catch (e) { out.forEach((k) => k.dispose()); throw e; }
}

/** A dictionary's symbol keys and its values as new K items. */
export function dictParts(d: K): { names: string[]; vals: K[] } {
  const k = d.keys, v = d.values;
  return using([k, v], () => ({ names: symList(k), vals: V.itemsOf(v) }));
}

/** Item i of a long vector as a number. */
export function longAt(v: K, i: number): number { return Number((v.data as BigInt64Array)[i]); }

/** x at index vector/atom i with the engine's gather kernel (nulls out of range); tables column by column. */
export function at(x: K, i: K): K {
  const t = x.type;
  if (t >= 0 && t < 20 && i.type >= 1 && i.type < 20) return new K(atP(x.ptr, i.ptr));
  if (t === XT && i.type >= 1 && i.type < 20) {
    const names = x.columns, cs = colsOf(x);
    return using(cs, () => mkTable(names, mapK(cs, (c) => at(c, i))));
  }
  return V.index1(x, i);
}

/** Does every item of general list y have type t (all atoms when t is undefined)? */
export function itemsTyped(y: K, t?: number): boolean {
  const items = V.itemsOf(y);
  try { return items.every((k) => (t === undefined ? k.type < 0 : k.type === t)); } finally { for (const k of items) k.dispose(); }
}
export const allAtoms = (y: K): boolean => itemsTyped(y);

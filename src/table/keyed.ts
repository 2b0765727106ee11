// Keyed tables: lookup by key (kt[`a], kt[(`a;1)], kt([] k:…)), take by a
// table of keys, xkey, and the key bookkeeping the other table verbs share.

import type { K } from '../k.js';
import { XD, XT } from '../types.js';
import { lookup } from '../ops/registry.js';
import { alloc, mem, E, hdrType, child } from '../runtime.js';
import { indexedFind, compositeFind } from '../ops/hashindex.js';
import { QTYPES } from '../types.js';
import { rowFind } from './find.js';
import { stepRows, stepRow } from './step.js';
import { longAt, mapK, qerr, qf, using, V, colsOf, mkTable, keyOn, unkey, deref, assignGlobal, symList, pick, at } from './util.js';

/** Row numbers in key table `keys` of the keys in `look` (a table with those columns), count keys where absent.
 *  step: when keys has `s#, an absent key takes the row of the highest key below it (step.ts). */
export function keyRows(keys: K, look: K, step = false): K {
  const names = keys.columns;
  const have = look.columns;
  for (const n of names) if (!have.includes(n)) throw qerr(n);
  const lk = colsOf(keys);
  const ll = names.map((n) => look.col(n));
  return using([...lk, ...ll], () => {
    const r = rowFind(lk, ll, true);
    if (!step || keys.attr !== 's') return r;
    return using([r], () => stepRows(lk, ll, r));
  });
}

/** The lookup argument of kt[i] as a table of keys, and whether it denotes one record. */
function asKeyTable(keys: K, i: K): { look: K; one: boolean } {
  const names = keys.columns;
  if (i.type === XT) return { look: i.ref(), one: false };
  if (i.type === XD) {
    // a dictionary of key columns: one record, or columns of records
    const t = qf('flip', i);
    return { look: t, one: false };
  }
  if (names.length === 1) {
    const kc = keys.col(names[0]);
    return using([kc], () => {
      // an atom (or one item of a general key column) is one key
      const oneKey = i.type < 0 || (kc.type === 0 && !(i.type === 0 && i.count > 0 && (() => { const h = i.item(0); return using([h], () => h.type >= 0); })()));
      if (oneKey) {
        const e = qf('enlist', i);
        return { look: mkTable(names, [e]), one: true };
      }
      return { look: mkTable(names, [i.ref()]), one: false };
    });
  }
  // several key columns: a list of atoms is one key, a list of columns many, a list of records (of another count) many
  if (i.type === 0 && i.count !== names.length && i.count > 0 && V.itemsOf(i).every((r) => using([r], () => r.type >= 0 && r.count === names.length))) {
    const f = qf('flip', i);
    return using([f], () => asKeyTable(keys, f));
  }
  if (i.type < 0 || i.count !== names.length) throw qerr('length');
  const items = V.itemsOf(i);
  const one = items.every((k) => k.type < 0);
  const cols = one ? items.map((k) => using([k], () => qf('enlist', k))) : items;
  return { look: mkTable(names, cols), one };
}

/** The row of atom key i in a one-column key table whose column has `u#/`g#
 *  (its hash index answers in O(1)); undefined when that does not apply. */
function indexedRow(keys: K, i: K): number | undefined {
  if (i.type >= 0) return undefined;
  const names = keys.columns;
  if (names.length !== 1) return undefined;
  const kc = keys.col(names[0]);
  return using([kc], () => {
    if ((kc.attr !== 'u' && kc.attr !== 'g') || kc.type !== -i.type) return undefined;
    const out = alloc(-7, 1);
    try {
      if (!indexedFind(kc.ptr, i.ptr + 16, 1, out + 16, 0)) return undefined;
      return Number(mem().i64[(out + 16) >>> 3]);
    } finally { E.r0(out); }
  });
}

/** The row of one record key i (a general list of atoms, one per key column, each
 *  of its column's simple type) in a key table of two or more columns, straight
 *  through the composite index: no table of keys is built for one record.
 *  Stepped (`s#) keys take the highest row below an absent key. undefined when
 *  that does not apply. */
function compositeRow(keys: K, i: K): number | undefined {
  if (i.type !== 0) return undefined;
  const kcs = colsOf(keys);
  return using(kcs, () => {
    const k = kcs.length;
    if (k < 2 || i.count !== k) return undefined;
    const ip = i.ptr, types: number[] = [];
    for (let c = 0; c < k; c++) {
      const t = kcs[c].type;
      if (!(t > 0 && t < 20) || hdrType(child(ip, c)) !== -t) return undefined;
      types.push(t);
    }
    const look: number[] = [];
    const out = alloc(-7, 1);
    try {
      for (let c = 0; c < k; c++) {
        const v = alloc(types[c], 1), w = QTYPES[types[c]]!.width, a = child(ip, c) + 16;
        look.push(v);
        mem().u8.copyWithin(v + 16, a, a + w);
      }
      if (!compositeFind(kcs.map((x) => x.ptr), look, 1, out + 16)) return undefined;
      const r = Number(mem().i64[(out + 16) >>> 3]);
      if (r < keys.count || keys.attr !== 's') return r;
      return stepRow(kcs, (c) => child(ip, c) + 16);
    } finally { E.r0(out); look.forEach((v) => E.r0(v)); }
  });
}

/** kt[i]: the value record(s) at key(s) i (nulls where absent). */
export function keyedIndex(kt: K, i: K): K {
  const keys = kt.keys, vals = kt.values;
  return using([keys, vals], () => {
    const row = indexedRow(keys, i) ?? compositeRow(keys, i);
    if (row !== undefined) return V.tableRow(vals, row < keys.count ? row : null);
    const { look, one } = asKeyTable(keys, i);
    return using([look], () => {
      const rows = keyRows(keys, look, true);
      return using([rows], () => {
        if (one) {
          const n = longAt(rows, 0);
          return V.tableRow(vals, n < keys.count ? n : null);
        }
        return at(vals, rows);
      });
    });
  });
}

/** t#kt: the records of kt at the keys in table t, keys included. */
export function takeKeyed(t: K, kt: K): K {
  const keys = kt.keys, vals = kt.values;
  return using([keys, vals], () => {
    const rows = keyRows(keys, t);
    return using([rows], () => {
      const kk = pick(t, keys.columns);
      return V.dictOf(kk, at(vals, rows));
    });
  });
}

/** x xkey y: y keyed on columns x (moved to the front); y may be a name. */
export function xkey(x: K, y: K): K {
  const names = symList(x);
  if (y.type === -11) {
    const t = deref(y);
    const r = using([t], () => xkey(x, t));
    using([r], () => assignGlobal(y, r));
    return y.ref();
  }
  const t = unkey(y);
  return using([t], () => {
    const all = t.columns;
    for (const n of names) if (!all.includes(n)) throw qerr(n);
    const order = [...names, ...all.filter((c) => !names.includes(c))];
    const r = pick(t, order);
    return using([r], () => (names.length ? keyOn(r, names.length) : r.ref()));
  });
}


/** kt[k]:v (and kt[k]+:v …): the record at key k replaced by g(old record), added when k is new. */
export function keyedAmend(kt: K, i: K, g: (old: K) => K): K {
  const old = keyedIndex(kt, i);
  const nv = using([old], () => g(old));
  return using([nv], () => {
    const keys = kt.keys, vals = kt.values;
    return using([keys, vals], () => {
      const kn = keys.columns, vn = vals.columns;
      const { look, one } = asKeyTable(keys, i);
      return using([look], () => {
        if (!one) throw qerr('nyi');
        // the new values: a record (dictionary), a list of values in column order, or one atom for one column
        let items: K[];
        if (nv.type === XD) items = mapK(vn, (c) => { const s = V.symAtom(c); return using([s], () => V.index1(nv, s)); });
        else if (vn.length === 1 && nv.type < 0) items = [nv.ref()];
        else { if (nv.type < 0 || nv.count !== vn.length) throw qerr('length'); items = V.itemsOf(nv); }
        const cols = mapK(kn, (c) => look.col(c));
        const rec = mkTable([...kn, ...vn], [...cols, ...mapK(items, (v) => using([v], () => qf('enlist', v)))]);
        return using([rec], () => {
          const up = lookup('upsert')!.dyad!;
          return up(kt, rec);
        });
      });
    });
  });
}

// Table verbs: meta cols xcol xcols xasc xdesc ungroup xgroup insert upsert.
// Each takes tables and keyed tables (keys kept, as .Q.ft does) and, where q
// allows it, a table's name, amending the global.

import type { K } from '../k.js';
import { XD, XT } from '../types.js';
import { primValue } from '../lang/eval.js';
import {
  qerr, qf, using, V, mapK, dictParts, colsOf, mkTable, keyOn, unkey, isKeyed, deref, assignGlobal, symList, pick, keepKeys, keyCount, at,
} from './util.js';
import { keyRows } from './keyed.js';
import { toRows } from './rows.js';
import { appendInPlace } from './inplace.js';
import { isEnum, domainOf, valueOfEnum } from './enum.js';

/** q type letters by type code (.Q.t). */
export const TYPE_CHARS = ' bg xhijefcspmdznuvt';

/** The letter meta shows for a column: lower case for a vector, upper for a list of vectors. */
function typeLetter(c: K): string {
  const t = c.type;
  // an enumeration shows the type of its domain's items (s, or a foreign key's key type)
  if (isEnum(c)) { const v = valueOfEnum(c); return using([v], () => typeLetter(v)); }
  if (t > 0 && t < 20) return TYPE_CHARS[t];
  if (t === 0 && c.count > 0) {
    const f = c.item(0);
    return using([f], () => {
      const ft = f.type;
      if (ft > 0 && ft < 20) return TYPE_CHARS[ft].toUpperCase();
      if (ft < 0 && ft > -20) return TYPE_CHARS[-ft];
      return ' ';
    });
  }
  return ' ';
}

/** meta x: c | t f a for each column of a table, keyed table or table name. */
export function meta(x: K): K {
  const v = deref(x);
  return using([v], () => {
    if (v.type !== XT && !isKeyed(v)) throw qerr('type');
    const t = unkey(v);
    return using([t], () => {
      const names = t.columns, cs = colsOf(t);
      return using(cs, () => {
        const letters = cs.map(typeLetter).join('');
        const attrs = cs.map((c) => c.attr);
        // the foreign key: the domain of an enumerated column (but not the usual `sym)
        const fks = cs.map((c) => { if (!isEnum(c)) return ''; const d = domainOf(c); return d === 'sym' ? '' : d; });
        const m = mkTable(['c', 't', 'f', 'a'], [V.symVec(names), V.charVec(letters), V.symVec(fks), V.symVec(attrs)]);
        return using([m], () => keyOn(m, 1));
      });
    });
  });
}

/** cols: the column names of a table or keyed table (keys first). */
export function cols(x: K): K {
  const v = deref(x);
  return using([v], () => {
    if (v.type === XT) return V.symVec(v.columns);
    if (isKeyed(v)) { const t = unkey(v); return using([t], () => V.symVec(t.columns)); }
    if (v.type === XD) return v.keys;
    throw qerr('type');
  });
}

/** keys: the key columns of a keyed table (none for a simple table); by name too. */
export function keys(x: K): K {
  const v = deref(x);
  return using([v], () => {
    if (isKeyed(v)) { const k = v.keys; return using([k], () => V.symVec(k.columns)); }
    if (v.type === XT) return V.symVec([]);
    throw qerr('type');
  });
}

/** n!`t: key (or unkey) the global table t in place; answers the name. */
export function keyByName(n: K, name: K): K {
  const v = deref(name);
  const r = using([v], () => {
    const cnt = V.intValue(n);
    if (cnt === null || cnt < 0) throw qerr('domain');
    const t = unkey(v);
    return using([t], () => (cnt === 0 ? t.ref() : keyOn(t, cnt)));
  });
  using([r], () => assignGlobal(name, r));
  return name.ref();
}

/** x xcol y: rename the leading columns (x a symbol list) or the columns named by dictionary x's keys. */
export function xcol(x: K, y: K): K {
  return keepKeys(y, (t) => {
    const names = t.columns;
    let next: string[];
    if (x.type === XD) {
      const kx = x.keys, vx = x.values;
      const from = using([kx], () => symList(kx)), to = using([vx], () => symList(vx));
      // renaming a column the table lacks is a 'length (ref/cols.md)
      for (const f of from) if (!names.includes(f)) throw qerr('length');
      next = names.map((n) => { const i = from.indexOf(n); return i < 0 ? n : to[i]; });
    } else {
      const to = symList(x);
      if (to.length > names.length) throw qerr('length');
      next = names.map((n, i) => (i < to.length ? to[i] : n));
    }
    return mkTable(next, colsOf(t));
  });
}

/** x xcols y: columns x moved to the front of simple table y. */
export function xcols(x: K, y: K): K {
  if (y.type !== XT) throw qerr('type');
  const front = symList(x), names = y.columns;
  for (const f of front) if (!names.includes(f)) throw qerr(f);
  return pick(y, [...front, ...names.filter((n) => !front.includes(n))]);
}

/** Stable sort of table t by columns `by` (ascending or descending), column by column from the last. */
function sortBy(by: string[], t: K, desc: boolean): K {
  const n = t.count;
  let idx = V.longVec(Array.from({ length: n }, (_, i) => i));
  try {
    for (let j = by.length - 1; j >= 0; j--) {
      const c = t.columns.includes(by[j]) ? t.col(by[j]) : (() => { throw qerr(by[j]); })();
      const g = using([c], () => { const ci = at(c, idx); return using([ci], () => qf(desc ? 'idesc' : 'iasc', ci)); });
      const nx = using([g], () => at(idx, g));
      idx.dispose();
      idx = nx;
    }
    const r = at(t, idx);
    // ascending on a first column sets its sorted attribute
    if (!desc && by.length > 0) return using([r], () => setColAttr(r, by[0], 's'));
    return r;
  } finally { idx.dispose(); }
}

/** t with attribute a on column name (a new table). */
function setColAttr(t: K, name: string, a: string): K {
  const names = t.columns, cs = colsOf(t);
  const i = names.indexOf(name);
  const s = V.symAtom(a);
  try {
    const nc = qf('#', s, cs[i]);
    cs[i].dispose();
    cs[i] = nc;
  } catch { /* not sortable as a whole (a general column): leave it */ } finally { s.dispose(); }
  return mkTable(names, cs);
}

function sorter(desc: boolean) {
  return (x: K, y: K): K => {
    const by = symList(x);
    if (y.type === -11) {
      const v = deref(y);
      const r = using([v], () => keepKeys(v, (t) => sortBy(by, t, desc)));
      using([r], () => assignGlobal(y, r));
      return y.ref();
    }
    if (y.type !== XT && !isKeyed(y)) throw qerr('type');
    return keepKeys(y, (t) => sortBy(by, t, desc));
  };
}
export const xasc = sorter(false);
export const xdesc = sorter(true);

/** Is column c nested (a general list of lists)? */
function nested(c: K): boolean {
  if (c.type !== 0) return false;
  const items = V.itemsOf(c);
  return using(items, () => items.length > 0 && items.every((k) => k.type >= 0 && k.type < 98));
}

/** ungroup: one row per item of the nested columns, the others repeated. */
export function ungroup(x: K): K {
  const t = unkey(x);
  return using([t], () => {
    const names = t.columns, cs = colsOf(t);
    return using(cs, () => {
      const isN = cs.map(nested);
      const first = isN.indexOf(true);
      if (first < 0 || t.count === 0) return t.ref();
      const lens = V.itemsOf(cs[first]);
      const ns = using(lens, () => lens.map((k) => k.count));
      cs.forEach((c, j) => {
        if (!isN[j]) return;
        const items = V.itemsOf(c);
        using(items, () => items.forEach((k, i) => { if (k.count !== ns[i]) throw qerr('length'); }));
      });
      const rep: number[] = [];
      ns.forEach((n, i) => { for (let k = 0; k < n; k++) rep.push(i); });
      const w = V.longVec(rep);
      return using([w], () => mkTable(names, mapK(cs, (c, j) => (isN[j] ? qf('raze', c) : at(c, w)))));
    });
  });
}

/** x xgroup y: y keyed on columns x, the other columns grouped into lists (in order of first occurrence). */
export function xgroup(x: K, y: K): K {
  const by = symList(x);
  const t = unkey(y);
  return using([t], () => {
    const names = t.columns;
    for (const b of by) if (!names.includes(b)) throw qerr(b);
    const keys = pick(t, by);
    return using([keys], () => {
      const g = qf('group', keys);
      return using([g], () => {
        const gk = g.keys, gv = g.values;
        return using([gk, gv], () => {
          const rest = names.filter((n) => !by.includes(n));
          const cs = mapK(rest, (n) => { const c = t.col(n); return using([c], () => V.mapItems(gv, (ix) => at(c, ix))); });
          const gcols = cs.map((c) => { if (c.type !== 0) { const e = V.generalOf(V.itemsOf(c)); c.dispose(); return e; } return c; });
          const kt = gk.type === XT ? gk.ref() : mkTable(by, [gk.ref()]);
          return V.dictOf(kt, mkTable(rest, gcols));
        });
      });
    });
  });
}

// ---------------------------------------------------------------- insert, upsert

/** Column c (of table t, count n) extended by vals, type-checked as insert does; a new column. */
function appendCol(c: K, vals: K): K {
  const ct = c.type;
  if (ct === 0 && c.count === 0) return vals.type === 0 ? vals.ref() : qf(',', c, vals);
  // symbols appended to an enumerated column are enumerated against its domain ('cast when missing)
  if (isEnum(c) && (vals.type === 11 || vals.type === -11)) return qf(',', c, vals);
  if (ct > 0 && ct < 98 && vals.type !== ct) {
    if (!(vals.type === 0 && vals.count === 0)) throw qerr('type');
  }
  return qf(',', c, vals);
}

/** Nulls of column c's type, n of them. */
function nullsLike(c: K, n: number): K {
  const idx = V.longVec(new Array(n).fill(-1));
  return using([idx], () => (c.type === 0 ? V.generalOf(new Array(n).fill(0).map(() => V.charVec(''))) : at(c, idx)));
}

/** Append the rows of table r to simple table t (r may lack columns: nulls). */
function appendRows(t: K, r: K, strict: boolean): K {
  const names = t.columns;
  for (const n of r.columns) if (!names.includes(n)) throw qerr('mismatch');
  if (strict && r.columns.length !== names.length) throw qerr('length');
  const n = r.count;
  return mkTable(names, mapK(names, (name) => {
    const c = t.col(name);
    return using([c], () => {
      const v = r.columns.includes(name) ? r.col(name) : nullsLike(c, n);
      return using([v], () => appendCol(c, v));
    });
  }));
}

/** `t insert y: append records to the global table t; the new row indexes. */
export function insert(x: K, y: K): K {
  if (x.type !== -11) throw qerr('type');
  const fast = appendInPlace(x, y, 'insert');
  if (fast) return fast;
  const name = V.textOf(x);
  let cur: K;
  try { cur = deref(x); } catch {
    if (y.type !== XT && !isKeyed(y)) throw qerr(name);
    assignGlobal(x, y);
    return V.longVec(Array.from({ length: y.count }, (_, i) => i));
  }
  return using([cur], () => {
    if (cur.type !== XT && !isKeyed(cur)) throw qerr('type');
    const nk = keyCount(cur);
    const t = unkey(cur);
    return using([t], () => {
      const rows = toRows(t, y, false);
      return using([rows], () => {
        if (nk) {
          const kt = cur.keys;
          const nrows = kt.count;
          const found = using([kt], () => keyRows(kt, rows));
          const ok = using([found], () => [...(found.data as BigInt64Array)].every((v) => v === BigInt(nrows)));
          if (!ok) throw qerr('insert');
        }
        const r = appendRows(t, rows, true);
        const nt = using([r], () => (nk ? keyOn(r, nk) : r.ref()));
        using([nt], () => assignGlobal(x, nt));
        return V.longVec(Array.from({ length: rows.count }, (_, i) => t.count + i));
      });
    });
  });
}

/** x upsert y: append (simple table) or update-else-insert by key (keyed table); by name amends the global. */
export function upsert(x: K, y: K): K {
  if (x.type === -11) {
    const fast = appendInPlace(x, y, 'upsert');
    if (fast) return fast;
    let cur: K;
    try { cur = deref(x); } catch {
      if (y.type !== XT && !isKeyed(y)) throw qerr(V.textOf(x));
      assignGlobal(x, y);
      return x.ref();
    }
    const r = using([cur], () => upsert(cur, y));
    using([r], () => assignGlobal(x, r));
    return x.ref();
  }
  if (x.type === XT) {
    if (isKeyed(y)) throw qerr('type');
    const rows = toRows(x, y, true);
    return using([rows], () => appendRows(x, rows, false));
  }
  // a step dictionary (kb/temporal-data.md), keyed tables included: 'step
  if (x.type === XD) { const k = x.keys; if (using([k], () => k.attr === 's')) throw qerr('step'); }
  if (!isKeyed(x)) {
    if (x.type === XD && y.type === XD) return qf(',', x, y);
    throw qerr('type');
  }
  const keys = x.keys, vals = x.values;
  return using([keys, vals], () => {
    const t = unkey(x);
    return using([t], () => {
      const rows = toRows(t, y, true);
      return using([rows], () => {
        for (const k of keys.columns) if (!rows.columns.includes(k)) throw qerr('mismatch');
        const found = keyRows(keys, rows);
        return using([found], () => {
          const f = [...(found.data as BigInt64Array)].map(Number);
          const nk = keys.count;
          const hit: number[] = [], pos: number[] = [], miss: number[] = [];
          f.forEach((p, i) => { if (p < nk) { hit.push(i); pos.push(p); } else miss.push(i); });
          // updates of existing keys (later rows of y win), then the new keys appended
          let cur = t.ref();
          try {
          if (hit.length) {
            const hi = V.longVec(hit), ai = V.longVec(pos);
            const assign = primValue(':');
            const next = using([hi, ai, assign], () => mkTable(cur.columns, mapK(cur.columns, (n) => {
              const c = cur.col(n);
              return using([c], () => {
                if (!rows.columns.includes(n) || keys.columns.includes(n)) return c.ref();
                const v = rows.col(n);
                const vv = using([v], () => at(v, hi));
                return using([vv], () => qf('@', c, ai, assign, vv));
              });
            })));
            cur.dispose();
            cur = next;
          }
          if (miss.length) {
            // a key new to x that y holds twice is added once, with y's last record for it
            const yk = pick(rows, keys.columns);
            const first = using([yk], () => keyRows(yk, yk));
            const firstOf = using([first], () => [...(first.data as BigInt64Array)].map(Number));
            const lastRow = new Map<number, number>();
            for (const i of miss) lastRow.set(firstOf[i], i);
            const mi = V.longVec([...lastRow.values()]);
            const add = using([mi], () => at(rows, mi));
            // a key appearing twice among the new rows: the last one wins
            const next = using([add], () => appendRows(cur, add, false));
            cur.dispose();
            cur = next;
          }
          } catch (e) { cur.dispose(); throw e; }
          return using([cur], () => keyOn(cur, keys.columns.length));
        });
      });
    });
  });
}


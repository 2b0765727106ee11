// `t upsert r and `t insert r on a global table that nothing else holds: the
// rows are written into the table's own column blocks (x,:y in place, or a new
// block with room to grow when the size class is full) and existing keys are
// updated where they stand, so a loop of single-row upserts costs O(1)
// amortised per row, not a copy of every column. Key lookups go through the
// key column's hash index when it has `u# or `g#, and that index follows the
// appends (assembly/kernels/hashindex.ts).
//
// Anything unusual (shared blocks, general or enumerated columns, type
// differences, missing columns, attributes an amend would break) answers
// undefined and the caller takes the general path, which also raises q's errors.
// Every check runs before the first write, so a refusal changes nothing.

import type { K } from '../k.js';
import { XD, XT, QTYPES } from '../types.js';
import { mem, hdrType, hdrCount, hdrRef, hdrAttr, setAttr, child, E, symbol as symText } from '../runtime.js';
import { appendRaw } from '../ops/structural.js';
import { deriveIndex } from '../ops/hashindex.js';
import { keptAttrP } from './attr.js';
import { keyRows } from './keyed.js';
import { toRows } from './rows.js';
import { deref, unkey, using, pick, at, V, qerr } from './util.js';

interface Col { name: string; list: number; slot: number; key: boolean }

/** The columns of table block t (XT): where each column pointer lives. */
function colsAt(t: number, key: boolean): Col[] | undefined {
  if (hdrType(t) !== XT) return undefined;
  const d = child(t, 0), names = child(d, 0), list = child(d, 1);
  if (hdrType(list) !== 0) return undefined;
  const n = hdrCount(list), out: Col[] = [];
  const ids = mem().i32;
  for (let i = 0; i < n; i++) {
    const p = child(list, i), ty = hdrType(p);
    if (!(ty > 0 && ty < 20)) return undefined;
    out.push({ name: symText(ids[((names + 16) >>> 2) + i]), list, slot: i, key });
  }
  return out;
}

/** Nobody but the global and our own handle (holders 2), or our handle alone (1), holds the table and its parts. */
function exclusive(g: number, tables: number[], cols: Col[], holders: number): boolean {
  if (hdrRef(g) !== holders) return false;
  for (const t of tables) {
    if (t !== g && hdrRef(t) !== 1) return false;
    const d = child(t, 0);
    if (hdrRef(d) !== 1 || hdrRef(child(d, 1)) !== 1) return false;
  }
  return cols.every((c) => hdrRef(child(c.list, c.slot)) === 1);
}

/** `name upsert y (how 'upsert') or `name insert y ('insert'): the answer, or undefined for the general path. */
export function appendInPlace(name: K, y: K, how: 'upsert' | 'insert'): K | undefined {
  let cur: K;
  try { cur = deref(name); } catch { return undefined; }
  const r = using([cur], () => writeRows(cur, y, how, 2));
  if (r === undefined) return undefined;
  return how === 'insert' ? r : (r.dispose(), name.ref());
}

/** t upsert y by value where t's handle is all that holds it (refcount 1: a
 *  temporary, or the global of t,:y): y written into t's own blocks; t again
 *  (a new reference), or undefined for the general path. */
export function upsertInPlace(t: K, y: K): K | undefined {
  if (hdrRef(t.ptr) !== 1) return undefined;
  const r = writeRows(t, y, 'upsert', 1);
  if (r === undefined) return undefined;
  r.dispose();
  return t.ref();
}

/** The rows of y written into table (or keyed table) cur, held by `holders`
 *  references: the insert's row numbers (upsert: an empty list), or undefined
 *  when anything is unusual (nothing written then). */
function writeRows(cur: K, y: K, how: 'upsert' | 'insert', holders: number): K | undefined {
  {
    const g = cur.ptr, keyed = cur.type === XD;
    if (!keyed && cur.type !== XT) return undefined;
    const tables = keyed ? [child(g, 0), child(g, 1)] : [g];
    if (keyed && (hdrType(tables[0]) !== XT || hdrType(tables[1]) !== XT)) return undefined;
    if (keyed && hdrAttr(tables[0]) === 1) return undefined; // stepped: 'step from the general path
    const kc = keyed ? colsAt(tables[0], true) : [];
    const vc = colsAt(tables[keyed ? 1 : 0], false);
    if (!kc || !vc) return undefined;
    const all = [...kc, ...vc];
    const count = all.length ? hdrCount(child(all[0].list, all[0].slot)) : 0;
    let rows: K;
    try {
      const t = unkey(cur);
      rows = using([t], () => toRows(t, y, how === 'upsert'));
    } catch { return undefined; }
    return using([rows], () => {
      // every column given, of exactly the column's type
      const rc = rows.columns;
      if (rc.length !== all.length) return undefined;
      const src = new Map<string, K>();
      try {
        for (const c of all) {
          if (!rc.includes(c.name)) return undefined;
          const v = rows.col(c.name);
          src.set(c.name, v);
          if (v.type !== hdrType(child(c.list, c.slot))) return undefined;
        }
        // positions of existing keys
        let hit: number[] = [], pos: number[] = [], miss: number[] = [];
        if (keyed) {
          const keys = cur.keys;
          const keyNames = keys.columns;
          const found = using([keys], () => { const rk = pick(rows, keyNames); return using([rk], () => keyRows(keys, rk)); });
          const f = using([found], () => Array.from(found.data as BigInt64Array, Number));
          f.forEach((p, i) => { if (p < count) { hit.push(i); pos.push(p); } else miss.push(i); });
          if (how === 'insert' && hit.length) throw qerr('insert');
          if (how === 'upsert' && miss.length > 1) {
            // a new key given twice: its last record is added, once
            const yk = pick(rows, keyNames);
            const first = using([yk], () => keyRows(yk, yk));
            const firstOf = using([first], () => Array.from(first.data as BigInt64Array, Number));
            const last = new Map<number, number>();
            for (const i of miss) last.set(firstOf[i], i);
            miss = [...last.values()];
          }
        } else miss = rows.count ? [...Array(rows.count).keys()] : [];
        // amended columns must carry no attribute (their items change in place)
        if (hit.length && vc.some((c) => hdrAttr(child(c.list, c.slot)) !== 0)) return undefined;
        if (all.some((c) => hdrAttr(child(c.list, c.slot)) === 3)) return undefined;
        if (!exclusive(g, tables, all, holders)) return undefined;
        // the writes: updates where the keys stand, then the new rows
        if (hit.length) {
          const m = mem().u8;
          for (const c of vc) {
            const dst = child(c.list, c.slot), s = src.get(c.name)!, w = QTYPES[hdrType(dst)]!.width;
            for (let k = 0; k < hit.length; k++) {
              const a = s.ptr + 16 + hit[k] * w;
              m.copyWithin(dst + 16 + pos[k] * w, a, a + w);
            }
          }
        }
        if (miss.length) {
          const mi = V.longVec(miss);
          const add = using([mi], () => at(rows, mi));
          using([add], () => {
            for (const c of all) {
              const old = child(c.list, c.slot);
              const v = add.col(c.name);
              using([v], () => {
                const keep = keptAttrP(old, v.ptr);
                const r = appendRaw(old, v.ptr);
                if (r.inPlace) return;
                setAttr(r.ptr, keep);
                if (keep === 2 || keep === 4) deriveIndex(old, r.ptr);
                mem().u32[((c.list + 16) >>> 2) + c.slot] = r.ptr;
                E.r0(old); // its index, if any, passes to r
              });
            }
          });
        }
        return V.longVec(how === 'insert' && rows.count ? [...Array(rows.count).keys()].map((i) => count + i) : []);
      } finally { for (const v of src.values()) v.dispose(); }
    });
  }
}

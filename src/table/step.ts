// Keyed tables whose key table has `s# are step functions (ref/apply.md "step
// dictionaries", kb/temporal-data.md): a key that is absent finds the record of
// the highest key below it (keys compared column by column, in q's order), and
// no record when it is below every key. One key column is one `bin` (a binary
// search in the engine); several simple columns are one binary search per
// absent key over the sorted rows, comparing the key tuple in place in engine
// memory (O(k log n)); other column types are ranked column by column (the key
// and the looked-up values together, so equal values rank equal), then each
// absent key is a binary search over the rows' rank tuples.

import type { K } from '../k.js';
import { mem, symbol } from '../runtime.js';
import { QTYPES } from '../types.js';
import { qf, using, V } from './util.js';

/** q's order of item r of simple vector block p against the item at address a
 *  (same type t): negative, 0 or positive. Nulls sort first (the minimum
 *  integers already do; float nulls are NaN), symbols by their text. */
function cmpAt(t: number, p: number, r: number, a: number): number {
  const m = mem(), d = p + 16;
  switch (t) {
    case 1: case 4: case 10: return m.u8[d + r] - m.u8[a];
    case 2: {
      for (let b = 0; b < 16; b++) { const x = m.u8[d + 16 * r + b] - m.u8[a + b]; if (x) return x; }
      return 0;
    }
    case 5: return m.i16[(d >>> 1) + r] - m.i16[a >>> 1];
    case 7: case 12: case 16: { const x = m.i64[(d >>> 3) + r], y = m.i64[a >>> 3]; return x < y ? -1 : x > y ? 1 : 0; }
    case 8: case 9: case 15: {
      const x = t === 8 ? m.f32[(d >>> 2) + r] : m.f64[(d >>> 3) + r], y = t === 8 ? m.f32[a >>> 2] : m.f64[a >>> 3];
      if (x !== x) return y !== y ? 0 : -1;
      if (y !== y) return 1;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 11: { const x = symbol(m.u32[(d >>> 2) + r]), y = symbol(m.u32[a >>> 2]); return x < y ? -1 : x > y ? 1 : 0; }
    default: return m.i32[(d >>> 2) + r] - m.i32[a >>> 2];
  }
}

/** Whether every key column is a simple vector (the in-place comparison applies). */
const simpleCols = (cols: K[]): boolean => cols.every((c) => c.type > 0 && c.type < 20);

/** The last row of sorted key columns keyCols (simple vectors) whose tuple is not
 *  above the one at the addresses at(c), or count rows when it is below every row. */
export function stepRow(keyCols: K[], at: (c: number) => number): number {
  const n = keyCols[0].count, ps = keyCols.map((k) => k.ptr), ts = keyCols.map((k) => k.type);
  let lo = 0, hi = n - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    let d = 0;
    for (let c = 0; c < ps.length && d === 0; c++) d = cmpAt(ts[c], ps[c], mid, at(c));
    if (d <= 0) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found < 0 ? n : found;
}

/** rows (borrowed): exact key rows of look in keys, count keys where absent; a new long vector with the absent ones stepped. */
export function stepRows(keyCols: K[], lookCols: K[], rows: K): K {
  const n = keyCols[0].count;
  const r = Array.from(rows.data as BigInt64Array, Number);
  const missing = r.map((p, j) => (p >= n ? j : -1)).filter((j) => j >= 0);
  if (missing.length === 0 || n === 0) return rows.ref();
  if (keyCols.length === 1) {
    const b = qf('bin', keyCols[0], lookCols[0]);
    const s = using([b], () => Array.from(b.data as BigInt64Array, Number));
    for (const j of missing) r[j] = s[j] < 0 ? n : s[j];
    return V.longVec(r);
  }
  if (simpleCols(keyCols) && lookCols.every((l, c) => l.type === keyCols[c].type)) {
    const w = keyCols.map((k) => QTYPES[k.type]!.width), lp = lookCols.map((l) => l.ptr + 16);
    for (const j of missing) r[j] = stepRow(keyCols, (c) => lp[c] + j * w[c]);
    return V.longVec(r);
  }
  // ranks of each column over keys and looked-up values together
  const rk: number[][] = [], rl: number[][] = [];
  for (let c = 0; c < keyCols.length; c++) {
    const both = qf(',', keyCols[c], lookCols[c]);
    const u = using([both], () => { const d = qf('distinct', both); return using([d], () => qf('asc', d)); });
    using([u], () => {
      const a = qf('bin', u, keyCols[c]), b = qf('bin', u, lookCols[c]);
      using([a, b], () => { rk.push(Array.from(a.data as BigInt64Array, Number)); rl.push(Array.from(b.data as BigInt64Array, Number)); });
    });
  }
  const cmp = (i: number, j: number): number => {
    for (let c = 0; c < rk.length; c++) { const d = rk[c][i] - rl[c][j]; if (d) return d; }
    return 0;
  };
  for (const j of missing) {
    // the last key row not above look row j
    let lo = 0, hi = n - 1, at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cmp(mid, j) <= 0) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    r[j] = at < 0 ? n : at;
  }
  return V.longVec(r);
}

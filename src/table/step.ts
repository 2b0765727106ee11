// Keyed tables whose key table has `s# are step functions (ref/apply.md "step
// dictionaries", kb/temporal-data.md): a key that is absent finds the record of
// the highest key below it (keys compared column by column, in q's order), and
// no record when it is below every key. One key column is one `bin` (a binary
// search in the engine); several are ranked column by column (the key and the
// looked-up values together, so equal values rank equal), then each missing
// key is a binary search over the rows' rank tuples.

import type { K } from '../k.js';
import { qf, using, V } from './util.js';

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

// The group index of a `by`: row → group id, groups numbered in ascending key
// order (q sorts a grouped result by its key), with each group's rows listed
// contiguously in `order` between `starts[g]` and `starts[g+1]`, in row order.
//
// Keys are hashed column by column into dense codes (first appearance), the
// codes of several columns combined into one, then groups sorted by key with
// q's own stable grade (iasc), minor key first.

import { K } from '../k.js';
import { callPrim } from '../lang/eval.js';
import { qerr } from '../lang/error.js';
import { kernel, alloc } from '../runtime.js';
import { hashClass } from '../ops/sortsearch/util.js';
import { rowsK, rowsOf, at } from './frame.js';

export interface GroupIndex {
  /** number of groups */
  n: number;
  /** row → group */
  gid: Int32Array;
  /** group → its first row */
  first: Int32Array;
  /** group → its last row */
  last: Int32Array;
  /** group g's rows are order[starts[g] .. starts[g+1]) */
  starts: Int32Array;
  /** (computed on first use) */
  readonly order: Int32Array;
}

/** Dense codes of one key column in order of first appearance, and their count. */
function codes(col: K): { code: Int32Array; card: number } {
  const n = col.count;
  const code = new Int32Array(n);
  const t = col.type;
  const fast = groupCodes(col);
  if (fast) return fast;
  const seen = new Map<unknown, number>();
  const put = (i: number, key: unknown) => {
    let c = seen.get(key);
    if (c === undefined) { c = seen.size; seen.set(key, c); }
    code[i] = c;
  };
  if (t > 0 && t < 20) {
    const d = col.data as ArrayLike<number | bigint>;
    const float = t === 8 || t === 9 || t === 15;
    for (let i = 0; i < n; i++) {
      let v: unknown = d[i];
      if (float) { const f = v as number; v = Number.isNaN(f) ? 'nan' : f === 0 ? 0 : f; }
      put(i, v);
    }
  } else if (t === 0) {
    for (let i = 0; i < n; i++) {
      const it = col.item(i);
      try { put(i, it.type + ':' + it.toString()); } finally { it.dispose(); }
    }
  } else throw qerr('type');
  return { code, card: seen.size };
}

/** Codes of a simple vector from the hash kernel classify_<C> (set.ts); null for other values. */
function groupCodes(col: K): { code: Int32Array; card: number } | null {
  // an enumeration groups by its int indices (the same symbol, the same index)
  const t = col.type === 20 ? 6 : col.type;
  if (!(t > 0 && t < 20)) return null;
  const n = col.count;
  const gid = new K(alloc(6, n));
  try {
    const m = kernel(`classify_${hashClass(t)}`)(col.ptr + 16, n, gid.ptr + 16, 0) as number;
    if (m < 0) throw qerr('wsfull');
    return { code: (gid.data as Int32Array).slice(0, n), card: m };
  } finally { gid.dispose(); }
}

/** Dense codes (first appearance) of the pairs (a[i], b[i]), by the gpair hash kernel (group.ts). */
function combine(a: { code: Int32Array; card: number }, b: { code: Int32Array; card: number }, rows: number): { code: Int32Array; card: number } {
  const cb = Math.max(1, b.card);
  if (a.card * cb < 2 ** 31) {
    // one int code per row, made dense by the hash kernel classify_4 (set.ts)
    const comb = new K(alloc(6, rows)), g = new K(alloc(6, rows));
    try {
      const d = comb.data as Int32Array;
      for (let i = 0; i < rows; i++) d[i] = a.code[i] * cb + b.code[i];
      const m = kernel('classify_4')(comb.ptr + 16, rows, g.ptr + 16, 0) as number;
      if (m < 0) throw qerr('wsfull');
      return { code: (g.data as Int32Array).slice(0, rows), card: m };
    } finally { comb.dispose(); g.dispose(); }
  }
  // wider: pairs hashed directly, the table sized by the rows (at most one group each)
  let bits = 4;
  while ((1 << bits) < 2 * rows && bits < 30) bits++;
  const ks: K[] = [];
  try {
    const ak = new K(alloc(6, rows)); ks.push(ak);
    const bk = new K(alloc(6, rows)); ks.push(bk);
    const g = new K(alloc(6, rows)); ks.push(g);
    const first = new K(alloc(6, rows)); ks.push(first);
    const tab = new K(alloc(6, 1 << bits)); ks.push(tab);
    (ak.data as Int32Array).set(a.code.subarray(0, rows));
    (bk.data as Int32Array).set(b.code.subarray(0, rows));
    const m = kernel('gpair')(ak.ptr + 16, bk.ptr + 16, rows, g.ptr + 16, first.ptr + 16, tab.ptr + 16, bits) as number;
    return { code: (g.data as Int32Array).slice(0, rows), card: m >>> 0 };
  } finally { ks.forEach((k) => k.dispose()); }
}

/** Group the rows of the key columns (borrowed, all of one length `rows`). */
export function groupBy(keys: K[], rows: number): GroupIndex {
  let gid: Int32Array;
  let n: number;
  if (keys.length === 0) { gid = new Int32Array(rows); n = rows ? 1 : 0; }
  else {
    // fold the key columns' dense codes pairwise, re-densified by the hash kernels
    let acc = codes(keys[0]);
    for (let j = 1; j < keys.length; j++) acc = combine(acc, codes(keys[j]), rows);
    gid = acc.code; n = acc.card;
  }
  // first row of each group (groups numbered by first appearance)
  const first = new Int32Array(n).fill(-1);
  for (let i = 0; i < rows; i++) if (first[gid[i]] < 0) first[gid[i]] = i;
  // rank groups by key: stable grades, minor key first
  const rank = sortGroups(keys, first);
  if (rank) {
    const g2 = new Int32Array(rows);
    for (let i = 0; i < rows; i++) g2[i] = rank[gid[i]];
    gid = g2;
    const f2 = new Int32Array(n);
    for (let g = 0; g < n; g++) f2[rank[g]] = first[g];
    first.set(f2);
  }
  const starts = new Int32Array(n + 1);
  const last = new Int32Array(n);
  for (let i = 0; i < rows; i++) { const g = gid[i]; starts[g + 1]++; last[g] = i; }
  for (let g = 0; g < n; g++) starts[g + 1] += starts[g];
  // the rows listed group by group: only the per-group paths need them, so made on first use
  let order: Int32Array | null = null;
  const ix = { n, gid, first, last, starts } as GroupIndex;
  Object.defineProperty(ix, 'order', {
    get(): Int32Array {
      if (!order) {
        const fill = starts.slice(0, n);
        order = new Int32Array(rows);
        for (let i = 0; i < rows; i++) order[fill[gid[i]]++] = i;
      }
      return order;
    },
  });
  return ix;
}

/** group (by first appearance) → its rank in ascending key order; null when already sorted. */
function sortGroups(keys: K[], first: Int32Array): Int32Array | null {
  const n = first.length;
  if (n < 2 || keys.length === 0) return null;
  const firstK = rowsK(first);
  const kcols = keys.map((k) => at(k, firstK));
  firstK.dispose();
  try {
    let perm: K | null = null;
    for (let j = kcols.length - 1; j >= 0; j--) {
      if (perm === null) perm = callPrim('iasc', [kcols[j]]);
      else {
        const sub = at(kcols[j], perm);
        let g: K;
        try { g = callPrim('iasc', [sub]); } finally { sub.dispose(); }
        const next = at(perm, g);
        g.dispose(); perm.dispose();
        perm = next;
      }
    }
    const p = rowsOf(perm!);
    perm!.dispose();
    let sorted = true;
    for (let k = 0; k < n; k++) if (p[k] !== k) { sorted = false; break; }
    if (sorted) return null;
    const rank = new Int32Array(n);
    for (let k = 0; k < n; k++) rank[p[k]] = k;
    return rank;
  } finally { kcols.forEach((k) => k.dispose()); }
}

/** Rows of group g as a long vector of row numbers in `rows` (null = all rows, 0..). */
export function groupRows(ix: GroupIndex, g: number, rows: Int32Array | null): K {
  const from = ix.starts[g], to = ix.starts[g + 1];
  const order = ix.order;
  if (!rows) return rowsK(order, from, to);
  const out = new Int32Array(to - from);
  for (let k = from; k < to; k++) out[k - from] = rows[order[k]];
  return rowsK(out);
}


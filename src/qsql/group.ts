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
import { E, kernel, alloc, check } from '../runtime.js';
import { QTYPES } from '../types.js';
import { hashClass, prefix } from '../ops/sortsearch/util.js';
import { rowsK, rowsOf, at } from './frame.js';

export interface GroupIndex {
  /** number of groups */
  n: number;
  /** row → group, in engine memory (an int vector the index owns: the kernels read it in place) */
  readonly gidK: K;
  /** row → group, a JS copy (made on first use) */
  readonly gid: Int32Array;
  /** group → its first row */
  first: Int32Array;
  /** group → its last row */
  last: Int32Array;
  /** group g's rows are order[starts[g] .. starts[g+1]) */
  starts: Int32Array;
  /** (computed on first use) */
  readonly order: Int32Array;
  /** frees gidK */
  dispose(): void;
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
    if (m < 0) check(0);
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
      if (m < 0) check(0);
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
  const scratch: K[] = [];
  try {
    let ids: Ids;
    if (keys.length === 0) {
      const gid = scratch[scratch.push(int32s(rows)) - 1];
      (gid.data as Int32Array).fill(0);
      ids = { gid, m: rows ? 1 : 0 };
    } else if (keys.length === 1 && keys[0].type > 0 && keys[0].type < 20) return singleKey(keys[0], rows, scratch);
    else if (keys.every((k) => k.type > 0 && k.type < 20)) ids = vectorIds(keys, rows, scratch);
    else ids = generalIds(keys, rows, scratch);
    return indexOf(ids.gid, ids.m, rows, undefined, ids.index);
  } finally { scratch.forEach((k) => k.dispose()); }
}

/** Group ids (engine u32[rows], ids < m in key order), and first/last/starts when the
 *  numbering kernel wrote them in the same pass (arrays of at least m, m+1 items). */
type Ids = { gid: K; m: number; index?: { first: K; last: K; starts: K } };

/** An engine int vector of n items (scratch for the kernels). */
function int32s(n: number): K { return new K(alloc(6, n)); }
// a kernel's failure: the engine's error ('wsfull, or 'stop when interrupted: assembly/poll.ts)
const wsfull = (r: number): number => { if (r < 0) check(0); return r; };

/** One simple key: its ranked codes are the group ids, numbered and indexed in one pass. */
function singleKey(key: K, rows: number, scratch: K[]): GroupIndex {
  const { code, rank, m } = rankedCodes(key, rows, scratch);
  return indexOf(code, m, rows, (first, last, starts) =>
    kernel('gremapi')(code.ptr + 16, rank.ptr + 16, rows, m, code.ptr + 16, first.ptr + 16, last.ptr + 16, starts.ptr + 16));
}

/** first/last/starts from the group ids (engine u32[rows], ids < m in key order), by `index` (which may
 *  also write the ids) or gindex, or as made already (`made`, borrowed); the group order on first use.
 *  The index takes its own reference to gidK. */
function indexOf(gidK: K, m: number, rows: number, index?: (first: K, last: K, starts: K) => void,
  made?: { first: K; last: K; starts: K }): GroupIndex {
  const { first, last, starts } = made ?? { first: int32s(m), last: int32s(m), starts: int32s(m + 1) };
  try {
    if (index) index(first, last, starts);
    else if (!made) kernel('gindex')(gidK.ptr + 16, rows, m, first.ptr + 16, last.ptr + 16, starts.ptr + 16);
    const st = (starts.data as Int32Array).slice(0, m + 1);
    const own = gidK.ref();
    let order: Int32Array | null = null, gid: Int32Array | null = null;
    return {
      n: m, gidK: own, starts: st,
      first: (first.data as Int32Array).slice(0, m), last: (last.data as Int32Array).slice(0, m),
      get gid(): Int32Array { return gid ??= (own.data as Int32Array).slice(0, rows); },
      get order(): Int32Array { return order ??= orderOf(own, m, st); },
      dispose(): void { own.dispose(); },
    };
  } finally { if (!made) { first.dispose(); last.dispose(); starts.dispose(); } }
}

/** The rows listed group by group (a counting sort by group id, in engine memory). */
function orderOf(gid: K, m: number, starts: Int32Array): Int32Array {
  const n = gid.count;
  const s = int32s(m + 1), o = int32s(n);
  try {
    (s.data as Int32Array).set(starts);
    if (!kernel('gorder')(gid.ptr + 16, n, m, s.ptr + 16, o.ptr + 16)) check(0);
    return (o.data as Int32Array).slice(0, n);
  } finally { s.dispose(); o.dispose(); }
}

/** Group ids of simple key vectors: each key's values ranked in q's order, folded into one composite
 *  code per row (major key first), the composites numbered in ascending order. */
function vectorIds(keys: K[], rows: number, scratch: K[]): Ids {
  const keep = (k: K): K => { scratch.push(k); return k; };
  const acc = keep(new K(alloc(7, rows)));
  let card = 1n; // product of the cards folded into acc so far
  let mark = 0; // the composites-present table gcomb marks (engine address), or 0
  for (let j = 0; j < keys.length; j++) {
    const own: K[] = []; // this key's codes, freed once folded in
    try {
      const { code, rank, m } = rankedCodes(keys[j], rows, own);
      const mb = BigInt(Math.max(1, m));
      if (j > 0 && card * mb > COMPOSITE_MAX) {
        // the composite would overflow: number the groups so far (at most `rows` of them) and go on from those
        const ids = compositeIds(acc, rows, Number(card), own);
        kernel('gcomb')(acc.ptr + 16, ids.gid.ptr + 16, 0, rows, 1n, true, 0);
        card = BigInt(Math.max(1, ids.m));
      }
      // the last fold also marks the composites present when a direct table will number them
      const all = Number(card * mb);
      if (j === keys.length - 1 && direct(all, rows)) {
        const t = keep(int32s(all));
        (t.data as Int32Array).fill(0);
        mark = t.ptr + 16;
      }
      kernel('gcomb')(acc.ptr + 16, code.ptr + 16, rank.ptr + 16, rows, mb, j === 0, mark);
      card *= mb;
    } finally { own.forEach((k) => k.dispose()); }
  }
  return compositeIds(acc, rows, Number(card), scratch, mark);
}

/** Whether composites below card are numbered by a direct table over them. */
const direct = (card: number, rows: number): boolean => card <= Math.min(DIRECT_MAX, Math.max(DIRECT_MIN, rows));

/** Composite codes stay below 2^62 (nonnegative as i64, so grade_J orders them). */
const COMPOSITE_MAX = 1n << 62n;
/** Direct numbering (a table over all possible composites) up to this many codes, or the row count. */
const DIRECT_MIN = 1 << 16, DIRECT_MAX = 1 << 26;

/** Dense ids, ascending, of the composite codes acc (u64[rows], all < card); with their index when
 *  a direct table or a grade of all rows numbers them (made in the numbering pass). `mark`: the
 *  composites present, marked by gcomb (u32[card], engine address), or 0. */
function compositeIds(acc: K, rows: number, card: number, scratch: K[], mark = 0): Ids {
  const gid = int32s(rows);
  scratch.push(gid);
  /** first/last/starts for at most `most` groups, freed with the scratch */
  const made = (most: number) => {
    const ix = { first: int32s(most), last: int32s(most), starts: int32s(most + 1) };
    scratch.push(ix.first, ix.last, ix.starts);
    return ix;
  };
  if (direct(card, rows)) {
    const ix = made(Math.min(card, rows));
    const m = wsfull(kernel('gdirecti')(acc.ptr + 16, rows, card, gid.ptr + 16, ix.first.ptr + 16, ix.last.ptr + 16, ix.starts.ptr + 16, mark));
    return { gid, m, index: ix };
  }
  // hash while the groups stay few (at most an eighth of the rows), then grade the distinct codes
  const keys = new K(alloc(7, rows));
  scratch.push(keys);
  const m = kernel('ghash')(acc.ptr + 16, rows, Math.max(1024, rows >>> 3), gid.ptr + 16, keys.ptr + 16) as number;
  if (m === -1) check(0);
  if (m >= 0) {
    const rank = rankOf(keys, m, scratch);
    kernel('gremap')(gid.ptr + 16, rank.ptr + 16, rows, gid.ptr + 16);
    return { gid, m };
  }
  // near-unique: grade every row's code
  const grade = new K(alloc(7, rows));
  scratch.push(grade);
  if (!kernel('grade_J')(acc.ptr + 16, rows, grade.ptr + 16, 0)) check(0);
  const six = made(rows);
  const sm = kernel('gsortedi')(acc.ptr + 16, grade.ptr + 16, rows, gid.ptr + 16, six.first.ptr + 16, six.last.ptr + 16, six.starts.ptr + 16) as number;
  return { gid, m: sm, index: six };
}

/** rank[k]: the position of keys[k] (the first m items of a simple vector) in q's ascending order. */
function rankOf(keys: K, m: number, scratch: K[]): K {
  const rank = int32s(m);
  scratch.push(rank);
  const ks = new K(prefix(keys.ptr, m));
  try {
    const g = callPrim('iasc', [ks]);
    try { kernel('grank')(g.ptr + 16, m, rank.ptr + 16); } finally { g.dispose(); }
  } finally { ks.dispose(); }
  return rank;
}

/** One key column's first-appearance codes (u32[rows]), their count m, and each code's rank in q's order. */
function rankedCodes(col: K, rows: number, scratch: K[]): { code: K; rank: K; m: number } {
  const t = col.type;
  const code = int32s(rows);
  scratch.push(code);
  const keys = new K(alloc(t, rows));
  scratch.push(keys);
  let m = -1;
  const c = t === 11 ? 'S' : QTYPES[t]!.storage;
  if (rows > 0 && (c === 'I' || c === 'J' || c === 'S')) {
    // a small range of values: a direct table instead of a hash
    const r = new K(alloc(7, 2));
    try {
      // symbol ids lie below the symbol count: over many rows, no pass for their range
      if (c === 'S' && rows >= DIRECT_MIN) (r.data as BigInt64Array).set([0n, BigInt(E.symCount() - 1)]);
      else kernel(`grange_${c}`)(col.ptr + 16, rows, r.ptr + 16);
      const [lo, hi] = r.data as BigInt64Array;
      const range = hi - lo + 1n;
      if (range <= BigInt(Math.min(DIRECT_MAX, Math.max(DIRECT_MIN, 2 * rows)))) {
        m = wsfull(kernel(`gdense_${c}`)(col.ptr + 16, rows, lo, Number(range), code.ptr + 16, keys.ptr + 16));
      }
    } finally { r.dispose(); }
  }
  if (m < 0) m = wsfull(kernel(`classify_${hashClass(t)}`)(col.ptr + 16, rows, code.ptr + 16, keys.ptr + 16) as number);
  return { code, rank: rankOf(keys, m, scratch), m };
}

/** Group ids of key columns that are not all simple vectors: dense codes by match, combined
 *  pairwise, then the groups ranked by their keys with q's stable grade (minor key first). */
function generalIds(keys: K[], rows: number, scratch: K[]): { gid: K; m: number } {
  let acc = codes(keys[0]);
  for (let j = 1; j < keys.length; j++) acc = combine(acc, codes(keys[j]), rows);
  let gid = acc.code;
  const n = acc.card;
  const first = new Int32Array(n).fill(-1);
  for (let i = 0; i < rows; i++) if (first[gid[i]] < 0) first[gid[i]] = i;
  const rank = sortGroups(keys, first);
  if (rank) {
    const g2 = new Int32Array(rows);
    for (let i = 0; i < rows; i++) g2[i] = rank[gid[i]];
    gid = g2;
  }
  const gk = int32s(rows);
  scratch.push(gk);
  (gk.data as Int32Array).set(gid.subarray(0, rows));
  return { gid: gk, m: n };
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


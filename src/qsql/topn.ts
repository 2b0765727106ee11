// Top n per group in one kernel pass (gtop_<C>, assembly/kernels/groupagg.ts):
// the by-phrases
//
//   n#desc c · n#asc c          n ≥ 0; a group smaller than n repeats its sorted items (take wraps)
//   n sublist desc c (asc c)    at most n items
//   first desc c · last desc c  (and first/last of asc c): one item per group
//
// on a short, int, long, real or float column (and the temporal types stored
// as those) give, per group, exactly what the phrase gives on the group's rows.
// Other simple columns (boolean, byte, char, symbol, guid…), n above MAX_K and
// negative n (the last items: take wraps, sublist does not) take one grade of
// the whole column, then a stable bucket of the graded rows by group, so each
// group's rows come out sorted: no per-group call either. Anything else is
// null: the executor applies the phrase group by group.

import { K } from '../k.js';
import { alloc, kernel, mem } from '../runtime.js';
import { QTYPES } from '../types.js';
import * as V from '../lang/values.js';
import type { Node } from '../lang/parser.js';
import { callPrim } from '../lang/eval.js';
import { at, type Cols } from './frame.js';
import type { GroupIndex } from './group.js';
import { headOp as opOf, type AggCache } from './agg.js';

/** Items kept per group above which the per-group path (a full sort) is the better one. */
const MAX_K = 64;

/** An integer atom constant's value, or null. */
function intConst(n: Node): number | null {
  let k: K | null = null;
  if (n.k === 'value') k = n.v as K;
  if (k && k.type < 0 && V.isIntegral(-k.type) && k.type !== -1 && k.type !== -4) {
    const v = k.type === -7 ? Number((k.data as BigInt64Array)[0]) : V.intValue(k);
    return v === null || v === undefined ? null : v;
  }
  if (n.k === 'const' && n.lit.type < 0 && (n.lit.type === -5 || n.lit.type === -6 || n.lit.type === -7) && Array.isArray(n.lit.data)) {
    const v = n.lit.data[0];
    return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null;
  }
  return null;
}

interface TopN { col: string; desc: boolean; n: number; how: 'take' | 'sublist' | 'first' | 'last' }

/** `desc c` or `asc c` on a column: the column and the direction. */
function sorted(n: Node | null, t: Cols): { col: string; desc: boolean } | null {
  if (!n || n.k !== 'app' || n.args.length !== 1) return null;
  const op = opOf(n.f, t), a = n.args[0];
  if ((op !== 'desc' && op !== 'asc') || !a || a.k !== 'name' || !t.names.includes(a.name)) return null;
  return { col: a.name, desc: op === 'desc' };
}

function recognise(node: Node, t: Cols): TopN | null {
  if (node.k !== 'app') return null;
  const op = opOf(node.f, t);
  if (node.args.length === 1 && (op === 'first' || op === '*:' || op === 'last')) {
    const s = sorted(node.args[0], t);
    return s && { ...s, n: 1, how: op === 'last' ? 'last' : 'first' };
  }
  if (node.args.length === 2 && (op === '#' || op === 'sublist') && node.args[0]) {
    const n = intConst(node.args[0]);
    const s = sorted(node.args[1], t);
    if (n === null || !s) return null;
    return { ...s, n, how: op === '#' ? 'take' : 'sublist' };
  }
  return null;
}

/** The kernel's storage class for a column type, or null. */
function storage(ty: number): string | null {
  if (ty === 5 || ty === 6 || ty === 7 || ty === 8 || ty === 9) return QTYPES[ty]!.storage;
  if (ty >= 12 && ty <= 19) return QTYPES[ty]!.storage;
  return null;
}

/** One value per group for a top-n phrase (a general list of vectors, or a vector for first/last); null when it is not one. */
export function groupedTop(node: Node, t: Cols, rows: Int32Array | null, ix: GroupIndex, cache: AggCache): K | null {
  const r = recognise(node, t);
  if (!r) return null;
  const col = t.cols[t.names.indexOf(r.col)];
  const m = ix.n;
  if (m === 0) return null; // no groups: the per-group path types the empty result
  const c = storage(col.type);
  if (!c || r.n < 0 || r.n > MAX_K) {
    if (!(col.type > 0 && col.type < 20)) return null;
    return sortedTop(r, cache.column(t, r.col, rows), ix);
  }
  // last of a sorted group is first of the other direction (equal items are equal values)
  const desc = r.how === 'last' ? !r.desc : r.desc;
  const k = r.n;
  const x = cache.column(t, r.col, rows);
  const top = new K(alloc(6, m * k)), cnt = new K(alloc(6, m)), val = new K(alloc(9, m * k));
  try {
    if (k > 0) kernel(`gtop_${c}`)(x.ptr + 16, ix.gidK.ptr + 16, x.count, m, k, desc ? 1 : 0, top.ptr + 16, cnt.ptr + 16, val.ptr + 16);
    if (r.how === 'first' || r.how === 'last') {
      // every group has at least one row: its best is top[g*1]
      return at(x, top);
    }
    return splitGroups(x, top, cnt, ix, k, r.how === 'take');
  } finally { top.dispose(); cnt.dispose(); val.dispose(); }
}

/** Group g's kept items of x (rows top[g*k ..], cnt[g] of them) as the g-th vector of a general list;
 *  with `wrap`, a group with fewer than k items repeats them to k (q's take). */
function splitGroups(x: K, top: K, cnt: K, ix: GroupIndex, k: number, wrap: boolean): K {
  const m = ix.n, ty = x.type, w = QTYPES[ty]!.width;
  const lens = new Int32Array(m);
  const cs = cnt.data as Int32Array;
  let total = 0;
  for (let g = 0; g < m; g++) { lens[g] = k === 0 ? 0 : wrap ? k : cs[g]; total += lens[g]; }
  // the kept rows, group after group, gathered once
  const idx = new K(alloc(6, total));
  let flat: K;
  try {
    const d = idx.data as Int32Array, tp = top.data as Int32Array;
    let o = 0;
    for (let g = 0; g < m; g++) {
      const have = cs[g], base = g * k;
      for (let j = 0; j < lens[g]; j++) d[o++] = tp[base + (have ? j % have : 0)];
    }
    flat = at(x, idx);
  } finally { idx.dispose(); }
  const parts: number[] = [];
  try {
    let o = 0;
    for (let g = 0; g < m; g++) {
      const p = alloc(ty, lens[g]);
      parts.push(p);
      mem().u8.copyWithin(p + 16, flat.ptr + 16 + o * w, flat.ptr + 16 + (o + lens[g]) * w);
      o += lens[g];
    }
    const list = alloc(0, m);
    mem().u32.set(parts, (list + 16) >>> 2);
    return new K(list);
  } catch (e) { parts.forEach((p) => new K(p).dispose()); throw e; } finally { flat.dispose(); }
}

/** The phrase through one grade of x (idesc/iasc: ties in row order, as desc/asc)
 *  and a stable bucket of the graded rows by group. */
function sortedTop(r: TopN, x: K, ix: GroupIndex): K {
  const g = callPrim(r.desc ? 'idesc' : 'iasc', [x]);
  const n = x.count, m = ix.n, gid = ix.gid, starts = ix.starts;
  // each group's rows in sorted order: byGroup[starts[g] .. starts[g+1])
  const byGroup = new Int32Array(n), pos = starts.slice(0, m);
  try {
    // rows are below 2^31: the low word of each long (little-endian), no BigInt per row
    const w = mem().i32, o = (g.ptr + 16) >>> 2;
    for (let j = 0; j < n; j++) { const i = w[o + 2 * j]; byGroup[pos[gid[i]]++] = i; }
  } finally { g.dispose(); }
  const k = Math.abs(r.n), wrap = r.how === 'take', fromEnd = r.n < 0 || r.how === 'last';
  const one = r.how === 'first' || r.how === 'last';
  const lens = new Int32Array(m);
  let total = 0;
  for (let q = 0; q < m; q++) {
    const have = starts[q + 1] - starts[q];
    lens[q] = one ? 1 : wrap ? k : Math.min(k, have);
    total += lens[q];
  }
  const idx = new K(alloc(6, total));
  let flat: K;
  try {
    const d = idx.data as Int32Array;
    let o = 0;
    for (let q = 0; q < m; q++) {
      const s0 = starts[q], have = starts[q + 1] - s0, len = lens[q];
      // from the end: the last len items, wrapping backwards as q's negative take does
      const first = fromEnd ? (((have - len) % have) + have) % have : 0;
      for (let j = 0; j < len; j++) d[o++] = byGroup[s0 + ((first + j) % have)];
    }
    flat = at(x, idx);
  } finally { idx.dispose(); }
  if (one) return flat;
  return splitFlat(flat, lens);
}

/** flat (owned) cut into consecutive vectors of lens[g] items: a general list. */
function splitFlat(flat: K, lens: Int32Array): K {
  const ty = flat.type, w = ty === 2 ? 16 : QTYPES[ty]!.width;
  const parts: number[] = [];
  try {
    let o = 0;
    for (let g = 0; g < lens.length; g++) {
      const p = alloc(ty, lens[g]);
      parts.push(p);
      mem().u8.copyWithin(p + 16, flat.ptr + 16 + o * w, flat.ptr + 16 + (o + lens[g]) * w);
      o += lens[g];
    }
    const list = alloc(0, lens.length);
    mem().u32.set(parts, (list + 16) >>> 2);
    return new K(list);
  } catch (e) { parts.forEach((p) => new K(p).dispose()); throw e; } finally { flat.dispose(); }
}

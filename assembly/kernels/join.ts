// Join kernels: the row order of a table grouped by key (a stable counting sort
// of group ids) and as-of searches within a group (the last row whose time is
// at or before a probe time), for aj, asof, wj and wj1.
//
// Times compare in q's order through the sort keys (sort.ts KEY): nulls are
// the minimum, floats compare as IEEE total order. Within a group the rows are
// assumed sorted by time (q's rule for aj's right table): a binary search,
// never a scan.

import { KEY, M_G, M_H, M_I, M_J, M_E, M_F } from "./sort";
import { sysAlloc, sysFree } from "../mem";
import { stopNow, stopped, POLL_ITEMS } from "../poll";

/** order[0..n) = row numbers grouped by gid (i64, each in [0,g)), stable;
 *  start[0..g] = first position of each group in order (start[g] = n).
 *  Returns 0 when scratch space cannot be had, or when asked to stop ('stop set). */
export function group_order(gid: usize, n: u32, g: u32, order: usize, start: usize): i32 {
  for (let k: u32 = 0; k <= g; k++) store<u32>(start + (<usize>k << 2), 0);
  for (let c0: u32 = 0; c0 < n; c0 += POLL_ITEMS) {
    if (c0 && stopNow()) { stopped(); return 0; }
    for (let i = c0, c1 = min(c0 + POLL_ITEMS, n); i < c1; i++) {
      const b = start + ((<usize>load<i64>(gid + (<usize>i << 3)) + 1) << 2);
      store<u32>(b, load<u32>(b) + 1);
    }
  }
  for (let k: u32 = 1; k <= g; k++) {
    const b = start + (<usize>k << 2);
    store<u32>(b, load<u32>(b) + load<u32>(b - 4));
  }
  // the next free position of each group (scratch data starts after a 16-byte header)
  const blk = sysAlloc(16 + (<u64>g << 2));
  if (!blk) return 0;
  const fill = blk + 16;
  memory.copy(fill, start, <usize>g << 2);
  for (let i: u32 = 0; i < n; i++) {
    const b = fill + (<usize>load<i64>(gid + (<usize>i << 3)) << 2);
    const p = load<u32>(b);
    store<u32>(order + (<usize>p << 2), i);
    store<u32>(b, p + 1);
  }
  sysFree(blk);
  return 1;
}

/** For each probe j: the end position (in order) of the rows of group pgid[j]
 *  whose time x[row] is <= y[j] (strict: < y[j]); out[j] is an i64 position in
 *  [start[g], start[g+1]]. 1 done, 0 asked to stop ('stop set). */
@inline function ASOF<U>(mode: i32, x: usize, order: usize, start: usize, pgid: usize, y: usize, m: u32, out: usize, strict: bool): i32 {
  for (let j: usize = 0; j < <usize>m; j++) {
    if ((<u32>j & (POLL_ITEMS - 1)) == 0 && j != 0 && stopNow()) { stopped(); return 0; }
    const g = <usize>load<i64>(pgid + (j << 3));
    let lo = <usize>load<u32>(start + (g << 2));
    const hi = <usize>load<u32>(start + ((g + 1) << 2));
    const k = KEY<U>(mode, y, j);
    let len = hi - lo;
    while (len > 0) {
      const half = len >> 1;
      const kx = KEY<U>(mode, x, <usize>load<u32>(order + ((lo + half) << 2)));
      if (strict ? kx < k : kx <= k) { lo += half + 1; len -= half + 1; } else len = half;
    }
    store<i64>(out + (j << 3), <i64>lo);
  }
  return 1;
}

export function asof_G(x: usize, order: usize, start: usize, pgid: usize, y: usize, m: u32, out: usize, strict: bool): i32 { return ASOF<u32>(M_G, x, order, start, pgid, y, m, out, strict); }
export function asof_H(x: usize, order: usize, start: usize, pgid: usize, y: usize, m: u32, out: usize, strict: bool): i32 { return ASOF<u32>(M_H, x, order, start, pgid, y, m, out, strict); }
export function asof_I(x: usize, order: usize, start: usize, pgid: usize, y: usize, m: u32, out: usize, strict: bool): i32 { return ASOF<u32>(M_I, x, order, start, pgid, y, m, out, strict); }
export function asof_J(x: usize, order: usize, start: usize, pgid: usize, y: usize, m: u32, out: usize, strict: bool): i32 { return ASOF<u64>(M_J, x, order, start, pgid, y, m, out, strict); }
export function asof_E(x: usize, order: usize, start: usize, pgid: usize, y: usize, m: u32, out: usize, strict: bool): i32 { return ASOF<u32>(M_E, x, order, start, pgid, y, m, out, strict); }
export function asof_F(x: usize, order: usize, start: usize, pgid: usize, y: usize, m: u32, out: usize, strict: bool): i32 { return ASOF<u64>(M_F, x, order, start, pgid, y, m, out, strict); }

/** The aj row: for each probe, the row before end position pos[j] within its group, or -1 (no such row). */
export function asof_rows(pos: usize, order: usize, start: usize, pgid: usize, m: u32, out: usize): void {
  for (let j: usize = 0; j < <usize>m; j++) {
    const g = <usize>load<i64>(pgid + (j << 3));
    const p = <usize>load<i64>(pos + (j << 3));
    const s = <usize>load<u32>(start + (g << 2));
    store<i64>(out + (j << 3), p > s ? <i64>load<u32>(order + ((p - 1) << 2)) : -1);
  }
}

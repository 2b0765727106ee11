// Kernels the engine core needs: til, copies, fills of nulls.
import { ga, dat, fail, r0 } from "../mem";
import { KJ, EWSFULL } from "../shared/types";
import { stopNow, stopped, POLL_ITEMS } from "../poll";

/** til n: 0 1 … n-1 as a long vector. */
export function til(n: u32): usize {
  const p = ga(KJ, n);
  if (!p) return fail(EWSFULL);
  const d = dat(p);
  // two lanes per v128 store, four per iteration; data is 16-byte aligned
  let v = i64x2(0, 1);
  const two = i64x2.splat(2), four = i64x2.splat(4);
  let i: u32 = 0;
  const n4 = n & ~3;
  while (i < n4) {
    if (i && stopNow()) { r0(p); return stopped(); }
    for (const e = min(i + POLL_ITEMS, n4); i < e; i += 4) {
      const q = d + (<usize>i << 3);
      v128.store(q, v);
      v128.store(q, i64x2.add(v, two), 16);
      v = i64x2.add(v, four);
    }
  }
  for (; i < n; i++) store<i64>(d + (<usize>i << 3), <i64>i);
  return p;
}

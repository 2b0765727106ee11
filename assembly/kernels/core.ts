// Kernels the engine core needs: til, copies, fills of nulls.
import { ga, dat, fail } from "../mem";
import { KJ, EWSFULL } from "../shared/types";

/** til n: 0 1 … n-1 as a long vector. */
export function til(n: u32): usize {
  const p = ga(KJ, n);
  if (!p) return fail(EWSFULL);
  const d = dat(p);
  for (let i: u32 = 0; i < n; i++) store<i64>(d + (<usize>i << 3), <i64>i);
  return p;
}

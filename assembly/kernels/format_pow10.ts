// The float printer's powers of ten: 10^k ≈ T·2^b for k in [POW10_KMIN, POW10_KMAX],
// T a 128-bit mantissa (top bit set, truncated so T ≤ 10^k·2^-b < T+1; high
// halves at POW10_HI, low halves at POW10_LO) and b an i16 at POW10_EXP.
// The region ships as zeros (binaryen drops zero data, so the 12 KB table
// costs the wasm nothing): src/format/pow10.ts computes it exactly with
// BigInt and writes it here when the engine loads, before any kernel runs.

export const POW10_KMIN: i32 = -330;
export const POW10_KMAX: i32 = 360;
const N: i32 = POW10_KMAX - POW10_KMIN + 1;
export const POW10_HI: usize = memory.data(N * 8, 16);
export const POW10_LO: usize = memory.data(N * 8, 16);
export const POW10_EXP: usize = memory.data(N * 2, 16);

/** Where the loader writes the table: [kmin, kmax, hi, lo, exp] as i32s in a static cell. */
const LAYOUT: usize = memory.data(20, 4);
export function fmt_pow10_layout(): usize {
  store<i32>(LAYOUT, POW10_KMIN);
  store<i32>(LAYOUT, POW10_KMAX, 4);
  store<i32>(LAYOUT, <i32>POW10_HI, 8);
  store<i32>(LAYOUT, <i32>POW10_LO, 12);
  store<i32>(LAYOUT, <i32>POW10_EXP, 16);
  return LAYOUT;
}

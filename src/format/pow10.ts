// Fills the float printer's table of powers of ten in engine memory
// (assembly/kernels/format_pow10.ts) when the engine loads: computing it here
// with exact BigInt arithmetic keeps 12 KB of incompressible constants out of
// the wasm, which the browser downloads.

import { E, mem } from '../runtime.js';

type Pow10Exports = { fmt_pow10_layout(): number };

const M64 = (1n << 64n) - 1n;

/** T and b with 2^127 ≤ T ≤ 10^k·2^-b < T+1 < 2^128+1 (T truncated). */
export function pow10Entry(k: number): { t: bigint; b: number } {
  const num = k >= 0 ? 10n ** BigInt(k) : 1n, den = k >= 0 ? 1n : 10n ** BigInt(-k);
  const T = (b: number) => (b <= 0 ? (num << BigInt(-b)) / den : num / (den << BigInt(b)));
  let b = Math.floor(k * Math.log2(10)) - 127;
  while (T(b) >= 1n << 128n) b++;
  while (T(b) < 1n << 127n) b--;
  return { t: T(b), b };
}

/** The table's layout in engine memory: [kmin, kmax, hi, lo, exp]. */
export function pow10Layout(): { kmin: number; kmax: number; hi: number; lo: number; exp: number } {
  const at = (E as unknown as Pow10Exports).fmt_pow10_layout();
  const [kmin, kmax, hi, lo, exp] = mem().i32.subarray(at >>> 2, (at >>> 2) + 5);
  return { kmin, kmax, hi, lo, exp };
}

/** Writes the table; the engine must be loaded (src/format/vector.ts runs it from onLoad). */
export function fillPow10(): void {
  const { kmin, kmax, hi, lo, exp } = pow10Layout();
  const m = mem();
  const dv = new DataView(m.u8.buffer);
  for (let k = kmin; k <= kmax; k++) {
    const { t, b } = pow10Entry(k), i = k - kmin;
    dv.setBigUint64(hi + i * 8, t >> 64n, true);
    dv.setBigUint64(lo + i * 8, t & M64, true);
    dv.setInt16(exp + i * 2, b, true);
  }
}

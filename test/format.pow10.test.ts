import { describe, it, expect } from 'vitest';
import '../src/q.js';
import { mem } from '../src/runtime.js';
import { pow10Layout } from '../src/format/pow10.js';

// The float printer's table is written into engine memory at load
// (src/format/pow10.ts); every entry must be the truncated 128-bit mantissa.
describe('powers of ten for the float printer', () => {
  it('every entry: 2^127 <= T <= 10^k·2^-b < T+1', () => {
    const { kmin, kmax, hi, lo, exp } = pow10Layout();
    expect([kmin, kmax]).toEqual([-330, 360]);
    const dv = new DataView(mem().u8.buffer);
    for (let k = kmin; k <= kmax; k++) {
      const i = k - kmin;
      const t = (dv.getBigUint64(hi + i * 8, true) << 64n) | dv.getBigUint64(lo + i * 8, true);
      const b = dv.getInt16(exp + i * 2, true);
      expect(t >> 127n).toBe(1n);
      // compare T·2^b with 10^k as exact fractions: T·2^b·10^-k in [1 - 2^b·10^-k·…) — cross-multiplied
      const [num, den] = k >= 0 ? [10n ** BigInt(k), 1n] : [1n, 10n ** BigInt(-k)];
      const lhs = (x: bigint) => (b >= 0 ? x << BigInt(b) : x) * den;   // x·2^b·den (scaled)
      const rhs = b >= 0 ? num : num << BigInt(-b);                       // 10^k·den·2^(-b) scaled alike
      expect(lhs(t) <= rhs).toBe(true);
      expect(lhs(t + 1n) > rhs).toBe(true);
    }
  });
});

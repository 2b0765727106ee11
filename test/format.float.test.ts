// fmtG is C printf "%.*g": the digits kdb+ prints for floats under \P.
// Expected texts are glibc printf output for each precision, ties included
// (exact binary ties round to even: 0.125 -> 0.12, 12345665 -> 1.234566e+07).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { fmtG, digitsFor } from '../src/format/float.js';

/** Reference %.*g from the exact binary value with BigInt, rounding ties to even. */
function refG(x: number, p: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, Math.abs(x));
  const bits = dv.getBigUint64(0);
  const be = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const m = be === 0 ? frac : frac | (1n << 52n);
  const e2 = (be === 0 ? 1 : be) - 1075; // |x| = m * 2^e2
  const num = e2 >= 0 ? m << BigInt(e2) : m;
  const den = e2 >= 0 ? 1n : 1n << BigInt(-e2);
  const pow10 = (k: number): bigint => 10n ** BigInt(k);
  let E = Math.floor(Math.log10(Math.abs(x)));
  const ge = (k: number): boolean => (k >= 0 ? num >= den * pow10(k) : num * pow10(-k) >= den); // |x| >= 10^k
  while (!ge(E)) E--;
  while (ge(E + 1)) E++;
  const shift = p - 1 - E;
  const N = shift >= 0 ? num * pow10(shift) : num;
  const D = shift >= 0 ? den : den * pow10(-shift);
  let q = N / D;
  const r2 = (N % D) * 2n;
  if (r2 > D || (r2 === D && (q & 1n) === 1n)) q++;
  if (q === pow10(p)) {
    q = pow10(p - 1);
    E++;
  }
  const digits = q.toString();
  const trim = (t: string): string => t.replace(/0+$/, '');
  if (E < -4 || E >= p) {
    const f = trim(digits.slice(1));
    const ae = Math.abs(E);
    return sign + digits[0] + (f ? '.' + f : '') + 'e' + (E < 0 ? '-' : '+') + (ae < 10 ? '0' : '') + ae;
  }
  if (E >= 0) {
    const f = trim(digits.slice(E + 1));
    return sign + digits.slice(0, E + 1) + (f ? '.' + f : '');
  }
  return sign + '0.' + trim('0'.repeat(-E - 1) + digits);
}

const P = [1, 2, 3, 7, 15, 17];
const TABLE = `
12345665.0 1e+07 1.2e+07 1.23e+07 1.234566e+07 12345665 12345665
12345675.0 1e+07 1.2e+07 1.23e+07 1.234568e+07 12345675 12345675
0.125 0.1 0.12 0.125 0.125 0.125 0.125
2.5 2 2.5 2.5 2.5 2.5 2.5
0.5 0.5 0.5 0.5 0.5 0.5 0.5
1.5 2 1.5 1.5 1.5 1.5 1.5
9.5 1e+01 9.5 9.5 9.5 9.5 9.5
99.5 1e+02 1e+02 99.5 99.5 99.5 99.5
1e+22 1e+22 1e+22 1e+22 1e+22 1e+22 1e+22
5e-324 5e-324 4.9e-324 4.94e-324 4.940656e-324 4.94065645841247e-324 4.9406564584124654e-324
1.7976931348623157e+308 2e+308 1.8e+308 1.8e+308 1.797693e+308 1.79769313486232e+308 1.7976931348623157e+308
1e-05 1e-05 1e-05 1e-05 1e-05 1e-05 1.0000000000000001e-05
0.0001 0.0001 0.0001 0.0001 0.0001 0.0001 0.0001
0.00012345675 0.0001 0.00012 0.000123 0.0001234567 0.00012345675 0.00012345674999999999
123456.75 1e+05 1.2e+05 1.23e+05 123456.8 123456.75 123456.75
1234567.5 1e+06 1.2e+06 1.23e+06 1234568 1234567.5 1234567.5
9999999.5 1e+07 1e+07 1e+07 1e+07 9999999.5 9999999.5
99999995.0 1e+08 1e+08 1e+08 1e+08 99999995 99999995
0.1 0.1 0.1 0.1 0.1 0.1 0.10000000000000001
0.3333333333333333 0.3 0.33 0.333 0.3333333 0.333333333333333 0.33333333333333331
0.6666666666666666 0.7 0.67 0.667 0.6666667 0.666666666666667 0.66666666666666663
1e+16 1e+16 1e+16 1e+16 1e+16 1e+16 10000000000000000
1.2345678901234568e+17 1e+17 1.2e+17 1.23e+17 1.234568e+17 1.23456789012346e+17 1.2345678901234568e+17
4.35 4 4.3 4.35 4.35 4.35 4.3499999999999996
0.15 0.1 0.15 0.15 0.15 0.15 0.14999999999999999
`;

describe('fmtG matches printf %.*g', () => {
  const rows = TABLE.trim().split('\n').map((l) => l.split(' '));
  test.each(rows)('%s', (x, ...want) => {
    expect(P.map((p) => fmtG(Number(x), p))).toEqual(want);
  });
  test('signs and zero', () => {
    expect(fmtG(-0, 7)).toBe('-0');
    expect(fmtG(0, 7)).toBe('0');
    expect(fmtG(-1.5, 7)).toBe('-1.5');
    expect(fmtG(-1e-7, 7)).toBe('-1e-07');
    expect(fmtG(1e100, 7)).toBe('1e+100');
    expect(fmtG(1234567, 7)).toBe('1234567');
    expect(fmtG(12345678, 7)).toBe('1.234568e+07');
  });
  test('agrees with an exact BigInt reference on random doubles', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 17 }), (x, p) => {
        expect(fmtG(x, p)).toBe(refG(x, p));
      }),
      { numRuns: 20000 },
    );
  });

  test('agrees with the reference on exact decimal ties', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 9 }), (m, k, p) => {
        const x = (m + 0.5) / 2 ** k; // ends in a 5 when written out in decimal
        expect(fmtG(x, p)).toBe(refG(x, p));
      }),
      { numRuns: 20000 },
    );
  });

  test('\\P 0 means 17 digits', () => {
    expect(digitsFor(0)).toBe(17);
    expect(digitsFor(7)).toBe(7);
  });
});

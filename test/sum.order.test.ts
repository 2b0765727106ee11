// Float sum in kdb+'s documented SIMD order (basics/precision.md, "Q SIMD sum"):
// eight lane accumulators, as {x+y}over{x+y}over 0N 8#x.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { K } from '../src/k.js';
import { evaluate } from './lang/helpers.js';
import { run } from '../src/lang/index.js';

const num = (text: string): number => { const k = evaluate(text); try { return k.toJS() as number; } finally { k.dispose(); } };

describe('sum of floats', () => {
  test('the precision page example: SIMD order differs from the direct fold', () => {
    expect(num('sum 1e-10*til 10000000')).toBe(4999.9995000000017);
    expect(num('{x+y}over{x+y}over 0N 8#1e-10*til 10000000')).toBe(4999.9995000000017);
    expect(num('{x+y}over 1e-10*til 10000000')).toBe(4999.9994999999635);
  });
  test('under eight items the sum is in order', () => {
    expect(num('sum 7#1%7')).toBe(0.99999999999999978);
    expect(num('sum 0#0f')).toBe(0);
  });
  test('nulls are skipped in any lane; +/ is sum', () => {
    expect(num('sum 1 0n 2 3 0n 4 5 6 7 0n 8f')).toBe(36);
    expect(num('+/[1 0n 2 3 0n 4 5 6 7 0n 8f]')).toBe(36);
  });
  test('bit-identical to the definition for whole blocks of eight', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 12 }),
      fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 96, maxLength: 96 }),
      (blocks, xs) => {
        using x = K.float(xs.slice(0, blocks * 8));
        using a = run('{sum x}', x);
        using b = run('{{x+y}over{x+y}over 0N 8#x}', x);
        return Object.is(a.toJS(), b.toJS());
      },
    ), { numRuns: 200 });
  });
});

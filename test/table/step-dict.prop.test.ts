// Step dictionaries (`s# keys, ref/apply.md): d y is the value at the first key
// equal to y, else at the last key below it, and null below the first key. The
// engine answers with two binary searches in its memory (stepFind). Checked
// against a naive scan in TypeScript over the generator's own codes, whose q
// text is chosen so that q's order of the values is the order of the codes
// (nulls first, symbols by their text, not by when they were interned): every
// simple key type incl. temporal ones, duplicates, one key, atoms and vectors.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../src/lang/index.js';

const ev = (s: string) => { const r = evaluate(s); try { return String(r); } finally { r.dispose(); } };
const run = (s: string) => { evaluate(s).dispose(); };
const longs = (s: string): number[] => { const r = evaluate(s); try { return Array.from(r.data as BigInt64Array, Number); } finally { r.dispose(); } };

// codes -3..5 or null; SYMS is in ASCII order (upper case before lower case)
const SYMS = ['A', 'Ab', 'B', 'a', 'a_', 'ab', 'b', 'ba', 'z'];
type Code = number | null;
const TYPES: Record<string, { q: (x: Code) => string; rank: (x: Code) => number }> = {
  long: { q: (x) => (x === null ? '0N' : `${x}`), rank: (x) => x ?? -Infinity },
  int: { q: (x) => (x === null ? '0Ni' : `${x}i`), rank: (x) => x ?? -Infinity },
  short: { q: (x) => (x === null ? '0Nh' : `${x}h`), rank: (x) => x ?? -Infinity },
  float: { q: (x) => (x === null ? '0n' : x === 5 ? '0w' : x === -3 ? '-0w' : `${x}.5`), rank: (x) => x ?? -Infinity },
  real: { q: (x) => (x === null ? '0Ne' : `${x}.5e`), rank: (x) => x ?? -Infinity },
  symbol: { q: (x) => (x === null ? '`' : '`' + SYMS[x + 3]), rank: (x) => x ?? -Infinity },
  char: { q: (x) => (x === null ? '" "' : `"${String.fromCharCode(100 + x)}"`), rank: (x) => x ?? -Infinity },
  date: { q: (x) => (x === null ? '0Nd' : `2001.01.${String(x + 4).padStart(2, '0')}`), rank: (x) => x ?? -Infinity },
  month: { q: (x) => (x === null ? '0Nm' : `2001.${String(x + 4).padStart(2, '0')}m`), rank: (x) => x ?? -Infinity },
  timestamp: { q: (x) => (x === null ? '0Np' : `2001.01.01D${String(x + 4).padStart(2, '0')}`), rank: (x) => x ?? -Infinity },
  timespan: { q: (x) => (x === null ? '0Nn' : `0D00:00:0${x + 4}`), rank: (x) => x ?? -Infinity },
  time: { q: (x) => (x === null ? '0Nt' : `00:00:0${x + 4}.000`), rank: (x) => x ?? -Infinity },
  boolean: { q: (x) => (x === null || x < 2 ? '0b' : '1b'), rank: (x) => (x === null || x < 2 ? 0 : 1) },
  byte: { q: (x) => `0x0${(x ?? -3) + 3}`, rank: (x) => x ?? -3 },
  guid: { q: (x) => (x === null ? '0Ng' : `"G"$"${String(x + 4).repeat(8)}-0000-0000-0000-000000000000"`), rank: (x) => x ?? -Infinity },
};
const vec = (ty: string, xs: Code[]) => {
  const items = xs.map(TYPES[ty].q);
  const list = xs.length === 1 ? `enlist ${items[0]}` : `(${items.join(';')})`;
  return ty === 'char' || ty === 'byte' || ty === 'guid' || ty === 'boolean' ? list : `\`${ty}$${list}`;
};

/** The naive answer: the first key equal to y, else the last key below it, else -1. */
function naive(rank: (x: Code) => number, keys: Code[], y: Code): number {
  const r = rank(y);
  const eq = keys.findIndex((k) => rank(k) === r);
  if (eq >= 0) return eq;
  let last = -1;
  keys.forEach((k, i) => { if (rank(k) < r) last = i; });
  return last;
}

const code: fc.Arbitrary<Code> = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: fc.integer({ min: -3, max: 5 }) });
const NULL = -(2 ** 63);

describe('step dictionary lookups', () => {
  it('equal a naive search: every simple key type, nulls, duplicates, atoms and vectors', () => {
    fc.assert(fc.property(
      fc.constantFrom(...Object.keys(TYPES)),
      fc.array(code, { minLength: 1, maxLength: 25 }),
      fc.array(code, { minLength: 1, maxLength: 12 }),
      (ty, ks, ys) => {
        const { rank } = TYPES[ty];
        const keys = [...ks].sort((a, b) => rank(a) - rank(b));
        run(`sdk:\`s#${vec(ty, keys)}; sdy:${vec(ty, ys)}; sd:sdk!til count sdk`);
        const want = ys.map((y) => naive(rank, keys, y));
        const got = longs('sd sdy').map((v) => (v === NULL ? -1 : v));
        expect(got).toEqual(want);
        // one atom per call, and values that are a general list
        ys.forEach((_, j) => {
          const v = longs(`enlist sd sdy ${j}`)[0];
          expect(v === NULL ? -1 : v).toBe(want[j]);
        });
        const ix = `${want.length === 1 ? 'enlist ' : ''}${want.join(' ')}`;
        expect(ev('(sdk!string til count sdk) sdy')).toBe(ev(`(string til count sdk) ${ix}`));
        run('delete sdk, sdy, sd from `.');
      }), { numRuns: 300 });
  });
});

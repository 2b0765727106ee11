// Property tests for the grouped top-n kernel (gtop_<C>, src/qsql/topn.ts):
// n#desc c, n#asc c, n sublist desc c, first/last desc c in a by equal the
// per-group path (the same phrase inside a lambda, which no kernel takes) on
// random tables with nulls and infinities in every column type the kernel
// reads, with a where before the by, one row, no rows, and take wrapping
// around groups smaller than n. Leaks are checked after every test (test/setup.ts).
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q, K } from '../../src/index.js';
import { same } from './same.js';

const NJ = -9223372036854775808n, NI = -2147483648, NH = -32768;

interface Tab { n: number; k: bigint[]; j: bigint[]; i: number[]; h: number[]; e: number[]; f: number[] }

const arbF = fc.oneof({ weight: 2, arbitrary: fc.constant(NaN) }, { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, 0, -0) },
  { weight: 6, arbitrary: fc.integer({ min: -5, max: 5 }).map((x) => x / 2) });
const arbJ = fc.oneof({ weight: 1, arbitrary: fc.constant(NJ) }, { weight: 1, arbitrary: fc.constantFrom(9223372036854775807n, -9223372036854775807n) },
  { weight: 6, arbitrary: fc.bigInt({ min: -4n, max: 4n }) });
const arbI = fc.oneof({ weight: 1, arbitrary: fc.constant(NI) }, { weight: 1, arbitrary: fc.constantFrom(2147483647, -2147483647) },
  { weight: 6, arbitrary: fc.integer({ min: -4, max: 4 }) });
const arbH = fc.oneof({ weight: 1, arbitrary: fc.constant(NH) }, { weight: 6, arbitrary: fc.integer({ min: -4, max: 4 }) });
const arbKey = fc.oneof({ weight: 1, arbitrary: fc.constant(NJ) }, { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: 5n }) });

function arbTab(maxRows: number): fc.Arbitrary<Tab> {
  return fc.integer({ min: 0, max: maxRows }).chain((n) => {
    const a = <T>(x: fc.Arbitrary<T>) => fc.array(x, { minLength: n, maxLength: n });
    return fc.record({ n: fc.constant(n), k: a(arbKey), j: a(arbJ), i: a(arbI), h: a(arbH), e: a(arbF), f: a(arbF) });
  });
}

const mk = (t: Tab): K => {
  const e = K.from(Float64Array.from(t.e));
  try {
    return q.table({
      k: BigInt64Array.from(t.k), j: BigInt64Array.from(t.j), i: Int32Array.from(t.i), h: Int16Array.from(t.h),
      e: q('`real$', e), f: Float64Array.from(t.f), p: q('{`timestamp$x}', K.from(BigInt64Array.from(t.j))),
    });
  } finally { e.dispose(); }
};


function check(t: Tab): void {
  const tk = mk(t);
  try {
    for (const c of ['j', 'i', 'h', 'e', 'f', 'p']) {
      for (const n of [0, 1, 2, 3]) {
        same(q(`{select a:${n}#desc ${c}, b:${n}#asc ${c}, s:${n} sublist desc ${c}, u:${n} sublist asc ${c} by k from x}`, tk),
          q(`{select a:{${n}#desc x} ${c}, b:{${n}#asc x} ${c}, s:{${n} sublist desc x} ${c}, u:{${n} sublist asc x} ${c} by k from x}`, tk), `${c} ${n}`);
      }
      same(q(`{select a:first desc ${c}, b:last desc ${c}, d:first asc ${c}, e:last asc ${c} by k from x}`, tk),
        q(`{select a:{first desc x} ${c}, b:{last desc x} ${c}, d:{first asc x} ${c}, e:{last asc x} ${c} by k from x}`, tk), `${c} first/last`);
      same(q(`{exec 2#desc ${c} by k from x where not null ${c}}`, tk), q(`{exec {2#desc x} ${c} by k from x where not null ${c}}`, tk), `${c} exec where`);
      same(q(`{select a:5#desc ${c} by k>2 from x}`, tk), q(`{select a:{5#desc x} ${c} by k>2 from x}`, tk), `${c} by an expression`);
    }
  } finally { tk.dispose(); }
}

describe('grouped top n equals the per-group path', () => {
  it('random tables with nulls and infinities', () => {
    fc.assert(fc.property(arbTab(30), check), { numRuns: 40 });
  });
  it('one row, no rows, all nulls', () => {
    check({ n: 1, k: [3n], j: [NJ], i: [NI], h: [NH], e: [NaN], f: [NaN] });
    check({ n: 0, k: [], j: [], i: [], h: [], e: [], f: [] });
    check({ n: 4, k: [1n, 1n, 1n, 1n], j: [NJ, NJ, 2n, NJ], i: [NI, NI, NI, NI], h: [1, NH, 1, NH], e: [NaN, -Infinity, NaN, Infinity], f: [0, -0, NaN, 0] });
  });
  it('a larger n than the kernel takes, negative n and other columns (the graded path, topn-sorted.prop.test.ts) agree', () => {
    const t = q('([]k:`a`b`a`b`a;v:5 1 4 2 3;s:`e`d`c`b`a)');
    expect(`${q('{select a:65#desc v by k from x}', t)}`).toBe(`${q('{select a:{65#desc x} v by k from x}', t)}`);
    expect(`${q('{select a:-2#desc v by k from x}', t)}`).toBe(`${q('{select a:{-2#desc x} v by k from x}', t)}`);
    expect(`${q('{select a:2#desc s by k from x}', t)}`).toBe(`${q('{select a:{2#desc x} s by k from x}', t)}`);
    t.dispose();
  });
});

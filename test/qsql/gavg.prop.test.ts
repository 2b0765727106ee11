// avg, var, dev, svar and sdev in a by (gavgs_<C>/gvars_<C>, assembly/kernels/groupagg.ts:
// the counts start as the group sizes and nulls are taken off) equal them applied
// group by group (the phrase in a lambda) on short, int, long, real and float columns with nulls,
// groups of nulls only (0n), a where before the by, one row and no rows.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { q } from '../../src/index.js';

const cell = fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: fc.integer({ min: -9, max: 9 }) });
const COL: Record<string, (x: number | null) => string> = {
  h: (x) => (x === null ? '0Nh' : `${x}h`), i: (x) => (x === null ? '0Ni' : `${x}i`), j: (x) => (x === null ? '0N' : `${x}`),
  e: (x) => (x === null ? '0Ne' : `${x / 4}e`), f: (x) => (x === null ? '0n' : `${x / 4}`),
};

function check(k: number[], v: (number | null)[]): void {
  const col = (c: string) => (v.length ? `${v.length === 1 ? 'enlist ' : ''}(${v.map(COL[c]).join(';')})` : `\`${{ h: 'short', i: 'int', j: 'long', e: 'real', f: 'float' }[c]}$()`);
  const t = q(`([] k:${k.length === 1 ? 'enlist ' : ''}${k.length ? k.join(' ') : '`long$()'}; ${Object.keys(COL).map((c) => `${c}:${col(c)}`).join('; ')})`);
  try {
    for (const w of ['', ' where k<>1']) {
      const fast = q(`{select ah:avg h, ai:avg i, aj:avg j, ae:avg e, af:avg f, vh:var h, vj:var j, df:dev f, si:svar i, se:sdev e by k from x${w}}`, t);
      const slow = q(`{select ah:{avg x} h, ai:{avg x} i, aj:{avg x} j, ae:{avg x} e, af:{avg x} f, vh:{var x} h, vj:{var x} j, df:{dev x} f, si:{svar x} i, se:{sdev x} e by k from x${w}}`, t);
      try {
        const ok = q.match(fast, slow).toJS();
        if (!ok) expect(`${fast}`).toBe(`${slow}`);
        expect(ok).toBe(true);
      } finally { fast.dispose(); slow.dispose(); }
    }
  } finally { t.dispose(); }
}

describe('avg, var, dev, svar, sdev by group equal the per-group ones', () => {
  it('random columns with nulls', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 30 }).chain((n) => fc.tuple(
      fc.array(fc.integer({ min: 0, max: 4 }), { minLength: n, maxLength: n }), fc.array(cell, { minLength: n, maxLength: n }))),
    ([k, v]) => check(k, v)), { numRuns: 60 });
  });
  it('a group of nulls only, one row, no rows', () => {
    check([1, 2, 1], [null, 3, null]);
    check([7], [null]);
    check([7], [5]);
    check([], []);
  });
});

// Property tests for the graded top-n path (src/qsql/topn.ts sortedTop): the
// phrases n#desc c, n#asc c, n sublist desc/asc c and first/last of desc/asc c
// in a by, on the columns the gtop kernel does not read (boolean, byte, char,
// symbol, guid, and long/float with n above its 64 or negative n), equal the
// per-group path (the same phrase in a lambda) on random tables with nulls and
// duplicates, with a where before the by, one row and no rows. Negative n takes
// each group's last items (take wraps around a smaller group, sublist does not).
import { describe, it } from 'vitest';
import fc from 'fast-check';
import { q, K } from '../../src/index.js';
import { same } from './same.js';

interface Tab { k: number[]; v: number[] }

const CELL: Record<string, (x: number) => string> = {
  b: (x) => (x % 2 ? '1b' : '0b'),
  x: (x) => `0x${(x * 37 % 256).toString(16).padStart(2, '0')}`,
  c: (x) => (x === 0 ? '" "' : `"${String.fromCharCode(96 + x)}"`),
  s: (x) => (x === 0 ? '`' : `\`${['zz', 'a', 'ab', 'b', 'B', 'a0', 'yy', 'q'][x % 8]}`),
  g: (x) => (x === 0 ? '0Ng' : `"G"$"${String(x % 10).repeat(8)}-0000-0000-0000-00000000000${x % 10}"`),
  j: (x) => (x === 0 ? '0N' : String(x - 4)),
  f: (x) => (x === 0 ? '0n' : x === 7 ? '-0w' : String((x - 4) / 2)),
};
const col = (c: string, xs: number[]) => (xs.length === 0 ? { b: '`boolean$()', x: '`byte$()', c: '""', s: '`$()', g: '`guid$()', j: '`long$()', f: '`float$()' }[c]
  : `${c === 'j' || c === 's' || c === 'f' ? '' : '(),'}${xs.length === 1 ? 'enlist ' : ''}${c === 'c' || c === 'x' || c === 'b' ? xs.map(CELL[c]).join(',') : `(${xs.map(CELL[c]).join(';')})`}`);

const arbTab = fc.integer({ min: 0, max: 25 }).chain((n) => fc.record({
  k: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
  v: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }),
}));


function check(t: Tab): void {
  const cols = Object.keys(CELL).map((c) => `${c}:${col(c, t.v)}`).join('; ');
  const tk = q(`([] k:${t.k.length === 1 ? 'enlist ' : ''}${t.k.length ? t.k.join(' ') : '`long$()'}; ${cols})`);
  try {
    for (const c of Object.keys(CELL)) {
      const ns = c === 'j' || c === 'f' ? [-1, -3, 65, -70] : [-2, 0, 1, 3, 70];
      for (const n of ns) {
        same(q(`{select a:${n}#desc ${c}, b:${n}#asc ${c}, s:${n} sublist desc ${c}, u:${n} sublist asc ${c} by k from x}`, tk),
          q(`{select a:{${n}#desc x} ${c}, b:{${n}#asc x} ${c}, s:{${n} sublist desc x} ${c}, u:{${n} sublist asc x} ${c} by k from x}`, tk), `${c} ${n}`);
      }
      same(q(`{select a:first desc ${c}, b:last desc ${c}, d:first asc ${c}, e:last asc ${c} by k from x}`, tk),
        q(`{select a:{first desc x} ${c}, b:{last desc x} ${c}, d:{first asc x} ${c}, e:{last asc x} ${c} by k from x}`, tk), `${c} first/last`);
      same(q(`{exec -2#desc ${c} by k from x where k<>1}`, tk), q(`{exec {-2#desc x} ${c} by k from x where k<>1}`, tk), `${c} exec where`);
    }
  } finally { tk.dispose(); }
}

describe('graded top n per group equals the per-group path', () => {
  it('random tables: boolean, byte, char, symbol, guid; long and float beyond the kernel', () => {
    fc.assert(fc.property(arbTab, check), { numRuns: 30 });
  });
  it('one row and no rows', () => {
    check({ k: [2], v: [0] });
    check({ k: [], v: [] });
    check({ k: [1, 1, 1], v: [0, 0, 5] });
  });
});

// x upsert y where x is a temporary the evaluator made ((expr) upsert y, f[] upsert y):
// when nothing else holds the table and its columns, the rows go into its own blocks
// (tableHooks.upsertOwned, as t upsert:y does for a variable) instead of a copy of every
// column. Value semantics whoever else holds it: a variable, another variable, a JS
// handle on the table or on one of its columns, a lambda's argument or local. Keyed
// tables update their keys in place and append new ones. Nothing leaks (test/setup.ts).
import { describe, it, expect, afterEach, beforeEach } from 'vitest';
import { q } from '../../src/index.js';
import { tableHooks } from '../../src/lang/values.js';
import type { K } from '../../src/k.js';

const show = (s: string): string => { const k = q(s); try { return `${k}`; } finally { k.dispose(); } };
const run = (s: string): void => { q(s).dispose(); };

// count the upserts written in place
let inPlace = 0;
const real = tableHooks.upsertOwned!;
beforeEach(() => {
  inPlace = 0;
  tableHooks.upsertOwned = (t: K, y: K) => { const r = real(t, y); if (r) inPlace++; return r; };
});
afterEach(() => {
  tableHooks.upsertOwned = real;
  run('delete ut, uu, uv, uk, uf, ug from `.');
});

describe('upsert into a temporary', () => {
  it('a fresh table from a function is written in place, and gives what the copy gives', () => {
    run('uf:{[]([]a:1 2 3;b:`x`y`z;c:1.5 2.5 3.5)}');
    expect(show('uf[] upsert (4;`w;4.5)')).toBe(show('([]a:1 2 3 4;b:`x`y`z`w;c:1.5 2.5 3.5 4.5)'));
    expect(show('uf[] upsert ([]a:5 6;b:`p`q;c:0n 1.0)')).toBe(show('([]a:1 2 3 5 6;b:`x`y`z`p`q;c:1.5 2.5 3.5 0n 1.0)'));
    expect(show('uf[] upsert ((7;`s;7.5);(8;`t;8.5))')).toBe(show('([]a:1 2 3 7 8;b:`x`y`z`s`t;c:1.5 2.5 3.5 7.5 8.5)'));
    expect(inPlace).toBe(3);
    // inside a lambda too
    expect(show('{uf[] upsert x}(4;`w;4.5)')).toBe(show('([]a:1 2 3 4;b:`x`y`z`w;c:1.5 2.5 3.5 4.5)'));
    expect(inPlace).toBe(4);
  });

  it('a table a variable holds is not changed: only temporaries are written', () => {
    run('ut:([]a:1 2;b:`x`y); uu:ut');
    expect(show('ut upsert (3;`z)')).toBe(show('([]a:1 2 3;b:`x`y`z)'));
    expect(show('(ut) upsert (3;`z)')).toBe(show('([]a:1 2 3;b:`x`y`z)'));
    expect(show('{x upsert (3;`z)} ut')).toBe(show('([]a:1 2 3;b:`x`y`z)'));
    expect(show('{t:x; t upsert (3;`z); t} ut')).toBe(show('ut'));
    expect(show('{t:([]a:1 2;b:`x`y); t upsert (3;`z); t}[]')).toBe(show('([]a:1 2;b:`x`y)'));
    expect(show('ut')).toBe(show('([]a:1 2;b:`x`y)'));
    expect(show('uu')).toBe(show('([]a:1 2;b:`x`y)'));
    expect(inPlace).toBe(0);
  });

  it('a temporary sharing columns with a variable (select with no where) is copied', () => {
    run('ut:([]a:1 2;b:`x`y)');
    expect(show('(select from ut) upsert (3;`z)')).toBe(show('([]a:1 2 3;b:`x`y`z)'));
    expect(show('(select a,b from ut) upsert (3;`z)')).toBe(show('([]a:1 2 3;b:`x`y`z)'));
    expect(show('ut')).toBe(show('([]a:1 2;b:`x`y)'));
    expect(inPlace).toBe(0);
    // a where makes new columns: written in place, ut unchanged
    expect(show('(select from ut where a>1) upsert (3;`z)')).toBe(show('([]a:2 3;b:`y`z)'));
    expect(inPlace).toBe(1);
    expect(show('ut')).toBe(show('([]a:1 2;b:`x`y)'));
  });

  it('a JS handle on the table or on a column keeps its value', () => {
    run('uf:{[]([]a:1 2;b:3 4)}');
    const t = q('uf[]');
    try {
      const r = q('{x upsert 5 6}', t);
      r.dispose();
      expect(`${t}`).toBe(show('uf[]'));
      const col = q('10 20');
      try {
        const r2 = q('{(flip `a`b!(x;x)) upsert 30 40}', col);
        try { expect(`${r2}`).toBe(show('([]a:10 20 30;b:10 20 40)')); } finally { r2.dispose(); }
        expect(`${col}`).toBe('10 20');
      } finally { col.dispose(); }
    } finally { t.dispose(); }
    expect(inPlace).toBe(0);
  });

  it('keyed: existing keys are updated where they stand, new ones appended', () => {
    run('uk:([k:`a`b`c]v:1 2 3;w:1.5 2.5 3.5)');
    expect(show('(select from uk where v>0) upsert (`b;20;0n)')).toBe(show('([k:`a`b`c]v:1 20 3;w:1.5 0n 3.5)'));
    expect(show('(select from uk where v>0) upsert ([k:`d`a]v:4 10;w:4.5 1.0)')).toBe(show('([k:`a`b`c`d]v:10 2 3 4;w:1.0 2.5 3.5 4.5)'));
    expect(show('(select from uk where v>0) upsert ((`e;5;5.5);(`e;6;6.5))')).toBe(show('([k:`a`b`c`e]v:1 2 3 6;w:1.5 2.5 3.5 6.5)'));
    expect(inPlace).toBe(3);
    // keys through the `u# hash index, which follows the appends
    run('ug:{[]([k:`u#`a`b`c]v:1 2 3)}');
    expect(show('ug[] upsert ((`d;4);(`b;20);(`e;5))')).toBe(show('([k:`u#`a`b`c`d`e]v:1 20 3 4 5)'));
    expect(show('attr (0!ug[] upsert (`z;26))`k')).toBe(show('`u'));
    expect(show('(ug[] upsert (`z;26))`z')).toBe(show('(enlist`v)!enlist 26'));
    expect(show('uk')).toBe(show('([k:`a`b`c]v:1 2 3;w:1.5 2.5 3.5)'));
  });

  it("errors leave nothing changed: 'type, 'length, 'step; q's general path answers them", () => {
    run('uf:{[]([]a:1 2;b:`x`y)}; ut:uf[]');
    expect(() => run('uf[] upsert (`x;1)')).toThrow('type');
    expect(() => run('uf[] upsert (1;`x;3)')).toThrow('length');
    expect(() => run('(`s#1!ut) upsert (3;`z)')).toThrow('step');
    expect(show('ut')).toBe(show('uf[]'));
    // a missing column: the general path gives nulls, as q does
    expect(show('uf[] upsert ([]a:enlist 3)')).toBe(show('([]a:1 2 3;b:`x`y`)'));
  });
});

// t: t upsert r (and t upsert:r) by value: when the variable alone holds the
// table, the rows are written into its own blocks (the table keeps its
// address); whenever anything else holds it, the answer is a copy and the
// other holder sees no change (q's value semantics), and errors change nothing.
import { describe, it, expect, afterEach } from 'vitest';
import { q } from '../../src/index.js';
import { evaluate } from '../../src/lang/index.js';
import { liveIndexes } from '../../src/ops/hashindex.js';

const ev = (s: string) => { const r = evaluate(s); try { return String(r); } finally { r.dispose(); } };
const run = (s: string) => { evaluate(s).dispose(); };
const addr = (name: string) => { const r = evaluate(name); try { return r.ptr; } finally { r.dispose(); } };

afterEach(() => {
  run('delete ua, ub, uc, uf from `.');
  expect(liveIndexes(), 'indexes left alive').toBe(0);
});

describe('upsert by value into a table its variable alone holds', () => {
  it('two-key table: written in place, same answers as a copy', () => {
    run('ua:([s:`a`b; j:1 2] v:1 2f); ub:([s:`a`b; j:1 2] v:1 2f)');
    const p = addr('ua');
    for (let i = 0; i < 50; i++) {
      run(`ua:ua upsert (\`s${i % 5}; ${i % 3}; ${i}f)`);
      run(`ub:ub,([s:enlist \`s${i % 5}; j:enlist ${i % 3}] v:enlist ${i}f)`);
    }
    expect(addr('ua')).toBe(p);
    expect(ev('ua')).toBe(ev('ub'));
    expect(ev('ua[(`s4;1)]`v')).toBe('49f');
    expect(ev('count ua')).toBe('17');
  });

  it('another holder keeps its value (a copy is made)', () => {
    run('ua:([k:`a`b] v:1 2); ub:ua');
    run('ua:ua upsert (`c;3)');
    run('ua:ua upsert (`a;9)');
    expect(ev('ub')).toBe(ev('([k:`a`b] v:1 2)'));
    expect(ev('ua')).toBe(ev('([k:`a`b`c] v:9 2 3)'));
  });

  it('a lambda: its argument is not changed, its local is', () => {
    run('ua:([k:`a`b] v:1 2); uf:{t:x; t:t upsert (`z;0); t upsert (`y;1)}');
    expect(ev('uf ua')).toBe(ev('([k:`a`b`z`y] v:1 2 0 1)'));
    expect(ev('ua')).toBe(ev('([k:`a`b] v:1 2)'));
  });

  it('a simple table, rows appended in place', () => {
    run('ua:([] a:1 2; b:`x`y)');
    const p = addr('ua');
    run('ua:ua upsert (3;`z)');
    run('ua:ua upsert ([] a:4 5; b:`v`w)');
    expect(addr('ua')).toBe(p);
    expect(ev('ua')).toBe(ev('([] a:1 2 3 4 5; b:`x`y`z`v`w)'));
  });

  it('errors leave the table as it was', () => {
    run('ua:([s:`a`b; j:1 2] v:1 2f)');
    const before = ev('ua');
    expect(() => run('ua:ua upsert (`a;1)')).toThrow('length');
    expect(() => run('ua:ua upsert (`c;3;`x)')).toThrow();
    expect(() => run('uc:uc upsert (`c;3;1f)')).toThrow('uc');
    expect(ev('ua')).toBe(before);
  });

  it('from JavaScript a handle is never changed (it holds the table)', () => {
    const t = q('([k:`a`b] v:1 2)');
    const r = q.upsert(t, q('(`c;3)'));
    expect(String(t)).toBe(String(q('([k:`a`b] v:1 2)')));
    expect(String(r)).toBe(String(q('([k:`a`b`c] v:1 2 3)')));
  });
});

// The `u#/`g# hash index (assembly/kernels/hashindex.ts, src/ops/hashindex.ts)
// and in-place appends to global tables (src/table/inplace.ts): find, in,
// dictionary and keyed-table lookups answer the same with and without the
// attribute on random data with nulls; the index follows appends; it goes
// with its vector (no index and no block outlives the test).
import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { q } from '../src/index.js';
import { evaluate } from '../src/lang/index.js';
import { liveIndexes, hasIndex } from '../src/ops/hashindex.js';

const ev = (s: string) => { const r = evaluate(s); try { return String(r); } finally { r.dispose(); } };
const run = (s: string) => { evaluate(s).dispose(); };
const RUNS = { numRuns: 60 };

afterEach(() => {
  run('delete ha, hb, hc, hk, hs, ht, hu, hv from `.');
  expect(liveIndexes(), 'hash indexes left alive').toBe(0);
});

/** q text for a long list (0N for null), a one-item list enlisted. */
const longs = (xs: (number | null)[]) => (xs.length === 0 ? '`long$()' : (xs.length === 1 ? 'enlist ' : '') + xs.map((x) => (x === null ? '0N' : String(x))).join(' '));
const floats = (xs: (number | null)[]) => (xs.length === 0 ? '`float$()' : (xs.length === 1 ? 'enlist ' : '') + xs.map((x) => (x === null ? '0n' : x.toFixed(1))).join(' '));
const syms = (xs: (number | null)[]) => (xs.length === 0 ? '`symbol$()' : (xs.length === 1 ? 'enlist ' : '') + xs.map((x) => (x === null ? '`' : (x < 0 ? '`n' + -x : '`s' + x))).join(''));
const cell = fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 6, arbitrary: fc.integer({ min: -20, max: 40 }) });
const list = (max: number) => fc.array(cell, { maxLength: max });

describe('find and in: the same answers through the index', () => {
  for (const [name, lit] of [['long', longs], ['float', floats], ['symbol', syms]] as const) {
    it(`${name}: x?y and y in x with g# and without`, () => {
      fc.assert(fc.property(list(60), list(30), (xs, ys) => {
        run(`ha:${lit(xs)}; hb:${lit(ys)}; hc:\`g#ha`);
        expect(ev('hc?hb')).toBe(ev('ha?hb'));
        expect(ev('hb in hc')).toBe(ev('hb in ha'));
        expect(ev('{x?y}[hc] each hb')).toBe(ev('{x?y}[ha] each hb'));
      }), RUNS);
    });
  }
  it('u#: find over distinct items, and dictionary lookup', () => {
    fc.assert(fc.property(list(60), list(30), (xs, ys) => {
      run(`ha:distinct ${longs(xs)}; hb:${longs(ys)}; hc:\`u#ha; hd:ha!til count ha`);
      expect(ev('hc?hb')).toBe(ev('ha?hb'));
      expect(ev('(hc!til count hc) hb')).toBe(ev('(ha!til count ha) hb'));
      run('delete hd from `.');
    }), RUNS);
  });
  it('the index is built on first use and freed with its vector', () => {
    run('ha:`g#10 20 30 20');
    const before = liveIndexes();
    expect(ev('ha?20 40')).toBe('1 4');
    expect(liveIndexes()).toBe(before + 1);
    const h = evaluate('ha');
    expect(hasIndex(h.ptr)).toBe(true);
    h.dispose();
    run('ha:0');
    expect(liveIndexes()).toBe(before);
  });
  it('guid, char, short, int, real, timestamp, boolean and date vectors', () => {
    for (const v of ['"abcab"', '1 2 1 0Nh', '3 0N 3i', '1.5 0n 1.5e', '2000.01.01D0 0N 2000.01.01D0', '1001b', '2001.01.01 0Nd 2001.01.01', '"G"$("8c680a01-5a49-5aab-5a65-d4bfddb6a661";"00000000-0000-0000-0000-000000000000";"8c680a01-5a49-5aab-5a65-d4bfddb6a661")']) {
      run(`ha:${v}; hc:\`g#ha`);
      expect(ev('hc?ha,reverse ha'), v).toBe(ev('ha?ha,reverse ha'));
      expect(ev('(reverse ha) in hc'), v).toBe(ev('(reverse ha) in ha'));
    }
  });
  it('-0f finds 0f and 0n finds 0n, as without the index', () => {
    run('ha:`g#1 0n 0 -0w');
    expect(ev('ha?-0 0n 0w -0w')).toBe('2 1 4 3');
  });
});

describe('appends keep the index (and the attribute where q keeps it)', () => {
  it('x,:y in place and x,y copies: answers as a fresh vector after many appends', () => {
    fc.assert(fc.property(fc.array(list(8), { maxLength: 40 }), list(20), (chunks, ys) => {
      run('ha:`g#`long$(); hb:`u#`long$()');
      for (const c of chunks) {
        run(`ha,:${longs(c)}`);
        run(`hv:ha,${longs(c.slice(0, 1))}`); // a copy sharing the prefix, made and dropped
        run('ha?0');
      }
      run(`hs:${longs(ys)}`);
      expect(ev('attr ha')).toBe('`g');
      expect(ev('ha?hs')).toBe(ev('(`#ha)?hs'));
      expect(ev('hs in ha')).toBe(ev('hs in `#ha'));
    }), { numRuns: 40 });
  });
  it('u# holds after appends of new items and is dropped by a repeated one', () => {
    run('hu:`u#1 2 3');
    run('hu,:4 5');
    expect(ev('attr hu')).toBe('`u');
    expect(ev('hu?5 9')).toBe('4 5');
    run('hu,:2');
    expect(ev('attr hu')).toBe('`');
    expect(ev('hu?2')).toBe('1');
    expect(ev('attr (`u#1 2),3')).toBe('`u');
    expect(ev('attr (`u#1 2),2')).toBe('`');
    expect(ev('attr (`u#1 2),3 3')).toBe('`');
    expect(ev('attr (`g#1 2),2')).toBe('`g');
    expect(ev('attr (`s#1 2),2 3')).toBe('`s');
    expect(ev('attr (`s#1 2),0')).toBe('`');
    expect(ev('attr (`p#1 2),3')).toBe('`');
  });
  it('a derived copy looked up while its source lives gets its own index', () => {
    run('ha:`g#5 6 7; hb:ha,8 9');
    expect(ev('hb?9 5')).toBe('4 0');
    expect(ev('ha?9 5')).toBe('3 0');
    run('ha:0');
    expect(ev('hb?8')).toBe('3');
  });
});

describe('keyed tables with u#/g# keys', () => {
  it('lookup, lj and ij answer as without the attribute', () => {
    fc.assert(fc.property(list(40), list(30), (ks, ls) => {
      const kk = `distinct ${longs(ks)}`;
      run(`hk:([k:${kk}] v:til count ${kk}); hu:([k:\`u#${kk}] v:til count ${kk}); hg:([k:\`g#${kk}] v:til count ${kk})`);
      run(`hs:([] k:${longs(ls)}; w:til count ${longs(ls)})`);
      for (const kt of ['hu', 'hg']) {
        expect(ev(`${kt}[([] k:hs\`k)]`)).toBe(ev('hk[([] k:hs`k)]'));
        expect(ev(`hs lj ${kt}`)).toBe(ev('hs lj hk'));
        expect(ev(`hs ij ${kt}`)).toBe(ev('hs ij hk'));
      }
      run('delete hg from `.');
    }), RUNS);
  });
});

describe('upsert and insert by name write in place', () => {
  it('single-row upserts equal a batch upsert, keys u# all along, and the index follows', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 15 }), fc.integer({ min: -5, max: 5 })), { maxLength: 40 }), (rs) => {
      run('hk:([k:`u#`long$()] v:`long$()); ht:([k:`long$()] v:`long$())');
      for (const [k, v] of rs) run(`\`hk upsert (${k};${v})`);
      for (const [k, v] of rs) run(`ht:ht upsert (${k};${v})`);
      expect(ev('hk~ht')).toBe('1b');
      expect(ev('attr key[hk]`k')).toBe('`u');
      expect(ev('hk[([] k:til 16)]')).toBe(ev('ht[([] k:til 16)]'));
    }), RUNS);
  });
  it('insert appends rows and answers their indexes; a duplicate key is refused unchanged', () => {
    run('ht:([] a:`g#1 2; b:`x`y)');
    expect(ev('`ht insert (3;`z)')).toBe(',2');
    expect(ev('`ht insert ((4 5);`u`v)')).toBe('3 4');
    expect(ev('ht~([] a:1 2 3 4 5; b:`x`y`z`u`v)')).toBe('1b');
    expect(ev('attr ht`a')).toBe('`g');
    expect(ev('ht.a?5 9')).toBe('4 5');
    run('hk:([k:`u#1 2] v:3 4)');
    expect(() => run('`hk insert (2;9)')).toThrow('insert');
    expect(ev('hk~([k:1 2] v:3 4)')).toBe('1b');
    expect(() => run('`hk insert (3;`x)')).toThrow('type');
    expect(ev('hk~([k:1 2] v:3 4)')).toBe('1b');
  });
  it('a table that is also held elsewhere is copied, not written through', () => {
    run('ht:([k:1 2] v:3 4); hv:ht');
    run('`ht upsert (1;30)');
    run('`ht upsert (5;50)');
    expect(ev('hv')).toBe(ev('([k:1 2] v:3 4)'));
    expect(ev('ht')).toBe(ev('([k:1 2 5] v:30 4 50)'));
  });
  it('many single-row upserts leave no index or block behind', () => {
    run('hk:([k:`u#`symbol$()] v:`float$())');
    for (let i = 0; i < 300; i++) run(`\`hk upsert (\`k${i % 120};${i}f)`);
    expect(ev('count hk')).toBe('120');
    expect(ev('hk[`k7]`v')).toBe('247f');
    expect(ev('attr key[hk]`k')).toBe('`u');
  });
});

void q;

describe('s#: within, in and find by binary search', () => {
  it('answers as without the attribute on random sorted data with nulls', () => {
    fc.assert(fc.property(list(50), list(20), cell, cell, (xs, ys, a, b) => {
      run(`ha:asc ${longs(xs)}; hb:${longs(ys)}; hc:\`#ha`);
      const lo = a === null ? '0N' : String(a), hi = b === null ? '0N' : String(b);
      expect(ev(`ha within (${lo};${hi})`)).toBe(ev(`hc within (${lo};${hi})`));
      expect(ev(`ha within ${lo} ${hi}`)).toBe(ev(`hc within ${lo} ${hi}`));
      expect(ev('hb in ha')).toBe(ev('hb in hc'));
      expect(ev('ha?hb')).toBe(ev('hc?hb'));
    }), RUNS);
  });
  it('symbols, dates and other bounds', () => {
    expect(ev('(`s#`a`b`c`d) within `b`c')).toBe('0110b');
    expect(ev('(`s#2001.01.01 2001.01.05 2001.02.01) within 2001.01.02 2001.01.31')).toBe('010b');
    expect(ev('(`s#1 2 3) within (1 2 3;2 2 2)')).toBe('110b');
    expect(ev('(`s#1 2 3) within 3 1')).toBe('000b');
    expect(ev('`b`z in `s#`a`b`c')).toBe('10b');
  });
});

describe('enumerations with a file domain', () => {
  it('`:path?syms extends the file, loads the list as the global of its name and enumerates', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'qwasm-enum-'));
    try {
      const f = join(dir, 'hd').replace(/\\/g, '/');
      expect(ev(`\`:${f}?\`a\`b\`a`)).toBe('`hd$`a`b`a');
      expect(ev('hd')).toBe('`a`b');
      expect(ev(`\`:${f}?\`c\`a`)).toBe('`hd$`c`a');
      expect(ev(`get \`:${f}`)).toBe('`a`b`c');
      expect(ev('hd')).toBe('`a`b`c');
      expect(ev('type `hd$`b')).toBe('-20h');
    } finally {
      run('delete hd from `.');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an index that grows while a copy waits to inherit it', () => {
  it('x,y made, then x looked up with many new items appended in place, then x dropped', () => {
    run('ha:`g#til 4; hb:ha,100+til 3');
    run('ha,:1000+til 5000');          // in place or not, x grows past the copy's prefix
    expect(ev('ha?4999+1000')).toBe('5003');
    run('ha:0');
    expect(ev('hb?102 3 7')).toBe('6 3 7');
    expect(ev('attr hb')).toBe('`g');
  });
  it('x looked up (its table grows) while its copy waits, then x dropped: the copy inherits the moved index', () => {
    run('ha:`g#`long$(); ha,:til 3; hb:ha,10 11');
    run('hc:ha?0');                     // index built for the first items
    run('ha:0');
    expect(ev('hb?11 2 5')).toBe('4 2 5');
    run('hb,:til 3000');
    expect(ev('hb?2999 11')).toBe('3004 4');
  });
});

describe('one key through the index', () => {
  it('kt[k] for atoms equals the lookup without the attribute, nulls and absent keys included', () => {
    fc.assert(fc.property(list(30), cell, (ks, k) => {
      const kk = `distinct ${longs(ks)}`, key = k === null ? '0N' : String(k);
      run(`hk:([k:${kk}] v:til count ${kk}); hu:([k:\`u#${kk}] v:til count ${kk})`);
      expect(ev(`hu[${key}]`)).toBe(ev(`hk[${key}]`));
      expect(ev(`hu ${key}`)).toBe(ev(`hk ${key}`));
    }), RUNS);
    run('hu:([k:`u#`a`b] v:1 2; w:"xy")');
    expect(ev('hu`b')).toBe(ev('`v`w!(2;"y")'));
    expect(ev('hu`c')).toBe(ev('`v`w!(0N;" ")'));
  });
});

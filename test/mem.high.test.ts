// Values above 2 GiB. A 2 GiB ballast block pushes the heap's end past 2^31,
// the free lists below it are drained, so every value built afterwards sits at
// an address a signed i32 cannot hold. Each case runs once on values below
// 2 GiB (the expected text) and again on values above it; the two must agree.
// Then everything is released and the engine's counters return.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { q, K } from '../src/index.js';
import { E, alloc, UNSIGNED_RESULTS, hdrCount, child } from '../src/runtime.js';

const TWO31 = 2 ** 31;

/** Fresh inputs: floats with nulls and infinities, longs, symbols, a string, a table. */
function inputs(): Record<string, K> {
  return {
    x: q('0.5*-3+(til 1000) mod 37'),
    j: q('(999-til 1000) mod 91'),
    s: q('1000#`b`a`ccc`dd`a`e'),
    c: q('"the quick brown fox jumps over the lazy dog"'),
    t: q('([] g:1000#`x`y`z`w; v:til 1000; f:1000#1.5 0n 2.25 -0w 3.0)'),
    n: q('0N 1 2 0N 5 0N'),
  };
}

// Each case: q lambda text over (x;j;s;c;t;n) → display text of its result.
const CASES: string[] = [
  'x+j', 'x*2', 'neg j', 'j-x', 'x%3', 'j mod 7', 'j div 4', 'sum x', 'avg j', 'max x', 'min j', 'sums 20#j', 'deltas 20#j',
  'n+1', 'sum n', 'abs x', 'sqrt 10#j', 'exp 5#x', 'x&j', 'x|j', 'x>j', 'j=5', 'any j>90', 'all j>=0',
  'asc x', 'desc j', 'iasc j', 'idesc x', 'asc s', 'iasc s', '`s#asc j', 'j xrank 5', 'rank s',
  'group j mod 5', 'group s', 'distinct s', 'distinct j', 's?`ccc`zz', 'j?17 90', 'j in 3 5 7', 'where j>85', '(asc j) bin 40 90',
  'count each group j', '`u#distinct j', '(`u#distinct j)?17',
  'string 5#x', 'string 5#s', '-3!20#x', '.Q.s 10#j', '"j"$x', '`int$j', '`float$j', '`$string 5#s', '`short$j', '"e"$x',
  'upper c', 'c ss "o"', 'c like "*fox*"', '" " vs c', 'ssr[c;"o";"0"]', 'reverse c', 'lower string s',
  'select sum v, avg f by g from t', 'select from t where v>990', 'update w:2*v from t where g=`x', 'exec max f by g from t',
  '`v xdesc 10#t', 'meta t', 'keys 1!t', 'ungroup select v by g from 20#t', '(1!select g, v from 8#t) lj 1!([] g:`x`y; z:10 20)',
  '-9!-8!t', '-8!5#j', '-9!-8!(x;s;c;n;j!x)', 'x~-9!-8!x',
  'x,j', '5#x', '-5#j', '10_x', 'j 1 5 9', 'reverse j', 'flip (10#j;10#x)', '(10#s)!10#x', 'raze (j;j)', 'first each (j;s)',
  '{x+1} each 3#j', '(+/)j', '(+\\)5#j', 'x xbar 10#j', 'j@where x>10', '@[10#j;2 3;neg]', '.[(j;x);(0;1);:;7]',
  'fills n', 'n^7', 'next 10#j', 'prev 10#x', 'msum[3;10#j]', 'mavg[3;10#x]', '5 cut 20#j', 'j,:til 3',
];

let expected: string[] = [];
const held: number[] = [];      // the ballast and the drained blocks
let before = { used: 0, blocks: 0 };

const run = (src: string, v: Record<string, K>): string => {
  const f = q(`{[x;j;s;c;t;n] ${src}}`);
  try {
    const r = q`${f}[${v.x};${v.j};${v.s};${v.c};${v.t};${v.n}]`;
    try { return String(r); } finally { r.dispose(); }
  } catch (e) {
    return "'" + (e as Error).message;
  } finally { f.dispose(); }
};

beforeAll(() => {

  before = { used: q.memory().used, blocks: q.memory().blocks };
  const low = inputs();
  expected = CASES.map((c) => run(c, low));
  for (const k of Object.values(low)) k.dispose();
  // the ballast: one 2 GiB block, so the heap's end passes 2^31
  held.push(alloc(4, TWO31 - 16));
  // drain the free lists: nothing later can be served from below the ballast
  for (let m = 5; m <= 30; m++) while (E.freeCount(m) > 0) held.push(alloc(4, 2 ** m - 16));
});

afterAll(() => {
  for (const p of held.splice(0)) E.r0(p);
  expect(q.memory().blocks).toBe(before.blocks);
  expect(q.memory().used).toBe(before.used);
});

describe('values above 2 GiB', () => {
  it('are allocated above 2^31, and their headers read back', () => {
    const v = inputs();
    for (const [name, k] of Object.entries(v)) {
      expect(k.ptr, name).toBeGreaterThanOrEqual(TWO31);
      expect(k.ptr % 16, name).toBe(0);
    }
    expect(hdrCount(v.x.ptr)).toBe(1000);
    expect(v.t.type).toBe(98);
    const dict = q`flip ${v.t}`;
    expect(child(dict.ptr, 0)).toBeGreaterThanOrEqual(TWO31);
    expect(v.c.count).toBe(43);
    for (const k of [...Object.values(v), dict]) k.dispose();
  });

  it.each(CASES.map((c, i) => [c, i] as const))('%s', (src, i) => {
    const v = inputs();
    try {
      expect(v.j.ptr).toBeGreaterThanOrEqual(TWO31);
      expect(run(src, v)).toBe(expected[i]);
    } finally { for (const k of Object.values(v)) k.dispose(); }
  });

  it('K.data views, toJS and K.from at high addresses', () => {
    const f = K.float([1.5, NaN, -Infinity, 4]);
    expect(f.ptr).toBeGreaterThanOrEqual(TWO31);
    const d = f.data as Float64Array;
    expect(d.byteOffset).toBe(f.ptr + 16);
    expect(Array.from(d)).toEqual([1.5, NaN, -Infinity, 4]);
    d[0] = 2.5;
    expect(String(f)).toBe('2.5 0n -0w 4');
    expect(f.toJS()).toEqual([2.5, null, -Infinity, 4]);
    const j = K.long([1n, -2n, 3n]), s = K.symbol(['a', 'bb']), b = K.boolean([true, false]), h = K.short([1, -1]);
    expect((j.data as BigInt64Array)[1]).toBe(-2n);
    expect(s.toJS()).toEqual(['a', 'bb']);
    expect(Array.from(b.data as Uint8Array)).toEqual([1, 0]);
    expect(Array.from(h.data as Int16Array)).toEqual([1, -1]);
    const o = K.from({ a: [1, 2], b: 'xy', c: [new Date(Date.UTC(2001, 0, 2))] });
    expect(o.ptr).toBeGreaterThanOrEqual(TWO31);
    expect(o.toJS()).toEqual({ a: [1, 2], b: 'xy', c: [new Date(Date.UTC(2001, 0, 2))] });
    const t = q.table({ a: [1, 2, 3], b: ['x', 'y', 'z'] });
    expect(t.toJS()).toEqual({ a: [1, 2, 3], b: ['x', 'y', 'z'] });
    expect(q.sum(j).toJS()).toBe(2);
    expect(String(q.til(5).mul(2))).toBe('0 2 4 6 8');
    for (const k of [f, j, s, b, h, o, t]) k.dispose();
  });

  it('q globals, in-place amends and appends above 2 GiB', () => {
    q('hiV:til 100; hiV[3]:-1; hiV,:100 101; hiT:([] a:til 5); hiT,:([] a:5 6); hiD:`a`b!1 2; hiD[`c]:3');
    expect(String(q('hiV 0 3 101'))).toBe('0 -1 101');
    expect(String(q('count hiT'))).toBe('7');
    expect(String(q('hiD'))).toBe('`a`b`c!1 2 3');
    q('delete hiV, hiT, hiD from `.');
  });
});

describe('the exports that return addresses', () => {
  it('UNSIGNED_RESULTS lists exactly the usize/u32 results the module exports', () => {
    const src = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? src(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [readFileSync(`${dir}/${e.name}`, 'utf8')] : []);
    const found = new Set<string>();
    for (const text of src('assembly')) {
      for (const m of text.matchAll(/^export function (\w+)\s*\([^)]*\)\s*:\s*(usize|u32)\b/gm)) found.add(m[1]!);
    }
    const exported = [...found].filter((n) => typeof (E as Record<string, unknown>)[n] === 'function').sort();
    expect([...UNSIGNED_RESULTS].sort()).toEqual(exported);
  });
});

// v[i]:y, v[i] op: y and d[k] op: y as statements of compiled code (a lambda, or a
// top-level do/while) with i and y unboxed: the item is written straight into a
// list only its variable holds (atoms.ts's amendNum). Results, types and errors
// must be the walker's; whoever else holds the list keeps its value.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { q } from '../../src/index.js';
import { evaluate, outcome as outcomeOf, walkerOnly } from './helpers.js';

const outcome = (text: string): string => outcomeOf(text, true);
const walked = (text: string): string => walkerOnly(() => outcome(text));
const same = (text: string): void => { expect(outcome(text), text).toBe(walked(text)); };

const LISTS = [
  'til 5', '1 2 0N 0W 5', '1.5 0n 0w 2 3', '10110b', '`a`b`c`d`e', '1 2 3 4 5i', '"abcde"', '(1;2;3;4;5)', '(1;`a;2.5;"c";5)',
  '`s#1 2 3 4 5', '`u#`a`b`c`d`e', '`a`b`c!1 2 3', '`a`b`c!1.5 2 0n', '`a`b`c!`x`y`z', '`a`b`c!101b', '`a`b`c!1 0N 3',
  '10 20 30!1 2 3', '(`u#`a`b`c)!1 2 3', '(`s#`a`b`c)!1 2 3', '`a`b`c!(1;2;3)', '`a`b`c!1 2 3i', '9007199254740991 1 2',
  '([] a:1 2 3)', '([k:`a`b`c] v:1 2 3)',
];
const KEYS = ['0', '1', '4', '5', '-1', '0N', '1.0', '1b', '`a', '`c', '`z', '`', '20', 'j'];
const VALS = ['1', '-3', '0N', '0W', '2.5', '0n', '1b', '`q', '`', '3i', '"x"', '9007199254740991', 'k'];
const OPS = [':', '+:', '-:', '*:', '%:', '&:', '|:', '<:', '=:', '~:'];

describe('indexed amends of unboxed items agree with the walker', () => {
  test('in a lambda, on a local and on a global, then the variable and the amended item', () => {
    fc.assert(fc.property(
      fc.constantFrom(...LISTS), fc.constantFrom(...KEYS), fc.constantFrom(...OPS), fc.constantFrom(...VALS),
      (l, i, o, y) => {
        same(`{[j;k] v:${l}; v[${i}]${o}${y}; v}[1;7]`);
        same(`gv:${l}; {[j;k] gv[${i}]${o}${y}}[1;7]; gv`);
      }), { numRuns: 1500 });
  });
  test('at the top level, in do and while loops', () => {
    for (const l of LISTS) {
      for (const text of [
        `tv:${l}; do[3; tv[1]+:1]; tv`, `tv:${l}; do[3; tv[\`b]+:2.5]; tv`, `tv:${l}; tj:2; do[2; tv[tj]:tj]; tv`,
        `tv:${l}; ti:0; while[ti<3; tv[ti]:\`s; ti+:1]; tv`, `tv:${l}; do[2; tv[0]-:1; tv[\`a]*:2]; tv`,
      ]) same(text);
    }
  });
  test('repeated amends of one item, and long overflow past 2^53 left to the kernels', () => {
    same('{v:til 3; do[1000; v[1]+:1]; v}[]');
    same('{v:9007199254740990 0; do[5; v[0]+:1]; v}[]');
    same('{v:9223372036854775806 0; v[0]+:1; v[0]+:1; v}[]');
    same('{v:`a`b!1 2; do[10; v[`b]+:0.5]; v}[]');
  });
});

describe('only a sole holder is written in place', () => {
  test('another variable, an argument and a JS handle keep their values', () => {
    same('{v:til 3; w:v; v[0]:9; (v;w)}[]');
    same('{v:x; v[0]:9; (v;x)}[til 3]');
    same('{x[0]:9; x}[til 3]');
    same('a0:til 3; {v:a0; v[1]+:5; (v;a0)}[]');
    same('a0:`a`b!1 2; a1:a0; {a0[`a]+:5}[]; (a0;a1)');
    q('za:til 5; zd:`a`b!1 2').dispose();
    const h = q('za'), hd = q('zd');
    try {
      q('{za[1]:99; za[2]+:1; zd[`b]+:1}[]').dispose();
      expect(Array.from(h.data as BigInt64Array, Number)).toEqual([0, 1, 2, 3, 4]);
      expect(String(hd)).toBe('`a`b!1 2');
      expect(String(q('za'))).toBe('0 99 3 3 4');
      expect(String(q('zd'))).toBe('`a`b!1 3');
    } finally { h.dispose(); hd.dispose(); q('delete za, zd from `.').dispose(); }
  });
  test('the sole holder keeps its block (no copy) through many amends', () => {
    evaluate('zy:til 100000; zz:`a`b`c!1 2 3').dispose();
    const a = q('zy'), b = q('zz'); const pa = a.ptr, pb = b.ptr; a.dispose(); b.dispose();
    try {
      q('{do[1000; zy[7]+:1; zz[`c]+:2]}[]; do[10; zy[8]:3]').dispose();
      const a2 = q('zy'), b2 = q('zz');
      try {
        expect(a2.ptr).toBe(pa); expect(b2.ptr).toBe(pb);
        expect(String(q('(zy 7 8;zz)'))).toBe('(1007 3;`a`b`c!1 2 2003)');
      } finally { a2.dispose(); b2.dispose(); }
    } finally { q('delete zy, zz from `.').dispose(); }
  });
  test('a view sees the amended variable', () => {
    q('zv:1 2 3; zw::sum zv').dispose();
    try {
      expect(String(q('zw'))).toBe('6');
      q('do[2; zv[0]+:10]').dispose();
      expect(String(q('zw'))).toBe('26');
    } finally { q('delete zv, zw from `.').dispose(); }
  });
  test('errors leave the variable as it was and nothing behind', () => {
    for (const text of [
      '{v:til 3; v[5]:1; v}[]', '{v:til 3; v[0]:`a; v}[]', '{v:`a`b!1 2; v[`a]:`x; v}[]', 'gv:til 3; {gv[-1]+:1}[]; gv',
      'gv:1 2 3; {gv[0]+:`a}[]', 'gv:1 2 3; do[2; gv[1]:2.5]; gv',
    ]) same(text);
  });
});

describe('x,:y on a list only its variable holds grows it in place', () => {
  const XS = [
    '0#0', 'til 3', '1.5 2', '`a`b', '"ab"', '101b', '1 2i', '()', '(1;`a)', '(1 2;3 4)', '`s#1 2 3', '`u#`a`b', '`a`b!1 2',
    '`g#1 1 2', '0#`', '(`a;"b")',
  ];
  const YS = ['1', '2 3', '`c', '`c`d', '"c"', '"cd"', '0b', '1.5', '3i', '()', '(4;5)', '(1 2;3 4)', '`c!3', '([] a:enlist 3)', '{x}', '0N', '3 1'];
  test('in a lambda (a local and a global) and in a top-level loop, as the walker', () => {
    for (const x of XS) {
      for (const y of YS) {
        same(`{v:${x}; v,:${y}; v,:${y}; v}[]`);
        same(`gl:${x}; {gl,:${y}}[]; gl`);
        same(`gl:${x}; do[3; gl,:${y}]; gl`);
      }
    }
  });
  test('a list held elsewhere keeps its value; the variable sees every append', () => {
    same('{v:til 2; w:v; v,:5; (v;w)}[]');
    same('{x,:5; x}[til 2]');
    same('{v:x; v,:5; (v;x)}[til 2]');
    same('{v:0#0; do[1000; v,:1]; (count v; sum v)}[]');
    same('{v:(); do[100; v,:`a]; (count v; type v; distinct v)}[]');
    same('gl:0#0; gm:gl; do[10; gl,:1]; (gl;gm)');
    q('zl:1 2').dispose();
    const h = q('zl');
    try {
      q('do[5; zl,:3]').dispose();
      expect(String(h)).toBe('1 2');
      expect(String(q('zl'))).toBe('1 2 3 3 3 3 3');
    } finally { h.dispose(); q('delete zl from `.').dispose(); }
  });
  test('a namespace lambda appending to a root global of the same name writes its own namespace', () => {
    same('gl:1 2; .t.f:{gl,:3}; .t.f[]; (gl;.t.gl)');
  });
});

describe('x[k],:y with k and y unboxed appends into the item in place', () => {
  const XS = [
    '`a`b!(();())', '`a`b!(1 2;3 4)', '`a`b!(1 2;`c`d)', '`a`b!(1.5 2;0#0)', '`a`b!(`x;`y`z)', '`a`b!1 2', '1 2!(3 4;5 6)',
    '(1 2;3 4)', '(1 2;`a`b;"cd")', '((1;`a);2 3)', '`a`b!((1 2;3);4 5)', '(`u#`a`b)!(1 2;3 4)', '`a`b!(`s#1 2;3 4)', '(til 3;til 3)',
  ];
  const KS = ['`a', '`b', '`z', '0', '1', '2', '-1', '0N', '1.0'];
  const YS = ['5', '0N', '2.5', '`q', '1b', '3i'];
  test('in a lambda, on a global and at the top level, as the walker', () => {
    for (const x of XS) {
      for (const k of KS) {
        for (const y of YS) {
          same(`{v:${x}; v[${k}],:${y}; v[${k}],:${y}; v}[]`);
          same(`ga:${x}; do[3; ga[${k}],:${y}]; ga`);
        }
      }
    }
  });
  test('an item or list held elsewhere keeps its value', () => {
    same('{v:`a`b!(1 2;3 4); w:v`a; do[5; v[`a],:9]; (v;w)}[]');
    same('{v:`a`b!(1 2;3 4); w:value v; v[`b],:9; (v;w)}[]');
    same('{v:(1 2;3 4); w:v; v[0],:9; (v;w)}[]');
    same('ga:`a`b!(0#0;0#0); do[1000; ga[`b],:1]; (count each ga; sum ga`b)');
    q('zd:`a`b!(1 2;3 4)').dispose();
    const h = q('zd`a');
    try {
      q('do[3; zd[`a],:7]').dispose();
      expect(String(h)).toBe('1 2');
      expect(String(q('zd'))).toBe('`a`b!(1 2 7 7 7;3 4)');
    } finally { h.dispose(); q('delete zd from `.').dispose(); }
  });
});

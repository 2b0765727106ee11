// Unboxed symbols in compiled lambdas (atoms.ts's NUM with type -11, the
// symbol's id): literals, locals, comparisons, conditionals, results collected by
// each into a symbol vector, arguments passed between lambdas, and items read
// in place from a global vector or dictionary must give exactly what the tree
// walker gives: the same text, type and q error. Symbols order by their text
// (byte order), never by id, and the null symbol ` is below every other.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { evaluate, outcome as outcomeOf, walkerOnly } from './helpers.js';

const outcome = (text: string): string => outcomeOf(text, true);
const walked = (text: string): string => walkerOnly(() => outcome(text));
const same = (text: string): void => { expect(outcome(text), text).toBe(walked(text)); };

// symbols interned in an order unlike their text's order (ids: zz before a), and non-ASCII text
const SETUP = 'zz:`zz; sB:`B; sa:`a; se:`$"\\303\\251"; sab:`ab';
const SYMS = ['`a', '`b', '`', '`ab', '`B', '`zz', '`$"\\303\\251"', '`$"a b"', '`$""', 'sa', 'se'];
const ATOMS = [...SYMS, '0', '1', '0N', '1.5', '0n', '1b', '3i', '"a"', '2000.01.01'];
const OPS = ['=', '<>', '<', '>', '<=', '>=', '~', '+', '&', '|'];

/** Lambda bodies over x and y that keep symbols unboxed. */
const SHAPES = [
  (o: string) => `{x${o}y}`,
  (o: string) => `{c:x${o}y; c}`,
  (o: string) => `{$[x${o}y;x;y]}`,
  (o: string) => `{$[x${o}y;\`yes;\`no]}`,
  (o: string) => `{$[x${o}\`a;1;x${o}\`;2;3]}`,
  (o: string) => `{c:x; d:\`zz; $[c${o}d;c;d]}`,
  (o: string) => `{g:{$[x${o}y;x;y]}; g[x;y]}`,
  (o: string) => `{g:{x${o}y}; (g[x;y];g[y;x])}`,
  (o: string) => `{g:{x}; h:{y}; g[x]${o}h[0;y]}`,
  (o: string) => `{if[x${o}y; :x]; y}`,
  (o: string) => `{(x;y;x${o}y)}`,
  (o: string) => `{x${o}y}'[(x;y;x);(y;x;\`a)]`,
  (o: string) => `{$[x${o}y;x;\`q]}'[(x;y;x);(y;x;\`a)]`,
];

describe('unboxed symbols agree with the walker', () => {
  test('random shapes, operators and atoms (symbols against symbols and other types)', () => {
    evaluate(SETUP).dispose();
    fc.assert(fc.property(
      fc.constantFrom(...ATOMS), fc.constantFrom(...OPS), fc.constantFrom(...SYMS, ...ATOMS), fc.nat(SHAPES.length - 1),
      (a, o, b, s) => same(`${SHAPES[s](o)}[${a};${b}]`),
    ), { numRuns: 2000 });
  });

  test('symbols order by text, not by id; the null symbol first', () => {
    evaluate(SETUP).dispose();
    for (const text of [
      '{x<y}[`zz;`a]', '{x>y}[`zz;`a]', '{x<y}[`;`a]', '{x<=y}[`;`]', '{x<y}[`B;`a]', '{x<y}[`a;`ab]',
      '{x>y}[`$"\\303\\251";`z]', '{x<y}[`$"a b";`a]', '{$[x<y;x;y]}\'[`zz`a``B`ab;`a`zz`a`b`a]',
      '{x~y}[`a;`a]', '{x~y}[`a;`b]', '{x~y}[`a;"a"]', '{x~y}[1;1f]', '{x~y}[1;1]', '{x~y}[1.5;1.5]', '{x~y}[1b;1]', '{x~y}[`;`]',
    ]) same(text);
  });

  test('each over a symbol vector writes symbols into a symbol vector; mixed results fall back to a list', () => {
    evaluate(SETUP).dispose();
    for (const text of [
      '{$[x=`a;`b;x]} each `a`b`c`a`', '{x} each `a`b`', '{$[x=`a;`z;1]} each `a`b', '{$[x=`b;`z;1]} each `a`b',
      '{$[x=`a;1;2]} each `a`b`c`', '{$[x<`b;x;`b]} each 0#`', '{$[x<`b;x;`b]} each enlist`a', '{`a} each til 3',
      '{$[x;1;2]} each `a`b', '{x+1} each `a`b', '{x<1} each `a`b', '{c:x; c} each `a`b!`c`d', '{x=`a} each ([] a:`a`b)',
      "{$[x=y;`same;x]}'[`a`b`c;`a`c`c]", "{$[x=y;x;`]}'[`a`b;`a]",
    ]) same(text);
  });

  test('a global vector or dictionary indexed by an unboxed key', () => {
    for (const setup of [
      'd:`a`b`c!1 2 3', 'd:`a`b`c!1.5 0n 2', 'd:`a`b`c!`x`y`', 'd:`a`b`c!101b', 'd:`a`b`c!1 0N 0W', 'd:`a`b`c!1 2 3i',
      'd:`a`b`c!("x";2;`z)', 'd:(`u#`a`b`c)!1 2 3', 'd:(`s#`a`b`c)!1 2 3', 'd:`a`b`a!1 2 3', 'd:`a`b`c!(1 2;3 4;5 6)',
      'd:1 2 3!10 20 30', 'd:1 2 3!`x`y`z', 'd:10 20 30', 'd:`x`y`z', 'd:1.5 2.5', 'd:101b', 'd:"abc"', 'd:(1;`a;2.5)',
      'd:{x+1}', 'd:([] a:1 2 3)', 'd:([k:`a`b`c] v:1 2 3)', 'd:9007199254740993 1', 'd:0#`', 'd:()!()',
    ]) {
      for (const text of [
        '{d x} each `a`b`c`z`', '{d[x]} each 0 1 2 3 -1 0N', '{d x}\'[1 2 4]', '{d[x]+1} each `a`b`z', '{$[d[x]>1;`big;`small]} each `a`b`c',
        '{$[d[x]=`y;1;2]} each `a`b`c', '{c:d x; c} each `a`c', '{d[x]} 1.0', '{d[x]} 1b', '{d[`a]}[]', '{d[0]}[]',
        '{g:{d x}; g[x]} each `a`b', '{e:x; d e} each `a`b`c`z',
      ]) same(`${setup}; ${text}`);
    }
  });

  test('a local or a missing global of the same name is not read as the global', () => {
    for (const text of [
      'd:`a`b!1 2; {d:`a`b!3 4; d x} each `a`b', 'd:`a`b!1 2; {[d;x] d x}[`a`b!5 6;`b]', '{nosuch x} `a', 'd:`a`b!1 2; .t.d:`a`b!7 8; .t.f:{d x}; .t.f each `a`b',
      'd:`a`b!1 2; {d::`a`b!9 9; d x} each `a`b',
    ]) same(text);
  });

  test('errors leave nothing behind (leak check in setup), then calls go on', () => {
    for (const text of [
      '{x+`a} `b', "{$[x=`a;'`boom;x]} each `b`a", '{d x} `a', "{g:{$[x=`a;'`boom;x]}; g x} each `b`a",
      '{x<y}[`a;1]', '{x>y}[1;`a]', '{x=y}[`a;1.5]',
    ]) same(text);
    same('{$[x=`a;1;2]} each `a`b');
  });
});

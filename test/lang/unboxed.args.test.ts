// Unboxed arguments: f[a;b] inside a compiled lambda, with a and b built of
// locals, constants and arithmetic, hands them to a compiled lambda's parameter
// slots as JS numbers (eval.ts applyNums). The callee must see exactly what a
// boxed atom gives it: in arithmetic, returned, stored, indexed, joined, passed
// on, matched by a pattern, in the walker; rank errors and projections as before.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { outcome as outcomeOf, walkerOnly } from './helpers.js';

const outcome = (text: string): string => outcomeOf(text, true);
const walked = (text: string): string => walkerOnly(() => outcome(text));

const ATOMS = [
  '0', '1', '-1', '7', '0N', '0W', '-0W', '9007199254740991', '9007199254740992', '4611686018427387904',
  '0.0', '-0.0', '1.5', '0n', '0w', '-0w', '1e308', '3i', '0b', '5h', '2000.01.01', '`a',
];
const OPS = ['+', '-', '*', '%', '<', '='];

/** Callees: what a parameter can meet. */
const CALLEES = [
  '{x}', '{y}', '{x+y}', '{(x;y)}', '{x,y}', '{c:x; c+:y; c}', '{[a;b] a-b}', '{x*y-1}', '{$[x<y;x;y]}',
  '{type x}', '{x[0]}', '{enlist x}', '{x+y+1i}', '{c:x; d:y; (c;d;c+d)}', '{[a;b] {x+y}[a;b]}', '{x y}',
  '{x+y+z}', '{[a;(b;c)] a}', '{{x}[x]+y}', '{@[(x;y);0;neg]}', '{c:x; select from ([] a:1 2 3) where a>c}',
];
/** Call sites inside a compiled lambda (arguments of locals, constants and arithmetic). */
const SITES = [
  (f: string, o: string) => `{g:${f}; g[x${o}y;y]}`,
  (f: string, o: string) => `{g:${f}; g[x;1${o}y]}`,
  (f: string, o: string) => `{g:${f}; c:x${o}1; g[c;c]}`,
  (f: string, o: string) => `{g:${f}; g[x${o}y]}`,
  (f: string, o: string) => `{g:${f}; g[x;y;x${o}y]}`,
  (f: string, o: string) => `{g:${f}; 1+g[2.5${o}x;y]}`,
];

describe('unboxed arguments into compiled lambdas agree with the walker', () => {
  test('random callees, call sites and atoms', () => {
    fc.assert(fc.property(
      fc.constantFrom(...ATOMS), fc.constantFrom(...ATOMS), fc.constantFrom(...CALLEES), fc.constantFrom(...OPS), fc.nat(SITES.length - 1),
      (a, b, f, o, s) => {
        const text = `${SITES[s](f, o)}[${a};${b}]`;
        expect(outcome(text), text).toBe(walked(text));
      }), { numRuns: 2500 });
  });
  test('recursion through .z.s and by name, with a global .z.s defined or not', () => {
    // depths well inside the walker's JS stack (it signals 'stack at 600-800 levels, fewer
    // when the suite has left its frames unoptimised), or both paths meet 'stack
    for (const text of [
      '{$[x<2;x;.z.s[x-1]+.z.s[x-2]]} 20', '{$[x<2;x;.z.s[x-1]+.z.s[x-2]]} 12.5', '{[n;a] $[n<1;a;.z.s[n-1;a+n]]}[100;0]',
      '{[n;a] $[n<1;a;.z.s[n-1;a*2]]}[70;1]', '{[n;a] $[n<1;a;.z.s[n-1;a*2]]}[70;1.0]', 'f:{$[x<1;0;1+f x-1]}; f 250',
      'f:{$[x<1;y;f[x-1;y+0.5]]}; f[10;0]', '{$[x<1;`done;.z.s x-1]} 5', '{$[x>0;.z.s x-1;x]} 3',
      '{$[x<1;0;1+.z.s x-1]} 3000',
    ]) expect(outcome(text), text).toBe(walked(text));
  });
  test('errors inside the callee leave nothing behind (leak check in setup), then calls go on', () => {
    for (const text of [
      "{g:{'`boom}; g[x+1]} 1", '{g:{x+`a}; g[x-1;y]}[1;2]', '{g:{x+`a}; g[x-1]}[1]', '{g:{[a;b;c] a}; g[x;x]}[1]',
      '{$[x<1;.z.s[x;x];.z.s x-1]} 2', '{g:{x+y}; (g[x;y];g[x;y+1])}[1;2]',
    ]) expect(outcome(text), text).toBe(walked(text));
  });
});

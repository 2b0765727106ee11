// Unboxed atoms in compiled lambdas (src/lang/compile.ts, atoms.ts's NUM):
// locals and results computed as JS numbers must give exactly what the tree
// walker and the kernels give (same text, same type, same q error), at the
// edges where plain doubles differ from q: 64-bit wrap, 0N/0W, 0n/0w, -0.0,
// int/short/boolean operands, tolerant float comparison.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { evaluate, outcome as outcomeOf, walkerOnly } from './helpers.js';

const outcome = (text: string): string => outcomeOf(text, true);
/** The outcome with the tree walker only. */
const walked = (text: string): string => walkerOnly(() => outcome(text));

const ATOMS = [
  '0', '1', '-1', '2', '7', '-7', '0N', '0W', '-0W', '9007199254740991', '9007199254740992', '-9007199254740993',
  '4611686018427387904', '3037000500', '4294967296', '0.0', '-0.0', '1.5', '0.1', '0.3', '1e308', '-1e308', '0n', '0w', '-0w',
  '1e-320', '3i', '0Ni', '0Wi', '1b', '0b', '5h', '0x0f', '2000.01.01', '12:00:00.000', '`a',
];
const OPS = ['+', '-', '*', '%', '&', '|', '<', '>', '<=', '>=', '=', '<>'];

/** Lambda bodies over x and y whose locals and values the compiler keeps unboxed. */
const SHAPES = [
  (o: string, p: string) => `{c:x${o}y; c}`,
  (o: string, p: string) => `{c:x${o}y; c${p}x}`,
  (o: string, p: string) => `{c:x${o}y; d:c${p}y; d${o}c}`,
  (o: string, p: string) => `{c:x; c${o}:y; c}`,
  (o: string, p: string) => `{c:x${o}y; c${p}2}`,
  (o: string, p: string) => `{c:x${o}y; 0.5${p}c}`,
  (o: string, p: string) => `{c:x${o}y; $[c;c;x${p}y]}`,
  (o: string, p: string) => `{c:x${o}y; (c;c${p}1)}`,
  (o: string, p: string) => `{c:x${o}y; :c${p}3; 0}`,
  (o: string, p: string) => `{c:x${o}y; if[c${p}0; :c]; -1}`,
  (o: string, p: string) => `{c:x${o}y; c,c}`,
  (o: string, p: string) => `{c:x${o}y; y:c; x${p}y}`,
];

/** Bodies whose value comes from calls of lambdas that answer unboxed, and conditionals over them. */
const CALLS = [
  (o: string, p: string) => `{ug:{x${o}y}; ug[x;y]${p}1}`,
  (o: string, p: string) => `{ug:{c:x${o}y; c}; ug[y;x]${p}ug[x;y]}`,
  (o: string, p: string) => `{ug:{x${o}1}; $[x<y; ug x; ug[y]${p}x]}`,
  (o: string, p: string) => `{ug:{x${p}y}; 2${o}ug[x;y]}`,
  (o: string, p: string) => `{ug:{x${o}y}; (ug[x;y];ug[y;x]${p}0)}`,
  (o: string, p: string) => `{ug:{x}; uh:{y}; ug[x]${o}uh[0;y]${p}x}`,
  (o: string, p: string) => `{{x${o}y}[x;y]${p}x}`,
  (o: string, p: string) => `{ug:{'\`boom}; $[x${o}y; ug x; x${p}1]}`,
];

describe('unboxed atoms agree with the walker', () => {
  test('values returned unboxed by called lambdas', () => {
    fc.assert(fc.property(
      fc.constantFrom(...ATOMS), fc.constantFrom(...OPS), fc.constantFrom(...OPS), fc.constantFrom(...ATOMS), fc.nat(CALLS.length - 1),
      (a, o, p, b, s) => {
        const text = `${CALLS[s](o, p)}[${a};${b}]`;
        expect(outcome(text), text).toBe(walked(text));
      }), { numRuns: 1200 });
    for (const text of [
      '{$[x<2;x;.z.s[x-1]+.z.s[x-2]]} 15', '{$[x<2;x;.z.s[x-1]+.z.s[x-2]]} 15.0', '{$[x<2;1;x*.z.s x-1]} 25', '{$[x<2;1;x*.z.s x-1]} 21',
      '{$[x<2;1f;x*.z.s x-1]} 30', 'ff:{$[x<1;x;ff[x-1]+1]}; ff 50', '{$[x<1;`a;.z.s x-1]} 3', '{$[x<1;0N;1+.z.s x-1]} 3',
    ]) expect(outcome(text), text).toBe(walked(text));
  });

  test('random atoms, operators and lambda shapes, called directly', () => {
    fc.assert(fc.property(
      fc.constantFrom(...ATOMS), fc.constantFrom(...OPS), fc.constantFrom(...OPS), fc.constantFrom(...ATOMS), fc.nat(SHAPES.length - 1),
      (a, o, p, b, s) => {
        const text = `${SHAPES[s](o, p)}[${a};${b}]`;
        expect(outcome(text), text).toBe(walked(text));
      }), { numRuns: 1500 });
  });

  test('through each-both, each, over and scan: the iterators take unboxed results', () => {
    const vec = fc.array(fc.constantFrom('0', '1', '-1', '7', '0N', '0W', '-0W', '4611686018427387904', '9007199254740991'), { minLength: 1, maxLength: 6 });
    const fvec = fc.array(fc.constantFrom('0.0', '-0.0', '1.5', '0n', '0w', '-0w', '1e308'), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(
      fc.oneof(vec, fvec), fc.oneof(vec, fvec), fc.constantFrom(...OPS), fc.constantFrom(...OPS), fc.nat(SHAPES.length - 1),
      (xs, ys, o, p, s) => {
        const n = Math.min(xs.length, ys.length);
        const a = `(${xs.slice(0, n).join(';')})`, b = `(${ys.slice(0, n).join(';')})`;
        const f = SHAPES[s](o, p);
        for (const text of [`${f}'[${a};${b}]`, `${f}[;1] each ${a}`, `${f}/[${a}]`, `${f}\\[${a}]`, `${f}/[1;${b}]`]) {
          expect(outcome(text), text).toBe(walked(text));
        }
      }), { numRuns: 600 });
  });

  test('unboxed locals seen by code the compiler leaves to the walker', () => {
    for (const text of [
      '{c:x+1; select from ([] a:1 2 3) where a<c} 1', '{c:x+1; d:c*2; exec a from ([] a:1 2 3) where a<d} 1',
      '{c:x+1; c[0]} 5', '{c:x+1; @[(c;c);0;neg]} 5', '{c:x+1; d:(c;c); d[0]:7; d} 1', '{c:x*2; c:c,c; c} 3',
      '{c:x+1; value "c"} 1', '{c:x+1; c:`sym; c} 1', '{c:x+1; c:c+1.5; c} 1', '{c:x; c+:1; c-:0.5; c} 2',
    ]) expect(outcome(text), text).toBe(walked(text));
  });

  test('a long result past 2^53 wraps as the kernels do', () => {
    expect(outcome("{c:x*y; c}'[4611686018427387904 3037000500;2 3037000500]")).toBe(walked("{c:x*y; c}'[4611686018427387904 3037000500;2 3037000500]"));
    expect(outcome('{x+y}/[9223372036854775806 1]')).toBe('-7 0W');
    expect(outcome('{x+y}/[9223372036854775806 2]')).toBe('-7 0N');
  });

  test('a global atom updated in place only while nothing else holds it', () => {
    for (const text of [
      'a:0; do[1000;a+:1]; a', 'b:1.5; do[3;b*:2]; b', 'c:5; d:c; do[2;c+:1]; (c;d)', 'e:9223372036854775806; do[2;e+:1]; e',
      'g:5; h:(g;g); do[2;g-:1]; (g;h)', 'k:1i; do[2;k+:1]; k', 'm:2; do[3;m%:2]; m', 'n:0; do[3;n+:0.5]; n', 'p:2; do[2;p-:1.5]; p',
      'i:0; while[i<10; i+:1]; i', 'r:1; l:enlist r; do[2;r+:1]; (r;l)', 's:0N; do[2;s+:1]; s', 't:0w; do[2;t-:1]; t',
    ]) expect(outcome(text), text).toBe(walked(text));
    // a JS handle on the value keeps it: the global moves on, the handle does not
    const held = evaluate('a:41; a');
    try {
      evaluate('do[3;a+:1]').dispose();
      expect(held.toString()).toBe('41');
      expect(outcome('a')).toBe('-7 44');
    } finally { held.dispose(); }
  });

  test('recursion and frames reused across calls keep nothing between them', () => {
    expect(outcome('{$[x<2;x;.z.s[x-1]+.z.s[x-2]]} 20')).toBe('-7 6765');
    expect(outcome('f:{c:x+1; $[x>0; (c;f x-1); c]}; f 3')).toBe(walked('f:{c:x+1; $[x>0; (c;f x-1); c]}; f 3'));
    // a local set in one call is unset in the next: reading it is an error
    expect(outcome('g:{$[x;c:1;c]}; (g 1;@[g;0;{x}])')).toBe(walked('g:{$[x;c:1;c]}; (g 1;@[g;0;{x}])'));
  });
});

// The compiled interpreter (src/lang/compile.ts) against the tree walker it
// replaced: every expression gives the same text or the same q error either way.
// The walker runs when the compiler hooks are switched off.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { err, js, outcome as outcomeOf, walkerOnly } from './helpers.js';

/** The console text of q text, or its error as 'name. */
const outcome = (text: string): string => outcomeOf(text);
/** The outcome with the walker only. */
const walked = (text: string): string => walkerOnly(() => outcome(text));

const same = (text: string) => expect(outcome(text), text).toBe(walked(text));

describe('compiled lambdas behave as the walker', () => {
  test.each([
    // returns in every position
    '{if[x>0; :1]; 2} 5', '{if[x>0; :1]; 2} -5', '{do[3; if[x; :`a]]; `b} 1b', '{do[3; if[x; :`a]]; `b} 0b',
    '{$[x;:1;:2]; 3} 1b', '{$[x;:1;2]; 3} 0b', '{a:1; :a+1; 5}[]', '{i:0; while[1b; i+:1; if[i>4; :i]]}[]',
    '{:x}', '{x; :y; z}[1;2;3]', '{[a] $[a; [:1]; 2]} 1b', '{(:x)+1} 2', '{1+:x} 3',
    // locals, parameters and globals
    '{x:x+1; x} 1', '{x+:1; x} 1', '{a:x; a,:2; a} 1', '{a::x; a} 7', '{b:x; {b} 1}[3]',
    '{[a;b] c:a*b; d:c+a; d-b}[3;4]', '{y}[1]', '{x+y}[1]', '{x+y}[;2] 3', '{x}[]', '{a}[]', '{a:1; a}[]',
    // conditions
    '{$[x;`t;`f]} 0b', '{$[x;`t;`f]} 1', '{$[x;`t;`f]} 0', '{$[x=1;`a;x=2;`b;`c]} 2', '{$[x=1;`a;x=2;`b;`c]} 3',
    '{$[x;1;2]} 1 2', '{$[x;1;2]} `a', '{if[x;y]; 3}[1b;2]', '{while[x;x-:1]; x} 5', '{do[x;y+:1]; y}[3;10]',
    '{do[x;y+:1]; y}[2.5;1]', '{do[-1;y+:1]; y}[0;1]',
    // errors leave the call cleanly
    '{x+`a} 1', "{'`boom} 1", '{[a;b] a+b}[1;2;3]', '{x[5]} 1 2', '{undefined_name_q} 1',
    // recursion and .z.s
    '{$[x<2;x;.z.s[x-1]+.z.s[x-2]]} 15', '{$[x=0;1;x*.z.s x-1]} 10',
    // iterators over lambdas
    '{x+1} each 1 2 3', '{1} each 1 2 3', '{x+1} each 0#0', '{x+1} each ()', "{x*y-z}'[1 2 3;10;4 5 6]",
    '{x+1} each `a`b', "{x+y}'[1 2;1 2 3]", '{neg x} each 1.5 2', '{x+1} each (1 2;3 4)', '{x=`a} each `a`b',
    "{x%y}'[1 2 3;0 1 0]", '{$[x;1;2.0]} each 101b', '{x} each 1 2 3', '{(x;x)} each 1 2', '{x+y}/[1 2 3]',
    '{x+y}\\[1 2 3]', '{x,y}/[();1 2 3]', '{x+y}/[10;1 2 3]', '{x+y+z}/[0;1 2 3;4 5 6]', "{x-y}':[1 4 9]",
    '{x,y}\\:[1 2;3 4]', '{x,y}/:[1 2;3 4]', '{x*2}/[3;1]', '{x*2}\\[3;1]', '{x<100}{x*2}/1', '{x div 2}\\[100]',
    '{x,x}/[2;enlist 1]', '{x+1} each 1 2!3 4', '{x`a} each ([] a:1 2)', "{x+y}'[1;2]", '{x} each "ab"',
    '{`$x} each ("a";"bc")', '{x+1} each 2000.01.01 2000.01.02', '{x&y}/[3 1 2]', "{x|y}'[1 2;3 0]",
    // errors part way through an iterator release what was collected
    "{$[x=2;'`boom;x]} each 1 2 3", "{$[x=3;'`boom;x]} each 1 2 3", "{$[x=2;'`boom;`a]} each 1 2 3",
    "{$[x=3;'`boom;x=2;`a;x]} each 1 2 3", '{x+y}/[(1;2;`a)]', '{x+y}\\[(1;2;`a)]', "{$[x>1;'`e;x]}':[1 2 3]",
    "{$[y=2;'`e;x+y]}/[0;1 2 3]", "{$[z=2;'`e;x+y+z]}/[0;1 2 3;1 2 3]", "{x,y}\\:[1 2;`a`b]", "{$[y=`b;'`e;y]}/:[1;`a`b]",
    '{x} each (1 2;3 4)', '{x 0} each (1 2;3 4)', '{(x;x)} each 1 2 3', '{x}\\[1 2 3]', '{y}/[1 2 3]',
    // atom arithmetic at the edges (the JS fast path must agree with the kernels)
    '{x+1} 9223372036854775806', '{x*y}[3037000500;3037000500]', '{x+1} 0N', '{x-1} -0W', '{x+1} 0W',
    '{x*y}[4294967296;4294967296]', '{x+y}[9007199254740992;1]', '{x+y}[0n;1]', '{x-y}[0w;0w]', '{x%y}[0;0]',
    '{x%y}[1;0]', '{x%y}[-1;0]', '{x%y}[7;2]', '{x<y}[0N;1]', '{x=y}[0n;0n]', '{x=0.3} 0.1+0.2', '{x<y}[1.0;1.0+1e-15]',
    '{x&y}[0N;1]', '{x|y}[0n;1.0]', '{x+y}[1i;2]', '{x+y}[1h;2]', '{x+y}[1b;2]', '{x+y}[2000.01.01;1]',
    '{x+1.5} 2', '{1.5+x} 2', '{2-x} 5', '{x*2.0} 0N', '{x-y}[-0.0;0.0]', '{x+1} 1 2 3', '{x<2} 1 2 3',
    // conditions that compare atoms without making a boolean
    '{$[x<2;`a;`b]} 0N', '{$[x<2;`a;`b]} 1.5', '{$[x<y;`a;`b]}[0n;1]', '{$[x=y;`a;`b]}[0.1+0.2;0.3]',
    '{$[2>x;`a;`b]} 1', '{$[x>y;1;2]}[1 2;1]', '{$[x<>y;1;2]}[3;3]', '{$[x<=y;1;2]}[-0W;0N]', '{$[x>=3;1;2]} 3i',
    'i:0; while[i<3.5; i+:1]; i', 'i:0; while[5>i; i+:1]; i', 'n:4; i:0; while[i<n; i+:1]; i', '{i:0; while[i<x; i+:1]; i} 7',
    '{if[x=`a; :1]; 2} `a', '{$[x~1;`a;`b]} 1', '{$[.z.s~.z.s;1;2]} 0',
    // the body's value computed into a local's own atom
    "{c:x+y; c*2}'[1 2;3 4]", '{c:x; c*2} 3', '{c:x+1; c+0.5} 1', '{c:1.5*x; c*2} 2', '{c:x+1; (c;c*2)} 1',
    '{c:x+1; d:c; c*2} 1', '{c:x+1; 2-c} 5', '{c:x+1; c%2} 5', '{c:x*1.0; c%0} 0', '{c:x+1; c*4611686018427387904} 1',
    '{c:x+0.5; 2%c} 1', '{c:x+1; c+0N} 1', '{c:x+1; c-1.5} 1', 'f:{c:x+1; c*2}; (f 1;f 2)', 'c:5; {c::c+1; c*2}[]',
    // global assignment in loops at top level
    'a:0; do[1000;a+:1]; a', 'a:0; while[a<10;a+:2]; a', 'a:1 2; do[2;a,:3]; a', 'b:0; do[3;b+:1.5]; b',
  ])('%s', (text) => same(text));

  test('atom arithmetic agrees with the kernels on random atoms', () => {
    const atoms = [
      '0', '1', '-1', '2', '7', '-7', '0N', '0W', '-0W', '9007199254740991', '-9007199254740993', '4611686018427387904',
      '0.0', '-0.0', '1.5', '0.1', '1e308', '-1e308', '0n', '0w', '-0w', '1e-320', '3i', '0Ni', '1b', '5h',
    ];
    const ops = ['+', '-', '*', '%', '&', '|', '<', '>', '<=', '>=', '=', '<>'];
    fc.assert(fc.property(fc.constantFrom(...atoms), fc.constantFrom(...ops), fc.constantFrom(...atoms), (a, op, b) => {
      for (const text of [`{x${op}y}[${a};${b}]`, `{x${op}${b}} ${a}`, `{${a}${op}x} ${b}`]) {
        const r = outcome(text), w = walked(text);
        if (r !== w) return false;
      }
      return true;
    }), { numRuns: 400 });
  });
});

describe('call depth', () => {
  test('recursion a thousand deep works', () => {
    expect(js('{$[x=0;0;1+.z.s x-1]} 999')).toBe(999);
  });
  test.each([
    ['g:{$[x=0;0;1+g each x-1]}; g 300', 300], ['h:{$[x=0;0;1+value "h ",string x-1]}; h 300', 300],
    ['k:{$[x=0;0;1+{k x}[x-1]]}; k 450', 450], ['m:{$[x=0;0;1+(m/)x-1]}; m 300', 300],
    ['q1:{$[x=0;0;1+.[q1;enlist x-1]]}; q1 450', 450], ['s:{$[x=0;0;1+s@x-1]}; s 450', 450],
    ["u:{$[x=0;0;1+(u')[enlist x-1]0]}; u 300", 300],
  ])('recursion through iterators, value, @ and . works: %s', (text, depth) => {
    expect(js(text)).toBe(depth);
  });
  test('a trapped stack error unwinds cleanly at every level', () => {
    // each level traps the level below: the deepest call's 'stack becomes 0
    expect(js('p:{$[x=0;0;1+@[p;x-1;{0}]]}; p 100000')).toBeGreaterThan(300);
    expect(js('p3:{$[x=0;0;1+.[p3;enlist x-1;{0}]]}; p3 100000')).toBeGreaterThan(300);
  });
  test.each([
    '{$[x=0;0;1+.z.s x-1]} 100000',
    'f:{$[x=0;0;1+f x-1]}; f 100000',
    'g:{$[x=0;0;1+g each x-1]}; g 100000',
    'h:{$[x=0;0;1+value "h ",string x-1]}; h 100000',
    'k:{$[x=0;0;1+{k x}[x-1]]}; k 100000',
    'm:{$[x=0;0;1+(m/)x-1]}; m 100000',
    'q1:{$[x=0;0;1+.[q1;enlist x-1]]}; q1 100000',
    's:{$[x=0;0;1+s@x-1]}; s 100000',
    "u:{$[x=0;0;1+(u')[enlist x-1]0]}; u 100000",
  ])('deep recursion is a clean stack error, nothing leaked: %s', (text) => {
    expect(err(text)).toBe('stack');
    // the engine is still usable at full depth afterwards
    expect(js('{$[x=0;0;1+.z.s x-1]} 300')).toBe(300);
  });
});

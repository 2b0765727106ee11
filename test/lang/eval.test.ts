import { describe, expect, test } from 'vitest';
import { js, qtype, err, consoleEval, evaluate } from './helpers.js';
import { K } from '../../src/k.js';
import { run, template, setVar, getVar, setOutput } from '../../src/lang/index.js';

describe('constants', () => {
  test.each<[string, number]>([
    ['1', -7], ['1i', -6], ['1h', -5], ['1e', -8], ['1.5', -9], ['1b', -1], ['0x0f', -4], ['"a"', -10], ['`a', -11],
    ['1 2 3', 7], ['101b', 1], ['"ab"', 10], ['`a`b', 11], ['2000.01.01', -14], ['2000.01m', -13],
    ['2000.01.01D10:00', -12], ['12:00', -17], ['12:00:00', -18], ['12:00:00.000', -19], ['0D00:00:01', -16],
    ['2000.01.01T12:00', -15], ['0Nd', -14], ['()', 0], ['(1;`a)', 0], ['(1;2)', 7],
  ])('%s has type %i', (s, t) => expect(qtype(s)).toBe(t));
  test('values', () => {
    expect(js('1 2 3')).toEqual([1, 2, 3]);
    expect(js('`a`b')).toEqual(['a', 'b']);
    expect(js('"abc"')).toBe('abc');
  });
});

describe('right to left', () => {
  test('no precedence', () => {
    expect(js('2*3+4')).toBe(14);
    expect(js('(2*3)+4')).toBe(10);
    expect(js('2 3*4 5-6 7')).toEqual([-4, -6]);
  });
  test('negate', () => expect(js('x:3; -x')).toBe(-3));
  test('other glyphs prefix are errors', () => expect(err('$42')).toBe('$'));
});

describe('names and assignment', () => {
  test('assign and read', () => expect(js('a:1 2 3; a')).toEqual([1, 2, 3]));
  test('undefined name', () => expect(err('nosuch')).toBe('nosuch'));
  test('keywords are reserved', () => expect(err('til:3')).toBe('assign'));
  test('modified assignment', () => expect(js('a:1; a+:2; a')).toBe(3));
  test('indexed assignment', () => expect(js('a:1 2 3; a[1]:9; a')).toEqual([1, 9, 3]));
  test('indexed assignment pairs items', () => expect(js('a:1 2 3; a[0 2]:7 8; a')).toEqual([7, 2, 8]));
  test('indexed modified assignment', () => expect(js('a:1 2 3; a[1]+:10; a')).toEqual([1, 12, 3]));
  test('dictionary assignment adds keys', () => expect(js('d:`a`b!1 2; d[`c]:3; d')).toEqual({ a: 1, b: 2, c: 3 }));
  test('type error on amend', () => expect(err('a:1 2 3; a[1]:`x')).toBe('type'));
  test('value semantics', () => expect(js('a:1 2 3; b:a; b[0]:9; a')).toEqual([1, 2, 3]));
  test('assignment returns the value', () => expect(js('1+a:2')).toBe(3));
});

describe('indexing and application', () => {
  test('juxtaposition indexes', () => {
    expect(js('"abcdef" 1 0 3')).toBe('bad');
    expect(js('(1 2;3 4) 1')).toEqual([3, 4]);
    expect(js('(1 2;3 4)[1;0]')).toBe(3);
    expect(js('(1 2;3 4)[;0]')).toEqual([1, 3]);
  });
  test('out of range gives null', () => expect(js('(1 2 3)5')).toBeNull());
  test('dictionary lookup', () => {
    expect(js('(`a`b!1 2)`b')).toBe(2);
    expect(js('(`a`b!1 2)`a`b')).toEqual([1, 2]);
  });
  test('@ and .', () => {
    expect(js('@[1 2 3;1]')).toBe(2);
    expect(js('{x+y} . 1 2')).toBe(3);
    expect(js('(1 2;3 4) . 1 0')).toBe(3);
    expect(js('{x} @ 5')).toBe(5);
  });
  test('amend with @ and .', () => {
    expect(js('@[1 2 3;1;neg]')).toEqual([1, -2, 3]);
    expect(js('@[1 2 3;0 2;+;10]')).toEqual([11, 2, 13]);
    expect(js('@[1 2 3;1;:;9]')).toEqual([1, 9, 3]);
    expect(js('.[(1 2;3 4);1 0;+;10]')).toEqual([[1, 2], [13, 4]]);
    expect(js('a:1 2 3; @[`a;1;:;0]; a')).toEqual([1, 0, 3]);
  });
  test('trap', () => {
    expect(js('@[{til x};`a;{x}]')).toBe('type');
    expect(js('@[{x+1};1;{x}]')).toBe(2);
    expect(js(".[{til y};(1;`a);{`caught}]")).toBe('caught');
    expect(js("@[{'x};`boom;::]")).toBe('boom');
    expect(js('@[{nosuch};1;0]')).toBe(0);
  });
});

describe('lambdas', () => {
  test('implicit params', () => {
    expect(js('{x*2} 5')).toBe(10);
    expect(js('{x+y}[1;2]')).toBe(3);
    expect(js('{x+y+z}[1;2;3]')).toBe(6);
  });
  test('explicit params and locals', () => expect(js('{[a;b] c:a*b; c+1}[3;4]')).toBe(13));
  test('locals do not leak', () => expect(err('{c:1}[0]; c')).toBe('c'));
  test('globals read and ::', () => expect(js('g:10; {g::g+x}[5]; g')).toBe(15));
  test('indexed assignment of a global inside a lambda', () => expect(js('v:1 2 3; {v[0]:9}[]; v')).toEqual([9, 2, 3]));
  test('return', () => expect(js('{:x+1; 99}[1]')).toBe(2));
  test('empty last statement gives ::', () => expect(js('{x;}[1]')).toBeNull());
  test('rank error', () => expect(err('{x}[1;2]')).toBe('rank'));
  test('recursion', () => expect(js('f:{$[x<2;x;f[x-1]+f[x-2]]}; f 10')).toBe(55));
  test('stack overflow is a q error', () => expect(err('f:{f x}; f 1')).toBe('stack'));
  test('signal', () => {
    expect(err("{'`oops}[]")).toBe('oops');
    expect(err('{\'"text"}[]')).toBe('text');
  });
});

describe('projections and composition', () => {
  test('elided arguments', () => {
    expect(js('f:{x-y}; g:f[;1]; g 10')).toBe(9);
    expect(js('f:{x-y}; g:f[10]; g 1')).toBe(9);
    expect(js('{x+y+z}[1][2][3]')).toBe(6);
    expect(js('{x+y+z}[;2;][1;3]')).toBe(6);
  });
  test('operator projections', () => {
    expect(js('+[1] 2')).toBe(3);
    expect(js('(2*) 5')).toBe(10);
    expect(js('-[;1] 5')).toBe(4);
  });
  test('composition', () => expect(js("('[neg;{x+1}]) 1")).toBe(-2));
  test('projection type', () => expect(qtype('{x+y}[1]')).toBe(104));
});

describe('control', () => {
  test('$[c;t;f] and multi-branch', () => {
    expect(js('$[1b;`t;`f]')).toBe('t');
    expect(js('$[0b;`t;`f]')).toBe('f');
    expect(js('{$[x>0;1;x<0;-1;0]} each -5 0 5')).toEqual([-1, 0, 1]);
  });
  test('only the chosen branch runs', () => expect(err('$[1b;1;nosuch]')).toBe('(no error)'));
  test('if', () => expect(js('a:0; if[1b; a:1; a+:1]; a')).toBe(2));
  test('do', () => expect(js('a:0; do[5; a+:2]; a')).toBe(10));
  test('while', () => expect(js('a:0; while[a<7; a+:3]; a')).toBe(9));
  test('in a lambda', () => expect(js('{r:0; i:0; while[i<x; r+:i; i+:1]; r}[5]')).toBe(10));
  test('condition must be an atom', () => expect(err('$[1 2;3;4]')).toBe('type'));
});

describe('iterators', () => {
  test('each', () => {
    expect(js('{x*2} each 1 2 3')).toEqual([2, 4, 6]);
    expect(js("{x*2}'[1 2 3]")).toEqual([2, 4, 6]);
    expect(js("1 2 3+'10 20 30")).toEqual([11, 22, 33]);
    expect(err("1 2+'1 2 3")).toBe('length');
    expect(js('count each (1 2;3 4 5;`a)')).toEqual([2, 3, 1]);
  });
  test('over and scan', () => {
    expect(js('{x+y}/[1 2 3 4]')).toBe(10);
    expect(js('10{x+y}/1 2 3')).toBe(16);
    expect(js('{x+y}\\[1 2 3 4]')).toEqual([1, 3, 6, 10]);
    expect(js('(+/)1 2 3')).toBe(6);
    expect(js('+/[100;1 2 3]')).toBe(106);
  });
  test('converge, do, while', () => {
    expect(js('{x div 2}/[100]'.replace('x div 2', '$[x>1;x-1;x]'))).toBe(1);
    expect(js('3{x*2}/1')).toBe(8);
    expect(js('3{x*2}\\1')).toEqual([1, 2, 4, 8]);
    expect(js('{x<100}{x*2}/1')).toBe(128);
  });
  test('each prior', () => {
    expect(js("{x-y}':[1 4 9]")).toEqual([null, 3, 5]);
    expect(js("{x+2*y}':[2 3 4]")).toEqual([null, 7, 10]);
    expect(js("(-':)[1 4 9]")).toEqual([1, 3, 5]);
    expect(js("{x+y} prior 1 2 3")).toEqual([null, 3, 5]);
    expect(js("(+) prior 1 2 3")).toEqual([1, 3, 5]);
    expect(js("10{x-y}':15 17")).toEqual([5, 2]);
  });
  test('each left and right', () => {
    expect(js('1 2,\\:3')).toEqual([[1, 3], [2, 3]]);
    expect(js('1,/:2 3')).toEqual([[1, 2], [1, 3]]);
  });
  test('keywords', () => {
    expect(js('{x+1} each 1 2')).toEqual([2, 3]);
    expect(js('(+) over 1 2 3')).toBe(6);
    expect(js('(+) scan 1 2 3')).toEqual([1, 3, 6]);
    expect(js('{x,y} over (1;2;3)')).toEqual([1, 2, 3]);
  });
});

describe('value, parse, eval', () => {
  test('value', () => {
    expect(js('value "1+2"')).toBe(3);
    expect(js('a:5; value `a')).toBe(5);
    expect(js('value (+;1;2)')).toBe(3);
  });
  test('parse / eval round trip', () => {
    expect(js('eval parse "1+2*3"')).toBe(7);
    expect(js('eval (+;1;(*;2;3))')).toBe(7);
    expect(js('x:4; eval `x')).toBe(4);
    expect(js('eval enlist `x')).toBe('x');
    expect(js('eval ((/;+);1 2 3)')).toBe(6);
    expect(js('eval (/;+)') === null).toBe(false);
    expect(js('eval parse "a:42"; a')).toBe(42);
  });
  test('parse tree shape', () => {
    expect(js('count parse "1+2"')).toBe(3);
    expect(js('last parse "f x"')).toBe('x');
  });
});

describe('namespaces and system', () => {
  test('.z', () => {
    expect(qtype('.z.p')).toBe(-12);
    expect(qtype('.z.d')).toBe(-14);
    expect(qtype('.z.t')).toBe(-19);
  });
  test('\\d', () => {
    expect(consoleEval('\\d .foo')).toBeNull();
    expect(consoleEval('a:1')).toBeNull();
    expect(consoleEval('\\d .')).toBeNull();
    expect(js('.foo.a')).toBe(1);
  });
  test('.q', () => expect(js('.q.til 3')).toEqual([0, 1, 2]));
  test('\\t', () => expect(typeof js('system "t til 1000"')).toBe('number'));
  test('\\v', () => expect(js('b:1; a:2; system "v"')).toEqual(['a', 'b']));
});

describe('errors leave the engine usable', () => {
  test.each(['til `a', '{x}[1;2]', 'nosuch', '(1;2', 'select from t', 'hopen 1', '1 2+1 2 3'])('%s', (s) => {
    const e = err(s);
    expect(e).toMatch(/^[a-z.0-9 ]+$/i);
    expect(js('1+1')).toBe(2);
  });
  test('q-sql on an undefined table names it', () => expect(err('select a from nosuchtable')).toBe('nosuchtable'));
  test('parse errors', () => expect(err('(1;2')).toBe('parse'));
});

describe('console', () => {
  test('silent for assignment, trailing ; and ::', () => {
    expect(consoleEval('a:1')).toBeNull();
    expect(consoleEval('1;')).toBeNull();
    expect(consoleEval('::')).toBeNull();
    expect(consoleEval('a')).not.toBeNull();
  });
});

describe('JS API', () => {
  test('run applies the function text denotes', () => {
    const r = run('{x+y}', 1, 2);
    expect(r.toJS()).toBe(3);
    r.dispose();
  });
  test('template splices values, not text', () => {
    const x = K.from([1, 2, 3]);
    const r = template`${x} + ${10}`;
    expect(r.toJS()).toEqual([11, 12, 13]);
    r.dispose();
    const s = template`count ${'1;system "\\\\"'}`;
    expect(s.toJS()).toBe(1);
    s.dispose();
    x.dispose();
  });
  test('set and get', () => {
    const v = K.from([1, 2, 3]);
    setVar('a', v);
    v.dispose();
    expect(js('sum a')).toBe(6);
    const g = getVar('a');
    expect(g.toJS()).toEqual([1, 2, 3]);
    g.dispose();
  });
  test('evaluate returns a K the caller owns', () => {
    const k = evaluate('til 3');
    expect(k.count).toBe(3);
    k.dispose();
  });
});

describe('more forms', () => {
  test('tables', () => {
    expect(js('count ([]a:1 2 3;b:`x`y`z)')).toBe(3);
    expect(qtype('([]a:1 2)')).toBe(98);
    expect(qtype('([k:1 2]v:3 4)')).toBe(99);
    expect(js('a:1 2; ([]a;b:0)')).toEqual({ a: [1, 2], b: [0, 0] });
    expect(js('t:([]a:1 2;b:3 4); t.b')).toEqual([3, 4]);
  });
  test('composition from a trailing verb', () => {
    expect(qtype('p:2*1+; p')).toBe(105);
    expect(js("k:'[neg;{x+1}]; k 2")).toBe(-3);
  });
  test('.z.s', () => expect(js('f:{$[x<2;1;x*.z.s x-1]}; f 5')).toBe(120));
  test(':: assigns a local of that name', () => {
    expect(js('b:42; {[a;b]b::99;a+b}[10;20]')).toBe(109);
    expect(js('b:42; {[a;b]b::99;a+b}[10;20]; b')).toBe(42);
    expect(js('f:{c::x}; f 7; c')).toBe(7);
  });
  test('unary forms', () => {
    expect(js(',1')).toEqual([1]);
    expect(js('#1 2 3')).toBe(3);
    expect(js('(#)1 2')).toBe(2);
    expect(err('$1')).toBe('$');
  });
  test('case', () => {
    expect(js('0 1 0\'["abc";"xyz"]')).toBe('ayc');
    expect(js('0 1 0\'["a";"xyz"]')).toBe('aya');
  });
  test('iterators on the assign operator', () => expect(js(':/[1 2 3]')).toBe(3));
  test('handles write text', () => {
    let out = '';
    setOutput((s) => { out += s; });
    try {
      expect(js('-1 "hello"')).toBe(-1);
      expect(js('0N!1 2')).toEqual([1, 2]);
      expect(js('-3!`a`b')).toBe('`a`b');
    } finally { setOutput((s) => process.stdout.write(s)); }
    expect(out).toBe('hello\n1 2\n');
  });
  test('function display', () => {
    expect(consoleEval('{x+y}')).toBe('{x+y}');
    expect(consoleEval('{x+y}[;2]')).toBe('{x+y}[;2]');
    expect(consoleEval('+[1]')).toBe('+[1]');
    expect(consoleEval('(+/)')).toBe('+/');
    expect(consoleEval('count')).toBe('#:');
  });
  test('value of lists and projections', () => {
    expect(js('value (`.q.til;3)')).toEqual([0, 1, 2]);
    expect(js('value ("{x}";7)')).toBe(7);
    expect(js('count value +[2]')).toBe(2);
  });
  test('empty index amends the whole', () => expect(js('.[1 2;();:;3 4 5]')).toEqual([3, 4, 5]));
});

describe('step dictionaries', () => {
  test('sorted keys look up the last key not above', async () => {
    const { setAttr } = await import('../../src/runtime.js');
    const e = evaluate('e:0 10 20 30!`a`b`c`d; e');
    const keys = e.keys;
    setAttr(keys.ptr, 1);
    keys.dispose(); e.dispose();
    expect(js('e 15 30 -5 99')).toEqual(['b', 'd', '', 'd']);
  });
});

describe('transcript fixes', () => {
  test('a[i]+:y gives the new item', () => expect(js('a:til 5; 1+a[2]+:5')).toBe(8));
  test(':: index with a list pairs items', () => {
    expect(js('@[1 2;::;*;3 4]')).toEqual([3, 8]);
    expect(js('@[(1 2;4 5);::;,;3 6]')).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
  test('vector conditional', () => expect(js('?[101b;1 2 3;0]')).toEqual([1, 0, 3]));
  test('a lambda applied to a negative constant', () => expect(js('{x}-1')).toBe(-1));
  test('join scan and join prior', () => {
    expect(js('(,\\)2 3 4')).toEqual([[2], [2, 3], [2, 3, 4]]);
    expect(js("(,':)2 3 4")).toEqual([2, [3, 2], [4, 3]]);
  });
});

describe('the q function', () => {
  test('text, application, template', async () => {
    const { call } = await import('../../src/lang/index.js');
    const a = call('til 3');
    expect(a.toJS()).toEqual([0, 1, 2]);
    const b = call('{x*y}', 6, 7);
    expect(b.toJS()).toBe(42);
    const c = call`${a} + 1`;
    expect(c.toJS()).toEqual([1, 2, 3]);
    [a, b, c].forEach((k) => k.dispose());
  });
  test('string of a function is its text', () => expect(js('string {x+1}')).toBe('{x+1}'));
});

describe('table indexing', () => {
  test('rows, columns, keyed lookup', () => {
    expect(js('t:([]a:1 2 3;b:`x`y`z); t 1')).toEqual({ a: 2, b: 'y' });
    expect(js('t:([]a:1 2 3;b:`x`y`z); t[2;`a]')).toBe(3);
    expect(js('t:([]a:1 2 3;b:`x`y`z); t[;`b]')).toEqual(['x', 'y', 'z']);
    expect(js('t:([]a:1 2 3;b:`x`y`z); count t 0 2')).toBe(2);
    expect(js('kt:([k:`a`b]v:10 20); kt`b')).toEqual({ v: 20 });
    expect(js('kt:([k:`a`b]v:10 20); cols kt')).toEqual(['k', 'v']);
    expect(js('kt:([k:`a`b]v:10 20); keys kt')).toEqual(['k']);
    expect(qtype('0!([k:`a`b]v:10 20)')).toBe(98);
    expect(qtype('1!([]a:1 2;b:3 4)')).toBe(99);
  });
});

describe('.Q and value of a system command', () => {
  test('.Q.s .Q.s1', () => {
    expect(js('.Q.s 1 2 3')).toBe('1 2 3\n');
    expect(js('.Q.s1 `a`b!1 2')).toBe('`a`b!1 2');
    expect(js('count .Q.a,.Q.A,.Q.n')).toBe(62);
  });
  test('value "\\\\v"', () => expect(js('zz:1; value "\\\\v"')).toEqual(['zz']));
});

describe('system command display', () => {
  test('\\P \\c \\t \\d as the console shows them', () => {
    expect(consoleEval('\\P')).toBe('7i');
    expect(consoleEval('\\c')).toBe('25 80');
    expect(consoleEval('\\t')).toBe('0');
    expect(consoleEval('\\d')).toBe('`.');
    expect(() => consoleEval('\\t 1000')).toThrow('nyi');
  });
  test('the prompt names the namespace', async () => {
    const { qconsole } = await import('../../src/lang/index.js');
    expect(qconsole.prompt!()).toBe('q)');
    consoleEval('\\d .foo');
    expect(qconsole.prompt!()).toBe('q.foo)');
    consoleEval('\\d .');
  });
});

describe('match on functions', () => {
  test('by what they are', () => {
    expect(js('(::)~(::)')).toBe(true);
    expect(js('{x}~{x}')).toBe(true);
    expect(js('{x}~{y}')).toBe(false);
    expect(js('+[1]~+[1]')).toBe(true);
    expect(js('1~(::)')).toBe(false);
  });
});

describe('records and tables', () => {
  test('a list of conforming dictionaries is a table', () => {
    expect(qtype('(`a`b!1 2;`a`b!3 4)')).toBe(98);
    expect(qtype('enlist `a`b!1 2')).toBe(98);
    expect(qtype('(`a`b!1 2;`b`a!3 4)')).toBe(0);
    expect(qtype('{`a`b!(x;2*x)} each 1 2 3')).toBe(98);
  });
  test('each over a table visits its rows', () => {
    expect(js('t:([]a:1 2 3;b:`x`y`z); {x`a} each t')).toEqual([1, 2, 3]);
    expect(qtype('t:([]a:1 2 3;b:`x`y`z); {x} each t')).toBe(98);
  });
});

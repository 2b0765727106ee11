import { describe, expect, test } from 'vitest';
import { parse, toTree, isOpen, type Node } from '../../src/lang/parser.js';
import '../../src/qsql/parse.js'; // q-sql's templates register with the parser

const tree = (s: string) => toTree(parse(s));

describe('right to left, no precedence', () => {
  test.each<[string, unknown]>([
    ['2+4*7', ['+', '2:-7', ['*', '4:-7', '7:-7']]],
    ['2*4+7', ['*', '2:-7', ['+', '4:-7', '7:-7']]],
    ['(2*4)+7', ['+', ['*', '2:-7', '4:-7'], '7:-7']],
    ['5 6 7 8 + 1 2 3 4', ['+', '5 6 7 8:7', '1 2 3 4:7']],
    ['x-1', ['-', '`x', '1:-7']],
    ['x -1', ['`x', '-1:-7']],
    ['count first x', ['`count', ['`first', '`x']]],
  ])('%s', (s, t) => expect(tree(s)).toEqual(t));
});

describe('juxtaposition, brackets, projections', () => {
  test.each<[string, unknown]>([
    ['f x', ['`f', '`x']],
    ['f x y', ['`f', ['`x', '`y']]],
    ['"abc" 1 0', ['"abc"', '1 0:7']],
    ['f[x;y]', ['`f', '`x', '`y']],
    ['f[x][y]', [['`f', '`x'], '`y']],
    ['f[;1]', ['`f', '::', '1:-7']],
    ['+[1]', ['+', '1:-7']],
    ['+[;1]', ['+', '::', '1:-7']],
    ['(2+)', ['+', '2:-7', '::']],
    ['f[]', ['`f']],
    ['x[1;2]', ['`x', '1:-7', '2:-7']],
  ])('%s', (s, t) => expect(tree(s)).toEqual(t));
  test('elided arguments are null in the AST', () => {
    const n = parse('f[;1]') as Extract<Node, { k: 'app' }>;
    expect(n.args[0]).toBeNull();
    expect(n.how).toBe('bracket');
  });
});

describe('iterators', () => {
  test.each<[string, unknown]>([
    ['+/[1 2 3 4]', [['/', '+'], '1 2 3 4:7']],
    ['+/ 1 2', [['/', '+'], '1 2:7']],
    ['(+/)1 2', [['/', '+'], '1 2:7']],
    ['10+/1 2', [['/', '+'], '10:-7', '1 2:7']],
    ["f'[x;y]", [["'", '`f'], '`x', '`y']],
    ["x,/:y", [['/:', ','], '`x', '`y']],
    ["x,\\:y", [['\\:', ','], '`x', '`y']],
    ["-':x", [["':", '-'], '`x']],
    ["+\\/:x", [['/:', ['\\', '+']], '`x']],
    ["count'[x]", [["'", '`count'], '`x']],
    ["{x+y}/[0;x]", [['/', '{x+y}'], '0:-7', '`x']],
  ])('%s', (s, t) => expect(tree(s)).toEqual(t));
});

describe('keywords with infix syntax', () => {
  test.each<[string, unknown]>([
    ['x in y', ['`in', '`x', '`y']],
    ['count each x', ['`each', '`count', '`x']],
    ['2 xexp 3', ['`xexp', '2:-7', '3:-7']],
    ['(+) scan 1 2', ['`scan', '+', '1 2:7']],
    ['in[x;y]', ['`in', '`x', '`y']],
    ['til 3', ['`til', '3:-7']],
  ])('%s', (s, t) => expect(tree(s)).toEqual(t));
});

describe('unary forms', () => {
  test('parenthesised operator applied prefix', () => expect(tree('6(+)4')).toEqual(['6:-7', ['+:', '4:-7']]));
  test('k unary form', () => expect(tree('#:x')).toEqual(['#:', '`x']));
  test('operator as a value', () => expect(parse('(+)')).toEqual({ k: 'prim', op: '+' }));
});

describe('lists', () => {
  test.each<[string, unknown]>([
    ['(1;2)', ['enlist', '1:-7', '2:-7']],
    ['(1;;2)', ['enlist', '1:-7', '::', '2:-7']],
    ['()', ['enlist']],
    ['(1)', '1:-7'],
    ['`a`b`c,`d,v', [',', [',', '`a`b`c'], [',', [',`d'], '`v']]],
  ])('%s', (s, t) => expect(tree(s)).toEqual(t));
});

describe('assignment', () => {
  test.each<[string, unknown]>([
    ['a:1', [':', '`a', '1:-7']],
    ['a::1', ['::', '`a', '1:-7']],
    ['x+:1', ['+:', '`x', '1:-7']],
    ['x,:1 2', [',:', '`x', '1 2:7']],
    ['a[1]:2', [':', ['`a', '1:-7'], '2:-7']],
    ['a[i;j]+:1', ['+:', ['`a', '`i', '`j'], '1:-7']],
    ['a:b:3', [':', '`a', [':', '`b', '3:-7']]],
    ['a:1+b:2', [':', '`a', ['+', '1:-7', [':', '`b', '2:-7']]]],
  ])('%s', (s, t) => expect(tree(s)).toEqual(t));
});

describe('lambdas', () => {
  const lam = (s: string) => parse(s) as Extract<Node, { k: 'lambda' }>;
  test('implicit params', () => {
    expect(lam('{x}').params).toEqual(['x']);
    expect(lam('{1}').params).toEqual(['x']);
    expect(lam('{x+y}').params).toEqual(['x', 'y']);
    expect(lam('{z}').params).toEqual(['x', 'y', 'z']);
    expect(lam('{{y}x}').params).toEqual(['x']);
  });
  test('explicit params, locals, source', () => {
    const l = lam('{[a;b] c:a+b; d::c; e[1]:2; :c}');
    expect(l.params).toEqual(['a', 'b']);
    expect(l.locals).toEqual(['c']);
    expect(l.src).toBe('{[a;b] c:a+b; d::c; e[1]:2; :c}');
    expect(l.body.map(toTree)).toEqual([
      [':', '`c', ['+', '`a', '`b']], ['::', '`d', '`c'], [':', ['`e', '1:-7'], '2:-7'], [':', '`c'],
    ]);
  });
  test('empty body and trailing ;', () => {
    expect(lam('{}').body).toEqual([null]);
    expect(lam('{x;}').body.length).toBe(2);
  });
  test('[] params', () => expect(lam('{[] 1}').params).toEqual([]));
  test('multiline', () => expect(lam('{[a]\n  b:a*2;\n  b+1\n  }').locals).toEqual(['b']));
});

describe('control', () => {
  test.each<[string, unknown]>([
    ['$[a;b;c]', ['$', '`a', '`b', '`c']],
    ['$[a;b;c;d;e]', ['$', '`a', '`b', '`c', '`d', '`e']],
    ['if[a;b;c]', ['if', '`a', '`b', '`c']],
    ['do[3;x+:1]', ['do', '3:-7', ['+:', '`x', '1:-7']]],
    ['while[x<3;x+:1]', ['while', ['<', '`x', '3:-7'], ['+:', '`x', '1:-7']]],
    ["'`oops", ["'", [',`oops']]],
  ])('%s', (s, t) => expect(tree(s)).toEqual(t));
  test('$[x;y] is cast', () => expect((parse('$[a;b]') as Node).k).toBe('app'));
  test('return', () => expect(toTree((parse('{:x+1}') as Extract<Node, { k: 'lambda' }>).body[0])).toEqual([':', ['+', '`x', '1:-7']]));
});

describe('statements', () => {
  test('a;b', () => expect(tree('a;b')).toEqual([';', '`a', '`b']));
  test('trailing ;', () => expect(tree('a:1;')).toEqual([';', [':', '`a', '1:-7'], '::']));
  test('q-sql is an extension node', () => {
    const n = parse('select a from t') as Extract<Node, { k: 'ext' }>;
    expect(n.k).toBe('ext');
    expect(n.kind).toBe('qsql');
    expect((n.data as { op: string }).op).toBe('select');
  });
});

describe('parse errors', () => {
  test.each(['(1;2', 'f[1', '{x', '/:x'].filter((s) => s !== '/:x'))('%s', (s) => expect(() => parse(s)).toThrow('parse'));
  // an unmatched closer is named: @[2+;"42";{)}] is ') (ref/apply.md)
  test.each([[')', ')'], ['1]', ']'], ['{)}', ')'], ['(1;2]', ']'], ['f[1)', ')'], ['(1}', '}']])('%s', (s, e) => expect(() => parse(s)).toThrow(e));
});

describe('open input (console continuation)', () => {
  test.each<[string, boolean]>([
    ['{x+', true], ['{x+y}', false], ['f[1;', true], ['("a', true], ['"}"', false], ['1 /{', false], ['(1;\n 2)', false],
  ])('%s', (s, open) => expect(isOpen(s)).toBe(open));
});

describe('compositions and tables', () => {
  test('a row ending in a verb composes', () => expect(tree('2*1+')).toEqual(["'", ['*', '2:-7', '::'], ['+', '1:-7', '::']]));
  test('a projection is not a composition', () => expect(tree('2*')).toEqual(['*', '2:-7', '::']));
  test('table', () => expect(tree('([]a:1 2;b)')).toEqual(['+:', ['!', [',', '`a`b'], ['enlist', '1 2:7', '`b']]]));
  test("k:'[f;g]", () => expect(tree("k:'[f;g]")).toEqual([':', '`k', ["'", '`f', '`g']]));
});

describe('unary keywords before an operator', () => {
  test('are its left argument (basics/syntax.md: keywords have no infix syntax)', () => {
    expect(tree('reverse ,1')).toEqual([',', '`reverse', '1:-7']);
    expect(tree('til~til')).toEqual(['~', '`til', '`til']);
  });
  test('Apply too', () => {
    expect(tree('count . x')).toEqual(['.', '`count', '`x']);
    expect(tree('first@x')).toEqual(['@', '`first', '`x']);
  });
  test('and an operator with no right argument projects', () => expect(tree('sum@')).toEqual(['@', '`sum', '::']));
  test('unaries before a final @ compose (ref/apply.md)', () => {
    expect(tree('til count@')).toEqual(["'", '`til', ['@', '`count', '::']]);
  });
});

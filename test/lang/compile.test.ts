// The evaluator interface (src/lang/compile.ts): compile once, run per env.
import { describe, expect, test } from 'vitest';
import { K } from '../../src/k.js';
import '../../src/index.js';
import { compile } from '../../src/lang/compile.js';
import { parse } from '../../src/lang/parser.js';
import { evaluate } from '../../src/lang/index.js';
import { globals } from '../../src/lang/eval.js';

describe('compile(node, scope)', () => {
  test('scope names bind to env slots by position', () => {
    const f = compile(parse('x+y*2'), ['x', 'y']);
    using a = K.long([1, 2, 3]);
    using b = K.long([10, 20, 30]);
    using r = f([a, b]);
    expect(r.toJS()).toEqual([21, 42, 63]);
    using r2 = f([b, a]);
    expect(r2.toJS()).toEqual([12, 24, 36]);
  });
  test('other names resolve as globals at run time', () => {
    evaluate('cg_k:100').dispose();
    const f = compile(parse('c+cg_k'), ['c']);
    using a = K.long([1]);
    using r1 = f([a]);
    evaluate('cg_k:200').dispose();
    using r2 = f([a]);
    expect([r1.toJS(), r2.toJS()]).toEqual([[101], [201]]);
    globals.get('cg_k')?.dispose();
    globals.delete('cg_k');
  });
  test('env is borrowed and untouched by assignment inside', () => {
    const f = compile(parse('x:x,0; x'), ['x']);
    using a = K.long([1, 2]);
    using r = f([a]);
    expect(r.toJS()).toEqual([1, 2, 0]);
    expect(a.toJS()).toEqual([1, 2]);
  });
  test('outer names come after the scope and before globals', () => {
    using o = K.long([5]);
    const outer = (n: string) => (n === 'lim' || n === 'c' ? o.ref() : undefined);
    const f = compile(parse('c+lim'), ['c'], outer);
    using a = K.long([1]);
    using r = f([a]);
    expect(r.toJS()).toEqual([6]);
  });
  test('wrong env length is rank', () => {
    const f = compile(parse('x'), ['x']);
    expect(() => f([])).toThrow('rank');
  });
  test('a q error leaves nothing behind', () => {
    const f = compile(parse('x+`a'), ['x']);
    using a = K.long([1]);
    expect(() => f([a])).toThrow('type');
  });
});

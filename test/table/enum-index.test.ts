// Enumerated vectors with `g#/`u# answer ?, in and keyed lookups through their
// own hash index (over their indices): the same answers as their symbols give,
// symbols outside the domain not found, a domain with a repeated symbol still
// right, and enumerated key columns of a two-key table looked up by symbols.
import { describe, it, expect, afterEach } from 'vitest';
import fc from 'fast-check';
import { evaluate } from '../../src/lang/index.js';
import { liveIndexes, hasIndex } from '../../src/ops/hashindex.js';
import { rowFind } from '../../src/table/find.js';

const ev = (s: string) => { const r = evaluate(s); try { return String(r); } finally { r.dispose(); } };
const run = (s: string) => { evaluate(s).dispose(); };

afterEach(() => {
  run('delete ed, ee, ef, ek, el, ey from `.');
  expect(liveIndexes(), 'indexes left alive').toBe(0);
});

const sym = fc.integer({ min: 0, max: 7 });
const syms = (xs: number[]) => (xs.length === 0 ? '`symbol$()' : (xs.length === 1 ? 'enlist ' : '') + xs.map((x) => (x === 0 ? '`' : `\`s${x}`)).join(''));

describe('enumerations through the hash index', () => {
  it('e?y and y in e equal the answers on the symbols (g#), nulls and symbols outside the domain', () => {
    fc.assert(fc.property(fc.array(sym, { maxLength: 40 }), fc.array(sym, { maxLength: 15 }), (xs, ys) => {
      run(`ed:\`\`s1\`s2\`s3\`s4\`s5; ee:\`g#\`ed$${syms(xs.map((x) => (x > 5 ? 1 : x)))}; ey:${syms(ys)}`);
      expect(ev('ee?ey')).toBe(ev('(value ee)?ey'));
      expect(ev('ey in ee')).toBe(ev('ey in value ee'));
      expect(ev('{x?y}[ee] each ey')).toBe(ev('{x?y}[value ee] each ey'));
    }), { numRuns: 60 });
  });

  it('the enumeration keeps an index of its own, freed with it', () => {
    run('ed:`a`b`c; ee:`g#`ed$`c`a`c`b');
    expect(ev('ee?`b`c`q')).toBe('3 0 4');
    const e = evaluate('ee');
    try { expect(hasIndex(e.ptr)).toBe(true); } finally { e.dispose(); }
    expect(ev('ee?`ed$`a')).toBe('1');
    expect(ev('(`u#`ed$`b`a)?`a`c')).toBe('1 2');
  });

  it('a domain repeating a symbol: still the first item with that symbol', () => {
    run('ed:`a`b; ed,:`a; ee:`g#`ed!1 2 0');
    expect(ev('value ee')).toBe('`b`a`a');
    expect(ev('ee?`a`b')).toBe('1 0');
    expect(ev('`a`x in ee')).toBe('10b');
  });

  it('a two-key table with an enumerated key column, looked up by symbols', () => {
    run('ed:`a`b`c`d; ek:([k:`ed$`a`b`c`a; j:1 2 3 4] v:10 20 30 40)');
    expect(ev('ek[(`a;4)]`v')).toBe('40');
    expect(ev('ek[(`q;4)]`v')).toBe('0N');
    expect(ev('(ek ([] k:`c`a`q`d; j:3 1 1 1))`v')).toBe('30 10 0N 0N');
    expect(ev('ek[(`ed$`b;2)]`v')).toBe('20');
    const k = evaluate('value flip key ek'), l = evaluate('value flip ([] k:`c`a`q`d; j:3 1 1 1)');
    const kc = [k.item(0), k.item(1)], lc = [l.item(0), l.item(1)];
    try {
      const a = rowFind(kc, lc, true), b = rowFind(kc, lc, false);
      try { expect(String(a)).toBe(String(b)); } finally { a.dispose(); b.dispose(); }
    } finally { [k, l, ...kc, ...lc].forEach((x) => x.dispose()); }
  });
});

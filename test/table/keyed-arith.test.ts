// Keyed tables whose value tables have different columns, in arithmetic: each
// key's records meet as dictionaries do (ref/add.md: upsert semantics), over the
// union of the columns: a column one side lacks takes the other side's value
// (negated for Subtract when only y has it), and is null for keys that side lacks.
import { describe, it, expect } from 'vitest';
import { evaluate } from '../../src/lang/index.js';

const ev = (s: string) => { const r = evaluate(s); try { return String(r); } finally { r.dispose(); } };

describe('keyed tables with different value columns', () => {
  it('+ over shared and new keys', () => {
    expect(ev('([k:`x`y]a:1 2;b:3 4)+([k:`y`z]a:10 20;c:5 6)')).toBe(ev('([k:`x`y`z]a:1 12 20;b:3 4 0N;c:0N 5 6)'));
  });
  it('- negates what only y has', () => {
    expect(ev('([k:`x`y]a:1 2;b:3 4)-([k:`y`z]a:10 20;c:5 6)')).toBe(ev('([k:`x`y`z]a:1 -8 -20;b:3 4 0N;c:0N -5 -6)'));
    expect(ev('([k:`x`y]a:1 2;b:3 4)-([k:`x`y]c:5 6;a:10 20)')).toBe(ev('([k:`x`y]a:-9 -18;b:3 4;c:-5 -6)'));
  });
  it('no column in common; types kept per column', () => {
    expect(ev('([k:`x`y]a:1 2)*([k:`x`y]b:1.5 2)')).toBe(ev('([k:`x`y]a:1 2;b:1.5 2)'));
    expect(ev('(`k xkey ([]k:0#`;a:0#0))+([k:`y`z]c:5 6)')).toBe(ev('([k:`y`z]a:0N 0N;c:5 6)'));
  });
  it('each record is the dictionary sum of the two records', () => {
    expect(ev('(([k:`x`y]a:1 2;b:3 4)+([k:`y`z]a:10 20;c:5 6))`y')).toBe(ev('(`a`b!2 4)+`a`c!10 5'));
  });
});

// Nested columns of symbol lists written in the anymap layout: compact items
// of type 11 whose symbols are i32 indexes into the column's own `name##`
// symbol list (the layout the TorQ dqe fixture shows), read back as symbols.
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { tmp, q1, bytesOf, withGlobals } from './helpers.js';

describe('nested symbol columns', () => {
  it('a column of symbol lists splays into s, s# and s##, and reads back equal', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('t:([]s:(`a`b;`c;`a`d`e;`symbol$());w:`x`y`z`x)').dispose();
      q(`\`:${dir}/t/ set .Q.en[\`:${dir}] t`).dispose();
      expect(readdirSync(join(dir, 't')).sort()).toEqual(['.d', 's', 's#', 's##', 'w']);
      // s## is the column's own symbols in order of first appearance
      expect(q1(`get\`$":${dir}/t/s##"`)).toBe('`a`b`c`d`e');
      expect(q1(`get\`:${dir}/sym`)).toBe('`x`y`z'); // the nested column's symbols stay out of the domain
      const h = bytesOf(join(dir, 't', 's#')).subarray(4096);
      // compact items: type 11 + 0x7f, the count, then i32 indexes into s##
      expect([...h.subarray(0, 10)]).toEqual([0x8a, 2, 0, 0, 0, 0, 1, 0, 0, 0]);
      expect([...h.subarray(10, 15)]).toEqual([0x74, 2, 0, 0, 0]); // `c, an atom: -11 + 0x7f, its index
      const r = q1(`get\`:${dir}/t`);
      expect(r).toBe('+`s`w!((`a`b;`c;`a`d`e;`symbol$());`sym$`x`y`z`x)');
      expect(q1(`(get\`:${dir}/t)[\`s]~t\`s`)).toBe('1b');
    } finally { done(); }
  }));
  it('symbol atoms among lists, long lists as full objects, other types beside them', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('s:200#`k`m`n').dispose();
      q('x:(`a;`b`c;s;"str";1 2 3;`d)').dispose();
      q(`\`:${dir}/x set x`).dispose();
      expect(q1(`x~get\`:${dir}/x`)).toBe('1b');
      expect(q1(`get\`$":${dir}/x##"`)).toBe('`a`b`c`k`m`n`d');
      const h = bytesOf(join(dir, 'x#')).subarray(4096);
      expect([...h.subarray(0, 5)]).toEqual([0x74, 0, 0, 0, 0]); // `a: -11 + 0x7f, its index
      // a list of symbols with no symbol in it writes no s##
      q('y:(1 2;3 4 5)').dispose();
      q(`\`:${dir}/y set y`).dispose();
      expect(readdirSync(dir).filter((f) => f.startsWith('y')).sort()).toEqual(['y', 'y#']);
    } finally { done(); }
  }));
  it('a nested symbol column of a partition reads back through \\l', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('tags:([]id:1 2 3;tg:(`a`b;`b;`c`a))').dispose();
      q(`.Q.dpft[\`:${dir};2024.01.01;\`id;\`tags]`).dispose();
      q(`.Q.dpft[\`:${dir};2024.01.02;\`id;\`tags]`).dispose();
      q('delete tags from `.').dispose();
      q(`system"l ${dir}"`).dispose();
      expect(q1('exec tg from tags where date=2024.01.02')).toBe('(`a`b;`b;`c`a)');
      expect(q1('count select from tags where `a in/: tg')).toBe('4');
    } finally { done(); }
  }));
});

// x!`t and x!`:dir/ (ref/flip-splayed.md): the dictionary kdb+ uses for a
// mapped table, its flip, and a partitioned table missing from a partition
// (ref/dotq.md .Q.bv), which shows as that flip until .Q.bv[] fills the gaps.
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';
import { tmp, q1, qs, qerr, withGlobals } from './helpers.js';
import { unloadDatabase } from '../../src/files/index.js';

describe('flip splayed or partitioned', () => {
  it('x!`name and x!`:path are dictionaries shown in one line; their flip reads the table', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/t/ set ([]a:1 2;b:3 4)`).dispose();
      expect(q1('`a`b!`t')).toBe('`a`b!`t');
      expect(qs(`enlist[\`a]!\`:${dir}/t/`)).toBe(`(,\`a)!\`:${dir}/t/`);
      expect(q1('type `a`b!`t')).toBe('99h');
      expect(qs(`flip enlist[\`a]!\`:${dir}/t/`)).toBe('a\n-\n1\n2');
      expect(q1(`flip \`b\`a!\`:${dir}/t/`)).toBe('+`b`a!(3 4;1 2)');
      expect(q1(`.Q.qp flip \`a\`b!\`:${dir}/t/`)).toBe('0b');
      // a directory that is not there, a name that is no partitioned table: unresolved
      expect(qs(`flip enlist[\`a]!\`:${dir}/s/`)).toBe(`+(,\`a)!\`:${dir}/s/`);
      expect(qerr(`select from flip enlist[\`a]!\`:${dir}/s/`)).toBe(`${dir}/s/a. OS reports: No such file or directory`);
      expect(qs('flip enlist[`a]!`s')).toBe('+(,`a)!`s');
      expect(q1('type flip enlist[`a]!`s')).toBe('98h');
      expect(qerr('select from flip enlist[`a]!`s')).toBe('s');
      expect(q1('.Q.s1 flip `a`b!`s')).toBe('"+`a`b!`s"');
      // other dictionaries are unchanged
      expect(qerr('`a`b!1 2 3')).toBe('length');
      expect(q1('`a`b!1 2')).toBe('`a`b!1 2');
    } finally { done(); }
  }));

  it('a partitioned table: its flip has the partition column; a table missing from a partition shows as the flip', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('t:([]sym:`a`b`b;num:1 2 3)').dispose();
      q(`.Q.dpft[\`:${dir};;\`sym;\`t] each 2010.01.01 2010.01.02`).dispose();
      q('tt:t').dispose();
      q(`.Q.dpft[\`:${dir};2010.01.02;\`sym;\`tt]`).dispose();
      q('delete t, tt from `.').dispose();
      q(`system"l ${dir}"`).dispose();
      expect(qs('flip enlist[`num]!`t')).toBe([
        'date       num', '--------------',
        '2010.01.01 1  ', '2010.01.01 2  ', '2010.01.01 3  ',
        '2010.01.02 1  ', '2010.01.02 2  ', '2010.01.02 3  '].join('\n'));
      expect(qs('tt')).toBe('+`sym`num!`tt');
      expect(q1('.Q.s1 tt')).toBe('"+`sym`num!`tt"');
      expect(qerr('select from tt')).toBe('./2010.01.01/tt/sym: No such file or directory');
      q('.Q.bv[]').dispose();
      expect(q1('count select from tt')).toBe('3');
      expect(qs('tt')).toBe(['date       sym num', '------------------',
        '2010.01.02 a   1  ', '2010.01.02 b   2  ', '2010.01.02 b   3  '].join('\n'));
    } finally { unloadDatabase(); done(); }
  }));
});

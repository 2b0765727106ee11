// Splayed tables, .Q.en, .Q.dpft, dsave/rsave/rload, .Q.chk and \l of what
// they wrote, compression on write.
import { describe, it, expect } from 'vitest';
import { readdirSync, existsSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { useStorage, MemoryStorage } from '../../src/files/index.js';
import { tmp, q1, qs, qerr, bytesOf, withGlobals } from './helpers.js';

/** Enumerated columns as their symbols: what a splayed table read back held before it was written. */
const UNENUM = '{flip{$[20h=type x;value x;x]}each flip x}';
const T = 't:([]sym:`ibm`msft`ibm`goog;px:101.5 33.25 102 500;n:100 200 300 400;note:("a";"bc";"";"def"))';

describe('splayed tables', () => {
  it('`:db/t/ set .Q.en[`:db] t, then get `:db/t', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(T).dispose();
      expect(q1(`\`:${dir}/t/ set .Q.en[\`:${dir}] t`)).toBe(`\`:${dir}/t/`);
      expect(readdirSync(join(dir, 't')).sort()).toEqual(['.d', 'n', 'note', 'note#', 'px', 'sym']);
      expect(q1(`get\`:${dir}/sym`)).toBe('`ibm`msft`goog');
      expect(q1('sym')).toBe('`ibm`msft`goog');
      expect(q1(`t~${UNENUM}get\`:${dir}/t`)).toBe('1b');
      // read back, the sym column is an enumeration, as kdb+ gives it: meta shows s, it compares as symbols
      expect(q1(`t~get\`:${dir}/t`)).toBe('0b');
      expect(q1(`(get\`:${dir}/t)\`sym`)).toBe('`sym$`ibm`msft`ibm`goog');
      expect(qs(`meta get\`:${dir}/t`)).toBe(['c   | t f a', '----| -----', 'sym | s    ', 'px  | f    ', 'n   | j    ', 'note| c    '].join('\n'));
      expect(q1(`exec n from get\`:${dir}/t where sym=\`ibm`)).toBe('100 300');
      expect(q1(`select sum n by sym from get\`:${dir}/t`)).toBe('(+(,`sym)!,`sym$`goog`ibm`msft)!+(,`n)!,400 400 200');
      expect(q1(`\`ibm=(get\`:${dir}/t)\`sym`)).toBe('1010b');
      // written again, an enumeration stays one: the same bytes
      q(`\`:${dir}/t2/ set get\`:${dir}/t`).dispose();
      expect(bytesOf(join(dir, 't2', 'sym'))).toEqual(bytesOf(join(dir, 't', 'sym')));
      expect(q1(`get\`:${dir}/t/.d`)).toBe('`sym`px`n`note');
      // the sym column is an enumeration: 4 KiB header naming `sym`, i64 indexes
      const b = bytesOf(join(dir, 't', 'sym'));
      expect(b.length).toBe(4096 + 4 * 8);
      expect([...b.subarray(0, 2), ...b.subarray(16, 20), b[4082]]).toEqual([0xfd, 0x20, 0x73, 0x79, 0x6d, 0, 20]);
      expect([...b.subarray(4096)].filter((_, i) => i % 8 === 0)).toEqual([0, 1, 0, 2]);
    } finally { done(); }
  }));
  it('.Q.en appends only new symbols to an existing sym file', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(T).dispose();
      q(`\`:${dir}/t/ set .Q.en[\`:${dir}] t`).dispose();
      const first = bytesOf(join(dir, 'sym'));
      q('u:([]s:`goog`aapl`ibm`zz)').dispose();
      q(`\`:${dir}/u/ set .Q.en[\`:${dir}] u`).dispose();
      expect(q1(`get\`:${dir}/sym`)).toBe('`ibm`msft`goog`aapl`zz');
      expect(bytesOf(join(dir, 'sym')).subarray(0, first.length)).toEqual(first);
      expect(q1(`u~${UNENUM}get\`:${dir}/u`)).toBe('1b');
    } finally { done(); }
  }));
  it('a symbol column must be enumerated first; other bad tables are type errors; nothing half-written', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(T).dispose();
      expect(qerr(`\`:${dir}/t/ set t`)).toBe('sym');
      q('sym:`ibm').dispose();
      expect(qerr(`\`:${dir}/t/ set t`)).toBe('type');
      expect(existsSync(join(dir, 't', '.d'))).toBe(false);
      expect(qerr(`\`:${dir}/x/ set 1 2 3`)).toBe('type');
      expect(qerr(`\`:${dir}/x/ set ([]a:({x};{y}))`)).toBe('type'); // a mixed list of atoms is an anymap column since 3.6; functions are not
    } finally { done(); }
  }));
  it('a column shorter than the others is a length error on reading', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('t:([]a:1 2 3;b:4 5 6)').dispose();
      q(`\`:${dir}/t/ set t`).dispose();
      q(`\`:${dir}/t/b set 4 5`).dispose();
      expect(qerr(`get\`:${dir}/t`)).toBe('length');
      renameSync(join(dir, 't', 'b'), join(dir, 't', 'c'));
      expect(qerr(`get\`:${dir}/t`)).toBe(`:${dir}/t/b. OS reports: No such file or directory`);
    } finally { done(); }
  }));
  it('upsert appends rows to a splayed table on disk (and to a table in one file)', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(T).dispose();
      q(`\`:${dir}/t/ set .Q.en[\`:${dir}] t`).dispose();
      const pxBefore = bytesOf(join(dir, 't', 'px'));
      q('u:([]sym:`zz`ibm;px:1 2f;n:5 6;note:("x";"yz"))').dispose();
      expect(q1(`\`:${dir}/t/ upsert .Q.en[\`:${dir}] u`)).toBe(`\`:${dir}/t/`);
      expect(q1(`(t,u)~${UNENUM}get\`:${dir}/t`)).toBe('1b');
      // a plain column grew by appending: the old bytes are untouched
      expect(bytesOf(join(dir, 't', 'px')).subarray(0, pxBefore.length)).toEqual(pxBefore);
      expect(q1(`get\`:${dir}/sym`)).toBe('`ibm`msft`goog`zz');
      expect(qerr(`\`:${dir}/t/ upsert ([]sym:,\`ibm;px:,1f)`)).toBe('mismatch');
      expect(qerr(`\`:${dir}/t/ upsert ([]sym:,\`qq;px:,1f;n:,1;note:,"a")`)).toBe('type'); // qq: not enumerated
      expect(q1(`(t,u)~${UNENUM}get\`:${dir}/t`)).toBe('1b');
      q(`\`:${dir}/one set t`).dispose();
      q(`\`:${dir}/one upsert u`).dispose();
      expect(q1(`(t,u)~get\`:${dir}/one`)).toBe('1b');
      q(`\`:${dir}/new upsert u`).dispose();
      expect(q1(`u~get\`:${dir}/new`)).toBe('1b');
    } finally { done(); }
  }));
  it('rsave and rload', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('r:([]a:1 2 3;b:1.5 2.5 3.5)').dispose();
      expect(q1(`rsave\`:${dir}/r`)).toBe(`\`:${dir}/r/`);
      q('r2:r').dispose();
      q('r:0').dispose();
      expect(q1(`rload\`:${dir}/r`)).toBe('`r');
      expect(q1('r~r2')).toBe('1b');
    } finally { done(); }
  }));
});

describe('partitioned databases', () => {
  it('.Q.dpft writes partitions sorted on the field (first), \\l loads them back with .Q.pf .Q.pv .Q.pn', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('trade:([]time:09:30 09:31 09:32;sym:`b`a`b;px:1 2 3f)').dispose();
      expect(q1(`.Q.dpft[\`:${dir};2024.01.02;\`sym;\`trade]`)).toBe('`trade');
      q('trade:([]time:09:30 09:31;sym:`c`a;px:4 5f)').dispose();
      q(`.Q.dpft[\`:${dir};2024.01.01;\`sym;\`trade]`).dispose();
      expect(q1(`get\`:${dir}/2024.01.02/trade/.d`)).toBe('`sym`time`px');
      expect(q1(`get\`:${dir}/sym`)).toBe('`b`a`c'); // in order of appearance, before sorting
      q('trade:0').dispose();
      q(`system"l ${dir}"`).dispose();
      expect(qs('trade')).toBe([
        'date       sym time  px',
        '-----------------------',
        '2024.01.01 a   09:31 5 ',
        '2024.01.01 c   09:30 4 ',
        '2024.01.02 a   09:31 2 ',
        '2024.01.02 b   09:30 1 ',
        '2024.01.02 b   09:32 3 ',
      ].join('\n'));
      expect(q1('.Q.pf')).toBe('`date');
      expect(q1('.Q.pv')).toBe('2024.01.01 2024.01.02');
      expect(q1('.Q.cn trade')).toBe('2 3');
      expect(q1('.Q.pn')).toBe(',`trade)!,2 3'.replace(',`trade)', '(,`trade)'));
      expect(q1('.Q.ind[trade;1 3]`px')).toBe('4 1f');
      // \l alone reloads the database: a partition added since shows up
      q('trade:([]time:,09:30;sym:,`z;px:,9f)').dispose();
      q(`.Q.dpft[\`:${dir};2024.01.03;\`sym;\`trade]`).dispose();
      q('system"l"').dispose();
      expect(q1('count trade')).toBe('6');
    } finally { done(); }
  }));
  it('month, year and int partitions; par.txt segments; .Q.par picks the segment', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('t:([]a:1 2)').dispose();
      for (const p of ['2024.01', '2024.02']) q(`\`:${dir}/m/${p}/t/ set t`).dispose();
      q(`system"l ${dir}/m"`).dispose();
      expect(q1('.Q.pf')).toBe('`month');
      expect(q1('t`month')).toBe('2024.01 2024.01 2024.02 2024.02m');
      q('t:([]a:1 2)').dispose();
      for (const p of ['2023', '2024']) q(`\`:${dir}/y/${p}/t/ set t`).dispose();
      q(`system"l ${dir}/y"`).dispose();
      expect(q1('.Q.pf')).toBe('`year');
      expect(q1('t`year')).toBe('2023 2023 2024 2024i');
      // segments
      mkdirSync(join(dir, 'root'));
      writeFileSync(join(dir, 'root', 'par.txt'), `${dir}/s0\n${dir}/s1\n`);
      q('t:([]a:1 2)').dispose();
      for (const p of [0, 1, 2, 3]) q(`(\`$(string .Q.par[\`:${dir}/root;${p};\`t]),"/") set t`).dispose();
      expect(readdirSync(join(dir, 's0')).sort()).toEqual(['0', '2']);
      expect(readdirSync(join(dir, 's1')).sort()).toEqual(['1', '3']);
      q(`system"l ${dir}/root"`).dispose();
      expect(q1('.Q.pf')).toBe('`int');
      expect(q1('t`int')).toBe('0 0 1 1 2 2 3 3i');
      expect(q1('.Q.P')).toBe(`\`:${dir}/s0\`:${dir}/s1`);
      expect(q1('.Q.D')).toBe('(0 2i;1 3i)');
    } finally { done(); }
  }));
  it('.Q.dpfts enumerates against a domain of its own; .Q.dd joins names', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('t:([]a:`c`a`b;v:1 2 3)').dispose();
      expect(q1(`.Q.dpfts[\`:${dir};2007.07.23;\`a;\`t;\`mysym]`)).toBe('`t');
      expect(q1('mysym')).toBe('`c`a`b');
      expect(q1(`get\`:${dir}/mysym`)).toBe('`c`a`b');
      expect(bytesOf(join(dir, '2007.07.23', 't', 'a')).subarray(16, 22)).toEqual(new Uint8Array([0x6d, 0x79, 0x73, 0x79, 0x6d, 0]));
      q('mysym:0').dispose();
      q(`system"l ${dir}"`).dispose();
      expect(q1('t`a')).toBe('`mysym$`a`b`c');
      expect(q1('.Q.dd[`:dir]`file')).toBe('`:dir/file');
      writeFileSync(join(dir, 'init.q'), 'loaded:1+count t\n');
      q(`system"l ${dir}"`).dispose();
      expect(q1('loaded')).toBe('4'); // the root's q scripts run after the tables load
      expect(q1('.Q.dd[`AAPL]"O"')).toBe('`AAPL.O');
    } finally { done(); }
  }));
  it('.Q.chk adds a table missing from a partition, empty', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('t:([]a:1 2;b:`x`y)').dispose();
      q(`.Q.dpft[\`:${dir};2024.01.01;\`;\`t]`).dispose();
      q('t:([]a:3 4;b:`x`z)').dispose();
      q(`.Q.dpft[\`:${dir};2024.01.02;\`;\`t]`).dispose();
      q('u:([]c:1.5 2.5)').dispose();
      q(`.Q.dpft[\`:${dir};2024.01.02;\`;\`u]`).dispose();
      expect(q1(`.Q.chk\`:${dir}`)).toBe(`,\`:${dir}/2024.01.01`);
      expect(q1(`get\`:${dir}/2024.01.01/u`)).toBe('+(,`c)!,`float$()');
      q(`system"l ${dir}"`).dispose();
      expect(q1('count each(t;u)')).toBe('4 2');
    } finally { done(); }
  }));
  it('dsave: splayed, enumerated tables at the root or in a partition', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('t:([]s:`a`b;v:1 2)').dispose();
      q('w:([]s:`c`a;x:1.5 2.5)').dispose();
      expect(q1(`\`:${dir}/db dsave\`t\`w`)).toBe('`t`w');
      expect(q1(`get\`:${dir}/db/sym`)).toBe('`a`b`c');
      expect(q1(`t~${UNENUM}get\`:${dir}/db/t`)).toBe('1b');
      expect(q1(`(\`:${dir}/p;\`2015.01.01) dsave\`t`)).toBe('`t');
      expect(q1(`t~${UNENUM}get\`:${dir}/p/2015.01.01/t`)).toBe('1b');
    } finally { done(); }
  }));
});

describe('in the memory file system (the browser main thread\'s backend)', () => {
  it('splays, enumerates, partitions and loads without touching the disk', () => withGlobals(() => {
    const prev = useStorage(new MemoryStorage());
    try {
      q('trade:([]sym:`x`y`x;px:1 2 3f)').dispose();
      q('.Q.dpft[`:db;2024.01.01;`sym;`trade]').dispose();
      q('.Q.dpft[`:db;2024.01.02;`sym;`trade]').dispose();
      q('system"l db"').dispose();
      expect(q1('count trade')).toBe('6');
      expect(q1('distinct trade`date')).toBe('2024.01.01 2024.01.02');
      // \l changed into the database: paths resolve inside it
      expect(q1('system"cd"')).toBe('"/db"');
      expect(q1('get`:sym')).toBe('`x`y');
      expect(q1('hcount`:2024.01.01/trade/px')).toBe('40');
      expect(existsSync('db')).toBe(false);
    } finally { useStorage(prev); }
  }));
});

describe('compression on write', () => {
  it('(`:f;lbs;alg;lvl) set x for gzip and kdb+ IPC compression; -21! describes the file; .z.zd by default', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('x:100000#til 100').dispose();
      for (const alg of [1, 2]) {
        q(`(\`:${dir}/z${alg};17;${alg};6) set x`).dispose();
        expect(q1(`x~get\`:${dir}/z${alg}`)).toBe('1b');
        expect(q1(`(-21!\`:${dir}/z${alg})\`algorithm\`logicalBlockSize\`uncompressedLength`)).toBe(`(${alg}i;17i;800016)`);
        expect(bytesOf(join(dir, `z${alg}`)).length).toBeLessThan(800016 / 10);
      }
      q('y:0x00,1000?0xff').dispose(); // incompressible for IPC compression: blocks stored plain
      q(`(\`:${dir}/y;12;1;0) set y`).dispose();
      expect(q1(`y~get\`:${dir}/y`)).toBe('1b');
      q('.z.zd:17 2 6').dispose();
      q(`\`:${dir}/zd set x`).dispose();
      expect(q1(`(-21!\`:${dir}/zd)\`algorithm`)).toBe('2i');
      q('.z.zd:0 0 0').dispose();
      q(`\`:${dir}/plain set x`).dispose();
      expect(q1(`-21!\`:${dir}/plain`)).toBe('()!()');
      expect(q1(`count -21!\`:${dir}`)).toBe('0'); // a directory
      expect(q1(`-19!(\`:${dir}/plain;\`:${dir}/c;16;1;0)`)).toBe(`\`:${dir}/c`);
      // a splayed table compressed by column: the null symbol's entry for the others
      q('.z.zd:0 0 0; t:([]a:1000#1 2;b:1000#3 4;c:1000#5 6)').dispose();
      expect(q1(`(\`:${dir}/zt/;\`\`a!(17 1 0;17 2 6)) set t`)).toBe(`\`:${dir}/zt/`);
      expect(q1(`(-21!\`:${dir}/zt/a)\`algorithm`)).toBe('2i');
      expect(q1(`(-21!\`:${dir}/zt/b)\`algorithm`)).toBe('1i');
      expect(q1(`-21!\`:${dir}/zt/.d`)).toBe('()!()');
      expect(q1(`t~get\`:${dir}/zt`)).toBe('1b');
      expect(q1(`t~get(\`:${dir}/z5/;17;5;1) set t`)).toBe('1b'); // zstd
      expect(qerr(`(\`:${dir}/zz;17;2;10) set t`)).toBe('domain');
      expect(existsSync(join(dir, 'zz'))).toBe(false);
      expect(q1(`x~get\`:${dir}/c`)).toBe('1b');
    } finally { done(); }
  }));
});

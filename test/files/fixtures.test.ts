// Files written by kdb+ itself (shared/kdb-file-fixtures, by source repository)
// read back with the values their sources say they hold, and written again
// byte for byte.
import { describe, it, expect, afterEach } from 'vitest';
import { readdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { writeOptions } from '../../src/files/header.js';
import { fix, bytesOf, tmp, qs, q1, withGlobals } from './helpers.js';
import { globals } from '../../src/lang/eval.js';

afterEach(() => { writeOptions.countAlways = false; });

describe('egor7-q: a partitioned database with two splayed tables (kdb+ 3.x, counts written)', () => {
  const db = fix('egor7-q/db');
  it('reads single columns and the sym file', () => {
    expect(q1(`get\`:${db}/tref/c1`)).toBe('1 2 3');
    expect(q1(`get\`:${db}/tref/c2`)).toBe('1.1 2.2 3.3');
    expect(q1(`get\`:${db}/sym`)).toBe('`oracle`microsoft`google`ibm`msft`goog');
    expect(q1(`get\`:${db}/tref/.d`)).toBe('`c1`c2');
  });
  it('an enumerated column needs its domain loaded', () => withGlobals(() => {
    expect(() => q(`get\`:${db}/cust/name`)).toThrow('sym');
    q(`sym:get\`:${db}/sym`).dispose();
    // kdb+ reads an enumerated column as an enumeration (20h) over `sym
    expect(q1(`get\`:${db}/cust/name`)).toBe('`sym$`oracle`microsoft`google');
    expect(q1(`type get\`:${db}/cust/name`)).toBe('20h');
    expect(q1(`value get\`:${db}/cust/name`)).toBe('`oracle`microsoft`google');
    expect(q1(`get\`:${db}/cust`)).toBe('+`sym`name!(`sym$`ibm`msft`goog;`sym$`oracle`microsoft`google)');
  }));
  it('\\l loads the partitions with the date column first, the root tables and the sym domain', () => withGlobals(() => {
    q(`system"l ${db}"`).dispose();
    expect(qs('q')).toBe([
      'date       ti       sym  b      a     ',
      '--------------------------------------',
      '2015.01.01 09:30:00 ibm  100.75 101.25',
      '2015.01.01 09:31:00 msft 32.75  33.25 ',
      '2015.01.02 09:30:00 ibm  101.25 101.75',
      '2015.01.02 09:30:00 msft 33.25  33.75 ',
    ].join('\n'));
    expect(q1('t`p')).toBe('101 33 101.5 33.5');
    expect(q1('tref')).toBe('+`c1`c2!(1 2 3;1.1 2.2 3.3)');
    expect(q1('cust`name')).toBe('`sym$`oracle`microsoft`google');
    expect(qs('meta cust')).toBe(['c   | t f a', '----| -----', 'sym | s    ', 'name| s    '].join('\n'));
    expect(q1('exec name from cust where sym=`msft')).toBe(',`sym$`microsoft'.replace(',`sym$', '`sym$,'));
    expect(q1('.Q.pf')).toBe('`date');
    expect(q1('.Q.pv')).toBe('2015.01.01 2015.01.02');
    expect(q1('.Q.pt')).toBe('`q`t');
    expect(q1('.Q.pn')).toBe('`q`t!(();())'); // the count cache, filled by count
    expect(q1('(count q;count t)')).toBe('4 4');
    expect(q1('.Q.pn')).toBe('`q`t!(2 2;2 2)');
    expect(q1(`.Q.par[\`:${db};2015.01.02;\`t]`)).toBe(`\`:${db}/2015.01.02/t`);
  }));
  it('writes every file of the database again byte for byte', () => withGlobals(() => {
    writeOptions.countAlways = true; // this kdb+ wrote counts without attributes
    const { dir, done } = tmp();
    try {
      q(`sym:get\`:${db}/sym`).dispose();
      for (const t of ['tref', 'cust', '2015.01.01/q', '2015.01.01/t', '2015.01.02/q', '2015.01.02/t']) {
        q(`\`:${dir}/${t}/ set get\`:${db}/${t}`).dispose();
        for (const f of readdirSync(join(db, t))) {
          expect(bytesOf(join(dir, t, f)), `${t}/${f}`).toEqual(bytesOf(join(db, t, f)));
        }
      }
    } finally { done(); }
  }));
});

describe('dolphindb: a splayed table of every simple type (recent kdb+: counts 0)', () => {
  const base = fix('dolphindb-DolphinDBPlugin/kdb_sample/allDataTypes');
  const csv = readFileSync(fix('dolphindb-DolphinDBPlugin/csv_sample/test.csv'), 'utf8').split('\n');
  it('reads 2000 rows of each type, matching the CSV it was made from', () => withGlobals(() => {
    q(`sym:get\`:${base}/sym`).dispose();
    q(`t:get\`:${base}/splayedTable`).dispose();
    expect(q1('count t')).toBe('2000');
    expect(q1('type each flip t')).toBe(
      '`bool`uuid`byte`short`int`long`float`double`char`str`nanostamp`month`date`timestamp`nano`minute`second`time!1 2 4 5 6 6 8 9 10 20 12 13 14 15 16 17 18 19h');
    expect(csv[0]).toBe('bool,uuid,byte,short,int,long,float,double,char,str,nanostamp,month,date,timestamp,nano,minute,second,time');
    // first rows as the CSV has them (q's console forms)
    expect(q1('t[0]`uuid')).toBe('61f35174-90bc-a48a-d88f-e15e4a377ec8');
    expect(q1('5#t`int')).toBe('12 44535 0 0N -234566i');
    expect(q1('5#t`short')).toBe('34 -3 0 0N 100h');
    expect(q1('5#t`byte')).toBe('0x7f060080ff');
    expect(q1('5#t`double')).toBe('0 0.0003435003 96778 0n -1.2');
    expect(q1('5#t`str')).toBe('`sym$`ww`787`uih_ww`ww`787');
    expect(q1('2#t`nanostamp')).toBe('1997.06.26D00:00:00.100000003 2008.01.01D00:00:00.100000003');
    expect(q1('2#t`month')).toBe('1960.01 2000.01m');
    expect(q1('2#t`date')).toBe('1960.06.26 2008.01.01');
    expect(q1('2#t`minute')).toBe('14:00 01:22');
    expect(q1('2#t`second')).toBe('23:59:59 12:12:12');
    expect(q1('1_2#t`time')).toBe(',00:01:01.978');
    expect(q1('5#t`char')).toBe('"c0| a"');
  }));
  it('writes the splayed table back byte for byte (.d, every column, the enumeration)', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(`sym:get\`:${base}/sym`).dispose();
      q(`\`:${dir}/splayedTable/ set get\`:${base}/splayedTable`).dispose();
      for (const f of readdirSync(join(base, 'splayedTable'))) {
        expect(bytesOf(join(dir, 'splayedTable', f)), f).toEqual(bytesOf(join(base, 'splayedTable', f)));
      }
    } finally { done(); }
  }));
  it('a table saved with set (an IPC body behind ff01) reads equal to the splayed one and writes back byte for byte', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(`sym:get\`:${base}/sym`).dispose();
      // the splayed table's symbols are enumerated, the one in a file plain: equal once resolved
      expect(q1(`(get\`:${base}/test)~get\`:${base}/splayedTable`)).toBe('0b');
      expect(q1(`(get\`:${base}/test)~{flip{$[20h=type x;value x;x]}each flip x}get\`:${base}/splayedTable`)).toBe('1b');
      q(`\`:${dir}/test set get\`:${base}/test`).dispose();
      expect(bytesOf(join(dir, 'test'))).toEqual(bytesOf(join(base, 'test')));
      const wide = fix('dolphindb-DolphinDBPlugin/kdb_sample/widetable');
      q(`\`:${dir}/wide set get\`:${wide}`).dispose();
      expect(bytesOf(join(dir, 'wide'))).toEqual(bytesOf(wide));
      expect(q1(`count cols get\`:${wide}`)).toBe('130');
    } finally { done(); }
  }));
  it('.Q.en builds the same sym file from nothing', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(`sym:get\`:${base}/sym`).dispose();
      // .Q.en enumerates symbol columns (an enumerated one it leaves as it is)
      q(`t:{flip{$[20h=type x;value x;x]}each flip x}get\`:${base}/splayedTable`).dispose();
      globals.get('sym')!.dispose(); globals.delete('sym');
      q(`.Q.en[\`:${dir}]t`).dispose();
      expect(bytesOf(join(dir, 'sym'))).toEqual(bytesOf(join(base, 'sym')));
      expect(q1('sym')).toBe('`ww`787`uih_ww');
    } finally { done(); }
  }));
});

describe('nested columns', () => {
  it('old layout (77+t with a raw # file): TorQ configtable', () => {
    const t = fix('DataIntellectTech-TorQ-Finance-Starter-Pack/dqe/dqcdb/database/2020.04.17/configtable');
    expect(q1(`3#get\`:${t}/proc`)).toBe('("`rdb1";"`rdb1";"`rdb1")');
    expect(q1(`first get\`:${t}/params`)).toBe('"`comp`vars!(0b;(`quote;5;`minute))"');
    expect(q1(`count get\`:${t}/params`)).toBe('12');
  });
  it('anymap: strings, char atoms, long vectors and atoms', () => {
    const d = fix('dolphindb-DolphinDBPlugin/kdb_sample');
    expect(q1(`5#get\`:${d}/charArrayVector/nestChar`)).toBe('("aa";"a";"";"dolphindb";"123456789")');
    expect(q1(`type each 2#get\`:${d}/charArrayVector/nestChar`)).toBe('10 -10h');
    expect(q1(`3#get\`:${d}/intArrayVector/d`)).toBe('(1 2 3;4;0)');
    expect(q1(`count each 4#get\`:${d}/intArrayVector/d`)).toBe('3 1 1 30');
    expect(q1(`(get\`:${d}/intArrayVector/d)3`)).toBe('1 2,28#1'.replace('1 2,28#1', '1 2 ' + Array(28).fill(1).join(' ')));
    expect(q1(`4#get\`:${d}/intArrayVector/lh`)).toBe('("abc";"c";"u";"dolphindb")');
    expect(q1(`count get\`:${d}/charArrayVector`)).toBe('2000');
  });
  it('anymap: dictionaries of keyed tables with symbols from ##', () => {
    const r = fix('DataIntellectTech-TorQ-Finance-Starter-Pack/dqe/dqedb/database/2020.09.03/advancedres');
    expect(q1(`first get\`:${r}/resultdata`)).toBe(
      '(+(,`sym)!,`AAPL`AIG`AMD`DELL`DOW`GOOG`HPQ`IBM`INTC`MSFT)!+(,`bycount)!,209356 208544 209003 208687 208420 209706 208319 207438 207455 209588');
    // the second: a two-column key whose sym column was enumerated (with p#) inside the anymap
    expect(q1(`key last get\`:${r}/resultdata`)).toBe(
      '+`sym`ex!(`AAPL`AAPL`AIG`AIG`AMD`AMD`DELL`DELL`DOW`DOW`GOOG`GOOG`HPQ`HPQ`IBM`IBM`INTC`INTC`MSFT`MSFT;"NONONONONONONONONONO")');
  });
  it('writes strings in the anymap layout as kdb+ did (memoriesPOC)', () => {
    const m = fix('mkeenan-kdb-memoriesPOC/db/memories');
    const { dir, done } = tmp();
    try {
      for (const c of ['title', 'img', 'fname', 'description']) {
        q(`\`:${dir}/${c} set get\`:${m}/${c}`).dispose();
        expect(bytesOf(join(dir, c)), c).toEqual(bytesOf(join(m, c)));
        expect(bytesOf(join(dir, c + '#')), c + '#').toEqual(bytesOf(join(m, c + '#')));
      }
      expect(q1(`first get\`:${m}/title`)).toBe('"Michael Standing"');
    } finally { done(); }
  });
});

describe('compressed files', () => {
  it('kdb+ IPC compression (algorithm 1): TorQ trade columns', () => withGlobals(() => {
    const p = fix('DataIntellectTech-TorQ-Finance-Starter-Pack/hdb');
    q(`sym:get\`:${p}/sym`).dispose();
    expect(q1(`count get\`:${p}/2015.01.07/trade/sym`)).toBe('196519');
    expect(q1(`count get\`:${p}/2015.01.07/trade/stop`)).toBe('196519');
    expect(q1(`distinct get\`:${p}/2015.01.07/trade/sym`)).toBe('`sym$`MSFT`DOW`AAPL`IBM`INTC`GOOG`AMD`AIG`HPQ`DELL');
    expect(q1(`-21!\`:${p}/2015.01.07/trade/sym`)).toBe(
      '`compressedLength`uncompressedLength`algorithm`logicalBlockSize`zipLevel!(11886;786544;1i;16i;0i)');
  }));
  it('gzip (algorithm 2): DolphinDB columns, nested included', () => {
    const d = fix('dolphindb-DolphinDBPlugin/kdb_sample');
    expect(q1(`5#get\`:${d}/compressCharArrayVector/nestChar`)).toBe('("aa";"a";"";"dolphindb";"123456789")');
    expect(q1(`(get\`:${d}/compressCharArrayVector/id)~get\`:${d}/charArrayVector/id`)).toBe('1b');
    expect(q1(`-21!\`:${d}/compressCharArrayVector/id`)).toBe(
      '`compressedLength`uncompressedLength`algorithm`logicalBlockSize`zipLevel!(76;8016;2i;17i;6i)');
  });
});

describe('databases with p# sym columns', () => {
  it('SirCsimbok kdb-tick: an HDB partition written by .Q.dpft (p# read, index data skipped)', () => withGlobals(() => {
    const h = fix('SirCsimbok-kdb-tick/hdb');
    q(`system"l ${h}"`).dispose();
    expect(q1('count trade')).toBe('184');
    expect(q1('cols trade')).toBe('`date`sym`time`price`size`stop`cond`ex');
    expect(q1('distinct trade`sym')).toBe('`sym$`AAPL`AMZN`IBM`META`MSFT`TSLA');
    expect(q1('select count i by sym from trade where date=2024.01.29, sym in `AAPL`IBM')).toBe('(+(,`sym)!,`sym$`AAPL`IBM)!+(,`x)!,28 41');
    expect(q1(`s:get\`:${h}/2024.01.29/trade/sym; (sum s=\`AAPL;sum s=\`IBM)`)).toBe('28 41i');
    expect(q1('count quote')).toBe('1680');
    expect(q1('first quote`date')).toBe('2024.01.29');
    expect(q1(`attr get\`:${h}/2024.01.29/trade/sym`)).toBe('`p');
    expect(q1(`attr get\`:${h}/2024.01.29/trade/price`)).toBe('`');
  }));
  it('TorQ: a table whose column files are missing loads (mapped), and fails when a query reads them', () => withGlobals(() => {
    const h = fix('DataIntellectTech-TorQ-Finance-Starter-Pack/hdb');
    q(`system"l ${h}"`).dispose();
    expect(q1('count trade_iex')).toBe('0');
    expect(q1('cols trade_iex')).toBe('`date`sym`time`price`size`stop`cond`ex`srctime');
    expect(q1('.Q.pt')).toBe('`trade`trade_iex');
    expect(() => q('select from trade')).toThrow('trade/time');
    expect(() => q('select time from trade where date=2015.01.07')).toThrow('trade/time');
  }));
});

describe('a tickerplant log', () => {
  const log = fix('SirCsimbok-kdb-tick/schema2024.01.30');
  it('-11!(-2;x) counts 1321 chunks, all valid', () => {
    expect(q1(`-11!(-2;\`:${log})`)).toBe('1321');
  });
  it('-11! replays every chunk through upd; -11!(n;x) the first n', () => withGlobals(() => {
    q('upd:{[t;x] rows[t]+:count first x; calls+:1}').dispose();
    q('rows:(`symbol$())!`long$(); calls:0').dispose();
    expect(q1(`-11!\`:${log}`)).toBe('1321');
    expect(q1('calls')).toBe('1321');
    expect(q1('key rows')).toBe('`quote`trade');
    expect(q1('calls:0; -11!(5;`:' + log + ')')).toBe('5');
    expect(q1('calls')).toBe('5');
  }));
});

it('every fixture file is classified (no unknown headers)', () => {
  const walk = (d: string): string[] => readdirSync(d).flatMap((e) => {
    const p = join(d, e);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  const files = walk(fix('')).filter((p) => !p.endsWith('.csv'));
  expect(files.length).toBeGreaterThan(200);
});

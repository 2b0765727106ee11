// Partitioned databases mapped lazily: `\l` reads column names only, a query
// reads the partitions its partition-column constraints keep and the columns
// it names; the .Q names for partitions (vp bv cn pd qp u view li MAP dpt).
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';
import { useStorage, MemoryStorage, unloadDatabase } from '../../src/files/index.js';
import { q1, qs, qerr, withGlobals } from './helpers.js';

/** A memory file system that records which files were read. */
class Counting extends MemoryStorage {
  readonly reads: string[] = [];
  /** files whose header (their first bytes) was read */
  readonly heads: string[] = [];
  override readInto(p: string, d: Uint8Array, o: number): number { (o === 0 ? this.heads : this.reads).push(p); return super.readInto(p, d, o); }
  override read(p: string): Uint8Array { this.reads.push(p); return super.read(p); }
  /** column files read (not .d, not sym) since the last call */
  columns(): string[] {
    const r = this.reads.filter((p) => !p.endsWith('/.d') && p !== "db/sym");
    this.reads.length = 0;
    return [...new Set(r)].sort();
  }
}

function withDb(f: (st: Counting) => void): void {
  withGlobals(() => {
    const st = new Counting();
    const prev = useStorage(st);
    try {
      q('t:([]sym:`b`a`b`c;px:1 2 3 4f;n:10 20 30 40)').dispose();
      for (const d of ['2024.01.01', '2024.01.02', '2024.01.03']) q(`.Q.dpft[\`:db;${d};\`sym;\`t]`).dispose();
      q('u:([]x:1 2)').dispose();
      q('`:db/2024.01.03/u/ set u').dispose(); // u only in the last partition
      q('delete t,u from `.').dispose();
      st.reads.length = 0;
      f(st);
    } finally { useStorage(prev); unloadDatabase(); }
  });
}

describe('lazy partitioned tables', () => {
  it('\\l reads the column names only; count fills the count cache .Q.pn from first-column headers (ref/dotq.md .Q.pn .Q.cn)', () => withDb((st) => {
    q('system"l db"').dispose();
    expect(st.reads.filter((p) => !p.endsWith('/.d') && p !== 'db/sym')).toEqual([]);
    expect(st.heads.filter((p) => p.endsWith('/sym') && p !== 'db/sym')).toEqual([]);
    expect(q1('.Q.pt')).toBe('`t`u');
    expect(q1('.Q.pn')).toBe('`t`u!(();())'); // empty until counted
    expect(q1('date')).toBe('2024.01.01 2024.01.02 2024.01.03');
    st.heads.length = 0;
    expect(q1('count t')).toBe('12');
    expect(st.columns()).toEqual([]);
    expect(st.heads).toEqual(['db/2024.01.01/t/sym', 'db/2024.01.02/t/sym', 'db/2024.01.03/t/sym']);
    expect(q1('.Q.pn')).toBe('`t`u!(4 4 4;())');
    // counted again from the cache: nothing read at all
    st.heads.length = 0;
    expect(q1('count t')).toBe('12');
    expect(q1('{count t}[]')).toBe('12');
    expect(q1('.Q.cn t')).toBe('4 4 4');
    expect(st.heads).toEqual([]);
    expect(st.columns()).toEqual([]);
    // u is missing from two partitions: counting it fails as a query does, until .Q.bv
    expect(qerr('count u')).toBe('./2024.01.01/u/x: No such file or directory');
    q('.Q.bv[]').dispose();
    expect(q1('.Q.cn u')).toBe('0 0 2');
    expect(q1('.Q.pn')).toBe('`t`u!(4 4 4;0 0 2)');
    // a local or a global of the name is itself
    expect(q1('{[t] count t}1 2')).toBe('2');
    // .Q.view clears the cache
    q('.Q.view 2024.01.02').dispose();
    expect(q1('.Q.pn')).toBe('`t`u!(();())');
    expect(q1('count t')).toBe('4');
    q('.Q.view[]').dispose();
  }));
  it('a query reads only the partitions its date constraint keeps and the columns it names', () => withDb((st) => {
    q('system"l db"').dispose();
    st.columns();
    expect(qs('select px from t where date=2024.01.02, sym=`b')).toBe('px\n--\n1 \n3 ');
    expect(st.columns()).toEqual(['db/2024.01.02/t/px', 'db/2024.01.02/t/sym']);
    expect(q1('exec sum n from t where date within 2024.01.02 2024.01.03')).toBe('200');
    expect(st.columns()).toEqual(['db/2024.01.02/t/n', 'db/2024.01.03/t/n']);
    expect(q1('select count i by date from t')).toBe('(+(,`date)!,2024.01.01 2024.01.02 2024.01.03)!+(,`x)!,4 4 4');
    expect(st.columns()).toEqual([]);
    // constraints that are not (only) on the partition column read every partition
    expect(q1('exec n from t where sym=`c')).toBe('40 40 40');
    expect(st.columns()).toEqual(['db/2024.01.01/t/n', 'db/2024.01.01/t/sym', 'db/2024.01.02/t/n', 'db/2024.01.02/t/sym', 'db/2024.01.03/t/n', 'db/2024.01.03/t/sym']);
    // a partition constraint after another one is a plain filter
    expect(q1('exec n from t where sym=`c, date=2024.01.01')).toBe(',40');
    st.columns();
    // the functional form by name, and the date constraint evaluated on the partitions
    expect(q1('?[`t;enlist(=;`date;(max;`date));0b;(enlist`n)!enlist`n]')).toBe('+(,`n)!,20 10 30 40');
    expect(st.columns()).toEqual(['db/2024.01.03/t/n']);
    // no partition kept: an empty table of the right types
    expect(q1('meta select from t where date=2025.01.01')).toBe('(+(,`c)!,`date`sym`px`n)!+`t`f`a!("dsfj";````;````)');
    expect(q1('count select from t where date>2030.01.01')).toBe('0');
  }));
  it('tables[] lists the mapped tables with the globals, without reading them (ref/tables.md)', () => withDb((st) => {
    q('system"l db"').dispose();
    st.reads.length = 0;
    q('k:([a:1 2]b:3 4)').dispose();
    expect(q1('tables[]')).toBe('`k`t`u');
    expect(q1('tables`.')).toBe('`k`t`u');
    expect(q1('tables`.nosuch')).toBe('`symbol$()');
    expect(st.columns()).toEqual([]);
  }));
  it('the name alone is the whole table; select results equal those on it', () => withDb(() => {
    q('system"l db"').dispose();
    expect(q1('count t')).toBe('12');
    expect(q1('cols t')).toBe('`date`sym`px`n');
    expect(q1('(select from t where date=2024.01.02)~select from (select from t) where date=2024.01.02')).toBe('1b');
    expect(q1('(select sum px by sym from t where date>2024.01.01)~select sum px by sym from (select from t) where date>2024.01.01')).toBe('1b');
    // update and delete see every row
    expect(q1('count update px:0f from t where date=2024.01.01')).toBe('12');
    expect(q1('count delete from t where date=2024.01.01')).toBe('8');
    // in a lambda: its arguments in the partition constraint
    expect(q1('{[d;s] exec n from t where date=d, sym=s}[2024.01.02;`c]')).toBe(',40');
    expect(q1('{[d] count select from t where date within d}2024.01.02 2024.01.03')).toBe('8');
    // a local of the same name is the local
    expect(q1('{[t] count select from t}([]a:1 2)')).toBe('2');
  }));
  it('enumerated columns are enumerations (meta s, compared as symbols)', () => withDb(() => {
    q('system"l db"').dispose();
    expect(q1('type exec sym from t where date=2024.01.01')).toBe('20h');
    expect(qs('meta t')).toBe(['c   | t f a', '----| -----', 'date| d    ', 'sym | s    ', 'px  | f    ', 'n   | j    '].join('\n'));
    expect(q1('exec sym from t where date=2024.01.01')).toBe('`sym$`a`b`b`c');
    expect(q1('exec px from t where date=2024.01.01,sym in `a`c')).toBe('2 4f');
  }));
  it('a partition missing a table fails the query naming the file; .Q.bv[] makes it empty (.Q.vp)', () => withDb(() => {
    q('system"l db"').dispose();
    expect(qerr('select from u')).toBe('./2024.01.01/u/x: No such file or directory');
    // get of text is value (ref/dotq.md's .Q.bv example traps it so)
    expect(q1('@[get;"select from u";{x}]')).toBe('"./2024.01.01/u/x: No such file or directory"');
    expect(q1('get"1+2"')).toBe('3');
    expect(q1('select from u where date=2024.01.03')).toBe('+`date`x!(2024.01.03 2024.01.03;1 2)');
    expect(q1('.Q.vp')).toBe('()!()');
    q('.Q.bv[]').dispose();
    expect(q1('.Q.vp')).toBe('(,`u)!,+`date`x!(`date$();`long$())');
    expect(q1('select from u')).toBe('+`date`x!(2024.01.03 2024.01.03;1 2)');
  }));
  it('.Q.view restricts every query to some partitions; .Q.view[] lifts it; .Q.pv .Q.pd follow', () => withDb(() => {
    q('system"l db"').dispose();
    q('.Q.view 2024.01.01 2024.01.03').dispose();
    expect(q1('date')).toBe('2024.01.01 2024.01.03');
    expect(q1('.Q.pv')).toBe('2024.01.01 2024.01.03');
    expect(q1('.Q.PV')).toBe('2024.01.01 2024.01.02 2024.01.03');
    expect(q1('.Q.pd')).toBe('`:.`:.');
    expect(q1('exec distinct date from t')).toBe('2024.01.01 2024.01.03');
    expect(qerr('.Q.view 2020.01.01')).toBe('invalid partition filter');
    q('.Q.view[]').dispose();
    expect(q1('count t')).toBe('12');
  }));
  it('.Q.li adds partitions written since \\l; .Q.qp .Q.u .Q.cn .Q.MAP; .Q.dpt writes unsorted', () => withDb(() => {
    q('system"l db"').dispose();
    q('t2:([]sym:`z`y;px:5 6f;n:50 60)').dispose();
    expect(q1('.Q.dpt[`:.;2024.01.04;`t2]')).toBe('`t2');
    q('`:2024.01.04/t/ set .Q.en[`:.] ([]sym:`z`y;px:5 6f;n:50 60)').dispose();
    expect(q1('date')).toBe('2024.01.01 2024.01.02 2024.01.03');
    q('.Q.li 2024.01.04 2024.01.09').dispose();
    expect(q1('date')).toBe('2024.01.01 2024.01.02 2024.01.03 2024.01.04');
    expect(q1('exec sym from t where date=2024.01.04')).toBe('`sym$`z`y');
    expect(q1('get`:2024.01.04/t2/sym')).toBe('`sym$`z`y');
    expect(q1('.Q.qp t')).toBe('1b');
    expect(q1('.Q.qp select from t')).toBe('0');
    expect(q1('.Q.qp get`:2024.01.01/t')).toBe('0b');
    expect(q1('.Q.qp 1 2')).toBe('0');
    expect(q1('.Q.u')).toBe('1b');
    expect(q1('.Q.cn t')).toBe('4 4 4 2');
    expect(q1('count t')).toBe('14');
    expect(q1('.Q.cn select from t')).toBe('14'); // not the partitioned table itself: its count
    expect(q1('.Q.MAP[]')).toBe('::');
    // kdb+'s representation of a mapped partitioned table (ref/flip-splayed.md): its columns to its name
    expect(q1('.Q.s1 t')).toBe('"+`sym`px`n!`t"');
    expect(q1('.Q.s1 u')).toBe('"+(,`x)!`u"');
    expect(q1('{.Q.s1 t}[]')).toBe('"+`sym`px`n!`t"');
  }));
});

describe('root splayed tables mapped lazily', () => {
  function withRoot(f: (st: Counting) => void): void {
    withGlobals(() => {
      const st = new Counting();
      const prev = useStorage(st);
      try {
        q('r:([]sym:`x`y`x`z;v:1.5 2.5 3.5 4.5;w:1 2 3 4;s:("a";"bc";"";"def"))').dispose();
        q('`:rdb/r/ set .Q.en[`:rdb] r').dispose();
        q('p:([]sym:`b`a;n:1 2)').dispose();
        q('.Q.dpft[`:rdb;2024.01.01;`sym;`p]').dispose();
        q('delete p from `.').dispose();
        st.reads.length = 0; st.heads.length = 0;
        f(st);
      } finally { useStorage(prev); unloadDatabase(); }
    });
  }
  const data = (st: Counting): string[] => { const r = st.columns().filter((p) => p.startsWith('rdb/r/')); st.heads.length = 0; return r; };
  it('\\l reads .d only; count reads a header; a query reads the columns it names; the name is the whole table', () => withRoot((st) => {
    q('delete r from `.').dispose();
    q('system"l rdb"').dispose();
    expect(data(st)).toEqual([]);
    expect(q1('tables[]')).toBe('`p`r');
    expect(q1('count r')).toBe('4');
    expect(data(st)).toEqual([]);
    expect(q1('select v from r where w>1')).toBe('+(,`v)!,2.5 3.5 4.5');
    expect(data(st)).toEqual(['rdb/r/v', 'rdb/r/w']);
    expect(q1('exec sum w from r where sym=`x')).toBe('4');
    expect(data(st)).toEqual(['rdb/r/sym', 'rdb/r/w']);
    expect(q1('select count i from r')).toBe('+(,`x)!,,4');
    expect(data(st)).toEqual(['rdb/r/sym']); // no column named: the first, for the rows
    expect(q1('{[k] exec v from r where w>k}2')).toBe('3.5 4.5');
    expect(q1('?[`r;enlist(>;`w;2);0b;(enlist`w)!enlist`w]')).toBe('+(,`w)!,3 4');
    expect(data(st)).toEqual(['rdb/r/v', 'rdb/r/w']);
    // identical results: the name, select, update and delete on it against the table read whole
    q('g:get`:r').dispose();
    expect(q1('r~g')).toBe('1b');
    expect(q1('(select from r)~select from g')).toBe('1b');
    expect(q1('(select s by sym from r where v>2)~select s by sym from g where v>2')).toBe('1b');
    expect(q1('(update w:w*2 from r where sym=`x)~update w:w*2 from g where sym=`x')).toBe('1b');
    expect(q1('(delete from r where w=2)~delete from g where w=2')).toBe('1b');
    expect(q1('(delete v from r)~delete v from g')).toBe('1b');
    expect(q1('(meta r)~meta g')).toBe('1b');
    expect(q1('.Q.qp r')).toBe('0b');
    expect(q1('.Q.s1 r')).toBe('"+`sym`v`w`s!`:./r/"'); // a splayed table: its columns to its directory
    // rows appended on disk are seen at once: nothing is cached
    q('`:r/ upsert .Q.en[`:.] ([]sym:`q;v:9.5;w:9;s:enlist"zz")').dispose();
    expect(q1('count r')).toBe('5');
    expect(q1('exec last w from r')).toBe('9');
    // a global of the name is the global; deleting it maps the table again
    q('r:1 2').dispose();
    expect(q1('count r')).toBe('2');
    expect(q1('select from ([]a:r)')).toBe('+(,`a)!,1 2');
    q('delete r from `.').dispose();
    expect(q1('count r')).toBe('5');
    // \l of the database again maps it afresh; unloading forgets it
    q('system"l ."').dispose();
    expect(q1('count r')).toBe('5');
  }));
  it('a damaged column fails the query that reads it, cleanly; others still answer', () => withRoot((st) => {
    q('delete r from `.').dispose();
    q('system"l rdb"').dispose();
    const w = st.read('rdb/r/w');
    st.write('rdb/r/w', [w.subarray(0, 20)]); // 4 longs cut to half of one
    expect(q1('select v from r')).toBe('+(,`v)!,1.5 2.5 3.5 4.5');
    expect(qerr('select w from r')).toBe('length');
    expect(qerr('r')).toBe('length');
    st.write('rdb/r/w', [w.subarray(0, 8)]); // no header left
    expect(qerr('select w from r')).toBe('type');
  }));
});

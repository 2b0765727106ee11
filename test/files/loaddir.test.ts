// `\l` of a directory as basics/syscmds.md, ref/load.md and ref/dotq.md
// (.Q.l .Q.lo .Q.PD) describe it: a database directory becomes the working
// directory (`\cd` shows it, relative paths resolve inside it), then its data
// files, splayed and partitioned tables and scripts load; `\l .` reloads the
// data only; names ending in $ are passed over; a splayed table's directory
// or a data file loads into the global of its name.
import { describe, it, expect } from 'vitest';
import { realpathSync } from 'node:fs';
import { q } from '../../src/index.js';
import { useStorage, MemoryStorage, unloadDatabase } from '../../src/files/index.js';
import { fix, q1, qs, qerr, withGlobals } from './helpers.js';

/** Runs f on a fresh memory file system (its working directory starts at "/"). */
function inMemory(f: (st: MemoryStorage) => void): void {
  withGlobals(() => {
    const st = new MemoryStorage();
    const prev = useStorage(st);
    try { f(st); } finally { useStorage(prev); unloadDatabase(); }
  });
}
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('\\l of a database written by kdb+ (egor7-q/db)', () => {
  // the fixtures may sit behind a symbolic link (CI's ../shared): the working directory is the real path
  const db = realpathSync(fix('egor7-q/db'));
  it('changes into the database: \\cd shows it, relative paths resolve inside it, .Q.PD is count[.Q.PV]#`:.', () => withGlobals(() => {
    const start = process.cwd();
    expect(q1('system"cd"')).toBe(JSON.stringify(start));
    q(`system"l ${db}"`).dispose();
    expect(process.cwd()).toBe(db);
    expect(q1('system"cd"')).toBe(JSON.stringify(db));
    expect(q1('key`:.')).toBe('`2015.01.01`2015.01.02`cust`sym`tref');
    expect(q1('get`:tref/c1')).toBe('1 2 3');
    expect(q1('get`:sym')).toBe('`oracle`microsoft`google`ibm`msft`goog');
    expect(q1('.Q.PD')).toBe('`:.`:.');
    expect(q1('.Q.PD~count[.Q.PV]#`:.')).toBe('1b');
    expect(q1('.Q.par[`:.;2015.01.02;`t]')).toBe('`:./2015.01.02/t');
    expect(q1('exec p from t where date=2015.01.02, sym=`ibm')).toBe(',101.5');
    expect(q1('tref')).toBe('+`c1`c2!(1 2 3;1.1 2.2 3.3)');
    // \l . reloads the current database
    q('system"l ."').dispose();
    expect(q1('count q')).toBe('4');
    expect(process.cwd()).toBe(db);
  }));
  it('the working directory is back where the test started', () => {
    expect(process.cwd()).not.toBe(db);
  });
});

describe('\\l in the memory file system', () => {
  function database(st: MemoryStorage): void {
    q('t:([]sym:`b`a`b;px:1 2 3f)').dispose();
    q('.Q.dpft[`:db;2024.01.01;`sym;`t]').dispose();
    q('.Q.dpft[`:db;2024.01.02;`sym;`t]').dispose();
    q('r:([]x:10 20)').dispose();
    q('`:db/r/ set r').dispose();
    q('`:db/cfg set `a`b!1 2').dispose();
    q('delete t,r from `.').dispose();
    st.write('db/init.q', [text('loaded:1+count key`:.\ncwd:system"cd"\n')]);
  }
  it('changes into the database, runs its scripts there; \\l . reloads without them', () => inMemory((st) => {
    database(st);
    expect(q1('system"cd"')).toBe(',"/"');
    q('system"l db"').dispose();
    expect(q1('system"cd"')).toBe('"/db"');
    expect(q1('cwd')).toBe('"/db"'); // the script ran inside the database
    expect(q1('loaded')).toBe('7'); // 2 partitions, r, cfg, init.q, sym: 6 entries
    expect(q1('cfg')).toBe('`a`b!1 2');
    expect(q1('count t')).toBe('6');
    expect(q1('r')).toBe('+(,`x)!,10 20');
    expect(q1('get`:r/x')).toBe('10 20');
    q('loaded:0').dispose();
    q('system"l ."').dispose();
    expect(q1('loaded')).toBe('0');
    expect(q1('count t')).toBe('6');
    // a partition written since, relative to the database, shows up on reload
    q('t:([]sym:,`c;px:,9f)').dispose();
    q('.Q.dpft[`:.;2024.01.03;`sym;`t]').dispose();
    q('delete t from `.').dispose();
    q('system"l"').dispose();
    expect(q1('count t')).toBe('7');
    expect(q1('.Q.PD')).toBe('`:.`:.`:.');
  }));
  it('\\cd changes the directory, creating it when missing; relative paths follow it', () => inMemory((st) => {
    q('system"cd work/a"').dispose();
    expect(q1('system"cd"')).toBe('"/work/a"');
    expect(st.isDir('work/a')).toBe(true);
    q('`:x set 1 2 3').dispose();
    expect(st.exists('work/a/x')).toBe(true);
    q('system"cd .."').dispose();
    expect(q1('system"cd"')).toBe('"/work"');
    expect(q1('get`:a/x')).toBe('1 2 3');
    q('system"cd /"').dispose();
    expect(q1('get`:work/a/x')).toBe('1 2 3');
    expect(qerr('system"cd .."')).toBe('access'); // not above the storage's root
  }));
  it('names ending in $ are passed over', () => inMemory((st) => {
    database(st);
    q('(hsym`$"db/skip$") set 42').dispose();
    q('(hsym`$"db/hidden$/") set ([]y:1 2)').dispose();
    expect(st.exists('db/skip$') && st.isDir('db/hidden$')).toBe(true);
    q('system"l db"').dispose();
    expect(q1('`skip in key`.')).toBe('0b');
    expect(q1('tables[]')).toBe('`r`t');
  }));
  it('a splayed table\'s directory maps the table to its name without changing directory; a data file loads into its name', () => inMemory((st) => {
    database(st);
    q('system"l db/r"').dispose();
    expect(q1('system"cd"')).toBe(',"/"');
    expect(q1('r')).toBe('+(,`x)!,10 20');
    q('system"l db/cfg"').dispose();
    expect(q1('cfg')).toBe('`a`b!1 2');
  }));
  it('.Q.lo loads staying put and/or without scripts; .Q.l is \\l', () => inMemory((st) => {
    database(st);
    q('.Q.lo[`:db;0b;0b]').dispose();
    expect(q1('system"cd"')).toBe(',"/"');
    expect(qerr('loaded')).toBe('loaded');
    expect(q1('count t')).toBe('6');
    expect(q1('.Q.PD')).toBe('`:db`:db');
    q('.Q.lo[`:db;0b;1b]').dispose();
    expect(q1('cwd')).toBe(',"/"');
    q('.Q.l`:db').dispose();
    expect(q1('system"cd"')).toBe('"/db"');
    expect(q1('cwd')).toBe('"/db"');
    expect(qerr('.Q.l 1')).toBe('type');
  }));
  it('segments in par.txt are relative to the database it changed into', () => inMemory((st) => {
    q('t:([]a:1 2)').dispose();
    q('`:seg/1/2024.01.01/t/ set t').dispose();
    q('`:seg/2/2024.01.02/t/ set t').dispose();
    st.mkdirp('db');
    st.write('db/par.txt', [text('../seg/1\n../seg/2\n')]);
    q('delete t from `.').dispose();
    q('system"l db"').dispose();
    expect(q1('.Q.PD')).toBe('`:../seg/1`:../seg/2');
    expect(qs('select from t')).toBe(['date       a', '------------', '2024.01.01 1', '2024.01.01 2', '2024.01.02 1', '2024.01.02 2'].join('\n'));
  }));
});

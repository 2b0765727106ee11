// .Q.en and .Q.ens as ref/dotq.md describes them: the table comes back with
// its symbol columns enumerated; the domain grows in its file and its global;
// .Q.en[::;t] (4.1 2025.01.17) touches only the global; .Q.ens names the domain.
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';
import { useStorage, MemoryStorage } from '../../src/files/index.js';
import { q1, qerr, withGlobals } from './helpers.js';

function inMemory(f: () => void): void {
  withGlobals(() => {
    const prev = useStorage(new MemoryStorage());
    try { f(); } finally { useStorage(prev); }
  });
}

describe('.Q.en, .Q.ens', () => {
  it('returns the table enumerated against sym, which grows in memory and on disk', () => inMemory(() => {
    q('t1:([]col1:`a`b`c;col2:1 2 3); t2:([]col1:`a`d`e;col2:1 2 3)').dispose();
    expect(q1('.Q.en[`:db;t1]')).toBe('+`col1`col2!(`sym$`a`b`c;1 2 3)');
    expect(q1('sym')).toBe('`a`b`c');
    expect(q1('get`:db/sym')).toBe('`a`b`c');
    q('`:db/t2/ set .Q.en[`:db;t2]').dispose();
    expect(q1('sym')).toBe('`a`b`c`d`e');
    expect(q1('get`:db/sym')).toBe('`a`b`c`d`e');
    expect(q1('get`:db/t2/col1')).toBe('`sym$`a`d`e');
    // attributes that survive the map to indexes are kept
    expect(q1('attr each value flip .Q.en[`:db;([]s:`p#`x`x`y;u:`u#`m`n`o;g:`g#`a`b`a;z:`s#`q`r`s)]')).toBe('`p`u`g`');
    expect(qerr('.Q.en[`:db;1 2]')).toBe('type');
  }));
  it('.Q.en[::;t] enumerates against the global alone', () => inMemory(() => {
    q('t1:([]a:`a`b`c;b:1 2 3); t2:([]a:`a`d`e;b:1 2 3)').dispose();
    q('.Q.en[::;t1]').dispose();
    expect(q1('sym')).toBe('`a`b`c');
    expect(q1('.Q.en[::;t2]')).toBe('+`a`b!(`sym$`a`d`e;1 2 3)');
    expect(q1('sym')).toBe('`a`b`c`d`e');
    expect(q1('key`:.')).toBe('`symbol$()');
  }));
  it('.Q.ens enumerates against the named domain and its file', () => inMemory(() => {
    expect(q1('([]sym:`mysym$`a`b`c)~.Q.ens[`:db;([]sym:`a`b`c);`mysym]')).toBe('1b');
    expect(q1('get`:db/mysym')).toBe('`a`b`c');
    expect(q1('mysym')).toBe('`a`b`c');
    expect(qerr('.Q.ens[`:db;([]sym:`a`b`c);"mysym"]')).toBe('type');
  }));
});

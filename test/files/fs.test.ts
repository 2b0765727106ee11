// .Q.fs and .Q.fsn (ref/dotq.md): a file read in lumps of whole lines, each
// lump's lines given to a function; the result is the file's size.
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';
import { useStorage, MemoryStorage } from '../../src/files/index.js';
import { q1, qerr, withGlobals } from './helpers.js';

function inMemory(f: (st: MemoryStorage) => void): void {
  withGlobals(() => {
    const st = new MemoryStorage();
    const prev = useStorage(st);
    try { f(st); } finally { useStorage(prev); }
  });
}
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('.Q.fs, .Q.fsn', () => {
  it('the page\'s potamus.csv: one lump of two lines; parsed to columns', () => inMemory((st) => {
    const csv = 'Take, a,   hippo, to,   lunch, today,        -1, 1941-12-07\nA,    man, a,     plan, a,     hippopotamus, 42, 1952-02-23\n';
    st.write('potamus.csv', [text(csv)]);
    q('got:()').dispose();
    expect(q1('.Q.fs[{got,:enlist x}]`:potamus.csv')).toBe('120');
    expect(q1('count got')).toBe('1');
    expect(q1('count first got')).toBe('2');
    expect(q1('last first got')).toBe('"A,    man, a,     plan, a,     hippopotamus, 42, 1952-02-23"');
    q('cs:()').dispose();
    q('.Q.fs[{cs,:enlist("SSSSSSID";",")0:x}]`:potamus.csv').dispose();
    expect(q1('(first cs) 6')).toBe('-1 42i');
  }));
  it('lumps end after their last newline: every line whole, once, in order; CRLF and a last line without newline', () => inMemory((st) => {
    const lines = Array.from({ length: 50 }, (_, i) => 'line' + i + 'x'.repeat(i % 7));
    st.write('f.txt', [text(lines.join('\r\n'))]);
    q('seen:(); sizes:()').dispose();
    expect(q1('.Q.fsn[{seen,:x; sizes,:count x};`:f.txt;40]')).toBe(q1('hcount`:f.txt'));
    expect(q1('1<count sizes')).toBe('1b');
    expect(q1('seen')).toBe(q1('read0`:f.txt'));
    expect(q1('all 0<sizes')).toBe('1b');
    // an empty file: no call, size 0
    st.write('e.txt', [new Uint8Array(0)]);
    expect(q1('.Q.fs[{seen,:x};`:e.txt]')).toBe('0');
    expect(qerr('.Q.fsn[{x};`:f.txt;0]')).toBe('domain');
    expect(qerr('.Q.fsn[{x};`:f.txt;`a]')).toBe('type');
    expect(qerr('.Q.fs[{x};`:nofile]')).toBe(':nofile. OS reports: No such file or directory');
  }));
});

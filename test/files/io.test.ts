// Text and binary file I/O: read0 0: read1 1:, file handles, hcount, hdel,
// save/load, -11! on logs written here.
import { describe, it, expect } from 'vitest';
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { tmp, q1, qerr, withGlobals } from './helpers.js';

describe('text', () => {
  it('`:f 0: lines writes LF-ended lines; read0 reads them back (LF or CRLF)', () => {
    const { dir, done } = tmp();
    try {
      expect(q1(`\`:${dir}/a.txt 0:("hello";"goodbye";"")`)).toBe(`\`:${dir}/a.txt`);
      expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('hello\ngoodbye\n\n');
      expect(q1(`read0\`:${dir}/a.txt`)).toBe('("hello";"goodbye";"")');
      writeFileSync(join(dir, 'b.txt'), 'x,y\r\n1,2\r\nlast');
      expect(q1(`read0\`:${dir}/b.txt`)).toBe('("x,y";"1,2";"last")');
      writeFileSync(join(dir, 'c.txt'), '');
      expect(q1(`read0\`:${dir}/c.txt`)).toBe('()');
      q(`\`:${dir}/foo 0: enlist "hello world"`).dispose();
      expect(q1(`read0(\`:${dir}/foo;6;2)`)).toBe('"wo"');
      expect(q1(`read0(\`:${dir}/foo;6)`)).toBe('"world"');
      q(`\`:${dir}/lines 0: ("hear the lark and hearken";"to the barking")`).dispose();
      expect(q1(`read0(\`:${dir}/lines;10;20)`)).toBe('("ark and hearken";"to t")');
      expect(q1(`\`:${dir}/s 0: \`a\`b`)).toBe(`\`:${dir}/s`);
      expect(readFileSync(join(dir, 's'), 'utf8')).toBe('a\nb\n');
      expect(qerr(`read0\`:${dir}/none`)).toBe(`:${dir}/none. OS reports: No such file or directory`);
      expect(qerr(`\`:${dir}/t 0: 1 2`)).toBe('type');
    } finally { done(); }
  });
  it('("SJF";",") 0: `:f reads the file and hands its lines to the in-memory 0:', () => {
    const { dir, done } = tmp();
    try {
      writeFileSync(join(dir, 'f.csv'), 'a,1,1.5\nb,2,2.5\n');
      // without the text-parsing layer this is all that can be said
      const r = qerr(`("SJF";",") 0: \`:${dir}/f.csv`);
      expect(['nyi', '(no error)']).toContain(r);
    } finally { done(); }
  });
});

describe('key on file symbols', () => {
  it('lists a directory, names an existing file, is empty for a missing one', () => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/d/b set 1`).dispose();
      q(`\`:${dir}/d/a set 2`).dispose();
      expect(q1(`key\`:${dir}/d`)).toBe('`a`b');
      expect(q1(`key\`:${dir}/d/`)).toBe('`a`b');
      expect(q1(`key\`:${dir}/d/a`)).toBe(`\`:${dir}/d/a`);
      expect(q1(`key\`:${dir}/d/zz`)).toBe('()');
      expect(q1('key`a`b!1 2')).toBe('`a`b');
    } finally { done(); }
  });
});

describe('bytes', () => {
  it('`:f 1: bytes writes; read1 reads whole or (f;offset;length)', () => {
    const { dir, done } = tmp();
    try {
      expect(q1(`\`:${dir}/b 1: 0x0102030405`)).toBe(`\`:${dir}/b`);
      expect(q1(`read1\`:${dir}/b`)).toBe('0x0102030405');
      expect(q1(`read1(\`:${dir}/b;1;2)`)).toBe('0x0203');
      expect(q1(`read1(\`:${dir}/b;4;100)`)).toBe(',0x05');
      expect(q1(`read1(\`:${dir}/b;9;1)`)).toBe('`byte$()');
      expect(qerr(`read1(\`:${dir}/b;-1;1)`)).toBe('type');
      expect(q1(`hcount\`:${dir}/b`)).toBe('5');
    } finally { done(); }
  });
  it('(types;widths) 1: reads fixed-width records from a file or bytes', () => {
    const { dir, done } = tmp();
    try {
      // records of an int and a short: (1;2) (3;4) (5;6)
      writeFileSync(join(dir, 'r'), Buffer.from([1, 0, 0, 0, 2, 0, 3, 0, 0, 0, 4, 0, 5, 0, 0, 0, 6, 0]));
      expect(q1(`("ih";4 2) 1: \`:${dir}/r`)).toBe('(1 3 5i;2 4 6h)');
      expect(q1(`("i ";4 2) 1: \`:${dir}/r`)).toBe(',1 3 5i');
      expect(q1(`("ih";4 2) 1: (\`:${dir}/r;6;12)`)).toBe('(3 5i;4 6h)');
      expect(qerr(`("ih";4 4) 1: \`:${dir}/r`)).toBe('length');
      // (widths;types) reads big-endian; * is chars; bytes and strings in memory too
      expect(q1('(enlist 4;enlist"i") 1: 0x01000000')).toBe(',,16777216i');
      expect(q1('(enlist"i";enlist 4) 1: 0x01000000')).toBe(',,1i');
      expect(q1('("ich";4 1 2) 1: 0x00000000410000FF00000042FFFF')).toBe('(0 255i;"AB";0 -1h)');
      expect(q1('("ich";4 1 2) 1: "arthur!"')).toBe('(,1752461921i;,"u";,8562h)');
      expect(q1('("**";4 4) 1: "abcd\\"ef\\""')).toBe('(,"abcd";,"\\"ef\\"")');
      expect(q1(`\`:${dir}/one 1: 1`)).toBe(`\`:${dir}/one`);
      expect(q1(`read1\`:${dir}/one`)).toBe('0x0100000000000000');
    } finally { done(); }
  });
});

describe('file handles', () => {
  it('hopen a text file: h "text" appends, neg[h] appends lines; hclose', () => {
    const { dir, done } = tmp();
    try {
      q(`h:hopen\`:${dir}/sub/log.txt`).dispose();
      q('h "some text\\n"').dispose();
      expect(q1('neg[h] "a line"')).toBe(q1('neg h'));
      q('neg[h] ("two";"lines")').dispose();
      expect(readFileSync(join(dir, 'sub', 'log.txt'), 'utf8')).toBe('some text\na line\ntwo\nlines\n');
      q('h 0x2324').dispose();
      expect(readFileSync(join(dir, 'sub', 'log.txt'), 'utf8').endsWith('#$')).toBe(true);
      const n = q1('h').replace(/i$/, '');
      q('hclose h').dispose();
      // a handle no longer open: kdb+'s write fails (basics/exposed-infrastructure.md)
      expect(qerr('h "more"')).toBe(`Cannot write to handle ${n}. OS reports: Bad file descriptor`);
      q('h:0').dispose();
    } finally { done(); }
  });
  it('h x appends a value to a kdb+ file of its type (vector or symbol list)', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/v set 1 2 3`).dispose();
      q(`h:hopen\`:${dir}/v`).dispose();
      q('h 4 5').dispose();
      q('h 6').dispose();
      expect(q1(`get\`:${dir}/v`)).toBe('1 2 3 4 5 6');
      q('hclose h').dispose();
      q(`\`:${dir}/s set \`s#1 2 3`).dispose(); // counted (attribute): the count grows
      q(`h:hopen\`:${dir}/s`).dispose();
      q('h 4 5').dispose();
      expect(q1(`get\`:${dir}/s`)).toBe('`s#1 2 3 4 5');
      q('hclose h').dispose();
      q(`\`:${dir}/y set \`a\`b`).dispose();
      q(`h:hopen\`:${dir}/y`).dispose();
      q('h `c`d').dispose();
      expect(q1(`get\`:${dir}/y`)).toBe('`a`b`c`d');
      expect(qerr('h 1.5')).toBe('type');
      q('hclose h').dispose();
    } finally { done(); }
  }));
  it('hdel deletes files and empty directories; errors for missing ones', () => {
    const { dir, done } = tmp();
    try {
      q(`\`:${dir}/f set 1 2`).dispose();
      expect(q1(`hdel\`:${dir}/f`)).toBe(`\`:${dir}/f`);
      expect(existsSync(join(dir, 'f'))).toBe(false);
      expect(qerr(`hdel\`:${dir}/f`)).toBe(`${dir}/f: No such file or directory`);
      expect(qerr(`hcount\`:${dir}/f`)).toBe(`:${dir}/f. OS reports: No such file or directory`);
    } finally { done(); }
  });
});

describe('save and load', () => {
  it('save `:dir/v writes the global v; load reads it back into v; a directory loads as a dictionary', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      q('v:til 5').dispose();
      q('w:`a`b').dispose();
      expect(q1(`save\`:${dir}/db/v`)).toBe(`\`:${dir}/db/v`);
      expect(q1(`save\`:${dir}/db/w`)).toBe(`\`:${dir}/db/w`);
      q('v:0').dispose();
      expect(q1(`load\`:${dir}/db/v`)).toBe('`v');
      expect(q1('v')).toBe('0 1 2 3 4');
      expect(q1(`load\`:${dir}/db`)).toBe('`db');
      expect(q1('db')).toBe('`v`w!(0 1 2 3 4;`a`b)');
      // a text extension writes the lines .h.tx makes (test/files/savetext.test.ts has tables)
      expect(q1(`save\`:${dir}/v.csv`)).toBe(`\`:${dir}/v.csv`);
      expect(q1(`(read0\`:${dir}/v.csv)~.h.cd v`)).toBe('1b');
      expect(qerr(`save\`nosuchglobal`)).toBe('nosuchglobal');
    } finally { done(); }
  }));
});

describe('-11! on logs', () => {
  it('a tickerplant log as kdb+ writes one: .[`:log;();:;()], then h enlist(`upd;t;data); -11! replays it', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      expect(q1(`.[\`:${dir}/log;();:;()]`)).toBe(`\`:${dir}/log`);
      q(`h:hopen\`:${dir}/log`).dispose();
      q('h enlist(`upd;`t;(1 2;`a`b))').dispose();
      q('h enlist(`upd;`t;(3 4;`c`d))').dispose();
      q('hclose h').dispose();
      // the layout of the fixture's log: an empty list's header, chunks after it
      const b = readFileSync(join(dir, 'log'));
      expect([...b.subarray(0, 14)]).toEqual([0xff, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0]);
      expect(q1(`-11!(-2;\`:${dir}/log)`)).toBe('2');
      q('got:(); upd:{[t;x] got,:enlist(t;x)}').dispose();
      expect(q1(`-11!\`:${dir}/log`)).toBe('2');
      expect(q1('got')).toBe('((`t;(1 2;`a`b));(`t;(3 4;`c`d)))');
      // amending a file through its symbol
      q(`\`:${dir}/v set 1 2 3`).dispose();
      q(`.[\`:${dir}/v;();,;4 5]`).dispose();
      q(`@[\`:${dir}/v;1;:;9]`).dispose();
      expect(q1(`get\`:${dir}/v`)).toBe('1 9 3 4 5');
    } finally { done(); }
  }));
  it('(-2;x) counts the valid chunks and reports a cut tail', () => withGlobals(() => {
    const { dir, done } = tmp();
    try {
      // an empty list header, then two chunks (`upd;`t;1 2) serialized, then half of a third
      const chunk = [0, 0, 3, 0, 0, 0, 0xf5, ...Buffer.from('upd\0'), 0xf5, ...Buffer.from('t\0'), 7, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0];
      const log = [0xff, 1, 0, 0, 0, 0, 0, 0, ...chunk, ...chunk];
      writeFileSync(join(dir, 'log'), Buffer.from(log));
      expect(q1(`-11!(-2;\`:${dir}/log)`)).toBe('2');
      writeFileSync(join(dir, 'bad'), Buffer.from([...log, ...chunk.slice(0, 10)]));
      expect(q1(`-11!(-2;\`:${dir}/bad)`)).toBe(`2 ${log.length}`);
      q('n:0; upd:{[t;x] n+:1}').dispose();
      expect(qerr(`-11!\`:${dir}/bad`)).toBe('badtail');
      expect(q1('n')).toBe('2'); // the good chunks ran first
      expect(q1(`-11!(1;\`:${dir}/bad)`)).toBe('1');
      expect(qerr(`-11!(-2;\`:${dir}/nolog)`)).toBe(`:${dir}/nolog. OS reports: No such file or directory`);
    } finally { done(); }
  }));
});

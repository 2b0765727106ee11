// Where phrases on dictionaries (exec, update, by value and by name), tables
// amended at column names, and top-n per group on every column type: results,
// q's error names, and nothing changed or leaked after an error (test/setup.ts
// checks engine blocks after every test).
import { describe, it, expect } from 'vitest';
import { q } from '../../src/index.js';

const show = (s: string): string => { const k = q(s); try { return `${k}`; } finally { k.dispose(); } };
const run = (s: string): void => { q(s).dispose(); };

describe('where on a dictionary', () => {
  it('narrows list entries, keeps atoms, and amends at the rows kept', () => {
    run('qv:`a`b`s!(1 2 3;4 5 6;`x`y`z)');
    expect(show('exec s from qv where a>1')).toBe(show('`y`z'));
    expect(show('exec s from qv where a>1,b<6')).toBe(show(',`y'));
    expect(show('exec a from qv where null s')).toBe(show('`long$()'));
    expect(show('update s:`q from qv where a=2')).toBe(show('`a`b`s!(1 2 3;4 5 6;`x`q`z)'));
    expect(show('update n:a+b from qv where a>1')).toBe(show('`a`b`s`n!(1 2 3;4 5 6;`x`y`z;0N 7 9)'));
    expect(show('update a:0 from qv where 0b')).toBe(show('qv'));
    expect(show('update a:0 from qv where 1b')).toBe(show('`a`b`s!(0;4 5 6;`x`y`z)'));
    run('delete qv from `.');
  });
  it("errors ('type, 'length, 'name) leave the global as it was", () => {
    run('qv:`a`b!(1 2 3;4 5 6)');
    const before = show('qv');
    expect(() => run('update a:`x from `qv where b>4')).toThrow('type');
    expect(() => run('update a:1 2 3 from `qv where b>4')).toThrow('length');
    expect(() => run('update a:0 from `qv where nosuch>4')).toThrow('nosuch');
    expect(() => run('update a:0 from `qv where a')).toThrow('type');
    expect(() => run('exec a from qv where b')).toThrow('type');
    expect(() => run('delete from `qv where a>1')).toThrow('type');
    expect(() => run('delete a from `qv where b>4')).toThrow('nyi');
    expect(() => run('select from qv where b>4,c')).toThrow('c');
    expect(() => run('select a by b from qv')).toThrow('type');
    expect(show('qv')).toBe(before);
    run('delete qv from `.');
  });
  it('an empty dictionary and a one-entry dictionary', () => {
    expect(show('exec a from (enlist`a)!enlist 1 2 3 where a>1')).toBe(show('2 3'));
    expect(() => run('exec a from (`symbol$())!() where a>1')).toThrow('a');
  });
});

describe('tables amended at column names', () => {
  it('every column type keeps its values; a new column must fit', () => {
    run('qt:([]b:101b;x:0x0102ff;h:1 0N 3h;i:1 2 0Ni;j:0N 2 3;e:1 0n 3e;f:0w -0w 0n;c:"abc";s:`a``c;p:3#2000.01.01D;d:3#2000.01.01;t:3#00:00:01.000)');
    for (const c of ['b', 'x', 'h', 'i', 'j', 'e', 'f', 'c', 's', 'p', 'd', 't']) {
      expect(show(`@[qt;\`${c};reverse]`)).toBe(show(`update ${c}:reverse ${c} from qt`));
      expect(show(`@[qt;\`${c};:;qt\`${c}]`)).toBe(show('qt'));
    }
    expect(show('@[qt;`n;:;til 3]')).toBe(show('update n:til 3 from qt'));
    expect(() => run('@[qt;`n;:;til 4]')).toThrow('length');
    expect(() => run('@[`qt;`j;:;til 4]')).toThrow('length');
    expect(show('count cols qt')).toBe('12');
    expect(show('@[0#qt;`j;1+]')).toBe(show('0#qt'));
    run('delete qt from `.');
  });
});

describe('top n per group on every column type', () => {
  it('the kernel types and the fallback types agree with the per-group lambda', () => {
    run('qt:([]k:`a`b`a`b`a`a;b:101010b;x:0x0102ff0304aa;h:1 0N 3 2 5 -4h;i:1 2 0N 7 -3 9i;j:0N 2 3 -1 5 0W;e:1 0n 3 2 -0w 4e;f:0w -0w 0n 2 1 0f;c:"abcdef";s:`q``c`z`a`b;p:2000.01.01D+0N 1 2 3 4 5;d:2000.01.01+0 0N 2 3 4 5;t:00:00:01.000*0 1 0N 3 4 5;n:0D00:00:01*1 0N 2 3 4 5)');
    for (const c of ['b', 'x', 'h', 'i', 'j', 'e', 'f', 'c', 's', 'p', 'd', 't', 'n']) {
      expect(show(`select a:2#desc ${c}, z:3#asc ${c}, m:first desc ${c}, l:last asc ${c}, u:9 sublist desc ${c} by k from qt`))
        .toBe(show(`select a:{2#desc x} ${c}, z:{3#asc x} ${c}, m:{first desc x} ${c}, l:{last asc x} ${c}, u:{9 sublist desc x} ${c} by k from qt`));
      expect(show(`select a:2#desc ${c} by k from qt where k=\`zz`)).toBe(show(`select a:{2#desc x} ${c} by k from qt where k=\`zz`));
    }
    // update … by spreads a uniform result; a top-n list of another length is 'length
    expect(() => run('update a:2#desc j by k from qt')).toThrow('length');
    run('delete qt from `.');
  });
});

// @[h;x;e] and .[h;enlist x;e] with a process handle h: Trap (At), as with any
// applicable value (ref/apply.md: u may be a handle; basics/application.md:
// process handles apply to strings and parse trees), never Amend (At), which
// takes a list or dictionary.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { q } from '../../src/index.js';
import { globals } from '../../src/lang/eval.js';
import { childServer } from './child-server.js';

const PORT = 27000 + (process.pid % 20000);
let child: ChildProcess;
beforeAll(async () => { child = await childServer(PORT); }, 20000);
afterAll(() => { child.kill(); });

const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };

describe('trapping a call on a connection', () => {
  it('@[h;x;e]: the value when it succeeds, e of the server\'s error when not', () => {
    try {
      q(`h:hopen ${PORT}`).dispose();
      expect(String(q('@[h;"1+1";`failed]'))).toBe('2');
      expect(String(q('@[h;"1+`a";{(`failed;x)}]'))).toBe('(`failed;"type")');
      expect(String(q('@[h;({x*y};6;7);`failed]'))).toBe('42');
      expect(String(q('@[h;"undefinedName";::]'))).toBe('"undefinedName"');
      // the same with Trap: the argument list holds the one message
      expect(String(q('.[h;enlist"2*3";`failed]'))).toBe('6');
      expect(String(q('.[h;enlist"2*`b";{(`failed;x)}]'))).toBe('(`failed;"type")');
      // async through neg h: nothing comes back, nothing to trap
      expect(String(q('@[neg h;"asyncSet::1";`failed]'))).toBe('::');
      expect(String(q('h"asyncSet"'))).toBe('1');
      // int-typed handle too (hopen gives an int; 6h atoms and 7h longs both apply)
      expect(String(q('@[`long$h;"3+4";`failed]'))).toBe('7');
      q('hclose h').dispose();
      // a closed handle: the failed write is trapped
      expect(String(q('@[h;"1+1";{(`failed;x)}]'))).toMatch(/^\(`failed;"Cannot write to handle \d+\. OS reports: Bad file descriptor"\)$/);
    } finally { drop('h'); }
  }, 20000);

  it('handle 0 evaluates here, trapped the same way', () => {
    expect(String(q('@[0;"1+2";`failed]'))).toBe('3');
    expect(String(q('@[0;"1+`a";{(`failed;x)}]'))).toBe('(`failed;"type")');
    expect(String(q('.[0;enlist(+;1;2);`failed]'))).toBe('3');
  });

  it('lists and dictionaries are still amended', () => {
    expect(String(q('@[1 2 3;0;neg]'))).toBe('-1 2 3');
    expect(String(q('@[`a`b!1 2;`a;neg]'))).toBe('`a`b!-1 2');
    expect(String(q('.[(1 2;3 4);0 1;neg]'))).toBe('(1 -2;3 4)');
  });
});

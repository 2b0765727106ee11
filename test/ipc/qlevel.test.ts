// IPC from the q language: hopen, h "x", h (f;args), neg[h] x, hclose, \p,
// against a qwasm server in a child process (`qwasm -p port`, on loopback).
// q's sync calls block this thread (see src/ipc/syncbridge.ts), so the server
// must live in another process.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { q } from '../../src/index.js';
import { connect, whenListening } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';
import { childServer } from './child-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const PORT = 20000 + (process.pid % 20000);
let child: ChildProcess;

beforeAll(async () => { child = await childServer(PORT); }, 20000);
afterAll(() => { child.kill(); });

const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };

describe('qwasm -p with a -u password file', () => {
  it('accepts the listed users (plain or MD5 passwords) and refuses others', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'qwasm-u-'));
    const file = join(dir, 'users.txt');
    // bob's password "pw2" as MD5 hex
    // cat's "pw3" as SHA-1 hex (basics/cmdline.md: plain, MD5 or SHA-1)
    const { createHash } = await import('node:crypto');
    writeFileSync(file, 'ann:pw1\nbob:' + createHash('md5').update('pw2').digest('hex') + '\ncat:' + createHash('sha1').update('pw3').digest('hex') + '\n');
    const port = PORT + 2;
    const srv = spawn(process.execPath, ['bin/qwasm.js', '-u', file, '-p', String(port)], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      let h;
      for (let i = 0; i < 100 && !h; i++) {
        try { h = await connect({ port, user: 'ann', password: 'pw1', timeout: 1000 }); } catch { await new Promise((r) => setTimeout(r, 100)); }
      }
      expect(h).toBeDefined();
      expect(String(await h!.sync('1+1'))).toBe('2');
      await h!.close();
      const b = await connect({ port, user: 'bob', password: 'pw2' });
      await b.close();
      const c = await connect({ port, user: 'cat', password: 'pw3' });
      await c.close();
      await expect(connect({ port, user: 'cat', password: 'pw2' })).rejects.toThrow('access');
      await expect(connect({ port, user: 'ann', password: 'nope' })).rejects.toThrow('access');
      await expect(connect({ port, user: 'eve', password: 'pw1' })).rejects.toThrow('access');
    } finally { srv.kill(); }
  }, 20000);
});

describe('q-level IPC', () => {
  it('hopen, sync text and (f;args), async, errors, hclose', () => {
    try {
      q(`h:hopen \`::${PORT}`).dispose();
      expect(q('h').type).toBe(-6);
      expect(String(q('h "1+2"'))).toBe('3');
      expect(String(q('h ({x*y};6;7)'))).toBe('42');
      expect(String(q('h (+;1 2;10)'))).toBe('11 12');
      q('neg[h] "remoteA:42"').dispose();
      q('neg[h][]').dispose(); // flush: sends nothing itself
      expect(q('h in .z.H').toJS()).toBe(true);
      expect(q('.z.W h').toJS()).toBe(0);
      expect(q('99h=type .z.W').toJS()).toBe(true);
      expect(String(q('h "remoteA"'))).toBe('42');
      expect(() => q('h "1+`a"')).toThrow('type');
      expect(String(q('h "til 5"'))).toBe('0 1 2 3 4');
      expect(String(q('h ([]a:1 2;b:`x`y)'))).toBe('+`a`b!(1 2;`x`y)');
      expect(q('h "100000#2.5"').count).toBe(100000);
      q('hclose h').dispose();
      expect(() => q('h "1"')).toThrow();
    } finally { drop('h'); }
  });
  it('a handle applied with @, brackets and each reaches the connection', async () => {
    try {
      q(`ha:hopen \`::${PORT}`).dispose();
      expect(String(q('ha@"1+2"'))).toBe('3');
      expect(String(q('ha["2*3"]'))).toBe('6');
      expect(String(q('ha@({x-y};10;4)'))).toBe('6');
      expect(String(q('@[ha;"til 3"]'))).toBe('0 1 2');
      q('neg[ha]@"viaAt:1"').dispose();
      q('(neg ha)["viaBracket:2"]').dispose();
      q('neg[ha] @\\: "viaEach:3"').dispose();
      q('hb:hopen `::' + PORT).dispose();
      q('hb "viaEachBoth:0"').dispose();
      q('neg[ha,hb] @\\: "viaEachBoth+:1"').dispose();
      q('neg[ha,hb] @\\: (::)').dispose(); // flush both
      expect(String(q('ha "viaAt,viaBracket,viaEach"'))).toBe('1 2 3');
      expect(String(q('ha "viaEachBoth"'))).toBe('2');
      expect(String(q('(ha,hb) @\\: "1+1"'))).toBe('2 2');
      expect(String(q('{x y}[ha;"7*6"]'))).toBe('42');
      q('hclose hb').dispose();
      q('hclose ha').dispose();
    } finally { drop('ha', 'hb'); }
  });
  it('an int that is no open handle: a write fails as kdb+\'s does, a non-char atom is \'type', () => {
    expect(q('5000i in .z.H').toJS()).toBe(false);
    expect(() => q('(-5000) 0Ng')).toThrow(/^type$/);
    expect(() => q('77@0Ng')).toThrow(/^type$/);
    expect(() => q('{x y}[77;1 2 3]')).toThrow(/^Cannot write to handle 77\. /); // a vector is written (ref/deltas.md: 10 deltas y)
    expect(() => q('5000 "1+1"')).toThrow(/^Cannot write to handle 5000\. OS reports: Bad file descriptor$/); // basics/ipc.md
    expect(() => q('neg[77]@"x"')).toThrow(/^Cannot write to handle 77\. /);
    expect(() => q('77 (+;1;2)')).toThrow(/^Cannot write to handle 77\. /);
    expect(String(q('.[{x y};(9;2.5);{x}]'))).toBe('"type"');
    expect(String(q('.[{x y};(9;"1");{x}]'))).toBe('"Cannot write to handle 9. OS reports: Bad file descriptor"');
  });
  it('messages the server pushes are evaluated here: during a sync call, and while idle', async () => {
    try {
      q(`hp:hopen \`::${PORT}`).dispose();
      // pushed while this thread waits for the response: evaluated before h returns
      expect(String(q('hp "neg[.z.w] \\"pushedDuring::5\\"; 1"'))).toBe('1');
      expect(q('pushedDuring').toJS()).toBe(5);
      // pushed while idle: arrives as an event
      q('neg[hp] "neg[.z.w] \\"pushedIdle::7\\""').dispose();
      for (let i = 0; i < 50 && !globals.has('pushedIdle'); i++) await new Promise((r) => setTimeout(r, 20));
      expect(q('pushedIdle').toJS()).toBe(7);
      q('hclose hp').dispose();
    } finally { drop('hp', 'pushedDuring', 'pushedIdle'); }
  });
  it('a one-shot query: `:host:port "x"', () => {
    expect(String(q(`\`::${PORT} "1+1"`))).toBe('2');
    expect(String(q(`(\`$":127.0.0.1:${PORT}") ({x*2};21)`))).toBe('42');
  });
  it('hopen with credentials, a timeout, and a refused port', () => {
    try {
      q(`h2:hopen (\`$":127.0.0.1:${PORT}:user:pass";5000)`).dispose();
      expect(String(q('h2 ".z.u"'))).toBe('`user');
      q('hclose h2').dispose();
    } finally { drop('h2'); }
    expect(() => q('hopen `::1')).toThrow();
  });
  it('\\p starts and reports a listener', async () => {
    expect(String(q('system "p"'))).toBe('0i');
    const port = PORT + 1;
    q(`system "p ${port}"`);
    const s = await whenListening();
    expect(s?.port).toBe(port);
    expect(String(q('system "p"'))).toBe(`${port}i`);
    const h = await connect({ port });
    try { expect(String(await h.sync('6*7'))).toBe('42'); } finally { await h.close(); }
    q('system "p 0"');
    expect(String(q('system "p"'))).toBe('0i');
  });
});

// Safe by default: a client's message cannot read or write files ('access),
// over kdb+ IPC, WebSocket-free HTTP and through the program's own hooks run
// for it, unless the server's owner allows it (listen({ files: true })). The
// process's own evaluation is unaffected.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { q } from '../../src/index.js';
import { connect, listen } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qwasm-sandbox-'));
  fs.writeFileSync(path.join(dir, 'a.txt'), 'line1\nline2\n');
});
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

describe('files and clients', () => {
  it('refuses every file operation a client\'s message attempts', async () => {
    const server = await listen({ port: 0 });
    const h = await connect({ port: server.port, timeout: 5000 });
    try {
      const f = path.join(dir, 'a.txt'), out = path.join(dir, 'out');
      for (const e of [`read0 \`:${f}`, `read1 \`:${f}`, `get \`:${f}`, `hcount \`:${f}`, `key \`:${dir}`,
        `\`:${out} set 1 2 3`, `\`:${out} 0: enlist "x"`, `\`:${out} 1: 0x01`, `hopen \`:${out}`, `{read0 x} \`:${f}`]) {
        await expect(h.sync(e), e).rejects.toThrow(/^access$/);
      }
      expect(fs.existsSync(out)).toBe(false);
      // the program's own hook, run for the client, is the client's message too
      q(`.z.pg:{[x] read0 \`:${f}}`).dispose();
      await expect(h.sync('anything')).rejects.toThrow(/^access$/);
      // and HTTP
      globals.get('.z.pg')?.dispose(); globals.delete('.z.pg');
      const r = await fetch(`http://127.0.0.1:${server.port}/?read0%20%60%3A${encodeURIComponent(f)}`);
      expect(r.status).toBe(400);
      expect(await r.text()).toBe("'access");
      // nor change how the server serves: \p and \T are read-only to it
      for (const e of ['system "p 0"', '\\p 0', 'system "T 0"', '\\T 5']) await expect(h.sync(e), e).rejects.toThrow(/^access$/);
      expect(Number((await h.sync('\\T')).toJS())).toBe(0);
      expect(Number((await h.sync('system "p"')).toJS())).toBeGreaterThanOrEqual(0);
      // nor can it stop the server: exit and \\ answer 'exit to that client only
      await expect(h.sync('exit 0')).rejects.toThrow(/^exit$/);
      await expect(h.sync('value "\\\\\\\\"')).rejects.toThrow(/^exit$/);
      // the process itself still reads and writes
      expect(q(`read0 \`:${f}`).count).toBe(2);
      expect(String(await h.sync('1+1'))).toBe('2');
    } finally {
      globals.get('.z.pg')?.dispose(); globals.delete('.z.pg');
      await h.close(); await server.close();
    }
  });
  it('lets them through when the owner allows files', async () => {
    const server = await listen({ port: 0, files: true });
    const h = await connect({ port: server.port, timeout: 5000 });
    try {
      const f = path.join(dir, 'a.txt'), out = path.join(dir, 'out2');
      expect(String(await h.sync(`read0 \`:${f}`))).toBe('("line1";"line2")');
      (await h.sync(`\`:${out} 0: enlist "written"`)).dispose();
      expect(fs.readFileSync(out, 'utf8')).toBe('written\n');
    } finally { await h.close(); await server.close(); }
  });
});

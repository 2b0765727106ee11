// .z.w .z.u .z.a outside a client's message (ref/dotz.md): the console's handle
// 0, the user the process runs as, this host's address; inside one, the caller's.
import { describe, it, expect } from 'vitest';
import * as os from 'node:os';
import { q } from '../../src/index.js';
import { connect, listen } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

describe('.z.w .z.u .z.a at the console', () => {
  it('are 0i, the process user and an IPv4 address', () => {
    expect(String(q('.z.w'))).toBe('0i');
    expect(q('.z.u').toJS()).toBe(os.userInfo().username);
    expect(String(q('type .z.a'))).toBe('-6h');
    expect(q('4=count "i"$0x0 vs .z.a').toJS()).toBe(true);
    expect(q('.z.u~0".z.u"').toJS()).toBe(true);
  });
  it('inside a client\'s message they describe the caller, and come back after', async () => {
    const server = await listen({ port: 0 });
    const h = await connect({ port: server.port, user: 'geoffrey', password: 'x', timeout: 5000 });
    try {
      expect(String(await h.sync('.z.u'))).toBe('`geoffrey');
      expect(String(await h.sync('"i"$0x0 vs .z.a'))).toBe('127 0 0 1i');
      expect(Number((await h.sync('.z.w')).toJS())).toBeGreaterThan(2);
      expect(String(q('.z.w'))).toBe('0i');
      expect(q('.z.u').toJS()).toBe(os.userInfo().username);
      expect(globals.has('.z.w')).toBe(false);
    } finally { await h.close(); await server.close(); }
  });
});

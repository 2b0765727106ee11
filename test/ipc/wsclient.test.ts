// The browser client (connectWebSocket) has the Node client's conveniences:
// messages the server pushes as events and as an async iterator, reconnect on
// request, a timeout on connecting and on each sync request. Run with Node's
// WebSocket (undici, --experimental-websocket) in a child process against a
// qwasm server in this process.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { q } from '../../src/index.js';
import { listen, type Server } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';
import { nodeScript, WEBSOCKET_FLAGS } from './child-server.js';

let server: Server;
beforeAll(async () => { server = await listen({ port: 0 }); });
afterAll(async () => { await server.close(); });
/** A script in a child Node with a WebSocket global; resolves with its stdout lines. */
const child = (script: string) => nodeScript(script, WEBSOCKET_FLAGS);


describe('connectWebSocket', () => {
  it('pushed messages (neg[.z.w] -8!x) as events and as an async iterator, in order', async () => {
    q('pub:{[n] {neg[.z.w] -8!(`upd;`trade;x)} each til n; `done}').dispose();
    try {
      const lines = await child(`
        const { connectWebSocket } = await import('./dist/index.js');
        const h = await connectWebSocket('ws://127.0.0.1:${server.port}', { timeout: 5000 });
        const seen = [];
        const f = (x, t) => { seen.push(t + ':' + String(x)); x.dispose(); };
        h.on('message', f);
        console.log(String(await h.sync('pub', 3)));
        console.log(seen.join(' | '));
        h.off('message', f);
        // an iterator listens from its first next()
        const it = h[Symbol.asyncIterator]();
        const first = it.next();
        await h.sync('pub', 2);
        for (const r of [await first, await it.next()]) { console.log('iter ' + String(r.value)); r.value.dispose(); }
        await h.close();
        console.log('after close ' + (await it.next()).done);
      `);
      expect(lines).toEqual([
        '`done',
        '0:(`upd;`trade;0) | 0:(`upd;`trade;1) | 0:(`upd;`trade;2)',
        'iter (`upd;`trade;0)', 'iter (`upd;`trade;1)',
        'after close true',
      ]);
    } finally { globals.get('pub')?.dispose(); globals.delete('pub'); }
  });

  it('reconnect() opens the same URL again after a close; the old requests were rejected', async () => {
    const lines = await child(`
      const { connectWebSocket } = await import('./dist/index.js');
      const h = await connectWebSocket('ws://127.0.0.1:${server.port}', { timeout: 5000 });
      console.log(String(await h.sync('1+1')));
      await h.close();
      console.log('closed ' + h.closed);
      try { await h.sync('1+1'); } catch (e) { console.log('error ' + e.message); }
      await h.reconnect();
      console.log('closed ' + h.closed);
      console.log(String(await h.sync('2+2')));
      await h.close();
    `);
    expect(lines).toEqual(['2', 'closed true', 'error closed', 'closed false', '4']);
  });

  it('a sync request past the timeout fails with timeout and gives the connection up; connecting to nothing fails', async () => {
    // .z.ws answers nothing: binary kdb+ messages go to it, so a sync request is never answered
    q('.z.ws:{[x] }').dispose();
    try {
      const lines = await child(`
        const { connectWebSocket } = await import('./dist/index.js');
        const h = await connectWebSocket('ws://127.0.0.1:${server.port}', { timeout: 300 });
        try { await h.sync('1+1'); } catch (e) { console.log('error ' + e.message); }
        console.log('closed ' + h.closed);
        try { await connectWebSocket('ws://127.0.0.1:1', { timeout: 2000 }); } catch (e) { console.log('open ' + e.message); }
      `);
      expect(lines).toEqual(['error timeout', 'closed true', 'open hop']);
    } finally { globals.get('.z.ws')?.dispose(); globals.delete('.z.ws'); }
  });
});

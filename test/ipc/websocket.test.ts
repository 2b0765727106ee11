// WebSocket on the server's port, with Node's own WebSocket client (undici,
// behind --experimental-websocket in Node 20) in a child process running the
// built package (dist/): the browser client API against the qwasm server, and
// a raw .z.ws echo as kdb+'s websocket page describes.
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


describe('WebSocket', () => {
  it('the browser client API against the qwasm server (binary kdb+ messages)', async () => {
    const lines = await child(`
      const { connectWebSocket, q } = await import('./dist/index.js');
      const h = await connectWebSocket('ws://127.0.0.1:${server.port}', { timeout: 5000 });
      console.log(String(await h.sync('sum 1 2 3')));
      console.log(String(await h.sync('{x*y}', 6, 7)));
      try { await h.sync('1+\`a'); } catch (e) { console.log('error ' + e.message); }
      h.async('wsA:99');
      console.log(String(await h.sync('wsA')));
      const big = await h.sync('til 100000');
      console.log(big.count);
      await h.close();
    `);
    expect(lines).toEqual(['6', '42', 'error type', '99', '100000']);
    globals.get('wsA')?.dispose(); globals.delete('wsA');
  });
  it('.z.ws gets text and bytes, .z.wo/.z.wc see the handle, neg[.z.w] answers', async () => {
    q('.z.ws:{neg[.z.w] $[10h=type x; "echo ",x; x]}').dispose();
    q('.z.wo:{wsOpened::x}').dispose();
    q('.z.wc:{wsClosed::x}').dispose();
    try {
      const lines = await child(`
        const ws = new WebSocket('ws://127.0.0.1:${server.port}');
        ws.binaryType = 'arraybuffer';
        const got = [];
        ws.onmessage = (e) => {
          got.push(typeof e.data === 'string' ? e.data : 'bytes ' + Buffer.from(e.data).toString('hex'));
          if (got.length === 2) { console.log(got.join('\\n')); ws.close(); }
        };
        ws.onopen = () => { ws.send('4+til 3'); ws.send(new Uint8Array([1, 2, 255])); };
        ws.onclose = () => process.exit(0);
      `);
      expect(lines).toEqual(['echo 4+til 3', 'bytes 0102ff']);
      await new Promise((r) => setTimeout(r, 100));
      expect(q('wsOpened').toJS()).toBe(q('wsClosed').toJS());
    } finally {
      for (const n of ['.z.ws', '.z.wo', '.z.wc', 'wsOpened', 'wsClosed']) { globals.get(n)?.dispose(); globals.delete(n); }
    }
  });
});

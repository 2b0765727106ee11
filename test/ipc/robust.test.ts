// The server's promises about its clients and address, and the clients' timeouts:
// - a client of capability 0 gets nothing compressed (basics/ipc.md: 0 is "no
//   compression"), one of 1 or more does when compression applies
// - a slow or stalled client (half a message, a trickle, never reading its
//   answers) does not hold up the others
// - `-p host:port` and `\p host:port` bind that address only
// - timeouts: connecting and each sync request, from JS and from q's hopen
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as net from 'node:net';
import { Worker } from 'node:worker_threads';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { q } from '../../src/index.js';
import { connect, listen, whenListening, type Server } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };

/** The handshake "u:" with capability cap; capability 0 is a client that sends none (kdb+ 2.5). */
const hello = (cap: number) => Buffer.from(cap ? [0x75, 0x3a, cap, 0] : [0x75, 0x3a, 0]);

/** A raw client: handshake with capability `cap`, then resolves with the socket and the answer byte. */
function rawClient(port: number, cap: number, host = '127.0.0.1'): Promise<{ s: net.Socket; cap: number }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, host, () => s.write(hello(cap)));
    s.once('data', (d) => resolve({ s, cap: d[0] }));
    s.once('error', reject);
  });
}

/** A sync message holding a string, little-endian. */
function syncText(text: string): Buffer {
  const t = Buffer.from(text), b = Buffer.alloc(14 + t.length);
  b[0] = 1; b[1] = 1; b.writeInt32LE(b.length, 4); b[8] = 10; b.writeInt32LE(t.length, 10); t.copy(b, 14);
  return b;
}

/** The first whole message on s: its header's compressed flag and total length. */
function firstMessage(s: net.Socket): Promise<{ compressed: number; length: number }> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const on = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 8 && buf.length >= buf.readInt32LE(4)) { s.off('data', on); resolve({ compressed: buf[2], length: buf.readInt32LE(4) }); }
    };
    s.on('data', on);
  });
}

describe('compression follows the capability', () => {
  let server: Server;
  beforeAll(async () => { server = await listen({ port: 0, compressLoopback: true }); });
  afterAll(async () => { await server.close(); });

  it('capability 0 gets a plain response where 1 and 3 get it compressed', async () => {
    const got: number[] = [];
    for (const cap of [0, 1, 3]) {
      const { s, cap: common } = await rawClient(server.port, cap);
      try {
        expect(common).toBe(cap);
        const m = firstMessage(s);
        s.write(syncText('10000#0'));
        const r = await m;
        got.push(r.compressed);
        if (!r.compressed) expect(r.length).toBe(8 + 6 + 10000 * 8);
      } finally { s.destroy(); }
    }
    expect(got).toEqual([0, 1, 1]);
  });
  it('so do messages the server pushes (neg .z.w) and its calls to the client', async () => {
    q('.z.po:{[h] neg[h] 10000#0}').dispose();
    try {
      for (const [cap, want] of [[0, 0], [3, 1]]) {
        const s = net.connect(server.port, '127.0.0.1', () => s.write(hello(cap)));
        try {
          const pushed = await new Promise<number>((resolve) => {
            let buf = Buffer.alloc(0);
            s.on('data', (d) => {
              buf = Buffer.concat([buf, d]);
              if (buf.length > 1 && buf.length - 1 >= 8 && buf.length - 1 >= buf.readInt32LE(5)) resolve(buf[3]);
            });
          });
          expect(pushed).toBe(want);
        } finally { s.destroy(); }
      }
    } finally { drop('.z.po'); }
  });
});

describe('a one-character query arrives as a char atom (as q sends h"x")', () => {
  it('sync is evaluated and answered; async is evaluated', async () => {
    const server = await listen({ port: 0 });
    const { s } = await rawClient(server.port, 3);
    try {
      const answer = new Promise<Buffer>((resolve) => {
        let buf = Buffer.alloc(0);
        s.on('data', (d) => { buf = Buffer.concat([buf, d]); if (buf.length >= 8 && buf.length >= buf.readInt32LE(4)) resolve(buf); });
      });
      s.write(Buffer.from('010000000a000000f661', 'hex')); // async: the char "a" (a is not defined: an error nobody hears)
      s.write(Buffer.from('010100000a000000f637', 'hex')); // sync: the char "7"
      const b = await answer;
      expect(b[1]).toBe(2);
      expect(b.subarray(8).toString('hex')).toBe('f90700000000000000'); // the long 7
    } finally { s.destroy(); await server.close(); }
  });
});

describe('one slow client does not stop the others', () => {
  let server: Server;
  beforeAll(async () => { server = await listen({ port: 0 }); });
  afterAll(async () => { await server.close(); });

  it('half a message, a trickle of bytes, and a client that never reads its answers', async () => {
    const h = await connect({ port: server.port, timeout: 10000 });
    const stalled = await rawClient(server.port, 3);
    const trickle = await rawClient(server.port, 3);
    const deaf = await rawClient(server.port, 3);
    try {
      // a header announcing a megabyte, then 100 bytes of it, then nothing
      const head = Buffer.alloc(108);
      head[0] = 1; head[1] = 1; head.writeInt32LE(1 << 20, 4); head[8] = 4; head.writeInt32LE((1 << 20) - 14, 10);
      stalled.s.write(head);
      // a client that stops reading, asking for 3 x 40 MB
      deaf.s.pause();
      for (let i = 0; i < 3; i++) deaf.s.write(syncText('5000000#0'));
      // a query sent one byte every few milliseconds, answered when whole
      const slow = syncText('6*7');
      const answered = firstMessage(trickle.s);
      const sending = (async () => { for (const b of slow) { trickle.s.write(Buffer.of(b)); await sleep(5); } })();
      // meanwhile the ordinary client is served, many times over
      for (let i = 0; i < 20; i++) expect(String(await h.sync('{x+1}', i))).toBe(String(i + 1));
      await sending;
      expect((await answered).length).toBe(9 + 8); // a long atom
      expect(String(await h.sync('1+1'))).toBe('2');
    } finally {
      for (const c of [stalled, trickle, deaf]) c.s.destroy();
      await h.close();
      await sleep(300); // the server releases the stalled client's partial message when it sees the close
    }
  }, 30000);
});

describe('-p host:port and \\p host:port bind that address only', () => {
  const PORT = 31000 + (process.pid % 20000);
  const reachable = async (host: string, port: number) => {
    try { const h = await connect({ host, port, timeout: 2000 }); await h.close(); return true; } catch { return false; }
  };

  it('qwasm -p 127.0.0.2:port', async () => {
    const child = spawn(process.execPath, ['bin/qwasm.js', '-p', `127.0.0.2:${PORT}`], { cwd: root, stdio: ['pipe', 'ignore', 'inherit'] });
    try {
      let up = false;
      for (let i = 0; i < 100 && !up; i++) { up = await reachable('127.0.0.2', PORT); if (!up) await sleep(100); }
      expect(up).toBe(true);
      expect(await reachable('127.0.0.1', PORT)).toBe(false);
    } finally { child.kill(); }
  }, 20000);

  it('\\p 127.0.0.2:port, reported by \\p as the port', async () => {
    const port = PORT + 1;
    q(`system "p 127.0.0.2:${port}"`);
    try {
      const s = await whenListening();
      expect(s?.host).toBe('127.0.0.2');
      expect(String(q('system "p"'))).toBe(`${port}i`);
      expect(await reachable('127.0.0.2', port)).toBe(true);
      expect(await reachable('127.0.0.1', port)).toBe(false);
    } finally { q('system "p 0"'); }
  });
});

/** A server in a worker thread that accepts connections and then says nothing:
 *  `handshake` false never answers the handshake, true answers it and no request. */
async function mute(handshake: boolean): Promise<{ port: number; stop: () => Promise<number> }> {
  const w = new Worker(String.raw`
    const net = require('net');
    const { parentPort, workerData } = require('worker_threads');
    const srv = net.createServer((s) => {
      s.on('error', () => {});
      if (workerData.handshake) s.once('data', () => s.write(Buffer.of(3)));
    });
    srv.listen(0, '127.0.0.1', () => parentPort.postMessage(srv.address().port));`, { eval: true, workerData: { handshake } });
  const port = await new Promise<number>((r) => w.once('message', r));
  return { port, stop: () => w.terminate() };
}

describe('timeouts', () => {
  it('JS: connecting to a server that never answers the handshake, and a sync request never answered', async () => {
    const a = await mute(false), b = await mute(true);
    try {
      await expect(connect({ port: a.port, timeout: 300 })).rejects.toThrow(/^timeout$/);
      const h = await connect({ port: b.port, timeout: 300 });
      await expect(h.sync('1+1')).rejects.toThrow(/^timeout$/);
      expect(h.closed).toBe(true); // given up: a late answer could not be matched to its request
    } finally { await a.stop(); await b.stop(); }
  });

  it('q: hopen (`:host:port;ms) times out on the handshake, and on a sync request', async () => {
    const a = await mute(false), b = await mute(true);
    try {
      expect(() => q(`hopen (\`$":127.0.0.1:${a.port}";300)`)).toThrow(/^timeout$/);
      q(`hm:hopen (\`$":127.0.0.1:${b.port}";300)`).dispose();
      expect(() => q('hm "1+1"')).toThrow(/^timeout$/);
      expect(q('hm in .z.H').toJS()).toBe(true); // the handle stays until hclose, as a failed write leaves it
    } finally {
      try { q('hclose hm').dispose(); } catch { /* */ }
      drop('hm');
      await a.stop(); await b.stop();
    }
  });
});

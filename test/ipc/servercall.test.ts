// A qwasm server making a sync call to its client (`.z.w "x"`, or `h "x"` with a
// client's handle): inside .z.pg, from .z.ps, and in a deferred (-30!) flow.
// The client must answer sync requests: node-q takes any message that is not
// `upd` as the response to its own query, so it cannot; qwasm's clients answer
// through .z.pg. Both directions are tested: the server in a child process with
// this process's q-level client, and this process's server with a JS client in
// a child process.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Worker } from 'node:worker_threads';
import { type ChildProcess } from 'node:child_process';
import { q } from '../../src/index.js';
import { listen } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';
import { childServer, nodeScript } from './child-server.js';
import * as tls from 'node:tls';
import * as net from 'node:net';
import { blockingFd } from '../../src/ipc/blocking.js';

const PORT = 30000 + (process.pid % 9000);
let child: ChildProcess;
beforeAll(async () => { child = await childServer(PORT); }, 20000);
afterAll(() => { child.kill(); });

const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw client in a worker thread: after `delay` ms it sends one async char message. */
function pokeLater(port: number, text: string, delay: number): Worker {
  return new Worker(String.raw`
    const net = require('net');
    const { workerData: w } = require('worker_threads');
    setTimeout(() => {
      const s = net.connect(w.port, '127.0.0.1', () => s.write(Buffer.of(3, 0)));
      s.once('data', () => {
        const t = Buffer.from(w.text), b = Buffer.alloc(14 + t.length);
        b[0] = 1; b[1] = 0; b.writeInt32LE(b.length, 4); b[8] = 10; b.writeInt32LE(t.length, 10); t.copy(b, 14);
        s.end(b);
      });
    }, w.delay);`, { eval: true, workerData: { port, text, delay } });
}

describe('qwasm server -> its qwasm client (q-level hopen here, server in a child process)', () => {
  it('.z.w "x" inside .z.pg: the client evaluates x and the server gets its value', () => {
    try {
      q(`hs:hopen ${PORT}`).dispose();
      q('neg[hs]".z.pg:{[x] (value x; .z.w \\"cb[]\\")}"').dispose();
      q('cb:{cbSeen::.z.w; 6*7}').dispose();
      expect(String(q('hs"1+1"'))).toBe('2 42');
      expect(q('cbSeen~hs').toJS()).toBe(true); // the callback ran with .z.w the server's handle
      // every type comes back (a table, nulls)
      q('cb:{([]a:1 0N 3;b:`x``z)}').dispose();
      expect(q('(last hs"0")~([]a:1 0N 3;b:`x``z)').toJS()).toBe(true);
      // the client's error is signalled on the server, and reaches us as its answer
      q('cb:{1+`a}').dispose();
      expect(() => q('hs"1+1"')).toThrow(/^type$/);
      q('neg[hs]".z.pg:{[x] @[{.z.w x};\\"cb[]\\";{(`caught;x)}]}"').dispose();
      expect(String(q('hs"0"'))).toBe('(`caught;"type")');
      // a handle value other than .z.w: h "x" with h the client's handle
      q('neg[hs]".z.pg:{[x] h:.z.w; h x}"').dispose();
      q('cbVal:17').dispose();
      expect(String(q('hs"cbVal+1"'))).toBe('18');
    } finally { try { q('neg[hs]".z.pg:value"; hclose hs').dispose(); } catch { /* */ } drop('hs', 'cb', 'cbSeen', 'cbVal'); }
  });

  it('nests: the client, answering, calls the server back before it answers', () => {
    try {
      q(`hs:hopen ${PORT}`).dispose();
      q('neg[hs]"srvVal:100; .z.pg:{[x] $[x~\\"srvVal\\"; srvVal; 1+.z.w x]}"').dispose();
      // the server asks us "cb[]"; evaluating it we ask the server for srvVal
      q('cb:{2*.z.w"srvVal"}').dispose();
      expect(String(q('hs"cb[]"'))).toBe('201');
    } finally { try { q('neg[hs]".z.pg:value"; hclose hs').dispose(); } catch { /* */ } drop('hs', 'cb'); }
  });

  it('from .z.ps: an async message makes the server ask the idle client', async () => {
    try {
      q(`hs:hopen ${PORT}`).dispose();
      q('hs".z.ps:{[x] asked::.z.w x}"').dispose();
      q('cb:{cbSeen::1b; `fromClient}').dispose();
      q('neg[hs]"cb[]"').dispose();
      // the request reaches this thread as an event: let the loop run until it is answered
      for (let i = 0; i < 200 && !globals.get('cbSeen'); i++) await sleep(10);
      expect(String(q('hs"asked"'))).toBe('`fromClient');
    } finally { try { q('hs".z.ps:value"; hclose hs').dispose(); } catch { /* */ } drop('hs', 'cb', 'cbSeen'); }
  });

  it('in a deferred flow: the response held by -30!, the client asked when another connection pokes', async () => {
    const w = pokeLater(PORT, 'trigger', 300);
    try {
      q(`hs:hopen ${PORT}`).dispose();
      q('neg[hs]"pend:0N; .z.pg:{[x] pend::.z.w; -30!(::)}; .z.ps:{[x] h:pend; -30!(h;0b;(x; h\\"cb[]\\"))}"').dispose();
      q('cb:{`answered}').dispose();
      // blocks until the poke arrives on the server, which then calls us and answers
      expect(String(q('hs"anything"'))).toBe('("trigger";`answered)');
    } finally {
      await w.terminate();
      try { q('neg[hs]".z.pg:value; .z.ps:value"; hclose hs').dispose(); } catch { /* */ }
      drop('hs', 'cb');
    }
  });
});

describe('this process serving, a JS client in a child process answering', () => {
  it('.z.pg calls the client; its engine answers', async () => {
    const server = await listen({ port: 0 });
    try {
      q('.z.pg:{[x] (x; .z.w "cbVal")}').dispose();
      const out = (await nodeScript(`
          const { connect, q } = await import('./dist/index.js');
          q('cbVal:til 3').dispose();
          const h = await connect({ port: ${server.port}, timeout: 5000 });
          console.log(String(await h.sync('hello')));
          await h.close();`)).join('\n');
      expect(out).toBe('("hello";0 1 2)');
    } finally {
      globals.get('.z.pg')?.dispose(); globals.delete('.z.pg');
      await server.close();
    }
  }, 20000);
  it('a client that closes instead of answering: the call fails with closed', async () => {
    const server = await listen({ port: 0 });
    try {
      q('.z.pg:{[x] srvGot::@[{.z.w x};"cb[]";{(`failed;x)}]}').dispose();
      const w = new Worker(String.raw`
        const net = require('net');
        const { workerData: w } = require('worker_threads');
        const s = net.connect(w.port, '127.0.0.1', () => s.write(Buffer.of(3, 0)));
        let shook = false;
        s.on('data', () => {
          if (shook) { s.destroy(); return; } // the server's request: hang up
          shook = true;
          s.write(Buffer.from('010100000a000000f630', 'hex')); // sync: the char "0"
        });`, { eval: true, workerData: { port: server.port } });
      try {
        for (let i = 0; i < 200 && !globals.get('srvGot'); i++) await sleep(10);
        expect(String(q('srvGot'))).toBe('(`failed;"closed")');
      } finally { await w.terminate(); }
    } finally {
      drop('.z.pg', 'srvGot');
      await server.close();
    }
  });
});

describe('a client that never answers', () => {
  it('holds the server only until \\T\'s limit: the call stops with stop', async () => {
    const server = await listen({ port: 0 });
    q('system "T 1"').dispose();
    try {
      q('.z.pg:{[x] .z.w "cb[]"}').dispose();
      const w = new Worker(String.raw`
        const net = require('net');
        const { parentPort, workerData: w } = require('worker_threads');
        const s = net.connect(w.port, '127.0.0.1', () => s.write(Buffer.of(3, 0)));
        let stage = 0, buf = Buffer.alloc(0);
        s.on('data', (d) => {
          if (stage === 0) { stage = 1; s.write(Buffer.from('010100000a000000f630', 'hex')); return; }
          buf = Buffer.concat([buf, d]);
          // the server's request (type 1), which we ignore, then our response (type 2)
          while (buf.length >= 8 && buf.length >= buf.readInt32LE(4)) {
            const n = buf.readInt32LE(4), m = buf.subarray(0, n); buf = buf.subarray(n);
            if (m[1] === 2) parentPort.postMessage(m[8] === 0x80 ? 'error ' + m.subarray(9, n - 1).toString() : 'value');
          }
        });`, { eval: true, workerData: { port: server.port } });
      try {
        const answer = await new Promise((resolve) => w.on('message', resolve));
        expect(answer).toBe('error stop');
      } finally { await w.terminate(); }
    } finally {
      q('system "T 0"').dispose();
      globals.get('.z.pg')?.dispose(); globals.delete('.z.pg');
      await server.close();
    }
  }, 20000);
});

describe('where a blocking call to a client cannot go', () => {
  it('TLS (Node encrypts in its stream) and a socket with no descriptor are nyi', () => {
    const plain = new net.Socket();
    const secure = new tls.TLSSocket(new net.Socket());
    try {
      expect(() => blockingFd(secure)).toThrow(/^nyi$/);
      expect(() => blockingFd(plain)).toThrow(/^nyi$/); // not connected: no descriptor yet
    } finally { secure.destroy(); plain.destroy(); }
  });
});

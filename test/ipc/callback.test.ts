// A server that calls back: while a client waits for its response, kdb+ lets
// the server send a sync request on the same connection (`.z.w "x"`); the client
// evaluates it (through .z.pg, .z.w being the connection) and answers before
// its own response arrives. The server here is a few lines of plain JS in a
// worker thread speaking the bytes directly (q's sync calls block this thread):
// for each request it receives, it asks the client `value cbExpr` (whatever that
// global holds on the client), then returns the client's answer as the response.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { Worker } from 'node:worker_threads';
import { q } from '../../src/index.js';
import { connect } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

const SERVER = String.raw`
const net = require('net');
const { parentPort } = require('worker_threads');
function charMsg(type, text) {
  const t = Buffer.from(text), b = Buffer.alloc(14 + t.length);
  b[0] = 1; b[1] = type; b.writeInt32LE(b.length, 4); b[8] = 10; b.writeInt32LE(t.length, 10); t.copy(b, 14);
  return b;
}
const srv = net.createServer((s) => {
  let shook = false, buf = Buffer.alloc(0), waitingClient = false;
  s.on('data', (d) => {
    if (!shook) { shook = true; s.write(Buffer.of(3)); d = d.subarray(d.indexOf(0) + 1); }
    buf = Buffer.concat([buf, d]);
    while (buf.length >= 8 && buf.length >= buf.readInt32LE(4)) {
      const n = buf.readInt32LE(4), m = buf.subarray(0, n); buf = buf.subarray(n);
      if (m[1] === 1 && !waitingClient) {
        // the client's request: ask it something first (a sync request back)
        waitingClient = true;
        s.write(charMsg(1, 'value cbExpr'));
      } else if (m[1] === 2 && waitingClient) {
        // its answer becomes the response to its own request
        waitingClient = false;
        const r = Buffer.from(m); r[1] = 2; s.write(r);
      } else if (m[1] === 0) {
        // async "poke": an unprompted sync request while the client is idle; the answer is reported
        s.write(charMsg(1, 'value cbExpr'));
        s.once('data', (a) => parentPort.postMessage({ idleAnswer: Buffer.from(a).toString('hex') }));
      }
    }
  });
});
srv.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: srv.address().port }));
`;

let worker: Worker;
let port = 0;
const idle: string[] = [];
beforeAll(async () => {
  worker = new Worker(SERVER, { eval: true });
  port = await new Promise<number>((res) => worker.on('message', (m) => { if (m.port) res(m.port); if (m.idleAnswer) idle.push(m.idleAnswer); }));
});
afterAll(async () => { await worker.terminate(); });

const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };

describe('the client answers a sync request the server sends while it waits', () => {
  it('from q: h "x" returns what the callback evaluated here', () => {
    try {
      q('cbExpr:"cbSeen:.z.w; 6*7"').dispose();
      q(`hc:hopen \`::${port}`).dispose();
      expect(String(q('hc "anything"'))).toBe('42');
      expect(q('cbSeen=hc').toJS()).toBe(true); // .z.w was the connection during the callback
      // an error in the callback goes back as an error, which the server returns to us
      q('cbExpr:"1+`a"').dispose();
      expect(() => q('hc "again"')).toThrow(/^type$/);
      // .z.pg sees the callback
      q('cbExpr:"cbSeen"; .z.pg:{cbPg::x; value x}').dispose();
      expect(String(q('hc "x"'))).toBe('3i');
      expect(String(q('cbPg'))).toBe('"value cbExpr"');
      q('hclose hc').dispose();
    } finally { drop('cbExpr', 'cbSeen', 'hc', 'cbPg'); globals.get('.z.pg')?.dispose(); globals.delete('.z.pg'); }
  });
  it('from q while idle: the request is evaluated and answered', async () => {
    try {
      q('cbExpr:"100+1"').dispose();
      q(`hi:hopen \`::${port}`).dispose();
      q('neg[hi] "poke"').dispose();
      for (let i = 0; i < 100 && idle.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      // a response message (type 2) holding the long 101
      expect(idle.shift()).toBe('010200001100000' + '0f96500000000000000');
      q('hclose hi').dispose();
    } finally { drop('cbExpr', 'hi'); }
  });
  it('from JS: connect() answers the callback too, and can refuse it', async () => {
    try {
      q('cbExpr:"cbJs:.z.w; `viaJs"').dispose();
      const h = await connect({ port, timeout: 5000 });
      try {
        expect(String(await h.sync('anything'))).toBe('`viaJs');
        expect(q('cbJs in .z.H').toJS()).toBe(true);
      } finally { await h.close(); }
      const r = await connect({ port, timeout: 5000, evaluate: false });
      try { await expect(r.sync('anything')).rejects.toThrow('access'); } finally { await r.close(); }
    } finally { drop('cbExpr', 'cbJs'); }
  });
});

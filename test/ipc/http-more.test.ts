// HTTP beyond GET and POST: .z.pm (OPTIONS PATCH PUT DELETE), .z.ac and basic
// authentication, keep-alive (several requests on one connection while the
// responses say so, as .h.ka gives), and files from .h.HOME with no way out of it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import * as net from 'node:net';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { q } from '../../src/index.js';
import { listen, type Server } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

let server: Server;
beforeAll(async () => { server = await listen({ port: 0 }); });
afterAll(async () => { await server.close(); });
const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };

/** Sends raw bytes on one connection; resolves with everything received until the server closes
 *  (or `until` matches what has arrived, then closes). */
function raw(port: number, text: string | Buffer, until?: (got: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    let got = '';
    const timer = setTimeout(() => { s.destroy(); reject(new Error('no end: ' + got)); }, 5000);
    s.on('data', (d) => { got += d.toString('latin1'); if (until?.(got)) { clearTimeout(timer); s.destroy(); resolve(got); } });
    s.on('close', () => { clearTimeout(timer); resolve(got); });
    s.on('error', reject);
  });
}
const statusOf = (r: string) => Number(/^HTTP\/1\.1 (\d+)/.exec(r)?.[1]);
const bodyOf = (r: string) => r.slice(r.indexOf('\r\n\r\n') + 4);

describe('.z.pm', () => {
  it('gets (`METHOD; requestText; headers) for OPTIONS PATCH PUT DELETE', async () => {
    try {
      q('.z.pm:{pmSeen::x; .h.hy[`txt;raze string[x 0]," ",x 1]}').dispose();
      for (const m of ['OPTIONS', 'PATCH', 'PUT', 'DELETE']) {
        const r = await fetch(`http://127.0.0.1:${server.port}/items/7`, { method: m });
        expect(r.status).toBe(200);
        expect(await r.text()).toBe(`${m} items/7`);
      }
      // a body follows the target after a space; the headers are a dictionary
      const r = await fetch(`http://127.0.0.1:${server.port}/items/7`, { method: 'PUT', body: 'a=1', headers: { 'X-Who': 'me' } });
      expect(await r.text()).toBe('PUT items/7 a=1');
      expect(String(q('pmSeen[2]`$"X-Who"'))).toBe('"me"');
      expect(String(q('type pmSeen 0'))).toBe('-11h');
    } finally { drop('.z.pm', 'pmSeen'); }
  });
  it('without .z.pm those methods are refused with 400', async () => {
    const r = await fetch(`http://127.0.0.1:${server.port}/x`, { method: 'DELETE' });
    expect(r.status).toBe(400);
    expect(await r.text()).toBe("'nyi");
  });
});

describe('.z.ac and basic authentication', () => {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  it('(0;"") is a 401 and no handler runs; (1;"user") runs it as .z.u; (2;text) is sent as is', async () => {
    try {
      q('.z.ph:{phRan::1b; .h.hy[`txt;string .z.u]}').dispose();
      q('.z.ac:{[x] $[x[1][`Token]~"good";(1;"alice");x[1][`Token]~"custom";(2;"HTTP/1.1 403 Forbidden\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\nno");(0;"")]}').dispose();
      const denied = await fetch(`http://127.0.0.1:${server.port}/?1`);
      expect(denied.status).toBe(401);
      expect(denied.headers.get('www-authenticate')).toMatch(/^Basic/);
      expect(globals.get('phRan')).toBeUndefined();
      const ok = await fetch(`http://127.0.0.1:${server.port}/?1`, { headers: { Token: 'good' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('alice');
      const custom = await fetch(`http://127.0.0.1:${server.port}/?1`, { headers: { Token: 'custom' } });
      expect(custom.status).toBe(403);
      expect(await custom.text()).toBe('no');
    } finally { drop('.z.ph', '.z.ac', 'phRan'); }
  });
  it('(4;"") and no .z.ac: basic authentication through .z.pw (and the owner\'s check)', async () => {
    try {
      q('.z.pw:{[u;p] (u~`bob)&p~"pw"}').dispose();
      q('.z.ph:{.h.hy[`txt;string .z.u]}').dispose();
      const url = `http://127.0.0.1:${server.port}/?1`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: 'Basic ' + b64('bob:no') } })).status).toBe(401);
      const ok = await fetch(url, { headers: { Authorization: 'Basic ' + b64('bob:pw') } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('bob');
      q('.z.ac:{[x] (4;"")}').dispose();
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: 'Basic ' + b64('bob:pw') } })).status).toBe(200);
      // a WebSocket upgrade is an HTTP request too: refused without credentials
      const up = await raw(server.port, 'GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
      expect(statusOf(up)).toBe(401);
    } finally { drop('.z.pw', '.z.ph', '.z.ac'); }
    const owner = await listen({ port: 0, authenticate: (u, p) => u === 'own' && p === 'er' });
    try {
      const url = `http://127.0.0.1:${owner.port}/?1%2B1`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: 'Basic ' + b64('own:er') } })).status).toBe(200);
    } finally { await owner.close(); }
  });
});

describe('keep-alive', () => {
  it('answers several requests on one connection while the responses say keep-alive', async () => {
    try {
      q('kaN:0; .z.ph:{kaN::kaN+1; "HTTP/1.1 200 OK\\r\\nConnection : ",.h.ka[2000i],"\\r\\nContent-Type: text/plain\\r\\nContent-Length: ",(string count s),"\\r\\n\\r\\n",s:string kaN}').dispose();
      const one = 'GET /a HTTP/1.1\r\nHost: x\r\n\r\n';
      // two requests written together (pipelined), then a third that asks to close
      const got = await raw(server.port, one + one + 'GET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      const bodies = got.split('HTTP/1.1 ').slice(1).map((r) => bodyOf('HTTP/1.1 ' + r));
      expect(bodies).toEqual(['1', '2', '3']);
      // a response that says close ends the connection after it
      q('.z.ph:{.h.hy[`txt;"once"]}').dispose();
      const closed = await raw(server.port, one + one);
      expect(closed.split('HTTP/1.1 ').length - 1).toBe(1);
    } finally { drop('.z.ph', 'kaN'); }
  });
  it('a POST body split across packets, then another request on the same connection', async () => {
    try {
      q('.z.pp:{r:.h.hy[`txt;x 0]; ssr[r;"close";.h.ka 1000i]}').dispose();
      const got = await raw(server.port, 'POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloPOST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nbye',
        (g) => g.split('HTTP/1.1 ').length - 1 === 2 && g.endsWith('bye'));
      expect(got.split('HTTP/1.1 ').slice(1).map((r) => bodyOf('HTTP/1.1 ' + r))).toEqual(['hello', 'bye']);
    } finally { drop('.z.pp'); }
  });
});

describe('the first bytes of a connection', () => {
  it('an HTTP method split over packets is still HTTP; a kdb+ handshake is still kdb+', async () => {
    const got = await new Promise<string>((resolve, reject) => {
      const s = net.connect(server.port, '127.0.0.1', () => {
        s.write('GE');
        setTimeout(() => s.write('T /?1%2B2 HTTP/1.1\r\nHost: x\r\n\r\n'), 100);
      });
      let out = '';
      s.on('data', (d) => { out += d; });
      s.on('close', () => resolve(out));
      s.on('error', reject);
    });
    expect(statusOf(got)).toBe(200);
    expect(bodyOf(got)).toContain('3');
    // a user named like the start of a method, in a handshake: answered with the capability byte
    const cap = await raw(server.port, Buffer.from('P:x\u0003\u0000', 'latin1'), (g) => g.length >= 1);
    expect(cap.charCodeAt(0)).toBe(3);
  });
});

describe('files from .h.HOME', () => {
  let root: string, outside: string;
  beforeAll(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'qwasm-home-'));
    root = path.join(base, 'html');
    outside = path.join(base, 'secret.txt');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<p>hi</p>');
    fs.writeFileSync(path.join(root, 'sub', 'data.csv'), 'a,b\n1,2\n');
    fs.writeFileSync(path.join(root, 'sub', 'blob.bin'), Buffer.from([0, 255, 1, 254]));
    fs.writeFileSync(outside, 'TOPSECRETCONTENT');
    fs.symlinkSync(outside, path.join(root, 'link.txt'));
  });
  afterAll(() => { fs.rmSync(path.dirname(root), { recursive: true, force: true }); });

  it('serves a file by path with its .h.ty type, bytes unchanged', async () => {
    try {
      q(`.h.HOME:"${root}"`).dispose();
      const r = await fetch(`http://127.0.0.1:${server.port}/index.html`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('text/html');
      expect(await r.text()).toBe('<p>hi</p>');
      const c = await fetch(`http://127.0.0.1:${server.port}/sub/data.csv`);
      expect(c.headers.get('content-type')).toBe('text/comma-separated-values');
      expect(await c.text()).toBe('a,b\n1,2\n');
      const b = await fetch(`http://127.0.0.1:${server.port}/sub/blob.bin`);
      expect(b.headers.get('content-type')).toBe('application/octet-stream');
      expect([...new Uint8Array(await b.arrayBuffer())]).toEqual([0, 255, 1, 254]);
      // ?expr still evaluates
      expect((await fetch(`http://127.0.0.1:${server.port}/?1%2B1`)).status).toBe(200);
    } finally { drop('.h.HOME'); }
  });
  it('never leaves the root: .., encoded .., absolute paths, symbolic links out, directories', async () => {
    try {
      q(`.h.HOME:"${root}"`).dispose();
      const secret = path.basename(outside);
      for (const p of [`../${secret}`, `%2e%2e/${secret}`, `sub/%2E%2E/%2E%2E/${secret}`, `..%2f${secret}`, `/${outside}`, `sub/..%5c..%5c${secret}`, 'link.txt', 'sub', 'sub/', '%00', 'nosuch.html']) {
        const r = await raw(server.port, `GET /${p} HTTP/1.1\r\nHost: x\r\n\r\n`);
        expect([p, statusOf(r)]).toEqual([p, 404]);
        expect(r).not.toContain('TOPSECRETCONTENT');
      }
    } finally { drop('.h.HOME'); }
  });
  it('without .h.HOME nothing is served from disk', async () => {
    expect(globals.get('.h.HOME')).toBeUndefined();
    expect((await fetch(`http://127.0.0.1:${server.port}/package.json`)).status).toBe(404);
  });
});

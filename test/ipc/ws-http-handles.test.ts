// What a handler sees of its connection: .z.w inside HTTP handlers (.z.ac .z.ph
// .z.pp .z.pm) is the connection's handle (ref/dotz.md: a callback run for a
// client's request sees that client's handle); on a WebSocket, messages to the
// client go async only, a sync one is 'nyi (ref/dotz.md .z.ws), and a text
// frame must be UTF-8 ('utf8, basics/errors.md). Also WebSocket and HTTP over
// TLS (wss://, https://) through the server's TLS front.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as https from 'node:https';
import { q } from '../../src/index.js';
import { listen, type Server } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let server: Server;
beforeAll(async () => { server = await listen({ port: 0 }); });
afterAll(async () => { await server.close(); });

const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };

/** Runs a script in a child Node with a WebSocket global; resolves with its stdout lines. */
function child(script: string, env: Record<string, string> = {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--experimental-websocket', '--no-warnings', '--input-type=module', '-e', script], { cwd: root, env: { ...process.env, ...env } });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { p.kill(); reject(new Error('child timed out: ' + err)); }, 20000);
    p.on('close', (code) => { clearTimeout(timer); if (code) reject(new Error(err || `exit ${code}`)); else resolve(out.trim().split('\n')); });
  });
}

describe('.z.w in HTTP handlers', () => {
  it('is the connection\'s handle in .z.ac, .z.ph, .z.pp and .z.pm, an open handle while the request runs', async () => {
    q('.z.ac:{[x] acW::.z.w; (4;"")}').dispose();
    q('.z.ph:{[x] phW::(.z.w; .z.w in .z.H; type .z.w); .h.hy[`txt;"got"]}').dispose();
    q('.z.pp:{[x] ppW::.z.w; .h.hy[`txt;"posted"]}').dispose();
    q('.z.pm:{[x] pmW::.z.w; .h.hy[`txt;"put"]}').dispose();
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect(await (await fetch(`${base}/x`)).text()).toBe('got');
      expect(q('phW 0').toJS()).toBeGreaterThan(2);
      expect(String(q('1_phW'))).toBe('(1b;-6h)');
      expect(q('acW=phW 0').toJS()).toBe(true); // the same request's connection
      expect(await (await fetch(`${base}/y`, { method: 'POST', body: '1+1' })).text()).toBe('posted');
      expect(q('ppW').toJS()).toBeGreaterThan(2);
      expect(await (await fetch(`${base}/z`, { method: 'PUT', body: 'b' })).text()).toBe('put');
      expect(q('pmW').toJS()).toBeGreaterThan(2);
      // a sync or async message to an HTTP connection: not a kdb+ or WebSocket peer
      q('.z.ph:{[x] phE::(@[.z.w;"1+1";{x}]; @[neg .z.w;"1+1";{x}]); .h.hy[`txt;"ok"]}').dispose();
      expect(await (await fetch(`${base}/w`)).text()).toBe('ok');
      expect(String(q('phE'))).toBe('("nyi";"nyi")');
    } finally { drop('.z.ac', '.z.ph', '.z.pp', '.z.pm', 'acW', 'phW', 'ppW', 'pmW', 'phE'); }
  });

  it('the handle is gone when the connection closes', async () => {
    q('.z.ph:{[x] phW::.z.w; .h.hy[`txt;"got"]}').dispose();
    try {
      const r = await fetch(`http://127.0.0.1:${server.port}/x`, { headers: { connection: 'close' } });
      expect(await r.text()).toBe('got');
      for (let i = 0; i < 100 && q('phW in .z.H').toJS(); i++) await new Promise((res) => setTimeout(res, 10));
      expect(q('phW in .z.H').toJS()).toBe(false);
    } finally { drop('.z.ph', 'phW'); }
  });
});

describe('WebSocket handles', () => {
  it('a sync message to a WebSocket is nyi; async goes; -38! says w; the handle is .z.wo\'s', async () => {
    q('.z.wo:{wsOpened::x}').dispose();
    q('.z.ws:{[x] neg[.z.w] .Q.s1 (@[.z.w;"1+1";{x}]; @[{.z.w x};"1+1";{x}]; (-38!.z.w)`p; .z.w=wsOpened)}').dispose();
    try {
      const lines = await child(`
        const ws = new WebSocket('ws://127.0.0.1:${server.port}');
        ws.onmessage = (e) => { console.log(e.data); ws.close(); };
        ws.onopen = () => ws.send('go');
        ws.onclose = () => process.exit(0);
      `);
      expect(lines).toEqual(['("nyi";"nyi";"w";1b)']);
    } finally { drop('.z.ws', '.z.wo', 'wsOpened'); }
  });

  it('a text frame must be UTF-8: anything else is utf8, and nothing is sent', async () => {
    // bytes built with "c"$ (a string literal's escapes are the lexer's business)
    q('.z.ws:{[x] neg[.z.w] @[neg .z.w;"c"$0xfffe;{x}]; neg[.z.w] "caf","c"$0xc3a9}').dispose();
    try {
      const lines = await child(`
        const ws = new WebSocket('ws://127.0.0.1:${server.port}');
        const got = [];
        ws.onmessage = (e) => { got.push(e.data); if (got.length === 2) { console.log(got.join('|')); ws.close(); } };
        ws.onopen = () => ws.send('go');
        ws.onclose = () => process.exit(0);
      `);
      expect(lines).toEqual(['utf8|café']);
    } finally { drop('.z.ws'); }
  });
});

const dir = mkdtempSync(join(tmpdir(), 'qwasm-wss-'));
const keyFile = join(dir, 'key.pem'), certFile = join(dir, 'cert.pem');
const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile,
  '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });

describe.runIf(made.status === 0)('over TLS: wss:// and https:// on a TLS server', () => {
  it('the browser client API over wss://, .z.ws over wss://, .z.ph over https:// with .z.w and .z.e', async () => {
    const key = readFileSync(keyFile), cert = readFileSync(certFile);
    const secure = await listen({ port: 0, tls: { key, cert } });
    try {
      const lines = await child(`
        const { connectWebSocket } = await import('./dist/index.js');
        const h = await connectWebSocket('wss://127.0.0.1:${secure.port}', { timeout: 5000 });
        console.log(String(await h.sync('sum 1 2 3')));
        try { await h.sync('1+\`a'); } catch (e) { console.log('error ' + e.message); }
        console.log(String(await h.sync('(-38!.z.w)\`p')));
        console.log(String(await h.sync('.z.e\`PROTOCOL')).startsWith('\`TLSv1'));
        await h.close();
      `, { NODE_EXTRA_CA_CERTS: certFile });
      expect(lines).toEqual(['6', 'error type', '"w"', 'true']);

      q('.z.ph:{[x] phW::(.z.w; .z.e`PROTOCOL); .h.hy[`txt;"secure"]}').dispose();
      const body = await new Promise<string>((resolve, reject) => {
        https.get({ host: '127.0.0.1', port: secure.port, path: '/x', ca: cert }, (res) => {
          let t = ''; res.on('data', (d) => { t += d; }); res.on('end', () => resolve(t));
        }).on('error', reject);
      });
      expect(body).toBe('secure');
      expect(q('phW 0').toJS()).toBeGreaterThan(2);
      expect(q('(phW 1) like "TLSv1*"').toJS()).toBe(true);
    } finally { drop('.z.ph', 'phW'); await secure.close(); }
  }, 30000);
});

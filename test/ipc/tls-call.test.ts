// TLS with the server calling its client back (`.z.w "x"`), the connection's
// TLS state (`-26!h`, `.z.e`), and q's client reading SSL_* settings as kdb+
// does (KX_SSL_* first, then SSL_*; kb/ssl.md).
//
// One TLS server runs in a child process (q's hopen blocks this thread, so the
// server it talks to must live elsewhere); another runs in this process, with
// a JS client in a child process answering its calls.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { connect, listen } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';
import { childTlsServer, nodeScript } from './child-server.js';
import { frontLine } from '../../src/ipc/tlsfront.js';

const dir = mkdtempSync(join(tmpdir(), 'qwasm-tlscall-'));
const keyFile = join(dir, 'key.pem'), certFile = join(dir, 'cert.pem');
const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile,
  '-days', '1', '-subj', '/C=GB/O=qwasm test/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
const haveOpenssl = made.status === 0;
const PORT = 25000 + (process.pid % 20000);
let child: ChildProcess | undefined;

const SSL_NAMES = ['SSL_CA_CERT_FILE', 'SSL_CA_CERT_PATH', 'SSL_VERIFY_SERVER', 'SSL_CERT_FILE', 'SSL_KEY_FILE'];
const saved = new Map<string, string | undefined>();
function setEnv(vars: Record<string, string | undefined>): void {
  for (const n of SSL_NAMES) for (const k of [n, 'KX_' + n]) { if (!saved.has(k)) saved.set(k, process.env[k]); delete process.env[k]; }
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) process.env[k] = v;
}
function restoreEnv(): void {
  for (const [k, v] of saved) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  saved.clear();
}
const drop = (...names: string[]) => { for (const n of names) { globals.get(n)?.dispose(); globals.delete(n); } };

beforeAll(async () => {
  if (!haveOpenssl) return;
  child = await childTlsServer(PORT, keyFile, certFile);
}, 20000);
afterAll(() => { child?.kill(); restoreEnv(); });

describe.runIf(haveOpenssl)('a TLS server calling its q client back (server in a child process)', () => {
  it('.z.w "x" inside .z.pg over TLS; callbacks nest; the server sees .z.e', () => {
    setEnv({ SSL_CA_CERT_FILE: certFile });
    try {
      q(`ht:hopen \`$":tcps://127.0.0.1:${PORT}"`).dispose();
      q('neg[ht]".z.pg:{[x] (value x; .z.w \\"cb[]\\")}"').dispose();
      q('cb:{6*7}').dispose();
      expect(String(q('ht"1+1"'))).toBe('2 42');
      // nested: answering, we call the server back
      q('neg[ht]"srvVal:100; .z.pg:{[x] $[x~\\"srvVal\\"; srvVal; 1+.z.w x]}"').dispose();
      q('cb:{2*.z.w"srvVal"}').dispose();
      expect(String(q('ht"cb[]"'))).toBe('201');
      q('neg[ht]".z.pg:value"').dispose();
      // the server's view of this connection: TLS without a client certificate
      expect(String(q('key ht".z.e"'))).toBe('`CIPHER`PROTOCOL');
      expect(String(q('ht"-26!.z.w"'))).toBe(String(q('ht".z.e"')));
      expect(q('(ht".z.e")[`PROTOCOL] like "TLSv1.*"').toJS()).toBe(true);
      expect(q('ht".z.e`CIPHER"').type).toBe(-11);
    } finally { try { q('neg[ht]".z.pg:value"; hclose ht').dispose(); } catch { /* */ } drop('ht', 'cb'); restoreEnv(); }
  }, 20000);

  it('-26!h on our side: the server certificate, verified against SSL_CA_CERT_FILE', () => {
    setEnv({ SSL_CA_CERT_FILE: certFile });
    try {
      q(`ht:hopen \`$":tcps://127.0.0.1:${PORT}"`).dispose();
      expect(String(q('key -26!ht'))).toBe('`CIPHER`PROTOCOL`CERT');
      expect(String(q('key (-26!ht)`CERT'))).toBe('`SUBJECT`ISSUER`SERIALNUMBER`NOTVALIDBEFORE`NOTVALIDAFTER`VERIFIED`VERIFYERROR');
      expect(String(q('(-26!ht)[`CERT;`SUBJECT]'))).toBe('"/C=GB/O=qwasm test/CN=127.0.0.1"');
      expect(String(q('(-26!ht)[`CERT;`ISSUER]'))).toBe('"/C=GB/O=qwasm test/CN=127.0.0.1"'); // self-signed
      expect(String(q('(-26!ht)[`CERT;`VERIFIED`VERIFYERROR]'))).toBe('(1b;0)');
      expect(q('(-26!ht)[`CERT;`NOTVALIDAFTER] like "* GMT"').toJS()).toBe(true);
      expect(q('all (-26!ht)[`CERT;`SERIALNUMBER] in "0123456789ABCDEF"').toJS()).toBe(true);
      q('hclose ht').dispose();
    } finally { drop('ht'); restoreEnv(); }
  }, 20000);

  it('SSL_VERIFY_SERVER=NO connects unverified: -26! says so (18: self-signed)', () => {
    setEnv({ SSL_VERIFY_SERVER: 'NO' });
    try {
      q(`ht:hopen \`$":tcps://127.0.0.1:${PORT}"`).dispose();
      expect(String(q('(-26!ht)[`CERT;`VERIFIED`VERIFYERROR]'))).toBe('(0b;18)');
      expect(String(q('ht"til 3"'))).toBe('0 1 2');
      q('hclose ht').dispose();
    } finally { drop('ht'); restoreEnv(); }
  }, 20000);

  it('reads SSL_* when KX_SSL_* is unset, and KX_SSL_* first when both are set', () => {
    // no CA at all: the self-signed server is refused
    setEnv({});
    try { expect(() => q(`hopen \`$":tcps://127.0.0.1:${PORT}"`)).toThrow(/self.signed/i); } finally { restoreEnv(); }
    // a directory of CA certificates (SSL_CA_CERT_PATH)
    const caDir = join(dir, 'cas');
    mkdirSync(caDir, { recursive: true });
    writeFileSync(join(caDir, 'ours.pem'), readFileSync(certFile));
    writeFileSync(join(caDir, 'notes.txt'), 'not a certificate');
    setEnv({ SSL_CA_CERT_PATH: caDir });
    try {
      q(`ht:hopen \`$":tcps://127.0.0.1:${PORT}"`).dispose();
      expect(String(q('ht"1+2"'))).toBe('3');
      q('hclose ht').dispose();
    } finally { drop('ht'); restoreEnv(); }
    // KX_ wins: verification off in SSL_ but on in KX_, and no CA: refused
    setEnv({ SSL_VERIFY_SERVER: 'NO', KX_SSL_VERIFY_SERVER: 'YES' });
    try { expect(() => q(`hopen \`$":tcps://127.0.0.1:${PORT}"`)).toThrow(/self.signed/i); } finally { restoreEnv(); }
    setEnv({ SSL_VERIFY_SERVER: 'YES', KX_SSL_VERIFY_SERVER: 'NO' });
    try {
      q(`ht:hopen \`$":tcps://127.0.0.1:${PORT}"`).dispose();
      q('hclose ht').dispose();
    } finally { drop('ht'); restoreEnv(); }
    // a CA file that cannot be read: the connection fails as kdb+'s does
    setEnv({ SSL_CA_CERT_FILE: join(dir, 'missing.pem') });
    try { expect(() => q(`hopen \`$":tcps://127.0.0.1:${PORT}"`)).toThrow('conn. OS reports: Protocol not available'); } finally { restoreEnv(); }
  }, 30000);

  it('YES checks the chain, not the host name; HOSTIP checks the name too', () => {
    // the certificate names 127.0.0.1; connecting as localhost
    setEnv({ SSL_CA_CERT_FILE: certFile, SSL_VERIFY_SERVER: 'YES' });
    try {
      q(`ht:hopen \`$":tcps://localhost:${PORT}"`).dispose();
      q('hclose ht').dispose();
    } finally { drop('ht'); restoreEnv(); }
    setEnv({ SSL_CA_CERT_FILE: certFile, SSL_VERIFY_SERVER: 'HOSTIP' });
    try { expect(() => q(`hopen \`$":tcps://localhost:${PORT}"`)).toThrow(); } finally { restoreEnv(); }
    setEnv({ SSL_CA_CERT_FILE: certFile, SSL_VERIFY_SERVER: 'HOSTIP' });
    try {
      q(`ht:hopen \`$":tcps://127.0.0.1:${PORT}"`).dispose();
      q('hclose ht').dispose();
    } finally { drop('ht'); restoreEnv(); }
  }, 20000);

  it('.z.e at the console is empty; -26! of no connection is the handle error', () => {
    expect(q('count .z.e').toJS()).toBe(0);
    expect(q('99h=type .z.e').toJS()).toBe(true);
    expect(() => q('-26!77i')).toThrow(/^77$/);
  });
});

describe.runIf(haveOpenssl)('this process serving TLS, a JS client in a child process answering', () => {
  it('.z.pg calls the client over TLS; .z.a is the client\'s address; .z.e the TLS state', async () => {
    const key = readFileSync(keyFile), cert = readFileSync(certFile);
    const server = await listen({ port: 0, tls: { key, cert } });
    try {
      q('.z.pg:{[x] seen::(.z.a; .z.e`PROTOCOL; key -26!.z.w); (x; .z.w "cbVal")}').dispose();
      const out = (await nodeScript(`
          const { connect, q } = await import('./dist/index.js');
          const fs = await import('node:fs');
          q('cbVal:til 3').dispose();
          const h = await connect({ port: ${server.port}, tls: { ca: fs.readFileSync(${JSON.stringify(certFile)}) }, timeout: 5000 });
          console.log(String(await h.sync('hello')));
          await h.close();`)).join('\n');
      expect(out).toBe('("hello";0 1 2)');
      expect(q('seen 0').toJS()).toBe((127 << 24) + 1); // 127.0.0.1, not the front's loopback hop as such
      expect(q('seen[1] like "TLSv1.*"').toJS()).toBe(true);
      expect(String(q('seen 2'))).toBe('`CIPHER`PROTOCOL');
    } finally {
      drop('.z.pg', 'seen');
      await server.close();
    }
  }, 30000);

  it('the inner listener takes only the front\'s first line, with its token', () => {
    const enc = (o: unknown, tail = '') => new TextEncoder().encode(JSON.stringify(o) + '\n' + tail);
    const tls = { cipher: 'X', protocol: 'TLSv1.3', verified: false };
    const f = frontLine(enc({ token: 'abc', addr: '10.0.0.1', tls }, 'rest'), 'abc')!;
    expect(f.line.addr).toBe('10.0.0.1');
    expect(new TextDecoder().decode(f.rest)).toBe('rest');
    expect(frontLine(new TextEncoder().encode('{"token":'), 'abc')).toBeUndefined(); // not all here yet
    expect(() => frontLine(enc({ token: 'abd', addr: '10.0.0.1', tls }), 'abc')).toThrow('access');
    expect(() => frontLine(enc({ token: 'ab', addr: '10.0.0.1', tls }), 'abc')).toThrow('access');
    expect(() => frontLine(enc({ addr: '10.0.0.1', tls }), 'abc')).toThrow('access');
    expect(() => frontLine(new TextEncoder().encode('kdb+ handshake\n'), 'abc')).toThrow('access');
    expect(() => frontLine(new Uint8Array(70000).fill(65), 'abc')).toThrow('access');
  });

  it('a plain kdb+ client on the TLS port is refused; TLS clients still served', async () => {
    const key = readFileSync(keyFile), cert = readFileSync(certFile);
    const server = await listen({ port: 0, tls: { key, cert } });
    try {
      // a plain (not TLS) handshake on the TLS port fails
      await expect(connect({ port: server.port, timeout: 3000 })).rejects.toThrow();
      // the TLS port still serves
      const h = await connect({ port: server.port, tls: { ca: cert } });
      try { expect(String(await h.sync('1+1'))).toBe('2'); } finally { await h.close(); }
    } finally { await server.close(); }
  }, 20000);

  it('a port in use is refused with the system\'s message', async () => {
    const key = readFileSync(keyFile), cert = readFileSync(certFile);
    const server = await listen({ port: 0, tls: { key, cert } });
    try {
      await expect(listen({ port: server.port, tls: { key, cert } })).rejects.toThrow(/EADDRINUSE/);
      // options a worker thread cannot receive are refused at listen, not later
      await expect(listen({ port: 0, tls: { key, cert, SNICallback: () => undefined } })).rejects.toThrow(/clone/i);
    } finally { await server.close(); }
  });
});

// TLS: a qwasm server with a self-signed certificate (made with openssl for
// 127.0.0.1), the JS client verifying it against that certificate, and q's
// hopen `:tcps://… against a TLS server in a child process.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { q } from '../../src/index.js';
import { connect, listen } from '../../src/ipc/index.js';
import { globals } from '../../src/lang/eval.js';
import { childTlsServer } from './child-server.js';

const dir = mkdtempSync(join(tmpdir(), 'qwasm-tls-'));
const keyFile = join(dir, 'key.pem'), certFile = join(dir, 'cert.pem');
const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile,
  '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
const haveOpenssl = made.status === 0;
const PORT = 40000 + (process.pid % 20000);
let child: ChildProcess | undefined;

beforeAll(async () => {
  if (!haveOpenssl) return;
  child = await childTlsServer(PORT, keyFile, certFile);
}, 20000);
afterAll(() => { child?.kill(); });

describe.runIf(haveOpenssl)('TLS', () => {
  it('the JS client and an in-process TLS server', async () => {
    const key = readFileSync(keyFile), cert = readFileSync(certFile);
    const server = await listen({ port: 0, tls: { key, cert } });
    try {
      const h = await connect({ port: server.port, tls: { ca: cert } });
      try { expect(String(await h.sync('{x*x}', 12))).toBe('144'); } finally { await h.close(); }
      // an unverifiable certificate is refused
      await expect(connect({ port: server.port, tls: true, timeout: 5000 })).rejects.toThrow();
    } finally { await server.close(); }
  });
  it('hopen `:tcps://host:port verifies with KX_SSL_CA_CERT_FILE', () => {
    process.env.KX_SSL_CA_CERT_FILE = certFile;
    try {
      q(`ht:hopen \`$":tcps://127.0.0.1:${PORT}"`).dispose();
      expect(String(q('ht "til 3"'))).toBe('0 1 2');
      q('hclose ht').dispose();
    } finally { globals.get('ht')?.dispose(); globals.delete('ht'); }
  });
});

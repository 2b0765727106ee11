// TLS for the server (listen({ tls })), terminated in a worker thread.
//
// A server's sync call to its client (`.z.w "x"`) blocks this thread and reads
// the client's socket itself (blocking.ts); with TLS, Node decrypts in the
// socket's stream, which only this (blocked) thread's event loop would run. So
// the TLS listener lives in a worker: for each client it completes the
// handshake, then opens a plain loopback connection to this thread's own
// listener and copies bytes both ways, decrypting and encrypting as they pass.
// This thread serves that plain connection like any other, and a blocking call
// reads it while the worker, not blocked, keeps decrypting.
//
// Each plain connection starts with one line from the worker: a secret token
// (so no other local process can pose as the front), the client's real address
// (for .z.a and compression), and its TLS state (tlsstate.ts).

import type * as Net from 'node:net';
import type * as WT from 'node:worker_threads';
import { QError } from '../errors.js';
import { net, workerThreads } from './node.js';
import type { TlsState } from './tlsstate.js';

const WORKER = String.raw`
// builtins without require: the thread may be run as a module (node --input-type=module)
const mod = (m) => process.getBuiltinModule(m);
const { parentPort, workerData: w } = mod('node:worker_threads');
const net = mod('node:net'), tls = mod('node:tls');
const live = new Set();
function stateOf(s) {
  const c = s.getCipher(), peer = s.getPeerCertificate();
  return { cipher: (c && c.name) || '', protocol: s.getProtocol() || '', verified: s.authorized === true,
    error: s.authorizationError ? String(s.authorizationError.code || s.authorizationError) : undefined,
    cert: peer && peer.raw ? new Uint8Array(peer.raw) : undefined };
}
const srv = tls.createServer(w.tls, (s) => {
  const p = net.connect({ host: '127.0.0.1', port: w.target });
  live.add(s); live.add(p);
  s.setNoDelay(true); p.setNoDelay(true);
  const st = stateOf(s);
  if (st.cert) st.cert = Buffer.from(st.cert).toString('base64');
  p.write(JSON.stringify({ token: w.token, addr: s.remoteAddress || '', tls: st }) + '\n');
  s.pipe(p); p.pipe(s);
  const gone = (a, b) => () => { live.delete(a); b.end(); setTimeout(() => b.destroy(), 2000).unref(); };
  s.on('close', gone(s, p)); p.on('close', gone(p, s));
  s.on('error', () => { s.destroy(); p.destroy(); });
  p.on('error', () => { s.destroy(); p.destroy(); });
});
srv.on('tlsClientError', () => {});
srv.once('error', (e) => parentPort.postMessage({ error: e.message }));
srv.listen(w.port, w.host, () => parentPort.postMessage({ port: srv.address().port }));
parentPort.on('message', (m) => {
  if (m === 'close') { srv.close(); for (const s of live) s.destroy(); parentPort.close(); }
});
`;

export interface TlsFront {
  /** the port clients connect to */
  readonly port: number;
  close(): Promise<void>;
}

/** What the front tells about a client, from its plain connection's first line. */
export interface FrontLine { addr: string; tls: TlsState }

/** Starts the TLS listener on host:port, forwarding to this thread's `target` port. */
export function startTlsFront(o: { host: string; port: number; tls: Record<string, unknown>; target: number; token: string }): Promise<TlsFront> {
  const wt: typeof WT = workerThreads();
  let worker: WT.Worker;
  try {
    worker = new wt.Worker(WORKER, { eval: true, workerData: { host: o.host, port: o.port, tls: o.tls, target: o.target, token: o.token } });
  } catch (e) {
    // options that cannot cross to a thread (functions such as SNICallback)
    return Promise.reject(new QError(e instanceof Error ? e.message : 'type'));
  }
  return new Promise((resolve, reject) => {
    const stopped = new Promise<void>((res) => worker.once('exit', () => res()));
    worker.once('error', (e) => reject(new QError(e.message)));
    worker.once('message', (m: { port?: number; error?: string }) => {
      if (m.error !== undefined) { void worker.terminate(); reject(new QError(m.error)); return; }
      resolve({
        port: m.port!,
        close: async () => { worker.postMessage('close'); await stopped; },
      });
    });
  });
}

/** Reads the front's first line from a plain connection's bytes: the line and
 *  what follows it, or undefined until the whole line has come. Throws for a
 *  line that is not the front's (wrong token, too long, not JSON). */
export function frontLine(bytes: Uint8Array, token: string): { line: FrontLine; rest: Uint8Array } | undefined {
  const nl = bytes.indexOf(10);
  if (nl < 0) {
    if (bytes.length > 65536) throw new QError('access');
    return undefined;
  }
  let m: { token?: unknown; addr?: unknown; tls?: TlsState & { cert?: unknown } };
  try { m = JSON.parse(new TextDecoder().decode(bytes.subarray(0, nl))); } catch { throw new QError('access'); }
  if (typeof m.token !== 'string' || !sameSecret(m.token, token) || !m.tls) throw new QError('access');
  const cert = typeof m.tls.cert === 'string' ? base64(m.tls.cert) : undefined;
  return { line: { addr: String(m.addr ?? ''), tls: { ...m.tls, cert } }, rest: bytes.subarray(nl + 1) };
}

function sameSecret(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

function base64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The loopback listener the front forwards to. */
export function frontTarget(serve: (s: Net.Socket) => void): Promise<Net.Server> {
  const srv = net().createServer(serve);
  return new Promise((resolve, reject) => {
    srv.once('error', (e) => reject(new QError(e.message)));
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}

/** A secret the front proves itself with (random, per server). */
export function frontToken(): string {
  const b = new Uint8Array(24);
  globalThis.crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// Synchronous q-level IPC (`h "expr"`) on Node's asynchronous sockets.
//
// q's `h x` must return the response before the next statement runs, but Node
// delivers socket data only to an idle event loop. So outgoing q-level
// connections live in one worker thread that owns their sockets: the main
// thread posts a request on a MessageChannel and blocks in Atomics.wait until
// the worker signals; then it takes the reply with receiveMessageOnPort. The
// worker only moves bytes (framing and the handshake); encoding and decoding
// stay on the main thread, in the engine.
//
// Async messages a server pushes while no sync call is waiting reach the main
// thread as ordinary events and are evaluated through .z.ps; those that arrive
// while a sync call waits are returned with its reply and evaluated first, as
// kdb+ processes them before the response.
//
// A sync request the server sends back while we wait (a callback on .z.w) is
// handed to the main thread, evaluated there, answered, and the wait goes on.
//
// A sync call to a server in this same thread cannot be answered while the
// thread is blocked: it waits until its timeout ('timeout), as documented.

import type * as WT from 'node:worker_threads';
import { QError } from '../errors.js';
import { workerThreads } from './node.js';
import type { ClientTls } from './sslenv.js';
import type { TlsState } from './tlsstate.js';

// The worker's program (plain JS: it needs no part of the engine).
const WORKER = String.raw`
// builtins without require: the thread may be run as a module (node --input-type=module)
const mod = (m) => process.getBuiltinModule(m);
const { parentPort, workerData } = mod('node:worker_threads');
const net = mod('node:net'), tls = mod('node:tls');
const flag = new Int32Array(workerData.sab);
const port = workerData.port;
const conns = new Map();
// what -26!h shows of a TLS connection (src/ipc/tlsstate.ts)
function tlsState(s) {
  const c = s.getCipher(), peer = s.getPeerCertificate();
  return { cipher: (c && c.name) || '', protocol: s.getProtocol() || '', verified: s.authorized === true,
    error: s.authorizationError ? String(s.authorizationError.code || s.authorizationError) : undefined,
    cert: peer && peer.raw ? new Uint8Array(peer.raw) : undefined };
}
function reply(m) { port.postMessage(m); Atomics.store(flag, 0, 1); Atomics.notify(flag, 0); }
function frames(c, chunk) {
  c.buf = c.buf.length ? Buffer.concat([c.buf, chunk]) : chunk;
  for (;;) {
    if (c.buf.length < 8) return;
    // a 40-bit length: byte 3 above the 32-bit field (capability 5 and 6 peers, src/ipc/header.ts)
    const n = c.buf[3] * 4294967296 + (c.buf[0] === 1 ? c.buf.readUInt32LE(4) : c.buf.readUInt32BE(4));
    if (n < 9) { c.sock.destroy(); return; }
    if (c.buf.length < n) return;
    const m = new Uint8Array(c.buf.subarray(0, n));
    c.buf = c.buf.subarray(n);
    if (m[1] === 2 && c.waiting) { const pushed = c.pushed; c.pushed = []; c.waiting = false; reply({ ok: true, bytes: m, pushed }); }
    // a sync request from the server while we wait: the main thread answers it, then waits on
    else if (m[1] === 1 && c.waiting) { const pushed = c.pushed; c.pushed = []; reply({ ok: true, bytes: m, pushed, request: true }); }
    else if (c.waiting) c.pushed.push(m);
    else parentPort.postMessage({ id: c.id, pushed: m });
  }
}
port.on('message', (r) => {
  if (r.op === 'open') {
    let done = false;
    const finish = (m) => { if (!done) { done = true; reply(m); } };
    const onConnect = () => {
      const a = Buffer.from(r.auth, 'utf8');
      sock.write(Buffer.concat([a, Buffer.from([3, 0])]));
    };
    // TLS as the environment asks (sslenv.ts, read on the main thread): YES checks the
    // chain but not the host name, HOSTIP both, NO neither
    const t = r.tls;
    const tlsOpts = t && { host: r.host, port: r.port, rejectUnauthorized: t.verify !== 'NO', ca: t.ca, cert: t.cert, key: t.key,
      ...(t.verify === 'HOSTIP' ? {} : { checkServerIdentity: () => undefined }) };
    const sock = t ? tls.connect(tlsOpts, onConnect) : net.connect({ host: r.host, port: r.port }, onConnect);
    sock.setNoDelay(true);
    const c = { id: r.id, sock, buf: Buffer.alloc(0), waiting: false, pushed: [], open: false };
    sock.on('data', (d) => {
      if (!c.open) { c.open = true; conns.set(r.id, c); finish({ ok: true, cap: d[0], tls: t ? tlsState(sock) : undefined }); if (d.length > 1) frames(c, d.subarray(1)); return; }
      frames(c, d);
    });
    sock.on('error', (e) => finish({ ok: false, error: e.code === 'ECONNREFUSED' ? 'hop' : e.message }));
    sock.on('close', () => {
      finish({ ok: false, error: 'access' });
      if (c.waiting) { c.waiting = false; reply({ ok: false, error: 'closed' }); }
      if (conns.get(r.id) === c) { conns.delete(r.id); parentPort.postMessage({ id: r.id, closed: true }); }
    });
    return;
  }
  const c = conns.get(r.id);
  if (r.op === 'sync') {
    if (!c) { reply({ ok: false, error: 'closed' }); return; }
    c.waiting = true;
    c.sock.write(r.bytes);
  } else if (r.op === 'respond') {
    // the answer to a request the server sent during a sync call; that call waits on
    if (!c) { reply({ ok: false, error: 'closed' }); return; }
    c.waiting = true; // a nested sync call of ours (made while answering) may have ended the wait
    c.sock.write(r.bytes);
  } else if (r.op === 'async') {
    if (c) c.sock.write(r.bytes);
  } else if (r.op === 'close') {
    if (c) { conns.delete(r.id); c.sock.destroy(); }
  } else if (r.op === 'abandon') {
    if (c) { c.waiting = false; conns.delete(r.id); c.sock.destroy(); }
  }
});
`;

interface Reply { ok: boolean; error?: string; cap?: number; tls?: TlsState; bytes?: Uint8Array; pushed?: Uint8Array[]; request?: boolean }

let bridge: { worker: WT.Worker; port: WT.MessagePort; flag: Int32Array; wt: typeof WT } | undefined;
let onPush: ((id: number, bytes: Uint8Array) => void) | undefined;
let onClosed: ((id: number) => void) | undefined;

/** Where pushed async messages and remote closes go (the handle layer sets these). */
export function setBridgeListeners(push: (id: number, bytes: Uint8Array) => void, closed: (id: number) => void): void {
  onPush = push; onClosed = closed;
}

function start(): NonNullable<typeof bridge> {
  if (bridge) return bridge;
  const wt = workerThreads();
  const sab = new SharedArrayBuffer(4);
  const { port1, port2 } = new wt.MessageChannel();
  const worker = new wt.Worker(WORKER, { eval: true, workerData: { sab, port: port2 }, transferList: [port2] });
  worker.on('message', (m: { id: number; pushed?: Uint8Array; closed?: boolean }) => {
    if (m.closed) onClosed?.(m.id);
    else if (m.pushed) onPush?.(m.id, m.pushed);
  });
  // after the listener (adding one refs the worker's port again): open q-level
  // connections do not keep a finished program alive
  worker.unref();
  port1.unref();
  bridge = { worker, port: port1, flag: new Int32Array(sab), wt };
  return bridge;
}

/** Posts a request and blocks until the worker answers (or timeout ms pass). */
function call(req: Record<string, unknown>, timeout: number): Reply {
  const b = start();
  Atomics.store(b.flag, 0, 0);
  b.port.postMessage(req);
  Atomics.wait(b.flag, 0, 0, timeout > 0 ? timeout : Infinity);
  const m = b.wt.receiveMessageOnPort(b.port);
  if (!m) {
    b.port.postMessage({ op: 'abandon', id: req.id });
    throw new QError('timeout');
  }
  return m.message as Reply;
}

/** Opens connection `id`; returns the server's capability byte, and the TLS state when TLS. */
export function bridgeOpen(id: number, host: string, port: number, auth: string, timeout: number, tls?: ClientTls): { capability: number; tls?: TlsState } {
  const r = call({ op: 'open', id, host, port, auth, tls }, timeout);
  if (!r.ok) throw new QError(r.error ?? 'hop');
  return { capability: r.cap ?? 0, tls: r.tls };
}

export interface SyncReply {
  /** the response message, or (request) a sync message the server sent meanwhile */
  bytes: Uint8Array;
  /** async messages that arrived before it */
  pushed: Uint8Array[];
  /** bytes is a request to answer (bridgeRespond), after which the call waits on */
  request: boolean;
}

/** Sends a sync message and waits for the response message bytes (and any pushed before it). */
export function bridgeSync(id: number, bytes: Uint8Array, timeout: number): SyncReply {
  return replyOf(call({ op: 'sync', id, bytes }, timeout));
}

/** Sends the answer to a server's request during a sync call, and waits on for that call's response. */
export function bridgeRespond(id: number, bytes: Uint8Array, timeout: number): SyncReply {
  return replyOf(call({ op: 'respond', id, bytes }, timeout));
}

function replyOf(r: Reply): SyncReply {
  if (!r.ok) throw new QError(r.error ?? 'closed');
  return { bytes: r.bytes!, pushed: r.pushed ?? [], request: r.request === true };
}

export function bridgeAsync(id: number, bytes: Uint8Array): void { start().port.postMessage({ op: 'async', id, bytes }); }
export function bridgeClose(id: number): void { if (bridge) bridge.port.postMessage({ op: 'close', id }); }
